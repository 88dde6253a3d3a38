// What holding a GMX v2 position costs: funding and borrowing, both accrued every second.
// The panel's figures from these rates are core's (position-view.ts accruedFees); GMX's own cost and
// time-to-liquidation formulas, their reference, are in tests/unit/venues/gmx-reference.ts.
// gmx-interface a78e920, sdk/src/utils/fees/index.ts:
//   funding   the paying side (longs when `longsPayShorts`) pays fundingFactorPerSecond of its size;
//             the other side receives what was paid, shared over its own open interest:
//             fundingFactorPerSecond × paying OI ÷ receiving OI. Signed here as GMX signs it: + receives.
//   borrowing each side pays its own borrowingFactorPerSecond (for longs / for shorts) to the pool;
//             always a cost.
// Rates are fractions of the size in USD (GMX's sizeInUsd, the entry value) per hour.
import type { Side } from '../../core/types';

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
