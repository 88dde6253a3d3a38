import { useEffect, useState } from 'preact/hooks';
import { requestSnapshot } from '../platform/messages-client';
import { nextMarketState, type MarketState } from '../ui/market-state';
import type { PageMatch } from '../venues/types';

export const marketKey = (m: PageMatch) => `${m.venue}:${m.symbol}`;

/**
 * Snapshots for a list of markets, asked of the background (which caches and shares them) every
 * `refreshMs`. Requests go out one after another so a cold start does not burst at one venue.
 */
export function useMarkets(items: readonly PageMatch[], refreshMs: number): Map<string, MarketState> {
  const [states, setStates] = useState<Map<string, MarketState>>(new Map());
  const itemsKey = items.map(marketKey).join(',');
  useEffect(() => {
    // One flag per run: a run cancelled mid-load must not schedule itself again.
    const alive = { current: true };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      for (const item of items) {
        const reply = await requestSnapshot(item.venue, item.symbol);
        if (!alive.current) return;
        setStates((prev) => {
          const next = new Map(prev);
          next.set(marketKey(item), nextMarketState(prev.get(marketKey(item)) ?? { status: 'loading' }, reply));
          return next;
        });
      }
      if (alive.current) timer = setTimeout(load, refreshMs);
    };
    void load();
    return () => {
      alive.current = false;
      clearTimeout(timer);
    };
    // itemsKey stands for items: a new array with the same markets must not restart the loop.
  }, [itemsKey, refreshMs]);
  return states;
}
