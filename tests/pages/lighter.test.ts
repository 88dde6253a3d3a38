// @vitest-environment happy-dom
import fc from 'fast-check';
import { canonicalContext, expectRows, fixturesIn, parse, readPage } from './harness';
import { describe, expect, it } from 'vitest';
import { lighterAssets, lighterPage, lighterSymbolIn } from '../../src/venues/lighter/page';
import type { PageRead, ReadContext } from '../../src/venues/page-reader-types';

const fixture = fixturesIn('lighter');

/** Each fixture names the URL it stands for in its canonical link. */
const context = (doc: Document, contractValue?: ReadContext['contractValue']): ReadContext =>
  canonicalContext(doc, lighterPage, 'https://app.lighter.xyz/trade/BTC', contractValue);

const readFixture = (name: string): PageRead => readPage(lighterPage, fixture(`${name}.html`), context, name);

function readDoc(doc: Document, layoutEpoch?: number): PageRead {
  const anchor = lighterPage.findAnchor(doc);
  if (!anchor) throw new Error('no anchor');
  return lighterPage.read(anchor, { ...context(doc), ...(layoutEpoch === undefined ? {} : { layoutEpoch }) });
}

const readHtml = (html: string): PageRead => readDoc(parse(html));
const e2e = (): string => fixture('e2e-long-short.html');

const VARIANTS: readonly { name: string; what: string }[] = [
  {
    name: 'e2e-long-short',
    what: 'full page served at /trade/BTC: a long and a short BTC row (isolated 20x), sizes "0.5000 BTC", bare prices, direction testids with Long/Short',
  },
  {
    name: 'en-desktop',
    what: 'three markets: an isolated long, a cross short, a cross long whose Liq. Price is "-"; bare sizes, "$" prices, mode as the Margin tail "(Cross)"',
  },
  {
    name: 'virtualised',
    what: 'absolutely positioned rows drawn out of order, a spacer row, an aria-hidden measure copy of a row, a direction element showing only an icon (side from its testid)',
  },
  {
    name: 'reordered-hidden-columns',
    what: 'PnL and Mark before Size and Entry, Position Value hidden by style, Funding absent, a "N/A" liquidation, a row with neither direction tag nor side word',
  },
  {
    name: 'contradictory',
    what: 'a short with liq below mark, a direction-long tag reading "Short", both tags, a size in USDC, a size in dollars, both margin modes, an unreadable liq cell, a decimal slip',
  },
  { name: 'no-position', what: 'header drawn, "No open positions" row, a tab without a count' },
  { name: 'no-position-no-table', what: 'no table: "Positions (0)" and "No open positions" in its pane' },
  { name: 'loading', what: 'Positions (2), header and skeleton rows' },
  { name: 'zh-locale', what: '?locale=zh with Chinese captions (not known, none in the dictionary): not read, never guessed' },
];

describe('Lighter page reader: fixtures', () => {
  it.each(VARIANTS)('$name ($what)', ({ name }) => {
    const expected = JSON.parse(fixture(`${name}.expected.json`)) as PageRead;
    const read = readFixture(name);
    expect(read.status).toBe(expected.status);
    expect(read.notes).toEqual(expected.notes);
    expectRows(read.rows, expected.rows);
  });

  it('e2e page: every mark price is one text node, no script, and an order form', () => {
    const doc = parse(e2e());
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
    expect(doc.querySelector('.lt-order-form [data-testid="place-order-button"]')).not.toBeNull();
    expect(lighterPage.matchUrl(new URL(doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? ''))).toBe('BTC');
  });

  it("e2e page: the long's liquidation price is the first 56,300.50 of the page (the e2e tests rewrite it)", () => {
    const read = readHtml(e2e().replace('56,300.50', '61,500.00'));
    expect(read.rows[0]).toMatchObject({ ok: false, symbol: 'BTC', side: 'long', reason: "a long's liquidation price must be below the mark price" });
    expect(read.rows[1]?.ok).toBe(true);
  });

  it('the anchor is the positions table by its testid; without the testid, the table by its captions', () => {
    expect(lighterPage.findAnchor(parse(e2e()))?.getAttribute('data-testid')).toBe('positions-table');
    const plain = parse(e2e().replace('data-testid="positions-table"', ''));
    expect(lighterPage.findAnchor(plain)?.tagName).toBe('TABLE');
    expect(readDoc(plain).rows).toEqual(readFixture('e2e-long-short').rows);
  });

  it('a hidden testid table is not the anchor', () => {
    const doc = parse(fixture('no-position-no-table.html'));
    const hidden = doc.createElement('table');
    hidden.setAttribute('data-testid', 'positions-table');
    hidden.setAttribute('style', 'display: none');
    doc.body.prepend(hidden);
    expect(lighterPage.findAnchor(doc)?.getAttribute('role')).toBe('tabpanel');
  });

  it('a hidden column reads as absent, never as its neighbour', () => {
    const doc = parse(e2e());
    const index = Array.from(doc.querySelectorAll('thead th')).findIndex((th) => th.textContent === 'Mark Price');
    expect(index).toBe(4);
    for (const tr of Array.from(doc.querySelectorAll('tr'))) tr.children[index]?.remove();
    const read = readDoc(doc);
    expect(read.rows.map((r) => r.ok && r.position.markPrice)).toEqual([null, null]);
    expect(read.rows.map((r) => r.ok && r.position.liqPrice)).toEqual([56300.5, 63800]);
    expect(read.rows.map((r) => r.ok && r.position.entryPrice)).toEqual([59000, 61000]);
  });

  it('a hidden Liq. Price column is "not read", never "none"', () => {
    const doc = parse(e2e());
    const index = Array.from(doc.querySelectorAll('thead th')).findIndex((th) => th.textContent === 'Liq. Price');
    for (const tr of Array.from(doc.querySelectorAll('tr'))) tr.children[index]?.remove();
    for (const row of readDoc(doc).rows) {
      expect(row.ok && row.position.liqPrice).toBeNull();
      expect(row.ok && row.position.liqNotServed).toMatch(/no liquidation price column/);
    }
  });

  it('a liquidation price shown as "-" or "N/A" means the venue shows none', () => {
    for (const none of ['-', 'N/A', '—']) {
      const read = readHtml(e2e().replace('<span>56,300.50</span>', `<span>${none}</span>`));
      expect(read.rows[0]).toMatchObject({ ok: true, position: { liqPrice: null } });
      expect(read.rows[0]?.ok && 'liqNotServed' in read.rows[0].position).toBe(false);
    }
  });

  it('a size not in the market coin is unreadable: another unit, contracts, USDC, dollars', () => {
    for (const [size, reason] of [
      ['50 Cont', 'size unit Cont is neither BTC nor USDC'],
      ['0.5000 ETH', 'size unit ETH is neither BTC nor USDC'],
      ['30,000.06 USDC', 'size unit USDC is not BTC'],
      ['$30,000.06', 'size is shown as money, not in BTC'],
    ] as const) {
      const read = readHtml(e2e().replace('<span>0.5000 BTC</span>', `<span>${size}</span>`));
      expect(read.rows[0], size).toMatchObject({ ok: false, symbol: 'BTC', reason });
      expect(read.rows[1]?.ok).toBe(true);
      expect(read.notes).toEqual([]);
    }
    // A unit in the caption counts as the cells' unit.
    const captioned = readHtml(
      e2e()
        .replace('<th>Size</th>', '<th>Size (USDC)</th>')
        .replace(/(\d) BTC<\/span>/g, '$1</span>'),
    );
    expect(captioned.rows.map((r) => !r.ok && r.reason)).toEqual(['size unit USDC is not BTC', 'size unit USDC is not BTC']);
    const coin = readHtml(
      e2e()
        .replace('<th>Size</th>', '<th>Size (BTC)</th>')
        .replace(/(\d) BTC<\/span>/g, '$1</span>'),
    );
    expect(coin.rows.map((r) => r.ok && r.position.size)).toEqual([0.5, 0.3]);
  });

  it('the side: the direction testid and the Long/Short word must agree; either alone is enough; neither is unreadable', () => {
    // The word without the testid.
    const words = readHtml(e2e().replace(/ data-testid="direction-(long|short)"/g, ''));
    expect(words.rows.map((r) => r.ok && r.position.side)).toEqual(['long', 'short']);
    // The testid without a word the dictionary knows (another language, an icon).
    const tags = readHtml(e2e().replace('>Long</span>', '>多</span>').replace('>Short</span>', '><svg aria-hidden="true" viewBox="0 0 8 8"></svg></span>'));
    expect(tags.rows).toEqual(readFixture('e2e-long-short').rows);
    // Disagreeing.
    const swapped = readHtml(e2e().replace('data-testid="direction-long">Long', 'data-testid="direction-long">Short'));
    expect(swapped.rows[0]).toMatchObject({ ok: false, side: null, reason: 'the direction tag says long but the side label says short' });
    // Neither: unreadable, even with a negative size (the side never comes from the sign alone).
    const neither = e2e().replace(/<span class="lt-(long|short)" data-testid="direction-(long|short)">(Long|Short)<\/span>/g, '');
    expect(readHtml(neither).rows.map((r) => !r.ok && r.reason)).toEqual([
      'cannot tell whether the position is long or short',
      'cannot tell whether the position is long or short',
    ]);
    const signedOnly = readHtml(neither.replace('<span>0.3000 BTC</span>', '<span>-0.3000 BTC</span>'));
    // (One negative size tells the kit the page signs its shorts, so the unsigned one would be a long.)
    expect(signedOnly.rows.map((r) => !r.ok && r.reason)).toEqual([
      'cannot tell whether the position is long or short: the row has no direction tag and no Long/Short word',
      'cannot tell whether the position is long or short: the row has no direction tag and no Long/Short word',
    ]);
    // A signed short agrees with its Short tag; a tagged short whose size is unsigned beside a signed one does not.
    const signed = readHtml(e2e().replace('<span>0.3000 BTC</span>', '<span>-0.3000 BTC</span>'));
    expect(signed.rows.map((r) => r.ok && `${r.position.side} ${r.position.size}`)).toEqual(['long 0.5', 'short 0.3']);
    const icon = e2e()
      .replace('<span>0.5000 BTC</span>', '<span>-0.5000 BTC</span>')
      .replace('>Long</span>', '><svg aria-hidden="true" viewBox="0 0 8 8"></svg></span>');
    expect(readHtml(icon).rows[0]).toMatchObject({ ok: false, side: null, reason: 'the direction tag says long but the size sign says short' });
  });

  it('a hidden direction element does not count', () => {
    const html = e2e().replace(
      '<span class="lt-long" data-testid="direction-long">Long</span>',
      '<span class="lt-long" data-testid="direction-long">Long</span><span data-testid="direction-short" hidden></span>',
    );
    expect(readHtml(html).rows[0]).toMatchObject({ ok: true, position: { side: 'long' } });
  });

  it('a list rendering fewer rows than the Positions tab counts says so', () => {
    const doc = parse(fixture('en-desktop.html'));
    doc.querySelector('tr[data-testid="row-2"]')?.remove();
    const read = readDoc(doc);
    expect(read.rows).toHaveLength(2);
    expect(read.notes).toContain('the Positions tab counts 3, 2 shown here: the others are scrolled out of view or filtered on the page');
  });

  it('reads the same with a layout epoch, and follows the mark ticking within it', () => {
    const doc = parse(fixture('virtualised.html'));
    const first = readDoc(doc, 7);
    expect(first.rows).toEqual(readFixture('virtualised').rows);
    const mark = Array.from(doc.querySelectorAll('td')).find((td) => td.textContent === '60,000.12' && !td.closest('[aria-hidden]'));
    if (!mark) throw new Error('fixture changed');
    mark.textContent = '60,100.00';
    const again = readDoc(doc, 7);
    expect(again.rows.map((r) => r.ok && r.position.markPrice)).toEqual([2986.3, 60100]);
    expect(readDoc(doc, 7).rows.map((r) => r.ok && r.position.side)).toEqual(['short', 'long']);
  });

  it('without a table the anchor is the Positions pane, and a table appearing in it is read', () => {
    const doc = parse(fixture('no-position-no-table.html'));
    const anchor = lighterPage.findAnchor(doc);
    expect(anchor?.getAttribute('role')).toBe('tabpanel');
    const table = parse(fixture('en-desktop.html')).querySelector('table[data-testid="positions-table"]');
    if (!anchor || !table) throw new Error('fixtures changed');
    anchor.innerHTML = '';
    anchor.appendChild(doc.importNode(table, true));
    const read = lighterPage.read(anchor, context(doc));
    expect(read.status).toBe('ok');
    expect(read.rows.filter((r) => r.ok)).toHaveLength(3);
  });

  it('symbols and assets', () => {
    expect(lighterSymbolIn('BTC 20x Isolated Long')).toBe('BTC');
    expect(lighterSymbolIn('1000PEPE 5x Short')).toBe('1000PEPE');
    expect(lighterSymbolIn('0G Long')).toBe('0G');
    expect(lighterSymbolIn('AAPL · Cross · 10x')).toBe('AAPL');
    expect(lighterSymbolIn('BTC ETH')).toBeNull();
    expect(lighterSymbolIn('Long 20x')).toBeNull();
    expect(lighterSymbolIn('BTC-PERP')).toBeNull();
    expect(lighterSymbolIn('')).toBeNull();
    expect(lighterAssets('BTC')).toEqual({ base: 'BTC', quote: 'USDC' });
    expect(lighterAssets('LIT_USDC')).toBeNull();
  });

  it('matches Lighter perp trading URLs only', () => {
    expect(lighterPage.matchUrl(new URL('https://app.lighter.xyz/trade/ETH'))).toBe('ETH');
    expect(lighterPage.matchUrl(new URL('https://app.lighter.xyz/trade/BTC?locale=zh'))).toBe('BTC');
    expect(lighterPage.matchUrl(new URL('https://app.lighter.xyz/trade/LIT_USDC'))).toBeNull();
    expect(lighterPage.matchUrl(new URL('https://app.hyperliquid.xyz/trade/BTC'))).toBeNull();
  });

  it('findAnchor is null on an unrelated page', () => {
    const doc = parse(`<!doctype html><html lang="en"><body><header>Lighter</header>
      <table><thead><tr><th>Market</th><th>Last Price</th><th>24h Change</th></tr></thead>
      <tbody><tr><td>BTC</td><td>60,000.12</td><td>+1.20%</td></tr></tbody></table>
      <table><thead><tr><th>Market</th><th>Type</th><th>Size</th><th>Price</th><th>Filled</th></tr></thead>
      <tbody><tr><td>BTC Long</td><td>Limit</td><td>0.1000 BTC</td><td>55,000.00</td><td>0.0000 BTC</td></tr></tbody></table></body></html>`);
    expect(lighterPage.findAnchor(doc)).toBeNull();
  });
});

describe('Lighter page reader: robustness', () => {
  const CAPTIONS = ['Market', 'Size', 'Position Value', 'Entry Price', 'Mark Price', 'Unrealized PnL', 'Liq. Price', 'Margin', 'Funding', 'TP/SL'];
  const cellText = fc.oneof(
    fc.string({ maxLength: 24 }),
    fc.constantFrom(
      '-',
      '',
      'N/A',
      'BTC 20x Isolated Long',
      'ETH 10x Cross Short',
      'BTC',
      '0.3000 BTC',
      '-0.3000 BTC',
      '0.3000',
      '$30,000.06',
      '$1,475.00 (Cross)',
      '+$500.06 (+33.90%)',
      '56,300.50',
      '$56,300.50',
      '0',
      '1e400',
      '\u2212',
      'Short',
    ),
    fc.double({ noNaN: false }).map(String),
  );
  const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const tag = fc.constantFrom(
    '',
    '<span data-testid="direction-long">Long</span>',
    '<span data-testid="direction-short"></span>',
    '<i data-testid="direction-long"></i><i data-testid="direction-short"></i>',
  );

  it('read() never throws on a table with random cell text and direction tags', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(tag, fc.array(cellText, { maxLength: CAPTIONS.length + 2 })), { maxLength: 5 }),
        fc.constantFrom('en', 'zh-CN', 'de'),
        fc.shuffledSubarray(CAPTIONS, { minLength: 4 }),
        fc.boolean(),
        (rows, locale, captions, testid) => {
          const body = rows
            .map(([t, cells], i) => `<tr data-testid="row-${i}">${cells.map((c, j) => `<td>${escape(c)}${j === 0 ? t : ''}</td>`).join('')}</tr>`)
            .join('');
          const doc = parse(
            `<!doctype html><html><body><table${testid ? ' data-testid="positions-table"' : ''}><thead><tr>${captions.map((c) => `<th>${c}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table></body></html>`,
          );
          const anchor = lighterPage.findAnchor(doc) ?? doc.body;
          const read = lighterPage.read(anchor, { locale, urlSymbol: 'BTC', contractValue: () => null });
          expect(['ok', 'loading', 'no-table']).toContain(read.status);
          for (const row of read.rows) if (row.ok) expect(row.position.size).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
