// Hyperliquid names a main-dex perpetual by its coin alone (`BTC`, `ETH`, `kPEPE`), and a market of
// a builder-deployed dex (HIP-3) by the dex's name, a colon and the coin (`xyz:TSLA`): the venue's
// docs say HIP-3 names always have that form, and every request about the market takes it whole.
// Main-dex perps settle in USDC; a HIP-3 dex settles in its own collateral (USDC, USDH, USDE…), which
// only its `meta` says. Spot pairs (`@107`, `PURR/USDC`) are refused.
const MAIN_COIN = /^[A-Za-z0-9]{1,20}$/;
const DEX_MARKET = /^([a-z][a-z0-9]{0,11}):([A-Za-z0-9]{1,20})$/;

export const HYPERLIQUID_QUOTE = 'USDC';

/** A Hyperliquid perpetual's name: a main-dex coin or a HIP-3 `dex:COIN`. */
export function isHyperliquidCoin(symbol: string): boolean {
  return MAIN_COIN.test(symbol) || DEX_MARKET.test(symbol);
}

/** The dex a market belongs to: `xyz` for `xyz:TSLA`, '' for the main dex (as the venue's `dex` field writes it). */
export function hyperliquidDexOf(symbol: string): string {
  return DEX_MARKET.exec(symbol)?.[1] ?? '';
}

/** The coin without its dex: what a page writes as a size's unit (`1.5 TSLA` for `xyz:TSLA`). */
export function hyperliquidBaseOf(symbol: string): string {
  return DEX_MARKET.exec(symbol)?.[2] ?? symbol;
}

/**
 * The canonical asset is the coin name unchanged, without its dex (`xyz:TSLA` trades TSLA, as
 * `flx:TSLA` does). A leading lower-case `k` (`kPEPE`, `kBONK`, `kSHIB`) means the contract counts
 * thousands of the token (1 kPEPE = 1000 PEPE), so prices and sizes differ from PEPE elsewhere by
 * 1000×. Keeping `kPEPE` (not `PEPE`) stops a cross-venue comparison from matching two different
 * units; upper-casing it would lose that marker.
 */
export function hyperliquidAssetFromCoin(coin: string): string {
  return hyperliquidBaseOf(coin);
}
