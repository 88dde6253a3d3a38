// @vitest-environment happy-dom
import fc from 'fast-check';
import { canonicalContext, expectRows, fixturesIn, parse, readPage } from './harness';
import { describe, expect, it } from 'vitest';
import { bybitAssets, bybitPage, bybitSymbolIn } from '../../src/venues/bybit/page';
import type { PageRead, ReadContext } from '../../src/venues/page-reader-types';

const fixture = fixturesIn('bybit');

/** Each fixture names the URL it stands for in its canonical link. */
const context = (doc: Document, contractValue?: ReadContext['contractValue']): ReadContext =>
  canonicalContext(doc, bybitPage, 'https://www.bybit.com/trade/usdt/BTCUSDT', contractValue);

const readFixture = (name: string): PageRead => readPage(bybitPage, fixture(`${name}.html`), context, name);

const VARIANTS: readonly { name: string; what: string }[] = [
  { name: 'e2e-long-short', what: 'full page, hedge mode long + short BTCUSDT, default columns, colour bars and a signed Qty' },
  {
    name: 'div-grid',
    what: 'the same positions as plain divs with no roles: virtualised rows (spacer, absolutely placed wrappers drawn out of order), a gutter cell closing the header',
  },
  {
    name: 'reordered-hidden-columns',
    what: 'columns reordered, Value/MM/Realized hidden, data-index rows out of order, hidden copies, Long/Short tags, "--" liq, a row with no side',
  },
  { name: 'zh-cn', what: 'Chinese captions (合约, 合约数量, 入场价格, 预估强平价, 未结盈亏 …), 逐仓/全仓' },
  { name: 'fr-fr-patterns', what: 'French captions (not in the dictionary), French numbers with U+202F, U+2212 and NBSP: value patterns' },
  {
    name: 'empty-cells',
    what: 'default columns with empty cells: "--" liquidation, "--" Value/Mark/Unrealized P&L before the mark arrives, a blank Liq. Price cell (not read, never "none"), a blank Unrealized P&L cell',
  },
  { name: 'no-position', what: 'Positions(0), header and a "No data" placeholder row' },
  { name: 'loading', what: 'Positions(1), header and skeleton rows' },
  { name: 'contradictory', what: 'short with liq below mark, a Long tag on a red bar; one good row' },
];

describe('Bybit page reader: fixtures', () => {
  it.each(VARIANTS)('$name ($what)', ({ name }) => {
    const expected = JSON.parse(fixture(`${name}.expected.json`)) as PageRead;
    const read = readFixture(name);
    expect(read.status).toBe(expected.status);
    expect(read.notes).toEqual(expected.notes);
    expectRows(read.rows, expected.rows);
  });

  it('e2e page: every mark price is one text node, and no script', () => {
    const doc = parse(fixture('e2e-long-short.html'));
    const marks = Array.from(doc.querySelectorAll('td')).filter((td) => td.textContent === '60,000.12');
    expect(marks).toHaveLength(2);
    for (const td of marks) {
      const texts: Node[] = [];
      const walk = (n: Node): void => {
        if (n.nodeType === 3 && (n.nodeValue ?? '').trim()) texts.push(n);
        n.childNodes.forEach(walk);
      };
      walk(td);
      expect(texts).toHaveLength(1);
    }
    expect(doc.querySelector('script')).toBeNull();
  });

  it('the anchor is the positions <table>', () => {
    const doc = parse(fixture('e2e-long-short.html'));
    expect(bybitPage.findAnchor(doc)?.tagName).toBe('TABLE');
  });

  it('a hidden column reads as absent, never as its neighbour', () => {
    const doc = parse(fixture('e2e-long-short.html'));
    // The user hides "Mark Price": Bybit drops the header cell and every row's cell.
    const index = Array.from(doc.querySelectorAll('thead th')).findIndex((th) => th.textContent?.includes('Mark Price'));
    for (const tr of Array.from(doc.querySelectorAll('tr'))) tr.children[index]?.remove();
    const anchor = bybitPage.findAnchor(doc);
    if (!anchor) throw new Error('no anchor');
    const read = bybitPage.read(anchor, context(doc));
    expect(read.rows.map((r) => r.ok && r.position.markPrice)).toEqual([null, null]);
    expect(read.rows.map((r) => r.ok && r.position.liqPrice)).toEqual([56300.5, 63800]);
  });

  it('a Qty in contracts is converted with the contract value, or unreadable without it', () => {
    const html = fixture('e2e-long-short.html').replace('>0.500<', '>50 Cont<').replace('>-0.300<', '>-30 Cont<');
    const doc = parse(html);
    const anchor = bybitPage.findAnchor(doc);
    if (!anchor) throw new Error('no anchor');
    const without = bybitPage.read(anchor, context(doc));
    expect(without.rows.every((r) => !r.ok && r.reason.includes('contract value is unknown'))).toBe(true);
    const withCv = bybitPage.read(
      anchor,
      context(doc, (s) => (s === 'BTCUSDT' ? 0.01 : null)),
    );
    expect(withCv.rows.map((r) => r.ok && r.position.size)).toEqual([0.5, 0.3]);
  });

  it('symbols and assets', () => {
    expect(bybitSymbolIn('BTCUSDT Cross 20.00x')).toBe('BTCUSDT');
    expect(bybitSymbolIn('ETHPERP Isolated 5.00x')).toBe('ETHPERP');
    expect(bybitSymbolIn('BTC-26DEC25')).toBeNull();
    expect(bybitAssets('ETHPERP')).toEqual({ base: 'ETH', quote: 'USDC' });
    expect(bybitAssets('1000PEPEUSDT')).toEqual({ base: '1000PEPE', quote: 'USDT' });
  });

  it('matches Bybit USDT perpetual URLs only', () => {
    expect(bybitPage.matchUrl(new URL('https://www.bybit.com/trade/usdt/SOLUSDT'))).toBe('SOLUSDT');
    expect(bybitPage.matchUrl(new URL('https://www.binance.com/en/futures/BTCUSDT'))).toBeNull();
  });

  it('findAnchor is null on an unrelated page', () => {
    const doc = parse(`<!doctype html><html lang="en"><body><header>Bybit</header>
      <table><thead><tr><th>Coin</th><th>Last Price</th><th>24H Change</th></tr></thead>
      <tbody><tr><td>BTCUSDT</td><td>60,000.12</td><td>+1.20%</td></tr></tbody></table>
      <table><thead><tr><th>Contracts</th><th>Qty</th><th>Order Price</th><th>Filled Qty</th></tr></thead>
      <tbody><tr><td>BTCUSDT</td><td>0.100</td><td>55,000.00</td><td>0.000</td></tr></tbody></table></body></html>`);
    expect(bybitPage.findAnchor(doc)).toBeNull();
  });
});

describe('Bybit page reader: robustness', () => {
  const CAPTIONS = ['Contracts', 'Qty', 'Value', 'Entry Price', 'Mark Price', 'Liq. Price', 'IM', 'MM', 'Unrealized P&L', 'Realized P&L', 'TP/SL'];
  const cellText = fc.oneof(
    fc.string({ maxLength: 24 }),
    fc.constantFrom(
      '--',
      '',
      'BTCUSDT Cross 20.00x',
      'ETHUSDT Short Isolated 10.00x',
      '-0.300',
      '1,475.00 USDT',
      '+500.06 USDT (+33.90%)',
      '-- / 61000',
      '56,300.50',
      '0',
      '1e400',
      '\u2212',
      'Long',
      '全仓',
    ),
    fc.double({ noNaN: false }).map(String),
  );
  const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

  it('read() never throws on a table with random cell text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cellText, { maxLength: CAPTIONS.length + 2 }), { maxLength: 5 }),
        fc.constantFrom('en', 'fr-FR', 'zh-CN'),
        fc.shuffledSubarray(CAPTIONS, { minLength: 4 }),
        (rows, locale, captions) => {
          const body = rows.map((cells, i) => `<tr data-index="${i}">${cells.map((c) => `<td>${escape(c)}</td>`).join('')}</tr>`).join('');
          const doc = parse(
            `<!doctype html><html><body><table><thead><tr>${captions.map((c) => `<th>${c}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table></body></html>`,
          );
          const anchor = bybitPage.findAnchor(doc) ?? doc.body;
          const read = bybitPage.read(anchor, { locale, urlSymbol: 'BTCUSDT', contractValue: () => null });
          expect(['ok', 'loading', 'no-table']).toContain(read.status);
          for (const row of read.rows) if (row.ok) expect(row.position.size).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
