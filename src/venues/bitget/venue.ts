import type { VenueRecord } from '../record-types';
import { bitgetDescriptor } from './descriptor';
import { bitgetMarket } from './market';
import { bitgetSymbolFromUrl } from './page-url';

export const bitgetVenue = {
  id: 'bitget',
  // Every futures page, so a move between Bitget's products inside its app keeps the reader (it reads USDT-M only).
  pages: ['https://www.bitget.com/*futures/*'],
  // Bitget publishes no public liquidation stream.
  websockets: [],
  // USDT-M perpetuals: BTCUSDT.
  market: {
    example: 'BTCUSDT',
    forAsset: (asset) => `${asset}USDT`,
    quote: (symbol) => (/^[A-Z0-9]{2,30}USDT$/.test(symbol) ? 'USDT' : null),
  },
  matchUrl: bitgetSymbolFromUrl,
  client: bitgetMarket,
  descriptor: bitgetDescriptor,
} as const satisfies VenueRecord<'bitget'>;
