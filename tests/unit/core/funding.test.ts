import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aprOf8h, averageRate, daysUntilMarginShare, fundingDrag, toRate8h } from '../../../src/core';

describe('fundingDrag — risk-math.md §3 example', () => {
  // long 0.5 BTC, P 60000, r 0.0001 per 8h, M 1500 (20×); tier-1 maintenance rate 0.4%.
  const drag = fundingDrag({
    side: 'long',
    size: 0.5,
    markPrice: 60_000,
    rate: 0.0001,
    intervalHours: 8,
    margin: 1_500,
    maintenanceRate: 0.004,
  });

  it('pays $3.00 per interval and $9.00 per day', () => {
    expect(drag.perInterval).toBeCloseTo(3, 2);
    expect(drag.perDay).toBeCloseTo(9, 2);
    expect(drag.rate8h).toBeCloseTo(0.0001, 12);
  });

  it('is 0.60% of margin per day, APR 10.95% on notional and 219% on margin', () => {
    expect(drag.marginSharePerDay! * 100).toBeCloseTo(0.6, 2);
    expect(drag.aprOnNotional * 100).toBeCloseTo(10.95, 2);
    expect(drag.aprOnMargin! * 100).toBeCloseTo(219, 2);
  });

  it('raises the liquidation price by ≈ $18.07 per day', () => {
    expect(drag.liqShiftPerDay).toBeCloseTo(18.07, 2);
  });

  it('consumes 10% of margin in 16.7 days', () => {
    expect(daysUntilMarginShare(0.1, 1_500, drag.perDay)).toBeCloseTo(16.67, 2);
  });

  it("Hyperliquid's hourly 0.0000125 is 0.01% per 8h", () => {
    expect(toRate8h(0.0000125, 1)).toBeCloseTo(0.0001, 15);
    const hourly = fundingDrag({ side: 'long', size: 0.5, markPrice: 60_000, rate: 0.0000125, intervalHours: 1 });
    expect(hourly.rate8h).toBeCloseTo(0.0001, 15);
    expect(hourly.perDay).toBeCloseTo(9, 10);
    expect(hourly.perInterval).toBeCloseTo(0.375, 10);
  });
});

describe('fundingDrag — signs and optional inputs', () => {
  it('a short paying (negative rate) sees its liquidation price fall', () => {
    const d = fundingDrag({
      side: 'short',
      size: 2,
      markPrice: 100,
      rate: -0.001,
      intervalHours: 8,
      margin: 20,
      maintenanceRate: 0.01,
    });
    expect(d.perInterval).toBeCloseTo(0.2, 12);
    expect(d.perDay).toBeCloseTo(0.6, 12);
    expect(d.rate8h).toBeCloseTo(-0.001, 12);
    expect(d.aprOnNotional).toBeGreaterThan(0); // a cost to this position
    expect(d.liqShiftPerDay).toBeCloseTo(-0.6 / (2 * 1.01), 12);
  });

  it('receiving funding moves the liquidation price away from the mark', () => {
    const d = fundingDrag({ side: 'long', size: 1, markPrice: 100, rate: -0.001, intervalHours: 8, margin: 10, maintenanceRate: 0.01 });
    expect(d.perDay).toBeLessThan(0);
    expect(d.liqShiftPerDay).toBeLessThan(0);
    expect(daysUntilMarginShare(0.1, 10, d.perDay)).toBeNull();
  });

  it('leaves margin-based figures null without margin or maintenance rate', () => {
    const d = fundingDrag({ side: 'long', size: 1, markPrice: 100, rate: 0.0001, intervalHours: 8 });
    expect(d.marginSharePerDay).toBeNull();
    expect(d.aprOnMargin).toBeNull();
    expect(d.liqShiftPerDay).toBeNull();
    const noRate = fundingDrag({ side: 'long', size: 1, markPrice: 100, rate: 0.0001, intervalHours: 8, margin: 10 });
    expect(noRate.marginSharePerDay).toBeCloseTo(0.003, 12); // $0.03/day on $10
    expect(noRate.liqShiftPerDay).toBeNull();
    const zeroMargin = fundingDrag({ side: 'long', size: 1, markPrice: 100, rate: 0.0001, intervalHours: 8, margin: 0, maintenanceRate: 0.01 });
    expect(zeroMargin.marginSharePerDay).toBeNull();
    expect(zeroMargin.liqShiftPerDay).toBeNull();
  });

  it('funding sign flips with the side and with the rate', () => {
    const positive = fc.double({ min: 1e-6, max: 1e6, noNaN: true });
    fc.assert(
      fc.property(
        positive,
        positive,
        // Real rates: zero or at least 1e-12 in size (subnormal rates would underflow the products).
        fc.double({ min: -0.01, max: 0.01, noNaN: true }).filter((r) => r === 0 || Math.abs(r) >= 1e-12),
        fc.constantFrom(1, 4, 8),
        (size, markPrice, rate, intervalHours) => {
          const base = { size, markPrice, rate, intervalHours, margin: size * markPrice * 0.1, maintenanceRate: 0.005 };
          const long = fundingDrag({ ...base, side: 'long' });
          const short = fundingDrag({ ...base, side: 'short' });
          const flipped = fundingDrag({ ...base, side: 'long', rate: -rate });
          expect(short.perInterval).toBe(-long.perInterval + 0);
          expect(flipped.perInterval).toBe(-long.perInterval + 0);
          expect(short.aprOnNotional).toBe(-long.aprOnNotional + 0);
          expect(short.rate8h).toBe(long.rate8h);
          expect(Math.sign(long.perInterval)).toBe(Math.sign(rate) + 0);
          // Paying always pushes the liquidation price toward the mark: up for a long, down for a short.
          if (long.perDay > 0) expect(long.liqShiftPerDay!).toBeGreaterThan(0);
          if (short.perDay > 0) expect(short.liqShiftPerDay!).toBeLessThan(0);
          return true;
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('rejects nonsense with the field name', () => {
    const ok = { side: 'long', size: 1, markPrice: 100, rate: 0.0001, intervalHours: 8 } as const;
    expect(() => fundingDrag({ ...ok, size: 0 })).toThrow(/size/);
    expect(() => fundingDrag({ ...ok, markPrice: Number.NaN })).toThrow(/markPrice/);
    expect(() => fundingDrag({ ...ok, rate: Number.POSITIVE_INFINITY })).toThrow(/rate/);
    expect(() => fundingDrag({ ...ok, intervalHours: 0 })).toThrow(/intervalHours/);
    expect(() => fundingDrag({ ...ok, margin: -1 })).toThrow(/margin/);
    expect(() => fundingDrag({ ...ok, maintenanceRate: 1.5 })).toThrow(/maintenanceRate/);
    expect(() => daysUntilMarginShare(0, 100, 1)).toThrow(/share/);
    expect(() => daysUntilMarginShare(0.1, -1, 1)).toThrow(/margin/);
  });
});

describe('averageRate', () => {
  it('averages finite rates and is null for none', () => {
    expect(averageRate([0.0001, 0.0003, -0.0001])).toBeCloseTo(0.0001, 15);
    expect(averageRate([0.0002, Number.NaN])).toBe(0.0002);
    expect(averageRate([])).toBeNull();
  });
});

describe('aprOf8h: one APR rule', () => {
  it('is three payments a day for a year, without compounding', () => {
    expect(aprOf8h(0.0001)).toBeCloseTo(0.1095, 12);
    expect(aprOf8h(-0.0003)).toBeCloseTo(-0.3285, 12);
  });

  it('gives the same yearly rate for an hourly and an 8-hourly venue charging the same per 8 h', () => {
    const hourly = aprOf8h(toRate8h(0.0000125, 1));
    const eightHourly = aprOf8h(toRate8h(0.0001, 8));
    expect(hourly).toBeCloseTo(eightHourly, 12);
  });

  it('is the funding drag’s APR on notional, signed for the side that pays', () => {
    const long = fundingDrag({ side: 'long', size: 1, markPrice: 60_000, rate: 0.0000125, intervalHours: 1 });
    const short = fundingDrag({ side: 'short', size: 1, markPrice: 60_000, rate: 0.0000125, intervalHours: 1 });
    expect(long.aprOnNotional).toBeCloseTo(aprOf8h(toRate8h(0.0000125, 1)), 12);
    expect(short.aprOnNotional).toBeCloseTo(-long.aprOnNotional, 12);
  });
});
