import { liquidationZones, openLevels, zonesAt, ZONE_MODEL } from '../src/core/liq-zones';
import { fidelity, population, type Mix } from '../tests/zones/population';
import { round } from './stats';

// How well the zone model (oi-taker-v1) finds where a crowd is liquidated: synthetic markets made
// from traders with known entries and leverages (tests/zones/population.ts), the model run on their
// bars alone, and its zones compared with the traders' true liquidation levels. With the true mix
// equal to the model's default the comparison checks the model's mechanics; with another mix it is
// the model's honest accuracy when its assumption is wrong.

export const TRUE_MIXES: Readonly<Record<string, Mix>> = {
  'default mix (the model’s own)': ZONE_MODEL,
  'all 20×': { leverages: [20], weights: [1] },
  'mostly 3× (80% 3×, 20% 10×)': { leverages: [3, 10], weights: [0.8, 0.2] },
  'mostly 100× (70% 100×, 30% 50×)': { leverages: [100, 50], weights: [0.7, 0.3] },
};

export interface FidelityRow {
  mix: string;
  seeds: number;
  /** Shape in common between modelled and true liquidation notional, at 0.5% of the mark (0–1). */
  overlap: { mean: number; min: number };
  /** True liquidation notional within 0.5% of a modelled zone of its side. */
  recall: number;
  /** Modelled zones with true liquidation notional within 0.5%. */
  precision: number;
}

export function zoneFidelity(seeds: number, m = 0.004): FidelityRow[] {
  return Object.entries(TRUE_MIXES).map(([mix, truth]) => {
    const runs = Array.from({ length: seeds }, (_, i) => {
      const p = population({ seed: 1000 + i, mix: truth, m });
      return fidelity(liquidationZones({ bars: p.bars, mark: p.mark, maxLeverage: 125, maintenanceRate: m }), p.open);
    });
    const mean = (f: (r: (typeof runs)[number]) => number) => round(runs.reduce((s, r) => s + f(r), 0) / runs.length, 3);
    return {
      mix,
      seeds,
      overlap: { mean: mean((r) => r.overlap), min: round(Math.min(...runs.map((r) => r.overlap)), 3) },
      recall: mean((r) => r.recall),
      precision: mean((r) => r.precision),
    };
  });
}

/**
 * What the model costs the background: the slow half (the open levels over 7 days of bars, run once
 * per new bar) and the binning at a new mark (run at every snapshot), median of `runs`, in ms.
 */
export function zoneModelCost(runs: number): { levelsMs: number; binMs: number; levels: number } {
  const p = population({ seed: 7, mix: ZONE_MODEL, m: 0.004 });
  const levelsTimes: number[] = [];
  const binTimes: number[] = [];
  let count = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const levels = openLevels({ bars: p.bars, maxLeverage: 125, maintenanceRate: 0.004 });
    const t1 = performance.now();
    zonesAt(levels, p.mark * (1 + i * 1e-4));
    const t2 = performance.now();
    levelsTimes.push(t1 - t0);
    binTimes.push(t2 - t1);
    count = levels.levels.length;
  }
  const median = (xs: number[]) => round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN, 2);
  return { levelsMs: median(levelsTimes), binMs: median(binTimes), levels: count };
}
