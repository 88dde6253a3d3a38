// GMX's own formulas written out as its interface has them, the reference the tests check the
// shared core against on the scenario GMX's code rendered (the panel computes with the core: an
// entry-valued one-tier table with the closing fee, `collateralInBase`, and accruedFees in
// src/core/position-view.ts). Nothing here runs in the extension.
//
// A position is liquidatable when its collateral, after pending fees, the closing fee and the price
// impact of closing, plus its PnL, falls below the liquidation collateral
//   L = max(size in USD × minCollateralFactorForLiquidation, minCollateralUsd)
// (gmx-synthetics PositionUtils.isPositionLiquidatable). Solved for the index price:
//   collateral in another token (USDC):
//     long  P = (L − R + S) / T        short  P = (S + R − L) / T
//     where R = collateral − pending fees − closing fee + price impact (≤ 0),
//   collateral in the index token itself (SOL backing SOL/USD), whose value moves with P:
//     long  P = (S + L + fees − impact) / (T + C)      short  P = (S − L − fees + impact) / (T − C)
//   with S the size in USD (GMX's entry value), T the size in index tokens, C the collateral in tokens.
//
// From the page: the MARGIN cell is the collateral after pending fees (R + closing fee, impact
// aside) and, for index-token collateral, its second line that collateral's amount after the same
// fees. Using that amount for C moves the result by the pending fees × (P / price − 1) ÷ (T + C),
// a few parts in 100 000 on GMX's own example. The price impact of closing is taken as zero: it can
// only raise a long's (lower a short's) liquidation price, by at most maxPositionImpactFactorForLiquidations.
//
// Time to liquidation (gmx-interface src/domain/synthetics/positions/utils.ts
// getEstimatedLiquidationTimeInHours): with the price still, fees alone take the net value down to
// the liquidation collateral after (net value − L) ÷ (borrowing per hour + funding PAID per hour);
// funding received does not lengthen it.
import type { Side } from '../../../src/core/types';
import type { GmxSideRates } from '../../../src/venues/gmx/fees';
import type { GmxLiquidationParams } from '../../../src/venues/gmx/liquidation';

export interface GmxLiquidationInputs {
  side: Side;
  /** Size in USD at entry (GMX's sizeInUsd: tokens × entry price). */
  sizeUsd: number;
  /** Size in index tokens. */
  sizeTokens: number;
  /** The page's MARGIN: collateral minus pending borrowing and funding fees, USD. */
  marginUsd: number;
  /** When the collateral is the index token (or its wrapped form): its amount after pending fees; else null. */
  indexCollateralTokens: number | null;
}

/** The liquidation collateral L for a size. */
export const liquidationCollateral = (sizeUsd: number, p: GmxLiquidationParams): number =>
  Math.max(sizeUsd * p.minCollateralFactorForLiquidation, p.minCollateralUsd);

/**
 * GMX's liquidation price, or null when the position has none (a short backed by at least its own
 * size in the index token, or a price at or below zero, which the interface shows as "NA").
 */
export function gmxLiquidationPrice(i: GmxLiquidationInputs, p: GmxLiquidationParams): number | null {
  if (!(i.sizeUsd > 0 && i.sizeTokens > 0) || !Number.isFinite(i.marginUsd)) throw new Error('size and margin must be positive numbers');
  const L = liquidationCollateral(i.sizeUsd, p);
  const closeFee = i.sizeUsd * p.closeFeeFactor;
  let price: number;
  if (i.indexCollateralTokens !== null) {
    const C = i.indexCollateralTokens;
    if (!(C >= 0)) throw new Error('collateral amount must be a number');
    const denominator = i.side === 'long' ? i.sizeTokens + C : i.sizeTokens - C;
    if (denominator <= 0) return null;
    price = i.side === 'long' ? (i.sizeUsd + L + closeFee) / denominator : (i.sizeUsd - L - closeFee) / denominator;
  } else {
    const R = i.marginUsd - closeFee;
    price = i.side === 'long' ? (L - R + i.sizeUsd) / i.sizeTokens : (i.sizeUsd + R - L) / i.sizeTokens;
  }
  return Number.isFinite(price) && price > 0 ? price : null;
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
