// dYdX names a perpetual by its market ticker, `{BASE}-USD` (`BTC-USD`, `1INCH-USD`). Markets listed
// permissionlessly carry the source in the base (`NAME,RAYDIUM,<mint address>-USD`); the canonical
// asset is then the name before the first comma. Every market is quoted in USD and settled in USDC.
const DYDX_TICKER = /^([A-Za-z0-9]{1,24})(?:,[A-Za-z0-9]{1,64}){0,2}-USD$/;

export const DYDX_QUOTE = 'USD';

export function isDydxTicker(ticker: string): boolean {
  return DYDX_TICKER.test(ticker);
}

/** `BTC-USD` → `BTC`; null for anything that is not a dYdX perpetual ticker. */
export function dydxAssetFromTicker(ticker: string): string | null {
  const base = DYDX_TICKER.exec(ticker)?.[1];
  return base ? base.toUpperCase() : null;
}
