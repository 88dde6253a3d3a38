const HOUR = 3_600_000;

/** Sorted ascending by time with repeated times dropped (the later row wins), whatever order the venue sent. */
export function ascendingByTime<T extends { time: number }>(points: readonly T[]): T[] {
  const byTime = new Map<number, T>();
  for (const p of points) byTime.set(p.time, p);
  return [...byTime.values()].sort((a, b) => a.time - b.time);
}

/**
 * Funding interval from the gaps between settlements. Settlement times carry a few ms of jitter
 * (`…600001`), so gaps are rounded to whole hours; the most common of the last ten gaps wins, ties
 * going to the most recent, so one missed settlement or an interval change long ago does not count.
 */
export function intervalHoursFromTimes(ascendingTimes: readonly number[]): number | null {
  const gaps: number[] = [];
  for (let i = ascendingTimes.length - 1; i > 0 && gaps.length < 10; i--) {
    const a = ascendingTimes[i];
    const b = ascendingTimes[i - 1];
    if (a === undefined || b === undefined) break;
    const hours = Math.round((a - b) / HOUR);
    if (hours > 0) gaps.push(hours);
  }
  let best: number | null = null;
  let bestCount = 0;
  for (const g of gaps) {
    const count = gaps.filter((x) => x === g).length;
    if (count > bestCount) {
      best = g;
      bestCount = count;
    }
  }
  return best;
}
