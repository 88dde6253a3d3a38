import { describe, expect, it } from 'vitest';
import { formatCountdown, formatPercent, formatPrice, formatProbability } from '../../../src/ui/format';
import { contractState, nextMarketState } from '../../../src/ui/market-state';
import { snapshotFixture } from '../helpers/snapshot';

describe('format', () => {
  it('prices', () => {
    expect(formatPrice(60000.12)).toBe('60,000.12');
    expect(formatPrice(2986.3)).toBe('2,986.30');
    expect(formatPrice(14.3161)).toBe('14.3161');
    expect(formatPrice(0.0000123)).toBe('0.0000123');
  });
  it('percentages keep small values visible', () => {
    expect(formatPercent(0.004)).toBe('0.40%');
    expect(formatPercent(0.0001, 4, true)).toBe('+0.0100%');
    expect(formatPercent(-0.0005, 4, true)).toBe('\u22120.0500%');
  });
  it('probabilities: a small chance is never 0%', () => {
    expect(formatProbability(0.0002)).toBe('<0.1%');
    expect(formatProbability(0)).toBe('0.0%');
    expect(formatProbability(0.0586)).toBe('5.9%');
    expect(formatProbability(0.9999)).toBe('>99.9%');
    expect(formatProbability(1)).toBe('100.0%');
  });
  it('countdowns', () => {
    expect(formatCountdown(0)).toBe('now');
    expect(formatCountdown(65_000)).toBe('1m');
    expect(formatCountdown(59_999)).toBe('59s');
    expect(formatCountdown(3_599_000)).toBe('59m');
    expect(formatCountdown(4 * 3_600_000 + 25 * 60_000)).toBe('4h 25m');
  });
});

describe('contractState', () => {
  const snapshot = snapshotFixture();
  it('is ok while fresh and stale with its age after', () => {
    expect(contractState({ status: 'ready', snapshot }, 2000, 5000)).toEqual({ state: 'ok', ageMs: 1000 });
    expect(contractState({ status: 'ready', snapshot }, 7000, 5000)).toEqual({ state: 'stale', ageMs: 6000 });
  });
  it('is stale when the last refresh failed, and unavailable with no data', () => {
    const error = { kind: 'http', venue: 'binance', endpoint: '/x', message: 'm' } as const;
    expect(contractState({ status: 'ready', snapshot, error }, 2000, 5000).state).toBe('stale');
    expect(contractState({ status: 'failed', error }, 2000, 5000).state).toBe('unavailable');
    expect(contractState({ status: 'loading' }, 2000, 5000).state).toBe('loading');
  });
});

describe('nextMarketState', () => {
  const error = { kind: 'http', venue: 'binance', endpoint: '/x', message: 'm' } as const;
  it('keeps the last good snapshot beside a failure', () => {
    const snapshot = snapshotFixture();
    expect(nextMarketState({ status: 'ready', snapshot }, { ok: false, error })).toEqual({ status: 'ready', snapshot, error });
    expect(nextMarketState({ status: 'loading' }, { ok: false, error })).toEqual({ status: 'failed', error });
    expect(nextMarketState({ status: 'failed', error }, { ok: true, snapshot })).toEqual({ status: 'ready', snapshot });
  });
});

describe('ordinals', () => {
  it('writes English ordinals, the teens included', async () => {
    const { ordinal, formatPercentile } = await import('../../../src/ui/format');
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 41, 53, 100, 101, 111, 0].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '23rd',
      '41st',
      '53rd',
      '100th',
      '101st',
      '111th',
      '0th',
    ]);
    expect(formatPercentile(0.41)).toBe('41st');
    expect(formatPercentile(0.525)).toBe('53rd');
  });
});
