import { dydxAddressFromStorage } from './dydx/page-address';
import { hyperliquidAddressFromPage } from './hyperliquid/page-address';
import type { VenueId } from './types';

export type AddressVenue = 'hyperliquid' | 'dydx';

export const hasAddressApi = (venue: VenueId): venue is AddressVenue => venue === 'hyperliquid' || venue === 'dydx';

/**
 * The wallet address the page itself exposes: dYdX keeps it in its local storage (same origin as
 * the content script); Hyperliquid only when a full address is visible. Never guessed.
 */
export function addressFromPage(venue: AddressVenue, doc: Document, storage: Pick<Storage, 'getItem'>): string | null {
  return venue === 'dydx' ? dydxAddressFromStorage(storage) : hyperliquidAddressFromPage(doc);
}
