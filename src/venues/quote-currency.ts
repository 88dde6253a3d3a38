import { venueRecord } from './registry';
import type { VenueId } from './types';

/**
 * The settlement currency of a market from its symbol, for amounts shown before (or without) the
 * venue's instrument list, which names it exactly (`MarketSnapshot.quoteCurrency`). Null when the
 * symbol does not say: then amounts carry no currency rather than a guessed one.
 */
export function quoteFromSymbol(venue: VenueId, symbol: string): string | null {
  return venueRecord(venue).market.quote(symbol);
}
