import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  classifyRegime,
  DEFAULT_REGIME_THRESHOLDS,
  fundingPercentile,
  fundingStretch,
  positionRegimeNote,
  REGIME_DESCRIPTIONS,
  toRate8h,
  type Regime,
} from '../../../src/core';

describe('classifyRegime — the nine cells of risk-math.md §4', () => {
  it.each([
    [0.02, 0.05, 'long-buildup'],
    [0.02, 0, 'drift-up'],
    [0.02, -0.05, 'short-covering'],
    [0, 0.05, 'leverage-building'],
    [0, 0, 'quiet'],
    [0, -0.05, 'deleveraging'],
    [-0.02, 0.05, 'short-buildup'],
    [-0.02, 0, 'drift-down'],
    [-0.02, -0.05, 'long-unwinding'],
  ] as const)('price %d, OI %d → %s', (priceChange, oiChange, regime) => {
    expect(classifyRegime({ priceChange, oiChange, rate8h: 0, window: '4h' }).regime).toBe(regime);
  });

  it('uses the default thresholds per window', () => {
    expect(DEFAULT_REGIME_THRESHOLDS).toEqual({
      '1h': { price: 0.005, oi: 0.01 },
      '4h': { price: 0.01, oi: 0.02 },
      '24h': { price: 0.025, oi: 0.05 },
    });
    const p = { priceChange: 0.006, oiChange: 0.015, rate8h: 0 };
    expect(classifyRegime({ ...p, window: '1h' }).regime).toBe('long-buildup');
    expect(classifyRegime({ ...p, window: '4h' }).regime).toBe('quiet');
    expect(classifyRegime({ ...p, window: '24h' }).regime).toBe('quiet');
  });

  it('counts a change exactly at the threshold as a move', () => {
    expect(classifyRegime({ priceChange: 0.01, oiChange: -0.02, rate8h: 0, window: '4h' }).regime).toBe('short-covering');
    expect(classifyRegime({ priceChange: -0.025, oiChange: 0.05, rate8h: 0, window: '24h' }).regime).toBe('short-buildup');
    expect(classifyRegime({ priceChange: -0.005, oiChange: -0.01, rate8h: 0, window: '1h' }).regime).toBe('long-unwinding');
    // A computed change that should be exactly 1% still counts.
    expect(classifyRegime({ priceChange: 60_600 / 60_000 - 1, oiChange: 0, rate8h: 0, window: '4h' }).regime).toBe('drift-up');
    expect(classifyRegime({ priceChange: 0.0099, oiChange: 0.0199, rate8h: 0, window: '4h' }).regime).toBe('quiet');
  });

  it('takes partial threshold overrides', () => {
    const r = classifyRegime({
      priceChange: 0.003,
      oiChange: 0.015,
      rate8h: 0,
      window: '4h',
      thresholds: { '4h': { price: 0.002 } },
    });
    expect(r.regime).toBe('drift-up'); // price threshold overridden, OI keeps 2%
    expect(r.priceDirection).toBe('up');
    expect(r.oiDirection).toBe('flat');
  });

  it('every price/OI pair maps to one of the nine regimes, symmetric under sign flips', () => {
    const mirror: Record<Regime, Regime> = {
      'long-buildup': 'short-buildup',
      'short-buildup': 'long-buildup',
      'drift-up': 'drift-down',
      'drift-down': 'drift-up',
      'short-covering': 'long-unwinding',
      'long-unwinding': 'short-covering',
      'leverage-building': 'leverage-building',
      deleveraging: 'deleveraging',
      quiet: 'quiet',
    };
    fc.assert(
      fc.property(
        fc.double({ min: -0.5, max: 0.5, noNaN: true }),
        fc.double({ min: -0.5, max: 0.5, noNaN: true }),
        fc.constantFrom('1h' as const, '4h' as const, '24h' as const),
        (priceChange, oiChange, window) => {
          const a = classifyRegime({ priceChange, oiChange, rate8h: 0, window }).regime;
          const b = classifyRegime({ priceChange: -priceChange, oiChange, rate8h: 0, window }).regime;
          return a in REGIME_DESCRIPTIONS && mirror[a] === b;
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('rejects non-finite input and bad windows or thresholds', () => {
    const ok = { priceChange: 0, oiChange: 0, rate8h: 0, window: '4h' } as const;
    expect(() => classifyRegime({ ...ok, priceChange: Number.NaN })).toThrow(/priceChange/);
    expect(() => classifyRegime({ ...ok, oiChange: Number.POSITIVE_INFINITY })).toThrow(/oiChange/);
    expect(() => classifyRegime({ ...ok, rate8h: Number.NaN })).toThrow(/rate8h/);
    expect(() => classifyRegime({ ...ok, window: '2h' as '4h' })).toThrow(/window/);
    expect(() => classifyRegime({ ...ok, thresholds: { '4h': { oi: 0 } } })).toThrow(/thresholds\.4h\.oi/);
    expect(() => classifyRegime({ ...ok, thresholds: { '4h': { price: Number.NaN } } })).toThrow(RangeError);
  });
});

describe('funding stretch and crowding', () => {
  it.each([
    [0, 'balanced', 'none'],
    [0.0001, 'balanced', 'none'],
    [-0.0001, 'balanced', 'none'],
    [0.00011, 'elevated', 'longs'],
    [0.0003, 'elevated', 'longs'],
    [-0.0003, 'elevated', 'shorts'],
    [0.0005, 'stretched', 'longs'],
    [-0.00045, 'stretched', 'shorts'],
    [0.0007, 'extreme', 'longs'],
    [-0.002, 'extreme', 'shorts'],
  ] as const)('r8 %d → %s, crowded %s', (rate8h, stretch, crowded) => {
    const r = classifyRegime({ priceChange: 0, oiChange: 0, rate8h, window: '4h' });
    expect(r.stretch).toBe(stretch);
    expect(r.crowded).toBe(crowded);
    expect(fundingStretch(rate8h)).toBe(stretch);
  });

  it("treats Hyperliquid's hourly 0.0000125 (= 0.01% per 8h) as balanced", () => {
    expect(fundingStretch(toRate8h(0.0000125, 1))).toBe('balanced');
    expect(fundingStretch(toRate8h(0.0000375, 1))).toBe('elevated');
  });
});

describe('fundingPercentile', () => {
  it('ranks against the symbol history with ties counted half', () => {
    const history = [0.0001, 0.0002, 0.0003, 0.0004];
    expect(fundingPercentile(0.00005, history)).toBe(0);
    expect(fundingPercentile(0.001, history)).toBe(1);
    expect(fundingPercentile(0.00025, history)).toBe(0.5);
    expect(fundingPercentile(0.0002, history)).toBe(0.375);
    expect(fundingPercentile(0.0001, [0.0001, 0.0001])).toBe(0.5);
  });

  it('is null without usable data and always within [0, 1]', () => {
    expect(fundingPercentile(0.0001, [])).toBeNull();
    expect(fundingPercentile(0.0001, [Number.NaN])).toBeNull();
    expect(fundingPercentile(Number.NaN, [0.0001])).toBeNull();
    fc.assert(
      fc.property(fc.double({ noNaN: true }), fc.array(fc.double(), { minLength: 1 }), (current, history) => {
        const p = fundingPercentile(current, history);
        return p === null || (p >= 0 && p <= 1);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('positionRegimeNote', () => {
  it('reproduces the example sentence of risk-math.md §4', () => {
    const r = classifyRegime({ priceChange: 0.02, oiChange: 0.05, rate8h: 0.0004, window: '4h' });
    expect(positionRegimeNote('long', r)).toBe(
      'You are long in a long build-up with stretched positive funding: you are on the crowded side; a flush would move toward your liquidation.',
    );
  });

  it('tells the other side it may be squeezed in its favour', () => {
    const r = classifyRegime({ priceChange: 0.02, oiChange: 0.05, rate8h: 0.0004, window: '4h' });
    expect(positionRegimeNote('short', r)).toBe(
      'You are short in a long build-up with stretched positive funding: the other side is crowded; a squeeze would move in your favour.',
    );
  });

  it('describes flow when funding is balanced', () => {
    const down = classifyRegime({ priceChange: -0.03, oiChange: 0.05, rate8h: 0, window: '4h' });
    expect(positionRegimeNote('long', down)).toBe(
      'You are long in a short build-up with balanced funding: the price flow is against your position; watch the distance to liquidation.',
    );
    expect(positionRegimeNote('short', down)).toContain('with your position');
    const covering = classifyRegime({ priceChange: 0.03, oiChange: -0.05, rate8h: 0, window: '4h' });
    expect(positionRegimeNote('long', covering)).toContain('may lack follow-through');
    const quiet = classifyRegime({ priceChange: 0, oiChange: 0, rate8h: -0.0002, window: '4h' });
    expect(positionRegimeNote('long', quiet)).toBe(
      'You are long in a quiet market with elevated negative funding: the other side is crowded; a squeeze would move in your favour.',
    );
  });

  it('always yields one sentence', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('long' as const, 'short' as const),
        fc.double({ min: -0.1, max: 0.1, noNaN: true }),
        fc.double({ min: -0.1, max: 0.1, noNaN: true }),
        fc.double({ min: -0.002, max: 0.002, noNaN: true }),
        (side, priceChange, oiChange, rate8h) => {
          const note = positionRegimeNote(side, classifyRegime({ priceChange, oiChange, rate8h, window: '4h' }));
          return note.startsWith(`You are ${side} in a`) && note.endsWith('.') && !note.includes('undefined');
        },
      ),
      { numRuns: 300 },
    );
  });
});
