import { describe, expect, it } from 'vitest';
import { createLiquidationMemory } from '../../../src/background/panel/liquidation-memory';
import { createReportThrottle } from '../../../src/background/panel/report-throttle';
import { checkRows } from '../../../src/background/panel/rows';
import type { PanelViewRequest } from '../../../src/protocol/messages';
import type { TreeNode } from '../../../src/protocol/tree';
import { finishRow, type RawRow } from '../../../src/venues/page-kit/row';
import type { PageRead, RowRead } from '../../../src/venues/page-reader-types';
import { positionFixture } from '../alerts/fixtures';
import { panelViews } from '../helpers/panel-views';

const raw = (over: Partial<RawRow> = {}): RawRow => ({
  symbol: 'BTCUSDT',
  side: 'long',
  size: 0.5,
  entryPrice: 59_000,
  markPrice: 60_000.12,
  liqPrice: 56_300.5,
  margin: 1_475,
  marginMode: 'isolated',
  leverage: 20,
  unrealizedPnl: 500.06,
  ...over,
});
const read = (...rows: RowRead[]): PageRead => ({ status: 'ok', rows, notes: [] });

describe('a row whose mark crossed its liquidation price', () => {
  it('the reader refuses it, carrying the position it would be (long and short)', () => {
    const long = finishRow('binance', raw({ markPrice: 56_300 }));
    expect(long).toMatchObject({ ok: false, reason: "a long's liquidation price must be below the mark price", symbol: 'BTCUSDT', side: 'long' });
    expect(!long.ok && long.crossed).toMatchObject({ symbol: 'BTCUSDT', side: 'long', markPrice: 56_300, liqPrice: 56_300.5 });
    const short = finishRow('binance', raw({ side: 'short', entryPrice: 61_000, markPrice: 63_800, liqPrice: 63_800 }));
    expect(!short.ok && short.crossed).toMatchObject({ side: 'short', markPrice: 63_800, liqPrice: 63_800 });
  });

  it('a row with another fault besides carries nothing', () => {
    const r = finishRow('binance', raw({ markPrice: 56_300, leverage: 900 }));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.crossed).toBeUndefined();
    // Entry and mark implausibly far apart is a misread, not a walk.
    const far = finishRow('binance', raw({ entryPrice: 10_000, markPrice: 56_000, liqPrice: 57_000 }));
    expect(!far.ok && far.crossed).toBeUndefined();
  });

  it('is AT LIQUIDATION when the same row was consistent before with the same liquidation price', () => {
    const memory = createLiquidationMemory();
    memory.resolve(1, read(finishRow('binance', raw())));
    const now = memory.resolve(1, read(finishRow('binance', raw({ markPrice: 56_290 }))));
    expect(now.rows[0]).toMatchObject({ ok: true, position: { symbol: 'BTCUSDT', side: 'long', markPrice: 56_290, liqPrice: 56_300.5, atLiquidation: true } });
    // It stays so while the mark stays past it, and is safe again when the mark comes back.
    expect(memory.resolve(1, read(finishRow('binance', raw({ markPrice: 56_000 })))).rows[0]).toMatchObject({ ok: true, position: { atLiquidation: true } });
    const back = memory.resolve(1, read(finishRow('binance', raw({ markPrice: 57_000 })))).rows[0];
    expect(back?.ok && back.position.atLiquidation).toBeUndefined();
  });

  it('stays unreadable when it never was consistent, or its size, entry or liquidation price changed, or on another tab', () => {
    const memory = createLiquidationMemory();
    const crossed = () => finishRow('binance', raw({ markPrice: 56_000 }));
    expect(memory.resolve(1, read(crossed())).rows[0]?.ok).toBe(false);
    memory.resolve(1, read(finishRow('binance', raw({ liqPrice: 55_000 }))));
    expect(memory.resolve(1, read(crossed())).rows[0]?.ok).toBe(false);
    memory.resolve(2, read(finishRow('binance', raw())));
    expect(memory.resolve(1, read(crossed())).rows[0]?.ok).toBe(false);
    expect(memory.resolve(undefined, read(crossed())).rows[0]?.ok).toBe(false);
    memory.resolve(3, read(finishRow('binance', raw({ size: 0.4 }))));
    expect(memory.resolve(3, read(crossed())).rows[0]?.ok).toBe(false);
    memory.forgetTab(2);
    expect(memory.resolve(2, read(crossed())).rows[0]?.ok).toBe(false);
  });

  it('a page cannot declare a position at liquidation; a crossed row of another market is dropped', () => {
    const claimed = checkRows({ status: 'ok', rows: [{ ok: true, position: { ...positionFixture(), atLiquidation: true } }], notes: [] }, 'binance');
    expect(claimed.rows[0]?.ok && 'atLiquidation' in claimed.rows[0].position).toBe(false);
    const crossed = finishRow('binance', raw({ markPrice: 56_000 }));
    const kept = checkRows({ status: 'ok', rows: [crossed], notes: [] }, 'binance').rows[0];
    expect(kept && !kept.ok && kept.crossed?.liqPrice).toBe(56_300.5);
    const other = checkRows({ status: 'ok', rows: [{ ...crossed, symbol: 'ETHUSDT' }], notes: [] }, 'binance').rows[0];
    expect(other && !other.ok && other.crossed).toBeUndefined();
  });

  it('the panel shows it in danger with its distance, and reports it at once', async () => {
    const { panels } = panelViews();
    const req = (r: RowRead): PanelViewRequest => ({
      type: 'panel.view',
      venue: 'binance',
      symbol: 'BTCUSDT',
      read: { status: 'ok', rows: [r], notes: [] },
      address: null,
      prefs: null,
      have: null,
    });
    const reports: unknown[][] = [];
    await panels.view(req(finishRow('binance', raw())), 5, (_v, positions, unreadable) => reports.push([positions.length, unreadable.length]));
    const r = await panels.view(req(finishRow('binance', raw({ markPrice: 56_200 }))), 5, (_v, positions, unreadable) =>
      reports.push([positions[0]?.atLiquidation, unreadable.length]),
    );
    expect(reports).toEqual([
      [1, 0],
      [true, 0],
    ]);
    if (!r.enabled || !('tree' in r)) throw new Error('expected a tree');
    const json = JSON.stringify(r.tree);
    expect(json).toMatch(/At liquidation/);
    expect(json).toMatch(/"data-state":"ok"/);
    expect(json).toMatch(/band-danger/);
    const text = (n: TreeNode): string => (typeof n === 'string' ? n : n.c.map(text).join(''));
    expect(text(r.tree)).not.toMatch(/can't read/);
  });

  it('each card names the alerts sent for its own position within the last hour, newest per condition', async () => {
    const alert = (key: string, condition: string, at: number, title: string) => ({ key, condition, at, title, message: `${title}!` });
    const { panels } = panelViews(
      {
        recentAlerts: async () => [
          alert('binance:BTCUSDT:long', 'liquidation', 9_990_000, 'At liquidation: BTCUSDT long'),
          alert('binance:BTCUSDT:long', 'liquidation', 9_900_000, 'Liquidation risk: BTCUSDT long'),
          alert('binance:BTCUSDT:long', 'funding', 9_950_000, 'Extreme funding: BTCUSDT long'),
          alert('binance:BTCUSDT:short', 'liquidation', 9_990_000, 'Liquidation risk: BTCUSDT short'),
          alert('binance:BTCUSDT:long', 'regime', 10_000_000 - 3_700_000, 'Market turned against you: BTCUSDT long'),
        ],
      },
      undefined,
      10_000_000,
    );
    const r = await panels.view(
      { type: 'panel.view', venue: 'binance', symbol: 'BTCUSDT', read: read(finishRow('binance', raw())), address: null, prefs: null, have: null },
      5,
      () => undefined,
    );
    if (!r.enabled || !('tree' in r)) throw new Error('expected a tree');
    const lines: [string, string][] = [];
    const walk = (n: TreeNode) => {
      if (typeof n === 'string') return;
      if (n.a['data-alert']) lines.push([n.a['data-alert'], n.c.join('')]);
      n.c.forEach(walk);
    };
    walk(r.tree);
    expect(lines.map(([c]) => c)).toEqual(['liquidation', 'funding']);
    expect(lines[0]?.[1]).toMatch(/^Alert sent .+: At liquidation: BTCUSDT long$/);
  });

  it('a row turning unreadable or reaching its liquidation price is reported at once', () => {
    const t = createReportThrottle();
    const p = positionFixture();
    expect(t.due([p], 0)).toBe(true);
    expect(t.due([{ ...p, atLiquidation: true }], 1_000)).toBe(true);
    expect(t.due([], 2_000, [{ symbol: p.symbol, side: p.side }])).toBe(true);
    expect(t.due([], 3_000, [{ symbol: p.symbol, side: p.side }])).toBe(false);
  });
});
