// Liquidations seen on a market, summed over a window: longs and shorts force-closed, in quote
// currency, and how much of the window the record covers. The venues publish at most about one
// liquidation per market per second, so every sum is a floor.

export interface FlowEvent {
  time: number;
  side: 'long' | 'short';
  notional: number;
}

export interface FlowTotals {
  long: number;
  short: number;
  /** How much of the window the record covers (ms): the whole window once it reaches back that far. */
  coveredMs: number;
}

/** The sums over `windowMs` up to `now`, counting only what the record covers (from `coveredFrom`). */
export function flowTotals(events: readonly FlowEvent[], now: number, windowMs: number, coveredFrom: number): FlowTotals {
  const from = Math.max(now - windowMs, coveredFrom);
  let long = 0;
  let short = 0;
  for (const e of events) {
    if (e.time < from || e.time > now || !(e.notional > 0) || !Number.isFinite(e.notional)) continue;
    if (e.side === 'long') long += e.notional;
    else short += e.notional;
  }
  return { long, short, coveredMs: Math.max(0, Math.min(windowMs, now - coveredFrom)) };
}

/** Adds new events to a record kept for `keepMs`, once each (a poll may answer an event twice). */
export function mergeEvents(held: readonly FlowEvent[], fresh: readonly FlowEvent[], now: number, keepMs: number): FlowEvent[] {
  const key = (e: FlowEvent) => `${e.time}:${e.side}:${e.notional}`;
  const seen = new Set(held.map(key));
  const out = held.filter((e) => e.time >= now - keepMs);
  for (const e of fresh) {
    if (seen.has(key(e)) || e.time < now - keepMs || !(e.notional > 0) || !Number.isFinite(e.notional)) continue;
    seen.add(key(e));
    out.push(e);
  }
  return out.sort((a, b) => a.time - b.time);
}
