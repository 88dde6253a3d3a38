import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crossCheck, type ReadFigures } from '../../../src/core';

const long: ReadFigures = { side: 'long', size: 0.5, entryPrice: 60000, markPrice: 61000, liqPrice: 57228.92, margin: 1500, leverage: 20 };
const short: ReadFigures = { ...long, side: 'short', liqPrice: 62687.53 };

describe('crossCheck', () => {
  it('passes consistent rows', () => {
    expect(crossCheck(long)).toBeNull();
    expect(crossCheck(short)).toBeNull();
    expect(crossCheck({ ...long, liqPrice: null, markPrice: null, margin: null, leverage: null })).toBeNull();
    // A long backed by more than its notional has no liquidation price (shown as 0 by some venues).
    expect(crossCheck({ ...long, liqPrice: 0 })).toBeNull();
  });
  it.each<[string, Partial<ReadFigures>, RegExp]>([
    ['liq on the wrong side of a long', { liqPrice: 62000 }, /long/],
    ['liq on the wrong side of a short', { side: 'short', liqPrice: 55000 }, /short/],
    ['a mark 100× off (misread separator)', { markPrice: 610 }, /far apart/],
    ['zero size', { size: 0 }, /size/],
    ['NaN entry', { entryPrice: Number.NaN }, /entry/],
    ['absurd leverage', { leverage: 2000 }, /leverage/],
    ['negative margin', { margin: -1 }, /margin/],
  ])('fails %s', (_what, over, reason) => {
    expect(crossCheck({ ...long, ...over })).toMatch(reason);
  });
  it('fails whenever a long liquidation sits at or above the mark', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        fc.double({ min: 1, max: 2, noNaN: true }),
        (mark, k) => crossCheck({ ...long, entryPrice: mark, markPrice: mark, liqPrice: mark * k }) !== null,
      ),
      { numRuns: 1000 },
    );
  });
});
