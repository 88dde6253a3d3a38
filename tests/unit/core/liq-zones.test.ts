import { describe, expect, it } from 'vitest';
import { binIndex, leverageMix, levelPrice, liquidationZones, positionZones, ZONE_MODEL, type ZoneBar, type ZoneMap } from '../../../src/core/liq-zones';
import { fidelity, population } from '../../zones/population';

const T0 = Date.UTC(2026, 11, 1);
/** Everyone at 10×: one level per side. */
const TEN = { leverages: [10], weights: [1] };
const bar = (i: number, o: Partial<ZoneBar>): ZoneBar => ({ time: T0 + i * 900_000, high: 100, low: 100, close: 100, volume: 10, takerBuy: 5, oi: 0, ...o });

describe('liquidation zones, model oi-taker-v1', () => {
  it('keeps the default mix exactly, and drops buckets above the market maximum pro rata', () => {
    expect(ZONE_MODEL.leverages).toEqual([5, 10, 25, 50, 100]);
    expect(ZONE_MODEL.weights).toEqual([0.15, 0.3, 0.25, 0.2, 0.1]);
    const all = leverageMix(125);
    expect(all.leverages).toEqual([5, 10, 25, 50, 100]);
    all.weights.forEach((w, i) => expect(w).toBeCloseTo(ZONE_MODEL.weights[i]!, 12));
    const capped = leverageMix(50);
    expect(capped.leverages).toEqual([5, 10, 25, 50]);
    capped.weights.forEach((w, i) => expect(w).toBeCloseTo([0.15, 0.3, 0.25, 0.2][i]! / 0.9, 12));
    expect(leverageMix(3)).toEqual({ leverages: [], weights: [] });
  });

  it('opens ΔOI × typical price at the typical price, long by the taker-buy share, at each bucket’s level', () => {
    // OI 0 → 10 at typical (102 + 98 + 100) / 3 = 100: 1000 of notional, 70% long.
    const map = liquidationZones({
      bars: [bar(0, {}), bar(1, { high: 102, low: 98, close: 100, volume: 10, takerBuy: 7, oi: 10 })],
      mark: 100,
      maxLeverage: 125,
      maintenanceRate: 0.005,
    });
    expect(map.total.long).toBeCloseTo(700, 9);
    expect(map.total.short).toBeCloseTo(300, 9);
    expect(map.takerSplit).toBe('published');
    // The 10× long level: 100 × (1 − 0.1 + 0.005) = 90.5, in the bin 90.5 falls in, with 30% of 700.
    const at = (price: number) => map.bins.find((b) => binIndex(b.price, 100) === binIndex(price, 100));
    expect(levelPrice('long', 100, 10, 0.005)).toBeCloseTo(90.5, 12);
    expect(at(90.5)?.long).toBeCloseTo(0.3 * 700, 9);
    expect(levelPrice('short', 100, 25, 0.005)).toBeCloseTo(103.5, 12);
    expect(at(103.5)?.short).toBeCloseTo(0.25 * 300, 9);
    // 5× levels (80.5, 119.5) are within ±25%; every bucket here holds ≥ 5%: all are zones.
    expect(map.zones.long.map((z) => z.price)).toHaveLength(5);
  });

  it('splits 50/50 where the venue publishes no taker split, and says so', () => {
    const map = liquidationZones({ bars: [bar(0, {}), bar(1, { takerBuy: null, oi: 4 })], mark: 100, maxLeverage: 125, maintenanceRate: 0 });
    expect(map.total.long).toBeCloseTo(map.total.short, 9);
    expect(map.takerSplit).toBe('assumed-50-50');
  });

  it('consumes a long level when a later low reaches it (inclusive), never in its own bar', () => {
    const open = bar(1, { high: 100, low: 100, close: 100, oi: 10, takerBuy: 10 });
    const level = levelPrice('long', 100, 10, 0);
    const run = (low: number) =>
      liquidationZones({ bars: [bar(0, {}), open, bar(2, { high: 100, low, close: 100, oi: 10 })], mark: 100, maxLeverage: 10, maintenanceRate: 0, mix: TEN });
    expect(run(level + 0.01).total.long).toBeCloseTo(1000, 9);
    expect(run(level).total.long).toBe(0);
    // Its own bar's low below the level does not consume it.
    const own = liquidationZones({
      bars: [bar(0, {}), bar(1, { high: 100, low: 80, close: 100, oi: 10, takerBuy: 10 })],
      mark: 100,
      maxLeverage: 10,
      maintenanceRate: 0,
    });
    expect(own.total.long).toBeGreaterThan(0);
  });

  it('a fall in OI removes its share of every open level, on both sides', () => {
    const bars = [bar(0, {}), bar(1, { oi: 10, takerBuy: 5 }), bar(2, { oi: 7.5 })];
    const map = liquidationZones({ bars, mark: 100, maxLeverage: 125, maintenanceRate: 0 });
    expect(map.total.long).toBeCloseTo(500 * 0.75, 9);
    expect(map.total.short).toBeCloseTo(500 * 0.75, 9);
  });

  it('counts only levels within ±25% of the mark, and refuses nonsense', () => {
    const map = liquidationZones({ bars: [bar(0, {}), bar(1, { oi: 10 })], mark: 100, maxLeverage: 125, maintenanceRate: 0 });
    expect(map.bins.every((b) => Math.abs(b.price - 100) <= 25.2)).toBe(true);
    expect(() => liquidationZones({ bars: [], mark: 0, maxLeverage: 10, maintenanceRate: 0 })).toThrow(RangeError);
    // A bar with absurd values is skipped, not propagated.
    const absurd = liquidationZones({ bars: [bar(0, {}), bar(1, { high: Number.NaN, oi: 10 })], mark: 100, maxLeverage: 10, maintenanceRate: 0 });
    expect(absurd.total).toEqual({ long: 0, short: 0 });
  });
});

describe('the zones as one position meets them', () => {
  const map: ZoneMap = {
    model: 'oi-taker-v1',
    mark: 100,
    bins: [
      { price: 90.125, long: 50, short: 0 },
      { price: 95.125, long: 40, short: 0 },
      { price: 97.125, long: 10, short: 0 },
      { price: 104.125, long: 0, short: 100 },
    ],
    total: { long: 100, short: 100 },
    zones: {
      long: [
        { price: 90.125, long: 50, short: 0 },
        { price: 95.125, long: 40, short: 0 },
        { price: 97.125, long: 10, short: 0 },
      ],
      short: [{ price: 104.125, long: 0, short: 100 }],
    },
    bars: 672,
    coveredMs: 7 * 86_400_000,
    takerSplit: 'published',
    leverages: [5, 10, 25, 50, 100],
    weights: [0.15, 0.3, 0.25, 0.2, 0.1],
  };

  it('a long: the nearest long zone below, the share between the mark and its liquidation, and the relation', () => {
    const z = positionZones(map, 'long', 93);
    expect(z.nearest?.price).toBe(97.125);
    expect(z.nearest?.distance).toBeCloseTo(0.02875, 12);
    expect(z.betweenShare).toBeCloseTo(0.5, 12);
    expect(z.relation).toBe('beyond-zone');
    expect(positionZones(map, 'long', 90.2).relation).toBe('in-zone');
    expect(positionZones(map, 'long', 98).relation).toBe('clear');
    expect(positionZones(map, 'long', null)).toMatchObject({ betweenShare: null, relation: 'clear' });
  });

  it('a short: the short zone above', () => {
    const z = positionZones(map, 'short', 110);
    expect(z.nearest?.price).toBe(104.125);
    expect(z.nearest?.distance).toBeCloseTo(0.04125, 12);
    expect(z.betweenShare).toBe(1);
    expect(z.relation).toBe('beyond-zone');
  });
});

describe('a synthetic market of traders with known entries and leverages', () => {
  it('with the default mix, the zones fall where the true liquidation levels are', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const p = population({ seed, mix: ZONE_MODEL, m: 0.004 });
      const map = liquidationZones({ bars: p.bars, mark: p.mark, maxLeverage: 125, maintenanceRate: 0.004 });
      const f = fidelity(map, p.open);
      // Every zone holds true liquidation notional within 0.5% of its price; the modelled and the
      // true notional have most of their shape in common (measured 0.77–0.89 over 16 markets).
      expect(f.precision, `seed ${seed}`).toBe(1);
      expect(f.overlap, `seed ${seed}`).toBeGreaterThan(0.7);
      expect(map.zones.long.length + map.zones.short.length).toBeGreaterThan(0);
    }
  });

  it('with another mix the shapes part: the model says what it assumes, and is only as right as that', () => {
    const overlapFor = (mix: { leverages: readonly number[]; weights: readonly number[] }) => {
      const p = population({ seed: 7, mix, m: 0.004 });
      return fidelity(liquidationZones({ bars: p.bars, mark: p.mark, maxLeverage: 125, maintenanceRate: 0.004 }), p.open).overlap;
    };
    expect(overlapFor({ leverages: [20], weights: [1] })).toBeLessThan(overlapFor(ZONE_MODEL) - 0.3);
  });
});
