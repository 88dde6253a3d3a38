import { describe, expect, it } from 'vitest';
import { bandOf, DEFAULT_BANDS, liqPriceAtBandEdge, liquidationPrice, marginToMoveLiq, sigmaForTouch, touchProbability } from '../../../src/core';
import { TIER_TABLE } from './fixtures';

describe('bands by touch chance (the default), σ or % of price', () => {
  it('judges by the 24 h touch chance: danger from 10%, caution from 1%', () => {
    expect(bandOf(0.05, 2, 0.1, DEFAULT_BANDS)).toEqual({ band: 'danger', basis: 'touch', fellBack: false });
    expect(bandOf(0.05, 2, 0.0999, DEFAULT_BANDS).band).toBe('caution');
    expect(bandOf(0.05, 2, 0.01, DEFAULT_BANDS).band).toBe('caution');
    expect(bandOf(0.05, 2, 0.0099, DEFAULT_BANDS).band).toBe('calm');
  });

  it('an ordinary 20× position 4σ away is calm, not amber as % bands would have it', () => {
    const touch = 2 * 0.0000316712; // 2·Φ(−4)
    expect(bandOf(0.045, 4, touch, DEFAULT_BANDS).band).toBe('calm');
    expect(bandOf(0.045, 4, touch, { ...DEFAULT_BANDS, basis: 'percent' }).band).toBe('caution');
  });

  it('falls back to % of price when the volatility is unknown, and says so', () => {
    expect(bandOf(0.02, null, null, DEFAULT_BANDS)).toEqual({ band: 'danger', basis: 'percent', fellBack: true });
    expect(bandOf(0.2, null, null, { ...DEFAULT_BANDS, basis: 'sigma' })).toEqual({ band: 'calm', basis: 'percent', fellBack: true });
    expect(bandOf(0.2, null, null, { ...DEFAULT_BANDS, basis: 'percent' })).toEqual({ band: 'calm', basis: 'percent', fellBack: false });
  });

  it('judges by σ: danger under 1.5σ, caution under 2.5σ', () => {
    const r = { ...DEFAULT_BANDS, basis: 'sigma' as const };
    expect(bandOf(0.05, 1.49, 0.2, r).band).toBe('danger');
    expect(bandOf(0.05, 1.5, 0.2, r).band).toBe('caution');
    expect(bandOf(0.05, 2.5, 0.2, r).band).toBe('calm');
  });

  it('is danger at or past the liquidation price on every basis', () => {
    for (const basis of ['touch', 'sigma', 'percent'] as const) expect(bandOf(0, 0, 1, { ...DEFAULT_BANDS, basis }).band).toBe('danger');
    expect(bandOf(-0.01, null, null, DEFAULT_BANDS).band).toBe('danger');
  });
});

describe('the band edges and the margin to reach them', () => {
  it('sigmaForTouch inverts 2·Φ(−k)', () => {
    expect(sigmaForTouch(0.1)).toBeCloseTo(1.6449, 3);
    expect(sigmaForTouch(0.01)).toBeCloseTo(2.5758, 3);
    expect(() => sigmaForTouch(0)).toThrow(RangeError);
  });

  it('puts the liquidation price where the touch chance equals the threshold', () => {
    const lp = liqPriceAtBandEdge('long', 60_000, 0.02, 'caution', DEFAULT_BANDS, 'touch');
    if (lp === null) throw new Error('no edge');
    expect(touchProbability({ side: 'long', markPrice: 60_000, liqPrice: lp, dailyVol: 0.02, days: 1 })).toBeCloseTo(0.1, 6);
    const short = liqPriceAtBandEdge('short', 60_000, 0.02, 'calm', DEFAULT_BANDS, 'touch') ?? 0;
    expect(touchProbability({ side: 'short', markPrice: 60_000, liqPrice: short, dailyVol: 0.02, days: 1 })).toBeCloseTo(0.01, 6);
    expect(liqPriceAtBandEdge('long', 60_000, null, 'calm', DEFAULT_BANDS, 'touch')).toBeNull();
    expect(liqPriceAtBandEdge('short', 100, null, 'caution', DEFAULT_BANDS, 'percent')).toBeCloseTo(103, 9);
  });

  it('the margin it names moves the isolated liquidation price exactly to the target (within the tier)', () => {
    for (const side of ['long', 'short'] as const) {
      const base = { side, size: 0.5, entryPrice: 60_000, tiers: TIER_TABLE, valuation: 'liquidation' as const };
      const margin = 1_000;
      const lp = liquidationPrice({ ...base, margin });
      if (lp === null) throw new Error('no price');
      const target = side === 'long' ? lp - 900 : lp + 900;
      const add = marginToMoveLiq({ side, size: 0.5, liqPrice: lp, targetLiq: target, maintenanceRate: 0.004, valuation: 'liquidation' });
      expect(liquidationPrice({ ...base, margin: margin + add })).toBeCloseTo(target, 6);
      // Entry valuation (Bybit): the maintenance margin does not move with the price.
      const lpE = liquidationPrice({ ...base, margin, valuation: 'entry' }) ?? 0;
      const addE = marginToMoveLiq({
        side,
        size: 0.5,
        liqPrice: lpE,
        targetLiq: side === 'long' ? lpE - 900 : lpE + 900,
        maintenanceRate: 0.004,
        valuation: 'entry',
      });
      expect(liquidationPrice({ ...base, margin: margin + addE, valuation: 'entry' })).toBeCloseTo(side === 'long' ? lpE - 900 : lpE + 900, 6);
    }
  });

  it('is 0 when the position is already beyond the target', () => {
    expect(marginToMoveLiq({ side: 'long', size: 1, liqPrice: 50, targetLiq: 60, maintenanceRate: 0.01, valuation: 'liquidation' })).toBe(0);
  });
});
