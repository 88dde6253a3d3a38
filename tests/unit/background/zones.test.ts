import { describe, expect, it, vi } from 'vitest';
import { createOiRecorder } from '../../../src/background/oi-recorder';
import { createPersistence, type StorageLike } from '../../../src/background/persist';
import { createSnapshotCaches } from '../../../src/background/snapshot';
import { createZoneModel, extendZoneBars, RECORDED_NEEDED_MS, zoneBarsTtl } from '../../../src/background/zones';
import { liquidationZones, ZONE_MODEL } from '../../../src/core/liq-zones';
import type { Instrument, Result, TierTable, VenueMarketClient, ZoneBarRow, ZoneBars } from '../../../src/venues/market-types';
import { population } from '../../zones/population';

const Q = 900_000;
const T = Date.UTC(2026, 11, 7, 12, 0, 0);
const inst: Instrument = { venue: 'binance', symbol: 'BTCUSDT', asset: 'BTC', quote: 'USDT', contractValue: 1, tickSize: 0.1, fundingIntervalHours: 8 };
const tiers = (maxLeverage?: number): TierTable => ({
  tiers: [{ notionalFloor: 0, notionalCap: 1e6, maintenanceRate: 0.004, deduction: 0 }],
  ...(maxLeverage ? { maxLeverage } : {}),
  fallback: false,
  source: '/t',
  fetchedAt: T,
});

function bar(time: number, oi: number | null, close = 100): ZoneBarRow {
  return { time, high: close + 1, low: close - 1, close, volume: 10, takerBuy: 6, oi };
}

function clientAnswering(answer: (since: number | null) => Result<ZoneBars>) {
  const zoneBars = vi.fn(async (_i: Instrument, _h: unknown, since: number | null) => answer(since));
  return { client: { zoneBars } as unknown as VenueMarketClient, zoneBars };
}

describe('the zone history is fetched once, then extended by the new bars only', () => {
  it('asks for 7 days when nothing is held, then from the newest held bar on, replacing it', async () => {
    const { client, zoneBars } = clientAnswering((since) =>
      since === null
        ? { ok: true, value: { bars: [bar(T - 2 * Q, 10), bar(T - Q, 11, 100)], source: '/k', fetchedAt: T } }
        : { ok: true, value: { bars: [bar(T - Q, 12, 101), bar(T, 13)], source: '/k', fetchedAt: T + Q } },
    );
    const first = await extendZoneBars(client, inst, (() => undefined) as never, undefined, T);
    expect(zoneBars.mock.calls[0]?.[2]).toBeNull();
    if (!first.ok) throw new Error('first');
    const second = await extendZoneBars(client, inst, (() => undefined) as never, first.value, T + Q);
    expect(zoneBars.mock.calls[1]?.[2]).toBe(T - Q);
    if (!second.ok) throw new Error('second');
    expect(second.value.bars.map((b) => [b.time, b.oi, b.close])).toEqual([
      [T - 2 * Q, 10, 100],
      [T - Q, 12, 101],
      [T, 13, 100],
    ]);
  });

  it('drops bars older than 7 days, and asks whole again when what is held is over two days old', async () => {
    const old = { bars: [bar(T - 8 * 86_400_000, 1), bar(T - 3 * 86_400_000, 2)], source: '/k', fetchedAt: T - 3 * 86_400_000 };
    const { client, zoneBars } = clientAnswering(() => ({ ok: true, value: { bars: [bar(T, 3)], source: '/k', fetchedAt: T } }));
    const r = await extendZoneBars(client, inst, (() => undefined) as never, old, T);
    expect(zoneBars.mock.calls[0]?.[2]).toBeNull();
    expect(r.ok && r.value.bars.map((b) => b.oi)).toEqual([3]);
    const held = { bars: [bar(T - 8 * 86_400_000, 1), bar(T - Q, 2)], source: '/k', fetchedAt: T - Q };
    const kept = await extendZoneBars(client, inst, (() => undefined) as never, held, T);
    expect(kept.ok && kept.value.bars.map((b) => b.oi)).toEqual([2, 3]);
  });

  it('a failed extension keeps what is held (the cache holds the last good value) and says why', async () => {
    const { client } = clientAnswering(() => ({ ok: false, error: { kind: 'timeout', venue: 'binance', endpoint: '/k', message: 'no answer' } }));
    const r = await extendZoneBars(client, inst, (() => undefined) as never, { bars: [bar(T - Q, 1)], source: '/k', fetchedAt: T - Q }, T);
    expect(r.ok).toBe(false);
  });

  it('bars are fresh until the next 15-minute close has been published', () => {
    expect(zoneBarsTtl({ bars: [], source: '', fetchedAt: T + 60_000 })).toBe(Q - 60_000 + 90_000);
    expect(zoneBarsTtl({ bars: [], source: '', fetchedAt: T + Q - 1_000 })).toBe(1_000 + 90_000);
  });
});

describe('the zone part of a snapshot', () => {
  const p = population({ seed: 3, mix: ZONE_MODEL, m: 0.004 });
  const held: ZoneBars = { bars: p.bars.map((b) => ({ ...b })), source: '/k', fetchedAt: T };

  it("is the model run over the venue's bars, binned at the mark", () => {
    const z = createZoneModel().state('binance:BTCUSDT', { value: held, storedAt: T }, tiers(125), p.mark, null);
    expect(z.status).toBe('ready');
    if (z.status !== 'ready') return;
    expect(z.map).toEqual(liquidationZones({ bars: p.bars, mark: p.mark, maxLeverage: 125, maintenanceRate: 0.004 }));
    expect(z).toMatchObject({ basis: 'venue', maintenanceRate: 0.004, maxLeverage: 125, maxLeverageSource: 'venue', dataAt: (p.bars.at(-1)?.time ?? 0) + Q });
  });

  it('without a stated maximum leverage it assumes 1 / (2 × maintenance) and says so', () => {
    const z = createZoneModel().state('k', { value: held, storedAt: T }, tiers(), p.mark, null);
    expect(z.status === 'ready' && [z.maxLeverage, z.maxLeverageSource]).toEqual([125, 'assumed']);
  });

  it('says why when the bars or the tiers are missing', () => {
    const m = createZoneModel();
    expect(m.state('k', { error: { kind: 'timeout', venue: 'okx', endpoint: '/x', message: 'no answer in time' } }, tiers(), 100, null)).toEqual({
      status: 'unavailable',
      reason: 'no answer in time',
    });
    expect(m.state('k', { value: held, storedAt: T }, null, 100, null)).toMatchObject({ status: 'unavailable', reason: expect.stringMatching(/margin tiers/) });
  });

  it('Hyperliquid: builds from the OI recorded at each close while watching, and says "building" under a day', () => {
    const key = 'hyperliquid:BTC';
    const recorder = createOiRecorder();
    const bars = p.bars.map((b) => ({ ...b, oi: null }));
    const hl: ZoneBars = { bars, source: '/info candleSnapshot', fetchedAt: T };
    // Ten hours recorded: samples 40 s after each of the last 40 closes.
    const last = bars.length - 1;
    for (let i = last - 39; i <= last; i++) recorder.record(key, (bars[i]?.time ?? 0) + Q + 40_000, p.bars[i]?.oi ?? 0);
    const building = createZoneModel().state(key, { value: hl, storedAt: T }, tiers(50), p.mark, recorder);
    expect(building).toEqual({ status: 'building', coveredMs: 40 * Q, needMs: RECORDED_NEEDED_MS });
    for (let i = last - 119; i <= last - 40; i++) recorder.record(key, (bars[i]?.time ?? 0) + Q - 20_000, p.bars[i]?.oi ?? 0);
    const ready = createZoneModel().state(key, { value: hl, storedAt: T }, tiers(50), p.mark, recorder);
    expect(ready.status === 'ready' && [ready.basis, ready.coveredMs]).toEqual(['recorded', 120 * Q]);
    // The bars before recording began only consume; the model opens levels from the recorded closes on.
    const expected = liquidationZones({
      bars: bars.map((b, i) => ({ ...b, oi: i >= last - 119 ? (p.bars[i]?.oi ?? null) : null })),
      mark: p.mark,
      maxLeverage: 50,
      maintenanceRate: 0.004,
    });
    expect(ready.status === 'ready' && ready.map).toEqual(expected);
  });
});

describe('recorded closes', () => {
  function memoryStorage(): StorageLike {
    const data = new Map<string, unknown>();
    return {
      get: async (key) => (data.has(key) ? { [key]: structuredClone(data.get(key)) } : {}),
      set: async (items) => {
        for (const [k, v] of Object.entries(items)) data.set(k, structuredClone(v));
      },
    };
  }

  it('keep the sample nearest each close within 5 minutes, and survive a restart', async () => {
    const r = createOiRecorder();
    r.record('k', T + 4 * 60_000, 1);
    r.record('k', T + 6 * 60_000, 2);
    r.record('k', T - 2 * 60_000, 3);
    r.record('k', T + Q - 7 * 60_000, 4);
    expect(r.closeAt('k', T)).toBe(3);
    expect(r.closeAt('k', T + Q)).toBeNull();
    const session = memoryStorage();
    const local = memoryStorage();
    await createPersistence(createSnapshotCaches(), r, session, local).save();
    const r2 = createOiRecorder();
    await createPersistence(createSnapshotCaches(), r2, session, local).restore();
    expect(r2.closeAt('k', T)).toBe(3);
  });
});
