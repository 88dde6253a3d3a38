import { isHiddenWithin } from './visibility';

export interface TableRow {
  el: Element;
  /** Cell elements aligned with the header list (null where the row has no such cell). */
  cells: (Element | null)[];
}

export interface ExtractedTable {
  headers: string[];
  rows: TableRow[];
}

/** Visible text of an element: its text nodes, with hidden descendants left out. */
export function visibleText(el: Element): string {
  let out = '';
  const walk = (n: Node): void => {
    if (n.nodeType === 3) {
      out += n.nodeValue ?? '';
      return;
    }
    if (n.nodeType !== 1) return;
    const e = n as Element;
    if (e.getAttribute('aria-hidden') === 'true' || e.hasAttribute('hidden') || e.tagName === 'STYLE' || e.tagName === 'SCRIPT') return;
    if (e.tagName === 'BR') out += ' ';
    for (const c of Array.from(e.childNodes)) walk(c);
    if (/^(?:DIV|P|LI|TD|TH)$/.test(e.tagName)) out += ' ';
  };
  walk(el);
  return out.replace(/\s+/g, ' ').trim();
}

function cellsOf(row: Element): Element[] {
  const direct = Array.from(row.children).filter((c) => /^(?:TD|TH)$/.test(c.tagName) || /^(?:cell|gridcell|columnheader|rowheader)$/.test(c.getAttribute('role') ?? ''));
  return direct.length ? direct : Array.from(row.querySelectorAll('[role="cell"],[role="gridcell"],[role="columnheader"]'));
}

/** aria-colindex is 1-based and survives hidden/virtualised columns; fall back to DOM order. */
function colIndex(cell: Element, fallback: number): number {
  const n = Number(cell.getAttribute('aria-colindex'));
  return Number.isInteger(n) && n > 0 ? n - 1 : fallback;
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
  const rows: TableRow[] = [];
  for (const r of allRows.slice(headerIndex + 1)) {
    const cells: (Element | null)[] = headers.map(() => null);
    const own = cellsOf(r);
    // Cells placed by DOM order line up with the captions only when the row is as wide as the
    // header: a cell not drawn yet (or an extra caption) shifts every later figure into the wrong
    // column. Such a row is left without cells (read like a skeleton row), never read shifted.
    const width = own.reduce((n, c) => n + Math.max(1, Number(c.getAttribute('colspan')) || 1), 0);
    if (own.length > 1 && width !== headers.length && !own.some((c) => c.hasAttribute('aria-colindex'))) {
      rows.push({ el: r, cells });
      continue;
    }
    own.forEach((c, i) => {
      const at = colIndex(c, i);
      if (at < cells.length) cells[at] = c;
    });
    if (cells.some((c) => c !== null)) rows.push({ el: r, cells });
  }
  return { headers, rows };
}
