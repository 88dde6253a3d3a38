import { describe, expect, it } from 'vitest';
import { accountsClause, ratioToShare, shareReading, takerBuyShare } from '../../../src/core/crowding';

const H = 3_600_000;

describe('crowding readings', () => {
  it('the newest long share and its change against the point nearest 4 h before it', () => {
    const points = [0.6, 0.62, 0.64, 0.66, 0.7].map((value, i) => ({ time: i * H, value })).reverse();
    expect(shareReading(points)).toEqual({ value: 0.7, change4h: expect.closeTo(0.1, 12), at: 4 * H });
    expect(shareReading(points.slice(0, 3))?.change4h).toBeNull();
    expect(
      shareReading([
        { time: 1, value: 1.2 },
        { time: 2, value: Number.NaN },
      ]),
    ).toBeNull();
  });

  it('a long/short ratio is a long share', () => {
    expect(ratioToShare(2.5)).toBeCloseTo(2.5 / 3.5, 12);
    expect(ratioToShare(1)).toBe(0.5);
    expect(ratioToShare(-1)).toBeNull();
  });

  it('taker-buy share over the bars in the window; unknown without a split or volume', () => {
    const bars = [
      { time: 0, volume: 10, takerBuy: 9 },
      { time: 10, volume: 10, takerBuy: 6 },
      { time: 20, volume: 30, takerBuy: 10 },
    ];
    expect(takerBuyShare(bars, 10)).toBeCloseTo(16 / 40, 12);
    expect(takerBuyShare(bars, 100)).toBeNull();
    expect(takerBuyShare([{ time: 0, volume: 10, takerBuy: null }], 0)).toBeNull();
  });

  it('the accounts confirm funding, contradict it, or lean while funding is balanced', () => {
    expect(accountsClause('longs', 0.7, 'long')).toBe('longs crowded by both funding and accounts (70% of accounts are net long): your side');
    expect(accountsClause('longs', 0.3, 'short')).toBe('funding and accounts disagree: funding crowds the longs, but 70% of accounts are net short');
    expect(accountsClause('none', 0.65, 'short')).toBe('funding is balanced, but 65% of accounts are net long');
    expect(accountsClause('shorts', 0.55, 'long')).toBeNull();
    expect(accountsClause('shorts', null, 'long')).toBeNull();
  });
});
