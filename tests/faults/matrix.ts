// The fault matrix's data: every endpoint each venue's market client uses, what it feeds, and every
// way a venue fails. Shared by the unit matrix (venue-faults.test.ts) and, in part, the e2e slice.
import type { FetchErrorKind } from '../../src/venues/market-types';
import type { SnapshotPart } from '../../src/venues/snapshot-types';
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

export const SYMBOL: Record<VenueId, string> = { binance: 'BTCUSDT', bybit: 'BTCUSDT', okx: 'BTC-USDT-SWAP', hyperliquid: 'BTC', dydx: 'BTC-USD' };

export const ENDPOINTS: Record<VenueId, Endpoint[]> = {
  binance: [
    { id: 'fapi.binance.com/fapi/v1/exchangeInfo', parts: ['instruments'], outcome: TICK_ONLY },
    { id: 'fapi.binance.com/fapi/v1/premiumIndex', parts: ['quote'] },
    { id: 'fapi.binance.com/fapi/v1/openInterest', parts: ['quote'] },
    { id: 'fapi.binance.com/fapi/v1/fundingInfo', parts: ['quote'], absorbed: 'quote-stands' },
    { id: 'fapi.binance.com/fapi/v1/fundingRate', parts: ['funding'], outcome: EMPTY_HISTORY },
    { id: 'fapi.binance.com/futures/data/openInterestHist', parts: ['oi'], outcome: EMPTY_HISTORY },
    { id: 'fapi.binance.com/fapi/v1/klines', parts: ['candles'] },
    { id: 'www.binance.com/bapi/futures/v1/friendly/future/common/brackets', parts: ['tiers'], absorbed: 'fallback-tiers' },
  ],
  bybit: [
    { id: 'api.bybit.com/v5/market/instruments-info', parts: ['instruments'], outcome: TICK_ONLY },
    // An empty ticker list for a listed symbol reads as "no ticker for it" (bybit/market.ts quote).
    { id: 'api.bybit.com/v5/market/tickers', parts: ['quote'], outcome: { 'empty lists': 'unknown-symbol' } },
    { id: 'api.bybit.com/v5/market/funding/history', parts: ['funding'], outcome: EMPTY_HISTORY },
    { id: 'api.bybit.com/v5/market/open-interest', parts: ['oi'], outcome: EMPTY_HISTORY },
    { id: 'api.bybit.com/v5/market/kline', parts: ['candles'] },
    { id: 'api.bybit.com/v5/market/risk-limit', parts: ['tiers'], outcome: { 'empty lists': 'unknown-symbol' } },
  ],
  okx: [
    { id: 'www.okx.com/api/v5/public/instruments', parts: ['instruments'] },
    { id: 'www.okx.com/api/v5/public/mark-price', parts: ['quote', 'tiers'], outcome: OKX_EMPTY },
    { id: 'www.okx.com/api/v5/public/funding-rate', parts: ['quote'], outcome: OKX_EMPTY },
    { id: 'www.okx.com/api/v5/public/open-interest', parts: ['quote'], outcome: OKX_EMPTY },
    { id: 'www.okx.com/api/v5/market/ticker', parts: ['quote'], outcome: OKX_EMPTY },
    { id: 'www.okx.com/api/v5/market/index-tickers', parts: ['quote'], absorbed: 'quote-stands' },
    { id: 'www.okx.com/api/v5/public/funding-rate-history', parts: ['funding'], outcome: EMPTY_HISTORY },
    { id: 'www.okx.com/api/v5/rubik/stat/contracts/open-interest-history', parts: ['oi'], outcome: EMPTY_HISTORY },
    { id: 'www.okx.com/api/v5/market/candles', parts: ['candles'], outcome: EMPTY_HISTORY },
    { id: 'www.okx.com/api/v5/public/position-tiers', parts: ['tiers'] },
  ],
  hyperliquid: [
    { id: 'api.hyperliquid.xyz/info#meta', parts: ['instruments', 'tiers'] },
    { id: 'api.hyperliquid.xyz/info#metaAndAssetCtxs', parts: ['quote'] },
    { id: 'api.hyperliquid.xyz/info#fundingHistory', parts: ['funding'], outcome: EMPTY_HISTORY },
    { id: 'api.hyperliquid.xyz/info#candleSnapshot', parts: ['candles'], outcome: EMPTY_HISTORY },
  ],
  dydx: [
    { id: 'indexer.dydx.trade/v4/perpetualMarkets', parts: ['instruments', 'quote', 'tiers'] },
    { id: 'indexer.dydx.trade/v4/historicalFunding/BTC-USD', parts: ['funding'], outcome: EMPTY_HISTORY },
    { id: 'indexer.dydx.trade/v4/candles/perpetualMarkets/BTC-USD', parts: ['oi', 'candles'], outcome: EMPTY_HISTORY },
  ],
};

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
