import { withContinuousDeductions } from '../../core/margin-tiers';
import type { MarginTier } from '../../core/types';
import type { TierRow } from './schemas';

/**
 * Bitget's position tiers (`query-position-lever`) are bands of position VALUE in USDT with a
 * maintenance rate each and no deduction column. Since 2025-11-10 Bitget charges maintenance margin
 * tier by tier (help centre, "maintenance margin calculation" update: 3 BTC at 110,000 is
 * 200,000 × 0.46% + 130,000 × 0.56% = 1,648 USDT, not 330,000 × 0.56% = 1,848), which is the
 * whole-value rate less a deduction D(n) = D(n−1) + floor(n)·(m(n) − m(n−1)): exactly the continuous
 * deductions Binance publishes and Hyperliquid implies. The taker fee Bitget adds to every rate is
 * the descriptor's `feeRate` and cancels out of the deductions.
 *
 * Each tier's floor is the previous tier's cap, so a value between one band's end and the next
 * one's start still falls in a tier.
 */
export function bitgetTiers(rows: readonly TierRow[]): MarginTier[] | string {
  if (rows.length === 0) return 'no tiers';
  const sorted = [...rows].sort((a, b) => a.startUnit - b.startUnit);
  const bands: { notionalFloor: number; notionalCap: number; maintenanceRate: number }[] = [];
  let floor = 0;
  for (const row of sorted) {
    if (row.endUnit <= floor) return `tier ${String(row.level)}: endUnit ${row.endUnit} does not exceed the previous tier`;
    // Larger positions never carry a smaller rate: a table that says so is broken, not a discount.
    const previous = bands.at(-1);
    if (previous && row.keepMarginRate < previous.maintenanceRate) {
      return `tier ${String(row.level)}: keepMarginRate ${row.keepMarginRate} is below the previous tier's ${previous.maintenanceRate}`;
    }
    bands.push({ notionalFloor: floor, notionalCap: row.endUnit, maintenanceRate: row.keepMarginRate });
    floor = row.endUnit;
  }
  return withContinuousDeductions(bands);
}
