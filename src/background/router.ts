import type { QuoteReply, Request } from '../messages';
import { fetchBinanceQuote } from '../venues/binance/market';
import type { MarketQuote, Result } from '../venues/market-types';
import type { VenueId } from '../venues/types';
import { createCache } from './cache';

const QUOTE_TTL_MS = 15_000;
const quotes = createCache<MarketQuote>({ ttlMs: QUOTE_TTL_MS, errorHoldMs: 30_000 });

type QuoteFetcher = (symbol: string) => Promise<Result<MarketQuote>>;
const QUOTE_FETCHERS: Partial<Record<VenueId, QuoteFetcher>> = { binance: fetchBinanceQuote };

async function quote(venue: VenueId, symbol: string): Promise<QuoteReply> {
  const fetcher = QUOTE_FETCHERS[venue];
  if (!fetcher) {
    return { ok: false, error: { kind: 'bad-request', venue, endpoint: '', message: `${venue} market data is not supported yet` } };
  }
  const result = await quotes.get(`${venue}:${symbol}`, () => fetcher(symbol));
  return result.ok ? { ok: true, quote: result.value } : { ok: false, error: result.error };
}

export async function route(request: Request): Promise<QuoteReply> {
  switch (request.type) {
    case 'market.quote':
      return quote(request.venue, request.symbol);
  }
}
