import type { Side } from '../core/types';
import { h, type TreeElement } from '../protocol/tree';
import { formatPercent, formatPrice } from './format';
import { estNotional, type ReadyZones } from './zone-fields';

// A small price ladder around the mark: the modelled liquidations as horizontal bars (longs and
// shorts), the zones marked, and the mark, the entry and the position's liquidation price on their
// rows. Built as a tree (no inline styles: bar widths are classes w0–w10), so the panel draws it
// through the page-side patcher and the popup through TreeView.

export const LADDER_ROWS = 21;
/** The ladder spans at least ±6% and at most the model's ±25%, stretched to show the liquidation and entry. */
const MIN_SPAN = 0.06;
const MAX_SPAN = 0.25;

export interface LadderMarks {
  entry?: number | null;
  liq?: number | null;
  side?: Side;
}

interface Row {
  lo: number;
  hi: number;
  long: number;
  short: number;
  zoneLong: boolean;
  zoneShort: boolean;
  tags: string[];
}

function span(mark: number, marks: LadderMarks): number {
  let s = MIN_SPAN;
  for (const p of [marks.entry, marks.liq]) if (p && p > 0) s = Math.max(s, (Math.abs(p - mark) / mark) * 1.15);
  return Math.min(MAX_SPAN, s);
}

function rowsOf(z: ReadyZones, marks: LadderMarks): Row[] {
  const P = z.map.mark;
  const s = span(P, marks);
  const step = (2 * s * P) / LADDER_ROWS;
  const top = P * (1 + s);
  const rows: Row[] = Array.from({ length: LADDER_ROWS }, (_, i) => ({
    hi: top - i * step,
    lo: top - (i + 1) * step,
    long: 0,
    short: 0,
    zoneLong: false,
    zoneShort: false,
    tags: [],
  }));
  const at = (price: number): Row | undefined => rows.find((r) => price >= r.lo && price < r.hi);
  for (const b of z.map.bins) {
    const r = at(b.price);
    if (!r) continue;
    r.long += b.long;
    r.short += b.short;
  }
  for (const b of z.map.zones.long) {
    const r = at(b.price);
    if (r) r.zoneLong = true;
  }
  for (const b of z.map.zones.short) {
    const r = at(b.price);
    if (r) r.zoneShort = true;
  }
  at(P)?.tags.push('mark');
  if (marks.entry && marks.entry > 0) at(marks.entry)?.tags.push('entry');
  if (marks.liq && marks.liq > 0) at(marks.liq)?.tags.push('liq');
  return rows;
}

const width = (x: number, max: number): string => `w${max > 0 ? Math.round((10 * x) / max) : 0}`;

/** The ladder, with a text summary for screen readers and the hover. */
export function zoneLadder(z: ReadyZones, marks: LadderMarks, quote: string | null): TreeElement {
  const rows = rowsOf(z, marks);
  const max = Math.max(...rows.map((r) => Math.max(r.long, r.short)));
  const P = z.map.mark;
  const zoneWords = (side: Side) =>
    z.map.zones[side].length
      ? z.map.zones[side].map((b) => `${formatPrice(b.price)} (${formatPercent((b.price - P) / P, 1, true)}, ${estNotional(b[side], quote)})`).join(', ')
      : 'none';
  const summary =
    `Modelled liquidations from ${formatPercent(-(rows[0] ? rows[0].hi - P : 0) / P, 1)} to ${formatPercent(((rows[0]?.hi ?? P) - P) / P, 1, true)} around the mark ${formatPrice(P)}: ` +
    `long clusters ${zoneWords('long')}; short clusters ${zoneWords('short')}` +
    (marks.liq ? `; your liquidation ${formatPrice(marks.liq)}` : '') +
    (marks.entry ? `; your entry ${formatPrice(marks.entry)}` : '');
  return h(
    'div',
    { class: 'ladder', role: 'img', 'aria-label': summary, title: summary, 'data-ladder': '' },
    ...rows.map((r) => {
      const mid = (r.lo + r.hi) / 2;
      const label = r.tags.length
        ? `${r.tags.join(' · ')} ${formatPrice(r.tags.includes('liq') && marks.liq ? marks.liq : r.tags.includes('mark') ? P : r.tags.includes('entry') && marks.entry ? marks.entry : mid)}`
        : '';
      return h(
        'div',
        { class: `lad-row${r.tags.map((t) => ` at-${t}`).join('')}`, 'data-price': mid.toPrecision(6) },
        h('span', { class: 'lad-l' }, h('span', { class: `bar long ${width(r.long, max)}${r.zoneLong ? ' zone' : ''}` })),
        h('span', { class: 'lad-s' }, h('span', { class: `bar short ${width(r.short, max)}${r.zoneShort ? ' zone' : ''}` })),
        h('span', { class: 'lad-tag' }, label),
      );
    }),
  );
}
