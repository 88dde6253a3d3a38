// Lighter perpetuals, app.lighter.xyz/trade/{TICKER}. Closed source; captions.ts gives the sources
// (one public extension read against the live page) and marks what is a guess. The reader:
//   anchor  `table[data-testid="positions-table"]` when it is shown (the testid survives Lighter's
//           builds); else the table whose header captions are recognised, else the pane of the tab
//           "Positions (N)". Class names are never used. No table is read by value patterns.
//   columns by caption only (Market, Size, Position Value, Entry Price, Mark Price, Unrealized PnL,
//           Liq. Price, Margin, Funding — spellings partly guessed), so a hidden or reordered column
//           reads as absent, never as its neighbour. Rows are the table's visible `tr`s (Lighter's
//           `tr[data-testid^="row-"]` are absolutely positioned and virtualised: DOM order, not
//           screen order; hidden copies and spacer rows are skipped by the kit).
//   symbol  the Market cell's one bare ticker ("BTC", "1000PEPE"), apart from the side, mode and
//           leverage words beside it; two candidate tickers make the row unreadable.
//   side    the direction element of the row, `[data-testid="direction-long"]` /
//           `[data-testid="direction-short"]`, and the Long/Short word it shows. Both, when present,
//           must agree (and with a signed size, should the page sign one); a row with neither is
//           unreadable. No colour is used.
//   size    in the market's coin ("0.5000 BTC" or a bare "0.5000"). Any other unit — the quote USDC,
//           a dollar sign — makes the row unreadable: PerpLens does not convert a money size here.
//   margin  the Margin cell (its "(Cross)" / "(Isolated)" tail, or a mode word in the Market cell,
//           gives the mode); liq the Liq. Price cell when it holds a bare price, "-" / "N/A" meaning
//           the venue shows none; anything else is "not read".
//
// What the kit could not take, hence the small wrapper below (lighterPage):
//   - a side from an ATTRIBUTE: PerpPageConfig takes side words read from text only. The wrapper
//     lines the kit's rows up with the table's rows, checks each against its direction testid
//     (a disagreement makes the row unreadable), and re-reads a row whose direction element shows
//     no Long/Short word (an icon, another language) from a detached copy of the row carrying the
//     word its testid names: the page itself is never written to.
//   - the kit converts a size in the quote currency at the mark, and reads a bare number behind a
//     "$" as a coin size; for Lighter both are refused (a size not in the coin is
//     unreadable).
//   - the anchor by testid: the kit finds tables by caption only; and the kit's reading by value
//     patterns, which Lighter does without.
import { parseNumber } from '../../core/numbers';
import type { Side } from '../../core/types';
import { findCaptionedTable, findCountedTab, tabPanelOf, type CaptionedTable } from '../page-kit/captioned-table';
import { isPositionsHeader, NOTE_QUOTE_SIZE, pageState, readCaptionedRows, tabCounter, type PerpPageConfig } from '../page-kit/perp-table';
import { fail, isPlaceholder, isSkeleton, spacedText } from '../page-kit/perp-rows';
import { wordIn } from '../page-kit/perp-side';
import { cellUnit, headerUnit } from '../page-kit/perp-units';
import { byLayout } from '../page-kit/layout-memo';
import { gridHead } from '../page-kit/div-grid';
import { visibleText, type TableRow } from '../page-kit/table';
import { isHiddenWithin } from '../page-kit/visibility';
import type { PageRead, ReadContext, RowRead, VenuePageReader } from '../page-reader-types';
import { LIGHTER_COLUMNS, LIGHTER_DIRECTION_TESTIDS, LIGHTER_EMPTY, LIGHTER_MODES, LIGHTER_PALETTE, LIGHTER_POSITION_TABS, LIGHTER_SIDES } from './captions';
import { lighterSymbolFromUrl } from './page-url';
import { isLighterSymbol, lighterAssetFromSymbol, LIGHTER_QUOTE } from './symbol';

const TICKER = /^(?=[0-9]*[A-Z])[A-Z0-9]{1,20}$/;
const LEVERAGE_TOKEN = /^\d{1,3}(?:[.,]\d{1,2})?[x×X]$/;

/**
 * The one Lighter ticker a Market cell names ("BTC 20x Isolated Long" → BTC), or null when there is
 * none or more than one (a bare ticker has no suffix to tell it from other words, so only upper-case
 * tokens that are not a side, mode or leverage word count).
 */
export function lighterSymbolIn(text: string): string | null {
  const found = new Set<string>();
  for (const token of text.normalize('NFKC').split(/[\s·•|/,;:()[\]]+/)) {
    if (!TICKER.test(token) || LEVERAGE_TOKEN.test(token) || wordIn(token, LIGHTER_SIDES) || wordIn(token, LIGHTER_MODES)) continue;
    if (isLighterSymbol(token)) found.add(token);
  }
  return found.size === 1 ? ([...found][0] ?? null) : null;
}

/** Base coin and settlement currency of a Lighter perp: BTC → BTC/USDC. */
export function lighterAssets(symbol: string): { base: string; quote: string } | null {
  return isLighterSymbol(symbol) ? { base: lighterAssetFromSymbol(symbol), quote: LIGHTER_QUOTE } : null;
}

const LIGHTER_CONFIG: PerpPageConfig = {
  venue: 'lighter',
  columns: LIGHTER_COLUMNS,
  symbolIn: lighterSymbolIn,
  assets: lighterAssets,
  modeWords: LIGHTER_MODES,
  sideWords: LIGHTER_SIDES,
  palette: LIGHTER_PALETTE,
  signsShortSizes: false,
  contractUnits: [],
};

const countedTab = tabCounter(LIGHTER_POSITION_TABS);

const POSITIONS_TABLE = 'table[data-testid="positions-table"]';
const CANNOT_TELL = 'cannot tell whether the position is long or short';
const SIDE_WORD: Record<Side, string> = { long: 'Long', short: 'Short' };

/** The side the row's shown direction element names by its testid; 'conflict' for both. */
function directionOf(row: Element): Side | 'conflict' | null {
  let side: Side | null = null;
  for (const s of ['long', 'short'] as const) {
    for (const el of Array.from(row.querySelectorAll(`[data-testid="${LIGHTER_DIRECTION_TESTIDS[s]}"]`))) {
      if (isHiddenWithin(el, row)) continue;
      if (side !== null && side !== s) return 'conflict';
      side = s;
    }
  }
  return side;
}

const cellOf = (found: CaptionedTable, row: TableRow, key: 'symbol' | 'side' | 'size'): Element | null => {
  const i = found.columns[key];
  return i === undefined ? null : (row.cells[i] ?? null);
};

/** Why the row's size is not in its coin (a money size, another unit), or null. */
function sizeProblem(found: CaptionedTable, row: TableRow, symbol: string): string | null {
  const cell = cellOf(found, row, 'size');
  if (!cell) return null;
  const text = visibleText(cell);
  if (/\p{Sc}/u.test(text)) return `size is shown as money, not in ${symbol}`;
  const i = found.columns.size;
  const unit = cellUnit(text) ?? headerUnit(i === undefined ? '' : (found.table.headers[i] ?? ''));
  return unit !== null && unit !== lighterAssetFromSymbol(symbol) ? `size unit ${unit} is not ${symbol}` : null;
}

const sideOf = (r: RowRead): Side | null => (r.ok ? r.position.side : r.side);
const symbolOf = (r: RowRead): string | null => (r.ok ? r.position.symbol : r.symbol);

/**
 * The row read again from a detached copy whose Market cell also says the side its testid names
 * (a direction element showing an icon, or a word the dictionary does not know). Null when the copy's
 * cells cannot be lined up with the row's.
 */
function rereadWithSide(found: CaptionedTable, row: TableRow, side: Side, ctx: ReadContext, signs: boolean): RowRead | null {
  const copy = row.el.cloneNode(true) as Element;
  const own = Array.from(row.el.children);
  const copied = Array.from(copy.children);
  const cells = row.cells.map((c) => (c === null ? null : (copied[own.indexOf(c)] ?? undefined)));
  const symbolAt = found.columns.symbol;
  const symbolCell = symbolAt === undefined ? undefined : cells[symbolAt];
  if (cells.includes(undefined) || !symbolCell) return null;
  const word = copy.ownerDocument.createElement('span');
  word.textContent = SIDE_WORD[side];
  symbolCell.append(word);
  const table = { headers: found.table.headers, rows: [{ el: copy, cells: cells as (Element | null)[] }] };
  const read = readCaptionedRows(
    { root: found.root, table, columns: found.columns },
    { ...ctx, layoutEpoch: undefined },
    { ...LIGHTER_CONFIG, signsShortSizes: signs },
  );
  return read.rows[0] ?? null;
}

/** One row's outcome from the kit, checked against (or completed by) the row's direction testid and size unit. */
function checkRow(result: RowRead, found: CaptionedTable, row: TableRow, ctx: ReadContext, signs: boolean): RowRead {
  const tag = directionOf(row.el);
  const symbol = symbolOf(result);
  if (tag === 'conflict') return fail('the row carries both direction tags (long and short)', symbol, null);
  const sideCell = cellOf(found, row, 'side');
  const symbolCell = cellOf(found, row, 'symbol');
  const word = wordIn(`${symbolCell ? spacedText(symbolCell) : ''} ${sideCell ? spacedText(sideCell) : ''}`, LIGHTER_SIDES);
  if (word === 'conflict') return result.ok ? fail('the side label says both long and short', symbol, null) : result;
  if (tag !== null && word !== null && tag !== word) return fail(`the direction tag says ${tag} but the side label says ${word}`, symbol, null);
  const side = tag ?? word;
  const read = sideOf(result);
  if (read !== null && side !== null && read !== side) return fail(`the direction tag says ${side} but the size sign says ${read}`, symbol, null);
  let out = result;
  if (!result.ok && side !== null && read === null && result.reason === CANNOT_TELL) out = rereadWithSide(found, row, side, ctx, signs) ?? result;
  // The kit may also take a side from a signed size alone; Lighter's side is its tag or its word.
  if (side === null && sideOf(out) !== null) return fail(`${CANNOT_TELL}: the row has no direction tag and no Long/Short word`, symbolOf(out), null);
  // A row the kit refused keeps its own reason; one it read (or would, but for the mark at its
  // liquidation price) is refused here when its size is not in the coin.
  const sym = symbolOf(out);
  const problem = sym === null || (!out.ok && !out.crossed) ? null : sizeProblem(found, row, sym);
  if (problem) return fail(problem, sym, sideOf(out));
  return out;
}

function withDirections(read: PageRead, found: CaptionedTable, ctx: ReadContext): PageRead {
  // The kit's output rows, in order: every body row but the placeholders and the skeletons.
  const rows = found.table.rows.filter((r) => !isPlaceholder(r) && !isSkeleton(r));
  const notes = read.notes.filter((n) => n !== NOTE_QUOTE_SIZE);
  if (rows.length !== read.rows.length) {
    return { ...read, notes, rows: read.rows.map((r) => fail('the rows could not be matched with their direction tags', symbolOf(r), null)) };
  }
  const sizeAt = found.columns.size;
  const signs = rows.some((r) => {
    const cell = sizeAt === undefined ? null : (r.cells[sizeAt] ?? null);
    const v = cell ? parseNumber(visibleText(cell), { locale: ctx.locale }) : null;
    return v !== null && v < 0;
  });
  return { ...read, notes, rows: read.rows.map((r, i) => (rows[i] ? checkRow(r, found, rows[i], ctx, signs) : r)) };
}

/**
 * The page reader for Lighter, built from the kit's parts: the table by its testid, else by its
 * captions, else the pane of the tab "Positions (N)"; rows by caption only (no reading by value
 * patterns: such rows could not be lined up with their direction tags), each side checked against
 * its direction testid.
 */
export const lighterPage: VenuePageReader = {
  venue: 'lighter',
  matchUrl: lighterSymbolFromUrl,
  findAnchor(doc) {
    const body = doc.body ?? doc.documentElement;
    const table = Array.from(doc.querySelectorAll(POSITIONS_TABLE)).find((t) => !isHiddenWithin(t, body));
    if (table) return table;
    const found = findCaptionedTable(body, LIGHTER_COLUMNS, isPositionsHeader);
    if (found) return found.root;
    const tab = findCountedTab(doc, LIGHTER_POSITION_TABS);
    return tab ? tabPanelOf(tab.tab) : null;
  },
  read(anchor, ctx) {
    // Looked up once per layout epoch, as the kit's readers do.
    const found = byLayout(
      anchor,
      'lighter',
      ctx.layoutEpoch,
      () => findCaptionedTable(anchor, LIGHTER_COLUMNS, isPositionsHeader),
      (f) => gridHead(f?.table),
    );
    const read = pageState(anchor, found ? readCaptionedRows(found, ctx, LIGHTER_CONFIG) : null, countedTab, LIGHTER_EMPTY);
    return found && read.status === 'ok' && read.rows.length > 0 ? withDirections(read, found, ctx) : read;
  },
};

// Test on: https://app.lighter.xyz/trade/BTC (a long and a short in two markets, cross and isolated,
// columns hidden and reordered if the app allows it), https://app.lighter.xyz/trade/BTC?locale=zh.
