import { liveFigures } from '../core/live-figures';
import { formatCountdown, formatNumber, formatPercent, formatPrice, formatProbability, formatQuote } from '../ui/format';
import { gaugeLit, gaugeSegments } from '../ui/panel/gauge';
import type { LiveCard } from '../protocol/live-card';
import { applyOps, type TreeElement, type TreeOp } from '../protocol/tree';
import type { PageRead } from '../venues/page-reader-types';

/** A read without the figures that tick (mark, PnL): equal keys mean only the ticking figures moved. */
export function steadyKey(read: PageRead | null): string {
  if (!read) return 'null';
  return JSON.stringify({ ...read, rows: read.rows.map((r) => (r.ok ? { ...r, position: { ...r.position, markPrice: null, unrealizedPnl: null } } : r)) });
}

interface Layout {
  /** Each card, with only the fields that follow the mark (LIVE_FIELDS). */
  cards: { el: TreeElement; path: number[]; fields: { name: string; el: TreeElement; path: number[] }[] }[];
  countdowns: { el: TreeElement; path: number[] }[];
  /** The collapsed pill's chips, each naming the card it describes. */
  pills: { el: TreeElement; path: number[]; card: number }[];
  /** The market line's mark, for the page's symbol. */
  marketMark: { el: TreeElement; path: number[]; symbol: string } | null;
}

/** The figures a card moves with the page's mark between two answers of the background. */
const LIVE_FIELDS = new Set(['mark-price', 'liq-distance', 'liq-sigma', 'liq-touch-24h', 'liq-distance-money', 'band']);

// Where the cards, their figures, the countdowns, the pill's chips and the market line's mark sit,
// found in one walk per panel from the background rather than at every tick.
const layouts = new WeakMap<TreeElement, Layout>();
function layoutOf(tree: TreeElement): Layout {
  const known = layouts.get(tree);
  if (known) return known;
  const layout: Layout = { cards: [], countdowns: [], pills: [], marketMark: null };
  let market: { symbol: string } | null = null;
  const walk = (el: TreeElement, path: number[], card: Layout['cards'][number] | null) => {
    const a = el.a;
    let inCard = card;
    if ('data-perplens-position' in a) {
      inCard = { el, path, fields: [] };
      layout.cards.push(inCard);
    }
    if ('data-perplens-market' in a) market = { symbol: a['data-symbol'] ?? '' };
    const field = a['data-field'];
    if (field !== undefined) {
      if (LIVE_FIELDS.has(field)) inCard?.fields.push({ name: field, el, path });
      if (field === 'next-funding' && a['data-value'] !== '') layout.countdowns.push({ el, path });
      if (field === 'mark-price' && market && !inCard && !layout.marketMark) layout.marketMark = { el, path, symbol: market.symbol };
    }
    const pill = a['data-pill-card'];
    if (pill !== undefined) layout.pills.push({ el, path, card: Number(pill) });
    el.c.forEach((child, i) => {
      if (typeof child !== 'string') walk(child, [...path, i], inCard);
    });
    if ('data-perplens-market' in a) market = null;
  };
  walk(tree, [], null);
  layouts.set(tree, layout);
  return layout;
}

/** The funding countdowns as they read at `now`: the page need not redraw while this stays the same. */
export function clockKey(tree: TreeElement, now: number): string {
  return layoutOf(tree)
    .countdowns.map((c) => formatCountdown(Number(c.el.a['data-value']) - now))
    .join('|');
}

const withValue = (el: TreeElement, value: string, text: string, cls?: string): TreeElement => ({
  t: el.t,
  a: { ...el.a, 'data-value': value, ...(cls === undefined ? {} : { class: cls }) },
  c: [text],
});

/**
 * The panel with each card's mark-driven figures (mark, distance, σ away, chance to touch, the band)
 * moved to the page's new mark — the same maths as the background's (core/live-figures), without a
 * round trip per tick — and the funding countdowns moved to `now`. Without a read (or when the cards
 * and the rows do not pair up one to one) only the countdowns move.
 */
export function liveUpdate(tree: TreeElement, live: readonly (LiveCard | null)[], read: PageRead | null, now: number): TreeElement | null {
  const layout = layoutOf(tree);
  const ops: TreeOp[] = [];
  for (const c of layout.countdowns) {
    const at = Number(c.el.a['data-value']);
    if (Number.isFinite(at)) ops.push({ p: c.path, n: { t: c.el.t, a: c.el.a, c: [formatCountdown(at - now)] } });
  }
  if (read && layout.cards.length === live.length) ops.push(...markOps(layout, live, read));
  return applyOps(tree, ops);
}

function markOps(layout: Layout, live: readonly (LiveCard | null)[], read: PageRead): TreeOp[] {
  const ops: TreeOp[] = [];
  const mm = layout.marketMark;
  const pageRow = mm && read.rows.find((r) => r.ok && r.position.symbol === mm.symbol && r.position.markPrice !== null);
  if (mm && pageRow?.ok && pageRow.position.markPrice !== null) {
    const m = pageRow.position.markPrice;
    ops.push({ p: mm.path, n: withValue(mm.el, String(m), formatPrice(m)) });
  }
  for (const [i, card] of layout.cards.entries()) {
    const l = live[i];
    if (!l) continue;
    const rows = read.rows.filter((r) => r.ok && r.position.symbol === l.symbol && r.position.side === l.side);
    const row = rows[0];
    if (rows.length !== 1 || !row?.ok) return [];
    const mark = row.position.markPrice;
    if (mark === null || mark <= 0) return [];
    const f = liveFigures({ side: l.side, markPrice: mark, liqPrice: l.liqPrice, dailyVol: l.dailyVol, bands: l.bands });
    const sigma = typeof f.sigma === 'number' ? f.sigma : null;
    // The collapsed pill shows the same distance and band as its card.
    for (const pill of layout.pills) {
      if (pill.card !== i) continue;
      const [name, num, ...rest] = pill.el.c;
      const numEl = typeof num === 'object' ? num : null;
      if (name === undefined || !numEl) continue;
      const tone = (pill.el.a.class ?? '').replace(/\s*tone-\w+/g, '');
      ops.push({
        p: pill.path,
        n: { t: pill.el.t, a: { ...pill.el.a, class: `${tone} tone-${f.band}` }, c: [name, { ...numEl, c: [formatPercent(f.distance, 2)] }, ...rest] },
      });
    }
    const cls = (card.el.a.class ?? '').replace(/\s*band-\w+/g, '');
    ops.push({ p: card.path, a: { ...card.el.a, class: `${cls} band-${f.band}` } });
    for (const field of card.fields) {
      const tone = (field.el.a.class ?? '').replace(/\s*tone-\w+/g, '');
      if (field.name === 'mark-price') ops.push({ p: field.path, n: withValue(field.el, String(mark), formatPrice(mark)) });
      else if (field.name === 'liq-distance')
        ops.push({ p: field.path, n: withValue(field.el, String(f.distance), formatPercent(f.distance, 2), `${tone} tone-${f.band}`) });
      else if (field.name === 'liq-sigma' && sigma !== null) ops.push({ p: field.path, n: withValue(field.el, String(sigma), `${formatNumber(sigma, 2)}σ`) });
      else if (field.name === 'liq-touch-24h' && typeof f.touch24h === 'number')
        ops.push({ p: field.path, n: withValue(field.el, String(f.touch24h), formatProbability(f.touch24h)) });
      else if (field.name === 'liq-distance-money' && l.size !== null) {
        const money = f.distance * mark * l.size;
        ops.push({ p: field.path, n: withValue(field.el, String(money), formatQuote(-money, l.quote)) });
      } else if (field.name === 'band') {
        const label = field.el.c[field.el.c.length - 1];
        const sr = typeof label === 'object' ? { ...label, c: [f.band] } : f.band;
        ops.push({
          p: field.path,
          n: {
            t: field.el.t,
            a: { ...field.el.a, 'data-value': f.band, class: `${tone} tone-${f.band}`, 'aria-label': f.band },
            c: [...gaugeSegments(gaugeLit(sigma, f.distance, l.bands)), sr],
          },
        });
      }
    }
  }
  return ops;
}
