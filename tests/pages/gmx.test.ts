// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { gmxPage, NOTE_CARDS, NOTE_USD_SIZES } from '../../src/venues/gmx/page';
import { gmxSymbolFromTitle, gmxSymbolFromUrl, isGmxTradePage } from '../../src/venues/gmx/page-url';
import { fromPositionQa, gmxMarketName, isGmxSymbol } from '../../src/venues/gmx/symbol';
import type { PageRead, RowRead } from '../../src/venues/page-reader-types';
import { fixturesIn, parse } from './harness';

const fixture = fixturesIn('gmx');

/** What GMX's own code computed for each row (the fixture's JSON, written beside the rendered table). */
interface TruePosition {
  rowDataQa: string;
  isLong: boolean;
  sizeInTokens: number;
  sizeUsd: number;
  entryPrice: number;
  markPrice: number;
  liquidationPrice: number;
  leverage: number;
  marginDisplayedUsd: number;
  pnl: number;
}

function read(html: string): PageRead {
  const doc = parse(html);
  const anchor = gmxPage.findAnchor(doc);
  if (!anchor) throw new Error('no anchor');
  return gmxPage.read(anchor, { locale: 'en', urlSymbol: 'ETH', contractValue: () => null });
}

const ok = (r: RowRead | undefined) => {
  if (!r?.ok) throw new Error(`row not read: ${JSON.stringify(r)}`);
  return r.position;
};

/** Equal to what the page shows: `shown` decimals of rounding, relative to the value. */
const near = (got: number | null, want: number, decimals: number) => {
  expect(got).not.toBeNull();
  expect(Math.abs((got ?? NaN) - want)).toBeLessThanOrEqual(0.5 * 10 ** -decimals + 1e-9);
};

describe('GMX page reader: the tables rendered by GMX’s interface', () => {
  it.each([
    ['positions-table', NOTE_USD_SIZES],
    ['positions-table-size-in-tokens', null],
  ] as const)('%s reads every row as GMX computed it', (name, note) => {
    const truth = (JSON.parse(fixture(`${name}.json`)) as { positions: TruePosition[] }).positions;
    const page = read(fixture(`${name}.html`));
    expect(page.status).toBe('ok');
    expect(page.notes).toEqual(note ? [note] : []);
    expect(page.rows).toHaveLength(truth.length);
    truth.forEach((t, i) => {
      const p = ok(page.rows[i]);
      expect(p.symbol).toBe(fromPositionQa(t.rowDataQa)?.symbol);
      expect(p.side).toBe(t.isLong ? 'long' : 'short');
      expect(p.marginMode).toBe('isolated');
      expect(p.source).toBe('page');
      // Prices as shown (2 or 3 decimals), margin and PnL in cents, leverage in hundredths.
      near(p.entryPrice, t.entryPrice, 2);
      near(p.markPrice, t.markPrice, 2);
      near(p.liqPrice, t.liquidationPrice, 2);
      near(p.margin, t.marginDisplayedUsd, 2);
      near(p.unrealizedPnl, t.pnl, 2);
      near(p.leverage, t.leverage, 2);
      // The size in tokens: shown as such, or the USD size (cents) over the entry price (as shown).
      expect(Math.abs(p.size - t.sizeInTokens) / t.sizeInTokens).toBeLessThan(1e-6);
    });
    expect(page.rows.map((r) => (r.ok ? r.position.symbol : null))).toEqual(['SOL:SOL-USDC', 'ETH:WETH-USDC', 'BTC:BTC-USDC']);
    // SOL backs the SOL long: its amount after fees is kept for the liquidation check; USDC is not the index.
    expect(page.rows.map((r) => (r.ok ? r.position.collateralInBase : null))).toEqual([19.9559, undefined, undefined]);
  });

  it.each(['positions-table', 'positions-table-size-in-tokens', 'e2e-long-short'])('%s reads as its expected.json says (the e2e fixtures check)', (name) => {
    expect(read(fixture(`${name}.html`))).toEqual(JSON.parse(fixture(`${name}.expected.json`)));
  });
});

/** The real table with one edit: the page as GMX would render it in another state. */
function edited(edit: (doc: Document) => void, name = 'positions-table'): PageRead {
  const doc = parse(fixture(`${name}.html`));
  edit(doc);
  const anchor = gmxPage.findAnchor(doc);
  if (!anchor) throw new Error('no anchor');
  return gmxPage.read(anchor, { locale: 'en', urlSymbol: 'ETH', contractValue: () => null });
}
const rows = (doc: Document) => Array.from(doc.querySelectorAll('tr[data-qa^="position-item-"]'));
const cell = (doc: Document, row: number, col: number) => {
  const c = rows(doc)[row]?.querySelectorAll('td')[col];
  if (!c) throw new Error('no cell');
  return c;
};
const setText = (el: Element, text: string) => {
  el.textContent = text;
};

describe('GMX page reader: states and faults', () => {
  it('reads "NA" as no liquidation price, "..." and a capped price as not read', () => {
    const page = edited((doc) => {
      setText(cell(doc, 0, 6), 'NA');
      setText(cell(doc, 1, 6), '...');
      setText(cell(doc, 2, 6), '>$\u200a1,000,000.00');
    });
    const [a, b, c] = page.rows.map(ok);
    expect(a?.liqPrice).toBeNull();
    expect(a?.liqNotServed).toBeUndefined();
    expect(b?.liqNotServed).toMatch(/not computed yet/);
    expect(c?.liqNotServed).toMatch(/above \$1,000,000/);
  });

  it('refuses a row whose side label disagrees with its market attribute, and one with an unknown market attribute', () => {
    const page = edited((doc) => {
      const side = cell(doc, 0, 0).querySelector('.positive');
      if (!side) throw new Error('no side');
      setText(side, 'Short');
      rows(doc)[1]?.setAttribute('data-qa', 'position-item-garbage');
    });
    expect(page.rows[0]).toMatchObject({ ok: false, symbol: 'SOL:SOL-USDC', side: 'long', reason: expect.stringMatching(/side label disagrees/) });
    expect(page.rows[1]).toMatchObject({ ok: false, symbol: null, side: null });
    expect(page.rows[2]?.ok).toBe(true);
  });

  it('refuses a size in a token that is not the market’s', () => {
    const page = edited((doc) => setText(cell(doc, 1, 1), '4.7000\u00a0BTC'), 'positions-table-size-in-tokens');
    expect(page.rows[1]).toMatchObject({ ok: false, reason: expect.stringMatching(/unit \(BTC\) is not the market's token \(ETH\)/) });
  });

  it('reads translated captions and side labels (Chinese catalog)', () => {
    const zh = ['仓位', '规模', '净值', 'MARGIN', 'ENTRY PRICE', '标记价格', '清算价格', 'TP/SL', ''];
    const page = edited((doc) => {
      doc.querySelectorAll('th').forEach((th, i) => setText(th, zh[i] ?? ''));
      doc.querySelectorAll('.Exchange-list-info-label .positive').forEach((s) => setText(s, '做多'));
      doc.querySelectorAll('.Exchange-list-info-label .negative').forEach((s) => setText(s, '做空'));
    });
    expect(page.rows.every((r) => r.ok)).toBe(true);
    expect(ok(page.rows[2]).liqPrice).toBeCloseTo(104_908.49, 2);
  });

  it('without a known entry price caption, a size in USD is not converted and the row is not read', () => {
    const page = edited((doc) => {
      const th = doc.querySelectorAll('th')[4];
      if (th) setText(th, 'PREIS');
    });
    expect(page.rows[1]).toMatchObject({ ok: false, symbol: 'ETH:WETH-USDC', reason: expect.stringMatching(/without the entry price/) });
  });

  it('does not read a column whose caption it does not know (no guess by position)', () => {
    const page = edited((doc) => {
      const th = doc.querySelectorAll('th')[6];
      if (th) setText(th, 'PRIX DE LIQUIDATION');
    });
    expect(ok(page.rows[0]).liqNotServed).toMatch(/no liquidation price column/);
  });

  it('says the empty state is no position, cards are not read, and a header without rows is loading', () => {
    expect(
      edited((doc) => {
        const body = doc.querySelector('tbody');
        if (!body) throw new Error('no body');
        body.innerHTML = '<tr><td colspan="9"><div>No open positions</div></td></tr>';
      }),
    ).toEqual({ status: 'ok', rows: [], notes: [] });
    expect(
      edited((doc) => {
        doc.querySelector('tbody')?.replaceChildren();
      }),
    ).toEqual({ status: 'loading', rows: [], notes: [] });
    const cards = parse('<div data-qa="trade-table-large"><div data-qa="position-item"><span>ETH/USD</span></div></div>');
    const anchor = gmxPage.findAnchor(cards);
    expect(anchor && gmxPage.read(anchor, { locale: 'en', urlSymbol: 'ETH', contractValue: () => null })).toEqual({
      status: 'no-table',
      rows: [],
      notes: [NOTE_CARDS],
    });
  });
});

describe('GMX market names and pages', () => {
  it('names a market by its index and pool, as the row attribute does', () => {
    expect(fromPositionQa('position-item-ETH/USD-WETH-USDC-Long')).toEqual({ symbol: 'ETH:WETH-USDC', side: 'long' });
    expect(fromPositionQa('position-item-BTC/USD-WBTC.e-USDC.e-Short')).toEqual({ symbol: 'BTC:WBTC.e-USDC.e', side: 'short' });
    expect(fromPositionQa('position-item-ETH/USD-wstETH-USDe-Long')?.symbol).toBe('ETH:wstETH-USDe');
    expect(fromPositionQa('position-item-ETH/USD-WETH-Long')).toBeNull();
    expect(fromPositionQa('position-item-SWAP-ONLY-WETH-USDC-Long')).toBeNull();
    expect(gmxMarketName('ETH:WETH-USDC')).toBe('ETH/USD [WETH-USDC]');
    expect(isGmxSymbol('ETH')).toBe(true);
    expect(isGmxSymbol('ETH/USD')).toBe(false);
  });

  it('reads the market from a trade link, the index from the title, nothing from other pages', () => {
    expect(gmxSymbolFromUrl(new URL('https://app.gmx.io/#/trade/long?market=eth&pool=WETH-USDC'))).toBe('ETH:WETH-USDC');
    expect(gmxSymbolFromUrl(new URL('https://app.gmx.io/trade/short?market=BTC&pool=BTC-USDC'))).toBe('BTC:BTC-USDC');
    expect(isGmxTradePage(new URL('https://app.gmx.io/trade'))).toBe(true);
    expect(isGmxTradePage(new URL('https://app.gmx.io/trade/swap'))).toBe(false);
    expect(isGmxTradePage(new URL('https://app.gmx.io/earn#/trade'))).toBe(false);
    expect(gmxSymbolFromUrl(new URL('https://app.gmx.io/#/trade?market=BTC'))).toBe('BTC');
    expect(gmxSymbolFromUrl(new URL('https://app.gmx.io/#/trade'))).toBeNull();
    expect(isGmxTradePage(new URL('https://app.gmx.io/#/trade'))).toBe(true);
    expect(isGmxTradePage(new URL('https://app.gmx.io/#/pools'))).toBe(false);
    expect(isGmxTradePage(new URL('https://evil.example/#/trade'))).toBe(false);
    expect(gmxSymbolFromTitle('$ 3,412.38 | ETH USD | Decentralized perpetual exchange | GMX')).toBe('ETH');
    expect(gmxSymbolFromTitle('GMX | Decentralized Perpetual Exchange')).toBeNull();
    expect(gmxPage.matchTitle?.(new URL('https://app.gmx.io/#/trade'), '$ 97,236.88 | BTC USD | Decentralized perpetual exchange | GMX')).toBe('BTC');
    expect(gmxPage.matchTitle?.(new URL('https://app.gmx.io/pools'), '$ 97,236.88 | BTC USD | Decentralized perpetual exchange | GMX')).toBeNull();
  });
});
