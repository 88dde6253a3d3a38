import type { VenueDescriptor } from '../market-types';

/** The indexer run for the dYdX chain's token holders; every public read is a GET under /v4. */
export const DYDX_INDEXER = 'https://indexer.dydx.trade/v4';
/** The market's public trades, liquidations among them (liquidations.ts). */
export const DYDX_TRADES_PATH = '/trades/perpetualMarket/{symbol}';

export const dydxDescriptor: VenueDescriptor = {
  venue: 'dydx',
  name: 'dYdX',
  // dYdX: one maintenance margin fraction per market, no deduction.
  liquidation: { valuation: 'liquidation', feeRate: 0 },
  apiBase: DYDX_INDEXER,
  rateLimit: {
    units: 100,
    windowMs: 10_000,
    unit: 'requests',
    note:
      '100 requests / 10 s per IP for the public indexer. One refresh of a market costs at most 5: the ' +
      'market (shared by quote and tiers), funding history (1 page of 1000 hourly rows; up to 8 pages ' +
      'of 100 if the deployment caps the limit lower), hourly candles (shared with OI history), daily ' +
      'candles. Zone bars (15MINS candles, which carry the open interest too): one request of up to 1000 ' +
      'rows, for a cold start (673 rows) as for a 15-minute update.',
  },
  endpoints: [
    // One list serves the market, its quote and its single maintenance fraction.
    { path: '/perpetualMarkets', feeds: ['instruments', 'quote', 'tiers'] },
    { path: '/historicalFunding/{symbol}', feeds: ['funding'] },
    // Hourly candles carry the open interest too; 15-minute ones feed the zone model.
    { path: '/candles/perpetualMarkets/{symbol}', feeds: ['oi', 'candles', 'zones'] },
    { path: DYDX_TRADES_PATH, feeds: ['flow'] },
  ],
};
