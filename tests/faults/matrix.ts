// The fault matrix's data: every endpoint each venue's market client uses and what it feeds (read from
// the venue's record), and every way a venue fails. Shared by the unit matrix (venue-faults.test.ts) and, in part, the e2e slice.
import type { FetchErrorKind } from '../../src/venues/market-types';
import type { SnapshotPart } from '../../src/venues/snapshot-types';
import type { VenueEndpoint } from '../../src/venues/market-types';
import { perVenue, venueRecord } from '../../src/venues/registry';
import type { VenueId } from '../../src/venues/types';
import type { Fault } from './world';

export type Part = SnapshotPart | 'instruments';

export interface Endpoint {
  /** `host/path` (Hyperliquid: `/info#type`), as world.ts counts requests. */
  id: string;
  /** Parts of the snapshot it feeds. */
  parts: Part[];
  /**
   * Its failure is absorbed by design and shows in no part: Binance's fundingInfo only refines the
   * interval; Binance's bracket table falls back to the bundled one (`tiers.fallback`).
   */
  absorbed?: 'quote-stands' | 'fallback-tiers';
  /** Faults whose outcome differs from the fault's own kind, with why that outcome is right. */
  outcome?: Record<string, FetchErrorKind | 'accepted'>;
}

/** A history that comes back empty is "no history yet": the fields say so, nothing is invented. */
const EMPTY_HISTORY = { 'empty lists': 'accepted' } as const;
/** The instrument list carries no prices: an unreadable tick size is left unknown, the market stays. */
const TICK_ONLY = { '"NaN" strings': 'accepted', '"Infinity" strings and 1e999': 'accepted' } as const;
/** OKX answers an unknown instId with 51001; an empty data list is read the same way (okx/market.ts rowFor). */
const OKX_EMPTY = { 'empty lists': 'bad-request' } as const;

export const SYMBOL: Record<VenueId, string> = {
  binance: 'BTCUSDT',
  bybit: 'BTCUSDT',
  okx: 'BTC-USDT-SWAP',
  hyperliquid: 'BTC',
  dydx: 'BTC-USD',
  bitget: 'BTCUSDT',
  gmx: 'BTC:BTC-USDC',
  lighter: 'BTC',
};

/**
 * What the matrix knows beyond the venue's record, per endpoint path (as its record writes it): the
 * failures absorbed by design and the outcomes that differ from the fault's own kind.
 */
const EXPECTED: Partial<Record<VenueId, Record<string, Pick<Endpoint, 'absorbed' | 'outcome'>>>> = {
  binance: {
    '/fapi/v1/exchangeInfo': { outcome: TICK_ONLY },
    '/fapi/v1/fundingInfo': { absorbed: 'quote-stands' },
    '/fapi/v1/fundingRate': { outcome: EMPTY_HISTORY },
    '/futures/data/openInterestHist': { outcome: EMPTY_HISTORY },
    '/bapi/futures/v1/friendly/future/common/brackets': { absorbed: 'fallback-tiers' },
    '/futures/data/globalLongShortAccountRatio': { outcome: EMPTY_HISTORY },
    '/futures/data/topLongShortPositionRatio': { outcome: EMPTY_HISTORY },
  },
  bybit: {
    '/v5/market/instruments-info': { outcome: TICK_ONLY },
    // An empty ticker list for a listed symbol reads as "no ticker for it" (bybit/market.ts quote).
    '/v5/market/tickers': { outcome: { 'empty lists': 'unknown-symbol' } },
    '/v5/market/funding/history': { outcome: EMPTY_HISTORY },
    '/v5/market/open-interest': { outcome: EMPTY_HISTORY },
    '/v5/market/risk-limit': { outcome: { 'empty lists': 'unknown-symbol' } },
    '/v5/market/account-ratio': { outcome: EMPTY_HISTORY },
  },
  okx: {
    '/api/v5/public/mark-price': { outcome: OKX_EMPTY },
    '/api/v5/public/funding-rate': { outcome: OKX_EMPTY },
    '/api/v5/public/open-interest': { outcome: OKX_EMPTY },
    '/api/v5/market/ticker': { outcome: OKX_EMPTY },
    '/api/v5/market/index-tickers': { absorbed: 'quote-stands' },
    '/api/v5/public/funding-rate-history': { outcome: EMPTY_HISTORY },
    '/api/v5/rubik/stat/contracts/open-interest-history': { outcome: EMPTY_HISTORY },
    '/api/v5/market/candles': { outcome: EMPTY_HISTORY },
    '/api/v5/rubik/stat/contracts/long-short-account-ratio-contract': { outcome: EMPTY_HISTORY },
    '/api/v5/rubik/stat/contracts/long-short-position-ratio-contract-top-trader': { outcome: EMPTY_HISTORY },
    '/api/v5/public/liquidation-orders': { outcome: EMPTY_HISTORY },
    // No taker rows: every bar keeps its candle volume with no split (the model assumes 50/50).
    '/api/v5/rubik/stat/taker-volume-contract': { outcome: EMPTY_HISTORY },
  },
  bitget: {
    // An empty list for a listed symbol reads as Bitget not knowing it (bitget/market.ts rowFor).
    '/api/v2/mix/market/ticker': { outcome: { 'empty lists': 'unknown-symbol' } },
    '/api/v2/mix/market/current-fund-rate': { outcome: { 'empty lists': 'unknown-symbol' } },
    '/api/v2/mix/market/query-position-lever': { outcome: { 'empty lists': 'unknown-symbol' } },
    '/api/v2/mix/market/history-fund-rate': { outcome: EMPTY_HISTORY },
    '/api/v2/mix/market/account-long-short': { outcome: EMPTY_HISTORY },
  },
  gmx: {
    // The token list holds no figure (decimals are integers): nothing to corrupt.
    '/v1/tokens': { outcome: TICK_ONLY },
    '/v1/rates': { outcome: EMPTY_HISTORY },
    // Only the plausibility check reads the day's prices: without them the quote stands, unchecked.
    '/prices/24h': { absorbed: 'quote-stands', outcome: { 'empty lists': 'accepted' } },
  },
  lighter: {
    // The list's figures PerpLens reads are integers (ids, decimals, margin fractions): nothing to corrupt.
    '/api/v1/orderBookDetails': { outcome: TICK_ONLY },
    '/api/v1/fundings': { outcome: EMPTY_HISTORY },
  },
  hyperliquid: {
    '/info#fundingHistory': { outcome: EMPTY_HISTORY },
    '/info#candleSnapshot': { outcome: EMPTY_HISTORY },
  },
  dydx: {
    '/historicalFunding/{symbol}': { outcome: EMPTY_HISTORY },
    '/candles/perpetualMarkets/{symbol}': { outcome: EMPTY_HISTORY },
    '/trades/perpetualMarket/{symbol}': { outcome: EMPTY_HISTORY },
  },
};

/** `host/path` as world.ts counts requests, from an endpoint of a venue's record. */
function endpointId(venue: VenueId, e: VenueEndpoint): string {
  const [path = '', type] = e.path.replace('{symbol}', SYMBOL[venue]).split('#');
  const url = new URL(`${e.origin ?? venueRecord(venue).descriptor.apiBase}${path}`);
  return `${url.host}${url.pathname}${type ? `#${type}` : ''}`;
}

/** Every endpoint each venue's record lists, with what the matrix expects of its faults. */
export const ENDPOINTS: Record<VenueId, Endpoint[]> = perVenue((venue) =>
  venueRecord(venue).descriptor.endpoints.map((e) => ({ id: endpointId(venue, e), parts: [...e.feeds], ...EXPECTED[venue]?.[e.path] })),
);

/** Expectations written for a path no record lists: a renamed endpoint must not lose its checks silently. */
export const STRAY_EXPECTATIONS: string[] = Object.entries(EXPECTED).flatMap(([venue, paths]) =>
  Object.keys(paths ?? {})
    .filter((path) => !venueRecord(venue as VenueId).descriptor.endpoints.some((e) => e.path === path))
    .map((path) => `${venue} ${path}`),
);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function mapLeaves(body: unknown, leaf: (x: string | number | boolean) => Json, array: (items: Json[]) => Json[] = (a) => a): Json {
  if (Array.isArray(body)) return array(body.map((x) => mapLeaves(x, leaf, array)));
  if (body && typeof body === 'object') return Object.fromEntries(Object.entries(body).map(([k, x]) => [k, mapLeaves(x, leaf, array)]));
  if (typeof body === 'string' || typeof body === 'number' || typeof body === 'boolean') return leaf(body);
  return null;
}

/** A figure: any decimal string, or a JSON number that is not an integer (times and ids are). */
const priceLike = (x: string | number | boolean) => (typeof x === 'string' ? DECIMAL.test(x) : typeof x === 'number' && !Number.isInteger(x));

const INFINITY_MARK = '"__perplens_infinity__"';

export interface FaultCase {
  name: string;
  fault: Fault;
  /** The error kind the trader is told (`data-reason`), when the endpoint is one the row cannot do without. */
  kind: FetchErrorKind;
  /** Holds the whole venue (the gate's backoff or region hold) instead of a per-part retry. */
  holds: boolean;
}

const status = (name: string, code: number, kind: FetchErrorKind, body: string, contentType: string, retryAfter?: string): FaultCase => ({
  name,
  fault: retryAfter === undefined ? { kind: 'status', status: code, body, contentType } : { kind: 'status', status: code, body, contentType, retryAfter },
  kind,
  holds: kind === 'rate-limited' || kind === 'region-blocked',
});

const CLOUDFRONT_403 =
  '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN"><HTML><HEAD><TITLE>ERROR: The request could not be satisfied</TITLE></HEAD><BODY><H1>403 ERROR</H1>Request blocked.</BODY></HTML>';
const BAD_GATEWAY =
  '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>cloudflare</center></body></html>';

export const FAULTS: FaultCase[] = [
  status(
    '429 with Retry-After 30',
    429,
    'rate-limited',
    '{"code":-1003,"msg":"Too many requests; current limit is 2400 request weight per 1 MINUTE."}',
    'application/json',
    '30',
  ),
  status('429 without Retry-After', 429, 'rate-limited', '{"code":-1003,"msg":"Too many requests."}', 'application/json'),
  status('418 IP ban', 418, 'rate-limited', '{"code":-1003,"msg":"Way too many requests; IP banned."}', 'application/json'),
  status('403 WAF block (HTML)', 403, 'region-blocked', CLOUDFRONT_403, 'text/html'),
  status('451 restricted location', 451, 'region-blocked', '{"code":0,"msg":"Service unavailable from a restricted location."}', 'application/json'),
  status('500', 500, 'http', '{"code":-1000,"msg":"An unknown error occurred while processing the request."}', 'application/json'),
  status('502 with an HTML body', 502, 'http', BAD_GATEWAY, 'text/html'),
  { name: 'timeout', fault: { kind: 'hang' }, kind: 'timeout', holds: false },
  { name: 'truncated JSON', fault: { kind: 'truncated' }, kind: 'malformed', holds: false },
  {
    name: 'wrong types',
    fault: { kind: 'rewrite', rewrite: (b) => JSON.stringify(mapLeaves(b, (x) => (typeof x === 'string' ? true : typeof x === 'number' ? 'n/a' : 'yes'))) },
    kind: 'schema',
    holds: false,
  },
  {
    name: 'missing fields',
    // Every object loses its plain fields (containers stay), every row of plain values all but its first.
    fault: {
      kind: 'rewrite',
      rewrite: (b) => {
        const strip = (x: unknown): Json => {
          if (Array.isArray(x)) return x.every((i) => !i || typeof i !== 'object') ? (x.slice(0, 1) as Json[]) : x.map(strip);
          if (x && typeof x === 'object')
            return Object.fromEntries(
              Object.entries(x)
                .filter(([, v]) => v && typeof v === 'object')
                .map(([k, v]) => [k, strip(v)]),
            );
          return x as Json;
        };
        return JSON.stringify(strip(b));
      },
    },
    kind: 'schema',
    holds: false,
  },
  {
    name: '"NaN" strings',
    fault: { kind: 'rewrite', rewrite: (b) => JSON.stringify(mapLeaves(b, (x) => (priceLike(x) ? 'NaN' : x))) },
    kind: 'schema',
    holds: false,
  },
  {
    name: '"Infinity" strings and 1e999',
    // Decimal strings become "Infinity"; JSON numbers become 1e999, which JSON.parse reads as Infinity.
    fault: {
      kind: 'rewrite',
      rewrite: (b) =>
        JSON.stringify(mapLeaves(b, (x) => (priceLike(x) ? (typeof x === 'string' ? 'Infinity' : '__perplens_infinity__') : x))).replaceAll(
          INFINITY_MARK,
          '1e999',
        ),
    },
    kind: 'schema',
    holds: false,
  },
  {
    name: 'empty lists',
    // Every list emptied; an answer without lists (one market's object) becomes an empty list itself.
    fault: {
      kind: 'rewrite',
      rewrite: (b) =>
        JSON.stringify(b).includes('[')
          ? JSON.stringify(
              mapLeaves(
                b,
                (x) => x,
                () => [],
              ),
            )
          : '[]',
    },
    kind: 'schema',
    holds: false,
  },
];

/**
 * How each venue writes one of its own error codes: Binance and Bitget in an HTTP error body, Bybit
 * and OKX inside a 200's envelope. Hyperliquid and dYdX list none.
 */
const CODE_ANSWER: Partial<Record<VenueId, (code: string) => Fault>> = {
  binance: (code) => ({ kind: 'status', status: 400, body: JSON.stringify({ code: Number(code), msg: 'Invalid symbol.' }), contentType: 'application/json' }),
  bybit: (code) => ({
    kind: 'status',
    status: 200,
    body: JSON.stringify({ retCode: Number(code), retMsg: 'error', result: {}, retExtInfo: {}, time: 1_700_000_000_000 }),
    contentType: 'application/json',
  }),
  okx: (code) => ({ kind: 'status', status: 200, body: JSON.stringify({ code, msg: '', data: [] }), contentType: 'application/json' }),
  // Bitget: a bad parameter is HTTP 400 and a rate limit HTTP 429, each with its code in the envelope.
  bitget: (code) => ({
    kind: 'status',
    status: code === '429' ? 429 : 400,
    body: JSON.stringify({ code, msg: 'error', requestTime: 1_700_000_000_000, data: null }),
    contentType: 'application/json',
  }),
};

/** The generic faults, and every error code the venue's record lists, answered as the venue writes it. */
export function faultsFor(venue: VenueId): FaultCase[] {
  const codes = Object.entries(venueRecord(venue).descriptor.errorCodes ?? {});
  const answer = CODE_ANSWER[venue];
  if (codes.length && !answer) throw new Error(`${venue}'s record lists error codes the matrix cannot write`);
  return [
    ...FAULTS,
    ...codes.map(([code, { kind }]) => ({
      name: `venue code ${code}`,
      fault: answer ? answer(code) : { kind: 'hang' as const },
      kind,
      holds: kind === 'rate-limited' || kind === 'region-blocked',
    })),
  ];
}
