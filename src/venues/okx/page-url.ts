// www.okx.com/trade-swap/{inst-id} in lower case, optionally behind a language segment
// (`/zh-hans/`, `/ua/`); the venue symbol is the upper-case instrument id, e.g. BTC-USDT-SWAP.
const SWAP_PATH = /^\/(?:[a-z]{2}(?:-[a-z]{2,4})?\/)?trade-swap\/([a-z0-9]{1,20}-(?:usdt|usdc)-swap)\/?$/i;

export function okxSymbolFromUrl(url: URL): string | null {
  if (url.hostname !== 'www.okx.com') return null;
  const id = SWAP_PATH.exec(url.pathname)?.[1];
  return id ? id.toUpperCase() : null;
}
