/** Order statistics of a sample; the benchmarks quote min/median/p95/max so the machine's noise shows. */
export interface Spread {
  n: number;
  min: number;
  median: number;
  p95: number;
  max: number;
}

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
}

export function spread(xs: readonly number[]): Spread {
  const s = [...xs].sort((a, b) => a - b);
  return { n: s.length, min: s[0] ?? Number.NaN, median: quantile(s, 0.5), p95: quantile(s, 0.95), max: s[s.length - 1] ?? Number.NaN };
}

export const round = (x: number, digits = 2) => Number(x.toFixed(digits));

export function roundSpread(s: Spread, digits = 2): Spread {
  return { n: s.n, min: round(s.min, digits), median: round(s.median, digits), p95: round(s.p95, digits), max: round(s.max, digits) };
}

/** Mulberry32: a seeded generator, so the same rounds always give the same interval. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Interval {
  level: number;
  low: number;
  high: number;
}

/**
 * A percentile-bootstrap interval for the median of `xs`: where the median of another run of as
 * many rounds would fall. A budget is shown to hold when the interval's top is within it, not when
 * one run's median happens to be.
 */
export function medianInterval(xs: readonly number[], level = 0.9, resamples = 4000): Interval {
  if (xs.length === 0) return { level, low: Number.NaN, high: Number.NaN };
  const random = seeded(0x9e3779b9);
  const medians: number[] = [];
  const sample = new Array<number>(xs.length);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < xs.length; i++) sample[i] = xs[Math.floor(random() * xs.length)] ?? Number.NaN;
    // The sample is refilled whole each time, so it can be sorted in place.
    medians.push(
      quantile(
        sample.sort((a, b) => a - b),
        0.5,
      ),
    );
  }
  medians.sort((a, b) => a - b);
  const tail = (1 - level) / 2;
  return { level, low: quantile(medians, tail), high: quantile(medians, 1 - tail) };
}
