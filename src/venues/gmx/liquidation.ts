// GMX v2's liquidation price as its interface computes it (gmx-interface a78e920,
// sdk/src/utils/positions/utils.ts getLiquidationPrice), from what its positions table shows.
// Written out here as GMX has it, as the reference: the panel computes with the shared core (an
// entry-valued one-tier table with the closing fee, and `collateralInBase`), and the tests check
// both against the prices GMX's own code computed (tests/unit/venues/gmx-liquidation.test.ts,
// tests/unit/core/accrued-fees.test.ts). `isIndexCollateral` is used by the reader and the wallet.
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
import type { Side } from '../../core/types';

/** The market's liquidation parameters (GMX market info), as fractions and USD. */
export interface GmxLiquidationParams {
  /** minCollateralFactorForLiquidation: the collateral share of size at which a position is liquidated. */
  minCollateralFactorForLiquidation: number;
  /** MIN_COLLATERAL_USD: the liquidation collateral's floor, in USD. */
  minCollateralUsd: number;
  /** The closing fee as a share of size (positionFeeFactor when the close does not improve the balance). */
  closeFeeFactor: number;
}

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

/**
 * Whether a collateral token moves with the index as GMX counts it (getIsEquivalentTokens): the
 * same token, or the wrapped form of the native one (WETH for ETH). Symbols as the page writes them.
 */
export function isIndexCollateral(collateralSymbol: string, indexBase: string): boolean {
  const c = collateralSymbol.toUpperCase();
  const b = indexBase.toUpperCase();
  return c === b || c === `W${b}`;
}
