import { visibleText, type ExtractedTable, type TableRow } from './table';
import { isHiddenWithin } from './visibility';

/** The header row of a grid found here, for the layout memo to watch its captions (layout-memo.ts). */
export const gridHead = (table: ExtractedTable | null | undefined): Element[] => (table?.head ? [table.head] : []);

/**
 * A positions table drawn with plain elements and no table roles (a React grid of `div`s), found by
 * what its header says:
 *   header  the first visible element under `scope` with 3–40 child elements whose texts `isHeader`
 *           takes (the venue's recognised captions);
 *   rows    climbing at most three levels from the header (header and body often sit in separate
 *           containers), the first ancestor holding other visible elements with as many children as
 *           the header has cells: those, in page order, outermost first, except a body container
 *           (its first child, through single-child wrappers, is such a row itself). A virtualised
 *           list's spacer and row wrappers do not matter; a hidden copy of a row (a fixed column's
 *           duplicate, a measure row) is skipped. A trailing caption-less header cell (a scrollbar
 *           gutter) need not be in every row. Which rows count depends on the markup alone, never
 *           on their text, so a layout memo (layout-memo.ts) stays right while only the header's
 *           text is compared.
 * Cells line up with the captions by position. When no row lines up, anything row-shaped (three or
 * more children) there is returned flagged misaligned, which column readers refuse: a grid whose
 * rows have another shape is "can't read", never "no positions". With no row at all, the grid comes
 * back empty under the highest ancestor climbed (where rows will be drawn), and the reader decides
 * between "no positions" and "still loading".
 */
export function findDivGrid(scope: Element, isHeader: (texts: string[]) => boolean): { root: Element; table: ExtractedTable } | null {
  const all = scope.getElementsByTagName('*');
  for (let i = 0; i < all.length; i++) {
    const head = all[i];
    const n = head?.childElementCount ?? 0;
    // Cheap tests first: this walks a whole trading page when the venue's own markup is not found.
    if (!head || n < 3 || n > 40 || (head.firstElementChild?.textContent?.length ?? 999) > 200) continue;
    const headers = Array.from(head.children, visibleText);
    if (!isHeader(headers) || isHiddenWithin(head, scope)) continue;
    let least = n;
    while (least > 3 && headers[least - 1] === '') least--;
    let root = head;
    const rows: TableRow[] = [];
    for (const lo of [least, 3]) {
      const shaped = (el: Element | null): boolean => !!el && el.childElementCount >= lo && el.childElementCount <= n;
      // A body container: its first child, through any single-child wrappers, is row-shaped itself.
      const holdsRows = (el: Element): boolean => {
        let first = el.firstElementChild;
        while (first?.childElementCount === 1) first = first.firstElementChild;
        return shaped(first);
      };
      root = head;
      for (let up = 0; up < 3 && !rows.length && root !== scope && root.parentElement; up++) {
        root = root.parentElement;
        for (const el of Array.from(root.getElementsByTagName('*'))) {
          if (!shaped(el) || holdsRows(el) || head.contains(el) || el.contains(head)) continue;
          if (rows.some((r) => r.el.contains(el)) || isHiddenWithin(el, root)) continue;
          const cells = headers.map((_, k) => el.children[k] ?? null);
          rows.push(el.childElementCount < least ? { el, cells, misaligned: true } : { el, cells });
        }
      }
      if (rows.length) break;
    }
    return { root, table: { headers, rows, head } };
  }
  return null;
}
