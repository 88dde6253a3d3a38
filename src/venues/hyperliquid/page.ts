import { parseNumber } from '../../core/numbers';
import type { Side } from '../../core/types';
import { looksLikeHeader, mapColumns, type ColumnKey } from '../page-kit/labels';
import { finishRow, LIQ_NOT_BY_PATTERNS, liqUnread } from '../page-kit/row';
import { amountIn } from '../page-kit/amount';
import { findDivGrid, gridHead } from '../page-kit/div-grid';
import { NOTE_PATTERNS } from '../page-kit/labels';
import { extractTable, MISALIGNED, visibleText, type TableRow } from '../page-kit/table';
import { hasLoadingMarker, splitDataRows } from '../page-kit/table-state';
import { textPieces } from '../page-kit/text-pieces';
import { classifyCell, priceIn, shownDecimals, sideFromInlineColour, solveEntryMark, type ShownNumber } from '../page-kit/value-patterns';
import type { PageRead, ReadContext, RowRead, VenuePageReader } from '../page-reader-types';
import type { MarginMode } from '../position-types';
import { HYPERLIQUID_COLUMNS, HYPERLIQUID_MODE, HYPERLIQUID_SIDE_COLOURS } from './captions';
import { hyperliquidSymbolFromTitle, hyperliquidSymbolFromUrl } from './page-url';
import { hyperliquidBaseOf, isHyperliquidCoin } from './symbol';
import { byLayout } from '../page-kit/layout-memo';

// Hyperliquid, app.hyperliquid.xyz/trade/{COIN}. Closed source: sources in captions.ts. The reader
// leans on what survives Hyperliquid's builds (its class names are styled-components hashes):
//   anchor  the stable id `#accountTable` (bottom panel) → the `<table>` whose header captions are
//           recognised (header cells may be `td` in the first body row); the anchor is that table's
//           parent, so an empty-state line next to the table is read too; with no such table, a grid
//           of plain elements whose header captions are recognised (page-kit/div-grid.ts);
//   columns mapped by caption, never by index;
//   symbol  the coin cell's first link (/trade/ETH), else its first text piece;
//   side    no side text exists: the INLINE colour of the coin cell (left bar) or of the size cell
//           (green 31,166,125 long, red 237,112,136 short), read from `style` attributes only; else
//           a negative size is a short; otherwise the row is unreadable;
//   mode    the "(Cross)"/"(Isolated)" tail of the Margin cell.
// Status: 'loading' while a loading marker shows, or while the header is drawn with neither rows
// nor an empty-state line (not confirmed: Hyperliquid is not known to draw a bare header when it
// has no position, so a bare header is taken as rows still to come).
// The API (clearinghouseState for the wallet address) remains the better source; see page-address.ts.

const CORE_KEYS: readonly ColumnKey[] = ['symbol', 'size', 'entry', 'mark', 'liq', 'margin', 'pnl'];

type Cols = Partial<Record<ColumnKey, number>>;

function recognised(cols: Cols): boolean {
  return CORE_KEYS.filter((k) => cols[k] !== undefined).length >= 3 && (cols.size !== undefined || cols.symbol !== undefined);
}

const captionsRecognised = (texts: string[]): boolean => recognised(mapColumns(texts, HYPERLIQUID_COLUMNS));
const headerRowTest = (texts: string[]): boolean => captionsRecognised(texts) || looksLikeHeader(texts);

function firstRowTexts(table: Element): string[] {
  const row = table.querySelector('tr');
  return row ? Array.from(row.children).map(visibleText) : [];
}

const COIN_LINK = 'a[href*="/trade/"]';

/**
 * A table that holds positions: recognised captions, or (unknown language) a caption row in which no
 * caption is known over rows whose coin cell links to a market and carries a side colour bar. An
 * English table with other captions (Balances: "Coin", "Total Balance", …) is never taken.
 */
function positionsTable(scope: ParentNode, byPatterns: boolean): Element | null {
  for (const table of Array.from(scope.querySelectorAll('table'))) {
    const texts = firstRowTexts(table);
    const map = mapColumns(texts, HYPERLIQUID_COLUMNS);
    if (recognised(map)) return table;
    if (byPatterns && Object.keys(map).length === 0 && looksLikeHeader(texts) && hasPaintedCoinCell(table)) return table;
  }
  return null;
}

function hasPaintedCoinCell(table: Element): boolean {
  for (const link of Array.from(table.querySelectorAll(COIN_LINK))) {
    const cell = link.closest('td, th, [role="cell"], [role="gridcell"]');
    if (cell && sideFromInlineColour(cell, HYPERLIQUID_SIDE_COLOURS) !== null) return true;
  }
  return false;
}

function findAnchor(doc: Document): Element | null {
  const root = doc.getElementById('accountTable');
  const table = (root ? positionsTable(root, true) : null) ?? positionsTable(doc, false);
  if (table) return table.parentElement ?? table;
  const scope = root ?? doc.body;
  return scope ? (findDivGrid(scope, captionsRecognised)?.root ?? null) : null;
}

// ---- one row ------------------------------------------------------------------------------------

const TRADE_HREF = /\/trade\/([^/?#]+)/;

function coinOf(cell: Element): string | null {
  const href = cell.querySelector('a[href]')?.getAttribute('href') ?? '';
  const fromLink = TRADE_HREF.exec(href)?.[1];
  if (fromLink) {
    try {
      return decodeURIComponent(fromLink);
    } catch {
      return fromLink;
    }
  }
  // No link: the coin is the one word of the cell that is not the leverage chip ("ETH", "20x"); a
  // HIP-3 cell ("xyz", "NVDA") has two and is not guessed.
  const words = textPieces(cell)
    .flatMap((p) => p.split(/\s+/))
    .filter((w) => w !== '' && !/^\d+(?:[.,]\d+)?[x×]$/i.test(w));
  return words.length === 1 ? (words[0] ?? null) : null;
}

function leverageOf(cell: Element, locale: string): number | null {
  for (const piece of textPieces(cell)) {
    for (const w of piece.split(/\s+/)) if (/^\d+(?:[.,]\d+)?[x×]$/i.test(w)) return parseNumber(w, { locale });
  }
  return null;
}

function modeOf(cells: readonly (Element | null)[]): MarginMode | null {
  for (const cell of cells) {
    const m = cell ? HYPERLIQUID_MODE.exec(visibleText(cell).normalize('NFKC')) : null;
    const word = m?.[1]?.toLowerCase();
    if (word === 'cross' || word === '全仓') return 'cross';
    if (word === 'isolated' || word === '逐仓') return 'isolated';
  }
  return null;
}

/** The unit after the number ("9.3792 ETH" → "ETH"), or null. */
function unitOf(text: string): string | null {
  return /\d[\d.,'\s]*\s*([A-Za-z][A-Za-z0-9]{0,19})\s*$/.exec(text.normalize('NFKC').trim())?.[1] ?? null;
}

const PNL_TAIL = /\(\s*[-+−]?\s*[\d.,\s]+%\s*\)/;

function readRow(row: TableRow, cols: Cols | null, ctx: ReadContext): RowRead {
  const locale = ctx.locale;
  const all = row.cells.filter((c): c is Element => c !== null);
  const at = (k: ColumnKey): Element | null => {
    const i = cols?.[k];
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
  const fail = (reason: string, symbol: string | null, side: Side | null): RowRead => ({ ok: false, reason, symbol, side });

  const coinCell = (cols ? at('symbol') : null) ?? all.find((c) => c.querySelector(COIN_LINK)) ?? null;
  const coin = coinCell ? coinOf(coinCell) : null;
  if (!coin) return fail('no market symbol in the row', null, null);
  if (!isHyperliquidCoin(coin)) return fail(`${coin} is not a Hyperliquid perpetual (spot is not read)`, null, null);
  if (cols && row.misaligned) return fail(MISALIGNED, coin, null);
  // A HIP-3 market (`xyz:TSLA`) writes its sizes in the coin alone (`1.5 TSLA`).
  const base = hyperliquidBaseOf(coin);

  let sizeCell = cols ? at('size') : null;
  if (!cols) {
    const sized = all.filter((c) => {
      const v = classifyCell(visibleText(c), locale);
      return v.kind === 'amount' && v.unit.toLowerCase() === base.toLowerCase();
    });
    sizeCell = sized.length === 1 ? (sized[0] ?? null) : null;
  }

  const fromCoin = coinCell ? sideFromInlineColour(coinCell, HYPERLIQUID_SIDE_COLOURS) : null;
  const fromSize = sizeCell ? sideFromInlineColour(sizeCell, HYPERLIQUID_SIDE_COLOURS) : null;
  if (fromCoin === 'conflict' || fromSize === 'conflict' || (fromCoin && fromSize && fromCoin !== fromSize)) {
    return fail('the row is painted both long and short', coin, null);
  }
  const painted: Side | null = fromCoin ?? fromSize;

  const sizeText = sizeCell ? visibleText(sizeCell) : null;
  const signed = sizeText === null ? null : parseNumber(sizeText, { locale });
  if (sizeText !== null && signed !== null) {
    const unit = unitOf(sizeText);
    if (unit && unit.toLowerCase() !== base.toLowerCase()) {
      return fail(/^usdc?$/i.test(unit) ? `size is shown in ${unit}; show it in ${base} on Hyperliquid` : `size unit "${unit}" is not ${base}`, coin, painted);
    }
  }
  let side = painted;
  if (signed !== null && signed < 0) {
    if (painted === 'long') return fail('the row is painted long but its size is negative', coin, painted);
    side = 'short';
  }
  if (!side) return fail('cannot tell long from short: no side colour and the size is not negative', coin, null);

  const size = signed === null ? null : Math.abs(signed);
  const marginMode = modeOf(cols ? [at('margin')] : all);
  const leverage = coinCell ? leverageOf(coinCell, locale) : null;

  if (!cols) {
    if (size === null || sizeText === null) return fail('captions not recognised: no cell reads as the size', coin, side);
    const prices: ShownNumber[] = [];
    let pnl: ShownNumber | null = null;
    for (const cell of all) {
      const text = visibleText(cell);
      const v = classifyCell(text, locale);
      if (v.kind === 'number') prices.push({ value: v.value, decimals: v.decimals });
      else if (PNL_TAIL.test(text)) {
        const value = parseNumber(text, { locale });
        if (value === null) continue;
        if (pnl) return fail('captions not recognised: more than one cell reads as the PnL', coin, side);
        pnl = { value, decimals: shownDecimals(text, locale) };
      }
    }
    if (!pnl) return fail('captions not recognised: no cell reads as the PnL, so entry and mark cannot be told apart', coin, side);
    const fit = solveEntryMark(side, pnl, [{ value: size, decimals: shownDecimals(sizeText, locale) }], prices);
    if (!fit) return fail('captions not recognised: entry and mark prices cannot be told apart', coin, side);
    return finishRow('hyperliquid', {
      symbol: coin,
      side,
      size,
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

  const liq = price('liq');
  return finishRow('hyperliquid', {
    symbol: coin,
    side,
    size,
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

// ---- the table ----------------------------------------------------------------------------------

function read(anchor: Element, ctx: ReadContext): PageRead {
  const notes: string[] = [];
  const table = anchor.tagName === 'TABLE' ? anchor : (positionsTable(anchor, true) ?? anchor.querySelector('table'));
  const extracted = table
    ? byLayout(table, 'hyperliquid', ctx.layoutEpoch, () => extractTable(table, headerRowTest))
    : byLayout(anchor, 'hyperliquid-grid', ctx.layoutEpoch, () => findDivGrid(anchor, captionsRecognised)?.table ?? null, gridHead);
  if (!extracted) return { status: hasLoadingMarker(anchor) ? 'loading' : 'no-table', rows: [], notes };
  const map = mapColumns(extracted.headers, HYPERLIQUID_COLUMNS);
  const cols = recognised(map) ? map : null;

  const { data, placeholder } = splitDataRows(extracted.rows);
  if (!data.length) {
    if (hasLoadingMarker(anchor)) return { status: 'loading', rows: [], notes };
    if (placeholder !== null || emptyStateOutside(anchor, table)) return { status: 'ok', rows: [], notes };
    return { status: cols ? 'loading' : 'no-table', rows: [], notes };
  }
  if (!cols) notes.push(NOTE_PATTERNS);
  return { status: 'ok', rows: data.map((row) => readRow(row, cols, ctx)), notes };
}

/** Text beside the table inside the anchor (an empty-state line drawn outside the table). */
function emptyStateOutside(anchor: Element, table: Element | null): boolean {
  if (!table || table === anchor) return false;
  for (const child of Array.from(anchor.children)) {
    if (child === table || child.contains(table)) continue;
    if (visibleText(child) !== '') return true;
  }
  return false;
}

export const hyperliquidPage: VenuePageReader = {
  venue: 'hyperliquid',
  matchUrl: hyperliquidSymbolFromUrl,
  matchTitle: hyperliquidSymbolFromTitle,
  findAnchor,
  read,
};

// Pages to test on (refined-github style):
// https://app.hyperliquid.xyz/trade/BTC
// https://app.hyperliquid.xyz/trade/kPEPE
