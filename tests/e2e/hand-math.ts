// The e2e tests' own maths, independent of the code under test: what the panel shows is checked
// against these, never against PerpLens's own functions.

/** Φ by Simpson integration of the normal density. */
export function phi(z: number): number {
  if (z > 0) return 1 - phi(-z);
  const n = 2000;
  const a = -12;
  const h = (z - a) / n;
  const f = (x: number) => Math.exp((-x * x) / 2) / Math.sqrt(2 * Math.PI);
  let sum = f(a) + f(z);
  for (let i = 1; i < n; i++) sum += f(a + i * h) * (i % 2 ? 4 : 2);
  return (sum * h) / 3;
}

/** The distance k (in σ) at which the chance to touch within a day, 2·Φ(−k), equals `p`: bisection on phi. */
export function kForTouch(p: number): number {
  let lo = 0;
  let hi = 10;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (2 * phi(-mid) > p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
