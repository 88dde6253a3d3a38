import type { PageMatch, VenueId, VenuePage } from './types';
import { binanceSymbolFromUrl } from './binance/page-url';
import { bybitSymbolFromUrl } from './bybit/page-url';
import { dydxSymbolFromUrl } from './dydx/page-url';
import { hyperliquidSymbolFromUrl, isHyperliquidBareTradePage } from './hyperliquid/page-url';
import { okxSymbolFromUrl } from './okx/page-url';

// Adding a venue is adding a folder and a line here.
export const VENUE_PAGES: readonly VenuePage[] = [
  { venue: 'binance', matchUrl: binanceSymbolFromUrl },
  { venue: 'bybit', matchUrl: bybitSymbolFromUrl },
  { venue: 'okx', matchUrl: okxSymbolFromUrl },
  { venue: 'hyperliquid', matchUrl: hyperliquidSymbolFromUrl, isBareTradePage: isHyperliquidBareTradePage },
  { venue: 'dydx', matchUrl: dydxSymbolFromUrl },
];

export function matchVenuePage(url: URL): PageMatch | null {
  for (const page of VENUE_PAGES) {
    const symbol = page.matchUrl(url);
    if (symbol) return { venue: page.venue, symbol };
  }
  return null;
}

/** The venue whose trading page this is, including one that names its market only in the title. */
export function venueOfTradingPage(url: URL): VenueId | null {
  for (const page of VENUE_PAGES) if (page.matchUrl(url) !== null || page.isBareTradePage?.(url)) return page.venue;
  return null;
}
