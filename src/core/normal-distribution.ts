// Φ is evaluated far into the tail (touch probabilities of a few in a million must not read 0 or
// go negative), so erfc is computed directly instead of as 1 − erf: a power series where it
// converges without cancellation, a continued fraction in the tail. Both are accurate to ~1e-15.

const SQRT_PI = Math.sqrt(Math.PI);
const SERIES_LIMIT = 3;
/** erfc(27) ≈ 5e-319 is already subnormal; beyond it (and at Infinity) the fraction would give NaN. */
const UNDERFLOW_LIMIT = 27;

/** erf(x) for 0 ≤ x < SERIES_LIMIT: erf(x) = 2/√π · e^(−x²) · Σ 2ⁿ x^(2n+1) / (2n+1)!! (all terms positive). */
function erfSeries(x: number): number {
  const twoXSquared = 2 * x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= twoXSquared / (2 * n + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return (2 / SQRT_PI) * Math.exp(-x * x) * sum;
}

/** erfc(x) for x ≥ SERIES_LIMIT: e^(−x²)/√π · 1/(x + ½/(x + 1/(x + 3⁄2/(x + …)))), modified Lentz. */
function erfcContinuedFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    const a = n / 2;
    d = x + a * d;
    d = d === 0 ? tiny : 1 / d;
    c = x + a / c;
    if (c === 0) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / (SQRT_PI * f);
}

/** Complementary error function, accurate in the far tail (erfc(10) ≈ 2.1e-45, not 0). */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x > UNDERFLOW_LIMIT) return 0;
  if (x >= SERIES_LIMIT) return erfcContinuedFraction(x);
  return 1 - erfSeries(x);
}

export function erf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) return -erf(-x);
  if (x > UNDERFLOW_LIMIT) return 1;
  if (x >= SERIES_LIMIT) return 1 - erfcContinuedFraction(x);
  return erfSeries(x);
}

/** Standard normal cumulative distribution Φ(z). */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}
