// @vitest-environment happy-dom
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { okxPage } from '../../src/venues/okx/page';
import { pageLocale } from '../../src/venues/page-kit/locale';
import type { PageRead, ReadContext } from '../../src/venues/page-reader-types';

// Node paths, not URL objects: under happy-dom `URL` is the DOM's, which node:fs does not accept.
const DIR = join(import.meta.dirname, 'okx');
const file = (name: string): string => readFileSync(join(DIR, name), 'utf8');

/** Each fixture: the URL it stands for, and the contract values the background would know. */
const FIXTURES: Record<string, { url: string; contractValues?: Record<string, number> }> = {
  'en-hedge-coin': { url: 'https://www.okx.com/trade-swap/btc-usdt-swap' },
  'e2e-long-short': { url: 'https://www.okx.com/trade-swap/btc-usdt-swap' },
  // Plain divs with no roles: a measure row and an aria-hidden copy of every row (a fixed column's duplicate).
  'div-grid': { url: 'https://www.okx.com/trade-swap/btc-usdt-swap' },
  'e2e-long-short-contracts': { url: 'https://www.okx.com/trade-swap/btc-usdt-swap', contractValues: { 'BTC-USDT-SWAP': 0.01 } },
  // ETH's contract value is not known yet: its row must say so rather than guess.
  'zh-hans-contracts': { url: 'https://www.okx.com/zh-hans/trade-swap/btc-usdt-swap', contractValues: { 'BTC-USDT-SWAP': 0.01 } },
  'reordered-hidden': { url: 'https://www.okx.com/trade-swap/eth-usdt-swap', contractValues: { 'BTC-USD-SWAP': 100 } },
  'fr-number-format': { url: 'https://www.okx.com/fr/trade-swap/btc-usdt-swap' },
  // "--" liquidation, "--" margin ratio/mark/PnL before the mark arrives, a blank liquidation cell, a blank PnL cell.
  'empty-cells': { url: 'https://www.okx.com/trade-swap/btc-usdt-swap' },
  'unknown-language': { url: 'https://www.okx.com/tr/trade-swap/btc-usdt-swap' },
  empty: { url: 'https://www.okx.com/trade-swap/btc-usdt-swap' },
  loading: { url: 'https://www.okx.com/trade-swap/btc-usdt-swap' },
  contradictory: { url: 'https://www.okx.com/trade-swap/btc-usdt-swap' },
};

const parse = (html: string): Document => new DOMParser().parseFromString(html, 'text/html');

function context(url: URL, doc: Document, contractValues: Record<string, number> = {}): ReadContext {
  return {
    locale: pageLocale(url, doc),
    urlSymbol: okxPage.matchUrl(url) ?? '',
    contractValue: (symbol) => contractValues[symbol] ?? null,
  };
}

function readFixture(name: string): { read: PageRead; expected: PageRead } {
  const meta = FIXTURES[name];
  if (!meta) throw new Error(`no metadata for fixture ${name}`);
  const doc = parse(file(`${name}.html`));
  const expected = JSON.parse(file(`${name}.expected.json`)) as PageRead;
  const url = new URL(meta.url);
  const anchor = okxPage.findAnchor(doc);
  if (!anchor) throw new Error(`${name}: no anchor`);
  return { read: okxPage.read(anchor, context(url, doc, meta.contractValues)), expected };
}

function expectRead(actual: PageRead, expected: PageRead): void {
  expect(actual.status).toBe(expected.status);
  expect(actual.notes).toEqual(expected.notes);
  expect(actual.rows).toHaveLength(expected.rows.length);
  expected.rows.forEach((want, i) => {
    const got = actual.rows[i];
    if (want.ok) {
      expect(got).toEqual(want);
    } else {
      expect(got?.ok).toBe(false);
      if (got && !got.ok) {
        expect(got.reason).toContain(want.reason);
        expect({ symbol: got.symbol, side: got.side }).toEqual({ symbol: want.symbol, side: want.side });
      }
    }
  });
}

describe('okxPage fixtures', () => {
  it('every fixture has its metadata and expectation', () => {
    const names = readdirSync(DIR)
      .filter((f) => f.endsWith('.html'))
      .map((f) => f.replace(/\.html$/, ''));
    expect(names.sort()).toEqual(Object.keys(FIXTURES).sort());
  });

  it.each(Object.keys(FIXTURES))('%s', (name) => {
    const { read, expected } = readFixture(name);
    expectRead(read, expected);
  });

  it('the e2e page prints each mark price as one text node', () => {
    const doc = parse(file('e2e-long-short.html'));
    const walker = doc.createTreeWalker(doc.body, 4);
    let marks = 0;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.nodeValue?.trim() === '60,000.12') marks++;
    expect(marks).toBe(2);
  });

  it('anchors on the positions tab panel, not on a class name', () => {
    const doc = parse(file('en-hedge-coin.html'));
    expect(okxPage.findAnchor(doc)?.getAttribute('role')).toBe('tabpanel');
  });

  it('reads the same rows when the tab panel carries no aria link (header-caption anchor)', () => {
    const html = file('en-hedge-coin.html')
      .replace(/ aria-labelledby="[^"]*"/g, '')
      .replace(/ role="tabpanel"/g, '');
    const doc = parse(html);
    const anchor = okxPage.findAnchor(doc);
    expect(anchor?.classList.contains('position-box')).toBe(true);
    const expected = JSON.parse(file('en-hedge-coin.expected.json')) as PageRead;
    expectRead(okxPage.read(anchor as Element, context(new URL('https://www.okx.com/trade-swap/btc-usdt-swap'), doc)), expected);
  });

  it('a loading marker with no rows is loading; the same table with an empty-state row is ok', () => {
    const html = file('loading.html');
    const spinning = parse(
      html
        .replace('Open positions (2)', 'Open positions')
        .replace('<div class="okui-table ', '<div class="okui-spin okui-spin-spinning"></div><div class="okui-table '),
    );
    const a = okxPage.findAnchor(spinning);
    expect(a && okxPage.read(a, context(new URL(FIXTURES.loading?.url ?? ''), spinning)).status).toBe('loading');
  });
});

describe('okxPage anchors and robustness', () => {
  it('matches swap URLs only', () => {
    expect(okxPage.matchUrl(new URL('https://www.okx.com/trade-swap/btc-usdt-swap'))).toBe('BTC-USDT-SWAP');
    expect(okxPage.matchUrl(new URL('https://www.okx.com/trade-spot/btc-usdt'))).toBeNull();
  });

  it('finds no anchor on an unrelated page', () => {
    const binance = readFileSync(join(DIR, '../../fake-exchange/pages/binance-futures.html'), 'utf8');
    expect(okxPage.findAnchor(parse(binance))).toBeNull();
    expect(okxPage.findAnchor(parse('<html><body><table><tr><th>Name</th><th>Age</th></tr><tr><td>Ann</td><td>31</td></tr></table></body></html>'))).toBeNull();
  });

  it('says no-table when the anchor holds no recognisable table', () => {
    const doc = parse('<html><body><div class="position-box"><p>Log in to see your positions</p></div></body></html>');
    const anchor = okxPage.findAnchor(doc);
    expect(anchor).not.toBeNull();
    expect(okxPage.read(anchor as Element, context(new URL('https://www.okx.com/trade-swap/btc-usdt-swap'), doc)).status).toBe('no-table');
  });

  it('never throws on a table of random cell text', () => {
    const head = ['Instrument', 'Size', 'Margin', 'Avg. entry price', 'Mark price', 'Est. liq. price', 'PnL (ROE)'];
    const cell = fc.oneof(
      fc.string(),
      fc.constantFrom('--', 'BTCUSDT', 'Long', 'Short', '多', '空', '0.5 BTC', '-3 Cont', '12 张', '59,000.00', '(+3%)', '1e400', '20.00x', 'Cross', 'USDT'),
    );
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 0, maxLength: 9 }), { maxLength: 4 }), fc.boolean(), (rows, withHead) => {
        const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
        const thead = withHead ? `<thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead>` : '';
        const body = rows.map((r) => `<tr class="okui-table-row">${r.map((c) => `<td><span>${esc(c)}</span></td>`).join('')}</tr>`).join('');
        const doc = parse(`<html><body><div class="position-box"><table>${thead}<tbody>${body}</tbody></table></div></body></html>`);
        const anchor = okxPage.findAnchor(doc);
        if (!anchor) return;
        const read = okxPage.read(anchor, context(new URL('https://www.okx.com/trade-swap/btc-usdt-swap'), doc, { 'BTC-USDT-SWAP': 0.01 }));
        expect(['ok', 'loading', 'no-table']).toContain(read.status);
        for (const r of read.rows) if (r.ok) expect(r.position.size).toBeGreaterThan(0);
      }),
      { numRuns: 250 },
    );
  });
});
