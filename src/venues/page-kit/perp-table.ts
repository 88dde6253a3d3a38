// Turning the rows of a linear-perpetual positions table into RowReads, for venues whose table is
// "one row per position, symbol cell carrying mode and leverage" (Binance, Bybit). What differs per
// venue is data — captions, words, colours, symbol grammar, sign convention — in a PerpPageConfig.
import { parseNumber } from '../../core/numbers';
import type { Side } from '../../core/types';
import type { PageRead, ReadContext, RowRead, VenuePageReader } from '../page-reader-types';
import type { MarginMode } from '../position-types';
import type { VenueId } from '../types';
import { findCaptionedTable, findCountedTab, tabCount, hasEmptyMessage, tabPanelOf, visibleTables, type CaptionedTable, type Columns } from './captioned-table';
import type { ColumnDictionary, ColumnKey } from './labels';
import { finishRow, LIQ_NOT_BY_PATTERNS, liqUnread, type RawRow } from './row';
import { amountIn } from './amount';
import { MISALIGNED, visibleText, type ExtractedTable, type TableRow } from './table';
import { hasLoadingMarker, isHeaderCellRow, placeholderText } from './table-state';
import { textPieces } from './text-pieces';
import { classifyCell, priceIn, sideFromInlineColour, solveEntryMark, type ShownNumber, type SidePalette } from './value-patterns';
import { byLayout } from './layout-memo';

export interface PerpPageConfig {
  venue: VenueId;
  columns: ColumnDictionary;
  /** The venue's own symbol named in a cell's text ("BTCUSDT Perpetual Cross 20x" → BTCUSDT), or null. */
  symbolIn(text: string): string | null;
  /** Base and quote asset of a venue symbol (BTCUSDT → BTC, USDT). */
  assets(symbol: string): { base: string; quote: string } | null;
  /** Words (compared case-insensitively, as whole tokens) naming the margin mode and the side. */
  modeWords: Record<MarginMode, readonly string[]>;
  sideWords: Record<Side, readonly string[]>;
  /** Inline colours the venue paints long and short rows with (evidence only; the last of the side sources). */
  palette: SidePalette;
  /** True when the venue writes every short's size with a minus sign, so an unsigned size is a long. */
  signsShortSizes: boolean;
  /** Size units that mean contracts (converted with ctx.contractValue). */
  contractUnits: readonly string[];
}

export const NOTE_QUOTE_SIZE = 'sizes shown in the quote currency were converted to base units at the mark price';
export const NOTE_PATTERNS = 'captions not recognised: read by value patterns';

export interface RowsRead {
  rows: RowRead[];
  /** Rows with cells but no text yet (skeleton rows rendered while loading). */
  skeletons: number;
  notes: string[];
}

/** Text of an element with a space between its text nodes ("<span>BTCUSDT</span><span>Perp</span>" → "BTCUSDT Perp"). */
const spacedText = (el: Element): string => textPieces(el).join(' ');

const LEVERAGE = /(\d{1,3}(?:[.,]\d{1,2})?)\s?(?:[x×X]|倍)(?![A-Za-z])/;

function tokens(text: string): string[] {
  return text
    .normalize('NFKC')
    .split(/[\s·•|/,;:()[\]]+/)
    .map((t) => t.replace(LEVERAGE, '').toLowerCase())
    .filter((t) => t !== '');
}

/** The key of `words` whose word appears as a token of `text`; 'conflict' when two keys do; null when none. */
function wordIn<K extends string>(text: string, words: Record<K, readonly string[]>): K | 'conflict' | null {
  const have = new Set(tokens(text));
  let hit: K | null = null;
  for (const key of Object.keys(words) as K[]) {
    if (words[key].some((w) => have.has(w.normalize('NFKC').toLowerCase()))) {
      if (hit !== null && hit !== key) return 'conflict';
      hit = key;
    }
  }
  return hit;
}

/** The unit a header gives a column: "Size (USDT)" → USDT, "大小（BTC）" → BTC. */
function headerUnit(caption: string): string | null {
  const m = /\(\s*([A-Z][A-Z0-9]{1,11})\s*\)/.exec(caption.normalize('NFKC'));
  return m?.[1] ?? null;
}

/** Unit written after a number in a cell ("0.500 BTC" → BTC). */
function cellUnit(text: string): string | null {
  const m = /\d\s*([A-Z][A-Za-z0-9]{1,11}|张)(?![A-Za-z0-9])/.exec(text.normalize('NFKC'));
  return m?.[1] ?? null;
}

interface Votes {
  side: Side | null;
  conflict: string | null;
}

function decideSide(sources: { name: string; side: Side | 'conflict' | null }[]): Votes {
  let side: Side | null = null;
  let from = '';
  for (const s of sources) {
    if (s.side === 'conflict') return { side: null, conflict: `the ${s.name} says both long and short` };
    if (s.side === null) continue;
    if (side !== null && side !== s.side) return { side: null, conflict: `the ${from} says ${side} but the ${s.name} says ${s.side}` };
    if (side === null) from = s.name;
    side = s.side;
  }
  return { side, conflict: null };
}

interface SizeRead {
  size: number | null;
  problem: string | null;
  quote: boolean;
}

function baseSize(value: number, unit: string | null, symbol: string | null, mark: number | null, ctx: ReadContext, cfg: PerpPageConfig): SizeRead {
  const abs = Math.abs(value);
  const assets = symbol ? cfg.assets(symbol) : null;
  if (unit === null || (assets && unit === assets.base)) return { size: abs, problem: null, quote: false };
  if (!assets || !symbol) return { size: null, problem: null, quote: false };
  if (unit === assets.quote) {
    // A size in the quote currency is the notional at the mark price (Binance "Size (USDT)"), so
    // base units are notional / mark: exact up to the rounding of the two figures as shown.
    if (mark === null || !(mark > 0)) return { size: null, problem: `size is shown in ${unit} and there is no readable mark price to convert it`, quote: true };
    return { size: abs / mark, problem: null, quote: true };
  }
  if (cfg.contractUnits.includes(unit)) {
    const cv = ctx.contractValue(symbol);
    if (cv === null) return { size: null, problem: 'size is in contracts and the contract value is unknown', quote: false };
    return { size: abs * cv, problem: null, quote: false };
  }
  return { size: null, problem: `size unit ${unit} is neither ${assets.base} nor ${assets.quote}`, quote: false };
}

const cellAt = (row: TableRow, columns: Columns, key: ColumnKey): Element | null => {
  const i = columns[key];
  return i === undefined ? null : (row.cells[i] ?? null);
};

/** An empty-state row ("No data" spanning the table), an expanded detail row, or a repeated header row. */
const isPlaceholder = (row: TableRow): boolean => placeholderText(row) !== null || isHeaderCellRow(row);

const isSkeleton = (row: TableRow): boolean => row.cells.every((c) => c === null || visibleText(c) === '');

function ownColour(el: Element, palette: SidePalette): Side | 'conflict' | null {
  if (!el.hasAttribute('style')) return null;
  const clone = el.cloneNode(false) as Element;
  return sideFromInlineColour(clone, palette);
}

function fail(reason: string, symbol: string | null, side: Side | null): RowRead {
  return { ok: false, reason, symbol, side };
}

/** Reads the rows of a table whose captions were recognised. */
export function readCaptionedRows(found: CaptionedTable, ctx: ReadContext, cfg: PerpPageConfig): RowsRead {
  const { table, columns } = found;
  const num = (el: Element | null): number | null => (el ? parseNumber(visibleText(el), { locale: ctx.locale }) : null);
  const sizeCaption = columns.size === undefined ? '' : (table.headers[columns.size] ?? '');
  // A page that shows one negative size signs its shorts, so its unsigned sizes are longs.
  const signs =
    cfg.signsShortSizes ||
    table.rows.some((r) => {
      const v = num(cellAt(r, columns, 'size'));
      return v !== null && v < 0;
    });
  // What every row's memo key shares in this read (see steadyRowKey).
  const readPrefix = ctx.layoutEpoch === undefined ? null : `${ctx.layoutEpoch}|${signs}|${ctx.locale}|${JSON.stringify(columns)}|${sizeCaption}`;
  const out: RowsRead = { rows: [], skeletons: 0, notes: [] };
  for (const row of table.rows) {
    if (isPlaceholder(row)) continue;
    if (row.misaligned) {
      if (isSkeleton(row)) out.skeletons++;
      else out.rows.push(fail(MISALIGNED, cfg.symbolIn(spacedText(row.el)), null));
      continue;
    }
    const outcome = readRowOnce(row, ctx, cfg, columns, sizeCaption, signs, readPrefix);
    // A row read to a position showed figures, so only a row that failed can be a skeleton: the
    // walk over every cell's text is left out of the reads made while the market ticks.
    if (!outcome.result.ok && isSkeleton(row)) {
      out.skeletons++;
      continue;
    }
    if (outcome.quote && !out.notes.includes(NOTE_QUOTE_SIZE)) out.notes.push(NOTE_QUOTE_SIZE);
    out.rows.push(outcome.result);
  }
  return out;
}

interface RowOutcome {
  result: RowRead;
  /** The figures read, when the row got as far as the checks. */
  raw: RawRow | null;
  /** The size was in the quote currency (converted at the mark). */
  quote: boolean;
  /** What a later read may reuse while the row's other cells are unchanged: all of it, all but the mark and PnL, or nothing. */
  reuse: 'whole' | 'ticking' | 'none';
  /** The row's symbol and its contract value when read (the value arrives with the market data). */
  symbol: string | null;
  contract: number | null;
}

// Between two reads of one layout most rows change only their mark and PnL (the market ticking):
// the rest of the row is read once, and only those two figures again.
const rowMemo = new WeakMap<Element, { key: string; outcome: RowOutcome }>();

/** The row's text apart from its mark and PnL cells, after the read's prefix (layout epoch, columns…); null without an epoch. */
function steadyRowKey(row: TableRow, columns: Columns, readPrefix: string | null): string | null {
  if (readPrefix === null) return null;
  let key = readPrefix;
  row.cells.forEach((c, i) => {
    key += `\u0001${i === columns.mark || i === columns.pnl || !c ? '' : (c.textContent ?? '')}`;
  });
  return key;
}

function readRowOnce(
  row: TableRow,
  ctx: ReadContext,
  cfg: PerpPageConfig,
  columns: Columns,
  sizeCaption: string,
  signs: boolean,
  readPrefix: string | null,
): RowOutcome {
  const key = steadyRowKey(row, columns, readPrefix);
  const memo = key === null ? undefined : rowMemo.get(row.el);
  if (
    key !== null &&
    memo?.key === key &&
    memo.outcome.reuse !== 'none' &&
    memo.outcome.contract === (memo.outcome.symbol === null ? null : ctx.contractValue(memo.outcome.symbol))
  ) {
    const { outcome } = memo;
    if (outcome.reuse === 'whole' || !outcome.raw) return outcome;
    const markCell = cellAt(row, columns, 'mark');
    const pnlCell = cellAt(row, columns, 'pnl');
    const raw: RawRow = {
      ...outcome.raw,
      markPrice: markCell ? priceIn(visibleText(markCell), ctx.locale) : null,
      unrealizedPnl: pnlCell ? amountIn(visibleText(pnlCell), ctx.locale) : null,
    };
    const next: RowOutcome = { ...outcome, raw, result: finishRow(cfg.venue, raw) };
    rowMemo.set(row.el, { key, outcome: next });
    return next;
  }
  const outcome = readRow(row, ctx, cfg, columns, sizeCaption, signs);
  if (key !== null) rowMemo.set(row.el, { key, outcome });
  return outcome;
}

function readRow(row: TableRow, ctx: ReadContext, cfg: PerpPageConfig, columns: Columns, sizeCaption: string, signs: boolean): RowOutcome {
  const num = (el: Element | null): number | null => (el ? parseNumber(visibleText(el), { locale: ctx.locale }) : null);
  const price = (el: Element | null): number | null => (el ? priceIn(visibleText(el), ctx.locale) : null);
  const symbolCell = cellAt(row, columns, 'symbol');
  const symbolText = symbolCell ? spacedText(symbolCell) : '';
  const symbol = cfg.symbolIn(symbolText);
  const contract = symbol === null ? null : ctx.contractValue(symbol);
  const whole = (result: RowRead): RowOutcome => ({ result, raw: null, quote: false, reuse: 'whole', symbol, contract });
  const sideCell = cellAt(row, columns, 'side');
  const sizeCell = cellAt(row, columns, 'size');
  const sizeText = sizeCell ? visibleText(sizeCell) : '';
  const sizeValue = parseNumber(sizeText, { locale: ctx.locale });

  const votes = decideSide([
    { name: 'side label', side: wordIn(`${symbolText} ${sideCell ? spacedText(sideCell) : ''}`, cfg.sideWords) },
    { name: 'size sign', side: sizeValue === null || sizeValue === 0 ? null : sizeValue < 0 ? 'short' : signs ? 'long' : null },
    { name: 'row colour', side: symbolCell ? sideFromInlineColour(symbolCell, cfg.palette) : null },
    { name: 'row colour', side: ownColour(row.el, cfg.palette) },
  ]);
  if (votes.conflict) {
    return whole(fail(votes.conflict, symbol, null));
  }

  const marginCell = cellAt(row, columns, 'margin');
  const marginText = marginCell ? visibleText(marginCell) : '';
  const modeCell = cellAt(row, columns, 'mode');
  const modes = [
    wordIn(symbolText, cfg.modeWords),
    wordIn(/\(([^)]*)\)\s*$/.exec(marginText.normalize('NFKC'))?.[1] ?? '', cfg.modeWords),
    modeCell ? wordIn(spacedText(modeCell), cfg.modeWords) : null,
  ];
  if (modes.includes('conflict') || new Set(modes.filter((m) => m !== null)).size > 1) {
    return whole(fail('the row names both margin modes', symbol, votes.side));
  }
  const marginMode = modes.find((m): m is MarginMode => m === 'cross' || m === 'isolated') ?? null;

  const leverageCell = cellAt(row, columns, 'leverage');
  const leverageMatch = LEVERAGE.exec(symbolText.normalize('NFKC')) ?? (leverageCell ? LEVERAGE.exec(visibleText(leverageCell).normalize('NFKC')) : null);
  const leverage = leverageMatch?.[1] ? parseNumber(leverageMatch[1], { locale: ctx.locale }) : num(leverageCell);

  const markPrice = price(cellAt(row, columns, 'mark'));
  let size: number | null = null;
  let quote = false;
  if (sizeValue !== null) {
    const read = baseSize(sizeValue, cellUnit(sizeText) ?? headerUnit(sizeCaption), symbol, markPrice, ctx, cfg);
    // A size in the quote currency is converted at the mark, so the whole row follows the mark.
    if (read.problem)
      return { result: fail(read.problem, symbol, votes.side), raw: null, quote: false, reuse: read.quote ? 'none' : 'whole', symbol, contract };
    quote = read.quote;
    size = read.size;
  }
  const pnlCell = cellAt(row, columns, 'pnl');
  const liqCell = cellAt(row, columns, 'liq');
  const liqPrice = price(liqCell);
  const raw: RawRow = {
    symbol,
    side: votes.side,
    size,
    entryPrice: price(cellAt(row, columns, 'entry')),
    markPrice,
    liqPrice,
    liqUnread: liqUnread(liqCell, liqPrice),
    margin: marginCell ? amountIn(marginText, ctx.locale) : null,
    marginMode,
    leverage,
    unrealizedPnl: pnlCell ? amountIn(visibleText(pnlCell), ctx.locale) : null,
  };
  return { result: finishRow(cfg.venue, raw), raw, quote, reuse: quote ? 'none' : 'ticking', symbol, contract };
}

/**
 * A table whose captions no dictionary knows, read by what its cells look like: the symbol cell
 * (venue symbol, mode word, leverage), a size carrying the base asset (or a bare number), the PnL
 * (an amount with a percentage), the margin (an amount with a parenthesised word), and entry and
 * mark told apart by the PnL (solveEntryMark). The liquidation price is never guessed: null.
 */
export function readRowsByPatterns(table: ExtractedTable, ctx: ReadContext, cfg: PerpPageConfig): RowsRead {
  const out: RowsRead = { rows: [], skeletons: 0, notes: [NOTE_PATTERNS] };
  const parsed = table.rows
    .filter((r) => !isPlaceholder(r))
    .map((row) => {
      const symbolIndex = row.cells.findIndex((c) => c !== null && cfg.symbolIn(spacedText(c)) !== null);
      const symbolCell = symbolIndex >= 0 ? (row.cells[symbolIndex] ?? null) : null;
      const symbolText = symbolCell ? spacedText(symbolCell) : '';
      const symbol = cfg.symbolIn(symbolText);
      const assets = symbol ? cfg.assets(symbol) : null;
      const bare: ShownNumber[] = [];
      const baseAmounts: ShownNumber[] = [];
      const pnls: ShownNumber[] = [];
      const margins: { n: ShownNumber; tail: string }[] = [];
      row.cells.forEach((c, i) => {
        if (c === null || i === symbolIndex || !assets) return;
        const v = classifyCell(visibleText(c), ctx.locale);
        if (v.kind === 'number') bare.push(v);
        else if (v.kind === 'amount' && v.unit === assets.base) baseAmounts.push(v);
        else if (v.kind === 'amount' && v.unit === assets.quote && v.tail.includes('%')) pnls.push(v);
        else if (v.kind === 'amount' && v.unit === assets.quote && /^\([^)%\d]+\)$/.test(v.tail)) margins.push({ n: v, tail: v.tail });
      });
      // The size carries the base asset when the page writes units; otherwise it is one of the bare numbers.
      const sizes = baseAmounts.length ? baseAmounts : bare;
      return { row, symbolCell, symbolText, symbol, assets, bare, sizes, pnls, margins };
    });
  // A page that shows one negative size signs its shorts, so its unsigned sizes are longs (prices are never negative).
  const signs = cfg.signsShortSizes || parsed.some((p) => p.sizes.some((s) => s.value < 0));

  for (const p of parsed) {
    if (isSkeleton(p.row)) {
      out.skeletons++;
      continue;
    }
    const { symbol, symbolText, symbolCell } = p;
    if (!symbol || !p.assets) {
      out.rows.push(fail('no market symbol in the row', null, null));
      continue;
    }
    const negatives = p.sizes.filter((s) => s.value < 0);
    const sign: Side | null = negatives.length === 1 ? 'short' : negatives.length === 0 && p.sizes.length > 0 && signs ? 'long' : null;
    const votes = decideSide([
      { name: 'side label', side: wordIn(symbolText, cfg.sideWords) },
      { name: 'size sign', side: sign },
      { name: 'row colour', side: symbolCell ? sideFromInlineColour(symbolCell, cfg.palette) : null },
      { name: 'row colour', side: ownColour(p.row.el, cfg.palette) },
    ]);
    if (votes.conflict) {
      out.rows.push(fail(votes.conflict, symbol, null));
      continue;
    }
    const side = votes.side;
    const pnl = p.pnls.length === 1 ? (p.pnls[0] ?? null) : null;
    // A short's size is the one negative figure (prices are never negative); it is never a price.
    const solved =
      side && pnl
        ? solveEntryMark(
            side,
            pnl,
            negatives.length === 1 ? negatives : p.sizes,
            p.bare.filter((b) => b.value > 0),
          )
        : null;
    if (!side || !solved) {
      out.rows.push(fail(`${NOTE_PATTERNS}; cannot tell the entry price from the mark price`, symbol, side));
      continue;
    }
    const marginTail = p.margins.length === 1 ? (p.margins[0]?.tail ?? '') : '';
    const mode = wordIn(marginTail, cfg.modeWords);
    const symbolMode = wordIn(symbolText, cfg.modeWords);
    if (mode === 'conflict' || symbolMode === 'conflict' || (mode && symbolMode && mode !== symbolMode)) {
      out.rows.push(fail('the row names both margin modes', symbol, side));
      continue;
    }
    const leverageMatch = LEVERAGE.exec(symbolText.normalize('NFKC'));
    out.rows.push(
      finishRow(cfg.venue, {
        symbol,
        side,
        size: solved.size,
        entryPrice: solved.entry,
        markPrice: solved.mark,
        // Which bare number is the liquidation price cannot be told from the values: never guessed.
        liqPrice: null,
        liqUnread: LIQ_NOT_BY_PATTERNS,
        margin: p.margins.length === 1 ? (p.margins[0]?.n.value ?? null) : null,
        marginMode: mode ?? symbolMode,
        leverage: leverageMatch?.[1] ? parseNumber(leverageMatch[1], { locale: ctx.locale }) : null,
        unrealizedPnl: pnl ? pnl.value : null,
      }),
    );
  }
  return out;
}

/** Quick test (text only) that a table holds positions rows: a venue symbol and a leverage in one cell. */
export function looksLikePositionsTable(table: ExtractedTable, cfg: PerpPageConfig): boolean {
  return (
    table.headers.length >= 5 &&
    table.rows.some((r) =>
      r.cells.some((c) => {
        if (!c) return false;
        const t = spacedText(c);
        return cfg.symbolIn(t) !== null && LEVERAGE.test(t.normalize('NFKC'));
      }),
    )
  );
}

export interface PerpPageSpec {
  config: PerpPageConfig;
  matchUrl(url: URL): string | null;
  /** Captions of the bottom-panel tab that counts the positions ("Positions" of "Positions(2)"). */
  positionTabs: readonly string[];
  /** Empty-state messages ("You have no position"). */
  emptyMessages: readonly string[];
}

const SIGNAL_KEYS: readonly ColumnKey[] = ['size', 'entry', 'mark', 'liq', 'margin', 'pnl', 'value', 'marginRatio'];

/** A positions header: the symbol column, a price column, and at least three of the position's figures. */
export function isPositionsHeader(columns: Columns): boolean {
  const figures = SIGNAL_KEYS.filter((k) => columns[k] !== undefined).length;
  return columns.symbol !== undefined && (columns.entry !== undefined || columns.mark !== undefined || columns.liq !== undefined) && figures >= 3;
}

/** Cheap text test before a table is extracted for pattern reading: some venue symbol and some leverage. */
const worthPatterns =
  (cfg: PerpPageConfig) =>
  (table: Element): boolean => {
    // textContent glues neighbouring tags ("BTCUSDTPerpetual"), so the symbol is looked for loosely here.
    const text = table.textContent ?? '';
    return text.length < 200_000 && cfg.symbolIn(text.replace(/([A-Z0-9])(?=[A-Z][a-z])/g, '$1 ')) !== null && LEVERAGE.test(text.normalize('NFKC'));
  };

function patternTable(scope: Element, cfg: PerpPageConfig): { root: Element; table: ExtractedTable } | null {
  return visibleTables(scope, worthPatterns(cfg)).find((t) => looksLikePositionsTable(t.table, cfg)) ?? null;
}

const page = (status: PageRead['status'], rows: RowRead[] = [], notes: string[] = []): PageRead => ({ status, rows, notes });

/**
 * A page reader for a linear-perpetual positions table (Binance, Bybit):
 *   anchor  the table whose header captions the venue's dictionary recognises (the table, or the
 *           wrapper of a split header/body pair); else the pane of the tab "Positions(N)"; else a
 *           table whose cells look like positions (symbol and leverage in one cell) — read by patterns;
 *   status  'loading' while no row is drawn but a spinner/skeleton shows, skeleton rows are drawn, or
 *           the positions tab counts N > 0; 'ok' with no rows for an empty table, a "(0)" tab or an
 *           empty-state message; 'no-table' otherwise.
 */
export function perpTablePage(spec: PerpPageSpec): VenuePageReader {
  const { config: cfg } = spec;
  // Every read asks for the count (a mark tick included): the tab found once is re-read while it
  // stays in the page, rather than searching the whole document again.
  const countedTabs = new WeakMap<Document, Element>();
  const countedTab = (doc: Document): number | null => {
    const known = countedTabs.get(doc);
    const count = known?.isConnected ? tabCount(known, spec.positionTabs) : null;
    if (count !== null) return count;
    const found = findCountedTab(doc, spec.positionTabs);
    if (found) countedTabs.set(doc, found.tab);
    return found?.count ?? null;
  };
  return {
    venue: cfg.venue,
    matchUrl: spec.matchUrl,
    findAnchor(doc) {
      const scope = doc.body ?? doc.documentElement;
      const found = findCaptionedTable(scope, cfg.columns, isPositionsHeader);
      if (found) return found.root;
      const tab = findCountedTab(doc, spec.positionTabs);
      if (tab) return tabPanelOf(tab.tab);
      return patternTable(scope, cfg)?.root ?? null;
    },
    read(anchor, ctx) {
      const found = byLayout(anchor, cfg.venue, ctx.layoutEpoch, () => findCaptionedTable(anchor, cfg.columns, isPositionsHeader));
      const read = found ? readCaptionedRows(found, ctx, cfg) : null;
      const pattern = read ? null : patternTable(anchor, cfg);
      const rows = read ?? (pattern ? readRowsByPatterns(pattern.table, ctx, cfg) : null);
      if (rows) {
        const counted = countedTab(anchor.ownerDocument);
        if (rows.rows.length === 0 && (rows.skeletons > 0 || hasLoadingMarker(anchor) || (counted ?? 0) > 0)) return page('loading');
        // Rows still drawing in (skeletons) are not a filtered list.
        const mismatch = rows.skeletons > 0 ? null : countMismatch(counted, rows.rows.length);
        return page('ok', rows.rows, mismatch ? [...rows.notes, mismatch] : rows.notes);
      }
      if (hasLoadingMarker(anchor)) return page('loading');
      const count = countedTab(anchor.ownerDocument);
      if (count === 0 || hasEmptyMessage(anchor, spec.emptyMessages)) return page('ok');
      if (count !== null) return page('loading');
      return page('no-table');
    },
  };
}

/**
 * A virtualised or filtered list shows fewer rows than the positions tab counts: say so, so the
 * trader knows the panel covers only what the page renders. More rows than counted means a row was
 * read twice or the count lags: said too.
 */
export function countMismatch(counted: number | null, read: number): string | null {
  if (counted === null || counted === read) return null;
  return counted > read
    ? `the Positions tab counts ${counted}, ${read} shown here: the others are scrolled out of view or filtered on the page`
    : `${read} rows read but the Positions tab counts ${counted}`;
}
