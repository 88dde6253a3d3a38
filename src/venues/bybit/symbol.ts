// Bybit linear perpetuals: `BTCUSDT` (USDT-settled) and `BTCPERP` / `BTCUSDC` (USDC-settled).
// Dated futures (`BTC-26DEC25`, `BTCUSDT-26DEC25`) carry a dash and are refused.
const BYBIT_LINEAR_PERP = /^[A-Z0-9]{2,30}(?:USDT|USDC|PERP)$/;
const QUOTE_SUFFIX = /(?:USDT|USDC|PERP)$/;
/** A multiplier written after the coin (`SHIB1000`), as Bybit spells a few of them. */
const SUFFIX_MULTIPLIER = /^([A-Z][A-Z0-9]*[A-Z])(10{3,})$/;

export function isBybitSymbol(symbol: string): boolean {
  return BYBIT_LINEAR_PERP.test(symbol);
}

/**
 * Canonical asset from a base coin as instruments-info lists it. Multiplier prefixes stay: one
 * `1000PEPE` contract unit is 1000 PEPE and trades at 1000× PEPE's price, so reducing it to `PEPE`
 * would make any cross-venue comparison wrong by 1000×. Bybit writes some multipliers after the coin
 * (`SHIB1000`); those are turned round to the prefix form (`1000SHIB`) that Binance and Bybit's own
 * newer listings use, so the same unit gets the same name on both venues.
 */
export function canonicalBase(baseCoin: string): string {
  const upper = baseCoin.toUpperCase();
  const m = SUFFIX_MULTIPLIER.exec(upper);
  return m ? `${m[2] ?? ''}${m[1] ?? ''}` : upper;
}

/** Canonical asset from the symbol alone (`1000PEPEUSDT` → `1000PEPE`), or null when it is not a linear perp symbol. */
export function canonicalAsset(symbol: string): string | null {
  if (!isBybitSymbol(symbol)) return null;
  return canonicalBase(symbol.replace(QUOTE_SUFFIX, ''));
}
