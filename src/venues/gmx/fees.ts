// What holding a GMX v2 position costs: funding and borrowing, both accrued every second.
// `gmxHourlyRates` feeds the quote; the cost and the time to liquidation are written out as GMX's
// interface has them, the reference the shared core's figures (position-view.ts accruedFees) are
// tested against.
// gmx-interface a78e920, sdk/src/utils/fees/index.ts:
//   funding   the paying side (longs when `longsPayShorts`) pays fundingFactorPerSecond of its size;
//             the other side receives what was paid, shared over its own open interest:
//             fundingFactorPerSecond × paying OI ÷ receiving OI. Signed here as GMX signs it: + receives.
//   borrowing each side pays its own borrowingFactorPerSecond (for longs / for shorts) to the pool;
//             always a cost.
// Rates are fractions of the size in USD (GMX's sizeInUsd, the entry value) per hour.
// Time to liquidation (src/domain/synthetics/positions/utils.ts getEstimatedLiquidationTimeInHours):
// with the price still, fees alone take the net value down to the liquidation collateral after
//   (net value − L) ÷ (borrowing per hour + funding PAID per hour)
// — funding received does not lengthen it in GMX's estimate, and neither does it here.
import type { Side } from '../../core/types';
import { liquidationCollateral, type GmxLiquidationParams } from './liquidation';

const HOUR_S = 3_600;

/** The market's fee state (GMX market info), factors per second as fractions. */
export interface GmxFeeState {
  fundingFactorPerSecond: number;
  longsPayShorts: boolean;
  /** Open interest used for the funding balance, USD. */
  longInterestUsd: number;
  shortInterestUsd: number;
  borrowingFactorPerSecondForLongs: number;
  borrowingFactorPerSecondForShorts: number;
}

/** Per hour, as fractions of size: funding (+ received, − paid) and borrowing (a cost, ≥ 0). */
export interface GmxSideRates {
  funding: number;
  borrowing: number;
}

export function gmxHourlyRates(s: GmxFeeState, side: Side): GmxSideRates {
  const paying = (side === 'long') === s.longsPayShorts;
  const payingOi = s.longsPayShorts ? s.longInterestUsd : s.shortInterestUsd;
  const receivingOi = s.longsPayShorts ? s.shortInterestUsd : s.longInterestUsd;
  const received = receivingOi > 0 ? (s.fundingFactorPerSecond * payingOi) / receivingOi : 0;
  const funding = paying ? -s.fundingFactorPerSecond * HOUR_S : received * HOUR_S;
  const borrowing = (side === 'long' ? s.borrowingFactorPerSecondForLongs : s.borrowingFactorPerSecondForShorts) * HOUR_S;
  // 0 rather than −0 for a side that neither pays nor receives.
  return { funding: funding === 0 ? 0 : funding, borrowing };
}

/** Net cost per hour in USD for a size (positive: the position pays). */
export const gmxCostPerHour = (sizeUsd: number, r: GmxSideRates): number => sizeUsd * (r.borrowing - r.funding);

/**
 * Hours until fees alone bring the position to liquidation at today's rates and price, as GMX's
 * interface estimates it; null when the fees paid are zero (it never comes), 0 when already there.
 */
export function gmxHoursToLiquidationByFees(p: { sizeUsd: number; netValueUsd: number; rates: GmxSideRates; params: GmxLiquidationParams }): number | null {
  const perHour = p.sizeUsd * (p.rates.borrowing + Math.max(0, -p.rates.funding));
  if (!(perHour > 0)) return null;
  const room = p.netValueUsd - liquidationCollateral(p.sizeUsd, p.params);
  return Math.max(0, room / perHour);
}
