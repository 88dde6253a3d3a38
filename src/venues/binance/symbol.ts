// USDⓈ-M perpetual symbols are upper-case letters and digits ending in the quote asset.
const BINANCE_PERP_SYMBOL = /^[A-Z0-9]{2,24}(?:USDT|USDC)$/;
const QUOTE_SUFFIX = /(USDT|USDC)$/;

export function isBinanceSymbol(symbol: string): boolean {
  return BINANCE_PERP_SYMBOL.test(symbol);
}

/**
 * Canonical asset from a base asset as exchangeInfo lists it. Multiplier prefixes stay: `1000PEPE`
 * (one contract unit = 1000 PEPE) trades at 1000× PEPE's price, so calling it `PEPE` would make a
 * cross-venue comparison wrong by three orders of magnitude. `1000PEPE` on Binance and on Bybit
 * are the same unit and do match.
 */
export function canonicalBase(baseAsset: string): string {
  return baseAsset.toUpperCase();
}

/** Canonical asset from the symbol alone (`1000PEPEUSDT` → `1000PEPE`), or null when it is not a perp symbol. */
export function canonicalAsset(symbol: string): string | null {
  if (!isBinanceSymbol(symbol)) return null;
  return canonicalBase(symbol.replace(QUOTE_SUFFIX, ''));
}

/** The quote currency a symbol settles in, or null when it is not a perp symbol. */
export function quoteOf(symbol: string): string | null {
  if (!isBinanceSymbol(symbol)) return null;
  return QUOTE_SUFFIX.exec(symbol)?.[1] ?? null;
}
