// The last positions each page reported, keyed by tab and venue, kept in storage.session so they
// survive the MV3 worker being stopped between alarms (not the browser being closed). Only what the
// alerts use is kept (see keptFields), with the page's origin and path (no query, no fragment).
//
// Bounded: at most MAX_REPORTED_POSITIONS positions overall (the oldest reports go first). A tab's
// entry goes when the tab closes or reports zero positions. A page that has not reported for
// REPORT_TTL_MS goes too, unless its tab still shows that venue: a hidden tab does not read its
// page at all (issue 4), and its positions must keep their alerts until it is closed or navigates
// away. The check asks the browser (`tabStillShows`), since the page itself is silent.

import * as v from 'valibot';
import type { Position } from '../../venues/position-types';
import { VENUE_IDS, type VenueId } from '../../venues/registry';
import type { HeldPosition, Origin } from './conditions';
import { MAX_REPORTED_POSITIONS, ReportedPosition, type RowIdentity } from '../../protocol/positions-report';

/** The subset of `storage.StorageArea` used here (storage.session), so tests can hand in a Map. */
export interface StorageLike {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export const POSITIONS_STORAGE_KEY = 'perplens.alerts.positions.v1';
/** Entries whose page has not reported for this long are dropped, unless their tab still shows the venue. */
export const REPORT_TTL_MS = 10 * 60_000;

export interface ReportEntry {
  tabId: number | null;
  url: string;
  venue: VenueId;
  positions: Position[];
  reportedAt: number;
}

const EntrySchema = v.object({
  tabId: v.nullable(v.pipe(v.number(), v.integer())),
  url: v.pipe(v.string(), v.maxLength(2048)),
  venue: v.picklist(VENUE_IDS),
  positions: v.pipe(v.array(ReportedPosition), v.maxLength(MAX_REPORTED_POSITIONS)),
  reportedAt: v.pipe(v.number(), v.finite()),
});
const StoredSchema = v.array(EntrySchema);

export interface PositionStoreOptions {
  now?: () => number;
  maxPositions?: number;
  ttlMs?: number;
  /**
   * Whether the tab is still open on this venue's trading page (tabs.get: the URL is visible for the
   * hosts the extension may access). A silent tab that still does is kept past the TTL. Without it,
   * every entry expires with the TTL.
   */
  tabStillShows?: (tabId: number, venue: VenueId) => Promise<boolean>;
}

export interface PositionStore {
  /** Reads what an earlier worker stored; every other method waits for it. Idempotent. */
  load(): Promise<void>;
  /**
   * Replaces what this tab (or URL) showed for `venue`; an empty list removes the entry. A row named
   * in `unreadable` is still on the page: the position last known for it is kept as it was.
   */
  report(origin: Origin, venue: VenueId, positions: readonly Position[], unreadable?: readonly RowIdentity[]): Promise<void>;
  /** Forgets a closed tab; true when something was removed. */
  removeTab(tabId: number): Promise<boolean>;
  /** Drops entries not reported for the TTL; true when something was removed. */
  prune(): Promise<boolean>;
  /** Every held position (after pruning), newest report first. */
  held(): Promise<HeldPosition[]>;
  /** Number of held positions (after pruning). */
  count(): Promise<number>;
}

/**
 * The position as far as the alerts and the popup's known-positions list use it. Leverage and the
 * unrealised PnL are shown by the page but feed no alert and no figure: they are not kept.
 */
export function keptFields(p: Position): Position {
  return { ...p, leverage: null, unrealizedPnl: null };
}

/** The page's origin and path: a query or fragment may carry a referral code or an account id. */
function pagePath(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return url;
  }
}

const entryKey = (tabId: number | null, url: string, venue: VenueId) => `${tabId === null ? `url:${url}` : `tab:${tabId}`}|${venue}`;

export function createPositionStore(storage: StorageLike, opts: PositionStoreOptions = {}): PositionStore {
  const now = opts.now ?? Date.now;
  const max = opts.maxPositions ?? MAX_REPORTED_POSITIONS;
  const ttl = opts.ttlMs ?? REPORT_TTL_MS;
  const entries = new Map<string, ReportEntry>();
  let loading: Promise<void> | null = null;
  // Operations run one after another: a report and an alarm arriving together see a consistent store.
  let queue: Promise<unknown> = Promise.resolve();

  function serial<T>(fn: () => T | Promise<T>): Promise<T> {
    const run = queue.then(async () => {
      await load();
      return fn();
    });
    queue = run.catch(() => undefined);
    return run;
  }

  function load(): Promise<void> {
    loading ??= storage
      .get(POSITIONS_STORAGE_KEY)
      .then((got) => {
        const r = v.safeParse(StoredSchema, got[POSITIONS_STORAGE_KEY]);
        if (!r.success) return;
        // Stored by an older version, maybe with more fields: what is restored is cut to today's.
        for (const e of r.output) entries.set(entryKey(e.tabId, e.url, e.venue), { ...e, positions: e.positions.slice(0, max).map(keptFields) });
      })
      .catch(() => undefined);
    return loading;
  }

  async function save(): Promise<void> {
    await storage.set({ [POSITIONS_STORAGE_KEY]: [...entries.values()] }).catch(() => undefined);
  }

  function total(): number {
    let n = 0;
    for (const e of entries.values()) n += e.positions.length;
    return n;
  }

  /** Drops the oldest entries other than `keep` until the bound holds. */
  function bound(keep: string): void {
    const oldestFirst = [...entries.entries()].filter(([k]) => k !== keep).sort((a, b) => a[1].reportedAt - b[1].reportedAt);
    for (const [k] of oldestFirst) {
      if (total() <= max) return;
      entries.delete(k);
    }
  }

  async function dropExpired(): Promise<boolean> {
    const limit = now() - ttl;
    let removed = false;
    for (const [k, e] of entries) {
      if (e.reportedAt >= limit) continue;
      if (e.tabId !== null && opts.tabStillShows && (await opts.tabStillShows(e.tabId, e.venue).catch(() => false))) continue;
      entries.delete(k);
      removed = true;
    }
    return removed;
  }

  return {
    load,
    report(origin, venue, reported, unreadable = []) {
      return serial(async () => {
        const tabId = origin.tabId ?? null;
        const url = pagePath(origin.url);
        const key = entryKey(tabId, url, venue);
        // An alert never clears because a row became unreadable (a misread cell, a page mid-render):
        // the position stays as last known until it is gone from the page or reads safe again.
        const still = new Set(unreadable.map((u) => `${u.symbol}:${u.side}`));
        const readNow = new Set(reported.map((p) => `${p.symbol}:${p.side}`));
        const kept = (entries.get(key)?.positions ?? []).filter((p) => still.has(`${p.symbol}:${p.side}`) && !readNow.has(`${p.symbol}:${p.side}`));
        const positions = [...reported, ...kept];
        // A tab shows one venue page at a time: what it reported for another venue is gone.
        if (tabId !== null) for (const [k, e] of entries) if (e.tabId === tabId && k !== key) entries.delete(k);
        if (positions.length === 0) entries.delete(key);
        else entries.set(key, { tabId, url, venue, positions: positions.slice(0, max).map(keptFields), reportedAt: now() });
        bound(key);
        await dropExpired();
        await save();
      });
    },
    removeTab(tabId) {
      return serial(async () => {
        let removed = false;
        for (const [k, e] of entries) {
          if (e.tabId === tabId) {
            entries.delete(k);
            removed = true;
          }
        }
        if (removed) await save();
        return removed;
      });
    },
    prune() {
      return serial(async () => {
        const removed = await dropExpired();
        if (removed) await save();
        return removed;
      });
    },
    held() {
      return serial(async () => {
        if (await dropExpired()) await save();
        return [...entries.values()]
          .sort((a, b) => b.reportedAt - a.reportedAt)
          .flatMap((e) =>
            e.positions.map((position) => ({
              position,
              origin: e.tabId === null ? { url: e.url } : { tabId: e.tabId, url: e.url },
              reportedAt: e.reportedAt,
            })),
          );
      });
    },
    count() {
      return serial(async () => {
        if (await dropExpired()) await save();
        return total();
      });
    },
  };
}
