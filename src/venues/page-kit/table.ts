import { isHiddenWithin } from './visibility';

/** The header's width without the caption-less cells that close it (a scrollbar gutter). */
export function captionedWidth(headers: readonly string[]): number {
  let n = headers.length;
  while (n > 0 && headers[n - 1] === '') n--;
  return n;
}

/** Why a row with `misaligned` set is not read by column. */
export const MISALIGNED = "the row's cells do not line up with the table header";

export interface TableRow {
  el: Element;
  /** Cell elements aligned with the header list (null where the row has no such cell). */
  cells: (Element | null)[];
  /**
   * True when the cells cannot be lined up with the header: no aria-colindex and a different
   * number of cells (colspans counted) than header captions. Read by column, such a row would put
   * one column's figure under another's caption, so column readers refuse it.
   */
  misaligned?: boolean;
}

export interface ExtractedTable {
  headers: string[];
  rows: TableRow[];
  /** A grid of plain elements' header row (div-grid.ts): a table's header is found by its tags. */
  head?: Element;
}

const BLOCK_TAGS = new Set(['DIV', 'P', 'LI', 'TD', 'TH']);

/** Visible text of an element: its text nodes, with hidden descendants left out. */
export function visibleText(el: Element): string {
  // A read calls this for every cell at every tick of the page's prices: sibling pointers rather
  // than child arrays, so a walk allocates nothing but the string.
  let out = '';
  const walk = (e: Element): void => {
    for (let n = e.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 3) out += n.nodeValue ?? '';
      else if (n.nodeType === 1) {
        const c = n as Element;
        const tag = c.tagName;
        if (tag === 'STYLE' || tag === 'SCRIPT' || c.getAttribute('aria-hidden') === 'true' || c.hasAttribute('hidden')) continue;
        if (tag === 'BR') out += ' ';
        walk(c);
        if (BLOCK_TAGS.has(tag)) out += ' ';
      }
    }
  };
  if (el.getAttribute('aria-hidden') === 'true' || el.hasAttribute('hidden') || el.tagName === 'STYLE' || el.tagName === 'SCRIPT') return '';
  walk(el);
  return out.replace(/\s+/g, ' ').trim();
}

function cellsOf(row: Element): Element[] {
  const direct = Array.from(row.children).filter(
    (c) => /^(?:TD|TH)$/.test(c.tagName) || /^(?:cell|gridcell|columnheader|rowheader)$/.test(c.getAttribute('role') ?? ''),
  );
  return direct.length ? direct : Array.from(row.querySelectorAll('[role="cell"],[role="gridcell"],[role="columnheader"]'));
}

/** aria-colindex is 1-based and survives hidden/virtualised columns; fall back to DOM order. */
function colIndex(cell: Element, fallback: number): number {
  const n = Number(cell.getAttribute('aria-colindex'));
  return Number.isInteger(n) && n > 0 ? n - 1 : fallback;
}

/** A body row of plain cells whose texts are the header's captions (a header repeated as data cells). */
function repeatsHeader(cells: Element[], headers: string[]): boolean {
  if (cells.length !== headers.length || headers.filter((h) => h !== '').length < 2) return false;
  return cells.every((c, i) => visibleText(c) === headers[colIndex(c, i)]);
}

/**
 * Reads a `<table>` or an ARIA grid into header captions and visible body rows, aligning cells to
 * headers by aria-colindex when the venue sets it. Header cells may be `<th>`, `role=columnheader`,
 * or (Hyperliquid) `<td>` cells of the first row: `headerRowTest` decides for a first row without `th`.
 */
export function extractTable(table: Element, headerRowTest?: (texts: string[]) => boolean): ExtractedTable | null {
  const allRows = Array.from(table.querySelectorAll('tr, [role="row"]')).filter((r) => !isHiddenWithin(r, table));
  if (!allRows.length) return null;
  let headerIndex = allRows.findIndex((r) => cellsOf(r).some((c) => c.tagName === 'TH' || c.getAttribute('role') === 'columnheader'));
  if (headerIndex < 0 && headerRowTest) {
    const first = allRows[0];
    if (first && headerRowTest(cellsOf(first).map(visibleText))) headerIndex = 0;
  }
  const headerRow = headerIndex >= 0 ? allRows[headerIndex] : undefined;
  if (!headerRow) return null;
  const headerCells = cellsOf(headerRow);
  const headers: string[] = [];
  headerCells.forEach((c, i) => {
    headers[colIndex(c, i)] = visibleText(c);
  });
  for (let i = 0; i < headers.length; i++) headers[i] ??= '';
  // A row as wide as the header without its closing caption-less cells (a fixed header's gutter over
  // the body's scrollbar, which body rows do not have) still lines up, column by column.
  const captioned = captionedWidth(headers);
  const rows: TableRow[] = [];
  for (const r of allRows.slice(headerIndex + 1)) {
    const own = cellsOf(r);
    if (repeatsHeader(own, headers)) continue;
    const cells: (Element | null)[] = headers.map(() => null);
    own.forEach((c, i) => {
      const at = colIndex(c, i);
      if (at < cells.length) cells[at] = c;
    });
    if (!cells.some((c) => c !== null)) continue;
    const indexed = own.some((c) => c.hasAttribute('aria-colindex'));
    const width = own.reduce((n, c) => n + Math.max(1, Number(c.getAttribute('colspan')) || 1), 0);
    // A lone cell is an empty-state or detail row (table-state.ts), not a data row out of line.
    if (!indexed && own.length > 1 && width !== headers.length && width !== captioned) rows.push({ el: r, cells, misaligned: true });
    else rows.push({ el: r, cells });
  }
  return { headers, rows };
}
