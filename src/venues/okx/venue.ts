import type { VenueRecord } from '../record-types';
import { okxDescriptor } from './descriptor';
import { okxMarket } from './market';
import { okxSymbolFromUrl } from './page-url';

export const okxVenue = {
  id: 'okx',
  pages: ['https://www.okx.com/*'],
  websockets: [],
  market: {
    example: 'BTC-USDT-SWAP',
    forAsset: (asset) => `${asset}-USDT-SWAP`,
    quote: (symbol) => /^[A-Z0-9]+-(USDT|USDC|USD)-SWAP$/.exec(symbol)?.[1] ?? null,
  },
  matchUrl: okxSymbolFromUrl,
  client: okxMarket,
  descriptor: okxDescriptor,
} as const satisfies VenueRecord<'okx'>;
