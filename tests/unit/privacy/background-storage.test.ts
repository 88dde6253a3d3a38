import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { POSITIONS_STORAGE_KEY, REPORT_TTL_MS } from '../../../src/background/alerts/store';
import type { Position } from '../../../src/venues/position-types';
import { BINANCE_URL, positionFixture } from '../alerts/fixtures';

// The background as it is wired (src/background/index.ts) with a stand-in `browser`: which storage
// area a page's positions end up in, and when they leave it.

type Listener = (...args: unknown[]) => unknown;
type AreaName = 'session' | 'local' | 'sync';

function area(name: AreaName, writes: AreaName[]) {
  const data = new Map<string, unknown>();
  const pick = (keys: unknown): string[] => {
    if (keys === null || keys === undefined) return [...data.keys()];
    if (typeof keys === 'string') return [keys];
    if (Array.isArray(keys)) return keys.filter((k): k is string => typeof k === 'string');
    return Object.keys(keys as object);
  };
  return {
    data,
    get: async (keys?: unknown) =>
      Object.fromEntries(
        pick(keys)
          .filter((k) => data.has(k))
          .map((k) => [k, structuredClone(data.get(k))]),
      ),
    set: async (items: Record<string, unknown>) => {
      writes.push(name);
      for (const [k, v] of Object.entries(items)) data.set(k, structuredClone(v));
    },
    remove: async (keys: unknown) => {
      for (const k of pick(keys)) data.delete(k);
    },
  };
}

function event() {
  const listeners: Listener[] = [];
  return { listeners, addListener: (l: Listener) => void listeners.push(l), removeListener: () => undefined, hasListener: () => true };
}

function fakeBrowser() {
  const writes: AreaName[] = [];
  const storage = { session: area('session', writes), local: area('local', writes), sync: area('sync', writes), onChanged: event() };
  const alarms = new Map<string, unknown>();
  return {
    writes,
    storage,
    runtime: { id: 'perplens-test', getURL: (p: string) => `chrome-extension://perplens-test/${p}`, onMessage: event() },
    alarms: {
      get: async (n: string) => (alarms.has(n) ? { name: n } : undefined),
      create: async (n: string, info: unknown) => void alarms.set(n, info),
      clear: async (n: string) => alarms.delete(n),
      onAlarm: event(),
    },
    action: { setBadgeText: async () => undefined, setBadgeBackgroundColor: async () => undefined },
    notifications: { create: async (id: string) => id, clear: async () => true, onClicked: event() },
    tabs: { update: async () => ({}), create: async () => ({}), get: async () => ({}), onRemoved: event() },
    windows: { update: async () => ({}) },
    permissions: { contains: async () => true, onAdded: event(), onRemoved: event() },
  };
}

/**
 * The stand-in as the background sees it: members the test does not model (an API a later version
 * starts using) are inert, events that never fire and calls that resolve to nothing, so the test
 * keeps checking storage instead of failing on the missing API.
 */
function tolerant<T extends object>(target: T): T {
  return new Proxy(target, {
    get(t, prop, receiver) {
      if (prop in t || typeof prop === 'symbol') return Reflect.get(t, prop, receiver) as unknown;
      // Never thenable: an awaited namespace must not look like a promise.
      if (prop === 'then') return undefined;
      const made = /^on[A-Z]/.test(prop) ? event() : tolerant(Object.assign(async () => undefined, {}));
      Reflect.set(t, prop, made);
      return made;
    },
  });
}

const holder = vi.hoisted(() => ({ browser: null as unknown }));
vi.mock('webextension-polyfill', () => ({
  default: new Proxy(
    {},
    {
      get: (_t, prop) => (holder.browser as Record<string | symbol, unknown>)[prop],
    },
  ),
}));

/** Figures no default or fixture uses, so finding one in storage can only mean it was kept. */
const SHOWN: Position = positionFixture({
  size: 0.123457,
  entryPrice: 61_234.5,
  margin: 1_777.25,
  walletMargin: 1_666.75,
  leverage: 17,
  unrealizedPnl: 4_321.98,
});
const TRACES = ['0.123457', '61234.5', '1777.25', '1666.75', '4321.98'];
const sender = { id: 'perplens-test', url: `${BINANCE_URL}?ref=AFF123`, frameId: 0, tab: { id: 11 } };

let b: ReturnType<typeof fakeBrowser>;

async function startBackground(): Promise<void> {
  vi.resetModules();
  b = fakeBrowser();
  const api = tolerant({ ...b, storage: tolerant(b.storage), runtime: tolerant(b.runtime), alarms: tolerant(b.alarms), tabs: tolerant(b.tabs) });
  holder.browser = api;
  (globalThis as { chrome?: unknown }).chrome = api;
  await import('../../../src/background/index');
}

async function send(message: unknown): Promise<unknown> {
  const [listener] = b.runtime.onMessage.listeners;
  if (!listener) throw new Error('the background added no runtime.onMessage listener');
  return listener(message, sender);
}

const traceIn = (name: AreaName) => {
  const text = JSON.stringify([...b.storage[name].data]);
  return TRACES.filter((t) => text.includes(t));
};

const storedPositions = () => (b.storage.session.data.get(POSITIONS_STORAGE_KEY) as { positions: unknown[] }[] | undefined) ?? [];

describe('privacy: where the background keeps what a page reported', () => {
  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(50_000_000);
    // Nothing may leave the test; a venue request fails as if offline.
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('offline'))),
    );
    await startBackground();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    delete (globalThis as { chrome?: unknown }).chrome;
  });

  it('keeps reported positions in storage.session only, never in local or sync', async () => {
    expect(await send({ type: 'positions.report', venue: 'binance', positions: [SHOWN] })).toEqual({ ok: true });
    expect(storedPositions()).toHaveLength(1);
    expect(traceIn('session')).toEqual(['0.123457', '61234.5', '1777.25', '1666.75']);
    expect(traceIn('local')).toEqual([]);
    expect(traceIn('sync')).toEqual([]);
    expect(JSON.stringify([...b.storage.session.data])).not.toContain('AFF123');
    // Whatever else the background wrote in local or sync, no position field went there.
    for (const a of ['local', 'sync'] as const) expect(JSON.stringify([...b.storage[a].data])).not.toMatch(/entryPrice|walletMargin|liqPrice/);
  });

  it('clears them when the page reports no positions', async () => {
    await send({ type: 'positions.report', venue: 'binance', positions: [SHOWN] });
    expect(storedPositions()).toHaveLength(1);
    expect(await send({ type: 'positions.report', venue: 'binance', positions: [] })).toEqual({ ok: true });
    expect(storedPositions()).toEqual([]);
    expect(traceIn('session')).toEqual([]);
  });

  it('clears them when the tab closes', async () => {
    await send({ type: 'positions.report', venue: 'binance', positions: [SHOWN] });
    expect(storedPositions()).toHaveLength(1);
    for (const l of b.tabs.onRemoved.listeners) l(11, { windowId: 1, isWindowClosing: false });
    await vi.waitFor(() => expect(storedPositions()).toEqual([]));
    expect(traceIn('session')).toEqual([]);
  });

  it('clears them when the report expires, at the next alarm', async () => {
    await send({ type: 'positions.report', venue: 'binance', positions: [SHOWN] });
    expect(storedPositions()).toHaveLength(1);
    vi.setSystemTime(50_000_000 + REPORT_TTL_MS + 1);
    await Promise.all(b.alarms.onAlarm.listeners.map((l) => l({ name: 'perplens-alerts', scheduledTime: Date.now() })));
    await vi.waitFor(() => expect(storedPositions()).toEqual([]));
    expect(traceIn('session')).toEqual([]);
  });

  it('refuses a report from another extension and stores nothing', async () => {
    const [listener] = b.runtime.onMessage.listeners;
    await listener?.({ type: 'positions.report', venue: 'binance', positions: [SHOWN] }, { ...sender, id: 'someone-else' });
    expect(storedPositions()).toEqual([]);
    expect(traceIn('session')).toEqual([]);
  });
});
