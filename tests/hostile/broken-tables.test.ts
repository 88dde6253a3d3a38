// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { PageRead } from '../../src/venues/page-reader-types';
import {
  VENUES,
  baselineOf,
  cellsOf,
  dataRows,
  expectInert,
  expectNoWrongNumber,
  headerCells,
  load,
  read,
  replaceText,
  replaceTitles,
  textNodes,
  wrongFigures,
} from './reader-kit';
import { SWAPPED_CAPTIONS_KNOWN } from './swapped-captions-known';
// Broken pages: the table missing, rows half-rendered, headers duplicated or reordered.
describe.each(VENUES)('$venue reader: broken tables', (c) => {
  const baseline = baselineOf(c);

  it('the table is gone from the anchor: loading or no-table, never rows', () => {
    const l = load(c);
    const tables = Array.from(l.anchor.querySelectorAll('table, [role="table"], [role="grid"]'));
    if (l.anchor.matches('table, [role="table"], [role="grid"]')) {
      // The anchor is the table itself: empty it as a re-render would.
      l.anchor.replaceChildren();
    } else {
      expect(tables.length).toBeGreaterThan(0);
      for (const t of tables) t.remove();
    }
    const result = read(l, c);
    expect(['loading', 'no-table']).toContain(result.status);
    expect(result.rows).toEqual([]);
    expectInert(result);
  });

  it('a page without any table: findAnchor gives null or an anchor that reads as loading/no-table', () => {
    const l = load(c);
    for (const t of Array.from(l.doc.querySelectorAll('table, [role="table"], [role="grid"]'))) t.remove();
    const anchor = c.reader.findAnchor(l.doc);
    if (anchor) {
      const result = c.reader.read(anchor, l.ctx);
      expect(['loading', 'no-table']).toContain(result.status);
      expect(result.rows).toEqual([]);
    }
  });

  describe('half-rendered rows (the long row broken, the short row intact)', () => {
    const breakLong = (mutate: (row: Element, doc: Document) => void): PageRead => {
      const l = load(c);
      const rows = dataRows(l.anchor);
      const long = rows.find((r) => (r.textContent ?? '').includes('60,000.12')) ?? rows[0];
      if (!long) throw new Error('no row');
      mutate(long, l.doc);
      return read(l, c);
    };
    const widthOfLong = (): number => {
      const rows = dataRows(load(c).anchor);
      const long = rows.find((r) => (r.textContent ?? '').includes('60,000.12')) ?? rows[0];
      return long ? cellsOf(long).length : 0;
    };

    it('trailing cells not drawn yet (row cut after k cells, every k)', () => {
      for (let k = 0; k < widthOfLong(); k++) {
        const result = breakLong((row) => {
          for (const cell of cellsOf(row).slice(k)) cell.remove();
        });
        expectNoWrongNumber(result.rows, baseline, `cut after ${k}`);
        expectInert(result);
      }
    }, 60_000);

    it('one cell missing in the middle of the row (every position)', () => {
      for (let i = 0; i < widthOfLong(); i++) {
        const result = breakLong((row) => cellsOf(row)[i]?.remove());
        expectNoWrongNumber(result.rows, baseline, `cell ${i} missing`);
      }
    }, 60_000);

    it.each([
      [
        'skeleton placeholders',
        (cell: Element, doc: Document) => {
          cell.replaceChildren();
          const s = doc.createElement('span');
          s.className = 'ant-skeleton-input';
          cell.appendChild(s);
        },
      ],
      [
        '"--" in every cell (titles too)',
        (cell: Element) => {
          replaceText(cell, '--');
          replaceTitles(cell, '--');
        },
      ],
      ['empty spans', (cell: Element, doc: Document) => cell.replaceChildren(doc.createElement('span'), doc.createElement('span'))],
    ] as const)('every cell of the long row: %s → not a readable long', (_, fill) => {
      const result = breakLong((row, doc) => {
        for (const cell of cellsOf(row)) fill(cell, doc);
      });
      expectNoWrongNumber(result.rows, baseline, _);
      const longs = result.rows.filter((r) => r.ok && r.position.side === 'long' && r.position.symbol === baseline.find((b) => b.side === 'long')?.symbol);
      expect(longs).toEqual([]);
      expectInert(result);
    });

    it.each(['--', '', '-', 'N/A', '…', '\u00a0'])(
      'one cell at a time shows %j: unknown, never a wrong number',
      (shown) => {
        for (let i = 0; i < widthOfLong(); i++) {
          const result = breakLong((row) => {
            const cell = cellsOf(row)[i];
            if (cell) replaceText(cell, shown);
          });
          expectNoWrongNumber(result.rows, baseline, `cell ${i} = ${JSON.stringify(shown)}`);
        }
      },
      60_000,
    );
  });

  describe('headers', () => {
    it('a header caption duplicated (an extra copy next to it, every position): no wrong number', () => {
      const width = headerCells(load(c).anchor).length;
      for (let i = 0; i < width; i++) {
        const l = load(c);
        const h = headerCells(l.anchor)[i];
        if (!h) continue;
        h.after(h.cloneNode(true));
        const result = read(l, c);
        expectNoWrongNumber(result.rows, baseline, `header ${i} duplicated`);
        expectInert(result);
      }
    }, 60_000);

    it('two header captions swapped while the body is not (every adjacent pair): no wrong number but the known ones', () => {
      // Reading a swapped pair of columns as each other is a wrong number unless the two columns
      // hold the same kind of figure and the row checks catch it. A page that labels its own columns
      // wrongly defeats any reader that trusts captions: the pairs whose figures cannot be told apart
      // by their values are listed, with why, in SWAPPED_CAPTIONS_KNOWN. Any other wrong figure fails,
      // and so does a listed one that is now caught (the list must say what is true).
      const width = headerCells(load(c).anchor).length;
      const wrong: Record<string, string[]> = {};
      for (let i = 0; i + 1 < width; i++) {
        const l = load(c);
        const hs = headerCells(l.anchor);
        const a = hs[i];
        const b = hs[i + 1];
        if (!a || !b) continue;
        const ta = textNodes(a)
          .map((n) => n.nodeValue)
          .join(' ');
        const tb = textNodes(b)
          .map((n) => n.nodeValue)
          .join(' ');
        replaceText(a, tb);
        replaceText(b, ta);
        const result = read(l, c);
        expectInert(result);
        const figures = wrongFigures(result.rows, baseline);
        if (figures.length) wrong[`${ta} ⇄ ${tb}`] = figures;
      }
      const known = SWAPPED_CAPTIONS_KNOWN[c.venue] ?? {};
      expect(wrong).toEqual(Object.fromEntries(Object.entries(known).map(([pair, k]) => [pair, k.figures])));
    }, 60_000);

    it('columns reordered consistently (header and body together, reversed): same positions', () => {
      const l = load(c);
      const hs = headerCells(l.anchor);
      const rows = dataRows(l.anchor);
      // Reverse the data columns after the first (symbol) one, in the header and in every row alike.
      const reverse = (cells: Element[]): void => {
        const parent = cells[0]?.parentElement;
        if (!parent) return;
        const keep = cells.slice(1);
        for (const cell of keep.reverse()) parent.appendChild(cell);
      };
      const sameParent = hs.every((h) => h.parentElement === hs[0]?.parentElement);
      if (!sameParent) return;
      // Only cells aligned by position can be reordered this way (aria-colindex fixes the order).
      if (l.anchor.querySelector('[aria-colindex]')) return;
      reverse(hs);
      for (const r of rows) reverse(cellsOf(r));
      const result = read(l, c);
      expect(result.status).toBe('ok');
      const got = result.rows.flatMap((r) => (r.ok ? [r.position] : []));
      expect(got).toEqual(expect.arrayContaining(baseline));
      expect(got).toHaveLength(baseline.length);
    });
  });
});
