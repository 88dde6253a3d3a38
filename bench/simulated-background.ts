import type { JsonRequest } from '../src/background/http';
import { createFlow } from '../src/background/flow';
import { createQuoteFeeds } from '../src/background/quote-feeds';
import { createOiRecorder } from '../src/background/oi-recorder';
import { createPanelViews } from '../src/background/panel/view';
import { createRouter } from '../src/background/router';
import { buildSnapshot, createSnapshotCaches } from '../src/background/snapshot';
import { createVenueGate, type VenueGate } from '../src/background/venue-gate';
import { createWatchList } from '../src/background/watch';
import type { PanelViewRequest } from '../src/protocol/messages';
import { defaultSettings } from '../src/settings/defaults';
import type { Result } from '../src/venues/market-types';
import { VENUE_MARKETS } from '../src/venues/markets';
import { perVenue, VENUE_IDS, type VenueId } from '../src/venues/registry';
import { defaultMarkets, makeAsset } from '../tests/fake-exchange/market-state';
import type { FakeState } from '../tests/fake-exchange/venue-handler';
import { API_HANDLERS } from '../tests/fake-exchange/venues';
import { inProcessLighterSocket } from '../tests/fake-exchange/lighter-socket';

const OI_ALARM_MS = 5 * 60_000;

export interface VenueCount {
  requests: number;
  units: number;
}

/**
 * The background's real modules (venue gates, caches, router, panel views, the OI recorder's alarm
 * as src/background/index.ts wires them) on a simulated clock, answered in-process by the fake
 * exchange's venue handlers: an hour of a tab's life runs in seconds, and every request a venue
 * would receive is counted with its rate-limit units.
 */
export function simulatedBackground(opts: { extraAssets?: number } = {}) {
  let t = Date.UTC(2026, 10, 22, 12, 0, 0);
  const now = () => t;
  // The venue clients read the clock themselves (a 7-day window of bars, fetchedAt): they must see
  // the simulated one, or they would ask for days the stand-in's history does not hold. `dispose`
  // gives the real clock back.
  const realDateNow = Date.now;
  Date.now = () => t;
  const markets = defaultMarkets(t);
  for (let i = 0; i < (opts.extraAssets ?? 0); i++) {
    const asset = `Z${String(i).padStart(3, '0')}`;
    markets.set(asset, makeAsset(asset, 100 + i, 10 + i, 1_000_000 + i, 0.0001, t));
  }
  const state: FakeState = { markets, accounts: new Map() };
  const counts = perVenue((): VenueCount => ({ requests: 0, units: 0 }));
  /** Requests per `venue path`, to see which endpoint a count comes from. */
  const byPath = new Map<string, number>();

  const fetchJson = async (req: JsonRequest): Promise<Result<unknown>> => {
    const c = counts[req.venue];
    c.requests++;
    const path = `${req.venue} ${req.url.pathname}${req.body && typeof req.body === 'object' && 'type' in req.body ? `#${String(req.body.type)}` : ''}`;
    byPath.set(path, (byPath.get(path) ?? 0) + 1);
    c.units += req.weight ?? 1;
    const handler = API_HANDLERS[req.url.hostname];
    const reply = handler?.(
      { host: req.url.hostname, method: req.method ?? 'GET', path: req.url.pathname, query: req.url.searchParams, body: req.body, now: t },
      state,
    );
    if (!reply || reply.status !== 200) {
      return {
        ok: false,
        error: { kind: 'http', venue: req.venue, endpoint: req.url.pathname, message: `fake exchange: ${reply?.status ?? 404}`, status: reply?.status ?? 404 },
      };
    }
    return { ok: true, value: JSON.parse(reply.body) as unknown };
  };

  const settings = defaultSettings();
  const caches = createSnapshotCaches(now, () => settings.refresh.quoteSeconds * 1000);
  const recorder = createOiRecorder();
  const watched = createWatchList(now);
  // A request waiting for budget lets simulated time pass, as real time would (waits overlap).
  const sleep = async (ms: number): Promise<void> => {
    const until = t + ms;
    await Promise.resolve();
    if (t < until) t = until;
  };
  const gates: Record<VenueId, VenueGate> = perVenue((id) => createVenueGate(VENUE_MARKETS[id].descriptor, { fetchJson, now, sleep }));
  // The liquidation feeds on the simulated clock: polled histories (OKX, dYdX) count their requests;
  // the websockets (Binance, Bybit) make none, and here they have no server to reach.
  const timers: { at: number; fn: () => void; id: number }[] = [];
  let timerId = 0;
  const flow = createFlow({
    now,
    socket: () => {
      throw new Error('no websocket in the simulation');
    },
    setTimer: (fn, ms) => {
      timers.push({ at: t + ms, fn, id: ++timerId });
      return timerId;
    },
    clearTimer: (h) => {
      const i = timers.findIndex((x) => x.id === h);
      if (i >= 0) timers.splice(i, 1);
    },
  });
  const setTimer = (fn: () => void, ms: number) => {
    timers.push({ at: t + ms, fn, id: ++timerId });
    return timerId;
  };
  const clearTimer = (h: unknown) => {
    const i = timers.findIndex((x) => x.id === h);
    if (i >= 0) timers.splice(i, 1);
  };
  // Lighter's quote websocket, answered in process on the simulated clock: sockets are counted, not requests.
  const sockets = { count: 0 };
  const feeds = createQuoteFeeds({
    now,
    socket: () => inProcessLighterSocket(state, { setTimer, clearTimer }, sockets),
    setTimer,
    clearTimer,
    idleMs: () => Math.max(90_000, 1.5 * settings.refresh.quoteSeconds * 1000),
  });
  const router = createRouter({ venues: VENUE_MARKETS, gates, caches, recorder, flow, feeds, now, onWatched: (v, s) => watched.touch(v, s) });
  // Answers within the same turn of the event loop: the wait only has to outlast in-process replies.
  const panels = createPanelViews({
    snapshot: router.snapshot,
    positions: router.positions,
    settings: async () => settings,
    now,
    wait: () => new Promise((r) => setImmediate(r)),
  });
  let nextAlarm = t + OI_ALARM_MS;

  async function alarms(): Promise<void> {
    while (t >= nextAlarm) {
      nextAlarm += OI_ALARM_MS;
      for (const { venue, symbol } of watched.active((v) => VENUE_MARKETS[v].client.oiHistory === null)) {
        const { client, descriptor } = VENUE_MARKETS[venue];
        await buildSnapshot({ client, liquidation: descriptor.liquidation, http: gates[venue], caches, recorder, feeds, now }, symbol);
      }
    }
  }

  return {
    dispose(): void {
      Date.now = realDateNow;
    },
    counts,
    byPath,
    /** Quote websockets opened (Lighter's): one for every tab and market, reconnects counted again. */
    sockets,
    gates,
    caches,
    router,
    panels,
    now,
    async advance(ms: number): Promise<void> {
      t += ms;
      await alarms();
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        const due = timers[0];
        if (!due || due.at > t) break;
        timers.shift();
        due.fn();
        await new Promise((r) => setImmediate(r));
      }
    },
    view: (req: PanelViewRequest, tabId: number) => panels.view(req, tabId, () => undefined),
    reset(): void {
      for (const id of VENUE_IDS) counts[id] = { requests: 0, units: 0 };
    },
  };
}
