import type { FetchError } from '../venues/market-types';
import type { MarketSnapshot } from '../venues/snapshot-types';

/** What the UI knows about one market: loading, a snapshot (maybe old), or why there is none. */
export type MarketState = { status: 'loading' } | { status: 'ready'; snapshot: MarketSnapshot; error?: FetchError } | { status: 'failed'; error: FetchError };

export type ContractState = 'loading' | 'ok' | 'stale' | 'unavailable';

/** Maps a market state to the DOM contract's `data-state`, with the age of the prices when stale. */
export function contractState(state: MarketState, now: number, staleAfterMs: number): { state: ContractState; ageMs?: number } {
  if (state.status === 'loading') return { state: 'loading' };
  if (state.status === 'failed') return { state: 'unavailable' };
  const ageMs = Math.max(0, now - state.snapshot.quote.fetchedAt);
  // A quote kept from before a failed refresh is stale at once, not only when it has aged out.
  return ageMs > staleAfterMs || state.error || state.snapshot.parts.quote.error ? { state: 'stale', ageMs } : { state: 'ok', ageMs };
}

/** The next state after a reply: a failure keeps the last good snapshot, shown as stale with its age. */
export function nextMarketState(prev: MarketState, reply: { ok: true; snapshot: MarketSnapshot } | { ok: false; error: FetchError }): MarketState {
  if (reply.ok) return { status: 'ready', snapshot: reply.snapshot };
  if (prev.status === 'ready') return { status: 'ready', snapshot: prev.snapshot, error: reply.error };
  return { status: 'failed', error: reply.error };
}
