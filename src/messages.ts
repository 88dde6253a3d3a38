import * as v from 'valibot';
import { FETCH_ERROR_KINDS, type FetchError, type MarketQuote } from './venues/market-types';
import { VENUE_IDS } from './venues/types';

// The one boundary between pages and the background. Both directions are validated: a request
// from a content script is untrusted input, and a reply crosses a process boundary.

const venueId = v.picklist(VENUE_IDS);
// Venue symbols are short and plain; anything else is refused before a venue client sees it.
const symbol = v.pipe(v.string(), v.regex(/^[A-Za-z0-9._:-]{1,40}$/, 'malformed symbol'));

export const QuoteRequest = v.strictObject({ type: v.literal('market.quote'), venue: venueId, symbol });
export const Request = v.variant('type', [QuoteRequest]);
export type Request = v.InferOutput<typeof Request>;

const finite = v.pipe(v.number(), v.finite());

const FetchErrorSchema = v.object({
  kind: v.picklist(FETCH_ERROR_KINDS),
  venue: v.nullable(venueId),
  endpoint: v.string(),
  message: v.string(),
  retryAt: v.optional(finite),
  status: v.optional(finite),
});

const MarketQuoteSchema = v.object({
  venue: venueId,
  symbol: v.string(),
  markPrice: finite,
  indexPrice: v.nullable(finite),
  fundingRate: finite,
  nextFundingTime: v.nullable(finite),
  source: v.string(),
  fetchedAt: finite,
});

export const QuoteReply = v.variant('ok', [
  v.object({ ok: v.literal(true), quote: MarketQuoteSchema }),
  v.object({ ok: v.literal(false), error: FetchErrorSchema }),
]);
export type QuoteReply = { ok: true; quote: MarketQuote } | { ok: false; error: FetchError };

export function parseRequest(input: unknown): Request | null {
  const r = v.safeParse(Request, input);
  return r.success ? r.output : null;
}

export function parseQuoteReply(input: unknown): QuoteReply | null {
  const r = v.safeParse(QuoteReply, input);
  return r.success ? r.output : null;
}
