import type { MarginTier } from '../../core/types';
import type { RiskLimitRow } from './schemas';

/**
 * Bybit's risk-limit rows state margin rates either as fractions ("0.005", the linear examples) or
 * as percents ("0.5", the docs' inverse example) — the docs do not say which, and a 100× error in a
 * maintenance rate moves a liquidation price by tens of percent. The unit is read from the rows:
 *
 * - initial margin × max leverage is 1 for fractions and 100 for percents (IM = 1 / max leverage),
 *   which tells the two apart even for "0.5", a plausible value in both;
 * - a rate above 1 can only be a percent (no tier asks for more than the whole notional);
 * - with neither clue, fractions, as every linear example shows.
 *
 * Rows that point both ways give null: the table is not trusted.
 */
export function marginRateScale(rows: readonly RiskLimitRow[]): 1 | 100 | null {
  let fraction = false;
  let percent = false;
  for (const r of rows) {
    if (r.initialMargin !== undefined && r.maxLeverage !== undefined) {
      const product = r.initialMargin * r.maxLeverage;
      if (Math.abs(product - 1) <= 0.05) fraction = true;
      else if (Math.abs(product - 100) <= 5) percent = true;
    }
    if (r.maintenanceMargin > 1 || (r.initialMargin ?? 0) > 1) percent = true;
  }
  if (fraction && percent) return null;
  return percent ? 100 : 1;
}

/**
 * Tiers from risk-limit rows: sorted by riskLimitValue, which is each tier's notional cap; a tier's
 * floor is the previous tier's cap (0 for the first). Rates are normalised to fractions.
 */
export function riskLimitTiers(rows: readonly RiskLimitRow[]): { ok: true; tiers: MarginTier[] } | { ok: false; reason: string } {
  if (rows.length === 0) return { ok: false, reason: 'no risk-limit tiers' };
  const scale = marginRateScale(rows);
  if (scale === null) return { ok: false, reason: 'margin rates mix fractions and percents' };
  const sorted = [...rows].sort((a, b) => a.riskLimitValue - b.riskLimitValue);
  const tiers: MarginTier[] = [];
  let floor = 0;
  for (const r of sorted) {
    const maintenanceRate = r.maintenanceMargin / scale;
    if (!(maintenanceRate > 0 && maintenanceRate < 1)) {
      return { ok: false, reason: `maintenance rate ${r.maintenanceMargin} is not a rate (tier ${r.riskLimitValue})` };
    }
    if (!(r.riskLimitValue > floor)) return { ok: false, reason: `two tiers share the cap ${r.riskLimitValue}` };
    tiers.push({ notionalFloor: floor, notionalCap: r.riskLimitValue, maintenanceRate, deduction: r.mmDeduction });
    floor = r.riskLimitValue;
  }
  return { ok: true, tiers };
}
