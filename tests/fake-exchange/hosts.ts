// Every hostname the built extension talks to or injects into; the browsers map each of them to the
// fake exchange so the extension is tested unchanged, under the real names.
export const VENUE_HOSTS = [
  'www.binance.com',
  'fapi.binance.com',
  'fstream.binance.com',
  'www.bybit.com',
  'api.bybit.com',
  'stream.bybit.com',
  'www.okx.com',
  'app.hyperliquid.xyz',
  'api.hyperliquid.xyz',
  'dydx.trade',
  'indexer.dydx.trade',
  'www.bitget.com',
  'api.bitget.com',
  'app.gmx.io',
  'arbitrum.gmxapi.io',
  'arbitrum-api.gmxinfra.io',
  'app.lighter.xyz',
  'mainnet.zklighter.elliot.ai',
] as const;
export type VenueHost = (typeof VENUE_HOSTS)[number];
