// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DYDX_CAPTIONS, DYDX_COLUMN_DICTIONARY, DYDX_LANGUAGES } from '../../src/venues/dydx/captions';
import { dydxPage } from '../../src/venues/dydx/page';
import { dydxAddressFromStorage } from '../../src/venues/dydx/page-address';
import { normalizeLabel } from '../../src/venues/page-kit/labels';
import { pageLocale } from '../../src/venues/page-kit/locale';
import type { PageRead, ReadContext, RowRead } from '../../src/venues/page-reader-types';

const TRADE_URL = 'https://dydx.trade/trade/BTC-USD';

// happy-dom gives import.meta.url an http: origin, so the folder is taken from the working directory.
const FIXTURES = join(process.cwd(), 'tests/pages/dydx');
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');
const parse = (html: string): Document => new DOMParser().parseFromString(html, 'text/html');

function context(doc: Document, url = TRADE_URL): ReadContext {
  const u = new URL(url);
  return { locale: pageLocale(u, doc), urlSymbol: dydxPage.matchUrl(u) ?? 'BTC-USD', contractValue: () => null };
}

function readFixture(name: string, url = TRADE_URL): PageRead {
  const doc = parse(fixture(`${name}.html`));
  const anchor = dydxPage.findAnchor(doc);
  expect(anchor, `${name}: anchor`).not.toBeNull();
  if (!anchor) throw new Error('no anchor');
  return dydxPage.read(anchor, context(doc, url));
}

/** Unreadable rows are compared by a stable substring of their reason. */
function expectRows(actual: RowRead[], expected: RowRead[]): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((want, i) => {
    const got = actual[i];
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

const VARIANTS: readonly { name: string; what: string }[] = [
  { name: 'positions-table-desktop', what: "real: dYdX's PositionsTable, desktop columns" },
  { name: 'positions-table-tablet', what: 'real: tablet columns (Details, Oracle Entry, P&L): no liquidation, margin or type shown' },
  { name: 'trade-horizontal-panel-positions', what: "real: the trade page's bottom panel, Positions tab" },
  { name: 'de-trade-panel', what: 'German captions, tabs and modes, de-DE separators, html[lang] left at en' },
  { name: 'zh-desktop', what: 'simplified Chinese captions and modes' },
  { name: 'zh-tablet-captions-only', what: 'Chinese tablet layout without any data-key: captions only' },
  { name: 'reordered-hidden', what: 'reordered and hidden columns, hidden duplicate row, measure row' },
  { name: 'contradictory', what: 'a long with liquidation above oracle, a short with a positive size' },
  { name: 'empty-cells', what: 'no liquidation price, no oracle price' },
  { name: 'unknown-language', what: 'unknown captions, read by column keys' },
  { name: 'unknown-no-keys', what: 'unknown captions and no column keys: value patterns, nothing guessed' },
  { name: 'six-positions', what: 'six positions and the pagination row dYdX adds in a tfoot' },
  { name: 'empty', what: 'no position: the empty state instead of a table' },
  { name: 'loading', what: 'header rendered, body not yet' },
  { name: 'e2e-long-short', what: 'full trade page for the end-to-end tests' },
  { name: 'div-grid', what: 'the same positions as plain divs with no roles or column keys: header and body in separate containers' },
];

describe('dYdX page reader: fixtures', () => {
  it.each(VARIANTS)('$name ($what)', ({ name }) => {
    const expected = JSON.parse(fixture(`${name}.expected.json`)) as PageRead;
    const read = readFixture(name);
    expect(read.status).toBe(expected.status);
    expect(read.notes).toEqual(expected.notes);
    expectRows(read.rows, expected.rows);
  });
});

/** Replaces the text of every text node whose trimmed value is `from`, as the e2e test does. */
function tick(doc: Document, from: string, to: string): number {
  const walker = doc.createTreeWalker(doc.body, 4 /* NodeFilter.SHOW_TEXT */);
  let n = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeValue?.trim() === from) {
      node.nodeValue = node.nodeValue.replace(from, to);
      n++;
    }
  }
  return n;
}

describe('dYdX page reader: live page', () => {
  it('follows a mark that ticks in the visible text while the title keeps the old value', () => {
    const doc = parse(fixture('e2e-long-short.html'));
    expect(tick(doc, '60,000.12', '59,000.00')).toBe(1);
    const anchor = dydxPage.findAnchor(doc);
    if (!anchor) throw new Error('no anchor');
    const read = dydxPage.read(anchor, context(doc));
    const long = read.rows[0];
    expect(long?.ok && long.position.markPrice).toBe(59_000);
    const short = read.rows[1];
    expect(short?.ok && short.position.markPrice).toBe(2_986.3);
  });

  it('turns the long unreadable when the shown liquidation price crosses the mark (e2e contradictory page)', () => {
    const doc = parse(fixture('e2e-long-short.html').replace('56,300.50', '61,500.00'));
    const anchor = dydxPage.findAnchor(doc);
    if (!anchor) throw new Error('no anchor');
    const [long, short] = dydxPage.read(anchor, context(doc)).rows;
    expect(long).toMatchObject({ ok: false, symbol: 'BTC-USD', side: 'long' });
    expect(long?.ok === false && long.reason).toMatch(/liquidation price must be below/);
    expect(short?.ok).toBe(true);
  });

  it('reads German separators in the visible text by the captions, not by html[lang]', () => {
    const doc = parse(fixture('de-trade-panel.html'));
    expect(doc.documentElement.getAttribute('lang')).toBe('en');
    // The oracle of BTC ticks from $65.432 to $65.900 (de-DE: 65,900 dollars, not 65.9).
    expect(tick(doc, '$65.432', '$65.900')).toBe(1);
    const anchor = dydxPage.findAnchor(doc);
    if (!anchor) throw new Error('no anchor');
    const btc = dydxPage.read(anchor, context(doc)).rows[0];
    expect(btc?.ok && btc.position.markPrice).toBe(65_900);
  });

  it('keeps the full-precision title when the text only rounds it', () => {
    const doc = parse(fixture('positions-table-desktop.html'));
    const anchor = dydxPage.findAnchor(doc);
    if (!anchor) throw new Error('no anchor');
    const btc = dydxPage.read(anchor, context(doc)).rows[0];
    // Shown "$17,588"; the title says 17588.13360323886639676113.
    expect(btc?.ok && btc.position.liqPrice).toBe(Number('17588.13360323886639676113'));
  });

  it('anchors on the Positions tab panel, and reads the empty state there as no position', () => {
    const doc = parse(fixture('empty.html'));
    const anchor = dydxPage.findAnchor(doc);
    expect(anchor?.getAttribute('role')).toBe('tabpanel');
    if (!anchor) throw new Error('no anchor');
    expect(dydxPage.read(anchor, context(doc))).toEqual({ status: 'ok', rows: [], notes: [] });
  });

  it('outside the trade panel, anchors on the table wrapper, which keeps the empty state when the last position closes', () => {
    const doc = parse(fixture('positions-table-desktop.html'));
    const anchor = dydxPage.findAnchor(doc);
    const table = doc.querySelector('table');
    expect(anchor).toBe(table?.parentElement);
    if (!anchor || !table) throw new Error('no anchor');
    const empty = doc.createElement('div');
    const h4 = doc.createElement('h4');
    h4.textContent = 'Sie haben keine offenen Positionen.';
    empty.append(h4);
    table.replaceWith(empty);
    expect(dydxPage.read(anchor, context(doc))).toEqual({ status: 'ok', rows: [], notes: [] });
    expect(dydxPage.findAnchor(doc)).toBe(anchor);
  });

  it('finds no anchor on an unrelated page, nor on dYdX tables that are not the positions table', () => {
    const doc = parse(`<!doctype html><html lang="en"><body><div id="root">
      <table aria-label="Open Orders" role="grid"><thead><tr><th data-key="market">Market</th><th data-key="status">Status</th><th data-key="side">Side</th><th data-key="size">Size</th></tr></thead>
      <tbody><tr data-key="order-1" data-side="BUY"><td>BTC</td><td>Open</td><td>Buy</td><td><output title="0.1">0.1000</output></td></tr></tbody></table>
      <h4>No trades yet.</h4><table><tr><td>Price</td><td>Size</td></tr></table></div></body></html>`);
    expect(dydxPage.findAnchor(doc)).toBeNull();
    expect(dydxPage.findAnchor(parse('<!doctype html><html><body><p>Hello</p></body></html>'))).toBeNull();
  });

  it('says so when the anchor holds no positions table', () => {
    const doc = parse('<!doctype html><html><body><div role="tabpanel" id="radix-:r0:-content-Position"><div>Connect your wallet</div></div></body></html>');
    const anchor = dydxPage.findAnchor(doc);
    if (!anchor) throw new Error('no anchor');
    expect(dydxPage.read(anchor, context(doc))).toEqual({ status: 'no-table', rows: [], notes: [] });
  });

  it('serves dydx.trade trade URLs', () => {
    expect(dydxPage.matchUrl(new URL('https://dydx.trade/trade/ETH-USD'))).toBe('ETH-USD');
    expect(dydxPage.matchUrl(new URL('https://dydx.trade/portfolio/positions'))).toBeNull();
  });
});

describe('dYdX captions (dydxprotocol/v4-localization)', () => {
  it('covers every language dYdX ships, English and simplified Chinese included', () => {
    expect([...DYDX_LANGUAGES].sort()).toEqual(['de', 'en', 'es', 'fr', 'ja', 'ko', 'pt', 'ru', 'tr', 'zh-CN']);
    for (const lang of DYDX_LANGUAGES) {
      for (const [field, texts] of Object.entries(DYDX_CAPTIONS[lang])) {
        if (field === 'numberLocale') continue;
        expect(Array.isArray(texts) && texts.length > 0, `${lang}.${field}`).toBe(true);
      }
    }
  });

  it('never gives one caption two meanings', () => {
    const meaning = new Map<string, string>();
    for (const [key, synonyms] of Object.entries(DYDX_COLUMN_DICTIONARY)) {
      for (const s of synonyms ?? []) {
        const n = normalizeLabel(s);
        expect(meaning.get(n) ?? key, `${s} is ${meaning.get(n)} and ${key}`).toBe(key);
        meaning.set(n, key);
      }
    }
  });
});

const ADDRESS = 'dydx1n88uc38xhjgxzw9nwre4ep2c8ga4fjxc565lnf';
const storage = (items: Record<string, string>): Pick<Storage, 'getItem'> => ({ getItem: (k) => items[k] ?? null });

describe('dydxAddressFromStorage', () => {
  it('reads the JSON-quoted legacy key, and a bare one', () => {
    expect(dydxAddressFromStorage(storage({ 'dydx.DydxAddress': JSON.stringify(ADDRESS) }))).toBe(ADDRESS);
    expect(dydxAddressFromStorage(storage({ 'dydx.DydxAddress': ADDRESS }))).toBe(ADDRESS);
  });

  it("falls back to redux-persist's wallet slice, where current builds keep it", () => {
    const wallet = JSON.stringify({ sourceAccount: { address: '0xabc', chain: 'evm' }, localWallet: { address: ADDRESS, subaccountNumber: 0 } });
    expect(dydxAddressFromStorage(storage({ 'persist:root': JSON.stringify({ wallet, _persist: '{"version":6}' }) }))).toBe(ADDRESS);
  });

  it('returns null for nothing, a bad checksum, garbage, or a storage that throws', () => {
    expect(dydxAddressFromStorage(storage({}))).toBeNull();
    expect(dydxAddressFromStorage(storage({ 'dydx.DydxAddress': JSON.stringify(`${ADDRESS.slice(0, -1)}q`) }))).toBeNull();
    expect(dydxAddressFromStorage(storage({ 'dydx.DydxAddress': '"unterminated', 'persist:root': '{not json' }))).toBeNull();
    expect(
      dydxAddressFromStorage({
        getItem: () => {
          throw new Error('SecurityError');
        },
      }),
    ).toBeNull();
  });
});

describe('dYdX page reader: robustness', () => {
  const COLUMNS = [
    'market',
    'leverage',
    'type',
    'size',
    'value',
    'combinedPnl',
    'margin',
    'averageOpen',
    'oracle',
    'liquidation',
    'netFunding',
    'details',
    'oracleEntry',
    'bogus',
  ];
  const cellText = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom('—', '--', '$1,234.5', '−', '−$0.12', '0.0₄12', '1e-7', '10×', 'Long', 'Kurz', '逐仓', '$', '1.234,56', 'NaN'),
  );
  const cell = fc.record({
    text: cellText,
    title: fc.option(fc.oneof(cellText, fc.constantFrom('1e400 USD', '-0', ' USD', '0.25 BTC', '5×')), { nil: undefined }),
    outputs: fc.nat(2),
  });
  const row = fc.record({
    key: fc.constantFrom('BTC-USD-0', 'ETH-USD-128', 'X', '', '-1', 'BTC-USD'),
    side: fc.constantFrom('LONG', 'SHORT', 'BUY', ''),
    cells: fc.array(cell, { minLength: 0, maxLength: 14 }),
  });
  const table = fc.record({
    columns: fc.uniqueArray(fc.constantFrom(...COLUMNS), { minLength: 1, maxLength: 14 }),
    captions: fc.array(cellText, { maxLength: 14 }),
    label: fc.constantFrom('Positions', 'Positionen', '', 'Orders'),
    rows: fc.array(row, { maxLength: 4 }),
  });

  it('never throws and always returns a well-formed read on random tables', () => {
    fc.assert(
      fc.property(table, (t) => {
        const doc = parse('<!doctype html><html><body><div id="w"></div></body></html>');
        const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
        const head = t.columns.map((k, i) => `<th data-key="${k}" aria-colindex="${i + 1}">${esc(t.captions[i] ?? k)}</th>`).join('');
        const body = t.rows
          .map(
            (r) =>
              `<tr data-key="${esc(r.key)}" data-side="${r.side}">${r.cells
                .map(
                  (c, i) =>
                    `<td data-key="${esc(r.key)}-${t.columns[i] ?? 'x'}">${Array.from({ length: c.outputs }, () => `<output${c.title === undefined ? '' : ` title="${esc(c.title)}"`}>${esc(c.text)}</output>`).join('') || esc(c.text)}</td>`,
                )
                .join('')}</tr>`,
          )
          .join('');
        const w = doc.getElementById('w');
        if (!w) throw new Error('no wrapper');
        w.innerHTML = `<table role="grid" aria-label="${t.label}"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
        const anchor = dydxPage.findAnchor(doc) ?? w;
        const read = dydxPage.read(anchor, context(doc));
        expect(['ok', 'loading', 'no-table']).toContain(read.status);
        for (const r of read.rows) {
          if (r.ok) {
            expect(r.position.size).toBeGreaterThan(0);
            expect(Number.isFinite(r.position.entryPrice)).toBe(true);
          } else {
            expect(r.reason.length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
