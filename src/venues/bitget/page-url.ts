// www.bitget.com/futures/usdt/{SYMBOL}, optionally behind a language segment (`/en/`, `/zh-CN/`,
// `/en-AE/`, `/asia/`): Bitget's own API FAQ links the bare form, public code both prefixed ones.
// Coin-M (`/futures/usd/`), USDC-M (`/futures/usdc/`) and the demo products (`/futures/susdt/`) are
// other products and are not matched.
const TRADE_PATH = /^\/(?:[a-z]{2,4}(?:-[A-Za-z]{2,4})?\/)?futures\/usdt\/([A-Z0-9]{2,30})\/?$/;

export function bitgetSymbolFromUrl(url: URL): string | null {
  if (url.hostname !== 'www.bitget.com') return null;
  const symbol = TRADE_PATH.exec(url.pathname)?.[1] ?? null;
  return symbol !== null && symbol.endsWith('USDT') ? symbol : null;
}
