import { describe, expect, it } from 'vitest';
import { mergeApiWithPage } from '../../../src/background/panel/merge-positions';
import type { Position } from '../../../src/venues/position-types';

const api: Position = {
  venue: 'dydx',
  symbol: 'ETH-USD',
  side: 'short',
  size: 3.5,
  entryPrice: 3482.4,
  markPrice: 3415.27,
  liqPrice: null,
  liqNotServed: 'no liq from the indexer',
  margin: 1434.955,
  walletMargin: 1200,
  marginMode: 'isolated',
  leverage: null,
  unrealizedPnl: 234.955,
  source: 'api',
};
const pageRow: Position = { ...api, markPrice: 3420, liqPrice: 3779.9, source: 'page', liqNotServed: undefined };

describe('mergeApiWithPage', () => {
  it("takes the page's live mark and its liquidation price where the API has none", () => {
    const r = mergeApiWithPage([api], { status: 'ok', rows: [{ ok: true, position: pageRow }], notes: [] }, 'dYdX');
    expect(r.notes).toEqual([]);
    expect(r.rows[0]).toEqual({ ok: true, position: { ...api, markPrice: 3420, liqPrice: 3779.9, liqSource: 'page' } });
  });
  it('reports a size disagreement and page positions the API does not know', () => {
    const other: Position = { ...pageRow, symbol: 'BTC-USD', side: 'long', entryPrice: 60000, markPrice: 61000, liqPrice: 50000 };
    const r = mergeApiWithPage(
      [api],
      {
        status: 'ok',
        rows: [
          { ok: true, position: { ...pageRow, size: 4 } },
          { ok: true, position: other },
        ],
        notes: [],
      },
      'dYdX',
    );
    expect(r.notes).toHaveLength(2);
    expect(r.notes[0]).toMatch(/disagree on the ETH-USD short size/);
    expect(r.notes[1]).toMatch(/1 position/);
  });
  it('keeps API positions when the page shows nothing', () => {
    const r = mergeApiWithPage([api], null, 'dYdX');
    expect(r.rows).toEqual([{ ok: true, position: api }]);
  });
});
