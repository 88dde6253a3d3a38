// Changes over a window from a sampled series (hourly closes, OI snapshots). Pure.

export interface Point {
  time: number;
  value: number;
}

export type ChangeBasis = 'window' | 'since-watching';

export type WindowChange = { change: number; basis: ChangeBasis; from: number } | { change: null; reason: string };

/**
 * Relative change from the series value at `now − windowMs` to `current`. The base is the last point
 * at or before that time, and must sit within `maxGapMs` of it (a sparse series does not pretend to
 * know). A series that starts after the window began gives no change — unless `sinceFirst` is set
 * (recorded snapshots), when the change since the first point is returned, labelled so.
 */
export function windowChange(
  points: readonly Point[],
  current: number,
  now: number,
  windowMs: number,
  opts: { maxGapMs: number; sinceFirst?: boolean },
): WindowChange {
  if (!Number.isFinite(current) || current <= 0) return { change: null, reason: 'no current value' };
  const target = now - windowMs;
  let base: Point | undefined;
  for (const p of points) {
    if (p.time > target) break;
    base = p;
  }
  if (base && target - base.time <= opts.maxGapMs && base.value > 0) {
    return { change: current / base.value - 1, basis: 'window', from: base.time };
  }
  const first = points[0];
  if (opts.sinceFirst && first && first.time > target && first.value > 0) {
    return { change: current / first.value - 1, basis: 'since-watching', from: first.time };
  }
  if (!first) return { change: null, reason: 'no history yet' };
  return { change: null, reason: base ? 'history has a gap at the start of the window' : 'history does not reach back that far' };
}
