// www.binance.com/{lang}/futures/{SYMBOL}; the language segment is optional and may carry a region
// (`/en/`, `/zh-CN/`). Delivery contracts (`BTCUSDT_251226`) are not perpetuals and are refused.
const FUTURES_PATH = /^\/(?:[a-z]{2}(?:-[A-Za-z]{2})?\/)?futures\/([A-Z0-9]{2,30})\/?$/;

export function binanceSymbolFromUrl(url: URL): string | null {
  if (url.hostname !== 'www.binance.com') return null;
  const m = FUTURES_PATH.exec(url.pathname);
  return m?.[1] ?? null;
}
