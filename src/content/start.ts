import { h, render } from 'preact';
import type { PageRead, ReadContext, VenuePageReader } from '../venues/page-reader-types';
import { staleAfterMs } from '../venues/snapshot-types';
import type { PageMatch } from '../venues/types';
import { nextMarketState, type MarketState } from '../ui/market-state';
import { Panel } from '../ui/panel/Panel';
import { DEFAULT_PREFS, type PanelPrefs } from '../ui/panel/prefs';
import { pageLocale } from '../venues/page-kit/locale';
import type { FetchError } from '../venues/market-types';
import { VENUE_NAMES } from '../venues/names';
import type { Position } from '../venues/position-types';
import { mergeApiWithPage } from './merge-positions';
import { extensionAlive, reportPositions, requestPositions, requestSnapshot } from '../messages-client';
import { mountHost, type Mounted } from './mount';
import { loadPrefs, savePrefs } from './prefs-store';
import { watchAnchor, type AnchorWatch } from './watch-anchor';
import { DEFAULT_SETTINGS } from '../settings/defaults';
import type { Settings } from '../settings/schema';
import { loadSettings, onSettingsChanged } from '../settings/store';

const TICK_MS = 1_000;
const SETTINGS_WAIT_MS = 3_000;
// Asking twice per background refresh keeps the shown quote at most one refresh old.
const askEveryMs = () => (settings.refresh.quoteSeconds * 1000) / 2;
/** After this long without the positions table, say so instead of "looking…". */
const GIVE_UP_LOOKING_MS = 15_000;
/** The background forgets a tab's positions after 10 minutes without a report. */
const REPORT_EVERY_MS = 60_000;
/** Changed figures of the same positions are reported at most this often; a new or closed position at once. */
const REPORT_MIN_GAP_MS = 5_000;

/** True when two report keys hold the same (symbol, side) pairs. */
function sameHoldings(a: string, b: string): boolean {
  const pairs = (k: string) => (k ? (JSON.parse(k) as unknown[][]).map((p) => `${String(p[0])}:${String(p[1])}`).join(',') : '');
  return pairs(a) === pairs(b);
}
/** Positions by wallet address (Hyperliquid, dYdX): a cheap request (weight 2 on Hyperliquid). */
const POSITIONS_EVERY_MS = 30_000;

interface Session {
  match: PageMatch;
  mounted: Mounted;
  watch: AnchorWatch | null;
  startedAt: number;
  read: PageRead | null;
  readKey: string;
  markets: Map<string, MarketState>;
  asked: Map<string, number>;
  inFlight: Set<string>;
  prefs: PanelPrefs;
  address: string | null;
  api: { positions: Position[] } | { error: FetchError } | null;
  apiAsked: number;
  reportedKey: string;
  reportedAt: number;
}

/** What one venue's content script brings: its page reader, and where the page exposes a wallet address. */
export interface ContentVenue {
  reader: VenuePageReader;
  /** Venues with a public positions-by-address API (Hyperliquid, dYdX). */
  address?: { venue: 'hyperliquid' | 'dydx'; fromPage: (doc: Document, storage: Pick<Storage, 'getItem'>) => string | null };
}

let venue: ContentVenue;
let session: Session | null = null;
let settings: Settings = DEFAULT_SETTINGS;

/** What the panel lists: API positions cross-checked with the page when an address is known, else the page. */
function shownRead(s: Session): { read: PageRead | null; source: 'page' | 'api' } {
  if (!s.api) return { read: s.read, source: 'page' };
  const name = VENUE_NAMES[s.match.venue];
  if ('error' in s.api) {
    const note = `${name} API unavailable for your address (${s.api.error.message}); reading the page.`;
    return { read: s.read ? { ...s.read, notes: [...s.read.notes, note] } : s.read, source: 'page' };
  }
  const merged = mergeApiWithPage(s.api.positions, s.read, name);
  return { read: { status: 'ok', rows: merged.rows, notes: [...(s.read?.notes ?? []), ...merged.notes] }, source: 'api' };
}

function draw(s: Session): void {
  const shown = shownRead(s);
  render(
    h(Panel, {
      venue: s.match.venue,
      symbol: s.match.symbol,
      read: shown.read,
      positionSource: shown.source,
      markets: s.markets,
      now: Date.now(),
      staleAfterMs: staleAfterMs(settings.refresh.quoteSeconds * 1000),
      prefs: s.prefs,
      view: { dangerBelow: settings.bands.dangerBelow, cautionBelow: settings.bands.cautionBelow, thresholds: settings.regimeThresholds },
      onPrefs: (next: Partial<PanelPrefs>) => {
        s.prefs = { ...s.prefs, ...next };
        savePrefs(s.match.venue, s.prefs);
        draw(s);
      },
    }),
    s.mounted.container,
  );
}

function readContext(s: Session): ReadContext {
  return {
    locale: pageLocale(new URL(location.href), document),
    urlSymbol: s.match.symbol,
    contractValue: (symbol) => {
      const m = s.markets.get(symbol);
      return m?.status === 'ready' ? m.snapshot.contractValue : null;
    },
  };
}

function onRead(s: Session, anchor: Element | null): void {
  if (session !== s) return;
  let read: PageRead | null;
  if (anchor) {
    try {
      read = venue.reader.read(anchor, readContext(s));
    } catch {
      // A reader must not throw; if one does, say so rather than breaking the page.
      read = { status: 'no-table', rows: [], notes: ['PerpLens could not read this page layout'] };
    }
  } else {
    read = Date.now() - s.startedAt > GIVE_UP_LOOKING_MS ? { status: 'no-table', rows: [], notes: [] } : null;
  }
  // Only a real change re-renders: the mark ticking in another row of the page costs one read.
  const key = JSON.stringify(read);
  if (key === s.readKey) return;
  s.readKey = key;
  s.read = read;
  askMarkets(s);
  report(s);
  draw(s);
}

function symbolsOf(s: Session): Set<string> {
  const out = new Set([s.match.symbol]);
  for (const r of shownRead(s).read?.rows ?? []) {
    const sym = r.ok ? r.position.symbol : r.symbol;
    if (sym) out.add(sym);
  }
  return out;
}

function askMarkets(s: Session): void {
  const now = Date.now();
  for (const symbol of symbolsOf(s)) {
    if (s.inFlight.has(symbol) || now - (s.asked.get(symbol) ?? 0) < askEveryMs()) continue;
    s.inFlight.add(symbol);
    s.asked.set(symbol, now);
    void requestSnapshot(s.match.venue, symbol).then((reply) => {
      s.inFlight.delete(symbol);
      if (session !== s) return;
      s.markets.set(symbol, nextMarketState(s.markets.get(symbol) ?? { status: 'loading' }, reply));
      // Sizes in contracts need the contract value the snapshot carries: read again.
      s.readKey = '';
      s.watch?.poke();
      draw(s);
    });
  }
}

/** Positions for the wallet address the page exposes, when the venue publishes them. */
function askPositions(s: Session): void {
  const source = venue.address;
  if (!source) return;
  let address: string | null = null;
  try {
    address = source.fromPage(document, localStorage);
  } catch {
    address = null; // storage blocked by the page's settings
  }
  address ??= settings.wallets[source.venue] ?? null;
  if (address !== s.address) {
    s.address = address;
    s.api = null;
    s.apiAsked = 0;
  }
  if (!address || Date.now() - s.apiAsked < POSITIONS_EVERY_MS) return;
  s.apiAsked = Date.now();
  void requestPositions(source.venue, address).then((reply) => {
    if (session !== s || s.address !== address) return;
    s.api = reply.ok ? { positions: reply.positions } : { error: reply.error };
    askMarkets(s);
    report(s);
    draw(s);
  });
}

function start(match: PageMatch): void {
  stop();
  const s: Session = {
    match,
    mounted: mountHost(document),
    watch: null,
    startedAt: Date.now(),
    read: null,
    readKey: '',
    markets: new Map(),
    asked: new Map(),
    inFlight: new Set(),
    prefs: DEFAULT_PREFS,
    address: null,
    api: null,
    apiAsked: 0,
    reportedKey: '',
    reportedAt: 0,
  };
  session = s;
  draw(s);
  void loadPrefs(match.venue).then((prefs) => {
    if (session !== s) return;
    s.prefs = prefs.stored ? prefs.prefs : { ...prefs.prefs, window: settings.defaultWindow, privacy: settings.privacyMode };
    draw(s);
  });
  s.watch = watchAnchor({ find: () => venue.reader.findAnchor(document), onRead: (a) => onRead(s, a) });
  askPositions(s);
  askMarkets(s);
}

/**
 * Reports the held positions to the background (alerts, badge) when they change — ticks of the mark
 * or PnL are not changes — and at least once a minute, also while the tab is hidden. While the table
 * is still being looked for nothing is reported: unknown is not the same as none.
 */
function report(s: Session): void {
  const shown = shownRead(s).read;
  if (!shown || shown.status !== 'ok') return;
  const positions = shown.rows.flatMap((r) => (r.ok ? [r.position] : []));
  // A cross position's liquidation price and margin move with every tick: not a change worth a report.
  const key = JSON.stringify(positions.map((p) => [p.symbol, p.side, p.size, p.entryPrice, p.marginMode, ...(p.marginMode === 'cross' ? [] : [p.liqPrice, p.margin])]));
  const since = Date.now() - s.reportedAt;
  if (key === s.reportedKey ? since < REPORT_EVERY_MS : since < REPORT_MIN_GAP_MS && sameHoldings(key, s.reportedKey)) return;
  s.reportedKey = key;
  s.reportedAt = Date.now();
  reportPositions(s.match.venue, positions);
}

function stop(): void {
  if (!session) return;
  if (session.reportedKey) reportPositions(session.match.venue, []);
  session.watch?.stop();
  render(null, session.mounted.container);
  session.mounted.remove();
  session = null;
}

function sameMatch(a: PageMatch | null, b: PageMatch | null): boolean {
  return a?.venue === b?.venue && a?.symbol === b?.symbol;
}

// One slow tick drives the countdowns, the single-page app's route changes and the market refresh;
// nothing runs while the tab is hidden. After an extension update this script is orphaned: it stops
// quietly instead of throwing "Extension context invalidated".
function matchHere(): PageMatch | null {
  const symbol = venue.reader.matchUrl(new URL(location.href));
  return symbol ? { venue: venue.reader.venue, symbol } : null;
}

let timer: ReturnType<typeof setInterval> | undefined;

function tick(): void {
  if (!extensionAlive()) {
    clearInterval(timer);
    stop();
    return;
  }
  if (session && document.hidden && Date.now() - session.reportedAt >= REPORT_EVERY_MS) {
    // Frames do not run in hidden tabs, so the last read may be old: read once more before reporting.
    askPositions(session);
    onRead(session, venue.reader.findAnchor(document));
  }
  if (session) report(session);
  if (document.hidden) return;
  const match = settings.venues[venue.reader.venue] ? matchHere() : null;
  if (!sameMatch(match, session?.match ?? null)) {
    if (match) start(match);
    else stop();
    return;
  }
  if (!session) return;
  session.mounted.ensureAttached();
  if (!session.read && Date.now() - session.startedAt > GIVE_UP_LOOKING_MS) session.watch?.poke();
  askPositions(session);
  askMarkets(session);
  draw(session);
}

/**
 * Starts PerpLens on a venue's pages. Each venue has its own content script (src/content/<venue>.ts)
 * so a page loads only its own reader.
 */
export function startContent(v: ContentVenue): void {
  venue = v;
  // The options page can switch a venue off, set the bands, the default window and wallet addresses.
  // Storage that never answers must not keep the panel away: defaults after a few seconds.
  let changed = false;
  const fallback = new Promise<Settings>((resolve) => setTimeout(() => resolve(DEFAULT_SETTINGS), SETTINGS_WAIT_MS));
  void Promise.race([loadSettings(), fallback]).then((loaded) => {
    if (!changed) settings = loaded;
    const initial = settings.venues[v.reader.venue] ? matchHere() : null;
    if (initial) start(initial);
    timer = setInterval(tick, TICK_MS);
  });
  onSettingsChanged((next) => {
    changed = true;
    settings = next;
    if (session) draw(session);
  });
}
