import type { FakeAsset } from './market-state';

// The fake market's 15-minute history (FakeAsset.quarters) as every venue handler serves it: candles
// with the open each bar never stored (the close before it), the running candle the real venues also
// serve, and open-interest points at the bar closes.

export const QUARTER = 15 * 60_000;

export interface QuarterCandle {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  takerBuy: number;
  /** OI when the candle opened: the previous bar's close OI (dYdX's startingOpenInterest). */
  startOi: number;
  /** False for the running candle, whose close is not final. */
  closed: boolean;
}

/**
 * The completed bars up to `now`, and the running candle at the current grid time when it opens after
 * the last bar: open, high, low and close at the last close and no volume, as a venue shows a candle
 * that has just begun.
 */
export function quarterCandles(m: FakeAsset, now: number): QuarterCandle[] {
  const out: QuarterCandle[] = [];
  let previous: FakeAsset['quarters'][number] | undefined;
  for (const q of m.quarters) {
    if (q.time + QUARTER > now) break;
    const open = previous?.close ?? q.close;
    out.push({
      time: q.time,
      open,
      high: Math.max(q.high, open),
      low: Math.min(q.low, open),
      close: q.close,
      volume: q.volume,
      takerBuy: q.takerBuy ?? q.volume / 2,
      startOi: previous?.oi ?? q.oi ?? 0,
      closed: true,
    });
    previous = q;
  }
  const running = Math.floor(now / QUARTER) * QUARTER;
  if (previous && running > previous.time) {
    const c = previous.close;
    out.push({ time: running, open: c, high: c, low: c, close: c, volume: 0, takerBuy: 0, startOi: previous.oi ?? 0, closed: false });
  }
  return out;
}

/** Open interest at each completed bar's close (time + 15 min), ascending: what the venues' OI histories hold. */
export function quarterOi(m: FakeAsset, now: number): { time: number; oi: number; close: number }[] {
  return m.quarters.flatMap((q) => (q.oi === null || q.time + QUARTER > now ? [] : [{ time: q.time + QUARTER, oi: q.oi, close: q.close }]));
}
