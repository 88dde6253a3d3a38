// GMX v2 (app.gmx.io/#/trade) is open source, so this reader follows the markup gmx-io/gmx-interface
// renders (a78e920: PositionList.tsx, PositionItem.tsx renderLarge), checked against two tables that
// code rendered (tests/pages/gmx/positions-table*.html, with GMX's own computed values beside).
//
// Anchors, all language-independent:
//   table   the rows `tr[data-qa="position-item-{index}-{pool}-{Long|Short}"]` (GMX's own end-to-end
//           tests select them); the market and the side come from that attribute, the only place
//           that names the pool. The wrapper is `[data-qa="trade-table-large"]` on the trade page.
//   columns by header caption in GMX's nine catalogs (captions.ts): POSITION, SIZE, NET VALUE,
//           MARGIN, ENTRY PRICE, MARK PRICE, LIQUIDATION PRICE. A cell under no known caption is not read.
//   size    USD by default ("$ 22,604.40": GMX's size in USD, which is its size in tokens times the
//           entry price, by GMX's definition of the entry price), or the index token after a click
//           on the cell ("120.000 SOL"). A USD size is turned into tokens at the row's entry price.
//   margin  the MARGIN cell's first line: collateral minus pending borrowing and funding fees, in USD;
//           its second line names the collateral token and its amount: when that is the index's own
//           token (SOL behind SOL/USD) the amount is kept, since the collateral's value moves with the price.
//   pnl     the NET VALUE cell's signed second line.
//   liq     "NA" is GMX's "no liquidation price"; "..." (not computed yet) and a capped ">$ 1,000,000"
//           are "not read".
// Every GMX position is isolated. Numbers are written the English way in every language (formatUsd).
// Below 1024 px GMX draws cards instead of the table; those are not read (the page says so).
import { parseNumber } from '../../core/numbers';
import type { Side } from '../../core/types';
import { mapColumns, normalizeLabel, type ColumnKey } from '../page-kit/labels';
import { finishRow, LIQ_NO_COLUMN, type RawRow } from '../page-kit/row';
import { extractTable, MISALIGNED, visibleText, type TableRow } from '../page-kit/table';
import { textPieces } from '../page-kit/text-pieces';
import { isHiddenWithin } from '../page-kit/visibility';
import type { PageRead, RowRead, VenuePageReader } from '../page-reader-types';
import { GMX_COLUMNS, GMX_EMPTY, GMX_SIDES } from './captions';
import { gmxSymbolFromTitle, gmxSymbolFromUrl, isGmxTradePage } from './page-url';
import { isIndexCollateral } from './liquidation';
import { fromPositionQa, parseGmxSymbol } from './symbol';

const ROW = 'tr[data-qa^="position-item-"]';
const WRAPPER = '[data-qa="trade-table-large"]';
/** The narrow layout's cards (AppCard dataQa="position-item"). */
const CARD = '[data-qa="position-item"]';

export const NOTE_USD_SIZES = "sizes shown in USD: converted to tokens at each position's entry price";
export const NOTE_CARDS = "GMX's narrow layout (cards, below 1024 px) is not read: widen the window to show the positions table";

const EMPTY = new Set(GMX_EMPTY.map(normalizeLabel));

/** A figure as GMX writes it: "$ 1,234.56", "-$ 12.30 (-1.2%)", "4.7000 ETH". Capped (">$ …", "<$ …") or absent: null. */
function figure(text: string): number | null {
  const t = text.trim();
  if (t === '' || /^[<>]/.test(t)) return null;
  const v = parseNumber(t, { locale: 'en' });
  return v !== null && Number.isFinite(v) ? v : null;
}

function sideWord(text: string): Side | null {
  const n = normalizeLabel(text);
  if (GMX_SIDES.long.some((w) => normalizeLabel(w) === n)) return 'long';
  if (GMX_SIDES.short.some((w) => normalizeLabel(w) === n)) return 'short';
  return null;
}

function positionsTableIn(anchor: Element): Element | null {
  const row = anchor.matches(ROW) ? anchor : anchor.querySelector(ROW);
  if (row) return row.closest('table');
  // No position row: a table whose captions are the positions table's (rows still rendering).
  for (const t of Array.from(anchor.querySelectorAll('table'))) {
    if (isHiddenWithin(t, anchor)) continue;
    const head = Array.from(t.querySelectorAll('th')).map(visibleText);
    const cols = mapColumns(head, GMX_COLUMNS);
    if (cols.liq !== undefined && cols.entry !== undefined) return t;
  }
  return null;
}

function emptyStateIn(anchor: Element): boolean {
  for (const el of Array.from(anchor.querySelectorAll('div, td, p, span'))) {
    if (el.childElementCount === 0 && EMPTY.has(normalizeLabel(visibleText(el))) && !isHiddenWithin(el, anchor)) return true;
  }
  return false;
}

interface Cells {
  get(k: ColumnKey): Element | undefined;
}

/** The position cell: "SOL/USD", then "10.47x" and the translated side, as separate pieces. */
function positionCell(cell: Element | undefined): { leverage: number | null; side: Side | null } {
  if (!cell) return { leverage: null, side: null };
  let leverage: number | null = null;
  let side: Side | null = null;
  for (const piece of textPieces(cell)) {
    const lev = /^(\d+(?:\.\d+)?)x$/.exec(piece);
    if (lev?.[1]) leverage ??= Number(lev[1]);
    side ??= sideWord(piece);
  }
  return { leverage, side };
}

/** The size in index tokens: the cell's token amount, or its USD size over the entry price. */
function sizeOf(cell: Element | undefined, base: string, entry: number | null): { size: number | null; usd: boolean; problem?: string } {
  if (!cell) return { size: null, usd: false };
  const text = visibleText(cell).trim();
  const v = figure(text);
  if (v === null) return { size: null, usd: false };
  if (text.includes('$')) {
    if (entry === null || entry <= 0) return { size: null, usd: true, problem: 'a size in USD cannot be converted without the entry price' };
    return { size: Math.abs(v) / entry, usd: true };
  }
  const unit = /[\d.,]\s*([A-Za-z0-9.]+)$/.exec(text.replace(/\u00a0/g, ' '))?.[1];
  if (unit !== base) return { size: null, usd: false, problem: `the size's unit (${unit ?? 'none'}) is not the market's token (${base})` };
  return { size: Math.abs(v), usd: false };
}

/** The signed line of the NET VALUE cell ("-$ 1,371.60 (-38.75%)"): the PnL. */
function pnlOf(cell: Element | undefined): number | null {
  if (!cell) return null;
  for (const piece of textPieces(cell)) if (/^[+-]\s*\$/.test(piece)) return figure(piece);
  return null;
}

/** The MARGIN cell's USD line (remaining collateral). */
function marginOf(cell: Element | undefined): number | null {
  if (!cell) return null;
  for (const piece of textPieces(cell)) if (/^\$/.test(piece)) return figure(piece);
  return null;
}

/**
 * The MARGIN cell's second line, "(19.9559 SOL)": the collateral token's amount after fees, when that
 * token is the index's own (its value then moves with the price, which the liquidation check needs).
 */
function indexCollateralOf(cell: Element | undefined, base: string): number | undefined {
  if (!cell) return undefined;
  for (const piece of textPieces(cell)) {
    const m = /^\(([\d,]+(?:\.\d+)?)\s+([A-Za-z0-9.]+)\)$/.exec(piece.replace(/\u00a0/g, ' '));
    if (!m?.[1] || !m[2]) continue;
    const amount = parseNumber(m[1], { locale: 'en' });
    return amount !== null && amount >= 0 && isIndexCollateral(m[2], base) ? amount : undefined;
  }
  return undefined;
}

function liqOf(cell: Element | undefined): { liq: number | null; unread?: string } {
  if (!cell) return { liq: null, unread: LIQ_NO_COLUMN };
  const text = visibleText(cell).trim();
  if (text === 'NA') return { liq: null };
  const v = figure(text);
  if (v !== null && v > 0) return { liq: v };
  return {
    liq: null,
    unread: /^>/.test(text)
      ? 'liquidation price not read: GMX shows it only as above $1,000,000'
      : 'liquidation price not read: its cell is empty or not computed yet',
  };
}

function readRow(row: TableRow, columns: Partial<Record<ColumnKey, number>>): { read: RowRead; usd: boolean } {
  const market = fromPositionQa(row.el.getAttribute('data-qa') ?? '');
  const fail = (reason: string, symbol: string | null = market?.symbol ?? null, side: Side | null = market?.side ?? null): { read: RowRead; usd: boolean } => ({
    read: { ok: false, reason, symbol, side },
    usd: false,
  });
  if (!market) return fail("the row's market attribute is not GMX's", null, null);
  if (row.misaligned) return fail(MISALIGNED);
  const cells: Cells = { get: (k) => (columns[k] === undefined ? undefined : (row.cells[columns[k]] ?? undefined)) };
  const { leverage, side } = positionCell(cells.get('symbol') ?? row.cells[0] ?? undefined);
  if (side !== null && side !== market.side) return fail("the side label disagrees with the row's market attribute");
  const entryCell = cells.get('entry');
  const entry = entryCell ? figure(visibleText(entryCell)) : null;
  const base = parseGmxSymbol(market.symbol)?.base ?? '';
  const size = sizeOf(cells.get('size'), base, entry);
  if (size.problem) return fail(size.problem);
  const liq = liqOf(cells.get('liq'));
  const mark = cells.get('mark');
  const collateralInBase = indexCollateralOf(cells.get('margin'), base);
  const raw: RawRow = {
    symbol: market.symbol,
    side: market.side,
    size: size.size,
    entryPrice: entry,
    markPrice: mark ? figure(visibleText(mark)) : null,
    liqPrice: liq.liq,
    ...(liq.unread !== undefined ? { liqUnread: liq.unread } : {}),
    margin: marginOf(cells.get('margin')),
    ...(collateralInBase !== undefined ? { collateralInBase } : {}),
    marginMode: 'isolated',
    leverage,
    unrealizedPnl: pnlOf(cells.get('pnl')),
  };
  return { read: finishRow('gmx', raw), usd: size.usd };
}

export const gmxPage: VenuePageReader = {
  venue: 'gmx',
  matchUrl: gmxSymbolFromUrl,
  matchTitle: (url, title) => (gmxSymbolFromUrl(url) === null && isGmxTradePage(url) ? gmxSymbolFromTitle(title) : null),

  findAnchor(doc: Document): Element | null {
    const wrapper = doc.querySelector(WRAPPER);
    if (wrapper) return wrapper;
    const row = doc.querySelector(ROW);
    const table = row?.closest('table');
    return table ? (table.parentElement ?? table) : null;
  },

  read(anchor: Element): PageRead {
    const table = positionsTableIn(anchor);
    if (!table) {
      if (anchor.querySelector(CARD)) return { status: 'no-table', rows: [], notes: [NOTE_CARDS] };
      return { status: emptyStateIn(anchor) ? 'ok' : 'no-table', rows: [], notes: [] };
    }
    const extracted = extractTable(table);
    if (!extracted) return { status: 'loading', rows: [], notes: [] };
    const rows = extracted.rows.filter((r) => r.el.matches(ROW));
    if (rows.length === 0) return { status: emptyStateIn(anchor) ? 'ok' : 'loading', rows: [], notes: [] };
    const columns = mapColumns(extracted.headers, GMX_COLUMNS);
    let usd = false;
    const read = rows.map((r) => {
      const one = readRow(r, columns);
      usd ||= one.usd;
      return one.read;
    });
    return { status: 'ok', rows: read, notes: usd ? [NOTE_USD_SIZES] : [] };
  },
};

// Test on: https://app.gmx.io/#/trade with positions in several pools of one index, sizes in USD and
// in tokens (click a Size cell), the Positions tab and the others, a window narrower than 1024 px.
