// USDⓈ-M perpetual symbols are upper-case letters and digits ending in the quote asset.
const BINANCE_PERP_SYMBOL = /^[A-Z0-9]{2,24}(?:USDT|USDC)$/;

export function isBinanceSymbol(symbol: string): boolean {
  return BINANCE_PERP_SYMBOL.test(symbol);
}
