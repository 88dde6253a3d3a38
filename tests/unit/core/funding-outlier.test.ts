import { describe, expect, it } from 'vitest';
import { fundingOutlier } from '../../../src/core/funding-outlier';

describe('fundingOutlier: one venue that really stands apart, or none', () => {
  it('names none when every venue shows the same rate, or nearly', () => {
    expect(fundingOutlier([0.0001, 0.0001, 0.0001, 0.0001, 0.0001])).toBeNull();
    // 0.0100% … 0.0120% per 8 h: within the 0.0025% floor of each other's median.
    expect(fundingOutlier([0.0001, 0.00011, 0.000105, 0.00012, 0.0001])).toBeNull();
  });

  it('names the one venue far from the others', () => {
    expect(fundingOutlier([0.0001, 0.0001, 0.0005, 0.0001, 0.0001])).toBe(2);
    // Negative funding on one venue while the others pay longs.
    expect(fundingOutlier([0.0001, 0.00012, 0.00009, -0.0002])).toBe(3);
    // Three venues: one far off.
    expect(fundingOutlier([0.0001, 0.00011, 0.0009])).toBe(2);
  });

  it('names none with fewer than three venues, with two camps, or with a missing figure', () => {
    expect(fundingOutlier([0.0001, 0.0009])).toBeNull();
    expect(fundingOutlier([0.0001, 0.0001, 0.0009, 0.0009])).toBeNull();
    expect(fundingOutlier([0.0001, Number.NaN, 0.0009])).toBeNull();
  });

  it('widely scattered venues: none stands apart from the scatter; one on the other side of zero does', () => {
    expect(fundingOutlier([0.0001, 0.0003, 0.0002, 0.00015])).toBeNull();
    // −0.01% while the others pay longs 0.01–0.03%: 0.0275% from their median, beyond 3 robust σ (0.022%).
    expect(fundingOutlier([0.0001, 0.0003, -0.0001, 0.0002, 0.00015])).toBe(2);
  });
});
