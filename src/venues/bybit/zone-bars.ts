import { ZONE_BAR_MS, ZONE_LOOKBACK_MS, type Http, type Instrument, type Result, type ZoneBars } from '../market-types';
import { envelope, getJson, venueFailure, venueUrl } from '../request-kit';
import { candleProblem, gridBounds, gridChunks, joinZoneBars, oiByTime, zoneSpan, type ZoneCandle, type ZoneSpan } from '../zone-bars';
import { BYBIT_API, BYBIT_PATH, bybitDescriptor } from './descriptor';
import { Envelope, OpenInterestResult, ZoneKlineResult } from './schemas';

// The zone model's 15-minute bars on Bybit: /v5/market/kline interval 15 (newest first, volume in
// base coins for linear contracts) joined with /v5/market/open-interest intervalTime 15min, whose
// point at T is read as the open interest at T: the close of the bar that opened at T − 15 min.
// Bybit publishes no taker split, so takerBuy is null and the model assumes 50/50.

const PATH = BYBIT_PATH;
const CATEGORY = 'linear';
/** kline serves up to 1000 rows a request (docs): the 673 of a cold start are one request. */
const KLINE_PAGE = 1000;
/** open-interest serves up to 200 points a page (docs), older pages by nextPageCursor. */
const OI_PAGE = 200;
/** 672 points are four pages; one more for a cursor that ends on an empty page. */
const OI_MAX_PAGES = Math.ceil(ZONE_LOOKBACK_MS / ZONE_BAR_MS / OI_PAGE) + 1;

const ENVELOPE = envelope(Envelope, (e) => (e.retCode === 0 ? { ok: true, payload: e.result } : { ok: false, code: String(e.retCode), message: e.retMsg }));
const failure = (endpoint: string, message: string) => venueFailure(bybitDescriptor, 'schema', endpoint, message);
const apiUrl = (path: string, params: Record<string, string | undefined>) => venueUrl(BYBIT_API, path, params);

async function klines(http: Http, symbol: string, span: ZoneSpan): Promise<Result<ZoneCandle[]>> {
  const out: ZoneCandle[] = [];
  for (const p of gridChunks(span.from, span.running, KLINE_PAGE)) {
    const { start, end } = gridBounds(p.first, p.last);
    const url = apiUrl(PATH.kline, { category: CATEGORY, symbol, interval: '15', start: String(start), end: String(end), limit: String(p.count) });
    const r = await getJson(http, bybitDescriptor, url, ZoneKlineResult, { envelope: ENVELOPE });
    if (!r.ok) return r;
    if (r.value.symbol !== undefined && r.value.symbol !== symbol) return failure(PATH.kline, `asked for ${symbol}, got ${r.value.symbol}`);
    for (const row of r.value.list) {
      const candle = { time: row[0], high: row[2], low: row[3], close: row[4], volume: row[5], takerBuy: null };
      const problem = candleProblem(candle);
      if (problem) return failure(PATH.kline, problem);
      out.push(candle);
    }
  }
  // A listed market always has its running candle: an empty list is a broken answer, as for candles.
  if (out.length === 0) return failure(PATH.kline, `no 15 candles for ${symbol}`);
  return { ok: true, value: out };
}

type OiRow = { time: number; both: number; single: number | undefined };

/** Open interest at the close of every bar of the span: points at from + 15 min … the running bar's open. */
async function closeOi(http: Http, symbol: string, span: ZoneSpan): Promise<Result<Map<number, number>>> {
  const { start, end } = gridBounds(span.from + ZONE_BAR_MS, span.running);
  const rows: OiRow[] = [];
  const seen = new Set<string>();
  let cursor = '';
  for (let page = 0; page < OI_MAX_PAGES; page++) {
    const params = { category: CATEGORY, symbol, intervalTime: '15min', startTime: String(start), endTime: String(end), limit: String(OI_PAGE) };
    const url = apiUrl(PATH.openInterest, { ...params, cursor: cursor || undefined });
    const r = await getJson(http, bybitDescriptor, url, OpenInterestResult, { envelope: ENVELOPE });
    if (!r.ok) return r;
    if (r.value.symbol !== undefined && r.value.symbol !== symbol) return failure(PATH.openInterest, `asked for ${symbol}, got ${r.value.symbol}`);
    rows.push(...r.value.list.map((row) => ({ time: row.timestamp, both: row.openInterest, single: row.singleOpenInterest })));
    cursor = r.value.nextPageCursor ?? '';
    if (!cursor || r.value.list.length === 0) return { ok: true, value: oiByTime(rows.map(pointOf(rows))) };
    if (seen.has(cursor)) return failure(PATH.openInterest, 'the page cursor repeats');
    seen.add(cursor);
  }
  return failure(PATH.openInterest, `more than ${OI_MAX_PAGES} pages of 15-minute open interest`);
}

/**
 * Which figure is the open interest: the docs now call `openInterest` the sum of both sides and add
 * `singleOpenInterest` (one side, like every other venue's figure). One answer uses one of them
 * throughout, so a series never jumps 2× where the field comes and goes.
 */
function pointOf(rows: readonly OiRow[]): (row: OiRow) => { time: number; value: number } {
  const single = rows.every((r) => r.single !== undefined);
  return (row) => ({ time: row.time, value: single && row.single !== undefined ? row.single : row.both });
}

export async function bybitZoneBars(inst: Instrument, http: Http, since: number | null): Promise<Result<ZoneBars>> {
  const span = zoneSpan(Date.now(), since);
  if (span.from > span.last) return { ok: true, value: { bars: [], source: PATH.kline, fetchedAt: Date.now() } };
  const [candles, oi] = await Promise.all([klines(http, inst.symbol, span), closeOi(http, inst.symbol, span)]);
  if (!candles.ok) return candles;
  if (!oi.ok) return oi;
  return { ok: true, value: { bars: joinZoneBars(candles.value, oi.value, span), source: `${PATH.kline} + ${PATH.openInterest}`, fetchedAt: Date.now() } };
}
