import browser, { type Runtime } from 'webextension-polyfill';
import { PANEL_PORT, parseRequest, type PositionsReply } from '../protocol/messages';
import { VENUE_MARKETS } from '../venues/markets';
import { perVenue, VENUE_IDS, venueRecord, type VenueId } from '../venues/registry';
import { FETCH_ERROR_KINDS } from '../venues/market-types';
import { fetchJson } from './http';
import { createOiRecorder } from './oi-recorder';
import { createFlow } from './flow';
import { openSocket } from './flow-socket';
import { createQuoteFeeds } from './quote-feeds';
import { createPersistence } from './persist';
import { createRouter } from './router';
import { createPanelViews } from './panel/view';
import { buildSnapshot, createSnapshotCaches, REFRESH_MS } from './snapshot';
import { createVenueGate, type SavedHold, type VenueGate } from './venue-gate';
import { createWatchList } from './watch';
import { createAlerts } from './alerts';
import { alertSettings } from './alerts/from-settings';
import { readRecent } from './alerts/recent';
import { loadSettings, onSettingsChanged } from '../settings/store';
import type { Settings } from '../settings/schema';
import { loadHandPositions, onHandPositionsChanged, type HandPosition } from '../settings/hand-positions';
import { LAYOUT_REPORT_KEY, layoutSkeleton } from './layout-report';

const OI_ALARM = 'perplens-oi-record';
const OI_ALARM_MINUTES = 5;

const now = () => Date.now();
// The quote refresh follows the options page (bounded there to 15 s – 5 min).
let quoteRefreshMs = REFRESH_MS.quote;
const caches = createSnapshotCaches(now, () => quoteRefreshMs);
const recorder = createOiRecorder();
const watched = createWatchList(now);
const gates: Record<VenueId, VenueGate> = perVenue((id) => createVenueGate(VENUE_MARKETS[id].descriptor, { fetchJson }));
const persistence = createPersistence(caches, recorder, browser.storage.session, browser.storage.local, {
  holds: {
    dump: () => perVenue((id) => gates[id].savedHold()),
    restore: (saved) => {
      if (!saved || typeof saved !== 'object') return;
      for (const id of VENUE_IDS) {
        const h = (saved as Record<string, unknown>)[id];
        if (isSavedHold(h)) gates[id].restoreHold(h);
      }
    },
  },
  watched: { dump: () => watched.dump(), restore: (saved) => watched.restore(saved) },
});
const restored = persistence.restore().catch(() => undefined);

/** A stored hold is ours, but an older version may have written another shape. */
function isSavedHold(x: unknown): x is SavedHold {
  if (!x || typeof x !== 'object') return false;
  const { error, until } = x as Record<string, unknown>;
  if (typeof until !== 'number' || !error || typeof error !== 'object') return false;
  const e = error as Record<string, unknown>;
  return typeof e.message === 'string' && typeof e.endpoint === 'string' && (FETCH_ERROR_KINDS as readonly unknown[]).includes(e.kind);
}

const recordsOi = (venue: VenueId) => VENUE_MARKETS[venue].client.oiHistory === null;

async function ensureRecorderAlarm(): Promise<void> {
  const needed = watched.active(recordsOi).length > 0;
  const existing = await browser.alarms.get(OI_ALARM);
  if (needed && !existing) browser.alarms.create(OI_ALARM, { periodInMinutes: OI_ALARM_MINUTES, delayInMinutes: OI_ALARM_MINUTES });
  if (!needed && existing) await browser.alarms.clear(OI_ALARM);
}

// Liquidation streams live in the worker: an open socket's traffic keeps it alive while a view
// shows the market, and the flow lets the socket go once none does.
const flow = createFlow({
  now,
  socket: openSocket,
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
});

// A venue's pushed quotes (Lighter): one socket per feed, kept while quotes are asked for. It
// outlives one quote refresh, so a watched market keeps its connection between quotes.
const feeds = createQuoteFeeds({
  now,
  socket: openSocket,
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  idleMs: () => Math.max(90_000, 1.5 * quoteRefreshMs),
});

const router = createRouter({
  venues: VENUE_MARKETS,
  gates,
  caches,
  recorder,
  flow,
  feeds,
  now,
  onWatched(venue, symbol) {
    watched.touch(venue, symbol);
    if (recordsOi(venue)) ensureRecorderAlarm().catch(() => undefined);
  },
});

// Hyperliquid publishes no OI history: while one of its markets is watched, a quote every five
// minutes records one. Nothing runs when nothing is watched.
browser.alarms.onAlarm.addListener(async (alarm) => {
  if (alarm.name !== OI_ALARM) return;
  await restored;
  for (const { venue, symbol } of watched.active(recordsOi)) {
    const { client, descriptor } = VENUE_MARKETS[venue];
    // One market failing must not stop the others or the alarm's upkeep.
    await buildSnapshot({ client, liquidation: descriptor.liquidation, http: gates[venue], caches, recorder, feeds, now }, symbol).catch(() => undefined);
  }
  persistence.schedule(0);
  await ensureRecorderAlarm().catch(() => undefined);
});

let settings: Promise<Settings> = loadSettings();
void settings.then((s) => (quoteRefreshMs = s.refresh.quoteSeconds * 1000));

const alerts = createAlerts({
  session: browser.storage.session,
  alarms: browser.alarms,
  action: browser.action,
  notifications: browser.notifications,
  tabs: browser.tabs,
  windows: browser.windows,
  iconUrl: browser.runtime.getURL('icons/icon-128.png'),
  now,
  getSnapshot: async (venue, symbol) => {
    await restored;
    const { client, descriptor } = VENUE_MARKETS[venue];
    const r = await buildSnapshot({ client, liquidation: descriptor.liquidation, http: gates[venue], caches, recorder, feeds, now }, symbol);
    persistence.schedule();
    return r;
  },
  getSettings: async () => alertSettings(await settings),
  wallets: {
    addresses: async () => (await settings).wallets,
    positions: async (venue, address) => {
      const wallet = venueRecord(venue).wallet;
      if (!wallet) return null;
      await restored;
      const r = await wallet.positions(address, gates[venue]);
      // A failed fetch is "not known" (null), never "no positions": the alerts keep the last ones.
      return r.ok ? r.value.map((position) => ({ position, origin: { url: wallet.tradeUrl(position.symbol) }, reportedAt: now() })) : null;
    },
  },
});
browser.alarms.onAlarm.addListener((alarm) => alerts.onAlarm(alarm));
browser.tabs.onRemoved.addListener((tabId) => {
  panels.forgetTab(tabId);
  void alerts.onTabRemoved(tabId);
});
browser.notifications.onClicked.addListener((id) => void alerts.onNotificationClicked(id));
onSettingsChanged((next) => {
  settings = Promise.resolve(next);
  quoteRefreshMs = next.refresh.quoteSeconds * 1000;
  alerts.sync().catch(() => undefined);
});
alerts.sync().catch(() => undefined);

// Read once and kept current: every panel view asks for them.
let handPositions: Promise<HandPosition[]> = loadHandPositions();
onHandPositionsChanged((list) => (handPositions = Promise.resolve(list)));

const panels = createPanelViews({
  snapshot: (venue, symbol) => router.snapshot(venue, symbol),
  positions: (venue, address) => router.positions(venue, address),
  settings: () => settings,
  now,
  recentAlerts: async () => (await readRecent(browser.storage.session)).fired,
  handPositions: () => handPositions,
});

/**
 * The layout report of a tab's page (layout-report.ts), run in the page only now that the trader
 * asked, and shown for a preview on the options page before anything is copied.
 */
async function showLayoutReport(tabId: number): Promise<void> {
  const [first] = await browser.scripting.executeScript({ target: { tabId }, func: layoutSkeleton });
  const text = typeof first?.result === 'string' ? first.result : 'PerpLens could not look at this page.';
  await browser.storage.session.set({ [LAYOUT_REPORT_KEY]: { text, at: Date.now() } });
  await browser.tabs.create({ url: browser.runtime.getURL(`src/options/index.html#${LAYOUT_REPORT_KEY}`) });
}

// Only the extension's own contexts may ask: a message from another extension or a web page
// (there is no externally_connectable, but the check costs nothing) is ignored.
function fromOwnExtension(sender: Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id;
}

/** A panel view for a content script's port; the same validation as every other request. */
function servePanel(message: unknown, sender: Runtime.MessageSender): Promise<unknown> {
  const request = parseRequest(message);
  if (!request || request.type !== 'panel.view') return Promise.resolve(null);
  return restored
    .then(() =>
      panels.view(request, sender.tab?.id, (venue, positions, unreadable) => {
        alerts.handleMessage({ type: 'positions.report', venue, positions, unreadable }, sender).catch(() => undefined);
      }),
    )
    .finally(() => persistence.schedule());
}

browser.runtime.onConnect.addListener((port) => {
  const sender = port.sender;
  if (port.name !== PANEL_PORT || !sender || !fromOwnExtension(sender)) {
    port.disconnect();
    return;
  }
  port.onMessage.addListener((message: unknown) => {
    const { id, request } = (message ?? {}) as { id?: unknown; request?: unknown };
    if (typeof id !== 'number') return;
    void servePanel(request, sender).then(
      (reply) => port.postMessage({ id, reply }),
      () => port.postMessage({ id, reply: null }),
    );
  });
});

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  if (!fromOwnExtension(sender)) return undefined;
  const request = parseRequest(message);
  if (!request) return undefined;
  if (request.type === 'positions.report') return alerts.handleMessage(request, sender);
  // Panel views travel on the content script's port only.
  if (request.type === 'panel.view') return undefined;
  if (request.type === 'panel.ask') {
    if (request.what === 'options') return browser.runtime.openOptionsPage().then(() => null);
    const tabId = sender.tab?.id;
    return tabId === undefined ? Promise.resolve(null) : showLayoutReport(tabId).then(() => null);
  }
  if (request.type === 'positions.known') {
    return alerts.held().then((held): PositionsReply => ({ ok: true, positions: held.map((h) => h.position) }));
  }
  return restored.then(() => router.route(request)).finally(() => persistence.schedule());
});
