import { describe, expect, it } from 'vitest';
import { createCache } from '../../../src/background/cache';
import type { FetchError, Result } from '../../../src/venues/market-types';

const error = (retryAt?: number): FetchError => ({
  kind: 'http',
  venue: 'binance',
  endpoint: '/x',
  message: 'boom',
  ...(retryAt === undefined ? {} : { retryAt }),
});

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('createCache', () => {
  it('asks again sooner for a value ttlFor says is a stand-in', async () => {
    let t = 0;
    const cache = createCache<{ standIn: boolean }>({ ttlMs: 6_000, ttlFor: (v) => (v.standIn ? 1_000 : 6_000), errorHoldMs: 5000, now: () => t });
    let loads = 0;
    const load = async (): Promise<Result<{ standIn: boolean }>> => ({ ok: true, value: { standIn: ++loads === 1 } });
    await cache.get('k', load);
    t = 1_500;
    await cache.get('k', load);
    expect(loads).toBe(2);
    t = 6_000;
    await cache.get('k', load);
    expect(loads).toBe(2);
  });

  it('shares one load among concurrent callers', async () => {
    let t = 0;
    const cache = createCache<number>({ ttlMs: 1000, errorHoldMs: 5000, now: () => t });
    let loads = 0;
    const d = deferred<Result<number>>();
    const load = () => {
      loads++;
      return d.promise;
    };
    const callers = Array.from({ length: 10 }, () => cache.get('k', load));
    d.resolve({ ok: true, value: 42 });
    const results = await Promise.all(callers);
    expect(loads).toBe(1);
    expect(results.every((r) => r.value === 42 && !r.error)).toBe(true);
  });

  it('serves a fresh value without loading, and reloads once it expires', async () => {
    let t = 0;
    const cache = createCache<number>({ ttlMs: 1000, errorHoldMs: 5000, now: () => t });
    let loads = 0;
    const load = async (): Promise<Result<number>> => ({ ok: true, value: ++loads });
    expect((await cache.get('k', load)).value).toBe(1);
    t = 999;
    expect((await cache.get('k', load)).value).toBe(1);
    t = 1000;
    expect((await cache.get('k', load)).value).toBe(2);
  });

  it('holds back after an error until the hold ends, then recovers', async () => {
    let t = 0;
    const cache = createCache<number>({ ttlMs: 1000, errorHoldMs: 5000, now: () => t });
    let loads = 0;
    let healthy = false;
    const load = async (): Promise<Result<number>> => {
      loads++;
      return healthy ? { ok: true, value: 7 } : { ok: false, error: error() };
    };
    expect((await cache.get('k', load)).error?.kind).toBe('http');
    t = 4999;
    healthy = true;
    expect((await cache.get('k', load)).error?.kind).toBe('http');
    expect(loads).toBe(1);
    t = 5000;
    expect(await cache.get('k', load)).toEqual({ value: 7, storedAt: 5000 });
    expect(loads).toBe(2);
  });

  it('keeps the last good value beside a later error', async () => {
    let t = 0;
    const cache = createCache<number>({ ttlMs: 1000, errorHoldMs: 5000, now: () => t });
    let healthy = true;
    const load = async (): Promise<Result<number>> => (healthy ? { ok: true, value: 3 } : { ok: false, error: error() });
    await cache.get('k', load);
    healthy = false;
    t = 2000;
    const v = await cache.get('k', load);
    expect(v.value).toBe(3);
    expect(v.storedAt).toBe(0);
    expect(v.error?.kind).toBe('http');
  });

  it('evicts the least recently used key beyond maxEntries', async () => {
    const cache = createCache<number>({ ttlMs: 1000, errorHoldMs: 5000, maxEntries: 2, now: () => 0 });
    const load = async (): Promise<Result<number>> => ({ ok: true, value: 1 });
    await cache.get('a', load);
    await cache.get('b', load);
    await cache.get('a', load);
    await cache.get('c', load);
    expect(cache.peek('b')).toBeUndefined();
    expect(cache.peek('a')?.value).toBe(1);
    expect(cache.size()).toBe(2);
  });

  it('honours the retry time the venue named', async () => {
    let t = 0;
    const cache = createCache<number>({ ttlMs: 1000, errorHoldMs: 5000, now: () => t });
    let loads = 0;
    const load = async (): Promise<Result<number>> => {
      loads++;
      return { ok: false, error: error(60_000) };
    };
    await cache.get('k', load);
    t = 59_999;
    await cache.get('k', load);
    expect(loads).toBe(1);
    t = 60_000;
    await cache.get('k', load);
    expect(loads).toBe(2);
  });
});
