// OKX names a USDT/USDC-margined perpetual `{BASE}-{QUOTE}-SWAP` (`BTC-USDT-SWAP`, `1INCH-USDC-SWAP`).
// Coin-margined swaps (`BTC-USD-SWAP`) are inverse and out of scope; futures carry a date instead of
// `SWAP` and are refused too.
const OKX_SWAP = /^([A-Z0-9]{1,20})-(USDT|USDC)-SWAP$/;

export function isOkxSwapSymbol(symbol: string): boolean {
  return OKX_SWAP.test(symbol);
}

/** The base asset, already upper case on OKX: `BTC-USDT-SWAP` → `BTC`. */
export function okxAssetFromSymbol(symbol: string): string | null {
  return OKX_SWAP.exec(symbol)?.[1] ?? null;
}

export function okxQuoteFromSymbol(symbol: string): string | null {
  return OKX_SWAP.exec(symbol)?.[2] ?? null;
}

/** Position tiers are published per instrument family, the symbol without `-SWAP`: `BTC-USDT`. */
export function okxInstFamily(symbol: string): string | null {
  const m = OKX_SWAP.exec(symbol);
  return m ? `${m[1] ?? ''}-${m[2] ?? ''}` : null;
}
