import type { VenueRecord } from '../record-types';
import { bitgetDescriptor } from './descriptor';
import { bitgetMarket } from './market';
import { bitgetSymbolFromUrl } from './page-url';

export const bitgetVenue = {
  id: 'bitget',
  pages: ['https://www.bitget.com/*'],
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
