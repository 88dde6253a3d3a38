import { describe, expect, it } from 'vitest';
import { DEFAULT_BANDS } from '../../../src/core/bands';
import { DEFAULT_REGIME_THRESHOLDS } from '../../../src/core/regime';
import { TREE_LIMITS, type TreeNode } from '../../../src/protocol/tree';
import { CARD_FIGURES, PRIVATE_FIGURES } from '../../../src/ui/panel/card-figures';
import { positionCard } from '../../../src/ui/panel/position-card';
import { positionFixture } from '../alerts/fixtures';
import { snapshotFixture } from '../helpers/snapshot';
import { POSITION_FIELDS } from '../../contract-fields';

// The card's figures are declared once (card-figures.ts). Checked here against the DOM contract's
// list written out by hand (design.md), so that a figure dropped from the table, or drawn twice,
// or shown in privacy mode when it is an amount, fails.

const CONTRACT = POSITION_FIELDS;
/** Amounts of money and the size: what privacy mode must hide. */
const AMOUNTS = [
  'liq-distance-money',
  'margin-to-caution',
  'margin-to-calm',
  'funding-per-day',
  'size',
  'funding-per-interval',
  'borrowing-per-day',
  'holding-cost-per-day',
];
/** Amounts this Binance card cannot know (it charges no borrowing): empty either way. */
const UNKNOWN_HERE = ['borrowing-per-day'];

const NOW = 20_000;
function draw(privacy: boolean, over: Parameters<typeof positionFixture>[0] = {}) {
  return positionCard({
    venue: 'binance',
    row: { ok: true, position: positionFixture(over) },
    market: { status: 'ready', snapshot: snapshotFixture({ quote: { ...snapshotFixture().quote, fetchedAt: NOW } }) },
    settings: { ...DEFAULT_BANDS, window: '4h', thresholds: DEFAULT_REGIME_THRESHOLDS },
    now: NOW,
    staleAfterMs: 65_000,
    privacy,
    open: false,
    quote: 'USDT',
  });
}

/** Every `data-field` element of a tree: name → its attributes, in order of appearance. */
function fields(t: TreeNode, out: [string, Record<string, string | undefined>][] = []): [string, Record<string, string | undefined>][] {
  if (typeof t === 'string') return out;
  const name = t.a['data-field'];
  if (name) out.push([name, t.a]);
  for (const c of t.c) fields(c, out);
  return out;
}

describe('the panel figures table (card-figures.ts)', () => {
  it('a hundred closed cards (the most a page sends) fit the tree the page accepts; the ladder is drawn only in an open card', () => {
    const count = (t: TreeNode): number => (typeof t === 'string' ? 1 : 1 + t.c.reduce((n, c) => n + count(c), 0));
    const closed = count(draw(false).el);
    expect(100 * closed).toBeLessThan(TREE_LIMITS.nodes * 0.75);
    expect(JSON.stringify(draw(false).el)).not.toContain('data-ladder');
  });

  it('declares every figure of the DOM contract once (the gauge draws the band)', () => {
    const declared = CARD_FIGURES.map((f) => f.name);
    expect(new Set(declared).size).toBe(declared.length);
    expect(CONTRACT.filter((n) => n !== 'band' && !declared.includes(n))).toEqual([]);
  });

  it('a collapsed card carries every declared figure exactly once, and every contract field', () => {
    // Liquidation close enough for the danger line and its margin figures to be drawn.
    const names = fields(draw(false, { liqPrice: 59_400, markPrice: 60_000 }).el).map(([n]) => n);
    for (const f of CARD_FIGURES)
      expect(
        names.filter((n) => n === f.name),
        f.name,
      ).toHaveLength(1);
    for (const n of CONTRACT) expect(names, n).toContain(n);
  });

  it('privacy mode hides exactly the amounts, text and data-value both, and says why', () => {
    expect([...PRIVATE_FIGURES].sort()).toEqual([...AMOUNTS].sort());
    const shown = new Map(fields(draw(false, { liqPrice: 59_400, markPrice: 60_000 }).el));
    const hidden = new Map(fields(draw(true, { liqPrice: 59_400, markPrice: 60_000 }).el));
    // Hidden, the danger line folds its two margins into one: no margin-to-calm is drawn.
    expect(AMOUNTS.filter((n) => !hidden.has(n))).toEqual(['margin-to-calm']);
    for (const name of AMOUNTS.filter((n) => hidden.has(n) && !UNKNOWN_HERE.includes(n))) {
      expect(shown.get(name)?.['data-value'], name).not.toBe('');
      expect(hidden.get(name)?.['data-value'], name).toBe('');
      expect(hidden.get(name)?.title, name).toMatch(/^hidden in privacy mode/);
    }
    for (const [name, attrs] of hidden) if (!PRIVATE_FIGURES.has(name)) expect(attrs['data-value'], name).toBe(shown.get(name)?.['data-value']);
  });

  it("the yearly rate is core's own figure, signed like the rate on a short too", () => {
    const apr = (side: 'long' | 'short') => Number(new Map(fields(draw(false, { side }).el)).get('funding-apr')?.['data-value']);
    const r8 = Number(new Map(fields(draw(false).el)).get('funding-rate-8h')?.['data-value']);
    expect(apr('long')).toBeCloseTo(r8 * 3 * 365, 12);
    expect(apr('short')).toBeCloseTo(r8 * 3 * 365, 12);
  });

  it("a liquidation price the trader typed from the venue is the venue's, and says it was typed", () => {
    const text = (t: TreeNode): string => (typeof t === 'string' ? t : t.c.map(text).join(''));
    const source = (over: Parameters<typeof positionFixture>[0]) => {
      const found = (function find(t: TreeNode): TreeNode | null {
        if (typeof t === 'string') return null;
        if (t.a['data-field'] === 'liq-source') return t;
        for (const c of t.c) {
          const f = find(c);
          if (f) return f;
        }
        return null;
      })(draw(false, over).el);
      return found && typeof found !== 'string' ? [found.a['data-value'], text(found)] : null;
    };
    expect(source({ source: 'hand', liqSource: 'page' })).toEqual(['page', 'venue, typed by hand']);
    expect(source({})).toEqual(['page', 'venue (page)']);
    expect(source({ source: 'hand', liqPrice: null, liqNotServed: 'entered by hand' })).toEqual(['computed', 'PerpLens']);
  });
});
