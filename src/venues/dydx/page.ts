import { parseNumber } from '../../core/numbers';
import type { Side } from '../../core/types';
import { mapColumns, normalizeLabel, type ColumnKey } from '../page-kit/labels';
import { finishRow, LIQ_NOT_BY_PATTERNS, liqUnread, type RawRow } from '../page-kit/row';
import { findDivGrid, gridHead } from '../page-kit/div-grid';
import { NOTE_PATTERNS } from '../page-kit/labels';
import { extractTable, visibleText, type TableRow } from '../page-kit/table';
import { isHiddenWithin } from '../page-kit/visibility';
import type { PageRead, ReadContext, RowRead, VenuePageReader } from '../page-reader-types';
import type { MarginMode } from '../position-types';
import {
  captionLanguage,
  type DydxLanguage,
  DETAILS_CAPTIONS,
  DYDX_CAPTIONS,
  DYDX_COLUMN_DICTIONARY,
  EMPTY_STATE_TEXTS,
  marginModeWord,
  ORACLE_ENTRY_CAPTIONS,
  sideWord,
  TABLE_LABELS,
} from './captions';
import { dydxSymbolFromUrl } from './page-url';
import { dydxAssetFromTicker, isDydxTicker } from './symbol';
import { byLayout } from '../page-kit/layout-memo';

/*
 * dYdX v4 (dydx.trade) is open source, so this reader follows its markup as dydxprotocol/v4-web
 * renders it (commit 2248cb6: src/views/tables/PositionsTable.tsx, src/components/Table.tsx,
 * src/components/Output.tsx, src/pages/trade/HorizontalPanel.tsx), checked against three tables
 * rendered by that code (tests/pages/dydx/positions-table-*.html, trade-horizontal-panel-*.html).
 *
 * Anchors, all language-independent:
 * - the trade page's bottom panel: radix `[role=tabpanel]` whose id ends in `-content-Position`
 *   (`InfoSection.Position`); radix renders only the active tab's panel;
 * - elsewhere (portfolio), the positions table's wrapper: a `<table role=grid>` whose `th[data-key]`
 *   are PositionsTable's column keys, or whose aria-label / captions are the translated ones;
 * - with no position dYdX renders no table but `<h4>` "You have no open positions." (translated)
 *   in the same wrapper (Table.tsx `slotEmpty`);
 * - should a build draw the table as plain elements with no roles, a grid whose header captions
 *   include a positions-only column (page-kit/div-grid.ts).
 * Columns: `th[data-key]` and each cell's `data-key` (`{row key}-{column key}`) first, translated
 * captions second (captions.ts), value patterns last. Rows: `tr[data-side=LONG|SHORT]` with
 * `data-key` `{market}-{subaccount}`; subaccounts 128 and above hold isolated positions
 * (bonsai/calculators/subaccount.ts). Numbers: each is an `<output title="…">` whose title is the
 * raw value in JavaScript notation ("17588.13360323886639676113 USD", "-40", "10×", "0.25 BTC");
 * the visible text is rounded, in the chosen language's separators, with U+2212 in its own span.
 *
 * Status: dYdX never renders an empty positions table (Table.tsx shows the empty state instead),
 * so a table whose header is there but whose body has no row yet is `loading`. Before the
 * account's data arrives the page shows the empty state, which is indistinguishable from having no
 * position: the page offers no loading marker for positions, so that reads as `ok` with no row
 * until the rows appear.
 */

/** PositionsTable's `columnKey`s, as in `th[data-key]` and in each cell's `data-key` tail. */
const DYDX_COLUMNS = [
  'market',
  'leverage',
  'type',
  'size',
  'value',
  'combinedPnl',
  'margin',
  'averageOpen',
  'oracle',
  'liquidation',
  'netFunding',
  'details',
  'oracleEntry',
] as const;
type DydxColumn = (typeof DYDX_COLUMNS)[number];

const isDydxColumn = (s: string | null): s is DydxColumn => s !== null && (DYDX_COLUMNS as readonly string[]).includes(s);

/** Caption meanings (page-kit column keys) → dYdX column keys. */
const FROM_CAPTION: ReadonlyArray<readonly [ColumnKey, DydxColumn]> = [
  ['symbol', 'market'],
  ['leverage', 'leverage'],
  ['mode', 'type'],
  ['size', 'size'],
  ['value', 'value'],
  ['pnl', 'combinedPnl'],
  ['margin', 'margin'],
  ['entry', 'averageOpen'],
  ['mark', 'oracle'],
  ['liq', 'liquidation'],
  ['funding', 'netFunding'],
];

/** Columns only the positions table has (orders, fills and trades tables share market/size). */
const POSITIONS_ONLY: readonly DydxColumn[] = ['averageOpen', 'oracleEntry', 'liquidation'];

/** Row key: `{market}-{subaccount number}` (bonsai/calculators/helpers.ts getPositionUniqueId). */
const ROW_KEY = /^(.+)-(\d+)$/;
/** Child subaccounts from 128 up each hold one isolated position (NUM_PARENT_SUBACCOUNTS). */
const FIRST_ISOLATED_SUBACCOUNT = 128;

/** An `<output>` title: the raw value in JavaScript notation, then a unit (" USD", " BTC") or "×". */
const RAW_TITLE = /^([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)(?:×|\s+(\S.*))?$/;

const NOTE_BY_KEYS = "captions not recognised: read by dYdX's column keys";

const PANEL = '[role="tabpanel"][id$="-content-Position"]';
const TABLES = 'table, [role="grid"]';
const HEADER_CELLS = 'th, [role="columnheader"]';

function headerCells(table: Element): Element[] {
  return Array.from(table.querySelectorAll(HEADER_CELLS)).filter((c) => !isHiddenWithin(c, table));
}

/** Header captions → dYdX columns through the translated captions (captions.ts). */
function captionColumns(headers: readonly string[]): (DydxColumn | null)[] {
  const mapped = mapColumns(headers, DYDX_COLUMN_DICTIONARY);
  const out: (DydxColumn | null)[] = headers.map(() => null);
  for (const [key, column] of FROM_CAPTION) {
    const at = mapped[key];
    if (at !== undefined) out[at] = column;
  }
  headers.forEach((h, i) => {
    if (out[i] !== null) return;
    const n = normalizeLabel(h);
    if (DETAILS_CAPTIONS.has(n)) out[i] = 'details';
    else if (ORACLE_ENTRY_CAPTIONS.has(n)) out[i] = 'oracleEntry';
  });
  return out;
}

function isPositionRow(row: Element): boolean {
  const side = row.getAttribute('data-side');
  const id = ROW_KEY.exec(row.getAttribute('data-key') ?? '');
  return (side === 'LONG' || side === 'SHORT') && id !== null && isDydxTicker(id[1] ?? '');
}

/** Whether a table is dYdX's positions table: column keys, then aria-label, captions, row keys. */
function isPositionsTable(table: Element): boolean {
  const cells = headerCells(table);
  if (cells.some((c) => POSITIONS_ONLY.some((k) => c.getAttribute('data-key') === k))) return true;
  const label = table.getAttribute('aria-label');
  if (label !== null && TABLE_LABELS.has(normalizeLabel(label))) return true;
  const columns = captionColumns(cells.map(visibleText));
  if (POSITIONS_ONLY.some((k) => columns.includes(k))) return true;
  return Array.from(table.querySelectorAll('[data-side]')).some(isPositionRow);
}

/** A header row of a grid of plain elements: captions of dYdX's positions table only (div-grid.ts). */
const isPositionsHeader = (texts: string[]): boolean => {
  const columns = captionColumns(texts);
  return columns.filter((c) => c !== null).length >= 3 && POSITIONS_ONLY.some((k) => columns.includes(k));
};

function positionsTableIn(anchor: Element): Element | null {
  if (anchor.matches(TABLES)) return isPositionsTable(anchor) ? anchor : null;
  for (const t of Array.from(anchor.querySelectorAll(TABLES))) {
    if (!isHiddenWithin(t, anchor) && isPositionsTable(t)) return t;
  }
  return null;
}

function emptyStateIn(root: ParentNode, stop: Element | null): Element | null {
  for (const h of Array.from(root.querySelectorAll('h4'))) {
    if (stop && isHiddenWithin(h, stop)) continue;
    if (EMPTY_STATE_TEXTS.has(normalizeLabel(visibleText(h)))) return h;
  }
  return null;
}

interface Layout {
  /** dYdX column per header index (null: not one we read). */
  columns: (DydxColumn | null)[];
  /** Language of the captions, when they matched any. */
  language: DydxLanguage | null;
  /** Whether any header carries one of dYdX's column keys. */
  keyed: boolean;
}

function layoutOf(table: Element, headers: readonly string[]): Layout {
  const keys: (string | null)[] = headers.map(() => null);
  headerCells(table).forEach((c, i) => {
    const n = Number(c.getAttribute('aria-colindex'));
    const at = Number.isInteger(n) && n > 0 ? n - 1 : i;
    if (at < keys.length) keys[at] = c.getAttribute('data-key');
  });
  const captions = captionColumns(headers);
  const columns = headers.map((_, i) => {
    const key = keys[i] ?? null;
    return isDydxColumn(key) ? key : (captions[i] ?? null);
  });
  return { columns, language: captionLanguage(headers), keyed: keys.some(isDydxColumn) };
}

/** A cell's own column: its data-key is `{row key}-{column key}`. */
function cellColumn(cell: Element, rowKey: string | null): DydxColumn | null {
  const key = cell.getAttribute('data-key');
  if (key === null || rowKey === null || !key.startsWith(`${rowKey}-`)) return null;
  const column = key.slice(rowKey.length + 1);
  return isDydxColumn(column) ? column : null;
}

function cellsByColumn(row: TableRow, rowKey: string | null, layout: Layout): { cells: Map<DydxColumn, Element>; byKeys: boolean } {
  const cells = new Map<DydxColumn, Element>();
  let byKeys = false;
  row.cells.forEach((cell, i) => {
    if (!cell) return;
    const own = cellColumn(cell, rowKey);
    if (own) byKeys = true;
    const column = own ?? layout.columns[i] ?? null;
    if (column && !cells.has(column)) cells.set(column, cell);
  });
  return { cells, byKeys };
}

function outputsOf(cell: Element): Element[] {
  return Array.from(cell.querySelectorAll('output')).filter((o) => !isHiddenWithin(o, cell));
}

interface RawTitle {
  value: number;
  unit: string | null;
}

function rawTitle(o: Element): RawTitle | null {
  const m = RAW_TITLE.exec((o.getAttribute('title') ?? '').trim());
  if (!m?.[1]) return null;
  const value = Number(m[1]);
  if (!Number.isFinite(value)) return null;
  return { value: value === 0 ? 0 : value, unit: m[2] ?? null };
}

/** Decimal places of a number as JavaScript prints it (1.5e-7 → 8). */
function decimalsOf(v: number): number {
  const [mantissa = '', exponent = '0'] = String(Math.abs(v)).split('e');
  const fraction = mantissa.split('.')[1] ?? '';
  return Math.max(0, fraction.length - Number(exponent));
}

/**
 * An `<output>`'s number. The title holds the full-precision value; the text is what the user
 * sees, rounded. When they agree to the text's decimals the title wins (precision). When the text
 * shows a different value of the same order (it changed and the title did not) the text wins;
 * when it is far off (a misread separator) the title wins.
 */
function outputNumber(o: Element, locale: string): number | null {
  const title = rawTitle(o)?.value ?? null;
  const text = visibleText(o);
  const shown = text === '' ? null : parseNumber(text, { locale });
  if (title === null) return shown;
  if (shown === null) return title;
  const a = Math.abs(title);
  const b = Math.abs(shown);
  if (Math.abs(a - b) <= 0.5 * 10 ** -decimalsOf(b) + Math.max(a, b) * 1e-12) return title;
  if (b >= a / 1.5 && b <= a * 1.5) return shown;
  return title;
}

/** The cell's number: the chosen `<output>`, or the cell's text when it has none. */
function cellNumber(cell: Element | undefined, locale: string, pick?: (outputs: Element[]) => Element | undefined): number | null {
  if (!cell) return null;
  const outputs = outputsOf(cell);
  if (outputs.length === 0) {
    const text = visibleText(cell);
    return text === '' ? null : parseNumber(text, { locale });
  }
  const o = pick ? pick(outputs) : outputs[0];
  return o ? outputNumber(o, locale) : null;
}

const isMultiple = (o: Element): boolean => /×\s*$/.test(o.getAttribute('title') ?? visibleText(o));
const isFiat = (o: Element): boolean => {
  const title = o.getAttribute('title');
  return title !== null ? / USD$/.test(title) : visibleText(o).includes('$');
};

function symbolFromName(name: string, ctx: ReadContext): string | null {
  const t = name.trim().toUpperCase();
  if (t === '') return null;
  if (isDydxTicker(t)) return t;
  if (dydxAssetFromTicker(ctx.urlSymbol) === t) return ctx.urlSymbol;
  const ticker = `${t}-USD`;
  return isDydxTicker(ticker) ? ticker : null;
}

/** The asset icon's alt text ("BTC"), which market and details cells both carry. */
const iconAsset = (cell: Element): string => cell.querySelector('img[alt]')?.getAttribute('alt') ?? '';

/** The side word of the tablet `details` cell ("Long" @ 10.00×), outside the numbers. */
function sideInDetails(cell: Element): Side | null {
  for (const span of Array.from(cell.querySelectorAll('span'))) {
    if (span.closest('output') || isHiddenWithin(span, cell)) continue;
    const side = sideWord(visibleText(span));
    if (side) return side;
  }
  return null;
}

const unreadable = (reason: string, symbol: string | null, side: Side | null): RowRead => ({ ok: false, reason, symbol, side });

/** Reading by value patterns when neither keys nor captions name the columns. */
function readByPatterns(row: TableRow, raw: RawRow, ctx: ReadContext): RawRow {
  for (const cell of row.cells) {
    if (!cell) continue;
    for (const o of outputsOf(cell)) {
      const title = rawTitle(o);
      if (!title) continue;
      if (isMultiple(o)) raw.leverage ??= title.value;
      else if (title.unit !== null && /^[A-Z0-9]{2,10}$/.test(title.unit) && title.unit !== 'USD') {
        raw.size ??= Math.abs(title.value);
        raw.symbol ??= symbolFromName(title.unit, ctx);
      }
    }
  }
  return raw;
}

function readRow(row: TableRow, layout: Layout, ctx: ReadContext, locale: string): { read: RowRead; byKeys: boolean; byPatterns: boolean } {
  const rowKey = row.el.getAttribute('data-key');
  const id = ROW_KEY.exec(rowKey ?? '');
  const market = id?.[1] ?? '';
  const subaccount = id?.[2] !== undefined ? Number(id[2]) : null;
  const dataSide = row.el.getAttribute('data-side');
  const { cells, byKeys } = cellsByColumn(row, rowKey, layout);
  const c = (k: DydxColumn) => cells.get(k);

  const raw: RawRow = {
    symbol: isDydxTicker(market) ? market : null,
    side: dataSide === 'LONG' ? 'long' : dataSide === 'SHORT' ? 'short' : null,
    size: null,
    entryPrice: null,
    markPrice: null,
    liqPrice: null,
    margin: null,
    marginMode: null,
    leverage: null,
    unrealizedPnl: null,
  };

  if (cells.size === 0) {
    return { read: finishRow('dydx', readByPatterns(row, { ...raw, liqUnread: LIQ_NOT_BY_PATTERNS }, ctx)), byKeys: false, byPatterns: true };
  }

  const marketCell = c('market');
  const details = c('details');
  if (raw.symbol === null && marketCell) raw.symbol = symbolFromName(visibleText(marketCell) || iconAsset(marketCell), ctx);

  // Size: desktop `size` (signed), tablet `details` (first output, "0.25 BTC", side word after it).
  const sizeOutput = (outputs: Element[]) => outputs.find((o) => !isMultiple(o));
  const sizeCell = c('size') ?? details;
  const signedSize = cellNumber(sizeCell, locale, sizeOutput);
  raw.size = signedSize === null ? null : Math.abs(signedSize);
  const sizeTitle = sizeCell ? (sizeOutput(outputsOf(sizeCell)) ?? null) : null;
  const titleSize = sizeTitle ? rawTitle(sizeTitle) : null;
  if (raw.symbol === null && details) {
    raw.symbol = symbolFromName(titleSize?.unit ?? iconAsset(details), ctx);
  }

  const labelSide = details ? sideInDetails(details) : null;
  if (raw.side !== null && labelSide !== null && labelSide !== raw.side) {
    return { read: unreadable("the side label disagrees with the row's side", raw.symbol, raw.side), byKeys, byPatterns: false };
  }
  raw.side ??= labelSide;
  if (titleSize !== null && titleSize.value !== 0) {
    const sizeSide: Side = titleSize.value > 0 ? 'long' : 'short';
    if (raw.side === null) raw.side = sizeSide;
    else if (raw.side !== sizeSide) {
      return { read: unreadable("the size's sign disagrees with the row's side", raw.symbol, raw.side), byKeys, byPatterns: false };
    }
  }

  const oracleEntry = c('oracleEntry');
  raw.entryPrice = c('averageOpen') ? cellNumber(c('averageOpen'), locale) : cellNumber(oracleEntry, locale, (o) => o[1]);
  raw.markPrice = c('oracle') ? cellNumber(c('oracle'), locale) : cellNumber(oracleEntry, locale, (o) => o[0]);
  raw.liqPrice = cellNumber(c('liquidation'), locale);
  // dYdX renders a null liquidation price as an empty output (its CSS draws the dash).
  raw.liqUnread = liqUnread(c('liquidation'), raw.liqPrice, true);
  raw.margin = cellNumber(c('margin'), locale, (o) => o.find(isFiat) ?? o[0]);
  raw.leverage = c('leverage') ? cellNumber(c('leverage'), locale) : cellNumber(details, locale, (o) => o.find(isMultiple));
  raw.unrealizedPnl = cellNumber(c('combinedPnl'), locale, (o) => o.find(isFiat));

  const typeCell = c('type');
  const shownMode: MarginMode | null = typeCell ? marginModeWord(visibleText(typeCell)) : null;
  raw.marginMode = shownMode ?? (subaccount === null ? null : subaccount >= FIRST_ISOLATED_SUBACCOUNT ? 'isolated' : 'cross');

  return { read: finishRow('dydx', raw), byKeys, byPatterns: false };
}

export const dydxPage: VenuePageReader = {
  venue: 'dydx',
  matchUrl: dydxSymbolFromUrl,

  findAnchor(doc: Document): Element | null {
    const panel = doc.querySelector(PANEL);
    if (panel) return panel;
    for (const t of Array.from(doc.querySelectorAll(TABLES))) {
      if (isPositionsTable(t)) return t.parentElement ?? t;
    }
    const grid = doc.body ? findDivGrid(doc.body, isPositionsHeader) : null;
    if (grid) return grid.root;
    // No position: the wrapper that held the table now holds the empty state (div > h4).
    const empty = emptyStateIn(doc, null);
    return empty ? (empty.parentElement?.parentElement ?? empty.parentElement ?? empty) : null;
  },

  read(anchor: Element, ctx: ReadContext): PageRead {
    const found = positionsTableIn(anchor);
    const grid = found
      ? null
      : byLayout(
          anchor,
          'dydx-grid',
          ctx.layoutEpoch,
          () => findDivGrid(anchor, isPositionsHeader),
          (g) => gridHead(g?.table),
        );
    const table = found ?? grid?.root;
    if (!table) {
      const empty = emptyStateIn(anchor, anchor);
      return { status: empty ? 'ok' : 'no-table', rows: [], notes: [] };
    }
    const extracted = grid ? grid.table : byLayout(table, 'dydx', ctx.layoutEpoch, () => extractTable(table));
    if (!extracted) return { status: 'loading', rows: [], notes: [] };
    // Only position rows: not the pagination row dYdX puts in a <tfoot> past five positions, and
    // when rows carry `data-side` (PositionsTable always sets it) none that lacks it.
    const sided = extracted.rows.some((r) => r.el.hasAttribute('data-side'));
    const positionRows = extracted.rows.filter((r) => !r.el.closest('tfoot') && (!sided || r.el.hasAttribute('data-side')));
    if (positionRows.length === 0) return { status: 'loading', rows: [], notes: [] };
    const layout = layoutOf(table, extracted.headers);
    const locale = layout.language ? DYDX_CAPTIONS[layout.language].numberLocale : ctx.locale;
    let byKeys = layout.keyed;
    let byPatterns = false;
    const rows = positionRows.map((row) => {
      const r = readRow(row, layout, ctx, locale);
      byKeys ||= r.byKeys;
      byPatterns ||= r.byPatterns;
      return r.read;
    });
    const notes: string[] = [];
    if (layout.language === null) notes.push(byPatterns || !byKeys ? NOTE_PATTERNS : NOTE_BY_KEYS);
    return { status: 'ok', rows, notes };
  },
};
