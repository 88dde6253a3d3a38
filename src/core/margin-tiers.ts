import type { MarginTier } from './types';
import { requireNonNegative, requireRate } from './validate';

/** A validated tier plus the index it had in the caller's array, so results can point back at it. */
export interface IndexedTier {
  tier: MarginTier;
  index: number;
  /** Notional range this tier governs after gap-filling (see sortTiers). */
  lower: number;
  upper: number;
}

/**
 * Validates and sorts tiers by floor. Ranges are taken from the floors alone — tier i governs
 * [floor_i, floor_{i+1}) — with the lowest tier reaching down to 0 and the highest one up to
 * infinity, so a gap, an overlap or a position beyond the last cap still maps to exactly one tier.
 */
export function sortTiers(tiers: readonly MarginTier[]): IndexedTier[] {
  if (tiers.length === 0) throw new RangeError('tiers must hold at least one tier');
  tiers.forEach((tier, i) => {
    requireNonNegative(`tiers[${i}].notionalFloor`, tier.notionalFloor);
    if (Number.isNaN(tier.notionalCap) || !(tier.notionalCap > tier.notionalFloor)) {
      throw new RangeError(`tiers[${i}].notionalCap must exceed notionalFloor, got ${String(tier.notionalCap)}`);
    }
    requireRate(`tiers[${i}].maintenanceRate`, tier.maintenanceRate);
    requireNonNegative(`tiers[${i}].deduction`, tier.deduction);
  });
  const sorted = tiers.map((tier, index) => ({ tier, index })).sort((a, b) => a.tier.notionalFloor - b.tier.notionalFloor);
  return sorted.map((entry, i) => {
    const next = sorted[i + 1];
    if (next !== undefined && next.tier.notionalFloor === entry.tier.notionalFloor) {
      throw new RangeError(`tiers[${next.index}].notionalFloor duplicates tiers[${entry.index}].notionalFloor`);
    }
    return {
      ...entry,
      lower: i === 0 ? 0 : entry.tier.notionalFloor,
      upper: next === undefined ? Number.POSITIVE_INFINITY : next.tier.notionalFloor,
    };
  });
}

/** The tier governing a notional (quote currency), or the lowest tier for notional ≤ 0. */
export function tierForNotional(tiers: readonly IndexedTier[], notional: number): IndexedTier {
  let found = tiers[0];
  if (found === undefined) throw new RangeError('tiers must hold at least one tier');
  for (const t of tiers) {
    if (notional >= t.lower) found = t;
  }
  return found;
}

/**
 * Fills in deductions with Binance's recurrence D(n) = D(n−1) + floor(n)·(m(n) − m(n−1)), which
 * makes maintenance margin continuous across tier boundaries. Use it for venues that publish
 * only rates (Hyperliquid's margin tables) and for checking a published "cum" column.
 */
export function withContinuousDeductions(rows: readonly { notionalFloor: number; notionalCap: number; maintenanceRate: number }[]): MarginTier[] {
  const sorted = [...rows].sort((a, b) => a.notionalFloor - b.notionalFloor);
  let previous: MarginTier | undefined;
  return sorted.map((row) => {
    const exact = previous === undefined ? 0 : previous.deduction + row.notionalFloor * (row.maintenanceRate - previous.maintenanceRate);
    // Rates like 0.0065 are not exact in binary; rounding to 1e-8 gives back the published 950, not 949.9999…
    const deduction = Math.round(exact * 1e8) / 1e8;
    previous = { ...row, deduction };
    return previous;
  });
}

/** Hyperliquid states tiers as max leverage; its maintenance rate is half the initial margin rate. */
export function hyperliquidMaintenanceRate(maxLeverage: number): number {
  if (!Number.isFinite(maxLeverage) || maxLeverage < 1) {
    throw new RangeError(`maxLeverage must be a finite number ≥ 1, got ${String(maxLeverage)}`);
  }
  return 1 / (2 * maxLeverage);
}
