import type { FakeAsset } from './market-state';

// Candles of any span of whole hours (1 h, 1 d) cut from the fake market's hourly closes, for the
// venues' handlers: each bar opens at the close before it and spans 0.1% either side of its open and
// close; volume is 1000 base units an hour.

export type Candle = { time: number; open: number; high: number; low: number; close: number; volume: number };

/** Candles of `span` ms (a multiple of an hour, UTC-aligned), oldest first; with `now`, none after it. */
export function hourlyCandles(m: FakeAsset, span: number, now = Number.POSITIVE_INFINITY): Candle[] {
  const out = new Map<number, Candle>();
  m.hourly.forEach((p, i) => {
    if (p.time > now) return;
    const open = m.hourly[i - 1]?.close ?? p.close;
    const start = Math.floor(p.time / span) * span;
    const c = out.get(start);
    const high = Math.max(open, p.close) * 1.001;
    const low = Math.min(open, p.close) * 0.999;
    if (!c) out.set(start, { time: start, open, high, low, close: p.close, volume: 1000 });
    else out.set(start, { ...c, close: p.close, high: Math.max(c.high, high), low: Math.min(c.low, low), volume: c.volume + 1000 });
  });
  return [...out.values()];
}
