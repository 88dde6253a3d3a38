import type { TableRow } from './table';
import { visibleText } from './table';

// What a table says about itself besides its data rows: still loading, empty-state row, repeated
// header rows. Attribute and DOM checks only (no computed style).

const LOADING_MARKERS = '[aria-busy="true"],[role="progressbar"],[class*="skeleton"],[class*="spinner"],[class*="spinning"]';

/**
 * True when `root` shows a loading marker: aria-busy, a progress bar, or a skeleton/spinner
 * placeholder (class names are the last resort here: they only decide "wait", never a value). A
 * marker hidden by the `hidden` attribute or an inline `display:none` does not count; aria-hidden
 * does (spinners are usually aria-hidden).
 */
export function hasLoadingMarker(root: Element): boolean {
  for (const el of Array.from(root.querySelectorAll(LOADING_MARKERS))) {
    let shown = true;
    for (let n: Element | null = el; n && n !== root.parentElement; n = n.parentElement) {
      const style = n.getAttribute('style') ?? '';
      if (n.hasAttribute('hidden') || /(?:^|;)\s*display\s*:\s*none/i.test(style)) {
        shown = false;
        break;
      }
    }
    if (shown) return true;
  }
  return false;
}

/** True for a row made of header cells (a repeated or copied header row below the real one). */
export function isHeaderCellRow(row: TableRow): boolean {
  return row.cells.some((c) => c !== null && (c.tagName === 'TH' || c.getAttribute('role') === 'columnheader'));
}

/**
 * The text of an empty-state row ("You have no open positions", "No open positions yet"): one cell
 * spanning several columns, or the only cell of a row under a header of three or more columns.
 * Null for a data row.
 */
export function placeholderText(row: TableRow): string | null {
  const filled = row.cells.filter((c): c is Element => c !== null);
  if (filled.length !== 1) return null;
  const cell = filled[0];
  if (!cell) return null;
  const span = Number(cell.getAttribute('colspan') ?? '1');
  if (span > 1 || row.cells.length >= 3) return visibleText(cell);
  return null;
}

/** Splits body rows into data rows and the empty-state text (if any), dropping repeated header rows. */
export function splitDataRows(rows: readonly TableRow[]): { data: TableRow[]; placeholder: string | null } {
  const data: TableRow[] = [];
  let placeholder: string | null = null;
  for (const row of rows) {
    if (isHeaderCellRow(row)) continue;
    const p = placeholderText(row);
    if (p !== null) placeholder = p;
    else data.push(row);
  }
  return { data, placeholder };
}
