import { describe, expect, it } from 'vitest';
import { DEFAULT_BANDS, liquidationPrice, sigmaForTouch, type BandRules, type MarginTier } from '../../../src/core';
import { marginToBand, type MarginToBandInput } from '../../../src/popup/margin-to-band';
import { prefillFrom } from '../../../src/popup/position-prefill';
import { positionFixture } from '../alerts/fixtures';

const ONE_TIER: MarginTier[] = [{ notionalFloor: 0, notionalCap: 1e9, maintenanceRate: 0.005, deduction: 0 }];
const PERCENT: BandRules = { ...DEFAULT_BANDS, basis: 'percent', dangerBelow: 0.03, cautionBelow: 0.1 };

const input = (over: Partial<MarginToBandInput>): MarginToBandInput => ({
  side: 'long',
  size: 1,
  markPrice: 100,
  liqPrice: 98,
  dailyVol: null,
  target: 'caution',
  rules: PERCENT,
  tiers: ONE_TIER,
  feeRate: 0,
  valuation: 'liquidation',
  ...over,
});

const added = (over: Partial<MarginToBandInput>): number => {
  const r = marginToBand(input(over));
  if (!('add' in r)) throw new Error(`no margin to add: ${JSON.stringify(r)}`);
  return r.add;
};

describe('marginToBand: the margin back to a band, worked by hand', () => {
  it('percent bands, a long 2% from liquidation: to 3% (caution) and to 10% (calm)', () => {
    // Each unit of margin moves the liquidation price by 1 / (Q·(1 − m)) = 1 / 0.995.
    // Caution's edge: 100 × (1 − 0.03) = 97, one below 98 → 0.995. Calm's: 90, eight below → 7.96.
    expect(marginToBand(input({}))).toEqual({
      add: expect.closeTo(0.995, 12),
      targetLiq: expect.closeTo(97, 12),
      band: 'danger',
      basis: 'percent',
      fellBack: false,
    });
    expect(added({ target: 'calm' })).toBeCloseTo(7.96, 12);
  });

  it('a short: the edges above the mark, 1 + m per unit; entry valuation (Bybit): 1 per unit', () => {
    // Short 2 units, mark 100, liquidation 102: caution's edge 103 → 2 × 1.005 × 1 = 2.01.
    expect(added({ side: 'short', size: 2, liqPrice: 102 })).toBeCloseTo(2.01, 12);
    expect(added({ side: 'short', size: 2, liqPrice: 102, valuation: 'entry' })).toBeCloseTo(2, 12);
  });

  it('adds the venue fee to the rate of the tier holding the notional at the mark', () => {
    const tiers: MarginTier[] = [
      { notionalFloor: 0, notionalCap: 50, maintenanceRate: 0.004, deduction: 0 },
      { notionalFloor: 50, notionalCap: 1e9, maintenanceRate: 0.01, deduction: 0.3 },
    ];
    // Notional 1 × 100 lies in the second tier: m = 0.01 + 0.002 fee → 0.988 per unit.
    expect(added({ tiers, feeRate: 0.002 })).toBeCloseTo(0.988, 12);
    // 0.4 units (notional 40 at the mark): the first tier, 0.4 × (1 − 0.006) × 1.
    expect(added({ tiers, feeRate: 0.002, size: 0.4 })).toBeCloseTo(0.4 * 0.994, 12);
  });

  it('says so when the position is already there, or has no liquidation price', () => {
    expect(marginToBand(input({ liqPrice: 95 }))).toEqual({ already: true, band: 'caution', basis: 'percent', fellBack: false });
    expect(marginToBand(input({ liqPrice: 85, target: 'calm' }))).toEqual({ already: true, band: 'calm', basis: 'percent', fellBack: false });
    // Calm is better than caution: a calm position needs nothing to reach caution.
    expect(marginToBand(input({ liqPrice: 85 }))).toMatchObject({ already: true, band: 'calm' });
    expect(marginToBand(input({ liqPrice: null }))).toEqual({ noLiquidation: true });
  });

  it('touch basis: the margin that puts the liquidation price where the 24 h touch chance is the caution threshold', () => {
    const vol = 0.03;
    const rules: BandRules = { ...DEFAULT_BANDS, basis: 'touch' };
    const mark = 60_000;
    const size = 0.5;
    const tiers: MarginTier[] = [{ notionalFloor: 0, notionalCap: 50_000, maintenanceRate: 0.004, deduction: 0 }];
    // A long opened at the mark with 600 of margin (50×): liquidated about 1.6% away, a large touch chance.
    const margin = 600;
    const liq = liquidationPrice({ side: 'long', size, entryPrice: mark, margin, tiers, feeRate: 0, valuation: 'liquidation' });
    if (liq === null) throw new Error('no liquidation price');
    const r = marginToBand({
      side: 'long',
      size,
      markPrice: mark,
      liqPrice: liq,
      dailyVol: vol,
      target: 'caution',
      rules,
      tiers,
      feeRate: 0,
      valuation: 'liquidation',
    });
    if (!('add' in r)) throw new Error(JSON.stringify(r));
    expect(r).toMatchObject({ band: 'danger', basis: 'touch', fellBack: false });
    // The edge: |ln(P / LP)| = k·σ with 2·Φ(−k) = 10%.
    expect(r.targetLiq).toBeCloseTo(mark * Math.exp(-sigmaForTouch(DEFAULT_BANDS.touchDanger) * vol), 9);
    // With that margin added, the core's own liquidation price is the edge.
    const after = liquidationPrice({ side: 'long', size, entryPrice: mark, margin: margin + r.add, tiers, feeRate: 0, valuation: 'liquidation' });
    expect(after).toBeCloseTo(r.targetLiq, 6);
    const toCalm = marginToBand({
      side: 'long',
      size,
      markPrice: mark,
      liqPrice: liq,
      dailyVol: vol,
      target: 'calm',
      rules,
      tiers,
      feeRate: 0,
      valuation: 'liquidation',
    });
    expect('add' in toCalm && toCalm.add).toBeGreaterThan(r.add);
  });

  it('touch basis without volatility: judged and answered on % of price, and says it fell back', () => {
    const r = marginToBand(input({ rules: { ...PERCENT, basis: 'touch' } }));
    expect(r).toEqual({ add: expect.closeTo(0.995, 12), targetLiq: expect.closeTo(97, 12), band: 'danger', basis: 'percent', fellBack: true });
  });

  it('never a NaN: nonsense inputs and unusable tiers give a reason', () => {
    expect(marginToBand(input({ size: Number.NaN }))).toEqual({ unknown: 'needs a positive size, mark and liquidation price' });
    expect(marginToBand(input({ markPrice: 0 }))).toHaveProperty('unknown');
    expect(marginToBand(input({ tiers: [] }))).toEqual({ unknown: 'tiers must hold at least one tier' });
  });
});

describe('prefillFrom: the What if form for an open position', () => {
  it('takes the margin without PnL where shown, else the margin, else the leverage', () => {
    expect(prefillFrom(positionFixture({ walletMargin: 1400, margin: 1500 }))).toEqual({
      side: 'long',
      size: '0.5',
      entry: '60000',
      margin: { mode: 'margin', amount: '1400' },
      note: '',
    });
    expect(prefillFrom(positionFixture({ walletMargin: null, margin: 1475 })).margin).toEqual({ mode: 'margin', amount: '1475' });
    expect(prefillFrom(positionFixture({ walletMargin: null, margin: null, leverage: 12.5 })).margin).toEqual({ mode: 'leverage', amount: '12.5' });
    const neither = prefillFrom(positionFixture({ walletMargin: null, margin: null, leverage: null }));
    expect(neither.margin).toBeNull();
    expect(neither.note).toMatch(/margin and leverage are not known/);
  });

  it('writes numbers as the form reads them (no exponent, no grouping) and warns of cross margin', () => {
    const p = prefillFrom(positionFixture({ side: 'short', size: 1e-7, entryPrice: 1_234_567.5, marginMode: 'cross' }));
    expect(p).toMatchObject({ side: 'short', size: '0.0000001', entry: '1234567.5' });
    expect(p.note).toMatch(/^cross margin/);
  });
});
