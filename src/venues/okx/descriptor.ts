import type { VenueDescriptor } from '../market-types';

export const OKX_API = 'https://www.okx.com';

/** The endpoints PerpLens reads; the descriptor budgets the per-IP ones by path. */
export const OKX_PATH = {
  instruments: '/api/v5/public/instruments',
  markPrice: '/api/v5/public/mark-price',
  fundingRate: '/api/v5/public/funding-rate',
  openInterest: '/api/v5/public/open-interest',
  ticker: '/api/v5/market/ticker',
  indexTickers: '/api/v5/market/index-tickers',
  fundingHistory: '/api/v5/public/funding-rate-history',
  oiHistory: '/api/v5/rubik/stat/contracts/open-interest-history',
  takerVolume: '/api/v5/rubik/stat/taker-volume-contract',
  candles: '/api/v5/market/candles',
  tiers: '/api/v5/public/position-tiers',
  accountRatio: '/api/v5/rubik/stat/contracts/long-short-account-ratio-contract',
  topPositionRatio: '/api/v5/rubik/stat/contracts/long-short-position-ratio-contract-top-trader',
  liquidations: '/api/v5/public/liquidation-orders',
} as const;

/**
 * OKX publishes limits per endpoint, not per IP overall (docs-v5 "Rate limit" lines; ccxt's cost
 * table agrees): 20 requests / 2 s per IP for instruments, ticker and index-tickers, 10 / 2 s per IP
 * for position-tiers, 40 / 2 s per IP for candles. Mark-price (10), funding-rate (20), open-interest
 * (20), funding-rate-history (10) and the contract open-interest history (10) count per IP AND
 * instrument (as we read the docs; UNSURE for the two histories, which ccxt budgets per IP at 20):
 * one symbol's refresh cannot come near them, so only the per-IP ones get a budget of their own.
 * The venue bucket, a quarter of 60 / 2 s, is not a published figure: it caps the sum, so a
 * full refresh of one symbol (up to 12 requests: a 1 h symbol's funding history takes two pages) goes
 * at once and a popup of many symbols queues. OKX answers a breach with HTTP 429 or code 50011, which
 * holds the venue back.
 *
 * The zone model's bars page through the two rubik statistics (100 points a request): a cold start is
 * 7 pages of each, asked one after another. The docs give taker-volume-contract 5 / 2 s and the
 * contract open-interest history 10 / 2 s, both per IP and instrument (an older reading said 5 / 2 s
 * per IP for the latter). They are budgeted as published but per IP, and the gate takes a quarter of
 * each (1 and 2 requests / 2 s), under any reading of the docs.
 */
export const okxDescriptor: VenueDescriptor = {
  venue: 'okx',
  name: 'OKX',
  // OKX adds the taker fee (0.05% by default) to the tier's maintenance rate.
  liquidation: { valuation: 'liquidation', feeRate: 0.0005 },
  apiBase: OKX_API,
  // Codes OKX returns inside HTTP 200 (docs-v5 "Error codes"): 51001 "Instrument ID ... doesn't exist",
  // 51000 "Parameter {param} error", 50011 "Rate limit reached".
  errorCodes: {
    '51001': { kind: 'bad-request', means: 'unknown instrument' },
    '51000': { kind: 'bad-request', means: 'parameter error' },
    '50011': { kind: 'rate-limited', means: 'rate limit reached' },
  },
  rateLimit: {
    units: 60,
    windowMs: 2_000,
    unit: 'requests',
    note:
      'Per endpoint: 20 requests / 2 s per IP (instruments, ticker, index-tickers), 10 / 2 s per IP ' +
      '(position-tiers), 40 / 2 s per IP (candles); per IP and instrument: 10 / 2 s (mark-price, ' +
      'funding-rate-history, open-interest history), 20 / 2 s (funding-rate, open-interest). 60 / 2 s ' +
      'is a budget over the endpoints PerpLens uses, not a published figure. Breaches answer HTTP 429 ' +
      'or code 50011. Zone bars (15m): candles in pages of 300, the rubik open-interest history (10 / 2 s) ' +
      'and taker-volume-contract (5 / 2 s), both per IP and instrument, in pages of 100, page after page: ' +
      'a cold start is 3 + 7 + 7 requests (paced by the taker budget, about 12 s), a 15-minute update 1 + 1 + 1.',
  },
  endpointLimits: [
    { paths: [OKX_PATH.instruments], requests: 20, windowMs: 2_000 },
    { paths: [OKX_PATH.ticker], requests: 20, windowMs: 2_000 },
    { paths: [OKX_PATH.indexTickers], requests: 20, windowMs: 2_000 },
    { paths: [OKX_PATH.tiers], requests: 10, windowMs: 2_000 },
    { paths: [OKX_PATH.candles], requests: 40, windowMs: 2_000 },
    // Per IP and instrument at the venue; budgeted per IP, so one symbol's seven cold pages cannot break them.
    { paths: [OKX_PATH.oiHistory], requests: 10, windowMs: 2_000 },
    { paths: [OKX_PATH.takerVolume], requests: 5, windowMs: 2_000 },
    // The account and top-trader ratios: 5 / 2 s per IP each (docs-v5).
    { paths: [OKX_PATH.accountRatio], requests: 5, windowMs: 2_000 },
    { paths: [OKX_PATH.topPositionRatio], requests: 5, windowMs: 2_000 },
    { paths: [OKX_PATH.liquidations], requests: 40, windowMs: 2_000 },
  ],
  endpoints: [
    { path: OKX_PATH.instruments, feeds: ['instruments'] },
    { path: OKX_PATH.markPrice, feeds: ['quote', 'tiers'] },
    { path: OKX_PATH.fundingRate, feeds: ['quote'] },
    { path: OKX_PATH.openInterest, feeds: ['quote'] },
    { path: OKX_PATH.ticker, feeds: ['quote'] },
    { path: OKX_PATH.indexTickers, feeds: ['quote'] },
    { path: OKX_PATH.fundingHistory, feeds: ['funding'] },
    { path: OKX_PATH.oiHistory, feeds: ['oi', 'zones'] },
    { path: OKX_PATH.candles, feeds: ['candles', 'zones'] },
    { path: OKX_PATH.takerVolume, feeds: ['zones'] },
    { path: OKX_PATH.tiers, feeds: ['tiers'] },
    { path: OKX_PATH.accountRatio, feeds: ['crowding'] },
    { path: OKX_PATH.topPositionRatio, feeds: ['crowding'] },
    { path: OKX_PATH.liquidations, feeds: ['flow'] },
  ],
};
