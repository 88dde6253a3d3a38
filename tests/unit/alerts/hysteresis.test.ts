import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHysteresis, REARM_CHECKS } from '../../../src/background/alerts/hysteresis';

const MIN = 60_000;
const ON = { active: true, clear: false };
const NEAR = { active: false, clear: false }; // false, but not with the margin
const CLEAR = { active: false, clear: true };
const K = 'binance:BTCUSDT:long';

describe('createHysteresis', () => {
  let cooldown = 30 * MIN;
  const make = () => createHysteresis({ now: () => Date.now(), cooldownMs: () => cooldown });

  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(1_000_000);
    cooldown = 30 * MIN;
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fires once when the condition becomes true and not again while it holds', () => {
    const h = make();
    expect(h.step(K, 'liquidation', NEAR)).toBe(false);
    expect(h.step(K, 'liquidation', ON)).toBe(true);
    const later: boolean[] = [];
    for (let i = 0; i < 120; i++) {
      vi.advanceTimersByTime(MIN);
      later.push(h.step(K, 'liquidation', ON));
    }
    expect(later.every((f) => !f)).toBe(true);
  });

  it('does not fire twice when the distance hovers around the threshold (no margin)', () => {
    const h = make();
    expect(h.step(K, 'liquidation', ON)).toBe(true);
    for (let i = 0; i < 60; i++) {
      vi.advanceTimersByTime(MIN);
      expect(h.step(K, 'liquidation', i % 2 ? ON : NEAR)).toBe(false);
    }
    expect(h.peek(K, 'liquidation')?.armed).toBe(false);
  });

  it('re-arms the distance alert once it is back above threshold × 1.2, then fires after the cool-down', () => {
    const h = make();
    expect(h.step(K, 'liquidation', ON)).toBe(true);
    vi.advanceTimersByTime(MIN);
    expect(h.step(K, 'liquidation', CLEAR)).toBe(false);
    expect(h.peek(K, 'liquidation')?.armed).toBe(true);
    vi.advanceTimersByTime(30 * MIN);
    expect(h.step(K, 'liquidation', ON)).toBe(true);
  });

  it('re-arms the other conditions only after two consecutive false checks', () => {
    expect(REARM_CHECKS).toEqual({ liquidation: 1, regime: 2, funding: 2 });
    const h = make();
    expect(h.step(K, 'funding', ON)).toBe(true);
    vi.advanceTimersByTime(MIN);
    h.step(K, 'funding', CLEAR);
    vi.advanceTimersByTime(MIN);
    h.step(K, 'funding', ON); // a true check resets the streak
    vi.advanceTimersByTime(MIN);
    h.step(K, 'funding', CLEAR);
    expect(h.peek(K, 'funding')?.armed).toBe(false);
    vi.advanceTimersByTime(MIN);
    h.step(K, 'funding', CLEAR);
    expect(h.peek(K, 'funding')?.armed).toBe(true);
    vi.advanceTimersByTime(40 * MIN);
    expect(h.step(K, 'funding', ON)).toBe(true);
  });

  it('never fires twice within the cool-down, even re-armed; fires at the first check after it if still true', () => {
    const h = make();
    expect(h.step(K, 'regime', ON)).toBe(true);
    vi.advanceTimersByTime(MIN);
    h.step(K, 'regime', CLEAR);
    vi.advanceTimersByTime(MIN);
    h.step(K, 'regime', CLEAR); // re-armed at +2 min
    const fires: number[] = [];
    for (let m = 3; m <= 40; m++) {
      vi.advanceTimersByTime(MIN);
      if (h.step(K, 'regime', ON)) fires.push(m);
    }
    expect(fires).toEqual([30]); // exactly when 30 minutes have passed since the first alert
  });

  it('applies a changed cool-down at once', () => {
    const h = make();
    h.step(K, 'liquidation', ON);
    h.step(K, 'liquidation', CLEAR);
    vi.advanceTimersByTime(5 * MIN);
    expect(h.step(K, 'liquidation', ON)).toBe(false);
    cooldown = 5 * MIN;
    expect(h.step(K, 'liquidation', ON)).toBe(true);
  });

  it('keeps positions and conditions apart', () => {
    const h = make();
    expect(h.step(K, 'liquidation', ON)).toBe(true);
    expect(h.step(K, 'funding', ON)).toBe(true);
    expect(h.step('bybit:BTCUSDT:long', 'liquidation', ON)).toBe(true);
    expect(h.step(K, 'liquidation', ON)).toBe(false);
  });

  it('ignores checks that could not observe the condition', () => {
    const h = make();
    expect(h.step(K, 'funding', ON)).toBe(true);
    h.step(K, 'funding', CLEAR);
    h.step(K, 'funding', null);
    expect(h.peek(K, 'funding')).toMatchObject({ armed: false, clearStreak: 1 });
    h.step(K, 'funding', CLEAR);
    expect(h.peek(K, 'funding')?.armed).toBe(true);
    expect(h.step('other', 'funding', null)).toBe(false);
    expect(h.peek('other', 'funding')).toBeUndefined();
  });

  it('survives a worker restart through dump/restore and ignores garbage', () => {
    const h = make();
    h.step(K, 'liquidation', ON);
    const restored = make();
    restored.restore(structuredClone(h.dump()));
    vi.advanceTimersByTime(MIN);
    expect(restored.step(K, 'liquidation', ON)).toBe(false);

    const fresh = make();
    fresh.restore({ [`${K}|liquidation`]: { armed: 'yes' } });
    expect(fresh.dump()).toEqual({});
    expect(fresh.step(K, 'liquidation', ON)).toBe(true);
  });

  it('forgets positions no longer held, but not while their cool-down runs', () => {
    const h = make();
    h.step(K, 'liquidation', ON); // fired now
    h.step('gone:X:long', 'funding', NEAR); // never fired
    h.prune(new Set());
    expect(h.peek('gone:X:long', 'funding')).toBeUndefined();
    expect(h.peek(K, 'liquidation')).toBeDefined();
    // The position disappears for a moment and returns: still quiet.
    expect(h.step(K, 'liquidation', ON)).toBe(false);
    vi.advanceTimersByTime(30 * MIN);
    h.prune(new Set());
    expect(h.peek(K, 'liquidation')).toBeUndefined();
  });
});
