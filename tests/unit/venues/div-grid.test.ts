// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { binancePage } from '../../../src/venues/binance/page';
import { bybitPage } from '../../../src/venues/bybit/page';
import { dydxPage } from '../../../src/venues/dydx/page';
import { hyperliquidPage } from '../../../src/venues/hyperliquid/page';
import { okxPage } from '../../../src/venues/okx/page';
import { findDivGrid } from '../../../src/venues/page-kit/div-grid';
import { visibleText } from '../../../src/venues/page-kit/table';
import type { VenuePageReader } from '../../../src/venues/page-reader-types';
import { fixturesIn, parse } from '../../pages/harness';

const CAPTIONS = new Set(['Symbol', 'Size', 'Entry Price', 'Mark Price', 'Liq. Price']);
const isHeader = (texts: string[]): boolean => texts.filter((t) => CAPTIONS.has(t)).length >= 3;

const cells = (texts: readonly string[]): string => texts.map((t) => `<div class="c"><span>${t}</span></div>`).join('');
const HEAD = ['Symbol', 'Size', 'Entry Price', 'Mark Price', 'Liq. Price'];
const ROW_A = ['BTCUSDT', '0.5', '59,000', '60,000', '56,300'];
const ROW_B = ['ETHUSDT', '-2', '3,050', '2,986', '3,160'];

const body = (html: string): HTMLElement => parse(`<!doctype html><html><body><nav><a>Markets</a><a>Futures</a></nav>${html}</body></html>`).body;
const rowTexts = (found: ReturnType<typeof findDivGrid>): string[][] => (found?.table.rows ?? []).map((r) => r.cells.map((c) => (c ? visibleText(c) : '')));

describe('a positions grid of plain elements (div-grid.ts)', () => {
  it('header and body in separate containers: rows line up with the captions, the root holds both', () => {
    const scope = body(
      `<div class="g"><div class="h"><div class="hr">${cells(HEAD)}</div></div><div class="b"><div class="r">${cells(ROW_A)}</div><div class="r">${cells(ROW_B)}</div></div></div>`,
    );
    const found = findDivGrid(scope, isHeader);
    expect(found?.table.headers).toEqual(HEAD);
    expect(rowTexts(found)).toEqual([ROW_A, ROW_B]);
    expect(found?.root.className).toBe('g');
    expect(found?.table.rows.some((r) => r.misaligned)).toBe(false);
    expect(found?.table.head?.className).toBe('hr');
  });

  it('virtualised rows: a spacer, wrappers and a body of exactly as many rows as captions are not rows themselves', () => {
    const rows = [ROW_A, ROW_B, ROW_A, ROW_B, ROW_A];
    const wrapped = rows.map((r, i) => `<div style="position:absolute;transform:translateY(${i * 40}px)"><div class="r">${cells(r)}</div></div>`).join('');
    const direct = rows.map((r) => `<div class="r">${cells(r)}</div>`).join('');
    for (const inner of [wrapped, direct]) {
      const found = findDivGrid(
        body(`<div class="g"><div class="hr">${cells(HEAD)}</div><div class="s"><div style="height:200px">${inner}</div></div></div>`),
        isHeader,
      );
      expect(rowTexts(found)).toEqual(rows);
    }
  });

  it('skips hidden copies of rows (aria-hidden, hidden, display:none, a measure row) and a hidden header', () => {
    const scope = body(
      `<div class="g"><div aria-hidden="true"><div class="hr">${cells(HEAD)}</div></div><div class="hr">${cells(HEAD)}</div>` +
        `<div class="measure-row">${cells(['', '', '', '', ''])}</div>` +
        `<div class="r" aria-hidden="true">${cells(ROW_B)}</div><div class="r" hidden>${cells(ROW_B)}</div>` +
        `<div class="r" style="display: none">${cells(ROW_B)}</div><div class="r">${cells(ROW_A)}</div></div>`,
    );
    const found = findDivGrid(scope, isHeader);
    expect(found?.table.head?.parentElement?.className).toBe('g');
    expect(rowTexts(found)).toEqual([ROW_A]);
  });

  it('a caption-less gutter cell closing the header need not be in the rows', () => {
    const found = findDivGrid(body(`<div class="g"><div class="hr">${cells([...HEAD, ''])}</div><div class="r">${cells(ROW_A)}</div></div>`), isHeader);
    expect(found?.table.rows).toHaveLength(1);
    expect(found?.table.rows[0]?.misaligned).toBeUndefined();
    expect(found?.table.rows[0]?.cells[5]).toBeNull();
  });

  it('rows with fewer cells than captions are flagged misaligned: "can\'t read", never "no positions"', () => {
    const found = findDivGrid(body(`<div class="g"><div class="hr">${cells(HEAD)}</div><div class="r">${cells(ROW_A.slice(0, 4))}</div></div>`), isHeader);
    expect(found?.table.rows).toHaveLength(1);
    expect(found?.table.rows[0]?.misaligned).toBe(true);
  });

  it('an empty grid comes back with no rows under the ancestor where rows will be drawn', () => {
    const scope = body(
      `<main><section class="pane"><div class="g"><div class="h"><div class="hr">${cells(HEAD)}</div></div><div class="b"><p>No positions</p></div></div></section></main>`,
    );
    const found = findDivGrid(scope, isHeader);
    expect(found?.table.rows).toEqual([]);
    const root = found?.root;
    expect(root?.querySelector('.b')).not.toBeNull();
    // The trader opens a position: the same root now shows it.
    scope.querySelector('.b')?.insertAdjacentHTML('beforeend', `<div class="r">${cells(ROW_A)}</div>`);
    expect(root && rowTexts(findDivGrid(root, isHeader))).toEqual([ROW_A]);
  });

  it('finds nothing without recognised captions', () => {
    expect(
      findDivGrid(body(`<div class="g"><div class="hr">${cells(['Time', 'Price', 'Amount', 'Filled'])}</div><div>${cells(ROW_A)}</div></div>`), isHeader),
    ).toBeNull();
  });
});

const READERS: Record<string, VenuePageReader> = { binance: binancePage, bybit: bybitPage, okx: okxPage, hyperliquid: hyperliquidPage, dydx: dydxPage };

describe("every venue's div-grid fixture has no table markup where the reader reads it", () => {
  it.each(Object.keys(READERS))('%s', (venue) => {
    const reader = READERS[venue];
    const doc = parse(fixturesIn(venue)('div-grid.html'));
    const anchor = reader?.findAnchor(doc);
    expect(anchor).toBeTruthy();
    const markup = 'table, tr, td, th, [role="table"], [role="grid"], [role="row"], [role="cell"], [role="gridcell"], [role="columnheader"], [role="rowgroup"]';
    expect(anchor?.querySelectorAll(markup).length).toBe(0);
    expect(anchor?.closest('table, [role="table"], [role="grid"]')).toBeNull();
  });
});
