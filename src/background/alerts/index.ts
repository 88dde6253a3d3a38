// Background alerts and the toolbar badge, wired from injected pieces (no webextension-polyfill
// here: src/background/index.ts hands in `browser.*`, tests hand in fakes).
//
// - A page reports its positions ('positions.report') → the store, the badge, the alarm.
// - The alarm 'perplens-alerts' runs every minute ONLY while positions are held and alerts are on;
//   otherwise it is cleared and nothing polls.
// - On the alarm: the wallets set in the options are asked for their positions, then each held
//   position's snapshot (through the caches) → conditions → hysteresis → a notification for what
//   fired; then the badge.
//
// "Held" is the union of what pages reported and what the wallets held at their last successful
// fetch, on the venues switched on in the options. That one set decides what is checked, what the
// badge shows and what the alerts may forget: a wallet position is forgotten only when its wallet's
// fetch succeeds without it, or the wallet (or its venue, or the alerts) is switched off — never
// because a page reported, the worker restarted or a fetch failed.
//
// The MV3 worker may be stopped between alarms, so the positions, the wallets' last positions, the
// hysteresis state and the last regime seen per position live in storage.session.

import * as v from 'valibot';
import type { Result } from '../../venues/market-types';
import type { MarketSnapshot } from '../../venues/snapshot-types';
import { venueOfTradingPage } from '../../venues';
import type { VenueId } from '../../venues/registry';
import type { Band } from '../../core';
import { badgeFor, showBadge, type ActionApi, type Badge } from './badge';
import {
  ALERT_CONDITIONS,
  DEFAULT_ALERT_SETTINGS,
  evaluateConditions,
  heldView,
  marketKey,
  positionKey,
  venueOn,
  type AlertSettings,
  type HeldPosition,
} from './conditions';
import { createHysteresis } from './hysteresis';
import { consistentReport, type PositionsReport, type PositionsReportReply } from '../../protocol/positions-report';
import { createNotifier, type FiredAlert, type NotificationsApi, type TabsApi, type WindowsApi } from './notify';
import { recordCheck } from './recent';
import { createPositionStore, type StorageLike } from './store';
import { createWalletMemory, type WalletsSource } from './wallet-memory';

export const ALERTS_ALARM = 'perplens-alerts';
export const ALERTS_PERIOD_MINUTES = 1;
export const ALERTS_STATE_KEY = 'perplens.alerts.state.v1';

/** The subset of `browser.alarms` used here. */
export interface AlarmsApi {
  get(name: string): Promise<{ name: string } | undefined>;
  create(name: string, info: { periodInMinutes: number; delayInMinutes?: number }): Promise<void> | void;
  clear(name: string): Promise<boolean>;
}

/** The parts of `runtime.MessageSender` the report handler trusts (set by the browser, not the page). */
export interface ReportSender {
  url?: string;
  frameId?: number;
  tab?: { id?: number };
}

export interface AlertsDeps {
  /** storage.session */
  session: StorageLike;
  alarms: AlarmsApi;
  action: ActionApi;
  notifications: NotificationsApi;
  tabs: TabsApi;
  windows: WindowsApi;
  iconUrl: string;
  /** The market snapshot through the shared caches (buildSnapshot). */
  getSnapshot(venue: VenueId, symbol: string): Promise<Result<MarketSnapshot>>;
  getSettings(): Promise<AlertSettings> | AlertSettings;
  /**
   * The wallets set in the options (venues' public APIs): their positions are watched like reported
   * ones when no tab shows them.
   */
  wallets?: WalletsSource;
  now?: () => number;
}

export interface Alerts {
  /** A page's 'positions.report' (already schema-checked), with the browser's sender. */
  handleMessage(report: PositionsReport, sender: ReportSender): Promise<PositionsReportReply>;
  /** `alarms.onAlarm`: runs the check for 'perplens-alerts', ignores other alarms. */
  onAlarm(alarm: { name: string }): Promise<void>;
  /** `tabs.onRemoved`: forgets the tab's positions. */
  onTabRemoved(tabId: number): Promise<void>;
  /** `notifications.onClicked`: focuses (or reopens) the exchange tab; false when the id is not ours. */
  onNotificationClicked(id: string): Promise<boolean>;
  /** Call after the alert settings changed (and at worker start-up): alarm and badge follow. */
  sync(): Promise<void>;
  /** One check now, as the alarm runs it; returns what fired. */
  check(): Promise<FiredAlert[]>;
  /** The positions open tabs have reported (one per venue, symbol and side), for the popup; not the wallets'. */
  held(): Promise<HeldPosition[]>;
}

const StateSchema = v.object({
  hysteresis: v.unknown(),
  regime: v.record(v.string(), v.boolean()),
  // Written since the wallets' positions count as held between checks (older states have none);
  // read entry by entry.
  wallets: v.optional(v.unknown()),
});

/** Newest report first; the same position in two tabs counts once (the newest report). */
function unique(held: readonly HeldPosition[]): Map<string, HeldPosition> {
  const out = new Map<string, HeldPosition>();
  for (const h of held) {
    const key = positionKey(h.position);
    if (!out.has(key)) out.set(key, h);
  }
  return out;
}

function pageOrigin(sender: ReportSender, venue: VenueId): { tabId?: number; url: string } | null {
  if (!sender.url) return null;
  if (sender.frameId !== undefined && sender.frameId !== 0) return null;
  let u: URL;
  try {
    u = new URL(sender.url);
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' || venueOfTradingPage(u) !== venue) return null;
  const url = `${u.origin}${u.pathname}`;
  const tabId = sender.tab?.id;
  return tabId !== undefined && tabId >= 0 ? { tabId, url } : { url };
}

/** The tab is open on one of the venue's trading pages (a closed tab, or one gone elsewhere, is not). */
async function tabShowsVenue(tabs: TabsApi, tabId: number, venue: VenueId): Promise<boolean> {
  const { url } = await tabs.get(tabId);
  if (!url) return false;
  try {
    return venueOfTradingPage(new URL(url)) === venue;
  } catch {
    return false;
  }
}

export function createAlerts(deps: AlertsDeps): Alerts {
  const now = deps.now ?? Date.now;
  const store = createPositionStore(deps.session, { now, tabStillShows: (tabId, venue) => tabShowsVenue(deps.tabs, tabId, venue) });
  const notifier = createNotifier(deps);
  let settings: AlertSettings = { ...DEFAULT_ALERT_SETTINGS };
  const hysteresis = createHysteresis({ now, cooldownMs: () => settings.cooldownMinutes * 60_000 });
  /** Per position key: was the regime against it at the last check that could tell. */
  let regime = new Map<string, boolean>();
  /** Per venue: the wallet's positions at its last successful fetch; held until a fetch says otherwise. */
  const wallets = createWalletMemory(() => deps.wallets);
  /** Snapshots of the last check, so the badge on a report can use the market's tiers and mark. */
  const lastSnapshots = new Map<string, MarketSnapshot>();

  let stateLoaded: Promise<void> | null = null;
  function loadState(): Promise<void> {
    stateLoaded ??= deps.session
      .get(ALERTS_STATE_KEY)
      .then((got) => {
        const r = v.safeParse(StateSchema, got[ALERTS_STATE_KEY]);
        if (!r.success) return;
        hysteresis.restore(r.output.hysteresis);
        regime = new Map(Object.entries(r.output.regime));
        wallets.restore(r.output.wallets);
      })
      .catch(() => undefined);
    return stateLoaded;
  }
  function stateText(): string {
    return JSON.stringify([hysteresis.dump(), [...regime.keys()], wallets.dump()]);
  }
  async function saveState(): Promise<void> {
    await deps.session
      .set({ [ALERTS_STATE_KEY]: { hysteresis: hysteresis.dump(), regime: Object.fromEntries(regime), wallets: wallets.dump() } })
      .catch(() => undefined);
  }

  async function readSettings(): Promise<AlertSettings> {
    try {
      settings = { ...DEFAULT_ALERT_SETTINGS, ...(await deps.getSettings()) };
    } catch {
      // Keep the last settings read.
    }
    return settings;
  }

  /** Reports first (they win over a wallet's view of the same position: live mark), venues switched off left out. */
  function heldOf(s: AlertSettings, reported: readonly HeldPosition[], wallets: readonly HeldPosition[]): Map<string, HeldPosition> {
    return unique([...reported, ...wallets].filter((h) => venueOn(s, h.position.venue)));
  }

  /** Forgets what the alerts remember about positions no longer held (a fired condition keeps its cool-down). */
  function forget(held: ReadonlySet<string>): void {
    hysteresis.prune(held);
    for (const key of regime.keys()) if (!held.has(key)) regime.delete(key);
  }

  // Alarm changes run one at a time, so two reports arriving together create one alarm.
  let alarmQueue: Promise<void> = Promise.resolve();
  function ensureAlarm(): Promise<void> {
    const run = alarmQueue.then(async () => {
      const s = await readSettings();
      let needed = false;
      if (s.enabled) {
        const reported = (await store.held()).some((h) => venueOn(s, h.position.venue));
        const addresses = reported ? null : await wallets.addresses(s);
        needed = reported || (addresses === null ? wallets.size > 0 : addresses.size > 0);
      }
      const existing = await deps.alarms.get(ALERTS_ALARM).catch(() => undefined);
      if (needed && !existing) await deps.alarms.create(ALERTS_ALARM, { periodInMinutes: ALERTS_PERIOD_MINUTES, delayInMinutes: ALERTS_PERIOD_MINUTES });
      if (!needed && existing) await deps.alarms.clear(ALERTS_ALARM);
    });
    alarmQueue = run.catch(() => undefined);
    return run;
  }

  type Judged = { distance: number | null; band: Band | null };
  function badgeFrom(held: Map<string, HeldPosition>, judged: (h: HeldPosition) => Judged): Badge {
    // Judged with the user's bands (the last settings read), so the badge's colour agrees with the panel's.
    return badgeFor([...held.values()].map(judged));
  }

  /** A position's distance and band between checks: its own figures and the last check's snapshot, when there is one. */
  function judgedBetweenChecks(h: HeldPosition, t: number): Judged {
    try {
      const view = heldView(h, lastSnapshots.get(marketKey(h.position.venue, h.position.symbol)) ?? null, settings, t);
      return { distance: 'value' in view.distance ? view.distance.value : null, band: view.band };
    } catch {
      return { distance: null, band: null };
    }
  }

  /**
   * After a report, a closed tab, a settings change or a worker start: what is held now (the reports
   * and the wallets' last positions), forgetting at once what closed — with nothing held the alarm
   * stops, and no check would ever run to prune it — then the badge and the alarm.
   */
  async function settle(): Promise<void> {
    await loadState();
    const s = await readSettings();
    const before = stateText();
    wallets.dropUnwatched(s, await wallets.addresses(s));
    const held = heldOf(s, await store.held(), wallets.held());
    forget(new Set(held.keys()));
    if (stateText() !== before) await saveState();
    const t = now();
    await showBadge(
      deps.action,
      badgeFrom(held, (h) => judgedBetweenChecks(h, t)),
    );
    await ensureAlarm();
  }

  async function snapshotsFor(held: Iterable<HeldPosition>): Promise<Map<string, MarketSnapshot | null>> {
    const markets = new Map<string, { venue: VenueId; symbol: string }>();
    for (const h of held) markets.set(marketKey(h.position.venue, h.position.symbol), { venue: h.position.venue, symbol: h.position.symbol });
    const out = new Map<string, MarketSnapshot | null>();
    await Promise.all(
      [...markets].map(async ([key, m]) => {
        let snap: MarketSnapshot | null = null;
        try {
          const r = await deps.getSnapshot(m.venue, m.symbol);
          snap = r.ok ? r.value : null;
        } catch {
          snap = null;
        }
        out.set(key, snap);
        if (snap) lastSnapshots.set(key, snap);
      }),
    );
    for (const key of lastSnapshots.keys()) if (!markets.has(key)) lastSnapshots.delete(key);
    return out;
  }

  let running: Promise<FiredAlert[]> | null = null;
  async function runCheck(): Promise<FiredAlert[]> {
    await loadState();
    const s = await readSettings();
    if (!s.enabled) {
      await settle();
      await recordCheck(deps.session, [], now());
      return [];
    }
    const addresses = await wallets.addresses(s);
    wallets.dropUnwatched(s, addresses);
    const fresh = addresses ? await wallets.fetch(addresses) : new Map<VenueId, HeldPosition[]>();
    // A wallet removed in the options while the venues answered must not come back with its answer.
    if (addresses) wallets.dropUnwatched(s, await wallets.addresses(s));
    // A wallet that answered is checked with what it just said, one that did not with what it held last.
    const held = heldOf(s, await store.held(), wallets.held(fresh));
    const snapshots = await snapshotsFor(held.values());
    const t = now();
    const fired: FiredAlert[] = [];
    const judged = new Map<string, Judged>();
    for (const [key, h] of held) {
      const snapshot = snapshots.get(marketKey(h.position.venue, h.position.symbol)) ?? null;
      const e = evaluateConditions({ held: h, snapshot, settings: s, previousRegimeAgainst: regime.get(key), now: t });
      if (e.regimeAgainst !== null) regime.set(key, e.regimeAgainst);
      judged.set(key, { distance: e.distance, band: e.band });
      for (const condition of ALERT_CONDITIONS) {
        const c = e.checks[condition];
        if (c.observation === null) continue;
        if (hysteresis.step(key, condition, c.observation) && 'detail' in c) fired.push({ key, held: h, detail: c.detail });
      }
    }
    forget(new Set(held.keys()));
    await saveState();
    for (const alert of fired) await notifier.notify(alert);
    await recordCheck(deps.session, fired, t);
    await showBadge(
      deps.action,
      badgeFrom(held, (h) => judged.get(positionKey(h.position)) ?? { distance: null, band: null }),
    );
    await ensureAlarm();
    return fired;
  }

  // One check at a time. A check asked while one runs gets one more after it (all such asks share
  // it): the running one may have read the positions and markets before the ask, and the next
  // alarm is a minute away.
  let trailing: Promise<FiredAlert[]> | null = null;
  function check(): Promise<FiredAlert[]> {
    if (running) {
      trailing ??= running
        .catch(() => [])
        .then(() => {
          trailing = null;
          return check();
        });
      return trailing;
    }
    running = runCheck().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    async handleMessage(report, sender) {
      if (!consistentReport(report)) return { ok: false, error: 'every position must be on the reported venue' };
      const origin = pageOrigin(sender, report.venue);
      if (!origin) {
        // A tab that left the trading page in-app (the URL is no longer a trading page) may still
        // say it holds nothing there any more: clear that tab, accept nothing else.
        const tabId = sender.tab?.id;
        if (report.positions.length === 0 && tabId !== undefined && sender.frameId === 0) {
          if (await store.removeTab(tabId)) await settle();
          return { ok: true };
        }
        return { ok: false, error: `positions can only be reported by a ${report.venue} trading page` };
      }
      await store.report(origin, report.venue, report.positions, report.unreadable);
      await settle();
      return { ok: true };
    },
    async onAlarm(alarm) {
      if (alarm.name !== ALERTS_ALARM) return;
      await check();
    },
    async onTabRemoved(tabId) {
      if (!(await store.removeTab(tabId))) return;
      await settle();
    },
    onNotificationClicked(id) {
      return notifier.onClicked(id);
    },
    async sync() {
      await store.prune();
      await settle();
    },
    check,
    held: async () => [...unique(await store.held()).values()],
  };
}

export { DEFAULT_ALERT_SETTINGS, type AlertSettings } from './conditions';
export type { WalletsSource } from './wallet-memory';
export { parsePositionsReport, PositionsReport, type PositionsReportReply } from '../../protocol/positions-report';
