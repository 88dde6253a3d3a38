import type { MarginTier } from '../../../src/core';

/** The tier table of risk-math.md §1 (Binance-style, deductions continuous). */
export const TIER_TABLE: readonly MarginTier[] = [
  { notionalFloor: 0, notionalCap: 50_000, maintenanceRate: 0.004, deduction: 0 },
  { notionalFloor: 50_000, notionalCap: 600_000, maintenanceRate: 0.005, deduction: 50 },
  { notionalFloor: 600_000, notionalCap: 3_000_000, maintenanceRate: 0.0065, deduction: 950 },
  { notionalFloor: 3_000_000, notionalCap: 12_000_000, maintenanceRate: 0.01, deduction: 11_450 },
  { notionalFloor: 12_000_000, notionalCap: 70_000_000, maintenanceRate: 0.02, deduction: 131_450 },
];

export function singleTier(maintenanceRate: number, deduction = 0): MarginTier[] {
  return [{ notionalFloor: 0, notionalCap: Number.POSITIVE_INFINITY, maintenanceRate, deduction }];
}
