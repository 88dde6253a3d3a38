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
