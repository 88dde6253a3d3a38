import type { VenueRecord } from '../record-types';
import { BYBIT_STREAM_ORIGIN } from './liquidations';
import { bybitDescriptor } from './descriptor';
import { bybitMarket } from './market';
import { bybitSymbolFromUrl } from './page-url';

export const bybitVenue = {
  id: 'bybit',
  pages: ['https://www.bybit.com/*'],
  // The public liquidation stream (liquidations.ts).
  websockets: [BYBIT_STREAM_ORIGIN],
  // Linear perpetuals: BTCUSDT, BTCUSDC, and USDC's older ETHPERP.
  market: {
    example: 'BTCUSDT',
    forAsset: (asset) => `${asset}USDT`,
    quote: (symbol) => /(USDT|USDC)$/.exec(symbol)?.[1] ?? (/PERP$/.test(symbol) ? 'USDC' : null),
  },
  matchUrl: bybitSymbolFromUrl,
  client: bybitMarket,
  descriptor: bybitDescriptor,
} as const satisfies VenueRecord<'bybit'>;
