// A GMX v2 market is an index token traded against a pool of two tokens: GMX writes it
// "ETH/USD [WETH-USDC]" (sdk getMarketFullName). The same index can have several pools, each with
// its own open interest, funding and borrowing, so the pool is part of the market's name here:
// `ETH:WETH-USDC` — the index's base name, a colon, the pool (long token, a hyphen, short token),
// as GMX's own row attribute `position-item-ETH/USD-WETH-USDC-Long` names them.
// Base names may carry GMX's visual multiplier prefix (`1000PEPE`); token symbols may have a dot
// (`USDC.e`, `WBTC.e`) and mixed case (`wstETH`, `USDe`).
// A trade page names only its chart's index (the title's "ETH USD"), not a pool: such a page's
// market is the index alone (`ETH`), which the market data resolves to the index's deepest pool.
const TOKEN = '[A-Za-z0-9][A-Za-z0-9.]{0,15}';
const GMX_MARKET = new RegExp(`^(${TOKEN}):(${TOKEN})-(${TOKEN})$`);
const GMX_INDEX = new RegExp(`^${TOKEN}$`);

export interface GmxMarketName {
  /** The index's base name as GMX shows it: `ETH`, `1000PEPE`. */
  base: string;
  longToken: string;
  shortToken: string;
}

export function parseGmxSymbol(symbol: string): GmxMarketName | null {
  const m = GMX_MARKET.exec(symbol);
  if (!m?.[1] || !m[2] || !m[3]) return null;
  return { base: m[1], longToken: m[2], shortToken: m[3] };
}

/** A market with its pool (`ETH:WETH-USDC`). */
export const isGmxMarketSymbol = (symbol: string): boolean => symbol.length <= 40 && parseGmxSymbol(symbol) !== null;

/** A market with its pool, or an index alone (`ETH`: its deepest pool). */
export const isGmxSymbol = (symbol: string): boolean => isGmxMarketSymbol(symbol) || GMX_INDEX.test(symbol);

/** The index's base name of either form: `ETH` for `ETH:WETH-USDC` and for `ETH`. */
export const gmxBaseOf = (symbol: string): string => parseGmxSymbol(symbol)?.base ?? symbol;

export function gmxSymbol(base: string, longToken: string, shortToken: string): string | null {
  const s = `${base}:${longToken}-${shortToken}`;
  return isGmxMarketSymbol(s) ? s : null;
}

/** GMX's own name of the market: `ETH/USD [WETH-USDC]`. */
export function gmxMarketName(symbol: string): string {
  const m = parseGmxSymbol(symbol);
  return m ? `${m.base}/USD [${m.longToken}-${m.shortToken}]` : `${symbol}/USD`;
}

/**
 * The position row's `data-qa`, `position-item-{indexName}-{poolName}-{Long|Short}` (PositionItem
 * renderLarge), as a market and a side. The side word there is English in every language.
 */
export function fromPositionQa(qa: string): { symbol: string; side: 'long' | 'short' } | null {
  const m = /^position-item-(.+?)\/USD-(.+)-(Long|Short)$/.exec(qa);
  if (!m?.[1] || !m[2] || !m[3]) return null;
  const pool = /^([^-]+)-([^-]+)$/.exec(m[2]);
  if (!pool?.[1] || !pool[2]) return null;
  const symbol = gmxSymbol(m[1], pool[1], pool[2]);
  return symbol ? { symbol, side: m[3] === 'Long' ? 'long' : 'short' } : null;
}
