import type { VenueDescriptor } from '../market-types';

export const BYBIT_API = 'https://api.bybit.com';

/** The v5 public market endpoints PerpLens reads. */
export const BYBIT_PATH = {
  instruments: '/v5/market/instruments-info',
  tickers: '/v5/market/tickers',
  funding: '/v5/market/funding/history',
  openInterest: '/v5/market/open-interest',
  kline: '/v5/market/kline',
  riskLimit: '/v5/market/risk-limit',
  accountRatio: '/v5/market/account-ratio',
} as const;

// Note for the risk math (docs/risk-math.md §1.1): Bybit values maintenance margin at the
// ENTRY price (MM = Q·EP·MMR − mmDeduction), not at the liquidation price as Binance does, so its
// tiers feed the core's entry-price valuation mode. Nothing in this client depends on it.
export const bybitDescriptor: VenueDescriptor = {
  venue: 'bybit',
  name: 'Bybit',
  // Bybit values maintenance margin at the ENTRY price (help-centre formula); the fee-to-close cancels.
  liquidation: { valuation: 'entry', feeRate: 0 },
  apiBase: BYBIT_API,
  // Non-zero retCode inside an HTTP 200: 10001 "params error" (an unknown symbol among them), 10006 "too many visits".
  errorCodes: { '10001': { kind: 'bad-request', means: 'params error' }, '10006': { kind: 'rate-limited', means: 'too many visits' } },
  rateLimit: {
    units: 600,
    windowMs: 5_000,
    unit: 'requests',
    note:
      'v5 public market data: 600 requests per 5 s per IP across all endpoints. Past it Bybit answers ' +
      'HTTP 403 "access too frequent" and bans the IP for about 10 minutes, so a 403 may be a rate ban ' +
      'as well as a region block. A quote is 1 request (tickers), candles 2, the instrument list 1 per hour. ' +
      'Zone bars (15m): kline in one request of up to 1000 rows and open-interest in pages of 200 points ' +
      '(nextPageCursor): a cold start is 1 + 4 requests, a 15-minute update 1 + 1.',
  },
  endpoints: [
    { path: BYBIT_PATH.instruments, feeds: ['instruments'] },
    { path: BYBIT_PATH.tickers, feeds: ['quote'] },
    { path: BYBIT_PATH.funding, feeds: ['funding'] },
    { path: BYBIT_PATH.openInterest, feeds: ['oi', 'zones'] },
    { path: BYBIT_PATH.kline, feeds: ['candles', 'zones'] },
    { path: BYBIT_PATH.riskLimit, feeds: ['tiers'] },
    { path: BYBIT_PATH.accountRatio, feeds: ['crowding'] },
  ],
};
