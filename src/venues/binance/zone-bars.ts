import { ZONE_BAR_MS, type Http, type Instrument, type Result, type ZoneBars } from '../market-types';
import { getJson, venueFailure, venueUrl } from '../request-kit';
import { candleProblem, gridBounds, gridChunks, joinZoneBars, oiByTime, pageByPage, zoneSpan, type Halt, type ZoneCandle, type ZoneSpan } from '../zone-bars';
import { BINANCE_FAPI, BINANCE_PATH, binanceDescriptor } from './descriptor';
import { OpenInterestHistRows, ZoneKlineRows } from './schemas';

// The zone model's 15-minute bars on Binance: klines (high, low, close, volume and the taker-buy
// split, both in base units) joined with /futures/data/openInterestHist, whose point at T is the
// open interest at T (sumOpenInterest, base units): the close of the bar that opened at T − 15 min.

const PATH = BINANCE_PATH;

/**
 * Klines weigh 1 under 100 rows, 2 under 500, 5 up to 1000 (docs). Pages of 499 make the 673 rows of
 * a cold start two pages of weight 2 (4 in all) instead of one call of weight 5, and an update of a
 * few bars weighs 1.
 */
const KLINE_PAGE = 499;
/** openInterestHist serves at most 500 points a request (docs: limit max 500; last 30 days only). */
const OI_PAGE = 500;

export function klineWeight(limit: number): number {
  return limit < 100 ? 1 : limit < 500 ? 2 : limit <= 1000 ? 5 : 10;
}

const failure = (endpoint: string, message: string) => venueFailure(binanceDescriptor, 'schema', endpoint, message);
const fapiUrl = (path: string, params: Record<string, string>) => venueUrl(BINANCE_FAPI, path, params);

/** The span's candles, the running one included (it is left out by the join: no OI at its close yet). */
async function klines(http: Http, symbol: string, span: ZoneSpan, halt: Halt): Promise<Result<ZoneCandle[]>> {
  const rows = await pageByPage(
    gridChunks(span.from, span.running, KLINE_PAGE),
    (p) => {
      const { start, end } = gridBounds(p.first, p.last);
      const params = { symbol, interval: '15m', startTime: String(start), endTime: String(end), limit: String(p.count) };
      return getJson(http, binanceDescriptor, fapiUrl(PATH.klines, params), ZoneKlineRows, { weight: klineWeight(p.count) });
    },
    halt,
  );
  if (!rows.ok) return rows;
  const out: ZoneCandle[] = [];
  for (const row of rows.value) {
    // The close time names the interval: a 15-minute kline closes 15 minutes less 1 ms after it opens.
    if (row[6] !== row[0] + ZONE_BAR_MS - 1) return failure(PATH.klines, `asked for 15m klines, got one from ${row[0]} to ${row[6]}`);
    const candle = { time: row[0], high: row[2], low: row[3], close: row[4], volume: row[5], takerBuy: row[9] };
    const problem = candleProblem(candle);
    if (problem) return failure(PATH.klines, problem);
    out.push(candle);
  }
  // Every listed market has at least its running kline: none at all is a broken answer, as for candles.
  if (out.length === 0) return failure(PATH.klines, `no 15m klines for ${symbol}`);
  return { ok: true, value: out };
}

/** Open interest at the close of every bar of the span: points at from + 15 min … the running bar's open. */
async function closeOi(http: Http, symbol: string, span: ZoneSpan, halt: Halt): Promise<Result<Map<number, number>>> {
  const rows = await pageByPage(
    gridChunks(span.from + ZONE_BAR_MS, span.running, OI_PAGE),
    (p) => {
      const { start, end } = gridBounds(p.first, p.last);
      const params = { symbol, period: '15m', startTime: String(start), endTime: String(end), limit: String(p.count) };
      return getJson(http, binanceDescriptor, fapiUrl(PATH.openInterestHist, params), OpenInterestHistRows);
    },
    halt,
  );
  if (!rows.ok) return rows;
  const other = rows.value.find((row) => row.symbol !== undefined && row.symbol !== symbol);
  if (other) return failure(PATH.openInterestHist, `asked for ${symbol}, got ${String(other.symbol)}`);
  return { ok: true, value: oiByTime(rows.value.map((row) => ({ time: row.timestamp, value: row.sumOpenInterest }))) };
}

export async function binanceZoneBars(inst: Instrument, http: Http, since: number | null): Promise<Result<ZoneBars>> {
  const span = zoneSpan(Date.now(), since);
  if (span.from > span.last) return { ok: true, value: { bars: [], source: PATH.klines, fetchedAt: Date.now() } };
  const halt: Halt = { failed: false };
  const [candles, oi] = await Promise.all([klines(http, inst.symbol, span, halt), closeOi(http, inst.symbol, span, halt)]);
  if (!candles.ok) return candles;
  if (!oi.ok) return oi;
  return {
    ok: true,
    value: { bars: joinZoneBars(candles.value, oi.value, span), source: `${PATH.klines} + ${PATH.openInterestHist}`, fetchedAt: Date.now() },
  };
}
