import type { VenueDescriptor } from '../market-types';

export const OKX_API = 'https://www.okx.com';

/**
 * OKX publishes limits per endpoint, not per IP overall (docs-v5 "Rate limit" lines): 20 requests /
 * 2 s for instruments, open-interest, ticker and index-tickers; 10 / 2 s for mark-price,
 * funding-rate, funding-rate-history (per instrument) and position-tiers; 10 / 2 s per instrument for
 * the contract open-interest history; 40 / 2 s for candles. The gate keeps one bucket per venue, so it
 * gets the sum over a few of the endpoints PerpLens calls: a quarter of 60 / 2 s lets one full
 * refresh (up to 12 requests: a 1 h symbol's funding history takes two pages) through at once, while
 * the per-endpoint caps still only bind when a dozen symbols refresh in the same two seconds. OKX
 * answers a breach with HTTP 429 or code 50011, which holds the venue back.
 */
export const okxDescriptor: VenueDescriptor = {
  venue: 'okx',
  // OKX adds the taker fee (0.05% by default) to the tier's maintenance rate.
  liquidation: { valuation: 'liquidation', feeRate: 0.0005 },
  apiBase: OKX_API,
  rateLimit: {
    units: 60,
    windowMs: 2_000,
    unit: 'requests',
    note:
      'Per endpoint and IP: 20 requests / 2 s (instruments, open-interest, ticker, index-tickers), 10 / 2 s ' +
      '(mark-price, funding-rate, funding-rate-history, position-tiers, open-interest history per ' +
      'instrument), 40 / 2 s (candles). 60 / 2 s is a budget over the endpoints PerpLens uses, not a ' +
      'published figure. Breaches answer HTTP 429 or code 50011.',
  },
};
