import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW_SETTINGS, positionView, type ViewMarket, type ViewPosition } from '../../../src/core';
import { liquidationPrice } from '../../../src/core/liquidation';

// GMX's rendered scenario (tests/pages/gmx/positions-table.json): liquidation collateral 0.52% of size,
// closing fee 0.04%, the table's margin after pending fees.
const TIER = [{ notionalFloor: 0, notionalCap: Number.POSITIVE_INFINITY, maintenanceRate: 0.0052, deduction: 0 }];

const ethLong: ViewPosition = {
  side: 'long',
  size: 14_971.474 / 3185.42,
  entryPrice: 3185.42,
  markPrice: 3412.38,
  liqPrice: 2672.37,
  liqSource: 'page',
  margin: 2495.174164155,
  walletMargin: null,
  marginMode: 'isolated',
  unrealizedPnl: 1066.712,
};
const gmx: ViewMarket = {
  markPrice: 3412.38,
  fundingPrice: 3412.38,
  // Longs pay 0.0036% an hour.
  fundingRate: 0.000036,
  fundingIntervalHours: 1,
  nextFundingTime: null,
  fundingAvg7d: null,
  fundingPercentile30d: null,
  dailyVol: 0.03,
  tiers: TIER,
  valuation: 'entry',
  feeRate: 0.0004,
  priceChange: { change: 0.01, basis: 'window', from: 0 },
  oiChange: { change: 0.02, basis: 'window', from: 0 },
  sideRates: { long: { funding: -0.000036, borrowing: 0.00002 }, short: { funding: 0.00009, borrowing: 0.00001 } },
  measuredLongShare: 0.7,
};
const value = (f: { value: number } | { unknown: string } | { none: true }) => ('value' in f ? f.value : null);

describe('liquidation with collateral held in the base asset (GMX)', () => {
  it('gives GMX’s own price for SOL collateral behind a SOL long, and none for a short backed by its size', () => {
    // SOL/USD long: 120 SOL at 188.37, 19.9559 SOL of collateral after fees; GMX says 162.4199.
    const lp = liquidationPrice({
      side: 'long',
      size: 120,
      entryPrice: 188.37,
      margin: 0,
      tiers: TIER,
      feeRate: 0.0004,
      valuation: 'entry',
      collateralInBase: 19.955899242,
    });
    expect(Math.abs((lp ?? 0) - 162.41991305714285) / 162.41991305714285).toBeLessThan(5e-5);
    expect(liquidationPrice({ side: 'short', size: 10, entryPrice: 100, margin: 0, tiers: TIER, valuation: 'entry', collateralInBase: 10 })).toBeNull();
    expect(() => liquidationPrice({ side: 'long', size: 1, entryPrice: 100, margin: 0, tiers: TIER, collateralInBase: 1 })).toThrow(/entry/);
  });
});

describe('positionView where funding and borrowing accrue every second (GMX)', () => {
  const v = positionView(ethLong, gmx, DEFAULT_VIEW_SETTINGS, 0);

  it('checks the venue’s liquidation price with the entry-valued collateral factor and the closing fee', () => {
    expect(Math.abs((value(v.computedLiq) ?? 0) - 2672.370231967021) / 2672.37).toBeLessThan(1e-9);
    expect(v.liqMismatch).toBe(false);
  });

  it('shows funding and borrowing per hour and per day on the size at entry, and their sum', () => {
    const sizeUsd = 14_971.474;
    expect(value(v.fundingRate)).toBe(0.000036);
    expect(value(v.fundingIntervalHours)).toBe(1);
    expect(value(v.perInterval)).toBeCloseTo(sizeUsd * 0.000036, 9);
    expect(value(v.perDay)).toBeCloseTo(sizeUsd * 0.000036 * 24, 9);
    expect(value(v.borrowingRate)).toBe(0.00002);
    expect(value(v.borrowingPerDay)).toBeCloseTo(sizeUsd * 0.00002 * 24, 9);
    expect(value(v.holdingPerDay)).toBeCloseTo(sizeUsd * 0.000056 * 24, 9);
    expect(value(v.holdingMarginSharePerDay)).toBeCloseTo((sizeUsd * 0.000056 * 24) / 2495.174164155, 12);
    expect(v.nextFunding).toEqual({ unknown: expect.stringMatching(/every second/) });
    // Fees drain the collateral: the liquidation price rises by the day's cost over the size.
    expect(value(v.liqShiftPerDay)).toBeCloseTo((sizeUsd * 0.000056 * 24) / ethLong.size, 9);
  });

  it('estimates the hours until fees alone liquidate, as GMX’s interface does', () => {
    const sizeUsd = 14_971.474;
    const room = 2495.174164155 + 1066.712 - sizeUsd * 0.0052;
    expect(value(v.feeLiquidationHours)).toBeCloseTo(room / (sizeUsd * 0.000056), 6);
    // The short receives more funding than it pays in borrowing: only its borrowing counts.
    const short = positionView({ ...ethLong, side: 'short', liqPrice: 3900, unrealizedPnl: -1066.712 }, gmx, DEFAULT_VIEW_SETTINGS, 0);
    expect(value(short.holdingPerDay)).toBeCloseTo(sizeUsd * (0.00001 - 0.00009) * 24, 9);
    expect(value(short.feeLiquidationHours)).toBeCloseTo((2495.174164155 - 1066.712 - sizeUsd * 0.0052) / (sizeUsd * 0.00001), 6);
  });

  it('takes the crowded side from the measured open interest and says so', () => {
    if (!('regime' in v.regime)) throw new Error(v.regime.unknown);
    expect(v.regime.crowded).toBe('longs');
    expect(v.regime.longShare).toBe(0.7);
    expect(v.regime.note).toMatch(/crowded side.*Measured: longs hold 70% of open interest\.$/);
    const balanced = positionView(ethLong, { ...gmx, measuredLongShare: 0.55 }, DEFAULT_VIEW_SETTINGS, 0);
    expect('regime' in balanced.regime && balanced.regime.crowded).toBe('none');
  });

  it('says a venue without borrowing charges none, and keeps its funding as the holding cost', () => {
    const { sideRates: _, measuredLongShare: __, ...plain } = gmx;
    const cex = positionView(ethLong, { ...plain, valuation: 'liquidation', fundingIntervalHours: 8, fundingRate: 0.0001 }, DEFAULT_VIEW_SETTINGS, 0);
    expect(cex.borrowingPerDay).toEqual({ unknown: 'this venue charges no borrowing fee' });
    expect(value(cex.holdingPerDay)).toBe(value(cex.perDay));
    expect('regime' in cex.regime && cex.regime.longShare).toBeNull();
  });
});
