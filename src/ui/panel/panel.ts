import type { ViewSettings } from '../../core';
import type { PageRead, RowRead } from '../../venues/page-reader-types';
import { VENUE_NAMES } from '../../venues/names';
import { quoteFromSymbol } from '../../venues/quote-currency';
import type { VenueId } from '../../venues/types';
import { formatAge } from '../format';
import type { MarketState } from '../market-state';
import { contractState } from '../market-state';
import { h, type TreeElement } from '../../protocol/tree';
import { marketBlock } from './market-block';
import type { LiveCard } from '../../protocol/live-card';
import { positionCard, type Card, type SentAlert } from './position-card';
import { cardKey, type ShownPrefs } from '../../protocol/panel-prefs';

export interface PanelProps {
  venue: VenueId;
  symbol: string;
  /** null until the positions table has been looked for. */
  read: PageRead | null;
  /** Where the positions came from: the page, or the venue's public API for a wallet address. */
  positionSource: 'page' | 'api';
  markets: ReadonlyMap<string, MarketState>;
  now: number;
  staleAfterMs: number;
  prefs: ShownPrefs;
  /** The user's bands and regime thresholds (options page). */
  view: Omit<ViewSettings, 'window'>;
  /** Alerts fired lately, newest first (each card shows those for its position). */
  alerts?: readonly SentAlert[];
}

const rowSymbol = (r: RowRead) => (r.ok ? r.position.symbol : r.symbol);

/** Worst first: unreadable and at liquidation, then danger, caution, calm, unknown; nearest first within a band. */
function worstFirst(cards: Card[]): Card[] {
  return cards
    .map((c, i) => ({ c, i }))
    .sort((a, b) => a.c.rank - b.c.rank || a.c.distance - b.c.distance || a.i - b.i)
    .map((x) => x.c);
}

/**
 * The collapsed panel's line: one chip per position, worst first, coloured by its band, with the
 * crowded mark. Each chip names its card (`data-pill-card`), so the page moves its distance with the
 * mark between two panels from the background, as it moves the card's own figures.
 */
function pill(cards: Card[], fallback: string): (string | TreeElement)[] {
  if (cards.length === 0) return [fallback];
  return cards.flatMap((c, i) => [
    i > 0 ? ' ' : '',
    h(
      'span',
      { class: `chip tone-${c.chip.band}`, 'data-pill-card': String(i), title: c.chip.summary },
      `${c.chip.symbol} ${c.chip.side === 'long' ? 'L' : 'S'} `,
      h('span', { class: 'num' }, c.chip.text),
      c.chip.crowded ? h('span', { class: 'crowd', title: "You're on the crowded side" }, ' ⚑') : '',
    ),
  ]);
}

/**
 * Market-data failures once per cause, not once per card and figure: "BTCUSDT, ETHUSDT: Binance
 * answered 451…". A market kept from before a failed refresh says how old it is.
 */
function failureLines(markets: ReadonlyMap<string, MarketState>, symbols: readonly string[], now: number, staleAfterMs: number): TreeElement[] {
  const byCause = new Map<string, string[]>();
  for (const sym of symbols) {
    const m = markets.get(sym);
    if (!m) continue;
    let cause: string | null = null;
    if (m.status === 'failed') cause = `No market data: ${m.error.message}`;
    else if (m.status === 'ready' && contractState(m, now, staleAfterMs).state === 'stale') {
      cause = `Market data ${formatAge(Math.max(0, now - m.snapshot.quote.fetchedAt))} old${m.error ? `: ${m.error.message}` : ''}`;
    }
    if (cause) byCause.set(cause, [...(byCause.get(cause) ?? []), sym]);
  }
  return [...byCause].map(([cause, syms]) =>
    h('p', { class: `status ${cause.startsWith('No') ? 'error' : 'stale'}`, role: 'status' }, `${syms.join(', ')}: ${cause}. Distances still use the page.`),
  );
}

/**
 * The whole panel as a tree. Its buttons carry `data-action` (privacy, ask, collapse, card, window); the
 * content script owns dragging, placement, the keyboard and the remembered position.
 */
export function panelTree(props: PanelProps): { tree: TreeElement; live: (LiveCard | null)[] } {
  const { prefs } = props;
  const rows = props.read?.rows ?? [];
  const settings: ViewSettings = { ...props.view, window: prefs.window };
  const empty = props.read?.status === 'ok' && rows.length === 0;
  const venueName = VENUE_NAMES[props.venue];
  const cards = worstFirst(
    rows.map((row) => {
      const sym = rowSymbol(row) ?? '';
      const market = props.markets.get(sym);
      const snapshot = market?.status === 'ready' ? market.snapshot : null;
      return positionCard({
        venue: props.venue,
        row,
        market,
        settings,
        now: props.now,
        staleAfterMs: props.staleAfterMs,
        privacy: prefs.privacy,
        open: row.ok && prefs.expanded.includes(cardKey(row.position.symbol, row.position.side)),
        quote: snapshot?.quoteCurrency ?? quoteFromSymbol(props.venue, sym),
        alerts: props.alerts ?? [],
      });
    }),
  );
  const symbols = [...new Set([props.symbol, ...rows.map(rowSymbol).filter((s): s is string => s !== null)])];
  // The page's own mark drives every figure; the market data's is the fallback when the page shows none.
  const pageMark = rows.find((r) => r.ok && r.position.symbol === props.symbol && r.position.markPrice !== null);
  const danger = cards.some((c) => c.chip.band === 'danger');

  const tree = h(
    'aside',
    { class: `panel${prefs.collapsed ? ' collapsed' : ''}${danger ? ' in-danger' : ''}`, role: 'complementary', 'aria-label': 'PerpLens' },
    h(
      'header',
      {},
      h('span', { class: 'brand' }, 'PerpLens'),
      h(
        'span',
        { class: 'where', title: `${props.symbol} on ${venueName}` },
        ...(prefs.collapsed ? pill(cards, `${props.symbol} · ${venueName}`) : [`${props.symbol} · ${venueName}`]),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'icon',
          'data-action': 'privacy',
          'aria-pressed': String(prefs.privacy),
          title: prefs.privacy ? 'Show amounts' : 'Hide amounts (privacy mode)',
        },
        prefs.privacy ? '◌' : '●',
      ),
      h(
        'button',
        { type: 'button', class: 'icon', 'data-action': 'ask', 'data-ask': 'options', title: 'PerpLens options', 'aria-label': 'PerpLens options' },
        '⚙',
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'icon',
          'data-action': 'collapse',
          'aria-expanded': String(!prefs.collapsed),
          title: prefs.collapsed ? 'Expand (PerpLens)' : 'Collapse (Esc)',
        },
        prefs.collapsed ? '▴' : '▾',
      ),
    ),
    h(
      'div',
      { class: 'body', hidden: prefs.collapsed },
      marketBlock({
        venue: props.venue,
        symbol: props.symbol,
        state: props.markets.get(props.symbol) ?? { status: 'loading' },
        pageMark: pageMark?.ok ? pageMark.position.markPrice : null,
        now: props.now,
        staleAfterMs: props.staleAfterMs,
        window: prefs.window,
        full: cards.length === 0,
      }),
      failureLines(props.markets, symbols, props.now, props.staleAfterMs),
      props.read === null && h('p', { class: 'status' }, 'Looking for your positions…'),
      props.read?.status === 'loading' && h('p', { class: 'status' }, 'Waiting for the positions table to load…'),
      props.read?.status === 'no-table' &&
        h(
          'p',
          { class: 'status error', role: 'status' },
          "PerpLens can't find the positions table on this page. To follow a position anyway, type it in the overview: ⚙ → Open the overview in a tab → What if → Track by hand.",
        ),
      // For a bug report: the page's shape, anonymised, shown for a preview first (background/layout-report.ts).
      (props.read?.status === 'no-table' || rows.some((r) => !r.ok)) &&
        h(
          'p',
          { class: 'status' },
          h(
            'button',
            {
              type: 'button',
              'data-action': 'ask',
              'data-ask': 'layout-report',
              title: "The page's tags, captions and the shape of its values, never the values: to attach to a bug report",
            },
            'Copy a layout report',
          ),
        ),
      empty && h('p', { class: 'status' }, 'No open position on this page.'),
      props.read?.notes.map((n) => h('p', { class: 'status caution-text' }, n)),
      cards.map((c) => c.el),
      rows.length > 0 &&
        h(
          'p',
          { class: 'source-line' },
          `Positions ${props.positionSource === 'api' ? `from the ${venueName} API (page used as a cross-check)` : 'read from the page'}`,
        ),
    ),
  );
  return { tree, live: cards.map((c) => c.live) };
}
