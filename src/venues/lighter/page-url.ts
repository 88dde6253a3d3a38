import { isLighterSymbol } from './symbol';

// app.lighter.xyz/trade/{TICKER} (`/trade/BTC`, query strings such as `?locale=zh` allowed). Spot
// pages (`/trade/LIT_USDC`) are not perpetuals and are refused.
const TRADE_PATH = /^\/trade\/([A-Za-z0-9]{1,20})\/?$/;

export function lighterSymbolFromUrl(url: URL): string | null {
  if (url.hostname !== 'app.lighter.xyz') return null;
  const symbol = TRADE_PATH.exec(url.pathname)?.[1] ?? null;
  return symbol !== null && isLighterSymbol(symbol) ? symbol : null;
}

/** The trading page of a market, where a notification about it leads. */
export const lighterTradeUrl = (symbol: string): string => `https://app.lighter.xyz/trade/${encodeURIComponent(symbol)}`;
