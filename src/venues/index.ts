import type { PageMatch, VenuePage } from './types';
import { binanceSymbolFromUrl } from './binance/page-url';

// Adding a venue is adding a folder and a line here.
export const VENUE_PAGES: readonly VenuePage[] = [{ venue: 'binance', matchUrl: binanceSymbolFromUrl }];

export function matchVenuePage(url: URL): PageMatch | null {
  for (const page of VENUE_PAGES) {
    const symbol = page.matchUrl(url);
    if (symbol) return { venue: page.venue, symbol };
  }
  return null;
}
