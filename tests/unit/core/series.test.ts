import { describe, expect, it } from 'vitest';
import { windowChange } from '../../../src/core/series';

const H = 3_600_000;
const pts = (values: number[], start = 0) => values.map((value, i) => ({ time: start + i * H, value }));

describe('windowChange', () => {
  it('measures from the point at the window start', () => {
    const r = windowChange(pts([100, 110, 120, 130, 140]), 150, 4 * H, 4 * H, { maxGapMs: H });
    expect(r).toEqual({ change: 0.5, basis: 'window', from: 0 });
  });
  it('takes the last point at or before the window start', () => {
    const r = windowChange(pts([100, 200]), 300, H + H / 2 + H, H, { maxGapMs: H });
    expect(r.change).toBeCloseTo(0.5, 12);
  });
  it('refuses a base older than the allowed gap', () => {
    const r = windowChange(pts([100]), 150, 10 * H, H, { maxGapMs: H });
    expect(r.change).toBeNull();
  });
  it('says when history does not reach back', () => {
    const r = windowChange(pts([100, 120], 5 * H), 150, 6 * H, 4 * H, { maxGapMs: H });
    expect(r).toEqual({ change: null, reason: 'history does not reach back that far' });
  });
  it('labels recorded snapshots as "since watching started" until the window is covered', () => {
    const r = windowChange(pts([100, 120], 5 * H), 150, 6 * H, 4 * H, { maxGapMs: H, sinceFirst: true });
    expect(r).toEqual({ change: 0.5, basis: 'since-watching', from: 5 * H });
  });
  it('has no change without history or a current value', () => {
    expect(windowChange([], 1, 0, H, { maxGapMs: H }).change).toBeNull();
    expect(windowChange(pts([1]), Number.NaN, 0, H, { maxGapMs: H }).change).toBeNull();
  });
});
