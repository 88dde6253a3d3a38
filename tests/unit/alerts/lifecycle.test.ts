import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Action, Alarms, Notifications, Runtime, Storage, Tabs, Windows } from 'webextension-polyfill';
import type { ActionApi } from '../../../src/background/alerts/badge';
import { DEFAULT_ALERT_SETTINGS, type AlertSettings } from '../../../src/background/alerts/conditions';
import { ALERTS_ALARM, ALERTS_STATE_KEY, createAlerts, type AlarmsApi, type AlertsDeps, type ReportSender } from '../../../src/background/alerts/index';
import type { PositionsReport } from '../../../src/protocol/positions-report';
import type { NotificationsApi, TabsApi, WindowsApi } from '../../../src/background/alerts/notify';
import type { StorageLike } from '../../../src/background/alerts/store';
import type { Position } from '../../../src/venues/position-types';
import type { MarketSnapshot } from '../../../src/venues/snapshot-types';
import { snapshotFixture } from '../helpers/snapshot';
import { BINANCE_URL, memoryStorage, positionFixture } from './fixtures';

// Compile-time proof that the real `browser.*` objects fit the tiny interfaces, so the wiring in
// src/background/index.ts can pass them as they are.
type Assert<T extends U, U> = T;
export type BrowserFits = [
  Assert<Alarms.Static, AlarmsApi>,
  Assert<Action.Static, ActionApi>,
  Assert<Notifications.Static, NotificationsApi>,
  Assert<Tabs.Static, TabsApi>,
  Assert<Windows.Static, WindowsApi>,
  Assert<Runtime.MessageSender, ReportSender>,
  Assert<Storage.StorageArea, StorageLike>,
];

const MIN = 60_000;
const sender: ReportSender = { url: `${BINANCE_URL}?ref=x#top`, frameId: 0, tab: { id: 7 } };
const report = (positions: Position[]): PositionsReport => ({ type: 'positions.report', venue: 'binance', positions });
/** 2% from liquidation: a liquidation alert. */
const danger = positionFixture();
/** 25% from liquidation: nothing to say about the distance. */
const safe = positionFixture({ liqPrice: 45_000 });

function harness() {
  const session = memoryStorage();
  const alarms = new Map<string, { periodInMinutes: number; delayInMinutes?: number }>();
  const calls = { alarmCreates: 0, alarmClears: 0 };
  const badge = { text: '', color: '' };
  const notes: { id: string; title: string; message: string }[] = [];
  let settings: AlertSettings = { ...DEFAULT_ALERT_SETTINGS };
  let market: (venue: string, symbol: string) => MarketSnapshot | null = () => {
    const s = snapshotFixture();
    return { ...s, quote: { ...s.quote, fetchedAt: Date.now() } };
  };
  const snapshotCalls: string[] = [];
  const deps: AlertsDeps = {
    session,
    alarms: {
      get: async (name) => (alarms.has(name) ? { name } : undefined),
      create: async (name, info) => {
        calls.alarmCreates++;
        alarms.set(name, info);
      },
      clear: async (name) => {
        calls.alarmClears++;
        return alarms.delete(name);
      },
    },
    action: {
      setBadgeText: async ({ text }) => void (badge.text = text),
      setBadgeBackgroundColor: async ({ color }) => void (badge.color = color),
    },
    notifications: {
      create: async (id, o) => (notes.push({ id, title: o.title, message: o.message }), id),
      clear: async () => true,
    },
    tabs: { update: async () => ({ windowId: 1 }), create: async () => undefined, get: async () => ({}) },
    windows: { update: async () => undefined },
    iconUrl: 'icon.png',
    getSnapshot: async (venue, symbol) => {
      snapshotCalls.push(`${venue}:${symbol}`);
      const s = market(venue, symbol);
      return s ? { ok: true, value: s } : { ok: false, error: { kind: 'network', venue, endpoint: '/x', message: 'offline' } };
    },
    getSettings: async () => settings,
  };
  return {
    deps,
    alarms,
    calls,
    badge,
    notes,
    snapshotCalls,
    session,
    make: () => createAlerts(deps),
    setSettings: (s: Partial<AlertSettings>) => void (settings = { ...settings, ...s }),
    setMarket: (f: typeof market) => void (market = f),
  };
}

describe('createAlerts: the alarm lifecycle', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(10_000_000);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sets no alarm and polls nothing while no position is held', async () => {
    const h = harness();
    const alerts = h.make();
    await alerts.sync();
    await alerts.onAlarm({ name: ALERTS_ALARM });
    expect(h.alarms.size).toBe(0);
    expect(h.calls.alarmCreates).toBe(0);
    expect(h.snapshotCalls).toEqual([]);
    expect(h.badge.text).toBe('');
  });

  it('creates the minute alarm when a position is reported, and shows the badge', async () => {
    const h = harness();
    const alerts = h.make();
    expect(await alerts.handleMessage(report([danger]), sender)).toEqual({ ok: true });
    expect(h.alarms.get(ALERTS_ALARM)).toEqual({ periodInMinutes: 1, delayInMinutes: 1 });
    expect(h.badge).toEqual({ text: '2', color: '#D93025' });
    // More reports do not re-create (and so do not postpone) the alarm.
    await alerts.handleMessage(report([danger]), sender);
    expect(h.calls.alarmCreates).toBe(1);
  });

  it("accepts a report from Hyperliquid's bare /trade page (its market is named in the title only), not from another page there", async () => {
    const h = harness();
    const alerts = h.make();
    const hl = positionFixture({ venue: 'hyperliquid', symbol: 'SOL' });
    const bare: ReportSender = { url: 'https://app.hyperliquid.xyz/trade', frameId: 0, tab: { id: 9 } };
    expect(await alerts.handleMessage({ type: 'positions.report', venue: 'hyperliquid', positions: [hl] }, bare)).toEqual({ ok: true });
    expect((await alerts.held()).map((x) => x.origin)).toEqual([{ tabId: 9, url: 'https://app.hyperliquid.xyz/trade' }]);
    const portfolio: ReportSender = { url: 'https://app.hyperliquid.xyz/portfolio', frameId: 0, tab: { id: 10 } };
    expect(await alerts.handleMessage({ type: 'positions.report', venue: 'hyperliquid', positions: [hl] }, portfolio)).toMatchObject({ ok: false });
  });

  it('clears the alarm and the badge when the page reports zero positions', async () => {
    const h = harness();
    const alerts = h.make();
    await alerts.handleMessage(report([danger]), sender);
    await alerts.handleMessage(report([]), sender);
    expect(h.alarms.size).toBe(0);
    expect(h.badge.text).toBe('');
  });

  it('clears the alarm when the exchange tab closes', async () => {
    const h = harness();
    const alerts = h.make();
    await alerts.handleMessage(report([danger]), sender);
    await alerts.onTabRemoved(99);
    expect(h.alarms.size).toBe(1);
    await alerts.onTabRemoved(7);
    expect(h.alarms.size).toBe(0);
    expect(h.badge.text).toBe('');
  });

  it('clears the alarm once every report is older than 10 minutes', async () => {
    const h = harness();
    const alerts = h.make();
    await alerts.handleMessage(report([danger]), sender);
    vi.advanceTimersByTime(10 * MIN + 1);
    await alerts.onAlarm({ name: ALERTS_ALARM });
    expect(h.alarms.size).toBe(0);
    expect(h.badge.text).toBe('');
    expect(h.notes).toEqual([]);
  });

  it('sets no alarm while alerts are off, and follows the setting when it changes', async () => {
    const h = harness();
    h.setSettings({ enabled: false });
    const alerts = h.make();
    await alerts.handleMessage(report([danger]), sender);
    expect(h.alarms.size).toBe(0);
    expect(h.badge.text).toBe('2'); // the badge does not depend on alerts
    h.setSettings({ enabled: true });
    await alerts.sync();
    expect(h.alarms.size).toBe(1);
    h.setSettings({ enabled: false });
    await alerts.onAlarm({ name: ALERTS_ALARM });
    expect(h.alarms.size).toBe(0);
    expect(h.notes).toEqual([]);
    expect(h.snapshotCalls).toEqual([]);
  });

  it('ignores other alarms', async () => {
    const h = harness();
    const alerts = h.make();
    await alerts.handleMessage(report([danger]), sender);
    await alerts.onAlarm({ name: 'perplens-oi-record' });
    expect(h.snapshotCalls).toEqual([]);
  });
});

describe('createAlerts: checks and notifications', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(10_000_000);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('notifies once for a position near liquidation, not at every alarm, not after a worker restart', async () => {
    const h = harness();
    const alerts = h.make();
    await alerts.handleMessage(report([danger]), sender);
    vi.advanceTimersByTime(MIN);
    await alerts.onAlarm({ name: ALERTS_ALARM });
    expect(h.notes.map((n) => n.message)).toEqual(['BTCUSDT long on Binance is 2% from liquidation']);
    expect(h.notes[0]?.id).toContain(encodeURIComponent(BINANCE_URL));
    expect(h.snapshotCalls).toEqual(['binance:BTCUSDT']);
    for (let i = 0; i < 5; i++) {
      vi.advanceTimersByTime(MIN);
      await alerts.onAlarm({ name: ALERTS_ALARM });
    }
    // The MV3 worker was stopped: a new instance reads positions and alert state from storage.session.
    const restarted = h.make();
    vi.advanceTimersByTime(MIN);
    await restarted.onAlarm({ name: ALERTS_ALARM });
    expect(h.notes).toHaveLength(1);
    expect(h.badge).toEqual({ text: '2', color: '#D93025' });
  });

  it('forgets what it remembered about a position as soon as it closes, without waiting for a check', async () => {
    const h = harness();
    const alerts = h.make();
    await alerts.handleMessage(report([danger]), sender);
    vi.advanceTimersByTime(MIN);
    await alerts.onAlarm({ name: ALERTS_ALARM });
    const stateOf = async () => JSON.stringify((await h.session.get(ALERTS_STATE_KEY))[ALERTS_STATE_KEY]);
    expect(await stateOf()).toContain('BTCUSDT');
    await alerts.handleMessage(report([]), sender);
    expect(h.alarms.size).toBe(0);
    // A condition that fired keeps only its cool-down (key and times, no figure of the position), so
    // reopening the position at once does not notify again; once the cool-down is over the next
    // worker start drops it.
    const kept = JSON.parse(await stateOf()) as { hysteresis: Record<string, object>; regime: object };
    expect(kept.regime).toEqual({});
    for (const entry of Object.values(kept.hysteresis)) expect(Object.keys(entry).sort()).toEqual(['armed', 'clearStreak', 'lastFiredAt']);
    vi.advanceTimersByTime(DEFAULT_ALERT_SETTINGS.cooldownMinutes * MIN);
    await h.make().sync();
    expect(await stateOf()).not.toContain('BTCUSDT');
  });

  it('notifies again after the distance recovered past threshold × 1.2 and the cool-down ran out', async () => {
    const h = harness();
    const alerts = h.make();
    await alerts.handleMessage(report([danger]), sender);
    await alerts.check();
    vi.advanceTimersByTime(MIN);
    await alerts.handleMessage(report([safe]), sender);
    await alerts.check(); // clear: re-armed
    vi.advanceTimersByTime(MIN);
    await alerts.handleMessage(report([danger]), sender);
    await alerts.check(); // inside the 30-minute cool-down
    expect(h.notes).toHaveLength(1);
    vi.advanceTimersByTime(28 * MIN);
    await alerts.handleMessage(report([danger]), sender);
    await alerts.check();
    expect(h.notes).toHaveLength(2);
  });

  it('notifies when the regime flips against the position (after a first look)', async () => {
    const h = harness();
    const alerts = h.make();
    await alerts.handleMessage(report([safe]), sender);
    await alerts.check(); // long build-up: with the long; baseline
    expect(h.notes).toEqual([]);
    h.setMarket(() => {
      const s = snapshotFixture();
      return { ...s, quote: { ...s.quote, fetchedAt: Date.now() }, priceChange: { ...s.priceChange, '4h': { change: -0.012, basis: 'window', from: 0 } } };
    });
    vi.advanceTimersByTime(MIN);
    await alerts.check();
    expect(h.notes.map((n) => n.title)).toEqual(['Market turned against you: BTCUSDT long']);
    expect(h.notes[0]?.message).toMatch(/^BTCUSDT long on Binance: short build-up over 4h\. /);
  });

  it('notifies when funding turns extreme against the position', async () => {
    const h = harness();
    h.setMarket(() => {
      const s = snapshotFixture();
      return { ...s, quote: { ...s.quote, fundingRate: 0.001, fetchedAt: Date.now() } };
    });
    const alerts = h.make();
    await alerts.handleMessage(report([safe]), sender);
    await alerts.check();
    expect(h.notes.map((n) => n.message)).toEqual(['BTCUSDT long on Binance pays extreme funding: 0.100% per 8h']);
  });

  it('still checks the distance from the page when the market data fails', async () => {
    const h = harness();
    h.setMarket(() => null);
    const alerts = h.make();
    await alerts.handleMessage(report([danger]), sender);
    await alerts.check();
    expect(h.notes).toHaveLength(1);
  });

  it('alerts once for the same position open in two tabs, and fetches each market once', async () => {
    const h = harness();
    const alerts = h.make();
    await alerts.handleMessage(report([danger]), sender);
    vi.advanceTimersByTime(1000);
    await alerts.handleMessage(report([danger]), { ...sender, tab: { id: 8 } });
    await alerts.check();
    expect(h.notes).toHaveLength(1);
    expect(h.notes[0]?.id.split('|')[1]).toBe('8'); // the newest report's tab
    expect(h.snapshotCalls).toEqual(['binance:BTCUSDT']);
  });

  it('runs one check at a time; the asks made during a check share one more check after it', async () => {
    const h = harness();
    const alerts = h.make();
    await alerts.handleMessage(report([danger]), sender);
    let inFlight = 0;
    let most = 0;
    const getSnapshot = h.deps.getSnapshot;
    h.deps.getSnapshot = async (venue, symbol) => {
      most = Math.max(most, ++inFlight);
      await Promise.resolve();
      inFlight--;
      return getSnapshot(venue, symbol);
    };
    await Promise.all([alerts.onAlarm({ name: ALERTS_ALARM }), alerts.onAlarm({ name: ALERTS_ALARM }), alerts.onAlarm({ name: ALERTS_ALARM })]);
    expect(most).toBe(1);
    // The first check, then one for the two asks that came while it ran: what changed meanwhile is seen.
    expect(h.snapshotCalls).toHaveLength(2);
    expect(h.notes).toHaveLength(1);
    // Nothing is left queued: the next ask runs once.
    await alerts.check();
    expect(h.snapshotCalls).toHaveLength(3);
  });
});

describe('createAlerts: reports', () => {
  it('accepts reports only from the top frame of a trading page of the reported venue', async () => {
    const h = harness();
    const alerts = h.make();
    expect(await alerts.handleMessage(report([danger]), { ...sender, url: 'https://evil.example/futures/BTCUSDT' })).toMatchObject({ ok: false });
    expect(await alerts.handleMessage(report([danger]), { ...sender, url: 'https://www.bybit.com/trade/usdt/BTCUSDT' })).toMatchObject({ ok: false });
    expect(await alerts.handleMessage(report([danger]), { ...sender, frameId: 2 })).toMatchObject({ ok: false });
    expect(await alerts.handleMessage(report([danger]), { tab: { id: 7 } })).toMatchObject({ ok: false });
    expect(await alerts.handleMessage(report([positionFixture({ venue: 'bybit' })]), sender)).toMatchObject({ ok: false });
    expect(h.alarms.size).toBe(0);
  });

  it('stores the page URL without its query and fragment', async () => {
    const h = harness();
    const alerts = h.make();
    await alerts.handleMessage(report([danger]), sender);
    await alerts.check();
    expect(h.notes[0]?.id).toBe(`perplens-alert|7|${encodeURIComponent(BINANCE_URL)}|liquidation|binance%3ABTCUSDT%3Along`);
  });
});

const HL_URL = 'https://app.hyperliquid.xyz/trade/BTC';
const HL_ADDRESS = `0x${'a'.repeat(40)}`;
/** A Hyperliquid long known from the wallet only: 2% from liquidation. */
const hlDanger = positionFixture({ venue: 'hyperliquid', symbol: 'BTC', source: 'api' });
/** The same, 25% from liquidation. */
const hlSafe = positionFixture({ venue: 'hyperliquid', symbol: 'BTC', source: 'api', liqPrice: 45_000 });
const hlKey = 'hyperliquid:BTC:long';
const hlSender: ReportSender = { url: HL_URL, frameId: 0, tab: { id: 9 } };

/** The market with the 4h price falling: short build-up, against a long. */
function againstLongs(): MarketSnapshot {
  const s = snapshotFixture();
  return { ...s, quote: { ...s.quote, fetchedAt: Date.now() }, priceChange: { ...s.priceChange, '4h': { change: -0.012, basis: 'window', from: 0 } } };
}

/**
 * A Hyperliquid wallet set in the options. `positions`: what its API answers (null: the fetch fails);
 * `rejects`: the fetch throws; `address` undefined: the wallet was removed.
 */
function withWallet(h: ReturnType<typeof harness>, positions: Position[] | null) {
  const w = { positions, rejects: false, address: HL_ADDRESS as string | undefined, fetched: [] as string[] };
  h.deps.wallets = {
    addresses: async () => (w.address ? { hyperliquid: w.address } : {}),
    positions: async (venue, address) => {
      w.fetched.push(`${venue}:${address}`);
      if (w.rejects) throw new Error('offline');
      return w.positions === null ? null : w.positions.map((position) => ({ position, origin: { url: HL_URL }, reportedAt: Date.now() }));
    },
  };
  return w;
}

async function alertState(h: ReturnType<typeof harness>): Promise<{ hysteresis: Record<string, unknown>; regime: Record<string, boolean> }> {
  return (await h.session.get(ALERTS_STATE_KEY))[ALERTS_STATE_KEY] as { hysteresis: Record<string, unknown>; regime: Record<string, boolean> };
}

describe('createAlerts: wallets set in the options', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(10_000_000);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps the alarm while a wallet is set and alerts on its positions without any tab', async () => {
    const h = harness();
    const w = withWallet(h, [hlDanger]);
    const alerts = h.make();
    await alerts.sync();
    expect(h.alarms.get(ALERTS_ALARM)).toEqual({ periodInMinutes: 1, delayInMinutes: 1 });
    expect(w.fetched).toEqual([]);
    const fired = await alerts.check();
    expect(w.fetched).toEqual([`hyperliquid:${HL_ADDRESS}`]);
    expect(fired.map((f) => f.detail.condition)).toContain('liquidation');
    expect(h.notes[0]?.id).toContain(encodeURIComponent(HL_URL));
  });

  it('sets no alarm when no wallet is set and nothing is reported', async () => {
    const h = harness();
    const w = withWallet(h, []);
    w.address = undefined;
    await h.make().sync();
    expect(h.alarms.size).toBe(0);
  });

  it('counts a position reported by a tab and held by the wallet once, the tab’s first', async () => {
    const h = harness();
    withWallet(h, [hlSafe]);
    const alerts = h.make();
    await alerts.handleMessage({ type: 'positions.report', venue: 'hyperliquid', positions: [hlDanger] }, hlSender);
    const fired = await alerts.check();
    expect(fired.filter((f) => f.detail.condition === 'liquidation')).toHaveLength(1);
    expect(fired[0]?.held.origin.tabId).toBe(9);
  });

  it('fires the regime flip for a wallet position across worker restarts (sync at every start)', async () => {
    const h = harness();
    withWallet(h, [hlSafe]);
    await h.make().sync();
    await h.make().check(); // long build-up, with the long: the baseline
    expect(h.notes).toEqual([]);
    expect((await alertState(h)).regime).toEqual({ [hlKey]: false });
    // The worker stops and starts again: sync() must not take the wallet position for closed.
    vi.advanceTimersByTime(MIN);
    const restarted = h.make();
    await restarted.sync();
    expect((await alertState(h)).regime).toEqual({ [hlKey]: false });
    h.setMarket(againstLongs);
    await restarted.onAlarm({ name: ALERTS_ALARM });
    expect(h.notes.map((n) => n.title)).toEqual(['Market turned against you: BTC long']);
  });

  it('does not repeat a wallet position’s liquidation alert while the condition holds, across restarts', async () => {
    const h = harness();
    withWallet(h, [hlDanger]);
    for (let minute = 0; minute < 95; minute++) {
      const worker = h.make(); // a new worker every minute: the worst case for sync()
      await worker.sync();
      await worker.onAlarm({ name: ALERTS_ALARM });
      vi.advanceTimersByTime(MIN);
    }
    expect(h.notes.filter((n) => n.title.startsWith('Liquidation risk'))).toHaveLength(1);
    expect(h.badge).toEqual({ text: '2', color: '#D93025' });
  });

  it('keeps wallet positions on the badge when a page reports', async () => {
    const h = harness();
    withWallet(h, [hlDanger]);
    const alerts = h.make();
    await alerts.sync();
    await alerts.check();
    expect(h.badge.text).toBe('2');
    await alerts.handleMessage(report([safe]), sender); // Binance, 25% away
    expect(h.badge).toEqual({ text: '2', color: '#D93025' });
    expect(Object.keys(await alertState(h).then((s) => s.regime))).toContain(hlKey);
    // A new worker, before any check has run, knows the wallet's last positions too.
    const restarted = h.make();
    await restarted.sync();
    await restarted.handleMessage(report([safe]), sender);
    expect(h.badge.text).toBe('2');
    // The page's position closing leaves the wallet's on the badge and the alarm running.
    await restarted.handleMessage(report([]), sender);
    expect(h.badge.text).toBe('2');
    expect(h.alarms.size).toBe(1);
  });

  it('keeps a wallet position and its state when the wallet fetch fails', async () => {
    const h = harness();
    const w = withWallet(h, [hlSafe]);
    await h.make().check(); // the baseline
    for (const failure of ['null', 'rejects'] as const) {
      w.positions = failure === 'null' ? null : [hlSafe];
      w.rejects = failure === 'rejects';
      vi.advanceTimersByTime(MIN);
      const worker = h.make();
      await worker.sync();
      await worker.check();
      expect((await alertState(h)).regime).toEqual({ [hlKey]: false });
      expect(h.badge.text).toBe('25');
      expect(h.alarms.size).toBe(1);
    }
    // Still failing when the market turns: the flip is told from the last positions known.
    h.setMarket(againstLongs);
    vi.advanceTimersByTime(MIN);
    await h.make().check();
    expect(h.notes.map((n) => n.title)).toEqual(['Market turned against you: BTC long']);
  });

  it('does not repeat a liquidation alert while the wallet fetch fails', async () => {
    const h = harness();
    const w = withWallet(h, [hlDanger]);
    await h.make().check();
    w.positions = null;
    for (let minute = 0; minute < 45; minute++) {
      vi.advanceTimersByTime(MIN);
      const worker = h.make();
      await worker.sync();
      await worker.check();
    }
    expect(h.notes).toHaveLength(1);
  });

  it('forgets a wallet position once the wallet answers without it, or the wallet is removed', async () => {
    const h = harness();
    const w = withWallet(h, [hlSafe]);
    const alerts = h.make();
    await alerts.check();
    w.positions = [];
    vi.advanceTimersByTime(MIN);
    await alerts.check();
    expect((await alertState(h)).regime).toEqual({});
    expect(h.badge.text).toBe('');

    w.positions = [hlSafe];
    await alerts.check();
    expect((await alertState(h)).regime).toEqual({ [hlKey]: false });
    w.address = undefined; // removed in the options
    await alerts.sync();
    expect((await alertState(h)).regime).toEqual({});
    expect(h.badge.text).toBe('');
    expect(h.alarms.size).toBe(0);
  });

  it('does not bring back a wallet removed while its positions were being fetched', async () => {
    const h = harness();
    const w = withWallet(h, [hlSafe]);
    const alerts = h.make();
    const source = h.deps.wallets;
    if (!source) throw new Error('no wallets');
    h.deps.wallets = {
      addresses: () => source.addresses(),
      positions: async (venue, address) => {
        const answer = await source.positions(venue, address);
        w.address = undefined; // removed in the options meanwhile
        await alerts.sync();
        return answer;
      },
    };
    await alerts.check();
    expect((await alertState(h)).regime).toEqual({});
    expect(h.badge.text).toBe('');
    expect(h.alarms.size).toBe(0);
  });

  it('forgets the last positions of a wallet replaced by another address', async () => {
    const h = harness();
    const w = withWallet(h, [hlSafe]);
    const alerts = h.make();
    await alerts.check();
    w.address = `0x${'b'.repeat(40)}`;
    w.positions = null; // the new wallet cannot be fetched yet
    await alerts.sync();
    expect((await alertState(h)).regime).toEqual({});
    expect(h.badge.text).toBe('');
    expect(h.alarms.size).toBe(1);
  });

  it('neither alerts nor badges positions on a venue switched off in the options', async () => {
    const h = harness();
    const w = withWallet(h, [hlDanger]);
    h.setSettings({ venues: { hyperliquid: false, binance: false } });
    const alerts = h.make();
    await alerts.sync();
    expect(h.alarms.size).toBe(0); // the only wallet is on a venue switched off
    await alerts.handleMessage(report([danger]), sender);
    expect(h.alarms.size).toBe(0);
    expect(h.badge.text).toBe('');
    expect(await alerts.check()).toEqual([]);
    expect(w.fetched).toEqual([]);
    expect(h.notes).toEqual([]);
    expect(h.snapshotCalls).toEqual([]);

    // Switched back on: both are watched.
    h.setSettings({ venues: { hyperliquid: true, binance: true } });
    await alerts.sync();
    expect(h.alarms.size).toBe(1);
    expect((await alerts.check()).map((f) => f.key).sort()).toEqual(['binance:BTCUSDT:long', hlKey]);
    expect(h.badge.text).toBe('2');

    // Off again: the badge leaves them out at once and nothing more is checked or fetched.
    h.setSettings({ venues: { hyperliquid: false, binance: false } });
    await alerts.sync();
    expect(h.badge.text).toBe('');
    expect(h.alarms.size).toBe(0);
    const fetched = w.fetched.length;
    vi.advanceTimersByTime(60 * MIN);
    expect(await alerts.check()).toEqual([]);
    expect(w.fetched).toHaveLength(fetched);
    expect(h.notes).toHaveLength(2);
  });
});
