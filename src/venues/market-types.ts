import type { VenueId } from './types';

/** A figure as fetched: where it came from and when, so the UI can say how old it is. */
export interface Sourced {
  /** Endpoint path the figure came from, e.g. `/fapi/v1/premiumIndex`. */
  source: string;
  /** Epoch ms at which the response arrived. */
  fetchedAt: number;
}

/** The fast-moving part of a market: prices and the current funding rate. */
export interface MarketQuote extends Sourced {
  venue: VenueId;
  symbol: string;
  markPrice: number;
  indexPrice: number | null;
  /** Current (predicted) funding rate for the running interval, a fraction. */
  fundingRate: number;
  /** Epoch ms of the next funding settlement. */
  nextFundingTime: number | null;
}

export const FETCH_ERROR_KINDS = [
  'region-blocked',
  'rate-limited',
  'http',
  'timeout',
  'network',
  'malformed',
  'schema',
  'unknown-symbol',
  'bad-request',
] as const;
export type FetchErrorKind = (typeof FETCH_ERROR_KINDS)[number];

/** A failure that names the venue, the endpoint and what was wrong; never a NaN further down. */
export interface FetchError {
  kind: FetchErrorKind;
  venue: VenueId | null;
  endpoint: string;
  message: string;
  /** When the venue told us (Retry-After) or our backoff decided when to try again. */
  retryAt?: number;
  status?: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: FetchError };
