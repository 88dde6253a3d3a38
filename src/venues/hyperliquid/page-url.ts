import { isHyperliquidCoin } from './symbol';

// app.hyperliquid.xyz/trade/{COIN}; coins keep their case (`kPEPE`). Spot pairs (`@107`, `PURR/USDC`)
// and HIP-3 markets (`dex:COIN`) are not the perpetuals PerpLens reads.
const TRADE_PATH = /^\/trade\/([A-Za-z0-9]{1,20})\/?$/;

/** The trading page without a coin in its path: it shows the market last traded. */
const BARE_TRADE_PATH = /^\/(?:trade\/?)?$/;
/** `"73.483 | SOL | Hyperliquid"` (docs/reading-pages.md, "Which page"): the price, the coin, the venue. */
const TITLE = /^\s*[-+]?[\d.,]+\s*\|\s*([A-Za-z0-9]{1,20})\s*\|\s*Hyperliquid\s*$/;

/** The trading page that names its coin only in the title. */
export function isHyperliquidBareTradePage(url: URL): boolean {
  return url.hostname === 'app.hyperliquid.xyz' && BARE_TRADE_PATH.test(url.pathname);
}

export function hyperliquidSymbolFromTitle(url: URL, title: string): string | null {
  if (!isHyperliquidBareTradePage(url)) return null;
  const coin = TITLE.exec(title)?.[1];
  return coin !== undefined && isHyperliquidCoin(coin) ? coin : null;
}

export function hyperliquidSymbolFromUrl(url: URL): string | null {
  if (url.hostname !== 'app.hyperliquid.xyz') return null;
  return TRADE_PATH.exec(url.pathname)?.[1] ?? null;
}

/** The trading page of a coin, where a notification about it leads. */
export const hyperliquidTradeUrl = (coin: string): string => `https://app.hyperliquid.xyz/trade/${encodeURIComponent(coin)}`;
