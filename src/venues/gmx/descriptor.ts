import type { VenueDescriptor } from '../market-types';

/** GMX's API (gmx-interface sdk/src/configs/api.ts): markets, tokens, rates, positions. */
export const GMX_API = 'https://arbitrum.gmxapi.io';
/** GMX's oracle keeper (sdk/src/configs/oracleKeeper.ts): prices and candles. */
export const GMX_KEEPER = 'https://arbitrum-api.gmxinfra.io';

export const GMX_PATH = {
  tokens: '/v1/tokens',
  marketsInfo: '/v1/markets/info',
  rates: '/v1/rates',
  positions: '/v1/positions',
  tickers: '/prices/tickers',
  day: '/prices/24h',
  candles: '/prices/candles',
} as const;

/**
 * GMX publishes no rate limit for either host. Its own interface, per open tab, asks the keeper for
 * prices every second and the API for market values every 5 s (≈ 4,300 requests an hour); PerpLens
 * holds itself to 100 requests a minute per host and its gate to a quarter of that.
 */
export const gmxDescriptor: VenueDescriptor = {
  venue: 'gmx',
  name: 'GMX',
  // A position is liquidated when collateral after fees plus PnL falls to size × the market's
  // minCollateralFactorForLiquidation, the size valued at entry, with the closing fee counted
  // (liquidation.ts). The factor and the closing fee are per market: the tier table carries them.
  liquidation: { valuation: 'entry', feeRate: 0 },
  apiBase: GMX_API,
  extraOrigins: [GMX_KEEPER],
  rateLimit: {
    units: 100,
    windowMs: 60_000,
    unit: 'requests',
    note:
      'GMX publishes no limit for arbitrum.gmxapi.io or its oracle keeper arbitrum-api.gmxinfra.io; its own ' +
      'interface asks for prices every second and for market values every 5 s per open tab. PerpLens holds ' +
      'itself to 100 requests / min. A quote is 2 requests (the keeper’s tickers and the markets’ info, both ' +
      'lists shared by every GMX market) and the keeper’s 24 h prices every 10 minutes, candles 2 (1h and 1d from the keeper), funding history 1 (/v1/rates, ' +
      '30 days), the token list 1 per hour. Zone bars: one 15-minute candle request. GMX publishes no ' +
      'open-interest history: PerpLens records it while a market is watched.',
  },
  endpoints: [
    { path: GMX_PATH.tokens, feeds: ['instruments'] },
    { path: GMX_PATH.marketsInfo, feeds: ['instruments', 'quote', 'tiers'] },
    { path: GMX_PATH.rates, feeds: ['funding'] },
    { origin: GMX_KEEPER, path: GMX_PATH.tickers, feeds: ['quote', 'candles', 'zones'] },
    // The price a day ago, against which a price 2× off is refused as corrupt.
    { origin: GMX_KEEPER, path: GMX_PATH.day, feeds: ['quote'] },
    { origin: GMX_KEEPER, path: GMX_PATH.candles, feeds: ['candles', 'zones'] },
  ],
};
