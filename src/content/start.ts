import type { PanelViewRequest } from '../protocol/messages';
import type { WalletVenueId } from '../venues/registry';
import { DEFAULT_PREFS, overrides, type PanelPrefs } from '../protocol/panel-prefs';
import { applyOps, h, type TreeElement } from '../protocol/tree';
import { pageLocale } from '../venues/page-kit/locale';
import type { PageRead, ReadContext, RowRead, VenuePageReader } from '../venues/page-reader-types';
import type { PageMatch } from '../venues/types';
import { askView, reportNone, type ViewAnswer } from './ask-view';
import { extensionAlive } from '../platform/extension';
import { clockKey, liveUpdate, steadyKey } from './live-update';
import { mountHost, type Mounted } from './mount';
import { createRenderer } from './patch';
import { listenToPanel } from './panel-input';
import type { Session } from './session';
import { createPlacer } from './panel-place';
import { loadPrefs, savePrefs } from './prefs-store';
import { watchAnchor } from './watch-anchor';
import { WALLET_ADDRESS } from '../protocol/patterns';

const TICK_MS = 1_000;
/**
 * The background is asked this often while nothing changes (ages, staleness, the market refresh);
 * countdowns and mark-driven figures move on the page in between, and a change in the positions
 * asks at once. The market refresh the trader sets in the options (15 s and up) happens at an ask,
 * so this is also how late a refresh can be: 10 s turned a 15 s setting into 20 s.
 */
const ASK_EVERY_MS = 5_000;
/** While the background's panel waits for market data, it is asked again this soon. */
const ASK_PENDING_MS = 1_000;
/** After this long without the positions table, say so instead of "looking…". */
const GIVE_UP_LOOKING_MS = 15_000;
/** A venue switched off in the options is asked about again this often. */
const DISABLED_RECHECK_MS = 5_000;
/** Rows sent to the background at most; the rest are counted in a note (a hostile 10 000-row table). */
const MAX_ROWS = 100;
// Same rule as the background's schema: a malformed address would make the whole request invalid.

/** What one venue's content script brings: its page reader, and where the page exposes a wallet address. */
export interface ContentVenue {
  reader: VenuePageReader;
  /** Venues with a public positions-by-address API (Hyperliquid, dYdX). */
  address?: { venue: WalletVenueId; fromPage: (doc: Document, storage: Pick<Storage, 'getItem'>) => string | null };
}

let venue: ContentVenue;
let session: Session | null = null;

// The address and the page's language change rarely; reads and ticks happen several times a second.
let lastHref = '';
let lastLang: string | null = null;
let lastLocale = 'en';

function localeHere(): string {
  const lang = document.documentElement.getAttribute('lang');
  if (location.href !== lastHref || lang !== lastLang) {
    lastLocale = pageLocale(new URL(location.href), document);
    lastLang = lang;
    lastHref = location.href;
  }
  return lastLocale;
}

function readContext(s: Session, layoutEpoch: number | undefined): ReadContext {
  return {
    layoutEpoch,
    locale: localeHere(),
    urlSymbol: s.match.symbol,
    contractValue: (symbol) => s.contractValues[symbol] ?? null,
  };
}

function onRead(s: Session, anchor: Element | null, opts: { layoutEpoch?: number } = {}): void {
  if (session !== s) return;
  let read: PageRead | null;
  if (anchor) {
    try {
      read = venue.reader.read(anchor, readContext(s, opts.layoutEpoch));
    } catch {
      // A reader must not throw; if one does, say so rather than breaking the page.
      read = { status: 'no-table', rows: [], notes: ['PerpLens could not read this page layout'] };
    }
  } else {
    read = Date.now() - s.startedAt > GIVE_UP_LOOKING_MS ? { status: 'no-table', rows: [], notes: [] } : null;
  }
  // Only a real change is sent: the mark ticking in another row of the page costs one read.
  const key = JSON.stringify(read);
  if (key === s.readKey) return;
  s.readKey = key;
  s.read = read;
  s.readSteady = steadyKey(read);
  // Only the mark (and PnL) moved: the page moves the figures that follow it, and the background
  // hears of it at the next tick rather than at every tick of the market.
  if (s.tree && s.renderer && s.mounted && s.readSteady === s.sentSteady) draw(s, s.mounted, s.renderer);
  else ask(s);
}

/** The background's panel, with the mark-driven figures moved to the page's latest mark. */
function draw(s: Session, mounted: Mounted, renderer: ReturnType<typeof createRenderer>): void {
  if (!s.tree) return;
  const read = s.readSteady === s.sentSteady ? s.read : null;
  const now = Date.now();
  s.drawnClock = clockKey(s.tree, now);
  const shown = liveUpdate(s.tree, s.live, read, now) ?? s.tree;
  renderer.render(shown, () => place(s));
}

/** The page's symbol first, at most MAX_ROWS rows. */
function wireRead(s: Session): PageRead | null {
  const read = s.read;
  if (!read || read.rows.length <= MAX_ROWS) return read;
  const sym = (r: RowRead) => (r.ok ? r.position.symbol : r.symbol);
  const rows = [...read.rows.filter((r) => sym(r) === s.match.symbol), ...read.rows.filter((r) => sym(r) !== s.match.symbol)].slice(0, MAX_ROWS);
  return { ...read, rows, notes: [...read.notes.slice(0, 19), `${read.rows.length - MAX_ROWS} more positions on this page are not shown.`] };
}

function pageAddress(): string | null {
  const source = venue.address;
  if (!source) return null;
  try {
    const a = source.fromPage(document, localStorage);
    return a && WALLET_ADDRESS.test(a) ? a : null;
  } catch {
    return null; // storage blocked by the page's settings
  }
}

/** One question to the background at a time; a change meanwhile asks again when the answer is in. */
function ask(s: Session): void {
  if (!s.prefsLoaded) return;
  // A hidden tab asks nothing; once shown, the watch's fresh read asks (onVisibility).
  if (document.hidden) return;
  if (s.inFlight) {
    s.again = true;
    return;
  }
  s.inFlight = true;
  s.askedAt = Date.now();
  s.sentSteady = s.readSteady;
  const p = s.prefs;
  const request: PanelViewRequest = {
    type: 'panel.view',
    venue: s.match.venue,
    symbol: s.match.symbol,
    read: wireRead(s),
    address: pageAddress(),
    prefs: p ? overrides(p) : null,
    have: s.tree ? s.version : null,
  };
  void askView(request).then((answer) => {
    s.inFlight = false;
    if (session !== s) return;
    apply(s, answer);
    if (s.again) {
      s.again = false;
      ask(s);
    }
  });
}

function failureTree(message: string): TreeElement {
  return h(
    'aside',
    { class: 'panel', role: 'complementary', 'aria-label': 'PerpLens' },
    h('header', {}, h('span', { class: 'brand' }, 'PerpLens')),
    h('div', { class: 'body' }, h('p', { class: 'status error', role: 'status' }, message)),
  );
}

function apply(s: Session, answer: ViewAnswer): void {
  if ('enabled' in answer && !answer.enabled) {
    s.disabled = true;
    unmount(s);
    return;
  }
  s.disabled = false;
  const { mounted, renderer } = mount(s);
  if ('failed' in answer) {
    // A worker restart drops the port once: the last panel stays until a second failure in a row.
    s.failures++;
    if (s.tree && s.failures < 2) return;
    s.tree = null;
    s.version = null;
    renderer.render(failureTree(answer.failed), () => place(s));
    return;
  }
  s.failures = 0;
  const tree = 'tree' in answer ? answer.tree : s.tree && applyOps(s.tree, answer.ops);
  if (!tree) {
    // Changes to a panel this tab does not hold: ask for the whole panel.
    s.tree = null;
    s.version = null;
    s.again = true;
    return;
  }
  if ('css' in answer && answer.css) mounted.setCss(answer.css);
  s.tree = tree;
  s.version = answer.version;
  s.live = answer.live;
  s.shown = answer.prefs;
  // Sizes in contracts need the contract value the market data carries: read again when it changes.
  if (JSON.stringify(answer.contractValues) !== JSON.stringify(s.contractValues)) {
    s.contractValues = answer.contractValues;
    s.readKey = '';
    s.watch?.poke();
  }
  s.pending = answer.pending === true;
  draw(s, mounted, renderer);
  if (s.focusWindow) {
    mounted.container.querySelector<HTMLElement>(`[data-window="${s.focusWindow}"]`)?.focus();
    s.focusWindow = null;
  }
  if (s.focusCard) {
    for (const b of mounted.container.querySelectorAll<HTMLElement>('[data-action="card"]')) if (b.dataset.card === s.focusCard) b.focus();
    s.focusCard = null;
  }
}

/** The panel's place after a render: the placer writes styles only (panel-place.ts). */
function place(s: Session): void {
  s.placer?.afterRender();
}

function setPrefs(s: Session, next: Partial<PanelPrefs>): void {
  // Only what the trader changes here is stored: the options' defaults keep applying to the rest.
  s.prefs = { ...DEFAULT_PREFS, ...s.prefs, ...next };
  savePrefs(s.match.venue, s.prefs);
  ask(s);
}

function mount(s: Session): { mounted: Mounted; renderer: ReturnType<typeof createRenderer> } {
  if (s.mounted && s.renderer) return { mounted: s.mounted, renderer: s.renderer };
  const mounted = mountHost(document);
  const renderer = createRenderer(mounted.container);
  s.mounted = mounted;
  s.renderer = renderer;
  s.placer = createPlacer(mounted, () => (s.prefs && s.prefs.x !== null && s.prefs.y !== null ? { x: s.prefs.x, y: s.prefs.y } : null));
  s.listening = new AbortController();
  listenToPanel(s, mounted, setPrefs, s.listening.signal);
  s.watch = watchAnchor({ find: () => venue.reader.findAnchor(document), onRead: (a, layoutEpoch) => onRead(s, a, { layoutEpoch }) });
  return { mounted, renderer };
}

function unmount(s: Session): void {
  s.listening?.abort();
  s.listening = null;
  s.watch?.stop();
  s.watch = null;
  s.renderer?.stop();
  s.placer?.stop();
  s.placer = null;
  s.renderer = null;
  s.mounted?.remove();
  s.mounted = null;
  s.read = null;
  s.readSteady = steadyKey(null);
  s.readKey = '';
  s.tree = null;
  s.version = null;
}

function start(match: PageMatch): void {
  stop();
  const s: Session = {
    match,
    mounted: null,
    renderer: null,
    watch: null,
    startedAt: Date.now(),
    read: null,
    readSteady: steadyKey(null),
    readKey: '',
    prefs: null,
    prefsLoaded: false,
    shown: { collapsed: false, window: '4h', privacy: false, expanded: [] },
    contractValues: {},
    tree: null,
    version: null,
    live: [],
    drawnClock: '',
    sentSteady: '',
    inFlight: false,
    again: false,
    askedAt: 0,
    disabled: false,
    failures: 0,
    focusWindow: null,
    focusCard: null,
    placer: null,
    pending: false,
    listening: null,
  };
  session = s;
  void loadPrefs(match.venue).then((prefs) => {
    if (session !== s) return;
    s.prefs = prefs;
    s.prefsLoaded = true;
    ask(s);
  });
}

function stop(): void {
  if (!session) return;
  if (session.read?.status === 'ok') reportNone(session.match.venue);
  unmount(session);
  session = null;
}

let matchedHref: string | null = null;
let lastMatch: PageMatch | null = null;
let urlMatched = false;
function matchHere(): PageMatch | null {
  // A URL that names the symbol settles it; one that does not leaves the title, read each tick.
  if (location.href === matchedHref && urlMatched) return lastMatch;
  const url = new URL(location.href);
  const fromUrl = venue.reader.matchUrl(url);
  urlMatched = fromUrl !== null;
  const hrefChanged = location.href !== matchedHref;
  matchedHref = location.href;
  const fromTitle = fromUrl === null ? (venue.reader.matchTitle?.(url, document.title) ?? null) : null;
  // A title that briefly names no market (loading, reconnecting) keeps the symbol it named before on
  // the same URL: closing the panel would also tell the background the positions are gone.
  const symbol = fromUrl ?? fromTitle ?? (hrefChanged ? null : (lastMatch?.symbol ?? null));
  if (symbol !== lastMatch?.symbol) lastMatch = symbol ? { venue: venue.reader.venue, symbol } : null;
  return lastMatch;
}

function sameMatch(a: PageMatch | null, b: PageMatch | null): boolean {
  return a?.venue === b?.venue && a?.symbol === b?.symbol;
}

let timer: ReturnType<typeof setInterval> | undefined;
let orphaned = false;

// Nothing runs while the tab is hidden: no tick, no observer (watch-anchor), no read, no request.
// The background keeps what the tab last reported, for the alerts and the badge, until the tab
// closes or leaves the venue (background/alerts/store.ts). Shown again, the page is read afresh
// and the background asked once, by the watch's read rather than by the tick.
function onVisibility(): void {
  if (document.hidden) {
    clearInterval(timer);
    timer = undefined;
    return;
  }
  if (timer !== undefined || orphaned) return;
  const s = session;
  if (s) {
    s.readKey = '';
    s.sentSteady = '';
    s.askedAt = Date.now();
  }
  timer = setInterval(tick, TICK_MS);
  tick();
}

// One slow tick drives the countdowns, the single-page app's route changes, the anchor's poll and
// the market refresh. After an extension update this script is orphaned: it stops quietly instead
// of throwing "Extension context invalidated".
function tick(): void {
  if (!extensionAlive()) {
    orphaned = true;
    clearInterval(timer);
    timer = undefined;
    stop();
    return;
  }
  const s = session;
  const since = s ? Date.now() - s.askedAt : 0;
  const match = matchHere();
  if (!sameMatch(match, s?.match ?? null)) {
    if (match) start(match);
    else stop();
    return;
  }
  if (!s) return;
  s.watch?.poll();
  if (s.disabled) {
    if (since >= DISABLED_RECHECK_MS) ask(s);
    return;
  }
  s.mounted?.ensureAttached();
  if (!s.read && Date.now() - s.startedAt > GIVE_UP_LOOKING_MS) s.watch?.poke();
  if (since >= (s.pending ? ASK_PENDING_MS : ASK_EVERY_MS)) ask(s);
  // Redrawn only when a countdown moves, or to put back what the page wrote into the panel.
  else if (s.mounted && s.renderer && s.tree && (clockKey(s.tree, Date.now()) !== s.drawnClock || s.renderer.tampered())) draw(s, s.mounted, s.renderer);
}

/**
 * Starts PerpLens on a venue's pages. Each venue has its own content script (src/content/<venue>.ts)
 * so a page loads only its own reader; the background turns what it reads into the panel.
 */
export function startContent(v: ContentVenue): void {
  venue = v;
  document.addEventListener('visibilitychange', onVisibility);
  let resizing: ReturnType<typeof setTimeout> | undefined;
  window.addEventListener('resize', () => {
    clearTimeout(resizing);
    resizing = setTimeout(() => {
      session?.placer?.resized();
    }, 150);
  });
  // The first tick starts the session: at once in a visible tab, when shown in one opened behind.
  onVisibility();
}
