import type { VenueDescriptor } from '../market-types';

export const BITGET_API = 'https://api.bitget.com';

/** The v2 public mix-market endpoints PerpLens reads (productType USDT-FUTURES). */
export const BITGET_PATH = {
  contracts: '/api/v2/mix/market/contracts',
  ticker: '/api/v2/mix/market/ticker',
  currentFunding: '/api/v2/mix/market/current-fund-rate',
  fundingHistory: '/api/v2/mix/market/history-fund-rate',
  candles: '/api/v2/mix/market/candles',
  tiers: '/api/v2/mix/market/query-position-lever',
  accountRatio: '/api/v2/mix/market/account-long-short',
} as const;

/** The taker fee Bitget's liquidation formula adds to the maintenance rate (the default tier's 0.06%). */
export const BITGET_TAKER_FEE = 0.0006;

/**
 * Bitget's API docs give every public mix-market endpoint its own limit per IP (20 requests / s for
 * contracts, ticker, candles and both funding endpoints; 10 / s for query-position-lever; 1 / s for
 * the "trading insight" ratios such as account-long-short) and an overall 6000 / min per IP, past
 * which it answers HTTP 429 and holds the IP back for 5 minutes (changelog 2025-08-11). The gate
 * takes a quarter of each.
 */
export const bitgetDescriptor: VenueDescriptor = {
  venue: 'bitget',
  name: 'Bitget',
  // Estimated liquidation price = [margin − Q·EP·s] ÷ [Q·(MMR + taker fee − s)] (Bitget help centre,
  // "Estimated liquidation price"): maintenance valued at the liquidation price, taker fee added to
  // the rate. Since 2025-11-10 the rate is charged tier by tier, which the tiers' deductions carry.
  liquidation: { valuation: 'liquidation', feeRate: BITGET_TAKER_FEE },
  apiBase: BITGET_API,
  // Codes inside the envelope (Bitget API "Error codes"): 40034 "Parameter {0} does not exist" is what
  // an unknown symbol gets; 40309 "The contract has been removed"; 429 "Too many requests".
  errorCodes: {
    '40034': { kind: 'bad-request', means: 'unknown symbol {symbol}' },
    '40309': { kind: 'bad-request', means: 'the contract has been removed' },
    '429': { kind: 'rate-limited', means: 'too many requests' },
  },
  rateLimit: {
    units: 6_000,
    windowMs: 60_000,
    unit: 'requests',
    note:
      'v2 public market data: 6000 requests / min per IP overall, and per endpoint 20 / s per IP (contracts, ' +
      'ticker, candles, current-fund-rate, history-fund-rate), 10 / s (query-position-lever), 1 / s ' +
      '(account-long-short). Past a limit Bitget answers HTTP 429; after the overall one it holds the IP ' +
      'back for 5 minutes. A quote is 2 requests (ticker, current-fund-rate), candles 2, the contract list ' +
      '1 per hour. Bitget publishes no open-interest history: PerpLens records the open interest while ' +
      'a market is watched. Zone bars (15m): candles in one request of up to 1000 rows; a cold start is 1 ' +
      'request, a 15-minute update 1.',
  },
  endpointLimits: [
    { paths: [BITGET_PATH.contracts], requests: 20, windowMs: 1_000 },
    { paths: [BITGET_PATH.ticker], requests: 20, windowMs: 1_000 },
    { paths: [BITGET_PATH.currentFunding], requests: 20, windowMs: 1_000 },
    { paths: [BITGET_PATH.fundingHistory], requests: 20, windowMs: 1_000 },
    { paths: [BITGET_PATH.candles], requests: 20, windowMs: 1_000 },
    { paths: [BITGET_PATH.tiers], requests: 10, windowMs: 1_000 },
    // 1 / s, written as 4 / 4 s so the gate's quarter is one request every 4 s, not the whole limit.
    { paths: [BITGET_PATH.accountRatio], requests: 4, windowMs: 4_000 },
  ],
  endpoints: [
    { path: BITGET_PATH.contracts, feeds: ['instruments'] },
    { path: BITGET_PATH.ticker, feeds: ['quote'] },
    { path: BITGET_PATH.currentFunding, feeds: ['quote'] },
    { path: BITGET_PATH.fundingHistory, feeds: ['funding'] },
    { path: BITGET_PATH.candles, feeds: ['candles', 'zones'] },
    { path: BITGET_PATH.tiers, feeds: ['tiers'] },
    { path: BITGET_PATH.accountRatio, feeds: ['crowding'] },
  ],
};
