// GMX v2's markets as PerpLens names them (`ETH:WETH-USDC`, symbol.ts), joined from the interface's
// token list (`/v1/tokens`: the symbols its tables write) and the markets' state (`/v1/markets/info`).
// Market names differ between GMX's own sources (the interface says "ETH/USD [WETH-USDC]", the
// oracle keeper "ETH/USD [ETH-USDC]"), so markets are joined by token ADDRESS, never by name.
import type { GmxFeeState } from './fees';
import type { GmxLiquidationParams } from './liquidation';
import type { MarketInfoRow, TokenRow } from './schemas';
import { gmxSymbol } from './symbol';

export interface GmxToken {
  address: string;
  symbol: string;
  decimals: number;
}

export interface GmxMarket {
  symbol: string;
  marketToken: string;
  /** The index's base name as the page writes it (`ETH`, `1000PEPE`). */
  base: string;
  index: GmxToken;
  long: GmxToken;
  short: GmxToken;
  disabled: boolean;
  fees: GmxFeeState;
  liquidation: GmxLiquidationParams;
  /** Open interest in index tokens, per side. */
  longInterestTokens: number;
  shortInterestTokens: number;
}

const token = (t: TokenRow): GmxToken => ({ address: t.address.toLowerCase(), symbol: t.symbol, decimals: t.decimals });

/** The base name GMX shows for an index token: its visual prefix (k, m, 1000) and its base symbol. */
export function indexBaseName(t: TokenRow): string {
  const prefix = t.visualPrefix ?? (t.visualMultiplier !== undefined && t.visualMultiplier > 1 ? String(t.visualMultiplier) : '');
  return `${prefix}${t.baseSymbol ?? t.symbol}`;
}

/**
 * Every perpetual market the two lists describe; swap-only markets, markets whose tokens the list
 * lacks and names PerpLens cannot write are left out. `minCollateralUsd` is GMX's floor on the
 * liquidation collateral (a DataStore value the public API does not serve: $1, as the interface's tests use).
 */
export function gmxMarkets(tokens: readonly TokenRow[], infos: readonly MarketInfoRow[], minCollateralUsd: number): GmxMarket[] {
  const byAddress = new Map(tokens.map((t) => [t.address.toLowerCase(), t]));
  const out: GmxMarket[] = [];
  for (const m of infos) {
    if (m.isSpotOnly) continue;
    const index = byAddress.get(m.indexTokenAddress.toLowerCase());
    const long = byAddress.get(m.longTokenAddress.toLowerCase());
    const short = byAddress.get(m.shortTokenAddress.toLowerCase());
    if (!index || !long || !short) continue;
    const base = indexBaseName(index);
    const symbol = gmxSymbol(base, long.symbol, short.symbol);
    if (!symbol) continue;
    const scale = 10 ** index.decimals;
    const longTokens = m.longInterestInTokens / scale;
    const shortTokens = m.shortInterestInTokens / scale;
    out.push({
      symbol,
      marketToken: m.marketTokenAddress.toLowerCase(),
      base,
      index: token(index),
      long: token(long),
      short: token(short),
      disabled: m.isDisabled === true,
      fees: {
        fundingFactorPerSecond: m.fundingFactorPerSecond,
        longsPayShorts: m.longsPayShorts,
        longInterestUsd: m.longInterestUsd,
        shortInterestUsd: m.shortInterestUsd,
        borrowingFactorPerSecondForLongs: m.borrowingFactorPerSecondForLongs,
        borrowingFactorPerSecondForShorts: m.borrowingFactorPerSecondForShorts,
      },
      liquidation: {
        minCollateralFactorForLiquidation: m.minCollateralFactorForLiquidation,
        minCollateralUsd,
        closeFeeFactor: m.positionFeeFactorForBalanceWasNotImproved,
      },
      longInterestTokens: longTokens,
      shortInterestTokens: shortTokens,
    });
  }
  return out;
}

/** The index price from the keeper's ticker: the mid of its min and max, USD per whole token. */
export function indexPrice(minPrice: string, maxPrice: string, decimals: number): number | null {
  const scale = 10 ** (30 - decimals);
  const mid = (Number(BigInt(minPrice)) + Number(BigInt(maxPrice))) / 2 / scale;
  return Number.isFinite(mid) && mid > 0 ? mid : null;
}

/**
 * The market a page or link names: `ETH:WETH-USDC` exactly, or for an index alone (`ETH`) its
 * deepest market (the largest open interest), which is the one a bare trade page is most likely on.
 */
export function findGmxMarket(markets: readonly GmxMarket[], symbol: string): GmxMarket | null {
  const exact = markets.find((m) => m.symbol === symbol);
  if (exact) return exact;
  if (symbol.includes(':')) return null;
  let best: GmxMarket | null = null;
  for (const m of markets) {
    if (m.base !== symbol || m.disabled) continue;
    const oi = m.fees.longInterestUsd + m.fees.shortInterestUsd;
    if (!best || oi > best.fees.longInterestUsd + best.fees.shortInterestUsd) best = m;
  }
  return best;
}
