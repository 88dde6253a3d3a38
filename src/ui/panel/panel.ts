import { positionView, type ViewSettings } from '../../core';
import type { PageRead, RowRead } from '../../venues/page-reader-types';
import { VENUE_NAMES } from '../../venues/names';
import type { VenueId } from '../../venues/types';
import { formatMoney, formatPercent } from '../format';
import type { MarketState } from '../market-state';
import { h, type TreeElement } from '../tree';
import { marketBlock } from './market-block';
import { marketInputs } from './market-inputs';
import { positionCard, type LiveCard, type SentAlert } from './position-card';
import type { ShownPrefs } from './prefs';

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
  view: Pick<ViewSettings, 'dangerBelow' | 'cautionBelow' | 'thresholds'>;
  /** Alerts fired lately, newest first (each card shows those for its position). */
  alerts?: readonly SentAlert[];
}

/** Current symbol first, then the rest as the page lists them. */
function ordered(rows: readonly RowRead[], symbol: string): RowRead[] {
  const sym = (r: RowRead) => (r.ok ? r.position.symbol : r.symbol);
  return [...rows.filter((r) => sym(r) === symbol), ...rows.filter((r) => sym(r) !== symbol)];
}

/**
 * The collapsed panel's one line: the first position's distance and funding per day. The distance
 * sits in its own span naming its card (`data-pill-card`), so the page moves it with the mark between
 * two panels from the background, as it moves the card's own figures (content/live-update.ts).
 */
function pill(props: PanelProps, rows: RowRead[]): (string | TreeElement)[] {
  const at = rows.findIndex((r) => r.ok);
  const first = rows[at];
  if (first?.ok) {
    const m = props.markets.get(first.position.symbol);
    const inputs = m?.status === 'ready' ? marketInputs(m.snapshot, props.prefs.window) : null;
    let v: ReturnType<typeof positionView>;
    try {
      v = positionView({ ...first.position, liqSource: first.position.liqSource ?? (first.position.source === 'api' ? 'api' : 'page') }, inputs, { ...props.view, window: props.prefs.window }, props.now);
    } catch {
      return [`${first.position.symbol} ${first.position.side}`];
    }
    const d = 'value' in v.distance ? `${formatPercent(v.distance.value, 2)} to liq.` : 'distance unknown';
    const f = 'value' in v.perDay && !props.prefs.privacy ? ` · ${v.perDay.value >= 0 ? 'pays' : 'receives'} ${formatMoney(Math.abs(v.perDay.value))}/day` : '';
    return [`${first.position.symbol} ${first.position.side} · `, h('span', { 'data-pill-card': String(at) }, d), f];
  }
  return [`${props.symbol} · ${VENUE_NAMES[props.venue]}`];
}

/**
 * The whole panel as a tree. Its buttons carry `data-action` (privacy, collapse, window); the
 * content script owns dragging, the keyboard and the remembered position.
 */
export function panelTree(props: PanelProps): { tree: TreeElement; live: (LiveCard | null)[] } {
  const { prefs } = props;
  const rows = props.read ? ordered(props.read.rows, props.symbol) : [];
  const settings: ViewSettings = { ...props.view, window: prefs.window };
  const empty = props.read?.status === 'ok' && rows.length === 0;
  const venueName = VENUE_NAMES[props.venue];
  const cards = rows.map((row) =>
    positionCard({
      venue: props.venue,
      row,
      market: props.markets.get(row.ok ? row.position.symbol : (row.symbol ?? '')),
      settings,
      now: props.now,
      staleAfterMs: props.staleAfterMs,
      privacy: prefs.privacy,
      alerts: props.alerts ?? [],
    }),
  );

  const tree = h(
    'aside',
    { class: `panel${prefs.collapsed ? ' collapsed' : ''}`, role: 'complementary', 'aria-label': 'PerpLens' },
    h(
      'header',
      {},
      h('span', { class: 'brand' }, 'PerpLens'),
      h('span', { class: 'where', title: `${props.symbol} on ${venueName}` }, ...(prefs.collapsed ? pill(props, rows) : [`${props.symbol} · ${venueName}`])),
      h('button', { type: 'button', class: 'icon', 'data-action': 'privacy', 'aria-pressed': String(prefs.privacy), title: prefs.privacy ? 'Show amounts' : 'Hide amounts (privacy mode)' }, prefs.privacy ? '◌' : '●'),
      h('button', { type: 'button', class: 'icon', 'data-action': 'collapse', 'aria-expanded': String(!prefs.collapsed), title: prefs.collapsed ? 'Expand (PerpLens)' : 'Collapse (Esc)' }, prefs.collapsed ? '▴' : '▾'),
    ),
    h(
      'div',
      { class: 'body', hidden: prefs.collapsed },
      marketBlock({ venue: props.venue, symbol: props.symbol, state: props.markets.get(props.symbol) ?? { status: 'loading' }, now: props.now, staleAfterMs: props.staleAfterMs, window: prefs.window }),
      props.read === null && h('p', { class: 'status' }, 'Looking for your positions…'),
      props.read?.status === 'loading' && h('p', { class: 'status' }, 'Waiting for the positions table to load…'),
      props.read?.status === 'no-table' && h('p', { class: 'status error', role: 'status' }, "PerpLens can't find the positions table on this page."),
      empty && h('p', { class: 'status' }, 'No open position on this page.'),
      props.read?.notes.map((n) => h('p', { class: 'status caution-text' }, n)),
      rows.length > 0 && h('p', { class: 'source-line' }, `Positions ${props.positionSource === 'api' ? `from the ${venueName} API (page used as a cross-check)` : 'read from the page'}`),
      cards.map((c) => c.el),
    ),
  );
  return { tree, live: cards.map((c) => c.live) };
}
