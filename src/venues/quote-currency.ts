import type { VenueId } from './types';

/**
 * The settlement currency of a market from its symbol, for amounts shown before (or without) the
 * venue's instrument list, which names it exactly (`MarketSnapshot.quoteCurrency`). Null when the
 * symbol does not say: then amounts carry no currency rather than a guessed one.
 */
export function quoteFromSymbol(venue: VenueId, symbol: string): string | null {
  if (venue === 'hyperliquid') return 'USDC';
  if (venue === 'dydx') return /-USD$/.test(symbol) ? 'USD' : null;
  if (venue === 'okx') return /^[A-Z0-9]+-(USDT|USDC|USD)-SWAP$/.exec(symbol)?.[1] ?? null;
  // Binance and Bybit linear perpetuals: BTCUSDT, BTCUSDC, ETHPERP (USDC on Bybit).
  return /(USDT|USDC)$/.exec(symbol)?.[1] ?? (venue === 'bybit' && /PERP$/.test(symbol) ? 'USDC' : null);
}
