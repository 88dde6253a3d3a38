import { describe, expect, it } from 'vitest';
import { createOiRecorder } from '../../../src/background/oi-recorder';
import { createPersistence, type StorageLike } from '../../../src/background/persist';
import { createSnapshotCaches } from '../../../src/background/snapshot';

function memoryStorage(): StorageLike & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    get: async (key) => (data.has(key) ? { [key]: structuredClone(data.get(key)) } : {}),
    set: async (items) => {
      for (const [k, v] of Object.entries(items)) data.set(k, structuredClone(v));
    },
  };
}

describe('createPersistence', () => {
  it('restores caches and recorded OI after the worker restarts', async () => {
    const session = memoryStorage();
    const local = memoryStorage();
    const t = 10_000_000;
    const caches = createSnapshotCaches(() => t);
    const recorder = createOiRecorder();
    await caches.quote.get('hyperliquid:BTC', async () => ({ ok: true, value: { markPrice: 1, source: '/info' } as never }));
    recorder.record('hyperliquid:BTC', t, 1234);
    await createPersistence(caches, recorder, session, local).save();

    const caches2 = createSnapshotCaches(() => t + 1000);
    const recorder2 = createOiRecorder();
    await createPersistence(caches2, recorder2, session, local).restore();
    expect(caches2.quote.peek('hyperliquid:BTC')).toEqual({ value: { markPrice: 1, source: '/info' }, storedAt: t });
    expect(recorder2.points('hyperliquid:BTC')).toEqual([{ time: t, value: 1234 }]);
  });

  it('saves and restores extra session state (venue holds, watched markets)', async () => {
    const session = memoryStorage();
    const local = memoryStorage();
    let restored: unknown = null;
    const part = { dump: () => ({ binance: { until: 5 } }), restore: (x: unknown) => (restored = x) };
    await createPersistence(createSnapshotCaches(), createOiRecorder(), session, local, { holds: part }).save();
    await createPersistence(createSnapshotCaches(), createOiRecorder(), session, local, { holds: part }).restore();
    expect(restored).toEqual({ binance: { until: 5 } });
  });

  it('ignores garbage in storage', async () => {
    const session = memoryStorage();
    const local = memoryStorage();
    session.data.set('perplens.cache.v2', { quote: 'nonsense', funding: [[1, 2]] });
    local.data.set('perplens.oi.v1', 'nonsense');
    const caches = createSnapshotCaches();
    await createPersistence(caches, createOiRecorder(), session, local).restore();
    expect(caches.quote.size()).toBe(0);
  });
});
