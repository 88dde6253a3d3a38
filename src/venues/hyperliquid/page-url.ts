// app.hyperliquid.xyz/trade/{COIN}; coins keep their case (`kPEPE`). Spot pairs (`@107`, `PURR/USDC`)
// and HIP-3 markets (`dex:COIN`) are not the perpetuals PerpLens reads.
const TRADE_PATH = /^\/trade\/([A-Za-z0-9]{1,20})\/?$/;

export function hyperliquidSymbolFromUrl(url: URL): string | null {
  if (url.hostname !== 'app.hyperliquid.xyz') return null;
  return TRADE_PATH.exec(url.pathname)?.[1] ?? null;
}

/** The trading page of a coin, where a notification about it leads. */
export const hyperliquidTradeUrl = (coin: string): string => `https://app.hyperliquid.xyz/trade/${encodeURIComponent(coin)}`;
