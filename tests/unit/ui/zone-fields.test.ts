import { describe, expect, it } from 'vitest';
import { DEFAULT_BANDS } from '../../../src/core/bands';
import { DEFAULT_REGIME_THRESHOLDS } from '../../../src/core/regime';
import type { TreeElement, TreeNode } from '../../../src/protocol/tree';
import { positionCard } from '../../../src/ui/panel/position-card';
import { marketBlock } from '../../../src/ui/panel/market-block';
import { zoneLadder, LADDER_ROWS } from '../../../src/ui/zone-ladder';
import { positionFixture } from '../alerts/fixtures';
import { snapshotFixture, zonesFixture } from '../helpers/snapshot';
import type { MarketSnapshot } from '../../../src/venues/snapshot-types';

// The zone fields as a card and a market row draw them, on the fixture's zones around 60,000: a long
// cluster in the bin of 58,875 (−1.875%), a smaller one at 54,075, a short one at 61,575 (+2.625%).

const NOW = 20_000;
function card(
  over: Parameters<typeof positionFixture>[0],
  snapshot: MarketSnapshot = snapshotFixture({ quote: { ...snapshotFixture().quote, fetchedAt: NOW } }),
  open = false,
) {
  return positionCard({
    venue: 'binance',
    row: { ok: true, position: positionFixture(over) },
    market: { status: 'ready', snapshot },
    settings: { ...DEFAULT_BANDS, window: '4h', thresholds: DEFAULT_REGIME_THRESHOLDS },
    now: NOW,
    staleAfterMs: 65_000,
    privacy: false,
    open,
    quote: 'USDT',
  }).el;
}

function find(t: TreeNode, pred: (e: TreeElement) => boolean): TreeElement[] {
  if (typeof t === 'string') return [];
  return [...(pred(t) ? [t] : []), ...t.c.flatMap((c) => find(c, pred))];
}
const field = (t: TreeNode, name: string) => find(t, (e) => e.a['data-field'] === name)[0]?.a;
const text = (t: TreeNode): string => (typeof t === 'string' ? t : t.c.map(text).join(''));

describe('zone fields on a position card', () => {
  it('a long whose liquidation lies past the −1.9% cluster: behind a cluster, the chip says so', () => {
    const el = card({ side: 'long', markPrice: 60_000, liqPrice: 57_000, entryPrice: 60_500 });
    expect(field(el, 'zone-nearest-price')?.['data-value']).toBe('58875');
    expect(Number(field(el, 'zone-nearest-distance')?.['data-value'])).toBeCloseTo(0.01875, 6);
    expect(field(el, 'liq-zone-relation')?.['data-value']).toBe('beyond-zone');
    // Of the 8M long notional within range, the 4M cluster and four scattered 0.1M levels (57,200 … 58,550) lie between 60,000 and 57,000.
    expect(Number(field(el, 'zone-between-share')?.['data-value'])).toBeCloseTo(4.4e6 / 8e6, 9);
    expect(field(el, 'zone-model')?.['data-value']).toBe('oi-taker-v1');
    const chip = find(el, (e) => e.a['data-zone-chip'] !== undefined)[0];
    expect(chip && text(chip)).toMatch(/long cluster \(modelled\) sits between you and your liquidation, 1\.9% away/);
  });

  it('a long liquidated inside the cluster: in-zone; one liquidated before it: clear, and no chip', () => {
    expect(field(card({ side: 'long', markPrice: 60_000, liqPrice: 58_900 }), 'liq-zone-relation')?.['data-value']).toBe('in-zone');
    const clear = card({ side: 'long', markPrice: 60_000, liqPrice: 59_500 });
    expect(field(clear, 'liq-zone-relation')?.['data-value']).toBe('clear');
    expect(field(clear, 'zone-between-share')?.['data-value']).toBe('0');
    expect(find(clear, (e) => e.a['data-zone-chip'] !== undefined)).toEqual([]);
  });

  it('a short meets the short cluster above', () => {
    const el = card({ side: 'short', markPrice: 60_000, liqPrice: 63_000, entryPrice: 59_000 });
    expect(field(el, 'zone-nearest-price')?.['data-value']).toBe('61575');
    expect(field(el, 'liq-zone-relation')?.['data-value']).toBe('beyond-zone');
  });

  it('while the model is building or unavailable every zone field is unknown, with the reason', () => {
    const building = snapshotFixture({ venue: 'hyperliquid', zones: { status: 'building', coveredMs: 5 * 3_600_000, needMs: 24 * 3_600_000 } });
    const el = card({ side: 'long', markPrice: 60_000, liqPrice: 57_000 }, building);
    for (const name of ['zone-nearest-price', 'zone-nearest-distance', 'zone-between-share', 'liq-zone-relation', 'zone-model']) {
      expect(field(el, name)?.['data-value'], name).toBe('');
      expect(field(el, name)?.title, name).toMatch(/building: Hyperliquid publishes no open-interest history.*5\.0 h of the 24 h/);
    }
  });

  it('the details draw the ladder with the mark, entry and liquidation on their rows', () => {
    const el = card({ side: 'long', markPrice: 60_000, liqPrice: 57_000, entryPrice: 60_500 }, undefined, true);
    const ladder = find(el, (e) => e.a['data-ladder'] !== undefined)[0];
    expect(ladder).toBeDefined();
    if (!ladder) return;
    const rows = ladder.c.filter((c): c is TreeElement => typeof c !== 'string');
    expect(rows).toHaveLength(LADDER_ROWS);
    expect(rows.filter((r) => r.a.class?.includes('at-mark'))).toHaveLength(1);
    expect(rows.filter((r) => r.a.class?.includes('at-liq'))).toHaveLength(1);
    expect(rows.filter((r) => r.a.class?.includes('at-entry'))).toHaveLength(1);
    // The biggest bar is the long cluster's and it is full width; the zone rows are marked.
    expect(find(ladder, (e) => /\bbar long w10 zone\b/.test(e.a.class ?? ''))).toHaveLength(1);
    expect(ladder.a['aria-label']).toMatch(/long clusters 54,075\.00 .*58,875\.00 \(−1\.9%, est\. 4\.0M USDT\)/);
  });
});

describe('zone fields on a market row', () => {
  it('the panel header names the nearest long cluster below and short cluster above', () => {
    const s = snapshotFixture();
    const el = marketBlock({
      venue: 'binance',
      symbol: 'BTCUSDT',
      state: { status: 'ready', snapshot: s },
      now: NOW,
      staleAfterMs: 65_000,
      window: '4h',
      pageMark: null,
      full: true,
    });
    expect(field(el, 'zone-long-nearest')?.['data-value']).toBe('58875');
    expect(field(el, 'zone-short-nearest')?.['data-value']).toBe('61575');
    expect(find(el, (e) => e.a['data-ladder'] !== undefined)).toHaveLength(1);
  });

  it('no zone on a side within ±25% is `none`, not unknown', () => {
    const z = zonesFixture([{ side: 'long', price: 59_000, notional: 1e6 }]);
    const el = marketBlock({
      venue: 'binance',
      symbol: 'BTCUSDT',
      state: { status: 'ready', snapshot: snapshotFixture({ zones: z }) },
      now: NOW,
      staleAfterMs: 65_000,
      window: '4h',
      pageMark: null,
      full: false,
    });
    expect(field(el, 'zone-short-nearest')?.['data-value']).toBe('none');
    expect(field(el, 'zone-long-nearest')?.['data-value']).toBe('59025');
  });

  it('the ladder stretches to show a far liquidation, never past the model range', () => {
    const z = zonesFixture();
    if (z.status !== 'ready') throw new Error('fixture');
    const far = zoneLadder(z, { liq: 30_000 }, null);
    const prices = far.c.filter((c): c is TreeElement => typeof c !== 'string').map((r) => Number(r.a['data-price']));
    expect(Math.max(...prices)).toBeLessThan(60_000 * 1.25);
    expect(Math.min(...prices)).toBeGreaterThan(60_000 * 0.75);
  });
});
