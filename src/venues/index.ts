import type { PageMatch, VenueId } from './types';
import { VENUE_RECORDS } from './registry';

/** The venue and symbol a trading page's URL names. */
export function matchVenuePage(url: URL): PageMatch | null {
  for (const r of VENUE_RECORDS) {
    const symbol = r.matchUrl(url);
    if (symbol) return { venue: r.id, symbol };
  }
  return null;
}

/** The venue whose trading page this is, including one that names its market only in the title. */
export function venueOfTradingPage(url: URL): VenueId | null {
  for (const r of VENUE_RECORDS) if (r.matchUrl(url) !== null || ('isBareTradePage' in r && r.isBareTradePage(url))) return r.id;
  return null;
}
