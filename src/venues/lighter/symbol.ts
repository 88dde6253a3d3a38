// Lighter names a perpetual by its bare ticker (`ETH`, `BTC`, `1000PEPE`, `AAPL`); spot pairs carry
// their quote (`ETH/USDC` in the API, `LIT_USDC` in the app's URLs) and are not read. Every perp is
// margined and settled in USDC. Markets are numbered (`market_id`: ETH 0, BTC 1, …), but the numbers
// are the venue's to change: PerpLens maps ticker to id from the venue's own list each time.
const LIGHTER_PERP = /^[A-Za-z0-9]{1,20}$/;

export const LIGHTER_QUOTE = 'USDC';

export function isLighterSymbol(symbol: string): boolean {
  return LIGHTER_PERP.test(symbol);
}

/** The canonical asset is the ticker unchanged: `1000PEPE` counts thousands of PEPE, as on Binance. */
export function lighterAssetFromSymbol(symbol: string): string {
  return symbol;
}
