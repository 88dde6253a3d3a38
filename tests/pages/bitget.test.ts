// @vitest-environment happy-dom
import fc from 'fast-check';
import { canonicalContext, expectRows, fixturesIn, parse, readPage } from './harness';
import { describe, expect, it } from 'vitest';
import { bitgetAssets, bitgetPage, bitgetSymbolIn } from '../../src/venues/bitget/page';
import { NOTE_PATTERNS } from '../../src/venues/page-kit/perp-table';
import type { PageRead, ReadContext } from '../../src/venues/page-reader-types';

const fixture = fixturesIn('bitget');

/** Each fixture names the URL it stands for in its canonical link. */
const context = (doc: Document, contractValue?: ReadContext['contractValue']): ReadContext =>
  canonicalContext(doc, bitgetPage, 'https://www.bitget.com/futures/usdt/BTCUSDT', contractValue);

const readFixture = (name: string): PageRead => readPage(bitgetPage, fixture(`${name}.html`), context, name);

function readDoc(doc: Document): PageRead {
  const anchor = bitgetPage.findAnchor(doc);
  if (!anchor) throw new Error('no anchor');
  return bitgetPage.read(anchor, context(doc));
}

const VARIANTS: readonly { name: string; what: string }[] = [
  { name: 'e2e-long-short', what: 'full page, hedge mode long + short BTCUSDT (isolated 20x), default columns, unsigned sizes in BTC with Long/Short tags' },
  {
    name: 'en-desktop',
    what: '/en/ page, three symbols: an isolated long, a cross short, a cross long whose Est. liq. price is "--" (the venue shows none)',
  },
  { name: 'zh-cn', what: 'Chinese captions (仓位, 持仓数量, 开仓均价, 预估强平价, 未实现盈亏（收益率）…), 逐仓/全仓, 多/空, split header/body tables' },
  { name: 'zh-tw', what: 'Traditional Chinese captions (倉位保證金, 預估強平價, 開倉均價, 未實現盈虧), 全倉/逐倉, Margin ratio hidden' },
  {
    name: 'div-grid',
    what: 'the e2e positions as plain divs with no roles: virtualised rows drawn out of order, an aria-hidden copy of a row',
  },
  {
    name: 'reordered-hidden-columns',
    what: 'columns reordered (PnL and Mark before Entry, Size late), Margin ratio / Realized PnL hidden, hidden copies, a "--" liquidation, a row with no side tag',
  },
  { name: 'size-in-usdt', what: '"Size (USDT)": sizes converted at the mark price; a row without a mark is unreadable' },
  {
    name: 'contradictory',
    what: 'a short with liq below mark, both side tags, both margin modes, entry and mark a decimal slip apart, a liq cell with a unit (not read); one good row',
  },
  { name: 'no-position', what: 'Positions (0) and "No positions", no table' },
  { name: 'no-position-zh-cn', what: 'split header drawn, empty body, 暂无持仓 under it, a tab without a count' },
  { name: 'loading', what: 'Positions (2), header and skeleton rows' },
];

describe('Bitget page reader: fixtures', () => {
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

  it("e2e page: the long's liquidation price is the first 56,300.50 of the page (the e2e tests rewrite it)", () => {
    const html = fixture('e2e-long-short.html').replace('56,300.50', '61,500.00');
    const read = readDoc(parse(html));
    expect(read.rows[0]).toMatchObject({ ok: false, symbol: 'BTCUSDT', side: 'long', reason: "a long's liquidation price must be below the mark price" });
    expect(read.rows[1]?.ok).toBe(true);
  });

  it('the anchor is the positions <table>; with a split header and body, their wrapper', () => {
    expect(bitgetPage.findAnchor(parse(fixture('e2e-long-short.html')))?.tagName).toBe('TABLE');
    const split = bitgetPage.findAnchor(parse(fixture('zh-cn.html')));
    expect(split?.querySelectorAll('table')).toHaveLength(2);
    expect(split?.querySelector('[role="tablist"]')).toBeNull();
  });

  it('a split header ending in a caption-less scrollbar gutter still pairs with its body', () => {
    const plain = readFixture('zh-cn');
    const doc = parse(fixture('zh-cn.html'));
    const header = doc.querySelector('table.bg-table__header');
    const gutter = doc.createElement('th');
    gutter.className = 'bg-table__cell-scrollbar';
    header?.querySelector('thead tr')?.append(gutter);
    header?.querySelector('colgroup')?.append(doc.createElement('col'));
    const read = readDoc(doc);
    expect(read.rows.length).toBeGreaterThan(0);
    expect(read.rows).toEqual(plain.rows);
  });

  it('a hidden column reads as absent, never as its neighbour', () => {
    const doc = parse(fixture('e2e-long-short.html'));
    // The trader hides "Mark price": the header cell and every row's cell go.
    const index = Array.from(doc.querySelectorAll('thead th')).findIndex((th) => th.textContent?.includes('Mark price'));
    expect(index).toBe(3);
    for (const tr of Array.from(doc.querySelectorAll('tr'))) tr.children[index]?.remove();
    const read = readDoc(doc);
    expect(read.rows.map((r) => r.ok && r.position.markPrice)).toEqual([null, null]);
    expect(read.rows.map((r) => r.ok && r.position.liqPrice)).toEqual([56300.5, 63800]);
    expect(read.rows.map((r) => r.ok && r.position.entryPrice)).toEqual([59000, 61000]);
  });

  it('a hidden Est. liq. price column is "not read", never "none"', () => {
    const doc = parse(fixture('e2e-long-short.html'));
    const index = Array.from(doc.querySelectorAll('thead th')).findIndex((th) => th.textContent?.includes('Est. liq. price'));
    for (const tr of Array.from(doc.querySelectorAll('tr'))) tr.children[index]?.remove();
    const read = readDoc(doc);
    for (const row of read.rows) {
      expect(row.ok && row.position.liqPrice).toBeNull();
      expect(row.ok && row.position.liqNotServed).toMatch(/no liquidation price column/);
    }
  });

  it('a size in another unit (contracts) is unreadable: Bitget USDT-M sizes are in the coin or in USDT', () => {
    const html = fixture('e2e-long-short.html').replace('>0.500 BTC<', '>50 Cont<').replace('>0.300 BTC<', '>30 Cont<');
    const doc = parse(html);
    const anchor = bitgetPage.findAnchor(doc);
    if (!anchor) throw new Error('no anchor');
    const read = bitgetPage.read(
      anchor,
      context(doc, () => 0.01),
    );
    expect(read.rows.map((r) => !r.ok && r.reason)).toEqual(['size unit Cont is neither BTC nor USDT', 'size unit Cont is neither BTC nor USDT']);
  });

  it('an unsigned size without a side tag is unreadable; a negative size agrees with a Short tag', () => {
    const untagged = fixture('e2e-long-short.html').replace(/<span class="bg-position__side[^>]*>(?:Long|Short)<\/span>/g, '');
    expect(readDoc(parse(untagged)).rows.map((r) => !r.ok && r.reason)).toEqual([
      'cannot tell whether the position is long or short',
      'cannot tell whether the position is long or short',
    ]);
    const signed = fixture('e2e-long-short.html').replace('>0.300 BTC<', '>-0.300 BTC<');
    const read = readDoc(parse(signed));
    expect(read.rows.map((r) => r.ok && `${r.position.side} ${r.position.size}`)).toEqual(['long 0.5', 'short 0.3']);
  });

  it('captions in a language not in the dictionary: read by value patterns, the liquidation price never', () => {
    // Bitget's Japanese page (/ja/): no caption there is confirmed, so none is in the dictionary.
    const captions: Record<string, string> = {
      Position: 'ポジション',
      Size: 'ポジションサイズ',
      'Average entry price': '平均エントリー価格',
      'Mark price': 'マーク価格',
      'Est. liq. price': '推定清算価格',
      Margin: '証拠金',
      'Margin ratio': '証拠金率',
      'Unrealized PnL (ROE)': '未実現損益 (ROE)',
      'Realized PnL': '実現損益',
      'TP/SL': 'TP/SL',
      'Close positions': 'ポジション決済',
    };
    let html = fixture('e2e-long-short.html')
      .replace('https://www.bitget.com/futures/usdt/BTCUSDT', 'https://www.bitget.com/ja/futures/usdt/BTCUSDT')
      .replace('Positions (2)', 'ポジション (2)');
    for (const [en, vi] of Object.entries(captions))
      html = html.replace(`<span class="bg-table__caption" data-v-2b7d90>${en}</span>`, `<span class="bg-table__caption" data-v-2b7d90>${vi}</span>`);
    const read = readDoc(parse(html));
    expect(read.status).toBe('ok');
    expect(read.notes).toEqual([NOTE_PATTERNS]);
    expect(read.rows.map((r) => r.ok && [r.position.side, r.position.size, r.position.entryPrice, r.position.markPrice, r.position.liqPrice])).toEqual([
      ['long', 0.5, 59000, 60000.12, null],
      ['short', 0.3, 61000, 60000.12, null],
    ]);
  });

  it('a list rendering fewer rows than the Positions tab counts says so', () => {
    const doc = parse(fixture('en-desktop.html'));
    doc.querySelector('tr[data-row-key^="SOLUSDT_"]')?.remove();
    const read = readDoc(doc);
    expect(read.rows).toHaveLength(2);
    expect(read.notes).toContain('the Positions tab counts 3, 2 shown here: the others are scrolled out of view or filtered on the page');
  });

  it('without a table the anchor is the Positions pane, and a table appearing in it is read', () => {
    const doc = parse(fixture('no-position.html'));
    const anchor = bitgetPage.findAnchor(doc);
    expect(anchor?.getAttribute('role')).toBe('tabpanel');
    const table = parse(fixture('en-desktop.html')).querySelector('div.bg-table');
    if (!anchor || !table) throw new Error('fixtures changed');
    anchor.innerHTML = '';
    anchor.appendChild(doc.importNode(table, true));
    const read = bitgetPage.read(anchor, context(doc));
    expect(read.status).toBe('ok');
    expect(read.rows.filter((r) => r.ok)).toHaveLength(3);
  });

  it('symbols and assets', () => {
    expect(bitgetSymbolIn('BTCUSDT Perpetual · Isolated 10x · Long')).toBe('BTCUSDT');
    expect(bitgetSymbolIn('ETHUSDT 永续 逐仓 10x 多')).toBe('ETHUSDT');
    expect(bitgetSymbolIn('ETHUSDT永续')).toBe('ETHUSDT');
    expect(bitgetSymbolIn('BTCUSD Perpetual')).toBeNull();
    expect(bitgetSymbolIn('BTCPERP')).toBeNull();
    expect(bitgetAssets('1000PEPEUSDT')).toEqual({ base: '1000PEPE', quote: 'USDT' });
    expect(bitgetAssets('BTCUSD')).toBeNull();
  });

  it('matches Bitget USDT-M perpetual URLs only', () => {
    expect(bitgetPage.matchUrl(new URL('https://www.bitget.com/futures/usdt/SOLUSDT'))).toBe('SOLUSDT');
    expect(bitgetPage.matchUrl(new URL('https://www.bitget.com/en/futures/usdt/BTCUSDT'))).toBe('BTCUSDT');
    expect(bitgetPage.matchUrl(new URL('https://www.bitget.com/zh-CN/futures/usdt/ETHUSDT'))).toBe('ETHUSDT');
    expect(bitgetPage.matchUrl(new URL('https://www.bitget.com/futures/usd/BTCUSD'))).toBeNull();
    expect(bitgetPage.matchUrl(new URL('https://www.bybit.com/trade/usdt/BTCUSDT'))).toBeNull();
  });

  it('findAnchor is null on an unrelated page', () => {
    const doc = parse(`<!doctype html><html lang="en"><body><header>Bitget</header>
      <table><thead><tr><th>Futures</th><th>Last price</th><th>24h change</th></tr></thead>
      <tbody><tr><td>BTCUSDT</td><td>60,000.12</td><td>+1.20%</td></tr></tbody></table>
      <table><thead><tr><th>Futures</th><th>Order type</th><th>Amount</th><th>Order price</th><th>Filled</th></tr></thead>
      <tbody><tr><td>BTCUSDT Perpetual</td><td>Limit</td><td>0.100 BTC</td><td>55,000.00</td><td>0.000 BTC</td></tr></tbody></table></body></html>`);
    expect(bitgetPage.findAnchor(doc)).toBeNull();
  });
});

describe('Bitget page reader: robustness', () => {
  const CAPTIONS = [
    'Position',
    'Size',
    'Average entry price',
    'Mark price',
    'Est. liq. price',
    'Margin',
    'Margin ratio',
    'Unrealized PnL (ROE)',
    'Realized PnL',
    'TP/SL',
  ];
  const cellText = fc.oneof(
    fc.string({ maxLength: 24 }),
    fc.constantFrom(
      '--',
      '',
      'BTCUSDT Perpetual · Isolated 20x · Long',
      'ETHUSDT 永续 全仓 10x 空',
      'BTCUSDT Perpetual · Cross 10x',
      '0.300 BTC',
      '-0.300 BTC',
      '30,000.06 USDT',
      '1,475.00 USDT',
      '+500.06 USDT (+33.90%)',
      '0.51%',
      '56,300.50',
      '56,300.50 USDT',
      '0',
      '1e400',
      '\u2212',
      'Short',
      '逐仓',
    ),
    fc.double({ noNaN: false }).map(String),
  );
  const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

  it('read() never throws on a table with random cell text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cellText, { maxLength: CAPTIONS.length + 2 }), { maxLength: 5 }),
        fc.constantFrom('en', 'zh-CN', 'zh-TW', 'ja', 'vi'),
        fc.shuffledSubarray(CAPTIONS, { minLength: 4 }),
        (rows, locale, captions) => {
          const body = rows.map((cells, i) => `<tr data-row-key="${i}">${cells.map((c) => `<td>${escape(c)}</td>`).join('')}</tr>`).join('');
          const doc = parse(
            `<!doctype html><html><body><table><thead><tr>${captions.map((c) => `<th>${c}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table></body></html>`,
          );
          const anchor = bitgetPage.findAnchor(doc) ?? doc.body;
          const read = bitgetPage.read(anchor, { locale, urlSymbol: 'BTCUSDT', contractValue: () => null });
          expect(['ok', 'loading', 'no-table']).toContain(read.status);
          for (const row of read.rows) if (row.ok) expect(row.position.size).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
