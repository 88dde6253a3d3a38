// dydx.trade/trade/{TICKER}, e.g. BTC-USD.
const TRADE_PATH = /^\/trade\/([A-Z0-9]{1,20}-USD)\/?$/;

export function dydxSymbolFromUrl(url: URL): string | null {
  if (url.hostname !== 'dydx.trade') return null;
  return TRADE_PATH.exec(url.pathname)?.[1] ?? null;
}

/** The trading page of a market, where a notification about it leads. */
export const dydxTradeUrl = (ticker: string): string => `https://dydx.trade/trade/${encodeURIComponent(ticker)}`;
