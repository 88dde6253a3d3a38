import type { PanelViewReply, PanelViewRequest, PositionsReply, SnapshotReply, ViewPrefs } from '../../protocol/messages';
import type { Settings } from '../../settings/schema';
import { nextMarketState, type MarketState } from '../../ui/market-state';
import { PANEL_CSS } from '../../ui/panel-css';
import { panelTree } from '../../ui/panel/panel';
import { shownPrefs } from '../../protocol/panel-prefs';
import { diffTree, type TreeElement } from '../../protocol/tree';
import type { PageRead } from '../../venues/page-reader-types';
import type { Position } from '../../venues/position-types';
import type { RowIdentity } from '../../protocol/positions-report';
import { VENUE_NAMES } from '../../venues/names';
import { staleAfterMs } from '../../venues/snapshot-types';
import type { VenueId } from '../../venues/types';
import { mergeApiWithPage } from './merge-positions';
import { createReportThrottle } from './report-throttle';
import type { SentAlert } from '../../ui/panel/position-card';
import { createLiquidationMemory } from './liquidation-memory';
import { checkRows } from './rows';
import { isWalletVenue, type WalletVenueId } from '../../venues/registry';
import type { HandPosition } from '../../settings/hand-positions';
import { withHandRows } from './hand-rows';

/**
 * How long a view waits for market data it does not have yet before answering with what the page
 * shows (the distance at once, funding "loading"); the page then asks again every second until the
 * data is in, so a hanging venue API never holds the distance back.
 */
export const MARKET_WAIT_MS = 600;
/** An alert stays named on its card this long after it fired. */
export const ALERT_SHOWN_MS = 60 * 60_000;
/** Positions by wallet address are asked at most this often per address (weight 2 on Hyperliquid). */
export const POSITIONS_EVERY_MS = 30_000;
/** Markets remembered for their last good snapshot (shown as stale when a refresh fails). */
const MAX_MARKETS = 400;
/** Tabs whose last panel is kept to answer with only what changed. */
const MAX_TABS = 200;

export interface PanelViewDeps {
  snapshot(venue: VenueId, symbol: string): Promise<SnapshotReply>;
  positions(venue: WalletVenueId, address: string): Promise<PositionsReply>;
  settings(): Promise<Settings>;
  now(): number;
  wait?(ms: number): Promise<void>;
  /** The alerts fired lately (alerts/recent.ts), newest first: each card says which fired for it. */
  recentAlerts?(): Promise<readonly SentAlert[]>;
  /** The positions the trader tracks by hand (settings/hand-positions.ts). */
  handPositions?(): Promise<readonly HandPosition[]>;
}

type ApiPositions = { positions: Position[] } | { error: Extract<PositionsReply, { ok: false }>['error'] };

/** A tab's panel: the background reads nothing from pages; it turns what a page showed into the panel. */
export function createPanelViews(deps: PanelViewDeps) {
  const wait = deps.wait ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const markets = new Map<string, MarketState>();
  const api = new Map<string, { at: number; result: Promise<ApiPositions> }>();
  const throttles = new Map<number, ReturnType<typeof createReportThrottle>>();
  const sent = new Map<number, { version: number; tree: TreeElement }>();
  const liquidations = createLiquidationMemory();

  const marketKey = (venue: VenueId, symbol: string) => `${venue}:${symbol}`;

  function refreshMarket(venue: VenueId, symbol: string): Promise<void> {
    return deps
      .snapshot(venue, symbol)
      .catch((err: unknown): SnapshotReply => ({
        ok: false,
        error: { kind: 'network', venue, endpoint: '', message: err instanceof Error ? err.message : 'market data failed' },
      }))
      .then((reply) => {
        const key = marketKey(venue, symbol);
        const next = nextMarketState(markets.get(key) ?? { status: 'loading' }, reply);
        markets.delete(key);
        markets.set(key, next);
        if (markets.size > MAX_MARKETS) markets.delete(markets.keys().next().value ?? '');
      });
  }

  function apiPositions(venue: WalletVenueId, address: string): Promise<ApiPositions> {
    const key = `${venue}:${address}`;
    const hit = api.get(key);
    if (hit && deps.now() - hit.at < POSITIONS_EVERY_MS) return hit.result;
    const result = deps.positions(venue, address).then(
      (r): ApiPositions => (r.ok ? { positions: r.positions } : { error: r.error }),
      (err: unknown): ApiPositions => ({
        error: { kind: 'network', venue, endpoint: '', message: err instanceof Error ? err.message : 'positions request failed' },
      }),
    );
    api.set(key, { at: deps.now(), result });
    for (const [k, e] of api) if (deps.now() - e.at >= POSITIONS_EVERY_MS) api.delete(k);
    return result;
  }

  /** What the panel lists: API positions cross-checked with the page when an address is known, else the page. */
  function shown(venue: VenueId, page: PageRead | null, fromApi: ApiPositions | null): { read: PageRead | null; source: 'page' | 'api' } {
    if (!fromApi) return { read: page, source: 'page' };
    const name = VENUE_NAMES[venue];
    if ('error' in fromApi) {
      const note = `${name} API unavailable for your address (${fromApi.error.message}); reading the page.`;
      return { read: page ? { ...page, notes: [...page.notes, note] } : page, source: 'page' };
    }
    const merged = mergeApiWithPage(fromApi.positions, page, name);
    return { read: { status: 'ok', rows: merged.rows, notes: [...(page?.notes ?? []), ...merged.notes] }, source: 'api' };
  }

  /**
   * `report` hands the held positions to the alerts and the badge (`positions.report` semantics),
   * on changes and once a minute — never on every tick. `unreadable` names the rows the page still
   * shows but that cannot be read now: the alerts keep what they knew of them.
   */
  async function view(
    req: PanelViewRequest,
    tabId: number | undefined,
    report: (venue: VenueId, positions: Position[], unreadable: RowIdentity[]) => void,
  ): Promise<PanelViewReply> {
    const settings = await deps.settings();
    if (!settings.venues[req.venue]) return { enabled: false };
    const page = req.read ? liquidations.resolve(tabId, checkRows(req.read, req.venue)) : null;

    const addressVenue = isWalletVenue(req.venue) ? req.venue : null;
    const address = addressVenue ? (req.address ?? settings.wallets[addressVenue] ?? null) : null;
    const fromApi = addressVenue && address ? apiPositions(addressVenue, address) : null;

    const hand = ((await deps.handPositions?.().catch(() => [])) ?? []).filter((h) => h.venue === req.venue);
    const pageSymbols = (page?.rows ?? []).map((r) => (r.ok ? r.position.symbol : r.symbol));
    const wanted = new Set([req.symbol, ...pageSymbols.filter((s): s is string => s !== null), ...hand.map((h) => h.symbol)]);
    const refreshing = Promise.all([...wanted].map((s) => refreshMarket(req.venue, s)));
    // A cold market answers once its data is in (the complete panel at once); a slow venue cannot
    // hold the panel back for long: it shows "loading" and the next view picks the data up.
    await Promise.race([Promise.all([refreshing, fromApi]), wait(MARKET_WAIT_MS)]);

    const apiNow = fromApi ? await Promise.race([fromApi, Promise.resolve(null)]) : null;
    const fromSource = shown(req.venue, page, apiNow);
    // The trader's typed positions join the panel, never the report: the alerts and the badge hold
    // what the page or the API showed.
    const s = { ...fromSource, read: withHandRows(fromSource.read, hand) };
    for (const r of s.read?.rows ?? []) if (r.ok) wanted.add(r.position.symbol);
    for (const sym of wanted) if (!markets.has(marketKey(req.venue, sym))) void refreshMarket(req.venue, sym).catch(() => undefined);

    if (tabId !== undefined && fromSource.read?.status === 'ok') {
      let throttle = throttles.get(tabId);
      if (!throttle) throttles.set(tabId, (throttle = createReportThrottle()));
      const held = fromSource.read.rows.flatMap((r) => (r.ok ? [r.position] : []));
      const unreadable = fromSource.read.rows.flatMap((r) => (!r.ok && r.symbol !== null && r.side !== null ? [{ symbol: r.symbol, side: r.side }] : []));
      if (throttle.due(held, deps.now(), unreadable)) report(req.venue, held, unreadable);
    }

    // A setting the trader never changed on this venue's panel follows the options.
    const prefs: ViewPrefs = shownPrefs(req.prefs, { window: settings.defaultWindow, privacy: settings.privacyMode });
    const local = new Map<string, MarketState>();
    const contractValues: Record<string, number> = {};
    for (const sym of wanted) {
      const m = markets.get(marketKey(req.venue, sym));
      if (!m) continue;
      local.set(sym, m);
      if (m.status === 'ready') contractValues[sym] = m.snapshot.contractValue;
    }
    const alerts = (await deps.recentAlerts?.().catch(() => []))?.filter((a) => deps.now() - a.at <= ALERT_SHOWN_MS) ?? [];
    const { tree, live } = panelTree({
      alerts,
      venue: req.venue,
      symbol: req.symbol,
      read: s.read,
      positionSource: s.source,
      markets: local,
      now: deps.now(),
      staleAfterMs: staleAfterMs(settings.refresh.quoteSeconds * 1000),
      prefs,
      view: { ...settings.bands, thresholds: settings.regimeThresholds },
    });
    const last = tabId === undefined ? undefined : sent.get(tabId);
    const version = (last?.version ?? 0) + 1;
    if (tabId !== undefined) {
      sent.delete(tabId);
      sent.set(tabId, { version, tree });
      if (sent.size > MAX_TABS) sent.delete(sent.keys().next().value ?? -1);
    }
    const pending = [...wanted].some((sym) => (markets.get(marketKey(req.venue, sym)) ?? { status: 'loading' }).status === 'loading');
    if (last && req.have === last.version) return { enabled: true, version, ops: diffTree(last.tree, tree), prefs, contractValues, live, pending };
    return { enabled: true, version, tree, prefs, contractValues, live, pending, css: PANEL_CSS };
  }

  return {
    view,
    /** The tab closed or left the venue: its report state goes. */
    forgetTab(tabId: number): void {
      throttles.delete(tabId);
      sent.delete(tabId);
      liquidations.forgetTab(tabId);
    },
  };
}
