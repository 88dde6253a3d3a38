import type { VenueRecord } from '../record-types';
import { BINANCE_STREAM_ORIGIN } from './liquidations';
import { binanceDescriptor } from './descriptor';
import { binanceMarket } from './market';
import { binanceSymbolFromUrl } from './page-url';

export const binanceVenue = {
  id: 'binance',
  pages: ['https://www.binance.com/*futures/*'],
  // The public liquidation stream (liquidations.ts).
  websockets: [BINANCE_STREAM_ORIGIN],
  // USDⓈ-M perpetuals: BTCUSDT, BTCUSDC.
  market: { example: 'BTCUSDT', forAsset: (asset) => `${asset}USDT`, quote: (symbol) => /(USDT|USDC)$/.exec(symbol)?.[1] ?? null },
  matchUrl: binanceSymbolFromUrl,
  client: binanceMarket,
  descriptor: binanceDescriptor,
} as const satisfies VenueRecord<'binance'>;
