import type { PageRead, RowRead } from '../../venues/page-reader-types';
import type { Position } from '../../venues/position-types';

/** Rows remembered per tab: a trading page shows a handful of positions. */
const MAX_ROWS_PER_TAB = 100;

/** What a consistent row looked like, the figures that do not tick with the mark. */
interface Remembered {
  size: number;
  entryPrice: number;
  liqPrice: number;
}

const rowKey = (p: Pick<Position, 'symbol' | 'side'>) => `${p.symbol}:${p.side}`;
const same = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));

/**
 * Tells a position at liquidation from a misread row. A row whose mark stands at or past its
 * liquidation price fails the reader's cross-check; when the same row (market and side) was
 * consistent in an earlier read of this tab with the same size, entry and liquidation price, the
 * mark walked to the liquidation price: the position is AT LIQUIDATION, the strongest danger state,
 * and is shown, reported and alerted as such. A row never seen consistent stays unreadable.
 */
export function createLiquidationMemory() {
  const tabs = new Map<number, Map<string, Remembered>>();

  function resolve(tabId: number | undefined, read: PageRead): PageRead {
    const rows = tabId === undefined ? undefined : (tabs.get(tabId) ?? new Map<string, Remembered>());
    const out = read.rows.map((row): RowRead => {
      if (row.ok) {
        const p = row.position;
        if (rows && p.liqPrice !== null && !p.atLiquidation) {
          rows.delete(rowKey(p));
          rows.set(rowKey(p), { size: p.size, entryPrice: p.entryPrice, liqPrice: p.liqPrice });
          if (rows.size > MAX_ROWS_PER_TAB) rows.delete(rows.keys().next().value ?? '');
        }
        return row;
      }
      const c = row.crossed;
      const before = c && rows?.get(rowKey(c));
      if (!c || !before || c.liqPrice === null) return row;
      if (!same(before.size, c.size) || !same(before.entryPrice, c.entryPrice) || !same(before.liqPrice, c.liqPrice)) return row;
      return { ok: true, position: { ...c, atLiquidation: true } };
    });
    if (tabId !== undefined && rows && rows.size > 0) tabs.set(tabId, rows);
    return { ...read, rows: out };
  }

  return {
    resolve,
    forgetTab(tabId: number): void {
      tabs.delete(tabId);
    },
  };
}
