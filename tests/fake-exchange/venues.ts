import { binanceApi } from './binance';
import { bitgetApi } from './bitget';
import { bybitApi } from './bybit';
import { dydxApi } from './dydx';
import { gmxApi } from './gmx';
import { hyperliquidApi } from './hyperliquid';
import { lighterApi } from './lighter';
import { okxApi } from './okx';
import type { VenueHandler } from './venue-handler';

/** API host → the venue handler that serves it. www.binance.com and www.okx.com serve pages too. */
export const API_HANDLERS: Record<string, VenueHandler> = {
  'fapi.binance.com': binanceApi,
  'www.binance.com': binanceApi,
  'api.bybit.com': bybitApi,
  'www.okx.com': okxApi,
  'api.hyperliquid.xyz': hyperliquidApi,
  'indexer.dydx.trade': dydxApi,
  'api.bitget.com': bitgetApi,
  'arbitrum.gmxapi.io': gmxApi,
  'arbitrum-api.gmxinfra.io': gmxApi,
  // REST only; its websocket (/stream) is served by lighter-stream.ts.
  'mainnet.zklighter.elliot.ai': lighterApi,
};
