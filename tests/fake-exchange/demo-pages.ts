import type { FakeExchange } from './server';

/** The trading page of each venue that carries the e2e/demo positions (one long, one short). */
export const POSITIONS_PAGE_URLS = [
  'https://www.binance.com/en/futures/BTCUSDT',
  'https://www.bybit.com/trade/usdt/BTCUSDT',
  'https://www.okx.com/trade-swap/btc-usdt-swap',
  'https://app.hyperliquid.xyz/trade/BTC',
  'https://dydx.trade/trade/BTC-USD',
  'https://www.bitget.com/futures/usdt/BTCUSDT',
  'https://app.gmx.io/trade?market=BTC&pool=BTC-USDC',
  'https://app.lighter.xyz/trade/BTC',
] as const;

/** The mark prices as the e2e/demo pages print them (en-US). */
export const PAGE_MARKS = { BTC: '60,000.12', ETH: '2,986.30' } as const;

interface Evaluating {
  evaluate<R, A>(fn: (arg: A) => R, arg: A): Promise<R>;
}

/**
 * Replaces every text node equal to `from` with `to` in the page (the page's own "tick"), and
 * returns how many it changed. Serialised into the page: self-contained.
 */
export function replaceTextInPage(arg: { from: string; to: string }): number {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let n = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    // GMX writes a dollar sign and a hair space before its prices ("$\u200a60,000.12").
    const text = node.nodeValue?.trim();
    if (text === arg.from || text === `$\u200a${arg.from}`) {
      node.nodeValue = (node.nodeValue ?? '').replace(arg.from, arg.to);
      n++;
    }
  }
  return n;
}

const fmt = (x: number) => x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Ticks the BTC mark on every page (and in the fake API) twice a second, a small random walk. */
export function tickMarks(pages: readonly Evaluating[], fake: FakeExchange): () => void {
  let btc = 60_000.12;
  let shown = PAGE_MARKS.BTC as string;
  const timer = setInterval(() => {
    btc = Math.round(btc * (1 + (Math.random() - 0.5) * 0.002) * 100) / 100;
    const next = fmt(btc);
    const market = fake.markets.get('BTC');
    if (market) market.markPrice = btc;
    for (const page of pages) void page.evaluate(replaceTextInPage, { from: shown, to: next }).catch(() => 0);
    shown = next;
  }, 500);
  return () => clearInterval(timer);
}
