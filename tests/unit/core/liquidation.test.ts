import { describe, expect, it } from 'vitest';
import {
  hyperliquidMaintenanceRate,
  liquidationDistance,
  liquidationPrice,
  liquidationPriceDetail,
  withContinuousDeductions,
  type MarginTier,
} from '../../../src/core';
import { singleTier, TIER_TABLE } from './fixtures';

describe('liquidationPrice — worked examples of risk-math.md §1', () => {
  it('single tier, long and short', () => {
    const base = { size: 1, entryPrice: 20_000, margin: 400, tiers: singleTier(0.005) };
    expect(liquidationPrice({ ...base, side: 'long' })).toBeCloseTo(19_698.49, 2);
    expect(liquidationPrice({ ...base, side: 'short' })).toBeCloseTo(20_298.51, 2);
  });

  it("matches Hyperliquid's own figure", () => {
    const size = 0.0335;
    const entryPrice = 2986.3;
    const margin = -95.059824 + size * entryPrice; // rawUsd + s·Q·EP
    expect(margin).toBeCloseTo(4.981226, 6);
    const m = hyperliquidMaintenanceRate(50);
    expect(m).toBe(0.01);
    const lp = liquidationPrice({ side: 'long', size, entryPrice, margin, tiers: singleTier(m) });
    expect(lp).toBeCloseTo(2866.2694, 4);
    expect(lp).toBeCloseTo(2866.26936529, 4); // the API's figure, well inside one tick (0.1)
  });

  it('Bybit convention values maintenance at entry', () => {
    // 50× → IM = 20000/50 = 400, MM = 20000 × 0.005 = 100.
    const p = { side: 'long', size: 1, entryPrice: 20_000, margin: 400, tiers: singleTier(0.005) } as const;
    expect(liquidationPrice({ ...p, valuation: 'entry' })).toBeCloseTo(19_700, 2);
    expect(liquidationPrice({ ...p, side: 'short', valuation: 'entry' })).toBeCloseTo(20_300, 2);
    // The generic formula differs, which is why the mode exists.
    expect(liquidationPrice(p)).not.toBeCloseTo(19_700, 0);
  });

  it.each([
    ['long', 0.5, 1_500, 57_228.92, 1],
    ['long', 10, 30_000, 57_281.41, 2],
    ['short', 10, 30_000, 62_687.53, 3],
    ['long', 100, 600_000, 54_429.8, 4],
  ] as const)('tier table: %s Q %d M %d → %d in tier %d (1-based)', (side, size, margin, expected, tier) => {
    const detail = liquidationPriceDetail({ side, size, entryPrice: 60_000, margin, tiers: TIER_TABLE });
    expect(detail.price).toBeCloseTo(expected, 2);
    expect(detail.tierIndex).toBe(tier - 1);
    expect(detail.maintenanceRate).toBe(TIER_TABLE[tier - 1]?.maintenanceRate);
    expect(detail.deduction).toBe(TIER_TABLE[tier - 1]?.deduction);
  });

  it("reports the tier index of the caller's (unsorted) array", () => {
    const shuffled = [TIER_TABLE[3], TIER_TABLE[0], TIER_TABLE[4], TIER_TABLE[1], TIER_TABLE[2]].filter((t): t is MarginTier => t !== undefined);
    const detail = liquidationPriceDetail({ side: 'long', size: 10, entryPrice: 60_000, margin: 30_000, tiers: shuffled });
    expect(detail.price).toBeCloseTo(57_281.41, 2);
    expect(detail.tierIndex).toBe(3);
  });

  it('the table deductions follow the Binance recurrence', () => {
    const rows = TIER_TABLE.map(({ notionalFloor, notionalCap, maintenanceRate }) => ({
      notionalFloor,
      notionalCap,
      maintenanceRate,
    }));
    expect(withContinuousDeductions(rows).map((t) => t.deduction)).toEqual(TIER_TABLE.map((t) => t.deduction));
  });
});

describe('liquidationPrice — no liquidation price', () => {
  it('is null for a long whose margin covers the notional', () => {
    const p = { side: 'long', size: 1, entryPrice: 20_000, tiers: singleTier(0.005) } as const;
    expect(liquidationPrice({ ...p, margin: 20_000 })).toBeNull();
    expect(liquidationPrice({ ...p, margin: 25_000 })).toBeNull();
    expect(liquidationPrice({ ...p, margin: 25_000, valuation: 'entry' })).toBeNull();
    expect(liquidationPriceDetail({ ...p, margin: 25_000 })).toEqual({
      price: null,
      tierIndex: null,
      maintenanceRate: null,
      deduction: null,
    });
  });

  it('a short always has one', () => {
    const lp = liquidationPrice({ side: 'short', size: 1, entryPrice: 20_000, margin: 1e9, tiers: singleTier(0.005) });
    expect(lp).toBeGreaterThan(20_000);
  });

  it('a position below maintenance at entry gets a price on the wrong side of entry', () => {
    const lp = liquidationPrice({ side: 'long', size: 1, entryPrice: 20_000, margin: 50, tiers: singleTier(0.005) });
    expect(lp).toBeGreaterThan(20_000);
    expect(liquidationDistance('long', 20_000, lp ?? 0)).toBeLessThan(0);
  });
});

describe('liquidationPrice — options and tier edge cases', () => {
  it('adds the fee rate to the maintenance rate (OKX)', () => {
    const base = { side: 'long', size: 1, entryPrice: 20_000, margin: 400 } as const;
    expect(liquidationPrice({ ...base, tiers: singleTier(0.004), feeRate: 0.0005 })).toBeCloseTo(
      liquidationPrice({ ...base, tiers: singleTier(0.0045) }) ?? 0,
      8,
    );
  });

  it('uses the tier of the entry notional in entry valuation', () => {
    const detail = liquidationPriceDetail({
      side: 'long',
      size: 10,
      entryPrice: 60_000,
      margin: 30_000,
      tiers: TIER_TABLE,
      valuation: 'entry',
    });
    expect(detail.tierIndex).toBe(2); // 600 000 notional → third tier
    expect(detail.price).toBeCloseTo(60_000 - (30_000 - (600_000 * 0.0065 - 950)) / 10, 6);
  });

  it('extends the last tier beyond its cap and the first one down to zero', () => {
    const tiers = [{ notionalFloor: 1000, notionalCap: 2000, maintenanceRate: 0.01, deduction: 0 }];
    const lp = liquidationPrice({ side: 'short', size: 1, entryPrice: 100_000, margin: 5000, tiers });
    expect(lp).toBeCloseTo(105_000 / 1.01, 6);
    expect(liquidationPrice({ side: 'long', size: 0.001, entryPrice: 100, margin: 0.005, tiers })).toBeCloseTo((0.1 - 0.005) / (0.001 * 0.99), 8);
  });

  it('liquidates at a tier boundary when a jump in maintenance margin skips the root', () => {
    // No deduction on the second tier: maintenance jumps from 1% to 20% of notional at 100 000.
    const tiers: MarginTier[] = [
      { notionalFloor: 0, notionalCap: 100_000, maintenanceRate: 0.01, deduction: 0 },
      { notionalFloor: 100_000, notionalCap: Number.POSITIVE_INFINITY, maintenanceRate: 0.2, deduction: 0 },
    ];
    // Short 1 @ 90 000 with 15 000 margin: tier-1 root is 104 950 (outside tier 1), tier-2 root
    // 87 500 (outside tier 2). Equity at 100 000 is 5 000 < 20 000 maintenance → liquidated there.
    const detail = liquidationPriceDetail({ side: 'short', size: 1, entryPrice: 90_000, margin: 15_000, tiers });
    expect(detail.price).toBe(100_000);
    expect(detail.tierIndex).toBe(1);
  });

  it('with several self-consistent roots picks the first one the price reaches from entry', () => {
    // Without a deduction, maintenance jumps from 1% to 10% at 1 000 000 notional (price 10 000
    // for Q 100). Long 100 @ 12 000 with 250 000 margin: both tiers hold a root, 9 595.96 (tier 1)
    // and 10 555.56 (tier 2); falling from entry the price hits 10 555.56 first.
    const tiers: MarginTier[] = [
      { notionalFloor: 0, notionalCap: 1_000_000, maintenanceRate: 0.01, deduction: 0 },
      { notionalFloor: 1_000_000, notionalCap: Number.POSITIVE_INFINITY, maintenanceRate: 0.1, deduction: 0 },
    ];
    const detail = liquidationPriceDetail({ side: 'long', size: 100, entryPrice: 12_000, margin: 250_000, tiers });
    expect(detail.price).toBeCloseTo(950_000 / 90, 6);
    expect(detail.tierIndex).toBe(1);
  });
});

describe('liquidationPrice — nonsense input', () => {
  const ok = { side: 'long', size: 1, entryPrice: 20_000, margin: 400, tiers: singleTier(0.005) } as const;
  it.each([
    ['size', { size: 0 }],
    ['size', { size: -1 }],
    ['size', { size: Number.NaN }],
    ['size', { size: Number.POSITIVE_INFINITY }],
    ['entryPrice', { entryPrice: 0 }],
    ['entryPrice', { entryPrice: Number.NaN }],
    ['margin', { margin: -1 }],
    ['margin', { margin: Number.POSITIVE_INFINITY }],
    ['tiers', { tiers: [] }],
    ['maintenanceRate', { tiers: singleTier(Number.NaN) }],
    ['maintenanceRate', { tiers: singleTier(-0.01) }],
    ['maintenanceRate', { tiers: singleTier(1) }],
    ['deduction', { tiers: singleTier(0.01, -5) }],
    ['deduction', { tiers: singleTier(0.01, Number.NaN) }],
    ['notionalFloor', { tiers: [{ notionalFloor: -1, notionalCap: 10, maintenanceRate: 0.01, deduction: 0 }] }],
    ['notionalCap', { tiers: [{ notionalFloor: 10, notionalCap: 10, maintenanceRate: 0.01, deduction: 0 }] }],
    ['notionalFloor', { tiers: [...singleTier(0.01), ...singleTier(0.02)] }],
    ['feeRate', { feeRate: -0.001 }],
    ['feeRate', { feeRate: Number.NaN }],
    ['feeRate', { feeRate: 0.999 }],
    ['side', { side: 'flat' }],
    ['valuation', { valuation: 'mark' }],
  ])('throws a RangeError naming %s', (field, patch) => {
    const input = { ...ok, ...patch } as Parameters<typeof liquidationPrice>[0];
    expect(() => liquidationPrice(input)).toThrow(RangeError);
    expect(() => liquidationPrice(input)).toThrow(new RegExp(field));
  });

  it('accepts zero margin', () => {
    expect(liquidationPrice({ ...ok, margin: 0 })).toBeGreaterThan(20_000);
  });
});

describe('liquidationDistance', () => {
  it('is a signed fraction of the mark', () => {
    expect(liquidationDistance('long', 60_000, 57_000)).toBeCloseTo(0.05, 12);
    expect(liquidationDistance('short', 60_000, 63_000)).toBeCloseTo(0.05, 12);
    expect(liquidationDistance('long', 56_000, 57_000)).toBeLessThan(0);
    expect(liquidationDistance('short', 60_000, 60_000)).toBe(0);
  });

  it('rejects nonsense prices', () => {
    expect(() => liquidationDistance('long', 0, 1)).toThrow(/markPrice/);
    expect(() => liquidationDistance('long', 1, Number.NaN)).toThrow(/liqPrice/);
  });
});
