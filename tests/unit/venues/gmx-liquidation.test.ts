import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gmxHourlyRates, type GmxFeeState } from '../../../src/venues/gmx/fees';
import { isIndexCollateral, type GmxLiquidationParams } from '../../../src/venues/gmx/liquidation';
import { gmxCostPerHour, gmxHoursToLiquidationByFees, gmxLiquidationPrice, liquidationCollateral } from './gmx-reference';

/** A row of the positions table GMX's interface rendered, with what its code computed (tests/pages/gmx/*.json). */
interface TruePosition {
  isLong: boolean;
  indexName: string;
  sizeUsd: number;
  sizeInTokens: number;
  collateralToken: string;
  collateralUsd: number;
  marginDisplayedUsd: number;
  marginDisplayedTokens: number;
  pendingBorrowingFeesUsd: number;
  pendingFundingFeesUsd: number;
  closingFeeUsd: number;
  liquidationPrice: number;
  netValue: number;
}
const truth = (JSON.parse(readFileSync(join(process.cwd(), 'tests/pages/gmx/positions-table.json'), 'utf8')) as { positions: TruePosition[] }).positions;

// The scenario's market parameters, as its rows show them: every closing fee is 0.04% of size, and
// the liquidation collateral is 0.52% of size (L = T·P − S + R for the USDC-backed ETH long).
const PARAMS: GmxLiquidationParams = { minCollateralFactorForLiquidation: 0.0052, minCollateralUsd: 1, closeFeeFactor: 0.0004 };

describe('GMX liquidation price (the interface’s getLiquidationPrice)', () => {
  it('agrees with the closing fees of the rendered scenario', () => {
    for (const t of truth) expect(t.closingFeeUsd).toBeCloseTo(t.sizeUsd * PARAMS.closeFeeFactor, 6);
  });

  it.each(truth.map((t) => [t.indexName, t] as const))('%s: the page’s figures give GMX’s own liquidation price', (_, t) => {
    const base = t.indexName.split('/')[0] ?? '';
    const indexCollateral = isIndexCollateral(t.collateralToken, base);
    const liq = gmxLiquidationPrice(
      {
        side: t.isLong ? 'long' : 'short',
        sizeUsd: t.sizeUsd,
        sizeTokens: t.sizeInTokens,
        marginUsd: t.marginDisplayedUsd,
        indexCollateralTokens: indexCollateral ? t.marginDisplayedTokens : null,
      },
      PARAMS,
    );
    expect(liq).not.toBeNull();
    // Collateral in USDC: exact. In the index token: the fees taken out of the amount shift it by parts in 10^5.
    const tolerance = indexCollateral ? 5e-5 : 1e-12;
    expect(Math.abs((liq ?? 0) - t.liquidationPrice) / t.liquidationPrice).toBeLessThan(tolerance);
  });

  it('uses the minimum collateral in USD when it is larger than the factor, and has no price for a short backed by its own size', () => {
    expect(liquidationCollateral(100, PARAMS)).toBe(1);
    expect(liquidationCollateral(10_000, PARAMS)).toBeCloseTo(52, 9);
    expect(gmxLiquidationPrice({ side: 'short', sizeUsd: 1000, sizeTokens: 10, marginUsd: 1000, indexCollateralTokens: 10 }, PARAMS)).toBeNull();
    // A long whose collateral covers more than its size has no positive liquidation price: GMX shows "NA".
    expect(gmxLiquidationPrice({ side: 'long', sizeUsd: 1000, sizeTokens: 10, marginUsd: 1200, indexCollateralTokens: null }, PARAMS)).toBeNull();
    expect(() => gmxLiquidationPrice({ side: 'long', sizeUsd: 0, sizeTokens: 10, marginUsd: 1, indexCollateralTokens: null }, PARAMS)).toThrow();
  });

  it('counts WETH collateral as moving with the ETH index, USDC not', () => {
    expect(isIndexCollateral('WETH', 'ETH')).toBe(true);
    expect(isIndexCollateral('SOL', 'SOL')).toBe(true);
    expect(isIndexCollateral('USDC', 'ETH')).toBe(false);
    expect(isIndexCollateral('WSTETH', 'ETH')).toBe(false);
  });
});

describe('GMX funding and borrowing', () => {
  // Longs are the larger side and pay 0.001% a second… scaled down: 1e-8 per second is 0.0036% an hour.
  const state: GmxFeeState = {
    fundingFactorPerSecond: 1e-8,
    longsPayShorts: true,
    longInterestUsd: 30_000_000,
    shortInterestUsd: 10_000_000,
    borrowingFactorPerSecondForLongs: 2e-8,
    borrowingFactorPerSecondForShorts: 5e-9,
  };

  it('charges the paying side the factor and pays the other side what was paid, over its own open interest', () => {
    const long = gmxHourlyRates(state, 'long');
    const short = gmxHourlyRates(state, 'short');
    expect(long.funding).toBeCloseTo(-3.6e-5, 12);
    expect(short.funding).toBeCloseTo(3.6e-5 * 3, 12);
    expect(long.borrowing).toBeCloseTo(7.2e-5, 12);
    expect(short.borrowing).toBeCloseTo(1.8e-5, 12);
    // What the longs pay is what the shorts receive.
    expect(-long.funding * state.longInterestUsd).toBeCloseTo(short.funding * state.shortInterestUsd, 6);
    // A $10,000 long pays borrowing and funding; the short's funding income exceeds its borrowing.
    expect(gmxCostPerHour(10_000, long)).toBeCloseTo(1.08, 9);
    expect(gmxCostPerHour(10_000, short)).toBeCloseTo(-0.9, 9);
    expect(gmxHourlyRates({ ...state, longsPayShorts: false }, 'short').funding).toBeCloseTo(-3.6e-5, 12);
    expect(gmxHourlyRates({ ...state, shortInterestUsd: 0 }, 'short').funding).toBe(0);
  });

  it('estimates the hours until fees alone reach the liquidation collateral, ignoring funding received', () => {
    const long = gmxHourlyRates(state, 'long');
    const hours = gmxHoursToLiquidationByFees({ sizeUsd: 10_000, netValueUsd: 600, rates: long, params: PARAMS });
    // 600 − 52 of room at 1.08 an hour.
    expect(hours).toBeCloseTo(548 / 1.08, 9);
    // The short pays 0.18 an hour in borrowing; its funding income is not counted.
    expect(gmxHoursToLiquidationByFees({ sizeUsd: 10_000, netValueUsd: 600, rates: gmxHourlyRates(state, 'short'), params: PARAMS })).toBeCloseTo(
      548 / 0.18,
      6,
    );
    expect(gmxHoursToLiquidationByFees({ sizeUsd: 10_000, netValueUsd: 600, rates: { funding: 0.001, borrowing: 0 }, params: PARAMS })).toBeNull();
    expect(gmxHoursToLiquidationByFees({ sizeUsd: 10_000, netValueUsd: 40, rates: long, params: PARAMS })).toBe(0);
  });
});
