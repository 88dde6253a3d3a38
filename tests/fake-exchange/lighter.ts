import { lighterAccountBody, lighterAccountByAddress, lighterAccountByIndex } from './lighter-account';
import {
  closeAt,
  LIGHTER_API_HOST,
  lighterDaily,
  lighterDecimal,
  lighterHourlyPercent,
  lighterListed,
  lighterMarketById,
  lighterRate,
  type LighterFakeMarket,
} from './lighter-markets';
import type { FakeAsset } from './market-state';
import { HOUR } from './market-state';
import { QUARTER, quarterCandles } from './quarters';
import { json, type Reply } from './reply';
import { hourlyCandles } from './span-candles';
import type { FakeRequest, FakeState, VenueHandler } from './venue-handler';

// Lighter's public REST API (mainnet.zklighter.elliot.ai/api/v1, key-less GETs): the market list
// with its margin fractions, hourly funding settlements, candles, and an account by L1 address.
// Every success carries `code: 200`; a refusal is HTTP 400 with `{code, message}`. The list carries
// no mark, index or current funding: those come only on the websocket (lighter-stream.ts).
// Times: seconds in funding rows, ms in candles; either is accepted in a query (> 1e11 is ms).
//
// Open interest is in coins on both the list and the stream, as PerpLens's brief has it. UNSURE for
// the stream: a published market_stats sample (ccxt's lighter.ts) shows ETH at "122736286.659423"
// beside a list value of 39559.3278, i.e. USD notional there. One place to change: lighterStats.

const DAY = 24 * HOUR;
/** The most rows a candles or fundings answer holds, whatever count_back asks. */
export const LIGHTER_MAX_ROWS = 500;

// Error bodies. UNSURE: the codes are Lighter's as reported for an unknown account (21100); the
// same body is used for an unknown market, and 20001 for a malformed parameter.
const invalid = (what: string): Reply => json({ code: 20001, message: `invalid param: ${what}` }, 400);
const marketNotFound = (): Reply => json({ code: 21100, message: 'market not found' }, 400);
const accountNotFound = (): Reply => json({ code: 21100, message: 'account not found' }, 400);

const INTEGER = /^\d{1,19}$/;
const int = (q: URLSearchParams, name: string): number | null => {
  const raw = q.get(name);
  return raw !== null && INTEGER.test(raw) ? Number(raw) : null;
};
/** A query time in seconds or milliseconds, as ms. */
const asMs = (t: number): number => (t > 1e11 ? t : t * 1000);

function detail(market: LighterFakeMarket, m: FakeAsset, now: number): Record<string, unknown> {
  return {
    symbol: market.symbol,
    market_id: market.marketId,
    market_type: 'perp',
    base_asset_id: 0,
    quote_asset_id: 0,
    status: 'active',
    taker_fee: '0.0000',
    maker_fee: '0.0000',
    liquidation_fee: '1.0000',
    min_base_amount: market.minBaseAmount,
    min_quote_amount: '10.000000',
    order_quote_limit: '',
    supported_size_decimals: market.sizeDecimals,
    supported_price_decimals: market.priceDecimals,
    supported_quote_decimals: 6,
    size_decimals: market.sizeDecimals,
    price_decimals: market.priceDecimals,
    quote_multiplier: 1,
    default_initial_margin_fraction: market.defaultImf,
    min_initial_margin_fraction: market.minImf,
    maintenance_margin_fraction: market.mmf,
    closeout_margin_fraction: market.closeoutMf,
    last_trade_price: m.lastPrice,
    daily_trades_count: 663_024,
    open_interest: +m.openInterest.toFixed(market.sizeDecimals),
    ...lighterDaily(market, m, now),
    daily_chart: {},
    market_config: { market_margin_mode: 0, insurance_fund_account_index: 281474976710655, liquidation_mode: 0, force_reduce_only: false, trading_hours: '' },
  };
}

function orderBookDetails(req: FakeRequest, state: FakeState): Reply {
  const filter = req.query.get('filter') ?? 'all';
  if (!['all', 'perp', 'spot'].includes(filter)) return invalid('filter');
  const rawId = req.query.get('market_id');
  const id = int(req.query, 'market_id');
  if (rawId !== null && id === null) return invalid('market_id');
  const listed = lighterListed(state.markets).filter(({ market }) => id === null || market.marketId === id);
  if (id !== null && listed.length === 0) return marketNotFound();
  const perps = filter === 'spot' ? [] : listed.map(({ market, m }) => detail(market, m, req.now));
  return json({ code: 200, order_book_details: perps, spot_order_book_details: [] });
}

interface Span {
  market: LighterFakeMarket;
  m: FakeAsset;
  start: number;
  end: number;
  count: number;
}

/** The parameters candles and fundings share: market_id, start/end (s or ms), count_back (capped at 500). */
function span(req: FakeRequest, state: FakeState): Span | Reply {
  const id = int(req.query, 'market_id');
  const start = int(req.query, 'start_timestamp');
  const end = int(req.query, 'end_timestamp');
  const count = int(req.query, 'count_back');
  if (id === null) return invalid('market_id');
  if (start === null || end === null) return invalid('start_timestamp/end_timestamp');
  if (count === null) return invalid('count_back');
  const market = lighterMarketById(id);
  const m = market ? state.markets.get(market.symbol) : undefined;
  if (!market || !m) return marketNotFound();
  return { market, m, start: asMs(start), end: asMs(end), count: Math.min(count, LIGHTER_MAX_ROWS) };
}

const newest = <T>(rows: T[], count: number): T[] => (count === 0 ? [] : rows.slice(-count));

/**
 * Hourly settlements from the fake state's history (per 8 h, signed): `rate` the unsigned percent
 * per hour, `direction` the side that paid, `value` USD per coin at that hour's mark.
 */
function fundings(req: FakeRequest, state: FakeState): Reply {
  const s = span(req, state);
  if ('status' in s) return s;
  if (req.query.get('resolution') !== '1h') return invalid('resolution');
  const rows = s.m.fundingHistory8h
    .filter((f) => f.time <= req.now && f.time >= s.start && f.time <= s.end)
    .map((f) => {
      const rate = Math.abs(lighterHourlyPercent(f.rate));
      return {
        timestamp: Math.floor(f.time / 1000),
        value: lighterDecimal((closeAt(s.m, f.time) * rate) / 100, 8, 4),
        rate: lighterRate(rate),
        direction: f.rate >= 0 ? 'long' : 'short',
      };
    });
  return json({ code: 200, resolution: '1h', fundings: newest(rows, s.count) });
}

// Resolutions Lighter serves. The fake builds 15 m from its 15-minute history and whole hours from
// its hourly closes (the candles every venue's fake cuts, so prices agree across venues); the others
// are valid and answered with no candles. (A week would open on Thursday on the UTC epoch grid.)
const RESOLUTIONS: Readonly<Record<string, number | null>> = {
  '1m': null,
  '5m': null,
  '15m': QUARTER,
  '30m': null,
  '1h': HOUR,
  '4h': 4 * HOUR,
  '12h': 12 * HOUR,
  '1d': DAY,
  '1w': null,
};

function candles(req: FakeRequest, state: FakeState): Reply {
  const s = span(req, state);
  if ('status' in s) return s;
  const resolution = req.query.get('resolution') ?? '';
  const ms = RESOLUTIONS[resolution];
  if (ms === undefined) return invalid('resolution');
  const all = ms === null ? [] : ms === QUARTER ? quarterCandles(s.m, req.now) : hourlyCandles(s.m, ms, req.now);
  const rows = all
    .filter((c) => c.time >= s.start && c.time <= s.end)
    .map((c) => ({
      t: c.time,
      o: c.open,
      h: c.high,
      l: c.low,
      c: c.close,
      O: c.open,
      H: c.high,
      L: c.low,
      C: c.close,
      v: +c.volume.toFixed(s.market.sizeDecimals),
      V: +(c.volume * c.close).toFixed(6),
      // The last trade's id: any increasing number serves.
      i: Math.floor(c.time / 1000),
    }));
  return json({ code: 200, r: resolution, c: newest(rows, s.count) });
}

function account(req: FakeRequest, state: FakeState): Reply {
  const by = req.query.get('by');
  const value = req.query.get('value') ?? '';
  let found;
  if (by === 'l1_address') {
    if (!/^0x[0-9a-fA-F]{40}$/.test(value)) return invalid('value');
    found = lighterAccountByAddress(state.accounts, value);
  } else if (by === 'index') {
    if (!INTEGER.test(value)) return invalid('value');
    found = lighterAccountByIndex(state.accounts, Number(value));
  } else {
    return invalid('by');
  }
  if (!found) return accountNotFound();
  return json({ code: 200, total: 1, accounts: [lighterAccountBody(found, state.markets)] });
}

export const lighterApi: VenueHandler = (req, state) => {
  if (req.method !== 'GET' || req.host !== LIGHTER_API_HOST) return null;
  switch (req.path) {
    case '/api/v1/orderBookDetails':
      return orderBookDetails(req, state);
    case '/api/v1/fundings':
      return fundings(req, state);
    case '/api/v1/candles':
      return candles(req, state);
    case '/api/v1/account':
      return account(req, state);
    default:
      return null;
  }
};
