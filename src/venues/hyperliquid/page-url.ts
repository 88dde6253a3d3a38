import { isHyperliquidCoin } from './symbol';

// app.hyperliquid.xyz/trade/{COIN}; coins keep their case (`kPEPE`). A HIP-3 market's page is
// /trade/xyz:TSLA, which links also write with the colon encoded (`xyz%3ATSLA`): both are read. Spot
// pairs (`@107`, `PURR/USDC`) are not the perpetuals PerpLens reads.
const TRADE_PATH = /^\/trade\/([A-Za-z0-9:%]{1,40})\/?$/;

/** The trading page without a coin in its path: it shows the market last traded. */
const BARE_TRADE_PATH = /^\/(?:trade\/?)?$/;
/** `"73.483 | SOL | Hyperliquid"` (docs/reading-pages.md, "Which page"): the price, the coin, the venue. */
const TITLE = /^\s*[-+]?[\d.,]+\s*\|\s*([A-Za-z0-9:]{1,40})\s*\|\s*Hyperliquid\s*$/;

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
  const raw = TRADE_PATH.exec(url.pathname)?.[1];
  if (raw === undefined) return null;
  // Only an encoded colon is expected; anything else encoded is no market name.
  const coin = raw.replace(/%3A/gi, ':');
  return isHyperliquidCoin(coin) ? coin : null;
}

/** The trading page of a coin, where a notification about it leads (a HIP-3 market's colon as the app writes it). */
export const hyperliquidTradeUrl = (coin: string): string => `https://app.hyperliquid.xyz/trade/${encodeURIComponent(coin).replace(/%3A/g, ':')}`;
