import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW_SETTINGS, positionView, type ViewMarket, type ViewPosition } from '../../../src/core';

// The tier table and examples of risk-math.md.
const TIERS = [
  { notionalFloor: 0, notionalCap: 50_000, maintenanceRate: 0.004, deduction: 0 },
  { notionalFloor: 50_000, notionalCap: 600_000, maintenanceRate: 0.005, deduction: 50 },
  { notionalFloor: 600_000, notionalCap: 3_000_000, maintenanceRate: 0.0065, deduction: 950 },
  { notionalFloor: 3_000_000, notionalCap: 12_000_000, maintenanceRate: 0.01, deduction: 11_450 },
];

const long: ViewPosition = {
  side: 'long',
  size: 0.5,
  entryPrice: 60_000,
  markPrice: 60_000,
  liqPrice: 57_228.92,
  liqSource: 'page',
  margin: 1500,
  walletMargin: 1500,
  marginMode: 'isolated',
  unrealizedPnl: 0,
};
const market: ViewMarket = {
  markPrice: 60_000,
  fundingPrice: 60_000,
  fundingRate: 0.0001,
  fundingIntervalHours: 8,
  nextFundingTime: 1_000 + 3_600_000,
  fundingAvg7d: 0.00008,
  fundingPercentile30d: 0.7,
  dailyVol: 0.025,
  tiers: TIERS,
  valuation: 'liquidation',
  feeRate: 0,
  priceChange: { change: 0.015, basis: 'window', from: 0 },
  oiChange: { change: 0.03, basis: 'window', from: 0 },
};
const value = (f: { value: number } | { unknown: string } | { none: true }) => ('value' in f ? f.value : null);

describe('positionView', () => {
  const v = positionView(long, market, DEFAULT_VIEW_SETTINGS, 1_000);

  it('reproduces the distance, sigma and touch example', () => {
    expect(value(v.distance)).toBeCloseTo((60_000 - 57_228.92) / 60_000, 10);
    expect(v.band).toBe('caution');
    expect(value(v.sigma)).toBeCloseTo(1.89, 2);
    expect(value(v.touch24h)).toBeCloseTo(0.0586, 3);
  });

  it('reproduces the funding example', () => {
    expect(value(v.perInterval)).toBeCloseTo(3, 10);
    expect(value(v.perDay)).toBeCloseTo(9, 10);
    expect(value(v.marginSharePerDay)).toBeCloseTo(0.006, 10);
    expect(value(v.apr)).toBeCloseTo(0.1095, 10);
    expect(value(v.liqShiftPerDay)).toBeCloseTo(18.07, 2);
    expect(value(v.rate8h)).toBe(0.0001);
  });

  it('computes the isolated liquidation price as a check and agrees with the venue', () => {
    expect(value(v.computedLiq)).toBeCloseTo(57_228.92, 2);
    expect(v.liqMismatch).toBe(false);
    const off = positionView({ ...long, liqPrice: 56_000 }, market, DEFAULT_VIEW_SETTINGS, 1_000);
    expect(off.liqMismatch).toBe(true);
    expect(value(off.distance)).toBeCloseTo(4000 / 60_000, 10);
  });

  it('never recomputes cross liquidation', () => {
    const cross = positionView({ ...long, marginMode: 'cross' }, market, DEFAULT_VIEW_SETTINGS, 1_000);
    expect(cross.computedLiq).toEqual({ unknown: expect.stringMatching(/cross margin/) });
    expect(cross.liqShiftPerDay).toEqual({ unknown: expect.stringMatching(/isolated/) });
    expect(value(cross.distance)).not.toBeNull();
  });

  it('classifies the regime for the chosen window and explains it for this position', () => {
    expect(v.regime).toMatchObject({ regime: 'long-buildup', stretch: 'balanced', crowded: 'none' });
    expect('note' in v.regime && v.regime.note).toMatch(/^You are long in a long build-up/);
  });

  it('says why when the market is missing or there is no liquidation price', () => {
    const none = positionView({ ...long, liqPrice: null }, null, DEFAULT_VIEW_SETTINGS, 1_000);
    expect(none.liq).toEqual({ none: true, source: 'page' });
    expect(none.distance).toEqual({ unknown: expect.stringMatching(/no liquidation price/) });
    expect(none.perDay).toEqual({ unknown: 'market data unavailable' });
    expect(none.regime).toEqual({ unknown: 'market data unavailable' });
  });

  it('shows a position past its liquidation price as danger with certain touch', () => {
    const past = positionView({ ...long, markPrice: 57_000 }, market, DEFAULT_VIEW_SETTINGS, 1_000);
    expect(value(past.distance)).toBeLessThan(0);
    expect(past.band).toBe('danger');
    expect(value(past.touch24h)).toBe(1);
  });

  it('a short paying negative funding receives it', () => {
    const short = positionView({ ...long, side: 'short', liqPrice: 62_687.53 }, { ...market, fundingRate: -0.0001 }, DEFAULT_VIEW_SETTINGS, 1_000);
    expect(value(short.perInterval)).toBeCloseTo(3, 10);
    const receiving = positionView({ ...long, side: 'short', liqPrice: 62_687.53 }, market, DEFAULT_VIEW_SETTINGS, 1_000);
    expect(value(receiving.perInterval)).toBeCloseTo(-3, 10);
  });
});

describe('positionView without a served liquidation price (dYdX indexer)', () => {
  const served = "dYdX's indexer serves no liquidation price";
  it('uses the computed price for an isolated position and says so', () => {
    const v = positionView({ ...long, liqPrice: null, liqSource: 'api', liqNotServed: served }, market, DEFAULT_VIEW_SETTINGS, 1_000);
    expect(v.liq).toMatchObject({ source: 'computed' });
    expect(value(v.computedLiq)).toBeCloseTo(57_228.92, 2);
    expect(v.liqMismatch).toBe(false);
    expect(value(v.distance)).toBeCloseTo((60_000 - 57_228.92) / 60_000, 6);
  });
  it('says why for a cross position instead of inventing one', () => {
    const v = positionView({ ...long, liqPrice: null, liqSource: 'api', liqNotServed: served, marginMode: 'cross' }, market, DEFAULT_VIEW_SETTINGS, 1_000);
    expect(v.liq).toEqual({ unknown: expect.stringMatching(/indexer serves no liquidation price; cross margin/) });
    expect(v.distance).toEqual({ unknown: expect.stringMatching(/indexer/) });
    expect(v.band).toBeNull();
  });
});
