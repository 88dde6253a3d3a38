import type { VenueDescriptor } from '../market-types';

export const BINANCE_FAPI = 'https://fapi.binance.com';
/**
 * Host of the public, undocumented bracket table. The official `/fapi/v1/leverageBracket` is signed,
 * so maintenance tiers come from the endpoint behind Binance's own leverage-bracket page.
 */
export const BINANCE_WWW = 'https://www.binance.com';
export const BRACKETS_PATH = '/bapi/futures/v1/friendly/future/common/brackets';

/** The fapi endpoints PerpLens reads; the descriptor budgets some by path. */
export const BINANCE_PATH = {
  exchangeInfo: '/fapi/v1/exchangeInfo',
  premiumIndex: '/fapi/v1/premiumIndex',
  openInterest: '/fapi/v1/openInterest',
  fundingInfo: '/fapi/v1/fundingInfo',
  fundingRate: '/fapi/v1/fundingRate',
  openInterestHist: '/futures/data/openInterestHist',
  klines: '/fapi/v1/klines',
  accountRatio: '/futures/data/globalLongShortAccountRatio',
  topPositionRatio: '/futures/data/topLongShortPositionRatio',
} as const;

export const binanceDescriptor: VenueDescriptor = {
  venue: 'binance',
  name: 'Binance',
  // Binance values maintenance margin at the liquidation price with the bracket's cum deduction.
  liquidation: { valuation: 'liquidation', feeRate: 0 },
  apiBase: BINANCE_FAPI,
  // The bracket table lives on www.binance.com: without it here the gate refuses that request and
  // every Binance tier table silently became the bundled fallback.
  extraOrigins: [BINANCE_WWW],
  rateLimit: {
    units: 2400,
    windowMs: 60_000,
    unit: 'weight',
    note:
      'USDⓈ-M: 2400 request weight per minute per IP (exchangeInfo rateLimits REQUEST_WEIGHT/MINUTE; the ' +
      'X-MBX-USED-WEIGHT-1M header reports use). A quote costs 2 (premiumIndex + openInterest), candles 2, ' +
      'the instrument list 1 per hour (premiumIndex, openInterest, exchangeInfo and klines under 100 rows ' +
      'weigh 1 each). fundingRate + fundingInfo share a separate 500 requests / 5 min per IP (docs); ' +
      '/futures/data/openInterestHist has its own per-IP request limit (1000 / 5 min as we read it, UNSURE). ' +
      'The www.binance.com bracket table publishes no limit and is fetched once an hour for all symbols. ' +
      'Zone bars (15m): klines in pages of at most 499 rows (weight 2 each; under 100 rows 1) and ' +
      'openInterestHist in pages of at most 500 points (weight 0 in the docs, counted 1 here; its own ' +
      'request limit): a cold start is 2 + 2 requests, a 15-minute update 1 + 1. ' +
      '429 means back off; repeated 429s earn a 418 ban (2 min to 3 days). HTTP 451 is a region block.',
  },
  // -1121 "Invalid symbol.": the symbol left the venue since its instrument list was read.
  errorCodes: { '-1121': { kind: 'unknown-symbol', means: '{symbol} is no longer listed' } },
  endpointLimits: [
    // "fundingRate ... share 500/5min/IP rate limit with GET /fapi/v1/fundingInfo" (docs): a budget of
    // its own, or two hundred symbols' cold start would pass the weight budget and break this one.
    { paths: [BINANCE_PATH.fundingRate, BINANCE_PATH.fundingInfo], requests: 500, windowMs: 5 * 60_000 },
    // UNSURE figure (see the note): budgeted as read, since a lower true limit is the risk.
    // The ratio statistics are the same /futures/data family: budgeted together, as one limit, the safe reading.
    { paths: [BINANCE_PATH.openInterestHist, BINANCE_PATH.accountRatio, BINANCE_PATH.topPositionRatio], requests: 1000, windowMs: 5 * 60_000 },
  ],
  endpoints: [
    { path: BINANCE_PATH.exchangeInfo, feeds: ['instruments'] },
    { path: BINANCE_PATH.premiumIndex, feeds: ['quote'] },
    { path: BINANCE_PATH.openInterest, feeds: ['quote'] },
    { path: BINANCE_PATH.fundingInfo, feeds: ['quote'] },
    { path: BINANCE_PATH.fundingRate, feeds: ['funding'] },
    { path: BINANCE_PATH.openInterestHist, feeds: ['oi', 'zones'] },
    { path: BINANCE_PATH.klines, feeds: ['candles', 'zones'] },
    { origin: BINANCE_WWW, path: BRACKETS_PATH, feeds: ['tiers'] },
    { path: BINANCE_PATH.accountRatio, feeds: ['crowding'] },
    { path: BINANCE_PATH.topPositionRatio, feeds: ['crowding'] },
  ],
};
