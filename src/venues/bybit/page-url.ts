// www.bybit.com/trade/usdt/{SYMBOL}, optionally behind a language segment (`/en/`, `/zh-TW/`).
const TRADE_PATH = /^\/(?:[a-z]{2}(?:-[A-Za-z]{2,4})?\/)?trade\/usdt\/([A-Z0-9]{2,30})\/?$/;

export function bybitSymbolFromUrl(url: URL): string | null {
  if (url.hostname !== 'www.bybit.com') return null;
  return TRADE_PATH.exec(url.pathname)?.[1] ?? null;
}
