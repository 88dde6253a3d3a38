export const VENUE_IDS = ['binance', 'bybit', 'okx', 'hyperliquid', 'dydx'] as const;
export type VenueId = (typeof VENUE_IDS)[number];

/** What a venue's trading page URL says: the venue's own symbol, as on its page or URL. */
export interface PageMatch {
  venue: VenueId;
  symbol: string;
}

/** A URL predicate plus the symbol it carries, in the spirit of refined-github's per-feature `include`. */
export interface VenuePage {
  venue: VenueId;
  /** Returns the symbol when this URL is one of the venue's perpetual trading pages. */
  matchUrl(url: URL): string | null;
  /** A trading page whose URL names no market (the page's title does): still this venue's. */
  isBareTradePage?(url: URL): boolean;
}

/** A record with one entry per venue, built without casts (the compiler checks every venue is there). */
export function perVenue<T>(make: (venue: VenueId) => T): Record<VenueId, T> {
  return { binance: make('binance'), bybit: make('bybit'), okx: make('okx'), hyperliquid: make('hyperliquid'), dydx: make('dydx') };
}
