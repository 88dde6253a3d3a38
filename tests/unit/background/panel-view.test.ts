import { describe, expect, it } from 'vitest';
import type { PanelViewDeps } from '../../../src/background/panel/view';
import type { PanelViewReply, PanelViewRequest } from '../../../src/protocol/messages';
import { defaultSettings } from '../../../src/settings/defaults';
import { applyOps, isTree, type TreeElement, type TreeNode } from '../../../src/protocol/tree';
import type { Position } from '../../../src/venues/position-types';
import { positionFixture } from '../alerts/fixtures';
import { panelViews } from '../helpers/panel-views';
import { snapshotFixture } from '../helpers/snapshot';

const T = 10_000;

const views = (over: Partial<PanelViewDeps> = {}) => panelViews(over, defaultSettings(), T);

const request = (positions: unknown[], have: number | null = null): PanelViewRequest => ({
  type: 'panel.view',
  venue: 'binance',
  symbol: 'BTCUSDT',
  read: { status: 'ok', rows: positions.map((position) => ({ ok: true, position })), notes: [] },
  address: null,
  prefs: null,
  have,
});

const text = (n: TreeNode): string => (typeof n === 'string' ? n : n.c.map(text).join(''));
const cards = (t: TreeElement): TreeElement[] => {
  const out: TreeElement[] = [];
  const walk = (n: TreeNode) => {
    if (typeof n === 'string') return;
    if ('data-perplens-position' in n.a) out.push(n);
    n.c.forEach(walk);
  };
  walk(t);
  return out;
};
const treeOf = (r: PanelViewReply): TreeElement => {
  if (!r.enabled || !('tree' in r)) throw new Error('expected a whole tree');
  return r.tree;
};

describe('panel views', () => {
  it('draws the page’s positions as a valid tree, with what the page needs for live figures', async () => {
    const { panels } = views();
    const r = await panels.view(request([positionFixture()]), 7, () => undefined);
    const tree = treeOf(r);
    expect(isTree(tree)).toBe(true);
    expect(cards(tree).map((c) => [c.a['data-symbol'], c.a['data-side'], c.a['data-state']])).toEqual([['BTCUSDT', 'long', 'ok']]);
    expect(r.enabled && r.live).toEqual([expect.objectContaining({ symbol: 'BTCUSDT', side: 'long', liqPrice: positionFixture().liqPrice })]);
    expect(text(tree)).not.toMatch(/NaN|undefined|Infinity/);
  });

  it("says when the computed check used PerpLens's bundled tiers instead of the venue's live table", async () => {
    const snap = snapshotFixture({ quote: { ...snapshotFixture().quote, fetchedAt: T } });
    const isolated = { ...positionFixture(), marginMode: 'isolated' as const };
    const live = await views({ snapshot: async () => ({ ok: true, snapshot: snap }) }).panels.view(request([isolated]), 1, () => undefined);
    expect(JSON.stringify(treeOf(live))).not.toMatch(/bundled copy/);
    const tiers = snap.tiers ? { ...snap.tiers, fallback: true } : null;
    expect(tiers).not.toBeNull();
    const bundled = await views({ snapshot: async () => ({ ok: true, snapshot: { ...snap, tiers } }) }).panels.view(request([isolated]), 1, () => undefined);
    expect(JSON.stringify(treeOf(bundled))).toMatch(/bundled copy/);
  });

  it('explains the regime figures with the source and age of the data behind them', async () => {
    const base = snapshotFixture();
    const snap = snapshotFixture({
      quote: { ...base.quote, fetchedAt: T },
      oiBasis: 'recorded',
      parts: {
        ...base.parts,
        candles: { fetchedAt: T - 180_000, source: '/fapi/v1/klines', error: null },
        oi: { fetchedAt: T - 60_000, source: 'recorded', error: null },
        funding: {
          fetchedAt: T - 7_200_000,
          source: '/fapi/v1/fundingRate',
          error: { kind: 'timeout', venue: 'binance', endpoint: '/fapi/v1/fundingRate', message: 'binance did not answer in time' },
        },
      },
    });
    const r = await views({ snapshot: async () => ({ ok: true, snapshot: snap }) }).panels.view(request([positionFixture()]), 1, () => undefined);
    // The position card comes after the market block: its titles are the ones kept.
    const titles = new Map<string, string>();
    const marketTitles = new Map<string, string>();
    const walk = (n: TreeNode) => {
      if (typeof n === 'string') return;
      const f = n.a['data-field'];
      if (typeof f === 'string' && typeof n.a['title'] === 'string') {
        if (!titles.has(f)) marketTitles.set(f, n.a['title']);
        titles.set(f, n.a['title']);
      }
      n.c.forEach(walk);
    };
    walk(treeOf(r));
    expect(titles.get('price-change')).toMatch(/candles: \/fapi\/v1\/klines, 3m old/);
    expect(titles.get('oi-change')).toMatch(/snapshots PerpLens recorded while watching, 60s old|snapshots PerpLens recorded while watching, 1m old/);
    expect(titles.get('funding-percentile-30d')).toMatch(
      /funding history: \/fapi\/v1\/fundingRate, 2h old; last refresh failed: binance did not answer in time/,
    );
    expect(titles.get('crowded-side')).toMatch(/^(Funding is balanced: neither side is paying up|The longs pay).*; market data \d+s old$/);
    // The market line shows the page's mark (the one every figure uses); its details name each quote figure's own endpoint.
    expect(marketTitles.get('mark-price')).toBe("the page's mark price, which every figure uses");
    expect(marketTitles.get('next-funding')).toBe('/fapi/v1/premiumIndex; quote 0s old');
  });

  it('answers a tab holding the last version with only what changed', async () => {
    const { panels } = views();
    const first = await panels.view(request([positionFixture()]), 7, () => undefined);
    const base = treeOf(first);
    const moved = positionFixture({ size: 0.7 });
    const second = await panels.view(request([moved], first.enabled ? first.version : null), 7, () => undefined);
    if (!second.enabled || !('ops' in second)) throw new Error('expected ops');
    expect(second.ops.length).toBeGreaterThan(0);
    const whole = treeOf(await panels.view(request([moved]), 8, () => undefined));
    expect(applyOps(base, second.ops)).toEqual(whole);
    // A tab whose version is not the last one gets the whole panel.
    expect('tree' in (await panels.view(request([moved], 1), 7, () => undefined))).toBe(true);
  });

  it('shows an implausible page row as unreadable with the reason, never as numbers', async () => {
    const { panels } = views();
    const r = await panels.view(request([{ ...positionFixture(), entryPrice: 0 }]), 7, () => undefined);
    const [card] = cards(treeOf(r));
    expect(card?.a['data-state']).toBe('unreadable');
    expect(card?.a['data-reason']).toBeTruthy();
  });

  it('says when the venue is switched off, and reports held positions on changes only', async () => {
    const { panels, settings } = views();
    const reports: Position[][] = [];
    await panels.view(request([positionFixture()]), 7, (_v, p) => reports.push(p));
    await panels.view(request([positionFixture()]), 7, (_v, p) => reports.push(p));
    expect(reports).toHaveLength(1);
    settings.venues.binance = false;
    expect(await panels.view(request([positionFixture()]), 7, () => undefined)).toEqual({ enabled: false });
  });

  it('keeps the panel when market data fails: positions unavailable with the reason, the page distance kept', async () => {
    const { panels } = views({
      snapshot: async () => ({ ok: false, error: { kind: 'http', venue: 'binance', endpoint: '/x', message: 'binance answered HTTP 502' } }),
    });
    const tree = treeOf(await panels.view(request([positionFixture()]), 7, () => undefined));
    const [card] = cards(tree);
    expect(card?.a['data-state']).toBe('unavailable');
    expect(card?.a['data-reason']).toBe('http');
    expect(text(tree)).toContain('HTTP 502');
  });
});
