import { ZONE_BAR_MS, type Http, type Instrument, type Result, type ZoneBars } from '../market-types';
import { venueFailure } from '../request-kit';
import { candleProblem, gridBounds, gridChunks, joinZoneBars, oiByTime, pageByPage, zoneSpan, type Halt, type ZoneCandle, type ZoneSpan } from '../zone-bars';
import { OKX_PATH, okxDescriptor } from './descriptor';
import { okxGet, okxUrl } from './request';
import { OiHistoryRow, TakerVolumeRow, ZoneCandleRow } from './schemas';

// The zone model's 15-minute bars on OKX: market/candles bar 15m (volCcy: base coins), the rubik
// contract open-interest history period 15m (oiCcy: base coins; its point at T read as the open
// interest at T, the close of the bar that opened at T − 15 min) and the rubik contract taker volume
// period 15m in coins (unit 0; a row at T is the bar that opened at T). Every series arrives newest
// first; each page is a window bounded by after/before (candles) or begin/end (rubik). The three
// series go side by side, a few pages at a time (the rubik ones are budgeted tightly: descriptor.ts),
// and all stop asking once one of them has failed.

const PATH = OKX_PATH;
/** Candles: at most 300 rows a request, only the latest 1,440 kept (15 days at 15m) (docs-v5). */
const CANDLE_PAGE = 300;
/** Both rubik statistics: at most 100 rows a request, the latest 1,440 kept (docs-v5). */
const RUBIK_PAGE = 100;
/** taker-volume-contract `unit`: 0 crypto (base coins), 1 contracts (the default), 2 USD. */
const UNIT_COINS = '0';

const failure = (endpoint: string, message: string) => venueFailure(okxDescriptor, 'schema', endpoint, message);

async function candles(http: Http, inst: Instrument, span: ZoneSpan, halt: Halt): Promise<Result<ZoneCandle[]>> {
  const rows = await pageByPage(
    gridChunks(span.from, span.running, CANDLE_PAGE),
    (p) => {
      const { start, end } = gridBounds(p.first, p.last);
      // `after`: records earlier than it; `before`: records newer than it.
      const params = { instId: inst.symbol, bar: '15m', after: String(end), before: String(start), limit: String(p.count) };
      return okxGet(http, okxUrl(PATH.candles, params), ZoneCandleRow);
    },
    halt,
  );
  if (!rows.ok) return rows;
  const out: ZoneCandle[] = [];
  for (const row of rows.value) {
    // volCcy is the base coin for a swap; where it is blank, contracts × contract value.
    const volume = row[6] ?? row[5] * inst.contractValue;
    const candle = { time: row[0], high: row[2], low: row[3], close: row[4], volume, takerBuy: null };
    const problem = candleProblem(candle);
    if (problem) return failure(PATH.candles, problem);
    out.push(candle);
  }
  return { ok: true, value: out };
}

/** Open interest at the close of every bar of the span: points at from + 15 min … the running bar's open. */
async function closeOi(http: Http, inst: Instrument, span: ZoneSpan, halt: Halt): Promise<Result<Map<number, number>>> {
  const rows = await pageByPage(
    gridChunks(span.from + ZONE_BAR_MS, span.running, RUBIK_PAGE),
    (p) => {
      const { start, end } = gridBounds(p.first, p.last);
      const params = { instId: inst.symbol, period: '15m', begin: String(start), end: String(end), limit: String(p.count) };
      return okxGet(http, okxUrl(PATH.oiHistory, params), OiHistoryRow);
    },
    halt,
  );
  if (!rows.ok) return rows;
  return { ok: true, value: oiByTime(rows.value.map(([time, contracts, coins]) => ({ time, value: coins ?? contracts * inst.contractValue }))) };
}

/** Taker sell and buy volume in coins per bar open, for the closed bars of the span. */
async function takerVolume(http: Http, inst: Instrument, span: ZoneSpan, halt: Halt): Promise<Result<Map<number, { sell: number; buy: number }>>> {
  const rows = await pageByPage(
    gridChunks(span.from, span.last, RUBIK_PAGE),
    (p) => {
      const { start, end } = gridBounds(p.first, p.last);
      const params = { instId: inst.symbol, period: '15m', unit: UNIT_COINS, begin: String(start), end: String(end), limit: String(p.count) };
      return okxGet(http, okxUrl(PATH.takerVolume, params), TakerVolumeRow);
    },
    halt,
  );
  if (!rows.ok) return rows;
  return { ok: true, value: new Map(rows.value.map(([time, sell, buy]) => [time, { sell, buy }])) };
}

export async function okxZoneBars(inst: Instrument, http: Http, since: number | null): Promise<Result<ZoneBars>> {
  const span = zoneSpan(Date.now(), since);
  if (span.from > span.last) return { ok: true, value: { bars: [], source: PATH.candles, fetchedAt: Date.now() } };
  const halt: Halt = { failed: false };
  const [c, oi, taker] = await Promise.all([candles(http, inst, span, halt), closeOi(http, inst, span, halt), takerVolume(http, inst, span, halt)]);
  if (!c.ok) return c;
  if (!oi.ok) return oi;
  if (!taker.ok) return taker;
  // The taker split where OKX has it for the bar (its volume is then sell + buy, in the same unit);
  // else the candle's volume with no split, which the model reads as 50/50.
  const withSplit = c.value.map((candle) => {
    const t = taker.value.get(candle.time);
    return t ? { ...candle, volume: t.sell + t.buy, takerBuy: t.buy } : candle;
  });
  return {
    ok: true,
    value: {
      bars: joinZoneBars(withSplit, oi.value, span),
      source: `${PATH.candles} + ${PATH.oiHistory} + ${PATH.takerVolume}`,
      fetchedAt: Date.now(),
    },
  };
}
