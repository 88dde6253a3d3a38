import { ZONE_BAR_MS, type Http, type Instrument, type Result, type ZoneBars } from '../market-types';
import { venueFailure } from '../request-kit';
import { candleProblem, gridBounds, gridChunks, joinZoneBars, oiByTime, zoneSpan, type ZoneCandle, type ZoneSpan } from '../zone-bars';
import { OKX_PATH, okxDescriptor } from './descriptor';
import { okxGet, okxUrl } from './request';
import { OiHistoryRow, TakerVolumeRow, ZoneCandleRow } from './schemas';

// The zone model's 15-minute bars on OKX: market/candles bar 15m (volCcy: base coins), the rubik
// contract open-interest history period 15m (oiCcy: base coins; its point at T read as the open
// interest at T, the close of the bar that opened at T − 15 min) and the rubik contract taker volume
// period 15m in coins (unit 0; a row at T is the bar that opened at T). Every series arrives newest
// first; each page is a window bounded by after/before (candles) or begin/end (rubik).

const PATH = OKX_PATH;
/** Candles: at most 300 rows a request, only the latest 1,440 kept (15 days at 15m) (docs-v5). */
const CANDLE_PAGE = 300;
/** Both rubik statistics: at most 100 rows a request, the latest 1,440 kept (docs-v5). */
const RUBIK_PAGE = 100;
/** taker-volume-contract `unit`: 0 crypto (base coins), 1 contracts (the default), 2 USD. */
const UNIT_COINS = '0';

const failure = (endpoint: string, message: string) => venueFailure(okxDescriptor, 'schema', endpoint, message);

async function candles(http: Http, inst: Instrument, span: ZoneSpan): Promise<Result<ZoneCandle[]>> {
  const pages = gridChunks(span.from, span.running, CANDLE_PAGE);
  const answers = await Promise.all(
    pages.map((p) => {
      const { start, end } = gridBounds(p.first, p.last);
      // `after`: records earlier than it; `before`: records newer than it.
      return okxGet(http, okxUrl(PATH.candles, { instId: inst.symbol, bar: '15m', after: String(end), before: String(start), limit: String(p.count) }), ZoneCandleRow);
    }),
  );
  const out: ZoneCandle[] = [];
  for (const r of answers) {
    if (!r.ok) return r;
    for (const row of r.value) {
      // volCcy is the base coin for a swap; where it is blank, contracts × contract value.
      const volume = row[6] ?? row[5] * inst.contractValue;
      const candle = { time: row[0], high: row[2], low: row[3], close: row[4], volume, takerBuy: null };
      const problem = candleProblem(candle);
      if (problem) return failure(PATH.candles, problem);
      out.push(candle);
    }
  }
  return { ok: true, value: out };
}

/** Open interest at the close of every bar of the span: points at from + 15 min … the running bar's open. */
async function closeOi(http: Http, inst: Instrument, span: ZoneSpan): Promise<Result<Map<number, number>>> {
  const pages = gridChunks(span.from + ZONE_BAR_MS, span.running, RUBIK_PAGE);
  const answers = await Promise.all(
    pages.map((p) => {
      const { start, end } = gridBounds(p.first, p.last);
      return okxGet(http, okxUrl(PATH.oiHistory, { instId: inst.symbol, period: '15m', begin: String(start), end: String(end), limit: String(p.count) }), OiHistoryRow);
    }),
  );
  const points: { time: number; value: number }[] = [];
  for (const r of answers) {
    if (!r.ok) return r;
    points.push(...r.value.map(([time, contracts, coins]) => ({ time, value: coins ?? contracts * inst.contractValue })));
  }
  return { ok: true, value: oiByTime(points) };
}

/** Taker sell and buy volume in coins per bar open, for the closed bars of the span. */
async function takerVolume(http: Http, inst: Instrument, span: ZoneSpan): Promise<Result<Map<number, { sell: number; buy: number }>>> {
  const pages = gridChunks(span.from, span.last, RUBIK_PAGE);
  const answers = await Promise.all(
    pages.map((p) => {
      const { start, end } = gridBounds(p.first, p.last);
      const params = { instId: inst.symbol, period: '15m', unit: UNIT_COINS, begin: String(start), end: String(end), limit: String(p.count) };
      return okxGet(http, okxUrl(PATH.takerVolume, params), TakerVolumeRow);
    }),
  );
  const out = new Map<number, { sell: number; buy: number }>();
  for (const r of answers) {
    if (!r.ok) return r;
    for (const [time, sell, buy] of r.value) out.set(time, { sell, buy });
  }
  return { ok: true, value: out };
}

export async function okxZoneBars(inst: Instrument, http: Http, since: number | null): Promise<Result<ZoneBars>> {
  const span = zoneSpan(Date.now(), since);
  if (span.from > span.last) return { ok: true, value: { bars: [], source: PATH.candles, fetchedAt: Date.now() } };
  const [c, oi, taker] = await Promise.all([candles(http, inst, span), closeOi(http, inst, span), takerVolume(http, inst, span)]);
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
