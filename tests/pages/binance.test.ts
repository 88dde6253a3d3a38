// @vitest-environment happy-dom
import fc from 'fast-check';
import { canonicalContext, expectRows, fixturesIn, parse, readPage } from './harness';
import { describe, expect, it } from 'vitest';
import { binancePage } from '../../src/venues/binance/page';
import type { PageRead, ReadContext } from '../../src/venues/page-reader-types';

const fixture = fixturesIn('binance');

/** Each fixture names the URL it stands for in its canonical link, as Binance's pages do. */
const context = (doc: Document): ReadContext => canonicalContext(doc, binancePage, 'https://www.binance.com/en/futures/BTCUSDT');

const readFixture = (name: string): PageRead => readPage(binancePage, fixture(`${name}.html`), context, name);

const VARIANTS: readonly { name: string; what: string }[] = [
  { name: 'e2e-long-short', what: 'full page, hedge mode long + short BTCUSDT, split header/body tables with a measure row' },
  {
    name: 'div-grid',
    what: 'the same positions as plain divs with no roles: header and body in separate containers, hashed classes, sort icons, a hidden tooltip',
  },
  { name: 'several-positions', what: 'one table, three symbols, one-line and multi-line symbol cells, aria-hidden and display:none copies, "--" liquidation' },
  { name: 'size-in-usdt', what: '"Size (USDT)": sizes converted at the mark price; a row without mark is unreadable' },
  {
    name: 'reordered-hidden-columns',
    what: 'several-positions with the columns reordered (PNL and Mark before Size, Entry after Margin) and Break Even Price / Margin Ratio hidden: mapped by caption, never by index (Binance is not known to offer this; read defensively, as Bybit and OKX do)',
  },
  { name: 'zh-cn', what: 'Chinese captions, 仓位(2), 逐仓/全仓 in the symbol cell and the margin tail' },
  { name: 'de-de-patterns', what: 'German captions (not in the dictionary), German numbers, U+2212 and NBSP: read by value patterns' },
  {
    name: 'empty-cells',
    what: 'empty cells: "--" liquidation (cross), "--" mark and PnL before the mark arrives, a blank liquidation cell (not read, never "none"), a PnL with its amount blank and only the ROI shown (never read as the amount)',
  },
  { name: 'no-position', what: 'Positions(0) and the empty-state message, no table' },
  { name: 'loading', what: 'Positions(2), header drawn, body empty with a spinner' },
  { name: 'contradictory', what: 'liq above mark for a long, side tag against the size sign, two margin modes; one good row' },
];

describe('Binance page reader: fixtures', () => {
  it.each(VARIANTS)('$name ($what)', ({ name }) => {
    const expected = JSON.parse(fixture(`${name}.expected.json`)) as PageRead;
    const read = readFixture(name);
    expect(read.status).toBe(expected.status);
    expect(read.notes).toEqual(expected.notes);
    expectRows(read.rows, expected.rows);
  });

  it('e2e page: every mark price is one text node, so a tick can be written in place', () => {
    const doc = parse(fixture('e2e-long-short.html'));
    const marks = Array.from(doc.querySelectorAll('td')).filter((td) => td.textContent === '60,000.12');
    expect(marks).toHaveLength(2);
    for (const td of marks) {
      const nodes: Node[] = [];
      const walk = (n: Node): void => {
        if (n.nodeType === 3 && (n.nodeValue ?? '').trim()) nodes.push(n);
        n.childNodes.forEach(walk);
      };
      walk(td);
      expect(nodes).toHaveLength(1);
    }
    expect(doc.querySelector('script')).toBeNull();
  });

  it('e2e page: a tick written into the mark text node is read on the next parse', () => {
    const doc = parse(fixture('e2e-long-short.html'));
    const anchor = binancePage.findAnchor(doc);
    if (!anchor) throw new Error('no anchor');
    const mark = Array.from(doc.querySelectorAll('td')).find((td) => td.textContent === '60,000.12');
    const walker = doc.createTreeWalker(mark ?? doc.body, 4);
    const node = walker.nextNode();
    if (!node) throw new Error('no mark text');
    node.nodeValue = '60,500.00';
    const read = binancePage.read(anchor, context(doc));
    const first = read.rows[0];
    expect(first?.ok && first.position.markPrice).toBe(60500);
  });

  it('a virtualised list rendering fewer rows than the Positions tab counts says so; an equal count says nothing', () => {
    const doc = parse(fixture('several-positions.html'));
    const anchor = binancePage.findAnchor(doc);
    if (!anchor) throw new Error('no anchor');
    const full = binancePage.read(anchor, context(doc));
    expect(full.rows).toHaveLength(3);
    expect(full.notes.join(' ')).not.toMatch(/Positions tab counts/);
    // The list scrolled: its last row is no longer rendered.
    doc.querySelector('tr[data-row-key="SOLUSDT-BOTH"]')?.remove();
    const partial = binancePage.read(anchor, context(doc));
    expect(partial.rows).toHaveLength(2);
    expect(partial.notes).toContain('the Positions tab counts 3, 2 shown here: the others are scrolled out of view or filtered on the page');
  });

  it('reordered page with the PNL column hidden too: the rest is read by caption, the PnL is absent', () => {
    const doc = parse(fixture('reordered-hidden-columns.html'));
    const index = Array.from(doc.querySelectorAll('thead th')).findIndex((th) => th.textContent?.includes('PNL'));
    expect(index).toBe(1);
    for (const tr of Array.from(doc.querySelectorAll('tr'))) tr.children[index]?.remove();
    const anchor = binancePage.findAnchor(doc);
    if (!anchor) throw new Error('no anchor');
    const read = binancePage.read(anchor, context(doc));
    const expected = JSON.parse(fixture('reordered-hidden-columns.expected.json')) as PageRead;
    expect(read.notes).toEqual([]);
    expect(read.rows).toEqual(expected.rows.map((r) => (r.ok ? { ...r, position: { ...r.position, unrealizedPnl: null } } : r)));
  });

  it('the anchor is the smallest element holding the table: the wrapper of the split header and body', () => {
    const doc = parse(fixture('e2e-long-short.html'));
    const anchor = binancePage.findAnchor(doc);
    expect(anchor?.querySelectorAll('table')).toHaveLength(2);
    expect(anchor?.querySelector('[role="tablist"]')).toBeNull();
  });

  it('without a table the anchor is the Positions pane, and a table appearing in it is read', () => {
    const doc = parse(fixture('no-position.html'));
    const anchor = binancePage.findAnchor(doc);
    expect(anchor?.getAttribute('role')).toBe('tabpanel');
    const full = parse(fixture('several-positions.html'));
    const table = full.querySelector('table.bn-web-table');
    if (!anchor || !table) throw new Error('fixtures changed');
    anchor.innerHTML = '';
    anchor.appendChild(doc.importNode(table, true));
    const read = binancePage.read(anchor, context(doc));
    expect(read.status).toBe('ok');
    expect(read.rows.filter((r) => r.ok)).toHaveLength(3);
  });

  it('matches Binance futures URLs only', () => {
    expect(binancePage.matchUrl(new URL('https://www.binance.com/zh-CN/futures/ETHUSDT'))).toBe('ETHUSDT');
    expect(binancePage.matchUrl(new URL('https://www.bybit.com/trade/usdt/BTCUSDT'))).toBeNull();
  });

  it('findAnchor is null on an unrelated page', () => {
    const doc = parse(`<!doctype html><html lang="en"><body><header>Binance</header>
      <table><thead><tr><th>Coin</th><th>Price</th><th>24h Change</th></tr></thead>
      <tbody><tr><td>BTC</td><td>60,000.12</td><td>+1.2%</td></tr></tbody></table>
      <div role="tablist"><div role="tab">Spot</div><div role="tab">Futures</div></div></body></html>`);
    expect(binancePage.findAnchor(doc)).toBeNull();
  });

  it('an anchor that lost its table says no-table', () => {
    const doc = parse('<!doctype html><html><body><div id="x"><p>Markets</p></div></body></html>');
    const anchor = doc.getElementById('x');
    if (!anchor) throw new Error('no element');
    expect(binancePage.read(anchor, { locale: 'en', urlSymbol: 'BTCUSDT', contractValue: () => null }).status).toBe('no-table');
  });
});

describe('Binance page reader: robustness', () => {
  const CAPTIONS = ['Symbol', 'Size', 'Entry Price', 'Break Even Price', 'Mark Price', 'Liq.Price', 'Margin Ratio', 'Margin', 'PNL (ROI %)'];
  const cellText = fc.oneof(
    fc.string({ maxLength: 24 }),
    fc.constantFrom(
      '--',
      '',
      'BTCUSDT Perpetual Cross 20x',
      '-0.300 BTC',
      '1,475.00 USDT (Isolated)',
      '+500.06 USDT (+33.90%)',
      '(+1.2%) -3 USDT',
      '56,300.50',
      '0',
      '-0',
      '1e400',
      '\u2212',
      '20x',
      '逐仓',
    ),
    fc.double({ noNaN: false }).map(String),
  );
  const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

  it('read() never throws on a table with random cell text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cellText, { minLength: 0, maxLength: CAPTIONS.length + 2 }), { maxLength: 5 }),
        fc.constantFrom('en', 'de', 'zh-CN', 'fr-FR'),
        (rows, locale) => {
          const body = rows.map((cells) => `<tr>${cells.map((c) => `<td>${escape(c)}</td>`).join('')}</tr>`).join('');
          const doc = parse(
            `<!doctype html><html><body><table><thead><tr>${CAPTIONS.map((c) => `<th>${c}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table></body></html>`,
          );
          const anchor = binancePage.findAnchor(doc);
          expect(anchor).not.toBeNull();
          if (!anchor) return;
          const read = binancePage.read(anchor, { locale, urlSymbol: 'BTCUSDT', contractValue: () => null });
          expect(['ok', 'loading', 'no-table']).toContain(read.status);
          for (const row of read.rows) {
            if (row.ok) {
              expect(row.position.size).toBeGreaterThan(0);
              expect(Number.isFinite(row.position.entryPrice)).toBe(true);
            }
          }
        },
      ),
      { numRuns: 250 },
    );
  });

  it('read() never throws on random cells under unrecognised captions (value patterns)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cellText, { minLength: 5, maxLength: 10 }), { minLength: 1, maxLength: 4 }), (rows) => {
        const body = rows.map((cells) => `<tr><td>BTCUSDT Unbefristet 20x</td>${cells.map((c) => `<td>${escape(c)}</td>`).join('')}</tr>`).join('');
        const head = Array.from({ length: 11 }, (_, i) => `<th>Spalte ${i}</th>`).join('');
        const doc = parse(`<!doctype html><html lang="de"><body><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></body></html>`);
        const anchor = binancePage.findAnchor(doc);
        if (!anchor) return;
        const read = binancePage.read(anchor, { locale: 'de', urlSymbol: 'BTCUSDT', contractValue: () => null });
        for (const row of read.rows) if (row.ok) expect(row.position.liqPrice).toBeNull();
      }),
      { numRuns: 200 },
    );
  });
});
