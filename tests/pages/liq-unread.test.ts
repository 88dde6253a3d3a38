// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW_SETTINGS, positionView } from '../../src/core/position-view';
import { binancePage } from '../../src/venues/binance/page';
import { LIQ_NO_COLUMN, liqUnread } from '../../src/venues/page-kit/row';
import { marketInputs } from '../../src/ui/panel/market-inputs';
import { snapshotFixture } from '../unit/helpers/snapshot';
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
    const read = readPage(
      binancePage,
      doc.documentElement.outerHTML,
      (d) => canonicalContext(d, binancePage, 'https://www.binance.com/en/futures/BTCUSDT'),
      'no-liq-column',
    );
    const positions = read.rows.flatMap((r) => (r.ok ? [r.position] : []));
    expect(positions.length).toBeGreaterThan(0);
    // One maintenance tier (0.4%, no deduction, no fee) large enough for every position of the page.
    const snapshot = snapshotFixture();
    const market = marketInputs(
      {
        ...snapshot,
        tiers: { tiers: [{ notionalFloor: 0, notionalCap: 1e12, maintenanceRate: 0.004, deduction: 0 }], fallback: false, source: '/bapi', fetchedAt: 1000 },
      },
      '4h',
    );
    const settings = { ...DEFAULT_VIEW_SETTINGS };
    const modes = new Set<string | null>();
    for (const p of positions) {
      expect(p.liqPrice).toBeNull();
      expect(p.liqNotServed).toBe(LIQ_NO_COLUMN);
      modes.add(p.marginMode);
      // Without market data: unknown, never "none".
      const bare = positionView({ ...p, liqSource: 'page' }, null, settings, 0);
      expect('none' in bare.liq).toBe(false);
      expect('unknown' in bare.distance && bare.distance.unknown).toMatch(/not read/);
      // With market data: computed for isolated (risk-math, Binance: LP = (Q·EP − s·WB) / (Q·(1 − s·MMR))), unknown for cross.
      const view = positionView({ ...p, liqSource: 'page' }, market, settings, 0);
      expect('none' in view.liq).toBe(false);
      if (p.marginMode === 'isolated') {
        const s = p.side === 'long' ? 1 : -1;
        const wb = p.walletMargin ?? p.margin ?? Number.NaN;
        const expected = (p.size * p.entryPrice - s * wb) / (p.size * (1 - s * 0.004));
        expect(view.liq).toEqual({ value: expect.closeTo(expected, 6), source: 'computed' });
        expect('value' in view.distance).toBe(true);
      } else {
        expect('unknown' in view.liq && view.liq.unknown).toMatch(/cross margin/);
      }
    }
    // The page holds both kinds, so both branches ran.
    expect(modes).toEqual(new Set(['isolated', 'cross']));
  });
});
