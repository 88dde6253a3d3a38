import type { VenueId } from './registry';

// The id type is the registry's (./registry.ts); only the type is re-exported, so that the venues'
// own modules, which the registry imports, never import a value of it back.
export type { VenueId };

/** What a venue's trading page URL says: the venue's own symbol, as on its page or URL. */
export interface PageMatch {
  venue: VenueId;
  symbol: string;
}
