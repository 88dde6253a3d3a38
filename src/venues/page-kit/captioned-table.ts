// Finding a venue's positions table by what it SAYS (its header captions), not by class names, and
// the page states around it (still loading, empty, a tab that counts the positions).
import { mapColumns, normalizeLabel, type ColumnDictionary, type ColumnKey } from './labels';
import { findDivGrid } from './div-grid';
import { captionedWidth, extractTable, visibleText, type ExtractedTable } from './table';
import { isHiddenWithin } from './visibility';

export type Columns = Partial<Record<ColumnKey, number>>;

const TABLE_LIKE = 'table, [role="table"], [role="grid"], [role="treegrid"]';
const HEADER_CELL = 'th, [role="columnheader"]';

export interface CaptionedTable {
  /** The smallest element holding the header and the body rows: the table, or the wrapper of a split header/body pair. */
  root: Element;
  table: ExtractedTable;
  columns: Columns;
}

function headerCaptions(table: Element): string[] {
  return Array.from(table.querySelectorAll(HEADER_CELL))
    .filter((c) => c.closest(TABLE_LIKE) === table && !isHiddenWithin(c, table))
    .map(visibleText);
}

/** Columns of a table-like element: the largest colspan sum of any row (hidden measure rows included), or its `col`s. */
function columnCount(table: Element): number {
  let most = table.querySelectorAll('colgroup > col').length;
  for (const row of Array.from(table.querySelectorAll('tr, [role="row"]'))) {
    let n = 0;
    for (const cell of Array.from(row.children)) n += Math.max(1, Number(cell.getAttribute('colspan')) || 1);
    most = Math.max(most, n);
  }
  return most;
}

const hasBodyCells = (table: Element): boolean =>
  table.querySelector('td, [role="cell"], [role="gridcell"]') !== null &&
  Array.from(table.querySelectorAll('tr, [role="row"]')).some((r) => !isHiddenWithin(r, table) && r.querySelector('td, [role="cell"], [role="gridcell"]'));

/**
 * Tables with a fixed header (rc-table, which Binance's `bn-web-table` resembles: a hidden measure
 * row is its signature) render the header and the body as two sibling `<table>`s. Climbs at most
 * three levels from a header-only table to the wrapper that also holds exactly one caption-less
 * table of the same width; otherwise the table is its own root.
 */
function splitRoot(table: Element, captions: readonly string[], stop: Element | null): Element {
  if (hasBodyCells(table)) return table;
  // A fixed header may end in a caption-less gutter cell over the body's scrollbar (rc-table's
  // `cell-scrollbar`), which the body table does not have: both widths describe the same columns.
  const widths = [captions.length, captionedWidth(captions)];
  let at: Element | null = table.parentElement;
  for (let level = 0; at && level < 3; level++, at = at.parentElement) {
    const others = Array.from(at.querySelectorAll(TABLE_LIKE)).filter((t) => t !== table && !t.contains(table) && !table.contains(t));
    if (others.length === 1 && others[0] && headerCaptions(others[0]).length === 0 && widths.includes(columnCount(others[0]))) return at;
    if (others.length > 1 || at === stop) break;
  }
  return table;
}

/**
 * The first visible table-like element under `scope` (itself included) whose header captions map,
 * through `dictionary`, to columns that `accept` takes for a positions table, else a grid of plain
 * elements with such a header (div-grid.ts). Cheap: one pass over header cells per table; rows are
 * extracted only for the table that matches.
 */
export function findCaptionedTable(scope: Element, dictionary: ColumnDictionary, accept: (columns: Columns) => boolean): CaptionedTable | null {
  const candidates = scope.matches(TABLE_LIKE) ? [scope] : Array.from(scope.querySelectorAll(TABLE_LIKE));
  // A header-only table that found no body table of its own (its body sibling carries a copy of
  // the header, say) is kept only when no table with rows matches: else it would read as "no positions".
  let headerOnly: CaptionedTable | null = null;
  for (const t of candidates) {
    if (t !== scope && isHiddenWithin(t, scope)) continue;
    const captions = headerCaptions(t);
    if (captions.length < 3 || !accept(mapColumns(captions, dictionary))) continue;
    const root = splitRoot(t, captions, scope);
    const table = extractTable(root);
    if (!table) continue;
    const columns = mapColumns(table.headers, dictionary);
    if (!accept(columns)) continue;
    if (root !== t || hasBodyCells(t)) return { root, table, columns };
    headerOnly ??= { root, table, columns };
  }
  if (headerOnly) return headerOnly;
  const grid = findDivGrid(scope, (captions) => accept(mapColumns(captions, dictionary)));
  return grid && { ...grid, columns: mapColumns(grid.table.headers, dictionary) };
}

/**
 * Every visible table-like element under `scope` (itself included) that `worth` accepts (a cheap
 * text test, so that big unrelated tables are not extracted), for readers that fall back to value patterns.
 */
export function visibleTables(scope: Element, worth: (table: Element) => boolean = () => true): { root: Element; table: ExtractedTable }[] {
  const candidates = scope.matches(TABLE_LIKE) ? [scope] : Array.from(scope.querySelectorAll(TABLE_LIKE));
  const out: { root: Element; table: ExtractedTable }[] = [];
  const seen = new Set<Element>();
  for (const t of candidates) {
    if (t !== scope && isHiddenWithin(t, scope)) continue;
    const captions = headerCaptions(t);
    const root = captions.length ? splitRoot(t, captions, scope) : t;
    if (seen.has(root) || Array.from(seen).some((r) => r.contains(root)) || !worth(root)) continue;
    seen.add(root);
    const table = extractTable(root);
    if (table) out.push({ root, table });
  }
  return out;
}

/** True when the visible text under `scope` contains one of the (normalised) empty-state messages. */
export function hasEmptyMessage(scope: Element, messages: readonly string[]): boolean {
  const text = normalizeLabel(visibleText(scope));
  return messages.some((m) => text.includes(normalizeLabel(m)));
}

const TAB = '[role="tab"], [data-tab-key], [aria-controls]';

/**
 * A tab whose caption is one of `captions` followed by a count in parentheses ("Positions(2)",
 * "仓位(1)"), with that count; searched among ARIA tabs and `data-tab-key` elements only, so the
 * look-up stays cheap on a heavy page.
 */
export function findCountedTab(scope: ParentNode, captions: readonly string[]): { tab: Element; count: number } | null {
  for (const tab of Array.from(scope.querySelectorAll(TAB))) {
    const count = tabCount(tab, captions);
    if (count !== null) return { tab, count };
  }
  return null;
}

/** The count a tab shows when its caption is one of `captions` ("Positions(2)" → 2), else null. */
export function tabCount(tab: Element, captions: readonly string[]): number | null {
  const m = /^(.{1,40}?)\s*\(\s*(\d{1,4})\s*\)$/.exec(visibleText(tab).normalize('NFKC'));
  if (!m?.[1] || !m[2]) return null;
  const caption = normalizeLabel(m[1]);
  return captions.some((c) => normalizeLabel(c) === caption) ? Number(m[2]) : null;
}

/**
 * The element a tab controls (aria-controls), else the tab panel labelled by it (aria-labelledby),
 * else (`orList`) the container of its tab list, which holds the panes.
 */
export function tabPanelOf(tab: Element, orList = true): Element | null {
  const doc = tab.ownerDocument;
  const controls = tab.getAttribute('aria-controls');
  const panel = controls ? doc.getElementById(controls) : null;
  if (panel) return panel;
  const id = tab.getAttribute('id');
  if (id)
    for (const p of Array.from(doc.querySelectorAll('[role="tabpanel"]'))) if ((p.getAttribute('aria-labelledby') ?? '').split(/\s+/).includes(id)) return p;
  if (!orList) return null;
  const list = tab.closest('[role="tablist"]') ?? tab.parentElement;
  return list?.parentElement ?? null;
}
