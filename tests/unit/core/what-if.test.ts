import { describe, expect, it } from 'vitest';
import { whatIf, type WhatIfInput } from '../../../src/core';

// risk-math.md's tier table and worked examples.
const TIERS = [
  { notionalFloor: 0, notionalCap: 50_000, maintenanceRate: 0.004, deduction: 0 },
  { notionalFloor: 50_000, notionalCap: 600_000, maintenanceRate: 0.005, deduction: 50 },
  { notionalFloor: 600_000, notionalCap: 3_000_000, maintenanceRate: 0.0065, deduction: 950 },
  { notionalFloor: 3_000_000, notionalCap: 12_000_000, maintenanceRate: 0.01, deduction: 11_450 },
  { notionalFloor: 12_000_000, notionalCap: 70_000_000, maintenanceRate: 0.02, deduction: 131_450 },
];
const base: WhatIfInput = {
  side: 'long',
  size: 0.5,
  entryPrice: 60_000,
  markPrice: 60_000,
  leverage: 20,
  tiers: TIERS,
  valuation: 'liquidation',
  feeRate: 0,
  fundingRate: 0.0001,
  fundingIntervalHours: 8,
  fundingPrice: 60_000,
};

describe('whatIf', () => {
  it.each([
    ['long 20×, tier 1', { size: 0.5, leverage: 20 }, 'long', 57_228.92],
    ['long 20×, tier 2', { size: 10, leverage: 20 }, 'long', 57_281.41],
    ['short 20×, tier 3', { size: 10, leverage: 20 }, 'short', 62_687.53],
    ['long 10×, tier 4', { size: 100, leverage: 10 }, 'long', 54_429.8],
  ] as const)('%s reproduces risk-math.md', (_name, over, side, lp) => {
    const r = whatIf({ ...base, ...over, side });
    expect(r.liqPrice).toBeCloseTo(lp, 2);
  });

  it('reproduces the funding example (0.5 BTC at 20×)', () => {
    const r = whatIf(base);
    expect(r.margin).toBe(1500);
    expect(r.perDay).toBeCloseTo(9, 10);
    expect(r.marginSharePerDay).toBeCloseTo(0.006, 10);
    expect(r.distance).toBeCloseTo((60_000 - 57_228.92) / 60_000, 6);
  });

  it("reproduces Bybit's entry-price convention (help-centre example)", () => {
    const r = whatIf({
      ...base,
      size: 1,
      entryPrice: 20_000,
      markPrice: 20_000,
      leverage: 50,
      tiers: [{ notionalFloor: 0, notionalCap: 2e6, maintenanceRate: 0.005, deduction: 0 }],
      valuation: 'entry',
    });
    expect(r.liqPrice).toBeCloseTo(19_700, 6);
  });

  it('takes a margin instead of leverage, and says when there is no liquidation price', () => {
    expect(whatIf({ ...base, leverage: undefined, margin: 1500 }).liqPrice).toBeCloseTo(57_228.92, 2);
    const r = whatIf({ ...base, leverage: 1 });
    expect(r.liqPrice).toBeNull();
    expect(r.distance).toBeNull();
  });

  it('warns when the margin does not cover the maintenance margin: liquidated at once, long and short', () => {
    // 250× on the 0.4% tier: margin 120 = maintenance 0.5 × 60,000 × 0.004 = 120, so LP = entry.
    const long = whatIf({ ...base, leverage: 250 });
    expect(long.liqPrice).toBeCloseTo(60_000, 6);
    expect(long.warning).toBe('the margin (120.00) does not cover the maintenance margin (120.00) at 250×: the position would be liquidated at once');
    const short = whatIf({ ...base, side: 'short', leverage: 250 });
    expect(short.liqPrice).toBeCloseTo(60_000, 6);
    expect(short.warning).toMatch(/liquidated at once/);
    // Tier 3 (0.65%, deduction 950): 10 BTC at 60,000 with 2,900 margin < 600,000 × 0.0065 − 950 = 2,950.
    const margin = whatIf({ ...base, size: 10, leverage: undefined, margin: 2_900 });
    expect(margin.liqPrice).toBeGreaterThan(60_000);
    expect(margin.warning).toBe('the margin (2900.00) does not cover the maintenance margin (2950.00): the position would be liquidated at once');
    expect(whatIf({ ...base, size: 10, leverage: undefined, margin: 3_000 }).warning).toBeNull();
    expect(whatIf({ ...base, leverage: 200 }).warning).toBeNull();
    expect(whatIf(base).warning).toBeNull();
  });

  it.each([
    [{ size: 0 }, /size/],
    [{ entryPrice: Number.NaN }, /entry/],
    [{ leverage: 0.5 }, /leverage/],
    [{ leverage: undefined }, /leverage or margin/],
    [{ leverage: undefined, margin: -5 }, /margin/],
  ])('refuses %o', (over, message) => {
    expect(() => whatIf({ ...base, ...over })).toThrow(message);
  });
});
