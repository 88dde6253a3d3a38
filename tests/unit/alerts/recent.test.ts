import { describe, expect, it } from 'vitest';
import { readRecent, recordCheck, RECENT_ALERTS_KEY, RECENT_ALERTS_MAX } from '../../../src/background/alerts/recent';
import type { FiredAlert } from '../../../src/background/alerts/notify';
import { heldFixture, memoryStorage } from './fixtures';

const fired = (distance: number): FiredAlert => ({
  key: 'binance:BTCUSDT:long',
  held: heldFixture(),
  detail: { condition: 'liquidation', distance, threshold: 0.05, band: 'danger' },
});

describe('the record of the last checks', () => {
  it('keeps when the last check finished and the alerts it fired, in the notification’s words, newest first', async () => {
    const session = memoryStorage();
    expect(await readRecent(session)).toEqual({ checkedAt: 0, fired: [] });
    await recordCheck(session, [fired(0.024)], 1_000);
    await recordCheck(session, [], 2_000);
    await recordCheck(session, [fired(-0.001)], 3_000);
    const r = await readRecent(session);
    expect(r.checkedAt).toBe(3_000);
    expect(r.fired.map((f) => [f.at, f.title, f.message])).toEqual([
      [3_000, 'At liquidation: BTCUSDT long', 'BTCUSDT long on Binance has reached its liquidation price'],
      [1_000, 'Liquidation risk: BTCUSDT long', 'BTCUSDT long on Binance is 2.4% from liquidation'],
    ]);
  });

  it('is bounded, and reads a damaged record as empty', async () => {
    const session = memoryStorage();
    for (let i = 0; i < RECENT_ALERTS_MAX + 5; i++) await recordCheck(session, [fired(0.02)], i);
    expect((await readRecent(session)).fired).toHaveLength(RECENT_ALERTS_MAX);
    await session.set({ [RECENT_ALERTS_KEY]: { checkedAt: 'x' } });
    expect(await readRecent(session)).toEqual({ checkedAt: 0, fired: [] });
  });
});
