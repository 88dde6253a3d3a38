import { describe, expect, it } from 'vitest';
import { DEFAULT_BANDS } from '../../../src/core/bands';
import { DEFAULT_REGIME_THRESHOLDS } from '../../../src/core/regime';
import type { TreeElement, TreeNode } from '../../../src/protocol/tree';
import { positionCard } from '../../../src/ui/panel/position-card';
import { positionFixture } from '../alerts/fixtures';
import { snapshotFixture } from '../helpers/snapshot';
import type { MarketSnapshot } from '../../../src/venues/snapshot-types';

const NOW = 20_000;
function card(snapshot: MarketSnapshot, side: 'long' | 'short' = 'long') {
  return positionCard({
    venue: snapshot.venue,
    row: { ok: true, position: positionFixture({ side, venue: snapshot.venue, markPrice: 60_000, liqPrice: side === 'long' ? 57_000 : 63_000 }) },
    market: { status: 'ready', snapshot },
    settings: { ...DEFAULT_BANDS, window: '4h', thresholds: DEFAULT_REGIME_THRESHOLDS },
    now: NOW,
    staleAfterMs: 65_000,
    privacy: false,
    open: false,
    quote: 'USDT',
  }).el;
}
function find(t: TreeNode, pred: (e: TreeElement) => boolean): TreeElement[] {
  if (typeof t === 'string') return [];
  return [...(pred(t) ? [t] : []), ...t.c.flatMap((c) => find(c, pred))];
}
const field = (t: TreeNode, name: string) => find(t, (e) => e.a['data-field'] === name)[0]?.a;

describe('crowding fields on a card', () => {
  const fresh = () => snapshotFixture({ quote: { ...snapshotFixture().quote, fetchedAt: NOW, fundingRate: 0.0008 } });

  it('shares with their 4 h change, the taker share over the window', () => {
    const el = card(fresh());
    expect(field(el, 'long-share-accounts')).toMatchObject({ 'data-value': '0.72', 'data-change-4h': '0.04' });
    expect(field(el, 'long-share-top-positions')?.['data-value']).toBe('0.55');
    expect(field(el, 'taker-buy-share')?.['data-value']).toBe('0.58');
  });

  it('the reading adds the accounts when they confirm funding', () => {
    const note = field(card(fresh()), 'regime-note')?.['data-value'];
    expect(note).toMatch(/Longs crowded by both funding and accounts \(72% of accounts are net long\): your side\.$/);
  });

  it('a venue that publishes none says so, in every crowding field', () => {
    const s = fresh();
    const none = { status: 'not-published' } as const;
    const el = card({ ...s, venue: 'dydx', crowding: { accounts: none, topPositions: none, takerBuy: none } });
    for (const name of ['long-share-accounts', 'long-share-top-positions', 'taker-buy-share']) {
      expect(field(el, name)?.['data-value'], name).toBe('');
      expect(field(el, name)?.title, name).toMatch(/^not published by dYdX/);
    }
  });
});
