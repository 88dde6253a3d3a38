import { describe, expect, it } from 'vitest';
import { DEFAULT_BANDS } from '../../../src/core/bands';
import { DEFAULT_REGIME_THRESHOLDS } from '../../../src/core/regime';
import { liveUpdate } from '../../../src/content/live-update';
import { panelTree } from '../../../src/ui/panel/panel';
import type { TreeElement, TreeNode } from '../../../src/protocol/tree';
import type { PageRead } from '../../../src/venues/page-reader-types';
import { positionFixture } from '../alerts/fixtures';
import { snapshotFixture } from '../helpers/snapshot';

const NOW = 20_000;
const readAt = (mark: number): PageRead => ({ status: 'ok', rows: [{ ok: true, position: positionFixture({ markPrice: mark }) }], notes: [] });
const draw = (mark: number, collapsed = false) =>
  panelTree({
    venue: 'binance',
    symbol: 'BTCUSDT',
    read: readAt(mark),
    positionSource: 'page',
    markets: new Map([['BTCUSDT', { status: 'ready', snapshot: snapshotFixture({ quote: { ...snapshotFixture().quote, fetchedAt: NOW } }) }]]),
    now: NOW,
    staleAfterMs: 65_000,
    prefs: { collapsed, window: '4h', privacy: false, expanded: [] },
    view: { ...DEFAULT_BANDS, dangerBelow: 0.05, cautionBelow: 0.15, thresholds: DEFAULT_REGIME_THRESHOLDS },
  });

const textOf = (t: TreeNode): string => (typeof t === 'string' ? t : t.c.map(textOf).join(''));
const html = (t: TreeNode): string => (typeof t === 'string' ? t : `<${t.a.class ?? ''}>${t.c.map(html).join('')}`);

/** Every field of the first card (and the market line's, prefixed `market:`): value, text, classes, inner shape. */
function fields(t: TreeNode, out: Record<string, { value: string; text: string; cls: string; shape: string }> = {}, prefix = '') {
  if (typeof t === 'string') return out;
  const p = 'data-perplens-market' in t.a ? 'market:' : prefix;
  const name = t.a['data-field'];
  if (name && t.a['data-value'] !== undefined && !(p + name in out))
    out[p + name] = { value: t.a['data-value'], text: textOf(t), cls: t.a.class ?? '', shape: html(t) };
  for (const c of t.c) fields(c, out, p);
  return out;
}
const card = (t: TreeElement) => {
  let found: TreeElement | null = null;
  const walk = (n: TreeNode) => {
    if (typeof n !== 'string') {
      if ('data-perplens-position' in n.a) found = n;
      n.c.forEach(walk);
    }
  };
  walk(t);
  return found as TreeElement | null;
};

const pillText = (t: TreeNode): string | null => {
  if (typeof t === 'string') return null;
  if (t.a.class === 'where') return t.c.map((c) => `[${typeof c === 'string' ? c : `${c.a.class ?? ''}|${textOf(c)}`}]`).join('');
  for (const c of t.c) {
    const found = pillText(c);
    if (found !== null) return found;
  }
  return null;
};

describe('the page’s own update of mark-driven figures', () => {
  it('moves the collapsed pill’s distance with the mark, as the background would draw it', () => {
    const before = draw(60_000, true);
    expect(pillText(before.tree)).toMatch(/^\[chip tone-\w+\|BTCUSDT L 2\.00%\]$/);
    const moved = liveUpdate(before.tree, before.live, readAt(59_000), NOW);
    if (!moved) throw new Error('no update');
    expect(pillText(moved)).toBe(pillText(draw(59_000, true).tree));
    expect(pillText(moved)).toMatch(/^\[chip tone-danger\|BTCUSDT L 0\.34%\]$/);
  });

  it('gives exactly what the background draws for the new mark', () => {
    const before = draw(70_000);
    const after = draw(60_000);
    const moved = liveUpdate(before.tree, before.live, readAt(60_000), NOW);
    if (!moved) throw new Error('no update');
    const got = fields(moved);
    const want = fields(after.tree);
    for (const name of ['mark-price', 'liq-distance', 'liq-sigma', 'liq-touch-24h', 'liq-distance-money', 'band', 'market:mark-price'])
      expect(got[name], name).toEqual(want[name]);
    expect(got.band?.value).not.toBe(fields(before.tree).band?.value);
    expect(card(moved)?.a.class).toBe(card(after.tree)?.a.class);
  });

  it('moves the countdown to now and leaves the rest when the rows do not pair up', () => {
    const before = draw(60_000);
    const moved = liveUpdate(before.tree, before.live, { status: 'ok', rows: [], notes: [] }, NOW + 61_000);
    if (!moved) throw new Error('no update');
    expect(fields(moved)['liq-distance']).toEqual(fields(before.tree)['liq-distance']);
    expect(fields(moved)['next-funding']?.text).not.toBe(fields(before.tree)['next-funding']?.text);
  });
});
