import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ALERT_SETTINGS,
  evaluateConditions,
  positionKey,
  regimeAgainst,
  type AlertSettings,
  type ConditionCheck,
  type EvaluateInput,
} from '../../../src/background/alerts/conditions';
import type { MarketSnapshot } from '../../../src/venues/snapshot-types';
import { snapshotFixture } from '../helpers/snapshot';
import { heldFixture } from './fixtures';

const settings: AlertSettings = { ...DEFAULT_ALERT_SETTINGS };
const NOW = 2000;

function evaluate(over: Partial<EvaluateInput> = {}) {
  return evaluateConditions({ held: heldFixture(), snapshot: snapshotFixture(), settings, previousRegimeAgainst: false, now: NOW, ...over });
}
const observed = (c: ConditionCheck) => c.observation;
const window4h = (price: number | null, oi: number | null): Pick<MarketSnapshot, 'priceChange' | 'oiChange'> => {
  const base = snapshotFixture();
  const change = (x: number | null) => (x === null ? { change: null, reason: 'no candles yet' } : { change: x, basis: 'window' as const, from: 0 });
  return { priceChange: { ...base.priceChange, '4h': change(price) }, oiChange: { ...base.oiChange, '4h': change(oi) } };
};
/** A snapshot whose funding is `rate` per `hours`. */
const funding = (rate: number, hours = 8): MarketSnapshot => {
  const s = snapshotFixture();
  return { ...s, quote: { ...s.quote, fundingRate: rate, fundingIntervalHours: hours }, fundingIntervalHours: hours };
};

describe('liquidation distance condition', () => {
  it('is active below the threshold (2% < 5%)', () => {
    const e = evaluate();
    expect(e.distance).toBeCloseTo(0.02, 12);
    expect(observed(e.checks.liquidation)).toEqual({ active: true, clear: false });
    expect(e.checks.liquidation).toMatchObject({ detail: { condition: 'liquidation', threshold: 0.05, band: 'danger' } });
  });

  it('judges a row at liquidation on the page’s mark even when the market’s quote is newer', () => {
    // Reported at 0, quote fetched at 1000: the market's mark (60,000, 2% away) would be used...
    const walked = { markPrice: 58_700, liqPrice: 58_800 };
    expect(evaluate({ held: heldFixture(walked, 0) }).distance).toBeCloseTo(0.02, 12);
    // ...but the venue's own row says the position is at its liquidation price.
    const e = evaluate({ held: heldFixture({ ...walked, atLiquidation: true }, 0) });
    expect(e.distance).toBeCloseTo((58_700 - 58_800) / 58_700, 12);
    expect(observed(e.checks.liquidation)).toEqual({ active: true, clear: false });
    expect(e.band).toBe('danger');
  });

  it('is inactive but not clear between the threshold and threshold × 1.2', () => {
    const e = evaluate({ held: heldFixture({ liqPrice: 60_000 * (1 - 0.055) }) });
    expect(observed(e.checks.liquidation)).toEqual({ active: false, clear: false });
  });

  it('is clear at or above threshold × 1.2 (6%)', () => {
    const e = evaluate({ held: heldFixture({ liqPrice: 60_000 * (1 - 0.07) }) });
    expect(observed(e.checks.liquidation)).toEqual({ active: false, clear: true });
  });

  it('follows the configured threshold', () => {
    const e = evaluate({ settings: { ...settings, distanceBelow: 0.01 } });
    expect(observed(e.checks.liquidation)).toEqual({ active: false, clear: true });
  });

  it('says nothing when the distance is unknown', () => {
    const e = evaluate({ held: heldFixture({ liqPrice: null }) });
    expect(observed(e.checks.liquidation)).toBeNull();
    expect(e.distance).toBeNull();
    expect(e.checks.liquidation).toMatchObject({ reason: expect.stringMatching(/no liquidation price/) });
  });

  it('works for a short (liquidation above the mark)', () => {
    const e = evaluate({ held: heldFixture({ side: 'short', liqPrice: 61_200 }) });
    expect(e.distance).toBeCloseTo(0.02, 12);
    expect(observed(e.checks.liquidation)?.active).toBe(true);
  });

  it("uses the page's mark when the report is newer than the quote, else the market's", () => {
    const s = snapshotFixture(); // quote fetched at 1000, mark 60 000
    const newer = evaluate({ held: heldFixture({ markPrice: 59_400 }, 1500), snapshot: s });
    expect(newer.distance).toBeCloseTo((59_400 - 58_800) / 59_400, 12);
    const older = evaluate({ held: heldFixture({ markPrice: 59_400 }, 500), snapshot: s });
    expect(older.distance).toBeCloseTo(0.02, 12);
  });

  it('still checks the distance from the page without market data', () => {
    const e = evaluate({ snapshot: null });
    expect(observed(e.checks.liquidation)?.active).toBe(true);
    expect(observed(e.checks.regime)).toBeNull();
    expect(observed(e.checks.funding)).toBeNull();
  });
});

describe('regime flip condition', () => {
  it('defines "against" by crowding or by the price trend', () => {
    expect(regimeAgainst('long', 'short-buildup', 'none')).toBe(true);
    expect(regimeAgainst('long', 'long-unwinding', 'none')).toBe(true);
    expect(regimeAgainst('long', 'drift-down', 'none')).toBe(true);
    expect(regimeAgainst('long', 'long-buildup', 'none')).toBe(false);
    expect(regimeAgainst('long', 'quiet', 'longs')).toBe(true);
    expect(regimeAgainst('long', 'quiet', 'shorts')).toBe(false);
    expect(regimeAgainst('short', 'long-buildup', 'none')).toBe(true);
    expect(regimeAgainst('short', 'short-covering', 'none')).toBe(true);
    expect(regimeAgainst('short', 'drift-up', 'none')).toBe(true);
    expect(regimeAgainst('short', 'short-buildup', 'none')).toBe(false);
    expect(regimeAgainst('short', 'deleveraging', 'shorts')).toBe(true);
  });

  it('fixture market (price +1.2%, OI +3% over 4h, balanced funding) is a long build-up: with a long, against a short', () => {
    expect(evaluate().regimeAgainst).toBe(false);
    expect(evaluate({ held: heldFixture({ side: 'short', liqPrice: 61_200 }) }).regimeAgainst).toBe(true);
  });

  it('is active when it turns against the position after a check where it was not', () => {
    const e = evaluate({ snapshot: snapshotFixture(window4h(-0.012, 0.03)), previousRegimeAgainst: false });
    expect(e.regimeAgainst).toBe(true);
    expect(observed(e.checks.regime)).toEqual({ active: true, clear: false });
    expect(e.checks.regime).toMatchObject({ detail: { regime: 'short-buildup', window: '4h', against: true } });
  });

  it('is not active while it stays against', () => {
    const e = evaluate({ snapshot: snapshotFixture(window4h(-0.012, 0.03)), previousRegimeAgainst: true });
    expect(observed(e.checks.regime)).toEqual({ active: false, clear: false });
  });

  it('is clear when not against', () => {
    expect(observed(evaluate({ previousRegimeAgainst: true }).checks.regime)).toEqual({ active: false, clear: true });
  });

  it('turns against a long when longs become the crowded side', () => {
    // Long build-up with +0.04%/8h funding: stretched, longs crowded.
    const s = { ...funding(0.0004), ...window4h(0.012, 0.03) };
    const e = evaluate({ snapshot: s, previousRegimeAgainst: false });
    expect(e.checks.regime).toMatchObject({ observation: { active: true }, detail: { crowded: 'longs', regime: 'long-buildup' } });
  });

  it('needs a previous regime: the first look is a baseline', () => {
    const e = evaluate({ snapshot: snapshotFixture(window4h(-0.012, 0.03)), previousRegimeAgainst: undefined });
    expect(observed(e.checks.regime)).toBeNull();
    expect(e.regimeAgainst).toBe(true);
  });

  it('says nothing (and reports no regime) when the window has no change', () => {
    const e = evaluate({ snapshot: snapshotFixture(window4h(null, 0.03)) });
    expect(observed(e.checks.regime)).toBeNull();
    expect(e.regimeAgainst).toBeNull();
  });

  it('uses the 4h window unless another is given', () => {
    // 4h: price −1.2%, OI +3% → short build-up; 1h: +0.1%, +0.2% → quiet.
    const s = snapshotFixture(window4h(-0.012, 0.03));
    expect(evaluate({ snapshot: s }).checks.regime).toMatchObject({ detail: { regime: 'short-buildup', window: '4h' } });
    const oneHour = evaluate({ snapshot: s, settings: { ...settings, window: '1h' } });
    expect(oneHour.checks.regime).toMatchObject({ observation: { active: false, clear: true }, detail: { regime: 'quiet', window: '1h' } });
  });

  it('is silent when switched off', () => {
    const e = evaluate({ snapshot: snapshotFixture(window4h(-0.012, 0.03)), settings: { ...settings, regimeFlip: false } });
    expect(observed(e.checks.regime)).toBeNull();
  });
});

describe('extreme funding condition', () => {
  it('is active when funding is extreme and the long pays it', () => {
    const e = evaluate({ snapshot: funding(0.0006) });
    expect(e.checks.funding).toMatchObject({ observation: { active: true, clear: false }, detail: { stretch: 'extreme', pays: true } });
  });

  it('is not active for a short that receives it', () => {
    const e = evaluate({ held: heldFixture({ side: 'short', liqPrice: 61_200 }), snapshot: funding(0.0006) });
    expect(e.checks.funding).toMatchObject({ observation: { active: false, clear: true }, detail: { stretch: 'extreme', pays: false } });
  });

  it('is active for a short paying extreme negative funding', () => {
    const e = evaluate({ held: heldFixture({ side: 'short', liqPrice: 61_200 }), snapshot: funding(-0.0006) });
    expect(observed(e.checks.funding)?.active).toBe(true);
  });

  it('is not active below extreme (stretched 0.05%/8h)', () => {
    expect(observed(evaluate({ snapshot: funding(0.0005) }).checks.funding)).toEqual({ active: false, clear: true });
  });

  it('compares the per-8h equivalent: 0.01% hourly is 0.08%/8h, extreme', () => {
    expect(evaluate({ snapshot: funding(0.0001, 1) }).checks.funding).toMatchObject({ observation: { active: true }, detail: { rate8h: 0.0008 } });
  });

  it('is silent when switched off or without market data', () => {
    expect(observed(evaluate({ snapshot: funding(0.0006), settings: { ...settings, extremeFunding: false } }).checks.funding)).toBeNull();
    expect(observed(evaluate({ snapshot: null }).checks.funding)).toBeNull();
  });
});

describe('evaluateConditions', () => {
  it('keys a position by venue, symbol and side', () => {
    expect(positionKey(heldFixture().position)).toBe('binance:BTCUSDT:long');
  });

  it('never throws on input the core refuses', () => {
    const e = evaluate({ held: heldFixture({ size: -1 }) });
    expect(e.checks.liquidation.observation).toBeNull();
    expect(e.checks.funding.observation).toBeNull();
  });
});
