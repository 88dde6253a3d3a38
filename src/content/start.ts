import { h, render } from 'preact';
import type { PageRead, ReadContext, VenuePageReader } from '../venues/page-reader-types';
import { QUOTE_REFRESH_MS, QUOTE_STALE_AFTER_MS } from '../venues/snapshot-types';
import type { PageMatch } from '../venues/types';
import { nextMarketState, type MarketState } from '../ui/market-state';
import { Panel } from '../ui/panel/Panel';
import { DEFAULT_PREFS, type PanelPrefs } from '../ui/panel/prefs';
import { pageLocale } from '../venues/page-kit/locale';
import type { FetchError } from '../venues/market-types';
import { VENUE_NAMES } from '../venues/names';
import type { Position } from '../venues/position-types';
import { mergeApiWithPage } from './merge-positions';
import { extensionAlive, requestPositions, requestSnapshot } from './messaging';
import { mountHost, type Mounted } from './mount';
import { loadPrefs, savePrefs } from './prefs-store';
import { watchAnchor, type AnchorWatch } from './watch-anchor';

const TICK_MS = 1_000;
// Asking twice per background refresh keeps the shown quote at most one refresh old.
const ASK_EVERY_MS = QUOTE_REFRESH_MS / 2;
/** After this long without the positions table, say so instead of "looking…". */
const GIVE_UP_LOOKING_MS = 15_000;
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
}

/** What one venue's content script brings: its page reader, and where the page exposes a wallet address. */
export interface ContentVenue {
  reader: VenuePageReader;
  /** Venues with a public positions-by-address API (Hyperliquid, dYdX). */
  address?: { venue: 'hyperliquid' | 'dydx'; fromPage: (doc: Document, storage: Pick<Storage, 'getItem'>) => string | null };
}

let venue: ContentVenue;
let session: Session | null = null;

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
      staleAfterMs: QUOTE_STALE_AFTER_MS,
      prefs: s.prefs,
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
    if (s.inFlight.has(symbol) || now - (s.asked.get(symbol) ?? 0) < ASK_EVERY_MS) continue;
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
  };
  session = s;
  draw(s);
  void loadPrefs(match.venue).then((prefs) => {
    if (session !== s) return;
    s.prefs = prefs;
    draw(s);
  });
  s.watch = watchAnchor({ find: () => venue.reader.findAnchor(document), onRead: (a) => onRead(s, a) });
  askPositions(s);
  askMarkets(s);
}

function stop(): void {
  if (!session) return;
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
  if (document.hidden) return;
  const match = matchHere();
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
  const initial = matchHere();
  if (initial) start(initial);
  timer = setInterval(tick, TICK_MS);
}
