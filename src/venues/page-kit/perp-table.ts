// Turning the rows of a linear-perpetual positions table into RowReads, for venues whose table is
// "one row per position, symbol cell carrying mode and leverage" (Binance, Bybit). What differs per
// venue is data — captions, words, colours, symbol grammar, sign convention — in a PerpPageConfig.
import { parseNumber } from '../../core/numbers';
import type { PageRead, ReadContext, RowRead, VenuePageReader } from '../page-reader-types';
import type { MarginMode } from '../position-types';
import { findCaptionedTable, findCountedTab, tabCount, hasEmptyMessage, tabPanelOf, visibleTables, type CaptionedTable, type Columns } from './captioned-table';
import type { ColumnKey } from './labels';
import { finishRow, liqUnread, type RawRow } from './row';
import { amountIn } from './amount';
import { MISALIGNED, visibleText, type ExtractedTable, type TableRow } from './table';
import { hasLoadingMarker } from './table-state';
import { priceIn, sideFromInlineColour, solveEntryMark } from './value-patterns';
import { byLayout } from './layout-memo';
import { gridHead } from './div-grid';
import { decideSide, LEVERAGE, ownColour, wordIn } from './perp-side';
import { baseSize, cellUnit, headerUnit } from './perp-units';
import { looksLikePositionsTable, readRowsByPatterns } from './perp-patterns';
import type { PerpPageConfig } from './perp-config';
import { fail, isPlaceholder, isSkeleton, NOTE_QUOTE_SIZE, spacedText, type RowsRead } from './perp-rows';

export { looksLikePositionsTable, readRowsByPatterns } from './perp-patterns';
export type { PerpPageConfig } from './perp-config';
export { NOTE_PATTERNS } from './labels';
export { NOTE_QUOTE_SIZE, type RowsRead } from './perp-rows';

const cellAt = (row: TableRow, columns: Columns, key: ColumnKey): Element | null => {
  const i = columns[key];
  return i === undefined ? null : (row.cells[i] ?? null);
};

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
 * How many positions the page's positions tab counts, "Positions(2)": the tab found once is re-read
 * while it stays in the page (every read asks, a mark tick included), rather than searching the
 * whole document again.
 */
export function tabCounter(positionTabs: readonly string[]): (doc: Document) => number | null {
  const countedTabs = new WeakMap<Document, Element>();
  return (doc) => {
    const known = countedTabs.get(doc);
    const count = known?.isConnected ? tabCount(known, positionTabs) : null;
    if (count !== null) return count;
    const found = findCountedTab(doc, positionTabs);
    if (found) countedTabs.set(doc, found.tab);
    return found?.count ?? null;
  };
}

/**
 * The page's state from the rows read under `anchor` (null: no table could be read): 'loading' while
 * no row is drawn but a spinner/skeleton shows, skeleton rows are drawn, or the positions tab counts
 * N > 0; 'ok' with no rows for an empty table, a "(0)" tab or an empty-state message; 'no-table'
 * otherwise.
 */
export function pageState(anchor: Element, rows: RowsRead | null, countedTab: (doc: Document) => number | null, emptyMessages: readonly string[]): PageRead {
  if (rows) {
    const counted = countedTab(anchor.ownerDocument);
    if (rows.rows.length === 0 && (rows.skeletons > 0 || hasLoadingMarker(anchor) || (counted ?? 0) > 0)) return page('loading');
    // Rows still drawing in (skeletons) are not a filtered list.
    const mismatch = rows.skeletons > 0 ? null : countMismatch(counted, rows.rows.length);
    return page('ok', rows.rows, mismatch ? [...rows.notes, mismatch] : rows.notes);
  }
  if (hasLoadingMarker(anchor)) return page('loading');
  const count = countedTab(anchor.ownerDocument);
  if (count === 0 || hasEmptyMessage(anchor, emptyMessages)) return page('ok');
  if (count !== null) return page('loading');
  return page('no-table');
}

/**
 * A page reader for a linear-perpetual positions table (Binance, Bybit):
 *   anchor  the table whose header captions the venue's dictionary recognises (the table, or the
 *           wrapper of a split header/body pair); else the pane of the tab "Positions(N)"; else a
 *           table whose cells look like positions (symbol and leverage in one cell) — read by patterns;
 *   status  as pageState says.
 */
export function perpTablePage(spec: PerpPageSpec): VenuePageReader {
  const { config: cfg } = spec;
  const countedTab = tabCounter(spec.positionTabs);
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
      const found = byLayout(
        anchor,
        cfg.venue,
        ctx.layoutEpoch,
        () => findCaptionedTable(anchor, cfg.columns, isPositionsHeader),
        (f) => gridHead(f?.table),
      );
      const read = found ? readCaptionedRows(found, ctx, cfg) : null;
      const pattern = read ? null : patternTable(anchor, cfg);
      return pageState(anchor, read ?? (pattern ? readRowsByPatterns(pattern.table, ctx, cfg) : null), countedTab, spec.emptyMessages);
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
