// Hyperliquid names a perpetual by its coin alone (`BTC`, `ETH`, `kPEPE`): the coin is the venue
// symbol, and every perp settles in USDC. HIP-3 markets (`xyz:TSLA`) and spot pairs (`@107`,
// `PURR/USDC`) are not in the main perp universe and are refused here.
const HYPERLIQUID_COIN = /^[A-Za-z0-9]{1,20}$/;

export const HYPERLIQUID_QUOTE = 'USDC';

export function isHyperliquidCoin(symbol: string): boolean {
  return HYPERLIQUID_COIN.test(symbol);
}

/**
 * The canonical asset is the coin name unchanged. A leading lower-case `k` (`kPEPE`, `kBONK`,
 * `kSHIB`) means the contract counts thousands of the token (1 kPEPE = 1000 PEPE), so prices and
 * sizes differ from PEPE elsewhere by 1000×. Keeping `kPEPE` (not `PEPE`) stops a cross-venue
 * comparison from matching two different units; upper-casing it would lose that marker.
 */
export function hyperliquidAssetFromCoin(coin: string): string {
  return coin;
}
