import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dailyVolatility, erf, erfc, normalCdf, sigmaDistance, touchProbability } from '../../../src/core';

describe('normalCdf', () => {
  it.each([
    [0, 0.5],
    [-1, 0.15865525393145707],
    [1, 0.8413447460685429],
    [-1.96, 0.024997895148220435],
    [-3, 0.0013498980316301035],
    [-5, 2.866515718791939e-7],
    [-8, 6.220960574271785e-16],
  ])('Φ(%d) = %d', (z, expected) => {
    expect(Math.abs(normalCdf(z) - expected)).toBeLessThanOrEqual(1e-12 * Math.max(expected, 1e-300) + 1e-16);
  });

  it('is accurate across the series / continued-fraction switch', () => {
    expect(erfc(3)).toBeCloseTo(2.209049699858544e-5, 15);
    expect(erfc(2.999999)).toBeGreaterThan(erfc(3));
    expect(erf(0.5)).toBeCloseTo(0.5204998778130465, 15);
    expect(erfc(10)).toBeGreaterThan(0);
    expect(erfc(Number.POSITIVE_INFINITY)).toBe(0);
    expect(normalCdf(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(normalCdf(Number.POSITIVE_INFINITY)).toBe(1);
  });

  it('is monotone and stays in [0, 1]', () => {
    fc.assert(
      fc.property(fc.double({ min: -40, max: 40, noNaN: true }), fc.double({ min: 0, max: 5, noNaN: true }), (z, dz) => {
        const a = normalCdf(z);
        const b = normalCdf(z + dz);
        return a >= 0 && b <= 1 && a <= b + 1e-15;
      }),
      { numRuns: 1000 },
    );
  });
});

describe('distance in volatility units — risk-math.md §2 example', () => {
  it('P 60000, LP 57228.92, σ 2.5% → k 1.89, touch within a day ≈ 5.9%', () => {
    expect(sigmaDistance(60_000, 57_228.92, 0.025)).toBeCloseTo(1.89, 2);
    const p = touchProbability({ side: 'long', markPrice: 60_000, liqPrice: 57_228.92, dailyVol: 0.025, days: 1 });
    expect(p).toBeCloseTo(0.059, 3);
    expect(p * 100).toBeCloseTo(5.86, 2);
  });

  it('is 1 at or past liquidation, 0 without movement, and grows with time', () => {
    expect(touchProbability({ side: 'long', markPrice: 57_000, liqPrice: 57_228.92, dailyVol: 0.025, days: 1 })).toBe(1);
    expect(touchProbability({ side: 'short', markPrice: 60_000, liqPrice: 60_000, dailyVol: 0.025, days: 1 })).toBe(1);
    expect(touchProbability({ side: 'short', markPrice: 60_000, liqPrice: 63_000, dailyVol: 0, days: 1 })).toBe(0);
    expect(touchProbability({ side: 'short', markPrice: 60_000, liqPrice: 63_000, dailyVol: 0.02, days: 0 })).toBe(0);
    const day = touchProbability({ side: 'short', markPrice: 60_000, liqPrice: 63_000, dailyVol: 0.02, days: 1 });
    const week = touchProbability({ side: 'short', markPrice: 60_000, liqPrice: 63_000, dailyVol: 0.02, days: 7 });
    expect(week).toBeGreaterThan(day);
    expect(sigmaDistance(60_000, 63_000, 0)).toBeNull();
  });

  it('stays within [0, 1]', () => {
    const positive = fc.double({ min: 1e-6, max: 1e7, noNaN: true });
    fc.assert(
      fc.property(
        fc.constantFrom('long' as const, 'short' as const),
        positive,
        positive,
        fc.double({ min: 0, max: 5, noNaN: true }),
        fc.double({ min: 0, max: 365, noNaN: true }),
        (side, markPrice, liqPrice, dailyVol, days) => {
          const p = touchProbability({ side, markPrice, liqPrice, dailyVol, days });
          return p >= 0 && p <= 1;
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('rejects nonsense', () => {
    const ok = { side: 'long', markPrice: 1, liqPrice: 0.5, dailyVol: 0.02, days: 1 } as const;
    expect(() => touchProbability({ ...ok, dailyVol: -0.1 })).toThrow(/dailyVol/);
    expect(() => touchProbability({ ...ok, days: Number.NaN })).toThrow(/days/);
    expect(() => touchProbability({ ...ok, markPrice: 0 })).toThrow(RangeError);
    expect(() => sigmaDistance(1, -1, 0.02)).toThrow(/liqPrice/);
  });
});

describe('dailyVolatility', () => {
  it('is the sample standard deviation of daily log returns', () => {
    const closes = [100, 110, 99, 105];
    const r = [Math.log(1.1), Math.log(99 / 110), Math.log(105 / 99)];
    const mean = (r[0]! + r[1]! + r[2]!) / 3;
    const expected = Math.sqrt(r.reduce((a, x) => a + (x - mean) ** 2, 0) / 2);
    expect(dailyVolatility(closes)).toBeCloseTo(expected, 14);
  });

  it('is 0 for a constant ratio series and null below three valid closes', () => {
    expect(dailyVolatility([100, 110, 121, 133.1])).toBeCloseTo(0, 12);
    expect(dailyVolatility([100, 110])).toBeNull();
    expect(dailyVolatility([100, Number.NaN, 0, -5, 110])).toBeNull();
    expect(dailyVolatility([])).toBeNull();
  });

  it('skips invalid closes', () => {
    expect(dailyVolatility([100, Number.NaN, 110, 0, 99])).toBeCloseTo(dailyVolatility([100, 110, 99]) ?? -1, 14);
  });
});
