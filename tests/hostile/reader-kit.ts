// Shared by the hostile reader tests. Hostile and broken pages at reader level: markup written as text into every cell, tables of
// 10 000 rows, a missing table, half-rendered rows, duplicated and reordered headers. The rule the
// readers must keep: a figure they return is the page's figure or unknown (null / unreadable),
// never another number, and page text only ever comes back as plain strings.
import { expect } from 'vitest';
import { binancePage } from '../../src/venues/binance/page';
import { bybitPage } from '../../src/venues/bybit/page';
import { dydxPage } from '../../src/venues/dydx/page';
import { hyperliquidPage } from '../../src/venues/hyperliquid/page';
import { okxPage } from '../../src/venues/okx/page';
import type { PageRead, ReadContext, RowRead, VenuePageReader } from '../../src/venues/page-reader-types';
import type { Position } from '../../src/venues/position-types';
import { canonicalContext, fixturesIn, parse } from '../pages/harness';

export interface VenueCase {
  venue: string;
  reader: VenuePageReader;
  url: string;
}

export const VENUES: VenueCase[] = [
  { venue: 'binance', reader: binancePage, url: 'https://www.binance.com/en/futures/BTCUSDT' },
  { venue: 'bybit', reader: bybitPage, url: 'https://www.bybit.com/trade/usdt/BTCUSDT' },
  { venue: 'okx', reader: okxPage, url: 'https://www.okx.com/trade-swap/btc-usdt-swap' },
  { venue: 'hyperliquid', reader: hyperliquidPage, url: 'https://app.hyperliquid.xyz/trade/BTC' },
  { venue: 'dydx', reader: dydxPage, url: 'https://dydx.trade/trade/BTC-USD' },
];

/** Page text that would run script or break out of a cell if anything parsed it as HTML. */
export const HOSTILE = [
  '<img src=x onerror="window.__pwned=1">',
  '</td><script>window.__pwned=1</script><td>',
  'javascript:window.__pwned=1',
  '<svg/onload=window.__pwned=1>',
  '"><iframe srcdoc="<script>parent.__pwned=1</script>">',
  '${window.__pwned=1}{{constructor.constructor("window.__pwned=1")()}}',
  '</td><td>99,999.99</td><td>1 BTC',
  '<b>-1,000.5</b>',
  '<a href="javascript:void(0)">60,000.12</a>',
] as const;

export interface Loaded {
  doc: Document;
  anchor: Element;
  ctx: ReadContext;
}

export function load(c: VenueCase, html = fixturesIn(c.venue)('e2e-long-short.html')): Loaded {
  const doc = parse(html);
  const anchor = c.reader.findAnchor(doc);
  if (!anchor) throw new Error(`${c.venue}: no anchor in the e2e fixture`);
  return { doc, anchor, ctx: canonicalContext(doc, c.reader, c.url) };
}

export const read = (l: Loaded, c: VenueCase): PageRead => c.reader.read(l.anchor, l.ctx);

/** The long and the short row of the e2e page: every data row shows one of the two marks. */
export function dataRows(anchor: Element): Element[] {
  return Array.from(anchor.querySelectorAll('tr, [role="row"]')).filter((r) => {
    if (r.closest('[aria-hidden="true"]') || r.querySelector('th, [role="columnheader"]')) return false;
    const text = r.textContent ?? '';
    return text.includes('60,000.12') || text.includes('2,986.3');
  });
}

export const cellsOf = (row: Element): Element[] => Array.from(row.children);

/** Header cells: th / columnheader, else (Hyperliquid) the td cells of the table's first row. */
export function headerCells(anchor: Element): Element[] {
  const ths = Array.from(anchor.querySelectorAll('th, [role="columnheader"]')).filter((h) => !h.closest('[aria-hidden="true"]'));
  if (ths.length) return ths;
  const first = anchor.querySelector('tr, [role="row"]');
  return first ? cellsOf(first) : [];
}

export function textNodes(el: Node): Text[] {
  const out: Text[] = [];
  const walker = el.ownerDocument?.createTreeWalker(el, 4);
  for (let n = walker?.nextNode(); n; n = walker?.nextNode()) if ((n.nodeValue ?? '').trim()) out.push(n as Text);
  return out;
}

/** Writes `text` into every `title` in the cell too: dYdX keeps full-precision values there. */
export function replaceTitles(cell: Element, text: string): void {
  for (const el of [cell, ...Array.from(cell.querySelectorAll('[title]'))]) if (el.hasAttribute('title')) el.setAttribute('title', text);
}

/** Puts `text` in place of a cell's visible text, as a TEXT node (never parsed). */
export function replaceText(cell: Element, text: string): void {
  const nodes = textNodes(cell);
  const [first, ...rest] = nodes;
  if (!first) {
    cell.appendChild(cell.ownerDocument.createTextNode(text));
    return;
  }
  first.nodeValue = text;
  for (const n of rest) n.nodeValue = '';
}

export const BIG = 1_000;

const NUMERIC = ['size', 'entryPrice', 'markPrice', 'liqPrice', 'margin', 'leverage', 'unrealizedPnl'] as const;

/**
 * A readable row after tampering must be one of the untouched page's positions, each figure equal
 * or unknown; symbol, side, size and entry (what a position needs) must be equal.
 */
export function expectNoWrongNumber(rows: readonly RowRead[], baseline: readonly Position[], what: string): void {
  for (const row of rows) {
    if (!row.ok) {
      expect(typeof row.reason, what).toBe('string');
      expect(row.reason.length, what).toBeGreaterThan(0);
      continue;
    }
    const p = row.position;
    const same = baseline.find((b) => b.symbol === p.symbol && b.side === p.side);
    expect(same, `${what}: readable row ${p.symbol} ${p.side} is none of the page's positions`).toBeDefined();
    if (!same) continue;
    expect(p.size, `${what}: size`).toBe(same.size);
    expect(p.entryPrice, `${what}: entry`).toBe(same.entryPrice);
    for (const k of NUMERIC) {
      if (p[k] !== null) expect(p[k], `${what}: ${k}`).toBe(same[k]);
    }
    if (p.marginMode !== null) expect(p.marginMode, `${what}: margin mode`).toBe(same.marginMode);
    expect(p.venue).toBe(same.venue);
  }
}

/**
 * The figures read wrongly (readable rows only), as `field` names, sorted and deduplicated: what a
 * known limitation lists. Empty when every readable row matches the page's positions.
 */
export function wrongFigures(rows: readonly RowRead[], baseline: readonly Position[]): string[] {
  const wrong = new Set<string>();
  for (const row of rows) {
    if (!row.ok) continue;
    const p = row.position;
    const same = baseline.find((b) => b.symbol === p.symbol && b.side === p.side);
    if (!same) {
      wrong.add('position');
      continue;
    }
    if (p.size !== same.size) wrong.add('size');
    if (p.entryPrice !== same.entryPrice) wrong.add('entryPrice');
    for (const k of NUMERIC) if (p[k] !== null && p[k] !== same[k]) wrong.add(k);
    if (p.marginMode !== null && p.marginMode !== same.marginMode) wrong.add('marginMode');
  }
  return [...wrong].sort();
}

/** Plain data only: what the reader returns survives a JSON round trip unchanged (no nodes, no functions). */
export function expectInert(result: PageRead): void {
  expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  for (const row of result.rows) {
    if (!row.ok) {
      expect(row.symbol === null || typeof row.symbol === 'string').toBe(true);
    }
  }
}

export const elementCount = (doc: Document): number => doc.getElementsByTagName('*').length;

export function baselineOf(c: VenueCase): Position[] {
  const r = read(load(c), c);
  return r.rows.flatMap((row) => (row.ok ? [row.position] : []));
}
