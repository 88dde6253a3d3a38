// GMX v2's liquidation convention (docs/risk-math.md §1.1): a position is liquidated when its
// collateral after pending fees and the closing fee, plus its PnL, falls to
// max(size in USD × minCollateralFactorForLiquidation, minCollateralUsd). The panel computes it with
// the shared core (an entry-valued one-tier table with the closing fee as its fee rate, and
// `collateralInBase` for collateral in the index's own token); tests/unit/venues/gmx-reference.ts
// writes out GMX's own formula, against which both are checked.

/** The market's liquidation parameters (GMX market info), as fractions and USD. */
export interface GmxLiquidationParams {
  /** minCollateralFactorForLiquidation: the collateral share of size at which a position is liquidated. */
  minCollateralFactorForLiquidation: number;
  /** MIN_COLLATERAL_USD: the liquidation collateral's floor, in USD. */
  minCollateralUsd: number;
  /** The closing fee as a share of size (positionFeeFactor when the close does not improve the balance). */
  closeFeeFactor: number;
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
