import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchJson as realFetchJson, type JsonRequest } from '../../../src/background/http';
import { createOiRecorder } from '../../../src/background/oi-recorder';
import { buildSnapshot, createSnapshotCaches } from '../../../src/background/snapshot';
import { createVenueGate } from '../../../src/background/venue-gate';
import { binanceDescriptor } from '../../../src/venues/binance/descriptor';
import { binanceMarket } from '../../../src/venues/binance/market';
import type { FetchError, Result, VenueDescriptor } from '../../../src/venues/market-types';

const descriptor: VenueDescriptor = {
  venue: 'binance',
  name: 'Binance',
  apiBase: 'https://fapi.binance.com',
  liquidation: { valuation: 'liquidation', feeRate: 0 },
  rateLimit: { units: 100, windowMs: 60_000, unit: 'weight', note: 'test' },
  endpoints: [],
};
const url = (path: string) => new URL(path, 'https://fapi.binance.com');

function setup(answer: (req: JsonRequest) => Result<unknown>) {
  let t = 1_000_000;
  const fetchJson = vi.fn(async (req: JsonRequest) => answer(req));
  const gate = createVenueGate(descriptor, { fetchJson, now: () => t, random: () => 0.5, budgetShare: 0.25 });
  return { gate, fetchJson, advance: (ms: number) => (t += ms), now: () => t };
}

const fail = (e: Partial<FetchError> & Pick<FetchError, 'kind'>): Result<unknown> => ({
  ok: false,
  error: { venue: 'binance', endpoint: '/x', message: e.kind, ...e },
});

describe('createVenueGate', () => {
  it('refuses any origin but the venue API', async () => {
    const { gate, fetchJson } = setup(() => ({ ok: true, value: 1 }));
    const r = await gate({ url: new URL('https://evil.example/fapi/v1/x') });
    expect(r.ok || r.error.kind).toBe('bad-request');
    expect(fetchJson).not.toHaveBeenCalled();
  });

  it('shares identical requests in flight and for shareForMs', async () => {
    const { gate, fetchJson, advance } = setup(() => ({ ok: true, value: 1 }));
    await Promise.all(Array.from({ length: 10 }, () => gate({ url: url('/fapi/v1/exchangeInfo'), shareForMs: 5000 })));
    expect(fetchJson).toHaveBeenCalledTimes(1);
    advance(4999);
    await gate({ url: url('/fapi/v1/exchangeInfo'), shareForMs: 5000 });
    expect(fetchJson).toHaveBeenCalledTimes(1);
    advance(1);
    await gate({ url: url('/fapi/v1/exchangeInfo'), shareForMs: 5000 });
    expect(fetchJson).toHaveBeenCalledTimes(2);
  });

  it('holds the whole venue for Retry-After after a 429, then resumes', async () => {
    let limited = true;
    const { gate, fetchJson, advance, now } = setup(() =>
      limited ? fail({ kind: 'rate-limited', status: 429, retryAt: now() + 30_000 }) : { ok: true, value: 1 },
    );
    expect((await gate({ url: url('/a') })).ok).toBe(false);
    limited = false;
    advance(29_999);
    const held = await gate({ url: url('/b') });
    expect(held.ok || held.error.kind).toBe('rate-limited');
    expect(fetchJson).toHaveBeenCalledTimes(1);
    advance(1);
    expect((await gate({ url: url('/b') })).ok).toBe(true);
    expect(fetchJson).toHaveBeenCalledTimes(2);
  });

  it('backs off exponentially without Retry-After', async () => {
    const { gate, fetchJson, advance, now } = setup(() => fail({ kind: 'rate-limited', status: 429 }));
    const holds: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await gate({ url: url('/a') });
      if (r.ok) throw new Error('expected a hold');
      holds.push((r.error.retryAt ?? 0) - now());
      advance(10 * 60_000);
    }
    expect(fetchJson).toHaveBeenCalledTimes(4);
    // random() = 0.5 puts the jitter at its midpoint.
    expect(holds).toEqual([2000, 4000, 8000, 16000]);
    const s = gate.status();
    expect(s.requests).toBe(4);
  });

  it('jitters the backoff within ±20%: random() = 0 and 1 give the bounds of the window', async () => {
    /** The first three holds (2, 4, 8 s before jitter) of a gate whose jitter draws `r`. */
    async function holdsWith(r: number): Promise<number[]> {
      let t = 1_000_000;
      const gate = createVenueGate(descriptor, { fetchJson: async () => fail({ kind: 'rate-limited', status: 429 }), now: () => t, random: () => r });
      const holds: number[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await gate({ url: url('/a') });
        if (res.ok) throw new Error('expected a hold');
        holds.push((res.error.retryAt ?? 0) - t);
        expect(gate.status().heldUntil).toBe(res.error.retryAt);
        t += 10 * 60_000;
      }
      return holds;
    }
    expect(await holdsWith(0)).toEqual([1600, 3200, 6400]);
    expect(await holdsWith(1)).toEqual([2400, 4800, 9600]);
    // Anything the generator draws in between stays inside the window.
    for (const r of [0.01, 0.25, 0.75, 0.999]) {
      const holds = await holdsWith(r);
      holds.forEach((h, i) => {
        const base = 2000 * 2 ** i;
        expect(h).toBeGreaterThanOrEqual(0.8 * base);
        expect(h).toBeLessThanOrEqual(1.2 * base);
      });
    }
  });

  it("a longer Retry-After or a 418's 2-minute floor wins over the jittered backoff", async () => {
    const t = 1_000_000;
    const retryAfter = createVenueGate(descriptor, {
      fetchJson: async () => fail({ kind: 'rate-limited', status: 429, retryAt: t + 30_000 }),
      now: () => t,
      random: () => 1,
    });
    const r = await retryAfter({ url: url('/a') });
    expect(r.ok || (r.error.retryAt ?? 0) - t).toBe(30_000);
    const ban = createVenueGate(descriptor, { fetchJson: async () => fail({ kind: 'rate-limited', status: 418 }), now: () => t, random: () => 0 });
    const b = await ban({ url: url('/a') });
    expect(b.ok || (b.error.retryAt ?? 0) - t).toBe(120_000);
  });

  it('does not retry a region block in a loop', async () => {
    const { gate, fetchJson, advance } = setup(() => fail({ kind: 'region-blocked', status: 451 }));
    await gate({ url: url('/a') });
    for (let i = 0; i < 20; i++) {
      advance(60_000);
      const r = await gate({ url: url('/a') });
      expect(r.ok || r.error.kind).toBe('region-blocked');
    }
    // One request, then one more after the 30-minute hold ended.
    expect(fetchJson.mock.calls.length).toBeLessThanOrEqual(2);
  });

  it('keeps to its budget within a window', async () => {
    const { gate, fetchJson, advance } = setup(() => ({ ok: true, value: 1 }));
    for (let i = 0; i < 40; i++) await gate({ url: url(`/a${i}`) });
    expect(fetchJson).toHaveBeenCalledTimes(25);
    advance(60_000);
    await gate({ url: url('/later') });
    expect(fetchJson).toHaveBeenCalledTimes(26);
  });

  it('counts request weight against the budget and never crosses it', async () => {
    // Budget 25 units: one request of weight 20 fits, a second would cross it (40 > 25).
    const { gate, fetchJson } = setup(() => ({ ok: true, value: 1 }));
    for (let i = 0; i < 5; i++) await gate({ url: url(`/w${i}`), weight: 20 });
    expect(fetchJson).toHaveBeenCalledTimes(1);
    expect(gate.status().spent).toBe(20);
    const light = setup(() => ({ ok: true, value: 1 }));
    for (let i = 0; i < 8; i++) await light.gate({ url: url(`/l${i}`), weight: 5 });
    expect(light.fetchJson).toHaveBeenCalledTimes(5);
    expect(light.gate.status().spent).toBe(25);
  });
});

describe('venue gate queues a burst briefly instead of refusing it', () => {
  // OKX's shape: a budget of 15 requests per 2 s window.
  const okxLike: VenueDescriptor = {
    ...descriptor,
    apiBase: 'https://fapi.binance.com',
    rateLimit: { units: 60, windowMs: 2_000, unit: 'requests', note: 'test' },
  };

  afterEach(() => vi.useRealTimers());

  /** A gate on fake timers: its sleeps are real setTimeouts, so concurrent waits overlap as in the worker. */
  function queued(maxWaitMs?: number, answer: () => Result<unknown> = () => ({ ok: true, value: 1 })) {
    vi.useFakeTimers({ now: 1_000_000 });
    const sentAt: number[] = [];
    const fetchJson = vi.fn(async (_req: JsonRequest): Promise<Result<unknown>> => {
      sentAt.push(Date.now());
      return answer();
    });
    const gate = createVenueGate(okxLike, { fetchJson, now: () => Date.now(), random: () => 0.5, ...(maxWaitMs === undefined ? {} : { maxWaitMs }) });
    const settle = async <T>(p: Promise<T>): Promise<T> => {
      await vi.runAllTimersAsync();
      return p;
    };
    return { gate, fetchJson, sentAt, settle };
  }

  it('40 requests at once all succeed, never more than 15 in any 2 s window', async () => {
    const { gate, fetchJson, sentAt, settle } = queued(6_000);
    const results = await settle(Promise.all(Array.from({ length: 40 }, (_, i) => gate({ url: url(`/q${i}`) }))));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(fetchJson).toHaveBeenCalledTimes(40);
    for (const start of sentAt) expect(sentAt.filter((s) => s >= start && s < start + 2_000).length).toBeLessThanOrEqual(15);
    expect(Math.max(...sentAt) - Math.min(...sentAt)).toBe(4_000);
  });

  it('background requests give way to the requests a view waits for, use half a window at most, and may wait a minute for room', async () => {
    const { gate, fetchJson, sentAt, settle } = queued(6_000);
    const order: string[] = [];
    fetchJson.mockImplementation(async (req: JsonRequest) => {
      sentAt.push(Date.now());
      order.push(req.url.pathname);
      return { ok: true, value: 1 };
    });
    // Forty background pages first, then five requests a view waits for: the view's go in the next window.
    const pages = Array.from({ length: 40 }, (_, i) => gate({ url: url(`/page${i}`), background: true }));
    const view = Array.from({ length: 5 }, (_, i) => gate({ url: url(`/view${i}`) }));
    const results = await settle(Promise.all([...pages, ...view]));
    expect(results.every((r) => r.ok)).toBe(true);
    const firstView = order.findIndex((p) => p.startsWith('/view'));
    expect(order.slice(firstView, firstView + 5).every((p) => p.startsWith('/view'))).toBe(true);
    // Background pages take at most half of a window (8 of 15): the views' five go at once, in the first.
    expect(firstView).toBe(8);
    expect(sentAt.slice(firstView, firstView + 5).every((at) => at === sentAt[0])).toBe(true);
    for (const start of sentAt) expect(sentAt.filter((x) => x >= start && x < start + 2_000).length).toBeLessThanOrEqual(15);
  });

  it('refuses as paused, with the time the window frees, what would wait longer than maxWaitMs', async () => {
    const { gate, fetchJson, settle } = queued(2_000);
    const results = await settle(Promise.all(Array.from({ length: 40 }, (_, i) => gate({ url: url(`/q${i}`) }))));
    expect(fetchJson).toHaveBeenCalledTimes(30);
    const refused = results.filter((r) => !r.ok);
    expect(refused).toHaveLength(10);
    for (const r of refused) {
      expect(r.ok || r.error.kind).toBe('rate-limited');
      expect(r.ok || r.error.message).toMatch(/paused/);
      expect(r.ok || r.error.retryAt).toBe(1_004_000);
    }
  });

  it('identical requests arriving while one queues share it', async () => {
    const { gate, fetchJson, settle } = queued();
    await settle(Promise.all(Array.from({ length: 15 }, (_, i) => gate({ url: url(`/fill${i}`) }))));
    const same = await settle(Promise.all(Array.from({ length: 5 }, () => gate({ url: url('/same') }))));
    expect(same.every((r) => r.ok)).toBe(true);
    expect(fetchJson).toHaveBeenCalledTimes(16);
  });

  it('a hold that begins while requests queue stops them without a request', async () => {
    let limited = false;
    const { gate, fetchJson, settle } = queued(undefined, () =>
      limited ? fail({ kind: 'rate-limited', status: 429, retryAt: Date.now() + 30_000 }) : { ok: true, value: 1 },
    );
    await settle(Promise.all(Array.from({ length: 14 }, (_, i) => gate({ url: url(`/fill${i}`) }))));
    limited = true;
    const [hit, ...waiting] = await settle(Promise.all([gate({ url: url('/hit') }), ...Array.from({ length: 5 }, (_, i) => gate({ url: url(`/w${i}`) }))]));
    expect(hit?.ok).toBe(false);
    expect(fetchJson).toHaveBeenCalledTimes(15);
    for (const r of waiting) expect(r.ok || r.error.status).toBe(429);
  });

  it('a clock that does not move cannot keep a request waiting for ever', async () => {
    const frozen = 1_000_000;
    let sleptMs = 0;
    const fetchJson = vi.fn(async (): Promise<Result<unknown>> => ({ ok: true, value: 1 }));
    const gate = createVenueGate(okxLike, { fetchJson, now: () => frozen, random: () => 0.5, sleep: async (ms) => void (sleptMs += ms) });
    await Promise.all(Array.from({ length: 15 }, (_, i) => gate({ url: url(`/fill${i}`) })));
    const r = await gate({ url: url('/late') });
    expect(r.ok || r.error.kind).toBe('rate-limited');
    expect(sleptMs).toBeLessThanOrEqual(6_000);
    expect(fetchJson).toHaveBeenCalledTimes(15);
  });

  it('a request heavier than the whole budget is refused at once, not queued', async () => {
    const { gate, fetchJson } = queued();
    const r = await gate({ url: url('/heavy'), weight: 16 });
    expect(r.ok || r.error.kind).toBe('rate-limited');
    expect(fetchJson).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('venue gate: endpoints with a published limit of their own', () => {
  afterEach(() => vi.useRealTimers());

  it('queues requests to a limited endpoint on its own budget while other endpoints pass', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const limited: VenueDescriptor = {
      ...descriptor,
      rateLimit: { units: 400, windowMs: 2_000, unit: 'requests', note: 'test' },
      endpointLimits: [{ paths: ['/tiers'], requests: 8, windowMs: 2_000 }],
    };
    const sent: { path: string; at: number }[] = [];
    const fetchJson = vi.fn(async (req: JsonRequest): Promise<Result<unknown>> => {
      sent.push({ path: req.url.pathname, at: Date.now() });
      return { ok: true, value: 1 };
    });
    const gate = createVenueGate(limited, { fetchJson, now: () => Date.now(), random: () => 0.5 });
    const all = Promise.all([
      ...Array.from({ length: 6 }, (_, i) => gate({ url: url(`/tiers?family=${i}`) })),
      ...Array.from({ length: 6 }, (_, i) => gate({ url: url(`/ticker?i=${i}`) })),
    ]);
    await vi.runAllTimersAsync();
    expect((await all).every((r) => r.ok)).toBe(true);
    // A quarter of 8 per 2 s: two tier requests per window; the tickers all go at once.
    expect(sent.filter((s) => s.path === '/tiers').map((s) => s.at - 1_000_000)).toEqual([0, 0, 2_000, 2_000, 4_000, 4_000]);
    expect(sent.filter((s) => s.path === '/ticker').map((s) => s.at - 1_000_000)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it("Binance's fundingRate + fundingInfo share 500 / 5 min apart from the weight budget", async () => {
    const fetchJson = vi.fn(async (): Promise<Result<unknown>> => ({ ok: true, value: [] }));
    const gate = createVenueGate(binanceDescriptor, { fetchJson, now: () => 1_000_000, random: () => 0.5, maxWaitMs: 0 });
    const funding = await Promise.all([
      ...Array.from({ length: 100 }, (_, i) => gate({ url: new URL(`/fapi/v1/fundingRate?symbol=S${i}USDT`, 'https://fapi.binance.com') })),
      ...Array.from({ length: 30 }, (_, i) => gate({ url: new URL(`/fapi/v1/fundingInfo?i=${i}`, 'https://fapi.binance.com') })),
    ]);
    expect(funding.filter((r) => r.ok)).toHaveLength(125);
    const refused = funding.find((r) => !r.ok);
    expect(refused?.ok || refused?.error.kind).toBe('rate-limited');
    // Other endpoints still have the weight budget (a quarter of 2400 / min) to themselves.
    const quotes = await Promise.all(
      Array.from({ length: 100 }, (_, i) => gate({ url: new URL(`/fapi/v1/premiumIndex?symbol=S${i}USDT`, 'https://fapi.binance.com') })),
    );
    expect(quotes.every((r) => r.ok)).toBe(true);
  });
});

describe('venue gate holds across a worker restart', () => {
  it('a saved hold keeps a fresh gate from calling the venue until it ends', async () => {
    let t = 1_000_000;
    const fetchJson = vi.fn(async (): Promise<Result<unknown>> => ({
      ok: false,
      error: { kind: 'rate-limited', venue: 'binance', endpoint: '/a', message: 'banned', status: 418, retryAt: t + 120_000 },
    }));
    const first = createVenueGate(descriptor, { fetchJson, now: () => t, random: () => 0.5 });
    await first({ url: url('/a') });
    const saved = first.savedHold();
    expect(saved?.until).toBe(1_120_000);

    const calls = vi.fn(async (): Promise<Result<unknown>> => ({ ok: true, value: 1 }));
    const restarted = createVenueGate(descriptor, { fetchJson: calls, now: () => t, random: () => 0.5 });
    if (saved) restarted.restoreHold(saved);
    t += 60_000;
    const r = await restarted({ url: url('/b') });
    expect(r.ok || r.error.status).toBe(418);
    expect(calls).not.toHaveBeenCalled();
    t += 60_000;
    expect((await restarted({ url: url('/b') })).ok).toBe(true);
  });
});

describe('venue gate under a persistent fault on one endpoint', () => {
  it("keeps one endpoint's backoff growing while other endpoints succeed between holds", async () => {
    const { gate, fetchJson, advance, now } = setup((req) =>
      req.url.pathname === '/bad' ? fail({ kind: 'rate-limited', status: 429 }) : { ok: true, value: 1 },
    );
    const holds: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await gate({ url: url('/bad') });
      if (r.ok) throw new Error('expected a hold');
      holds.push((r.error.retryAt ?? 0) - now());
      advance(10 * 60_000);
      expect((await gate({ url: url(`/good${i}`) })).ok).toBe(true);
    }
    expect(holds).toEqual([2000, 4000, 8000, 16000]);
    expect(fetchJson).toHaveBeenCalledTimes(8);
  });

  it('holds at least two minutes after a 418 ban without Retry-After', async () => {
    const { gate, fetchJson, advance } = setup(() => fail({ kind: 'rate-limited', status: 418 }));
    await gate({ url: url('/a') });
    advance(119_000);
    await gate({ url: url('/a') });
    expect(fetchJson).toHaveBeenCalledTimes(1);
    advance(1_000);
    await gate({ url: url('/a') });
    expect(fetchJson).toHaveBeenCalledTimes(2);
  });

  it('shares only a body the client accepts, so a broken list is not replayed for the whole period', async () => {
    let body: unknown = { symbols: [] };
    const { gate, fetchJson } = setup(() => ({ ok: true, value: body }));
    const accept = (b: unknown) => Array.isArray((b as { symbols?: unknown }).symbols) && (b as { symbols: unknown[] }).symbols.length > 0;
    await gate({ url: url('/list'), shareForMs: 3_600_000, accept });
    body = { symbols: ['BTCUSDT'] };
    expect(await gate({ url: url('/list'), shareForMs: 3_600_000, accept })).toEqual({ ok: true, value: body });
    await gate({ url: url('/list'), shareForMs: 3_600_000, accept });
    expect(fetchJson).toHaveBeenCalledTimes(2);
  });
});

describe('an unknown Binance symbol, through the real fetchJson and the gate', () => {
  const fixture = (name: string) => readFileSync(new URL(`../../market/binance/${name}`, import.meta.url), 'utf8');
  /** Binance's answer to a symbol it does not list: HTTP 400 with code -1121 (tests/market/binance/error-invalid-symbol.json). */
  const INVALID_SYMBOL = fixture('error-invalid-symbol.json');

  afterEach(() => vi.unstubAllGlobals());

  /** A Binance that lists the usual perpetuals and answers every per-symbol request with -1121. */
  function binance() {
    const asked: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: URL | string) => {
        const u = new URL(input.toString());
        asked.push(u.pathname + u.search);
        if (u.pathname === '/fapi/v1/exchangeInfo')
          return new Response(fixture('exchangeInfo.json'), { status: 200, headers: { 'content-type': 'application/json' } });
        return new Response(INVALID_SYMBOL, { status: 400, headers: { 'content-type': 'application/json' } });
      }),
    );
    const gate = createVenueGate(binanceDescriptor, { fetchJson: realFetchJson, random: () => 0.5 });
    const deps = {
      client: binanceMarket,
      liquidation: binanceDescriptor.liquidation,
      http: gate,
      caches: createSnapshotCaches(),
      recorder: createOiRecorder(),
      now: Date.now,
    };
    return { asked, gate, deps };
  }

  it("the fixture is Binance's -1121 body", () => {
    expect(JSON.parse(INVALID_SYMBOL)).toEqual({ code: -1121, msg: 'Invalid symbol.' });
  });

  it('a symbol missing from the instrument list is an unknown-symbol error, before any per-symbol request', async () => {
    const { asked, deps } = binance();
    const r = await buildSnapshot(deps, 'NOPEUSDT');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ kind: 'unknown-symbol', venue: 'binance' });
    expect(r.error.message).toMatch(/NOPEUSDT is not a perpetual listed on Binance/);
    expect(asked).toEqual(['/fapi/v1/exchangeInfo']);
  });

  it('a -1121 answer (a symbol delisted since the list was read) is an unknown symbol naming venue and endpoint, and holds nothing', async () => {
    const { asked, gate, deps } = binance();
    const r = await buildSnapshot(deps, 'BTCUSDT');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ kind: 'unknown-symbol', venue: 'binance' });
    expect(r.error.message).toMatch(/BTCUSDT is no longer listed \(code -1121\)/);
    expect(['/fapi/v1/premiumIndex', '/fapi/v1/openInterest']).toContain(r.error.endpoint);
    expect(r.error.retryAt).toBeUndefined();
    // Not a rate limit or a region block: the venue is not held back, the next ask goes out.
    expect(gate.status()).toMatchObject({ heldUntil: null, hold: null });
    const before = asked.length;
    const again = await binanceMarket.quote(
      { venue: 'binance', symbol: 'ETHUSDT', asset: 'ETH', quote: 'USDT', contractValue: 1, tickSize: null, fundingIntervalHours: null },
      gate,
    );
    expect(again.ok || again.error.kind).toBe('unknown-symbol');
    expect(asked.length).toBeGreaterThan(before);
  });
});
