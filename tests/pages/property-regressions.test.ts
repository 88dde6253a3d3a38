// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { binancePage } from '../../src/venues/binance/page';
import { bybitPage } from '../../src/venues/bybit/page';
import { hyperliquidPage } from '../../src/venues/hyperliquid/page';
import { okxPage } from '../../src/venues/okx/page';
import type { PageRead, VenuePageReader } from '../../src/venues/page-reader-types';
import { fixturesIn, parse } from './harness';

// Reader bugs found by the property tests (tests/property/page-targets.ts), each on the venue's
// e2e fixture with the one change that exposed it.

const CONTEXTS: Record<string, { url: string; locale: string; urlSymbol: string }> = {
  binance: { url: 'https://www.binance.com/en/futures/BTCUSDT', locale: 'en', urlSymbol: 'BTCUSDT' },
  bybit: { url: 'https://www.bybit.com/trade/usdt/BTCUSDT', locale: 'en', urlSymbol: 'BTCUSDT' },
  okx: { url: 'https://www.okx.com/trade-swap/btc-usdt-swap', locale: 'en', urlSymbol: 'BTC-USDT-SWAP' },
  hyperliquid: { url: 'https://app.hyperliquid.xyz/trade/BTC', locale: 'en', urlSymbol: 'BTC' },
};

function readEdited(venue: string, reader: VenuePageReader, edit: (doc: Document) => void): PageRead {
  const doc = parse(fixturesIn(venue)('e2e-long-short.html'));
  edit(doc);
  const anchor = reader.findAnchor(doc);
  if (!anchor) throw new Error('no anchor');
  const c = CONTEXTS[venue];
  if (!c) throw new Error('no context');
  return reader.read(anchor, { locale: c.locale, urlSymbol: c.urlSymbol, contractValue: () => 1 });
}

/** The element whose own text (trimmed) is `text`, within the first row that shows `rowText`. */
function textNode(doc: Document, text: string): Text {
  const walker = doc.createTreeWalker(doc.body, 4);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if ((n.nodeValue ?? '').trim() === text) return n as Text;
  throw new Error(`no text ${text}`);
}

const cellOf = (n: Node): Element =>
  n.parentElement?.closest('td') ??
  (() => {
    throw new Error('no cell');
  })();

describe('a PnL cell whose amount is blank is not read as its percentage', () => {
  it.each([
    ['binance', binancePage, '+500.06 USDT'],
    ['okx', okxPage, '+500.06 USDT'],
    ['bybit', bybitPage, '+500.06 USDT'],
  ] as const)('%s', (venue, reader, amount) => {
    const read = readEdited(venue, reader, (doc) => {
      textNode(doc, amount).nodeValue = '';
    });
    const first = read.rows[0];
    expect(first?.ok).toBe(true);
    if (first?.ok) expect(first.position.unrealizedPnl).toBeNull();
  });

  it('hyperliquid: "(+33.9%)" alone is no amount', () => {
    const read = readEdited('hyperliquid', hyperliquidPage, (doc) => {
      textNode(doc, '+$500.06 (+33.9%)').nodeValue = '(+33.9%)';
    });
    const first = read.rows[0];
    expect(first?.ok).toBe(true);
    if (first?.ok) expect(first.position.unrealizedPnl).toBeNull();
  });
});

describe('a row missing a cell (no aria-colindex) is unreadable, not read one column off', () => {
  it.each([
    ['bybit', bybitPage, '59,000.00'],
    ['okx', okxPage, '59,000.00'],
    ['hyperliquid', hyperliquidPage, '59,000.00'],
  ] as const)('%s', (venue, reader, entry) => {
    const read = readEdited(venue, reader, (doc) => {
      cellOf(textNode(doc, entry)).remove();
    });
    const first = read.rows[0];
    expect(first?.ok).toBe(false);
    if (first && !first.ok) expect(first.reason).toContain('do not line up');
    expect(read.rows[1]?.ok).toBe(true);
  });

  it('binance keeps reading by aria-colindex: the dropped column is simply absent', () => {
    const read = readEdited('binance', binancePage, (doc) => {
      cellOf(textNode(doc, '56,300.50')).remove();
    });
    const first = read.rows[0];
    expect(first?.ok && first.position.liqPrice).toBeNull();
    expect(first?.ok && first.position.entryPrice).toBe(59000);
  });
});

describe('a repeated header row', () => {
  it('binance: a copy of the header in the body table does not turn the page into "no positions"', () => {
    const read = readEdited('binance', binancePage, (doc) => {
      const header = doc.querySelector('thead tr');
      const firstRow = doc.querySelector('tr[data-row-key="BTCUSDT-LONG"]');
      if (!header || !firstRow) throw new Error('fixture changed');
      firstRow.parentNode?.insertBefore(header.cloneNode(true), firstRow);
    });
    expect(read.rows.map((r) => r.ok)).toEqual([true, true]);
  });

  it('hyperliquid: a second header row of plain cells is skipped, not read as a position', () => {
    const read = readEdited('hyperliquid', hyperliquidPage, (doc) => {
      const rows = doc.querySelectorAll('table tr');
      const [header, first] = [rows[0], rows[1]];
      if (!header || !first) throw new Error('fixture changed');
      first.parentNode?.insertBefore(header.cloneNode(true), first);
    });
    expect(read.rows).toHaveLength(2);
    expect(read.rows.map((r) => r.ok)).toEqual([true, true]);
  });
});
