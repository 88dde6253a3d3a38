import { describe, expect, it } from 'vitest';
import { premium } from '../../../src/core/premium';

describe("the mark's premium over the index", () => {
  it('is (mark − index) / index, and unknown without an index or where the mark is the oracle', () => {
    expect(premium({ markPrice: 60_012, indexPrice: 60_000 }, 'Binance')).toEqual({ value: 0.0002 });
    expect(premium({ markPrice: 59_988, indexPrice: 60_000 }, 'Binance')).toEqual({ value: -0.0002 });
    expect(premium({ markPrice: 60_000, indexPrice: null }, 'OKX')).toEqual({ unknown: 'OKX published no index price' });
    expect(premium({ markPrice: 60_000, indexPrice: 60_000, markIsIndex: true }, 'dYdX')).toMatchObject({
      unknown: expect.stringMatching(/^dYdX margins on its oracle/),
    });
  });
});
