import type { FetchError, MarketQuote } from '../venues/market-types';

/** What the UI knows about one market: loading, a quote (maybe old), or why there is none. */
export type MarketState =
  | { status: 'loading' }
  | { status: 'ready'; quote: MarketQuote; error?: FetchError }
  | { status: 'failed'; error: FetchError };

export type ContractState = 'loading' | 'ok' | 'stale' | 'unavailable';

/** Maps a market state to the DOM contract's `data-state`, with the age when stale. */
export function contractState(state: MarketState, now: number, staleAfterMs: number): { state: ContractState; ageMs?: number } {
  if (state.status === 'loading') return { state: 'loading' };
  if (state.status === 'failed') return { state: 'unavailable' };
  const ageMs = Math.max(0, now - state.quote.fetchedAt);
  return ageMs > staleAfterMs || state.error ? { state: 'stale', ageMs } : { state: 'ok', ageMs };
}
