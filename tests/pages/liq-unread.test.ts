// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { positionView } from '../../src/core/position-view';
import { binancePage } from '../../src/venues/binance/page';
import { LIQ_NO_COLUMN, liqUnread } from '../../src/venues/page-kit/row';
import { canonicalContext, fixturesIn, readPage } from './harness';

const cell = (text: string): Element => {
  const td = document.createElement('td');
  td.textContent = text;
  return td;
};

describe('a liquidation price that was not read is never "none"', () => {
  it('tells "the venue shows none" from "not read"', () => {
    expect(liqUnread(cell('--'), null)).toBeUndefined();
    expect(liqUnread(cell('\u2014'), null)).toBeUndefined();
    expect(liqUnread(cell('N/A'), null)).toBeUndefined();
    expect(liqUnread(cell('56,300.50'), 56_300.5)).toBeUndefined();
    expect(liqUnread(undefined, null)).toBe(LIQ_NO_COLUMN);
    expect(liqUnread(cell(''), null)).toMatch(/not read/);
    expect(liqUnread(cell('Loading'), null)).toMatch(/not read/);
    expect(liqUnread(cell(''), null, true)).toBeUndefined();
  });

  it('a Binance table with its liquidation column hidden: computed for isolated, unknown for cross, never "none"', () => {
    const html = fixturesIn('binance')('several-positions.html');
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const captions = [...doc.querySelectorAll('th, [role="columnheader"]')];
    const liqIndex = captions.findIndex((c) => /Liq/i.test(c.textContent ?? ''));
    expect(liqIndex).toBeGreaterThanOrEqual(0);
    // Drop the caption and every row's cell at that index, as a user hiding the column would.
    for (const row of doc.querySelectorAll('tr, [role="row"]')) {
      const cells = row.querySelectorAll(':scope > th, :scope > td, :scope > [role="columnheader"], :scope > [role="cell"], :scope > [role="gridcell"]');
      cells[liqIndex]?.remove();
    }
    const read = readPage(binancePage, doc.documentElement.outerHTML, (d) => canonicalContext(d, binancePage, 'https://www.binance.com/en/futures/BTCUSDT'), 'no-liq-column');
    const positions = read.rows.flatMap((r) => (r.ok ? [r.position] : []));
    expect(positions.length).toBeGreaterThan(0);
    for (const p of positions) {
      expect(p.liqPrice).toBeNull();
      expect(p.liqNotServed).toBe(LIQ_NO_COLUMN);
      const view = positionView({ ...p, liqSource: 'page' }, null, { dangerBelow: 0.03, cautionBelow: 0.1, window: '4h' }, 0);
      expect('none' in view.liq).toBe(false);
      expect('unknown' in view.distance && view.distance.unknown).toMatch(/not read/);
    }
  });
});
