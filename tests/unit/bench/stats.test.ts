import { describe, expect, it } from 'vitest';
import { medianInterval, spread } from '../../../bench/stats';

describe('medianInterval', () => {
  it('brackets the median and narrows as rounds agree', () => {
    const wide = [0.93, 0.96, 0.99, 1.01, 1.02, 1.04, 1.07, 1.12];
    const narrow = [1.005, 1.008, 1.01, 1.011, 1.012, 1.013, 1.015, 1.018];
    const w = medianInterval(wide);
    const n = medianInterval(narrow);
    const m = spread(wide).median;
    expect(w.low).toBeLessThanOrEqual(m);
    expect(w.high).toBeGreaterThanOrEqual(m);
    expect(w.high - w.low).toBeGreaterThan(5 * (n.high - n.low));
    expect(n.low).toBeGreaterThanOrEqual(1.005);
    expect(n.high).toBeLessThanOrEqual(1.018);
  });

  it('gives the same interval for the same rounds, and none for no rounds', () => {
    const xs = [1.01, 0.99, 1.03, 1.02, 0.98, 1.0];
    expect(medianInterval(xs)).toEqual(medianInterval(xs));
    expect(Number.isNaN(medianInterval([]).high)).toBe(true);
  });

  it('stays within the sample', () => {
    const xs = [3, 1, 2, 5, 4];
    const i = medianInterval(xs, 0.99);
    expect(i.low).toBeGreaterThanOrEqual(1);
    expect(i.high).toBeLessThanOrEqual(5);
  });
});
