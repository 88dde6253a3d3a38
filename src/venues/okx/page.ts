import { parseNumber } from '../../core/numbers';
import type { Side } from '../../core/types';
import { looksLikeHeader, mapColumns, type ColumnKey } from '../page-kit/labels';
import { finishRow, LIQ_NOT_BY_PATTERNS, liqUnread, type RawRow } from '../page-kit/row';
import { amountIn } from '../page-kit/amount';
import { extractTable, MISALIGNED, visibleText, type TableRow } from '../page-kit/table';
import { hasLoadingMarker, splitDataRows } from '../page-kit/table-state';
import { textPieces } from '../page-kit/text-pieces';
import { classifyCell, priceIn, shownDecimals, solveEntryMark, type ShownNumber } from '../page-kit/value-patterns';
import type { PageRead, ReadContext, RowRead, VenuePageReader } from '../page-reader-types';
import type { MarginMode } from '../position-types';
import { OKX_COLUMNS, OKX_CONTRACT_UNITS, OKX_MODE_LABELS, OKX_POSITIONS_TAB, OKX_QUOTE_UNITS, OKX_SIDE_LABELS } from './captions';
import { okxSymbolFromUrl } from './page-url';
import { isOkxSwapSymbol, okxAssetFromSymbol } from './symbol';
import { byLayout } from '../page-kit/layout-memo';
import { tabPanelOf } from '../page-kit/captioned-table';
import { NOTE_PATTERNS } from '../page-kit/labels';
import { findDivGrid, gridHead } from '../page-kit/div-grid';

// OKX USDT/USDC swaps, www.okx.com/trade-swap/{inst-id}. Closed source: what is confirmed and what is
// evidence only is listed in captions.ts. The reader leans on what survives OKX's builds:
//   anchor  the bottom tab "Open positions (N)" → its tabpanel (role/aria-labelledby, okui markup),
//           else a table whose header captions are recognised, else a grid of plain elements with
//           such a header (page-kit/div-grid.ts), else `.position-box` (class name
//           from a public extension: a last resort that only locates, never decides a value);
//   columns mapped by header caption (users reorder and hide columns), never by index;
//   rows    hidden copies (aria-hidden duplicates of fixed columns, measure rows) are skipped by the kit;
//   side    a label in the row (Long/Short, 多/空), else the `.positive-pl`/`.negative-pl` class of the
//           size cell (hedge mode, public extension), else a negative size (one-way mode); a positive
//           size with neither is unreadable, since hedge-mode sizes are always positive;
//   size    in coin ("0.5 BTC") or contracts ("50 Cont", "50 张") per user setting; contracts ×
//           ctx.contractValue(symbol), unreadable when that is unknown; a size in USDT is refused.
// Status: 'loading' while the tab counts N > 0 positions but no row is drawn yet, or a loading
// marker shows, or the header is drawn with neither rows nor the empty-state row (OKX's okui table,
// like rc-table, draws an empty-state row once it has data to show, even when that data is empty).

const CORE_KEYS: readonly ColumnKey[] = ['symbol', 'size', 'entry', 'mark', 'liq', 'margin', 'pnl'];

interface TabInfo {
  count: number | null;
}

function tabInfo(tab: Element): TabInfo | null {
  const text = visibleText(tab).normalize('NFKC').replace(/\s+/g, ' ').trim();
  const m = OKX_POSITIONS_TAB.exec(text);
  if (!m) return null;
  return { count: m[1] === undefined ? null : Number(m[1]) };
}

/** The positions tab that labels this panel (or an ancestor panel), for its count. */
function tabFor(anchor: Element): Element | null {
  const panel = anchor.closest('[role="tabpanel"]');
  const doc = anchor.ownerDocument;
  if (!panel) return null;
  const ids = (panel.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean);
  for (const id of ids) {
    const tab = doc.getElementById(id);
    if (tab && tabInfo(tab)) return tab;
  }
  const panelId = panel.getAttribute('id');
  if (panelId) {
    for (const tab of Array.from(doc.querySelectorAll('[role="tab"][aria-controls]'))) {
      if (tab.getAttribute('aria-controls') === panelId && tabInfo(tab)) return tab;
    }
  }
  return null;
}

function recognised(cols: Partial<Record<ColumnKey, number>>): boolean {
  const found = CORE_KEYS.filter((k) => cols[k] !== undefined).length;
  return found >= 3 && (cols.size !== undefined || cols.entry !== undefined);
}

const captionsRecognised = (texts: string[]): boolean => recognised(mapColumns(texts, OKX_COLUMNS));
const headerRowTest = (texts: string[]): boolean => captionsRecognised(texts) || looksLikeHeader(texts);

/** The container of a recognised header table: the table itself when its body is there, else the element holding the body table too. */
function tableContainer(table: Element): Element {
  const ownRows = Array.from(table.querySelectorAll('tr, [role="row"]')).length;
  if (ownRows > 1) return table.parentElement ?? table;
  let c: Element | null = table.parentElement;
  for (let i = 0; c && i < 4; i++, c = c.parentElement) {
    if (c.querySelectorAll('table, [role="table"], [role="grid"]').length > 1) return c;
  }
  return table.parentElement ?? table;
}

function findAnchor(doc: Document): Element | null {
  for (const tab of Array.from(doc.querySelectorAll('[role="tab"]'))) {
    if (!tabInfo(tab)) continue;
    const panel = tabPanelOf(tab, false);
    if (panel && panel.childElementCount > 0) return panel;
  }
  for (const table of Array.from(doc.querySelectorAll('table, [role="table"], [role="grid"]'))) {
    // Inactive tab panels (position history, orders) are aria-hidden; so are hidden copies of tables.
    if (table.closest('[aria-hidden="true"]')) continue;
    const header = table.querySelector('tr, [role="row"]');
    if (!header) continue;
    const texts = Array.from(header.children).map(visibleText);
    if (!captionsRecognised(texts)) continue;
    return table.closest('[role="tabpanel"]') ?? table.closest('.position-box') ?? tableContainer(table);
  }
  const grid = doc.body ? findDivGrid(doc.body, captionsRecognised) : null;
  return grid ? (grid.root.closest('[role="tabpanel"]') ?? grid.root) : doc.querySelector('.position-box');
}

// ---- one row ------------------------------------------------------------------------------------

type SymbolRead = { symbol: string } | { unsupported: string };

const SWAP_HREF = /\/trade-swap\/([a-z0-9]{1,20}-[a-z0-9]{2,5}-swap)(?:[/?#]|$)/i;
// A display name, one word: "BTCUSDT", "BTC-USDT", "BTC/USDT", "BTC-USDT-SWAP"; a delivery date
// after it ("BTC-USDT-250328", "BTCUSDT 0328") makes it a future, which is refused.
const DISPLAY_SYMBOL = /^([A-Z0-9]{1,20}?)[-/]?(USDT|USDC|USD)(?:-SWAP)?(-\d{4,6})?$/;
const DELIVERY = /^\d{4,6}$/;

function symbolOf(cells: readonly Element[]): SymbolRead | null {
  for (const cell of cells) {
    for (const a of Array.from(cell.querySelectorAll('a[href]'))) {
      const id = SWAP_HREF.exec(a.getAttribute('href') ?? '')?.[1]?.toUpperCase();
      if (id) return isOkxSwapSymbol(id) ? { symbol: id } : { unsupported: id };
    }
  }
  for (const cell of cells) {
    const words = textPieces(cell).flatMap((p) => p.normalize('NFKC').toUpperCase().split(/\s+/));
    for (let i = 0; i < words.length; i++) {
      const m = DISPLAY_SYMBOL.exec(words[i] ?? '');
      if (!m?.[1] || !m[2]) continue;
      const symbol = `${m[1]}-${m[2]}-SWAP`;
      const dated = m[3] !== undefined || DELIVERY.test(words[i + 1] ?? '');
      return !dated && isOkxSwapSymbol(symbol) ? { symbol } : { unsupported: words[i] ?? symbol };
    }
  }
  return null;
}

/** Lower-cased words of the cells' text pieces, brackets stripped: "(Isolated)" → "isolated". */
function wordsOf(cells: readonly (Element | null)[]): string[] {
  const out: string[] = [];
  for (const cell of cells) {
    if (!cell) continue;
    for (const piece of textPieces(cell)) {
      for (const w of piece.normalize('NFKC').toLowerCase().split(/\s+/)) {
        const word = w.replace(/^[([]+|[)\]]+$/g, '');
        if (word) out.push(word);
      }
    }
  }
  return out;
}

/** The one value the words name, null when none, 'conflict' when they name two. */
function oneOf<T>(words: readonly string[], labels: ReadonlyMap<string, T>): T | 'conflict' | null {
  let found: T | null = null;
  for (const w of words) {
    const v = labels.get(w);
    if (v === undefined) continue;
    if (found !== null && found !== v) return 'conflict';
    found = v;
  }
  return found;
}

function leverageOf(words: readonly string[], locale: string): number | null {
  for (const w of words) if (/^\d+(?:[.,]\d+)?[x×]$/.test(w)) return parseNumber(w, { locale });
  return null;
}

/** The side the `.positive-pl` / `.negative-pl` class says (public extension: hedge-mode size cell). */
function sideFromClass(cell: Element | null): Side | 'conflict' | null {
  if (!cell) return null;
  const long = cell.matches('.positive-pl') || cell.querySelector('.positive-pl') !== null;
  const short = cell.matches('.negative-pl') || cell.querySelector('.negative-pl') !== null;
  if (long && short) return 'conflict';
  return long ? 'long' : short ? 'short' : null;
}

/** The unit written after a number ("0.5 BTC" → "BTC", "50张" → "张"), or in the caption ("Size (BTC)"). */
function unitOf(text: string): string | null {
  return /([^\d\s.,+\-−()%$]+)\s*$/u.exec(text.normalize('NFKC').trim())?.[1] ?? null;
}

function captionUnit(caption: string): string | null {
  return /\(([^)]+)\)/.exec(caption.normalize('NFKC'))?.[1]?.trim() ?? null;
}

/** a × b without binary noise (7 × 0.1 → 0.7, not 0.7000000000000001). */
const times = (a: number, b: number): number => Number((a * b).toPrecision(12));

/** The size in base units, its sign as shown, and the decimals of the base figure (for tolerances). */
interface SizeFigures {
  base: number;
  signed: number;
  decimals: number;
}
type SizeRead = SizeFigures | { problem: string };

/** Decimal places a contract value adds: 0.01 → 2, 0.1 → 1, 10 → 0. */
const placesOf = (x: number): number => Math.max(0, -Math.floor(Math.log10(x) + 1e-9));

function readSize(text: string, caption: string, symbol: string, ctx: ReadContext): SizeRead | null {
  const n = parseNumber(text, { locale: ctx.locale });
  if (n === null) return null;
  const unit = unitOf(text) ?? captionUnit(caption);
  if (!unit) return { problem: 'size has no unit: cannot tell coins from contracts' };
  const u = unit.toLowerCase();
  if (OKX_CONTRACT_UNITS.has(u)) {
    const cv = ctx.contractValue(symbol);
    if (cv === null || !(cv > 0)) return { problem: 'size is in contracts and the contract value is unknown' };
    return { base: times(Math.abs(n), cv), signed: n, decimals: shownDecimals(text, ctx.locale) + placesOf(cv) };
  }
  if (OKX_QUOTE_UNITS.has(u)) return { problem: `size is shown in ${unit}; show it in coin or contracts on OKX` };
  if (unit.toUpperCase() === okxAssetFromSymbol(symbol)) return { base: Math.abs(n), signed: n, decimals: shownDecimals(text, ctx.locale) };
  return { problem: `size unit "${unit}" is neither the market's coin nor contracts` };
}

interface Columns {
  map: Partial<Record<ColumnKey, number>>;
  headers: string[];
}

function readRow(row: TableRow, cols: Columns | null, ctx: ReadContext): RowRead {
  const locale = ctx.locale;
  const at = (k: ColumnKey): Element | null => {
    const i = cols?.map[k];
    return i === undefined ? null : (row.cells[i] ?? null);
  };
  const num = (k: ColumnKey): number | null => {
    const c = at(k);
    return c ? parseNumber(visibleText(c), { locale }) : null;
  };
  // Prices only where the text is shaped like one (page-kit priceIn): another figure under a shifted caption is not read.
  const price = (k: ColumnKey): number | null => {
    const c = at(k);
    return c ? priceIn(visibleText(c), locale) : null;
  };
  const amount = (k: ColumnKey): number | null => {
    const c = at(k);
    return c ? amountIn(visibleText(c), locale) : null;
  };
  const all = row.cells.filter((c): c is Element => c !== null);
  const fail = (reason: string, symbol: string | null, side: Side | null): RowRead => ({ ok: false, reason, symbol, side });

  const symCell = at('symbol');
  const sym = (symCell ? symbolOf([symCell]) : null) ?? symbolOf(all);
  if (sym && 'unsupported' in sym) return fail(`${sym.unsupported} is not a USDT/USDC perpetual swap`, null, null);
  const symbol = sym?.symbol ?? null;
  if (cols && row.misaligned) return fail(MISALIGNED, symbol, null);

  // The size cell: the size column, or (no captions) the one cell shaped "number unit" whose unit is
  // the market's coin or contracts.
  let sizeCell = cols ? at('size') : null;
  if (!cols && symbol) {
    const base = okxAssetFromSymbol(symbol)?.toLowerCase();
    const sized = all.filter((c) => {
      const t = visibleText(c);
      const u = /\d/.test(t) ? unitOf(t)?.toLowerCase() : undefined;
      return u !== undefined && (u === base || OKX_CONTRACT_UNITS.has(u)) && !/%/.test(t);
    });
    sizeCell = sized.length === 1 ? (sized[0] ?? null) : null;
  }

  const labelCells = cols ? [symCell, at('side'), at('mode'), at('leverage'), at('margin')] : all;
  const words = wordsOf(labelCells);
  const sideLabel = oneOf(words, OKX_SIDE_LABELS);
  // The colour class sits on the size cell (public extension); elsewhere (the PnL) it may mean profit.
  const sideClass = sideFromClass(sizeCell) ?? (cols ? sideFromClass(symCell) : null);
  if (sideLabel === 'conflict' || sideClass === 'conflict' || (sideLabel && sideClass && sideLabel !== sideClass)) {
    return fail('the row names both long and short', symbol, null);
  }
  const named: Side | null = sideLabel ?? sideClass;
  const modeWords = cols ? wordsOf([symCell, at('mode'), at('margin')]) : words;
  const modeLabel = oneOf(modeWords, OKX_MODE_LABELS);
  const marginMode: MarginMode | null = modeLabel === 'conflict' ? null : modeLabel;
  const leverageCell = at('leverage');
  const leverage = leverageOf(words, locale) ?? (leverageCell ? parseNumber(visibleText(leverageCell), { locale }) : null);

  if (!symbol) return finishRow('okx', emptyRaw(null, named));

  const sizeText: string | null = sizeCell ? visibleText(sizeCell) : null;
  const caption = cols && cols.map.size !== undefined ? (cols.headers[cols.map.size] ?? '') : '';
  const size = sizeText === null ? null : readSize(sizeText, caption, symbol, ctx);
  if (size && 'problem' in size) return fail(size.problem, symbol, named);

  let side: Side | null = named;
  if (size && size.signed < 0) {
    if (named === 'long') return fail('the row says long but its size is negative', symbol, named);
    side = 'short';
  }
  if (!side) return fail('cannot tell long from short: no side label and the size is not negative', symbol, null);

  if (!cols) return readByPatterns(all, symbol, side, size, marginMode, leverage, ctx);

  const liq = price('liq');
  return finishRow('okx', {
    symbol,
    side,
    size: size ? size.base : null,
    entryPrice: price('entry'),
    markPrice: price('mark'),
    liqPrice: liq,
    liqUnread: liqUnread(at('liq'), liq),
    margin: amount('margin'),
    marginMode,
    leverage,
    unrealizedPnl: amount('pnl'),
  });
}

function emptyRaw(symbol: string | null, side: Side | null): RawRow {
  return { symbol, side, size: null, entryPrice: null, markPrice: null, liqPrice: null, margin: null, marginMode: null, leverage: null, unrealizedPnl: null };
}

/**
 * Captions unknown: entry and mark are found from the PnL the row prints (value-patterns), the
 * liquidation price and the margin are left unknown (no pattern tells them from other figures).
 */
function readByPatterns(
  cells: readonly Element[],
  symbol: string,
  side: Side,
  size: SizeFigures | null,
  marginMode: MarginMode | null,
  leverage: number | null,
  ctx: ReadContext,
): RowRead {
  const fail = (reason: string): RowRead => ({ ok: false, reason, symbol, side });
  if (!size) return fail('captions not recognised: no cell reads as the size');
  const prices: ShownNumber[] = [];
  let pnl: ShownNumber | null = null;
  for (const cell of cells) {
    const text = visibleText(cell);
    const v = classifyCell(text, ctx.locale);
    if (v.kind === 'number') prices.push({ value: v.value, decimals: v.decimals });
    else if (v.kind === 'amount' && /%/.test(v.tail) && OKX_QUOTE_UNITS.has(v.unit.toLowerCase())) {
      if (pnl) return fail('captions not recognised: more than one cell reads as the PnL');
      pnl = { value: v.value, decimals: v.decimals };
    }
  }
  if (!pnl) return fail('captions not recognised: no cell reads as the PnL, so entry and mark cannot be told apart');
  const fit = solveEntryMark(side, pnl, [{ value: size.base, decimals: size.decimals }], prices);
  if (!fit) return fail('captions not recognised: entry and mark prices cannot be told apart');
  return finishRow('okx', {
    symbol,
    side,
    size: size.base,
    entryPrice: fit.entry,
    markPrice: fit.mark,
    liqPrice: null,
    liqUnread: LIQ_NOT_BY_PATTERNS,
    margin: null,
    marginMode,
    leverage,
    unrealizedPnl: pnl.value,
  });
}

// ---- the table ----------------------------------------------------------------------------------

function read(anchor: Element, ctx: ReadContext): PageRead {
  const notes: string[] = [];
  const tab = tabFor(anchor);
  const count = tab ? (tabInfo(tab)?.count ?? null) : null;
  const table = byLayout(
    anchor,
    'okx',
    ctx.layoutEpoch,
    () => extractTable(anchor, headerRowTest) ?? findDivGrid(anchor, captionsRecognised)?.table ?? null,
    gridHead,
  );
  if (!table) {
    if (hasLoadingMarker(anchor) || (count !== null && count > 0)) return { status: 'loading', rows: [], notes };
    if (count === 0) return { status: 'ok', rows: [], notes };
    return { status: 'no-table', rows: [], notes };
  }
  const map = mapColumns(table.headers, OKX_COLUMNS);
  const cols: Columns | null = recognised(map) ? { map, headers: table.headers } : null;

  const { data, placeholder } = splitDataRows(table.rows);
  if (!data.length) {
    // An empty-state row is OKX saying "none here" (also when "hide other symbols" filters rows the
    // tab still counts); a count above zero without it means the rows are not drawn yet.
    if (hasLoadingMarker(anchor)) return { status: 'loading', rows: [], notes };
    if (placeholder !== null || count === 0) return { status: 'ok', rows: [], notes };
    if (count !== null && count > 0) return { status: 'loading', rows: [], notes };
    return { status: cols ? 'loading' : 'no-table', rows: [], notes };
  }
  if (!cols) notes.push(NOTE_PATTERNS);
  return { status: 'ok', rows: data.map((row) => readRow(row, cols, ctx)), notes };
}

export const okxPage: VenuePageReader = {
  venue: 'okx',
  matchUrl: okxSymbolFromUrl,
  findAnchor,
  read,
};

// Pages to test on (refined-github style):
// https://www.okx.com/trade-swap/btc-usdt-swap
// https://www.okx.com/zh-hans/trade-swap/eth-usdt-swap
