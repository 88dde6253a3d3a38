// Bitget USDT-M perpetuals (productType USDT-FUTURES): `BTCUSDT` in the v2 API (v1 wrote
// `BTCUSDT_UMCBL`, which the v2 endpoints refuse). Coin-M (`BTCUSD`) and USDC-M (`BTCPERP`) are
// other products, and demo symbols (`SBTCSUSDT`) another productType: none of them is read here.
const BITGET_USDT_PERP = /^[A-Z0-9]{2,30}USDT$/;

export function isBitgetSymbol(symbol: string): boolean {
  return BITGET_USDT_PERP.test(symbol);
}

/**
 * Canonical asset from a base coin as the contract list writes it. A multiplier prefix stays
 * (`1000PEPE`), as on Binance and Bybit: one such unit trades at 1000× the coin's price.
 */
export function canonicalBase(baseCoin: string): string {
  return baseCoin.toUpperCase();
}

/** Canonical asset from the symbol alone (`ETHUSDT` → `ETH`), or null when it is not a USDT-M symbol. */
export function canonicalAsset(symbol: string): string | null {
  return isBitgetSymbol(symbol) ? canonicalBase(symbol.slice(0, -4)) : null;
}
