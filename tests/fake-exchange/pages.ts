import { readFile } from 'node:fs/promises';
import { matchVenuePage, venueOfTradingPage } from '../../src/venues';
import type { PageMatch } from '../../src/venues/types';
import { hostilePage, isHostileKind } from './hostile-pages';

const PAGES_DIR = new URL('./pages/', import.meta.url);

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A bare trading page for a venue: enough for the content script to start (positions come later). */
function bareTradePage(match: PageMatch): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(match.symbol)} | ${escape(match.venue)}</title>
<style>body{margin:0;background:#101014;color:#ddd;font:14px sans-serif}main{padding:16px}</style></head>
<body><main><h1>${escape(match.symbol)}</h1><p>No open positions.</p></main></body></html>`;
}

/** The BTC market of each venue: its trading page carries the e2e positions (one long, one short). */
export const POSITIONS_PAGE_SYMBOL: Record<PageMatch['venue'], string> = {
  binance: 'BTCUSDT',
  bybit: 'BTCUSDT',
  okx: 'BTC-USDT-SWAP',
  hyperliquid: 'BTC',
  dydx: 'BTC-USD',
  bitget: 'BTCUSDT',
  gmx: 'BTC:BTC-USDC',
  lighter: 'BTC',
};

const FIXTURES_DIR = new URL('../pages/', import.meta.url);

/** The page a venue would serve at this URL, or null when it is not a trading page. */
export async function tradePage(url: URL): Promise<string | null> {
  const match = matchVenuePage(url);
  // GMX's trade page without a market in its link: the positions page, whose title names BTC.
  if (!match && venueOfTradingPage(url) === 'gmx') return readFile(new URL('gmx/e2e-long-short.html', FIXTURES_DIR), 'utf8');
  if (!match) return null;
  // ?hostile=<kind> on Binance's positions page: a hostile or broken variant (hostile-pages.ts).
  const hostile = url.searchParams.get('hostile');
  if (match.venue === 'binance' && POSITIONS_PAGE_SYMBOL.binance === match.symbol && isHostileKind(hostile)) {
    return hostilePage(hostile, await readFile(new URL('binance/e2e-long-short.html', FIXTURES_DIR), 'utf8'));
  }
  if (POSITIONS_PAGE_SYMBOL[match.venue] === match.symbol) {
    const page = await readFile(new URL(`${match.venue}/e2e-long-short.html`, FIXTURES_DIR), 'utf8').catch(() => null);
    if (page !== null) return page;
  }
  if (match.venue === 'binance') return readFile(new URL('binance-futures.html', PAGES_DIR), 'utf8');
  return bareTradePage(match);
}
