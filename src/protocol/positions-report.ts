import * as v from 'valibot';
import type { Position } from '../venues/position-types';
import { VENUE_IDS } from '../venues/registry';
import { SYMBOL_PATTERN } from './patterns';

// The page → background report of the positions a venue page shows, for background alerts and the
// toolbar badge, and the one Position schema the replies use too. It does not import messages.ts,
// which takes it into its `Request` variant: no import cycle.

/** Most positions one report may carry; also the store's overall bound. */
export const MAX_REPORTED_POSITIONS = 100;

const venueId = v.picklist(VENUE_IDS);
const symbol = v.pipe(v.string(), v.regex(SYMBOL_PATTERN, 'malformed symbol'));
const finite = v.pipe(v.number(), v.finite());
const positive = v.pipe(v.number(), v.finite(), v.gtValue(0));
const nullableFinite = v.nullable(finite);

/** One position's fields, with the rule its prices and size are held to. */
function positionOf(price: v.GenericSchema<number>) {
  const nullablePrice = v.nullable(price);
  return v.object({
    venue: venueId,
    symbol,
    side: v.picklist(['long', 'short']),
    size: price,
    entryPrice: price,
    markPrice: nullablePrice,
    liqPrice: nullablePrice,
    liqNotServed: v.optional(v.pipe(v.string(), v.maxLength(300))),
    liqSource: v.optional(v.picklist(['page', 'api'])),
    margin: nullableFinite,
    walletMargin: nullableFinite,
    collateralInBase: v.optional(v.pipe(v.number(), v.finite(), v.minValue(0))),
    marginMode: v.nullable(v.picklist(['isolated', 'cross'])),
    leverage: nullableFinite,
    unrealizedPnl: nullableFinite,
    source: v.picklist(['page', 'api']),
    atLiquidation: v.optional(v.literal(true)),
  });
}

/**
 * One position as the page (or the venue's address API, cross-checked by the page) shows it.
 * Stricter than the reply schema: prices and the size must be positive, so the risk maths downstream
 * (which throws on nonsense) never sees a zero or negative price from a page.
 */
export const ReportedPosition = positionOf(positive);

/** The same position in the background's replies to the extension's pages: any finite figure. */
export const RepliedPosition = positionOf(finite);

/** A row the page still shows but cannot be read now (market and side only). */
export const RowIdentity = v.strictObject({ symbol, side: v.picklist(['long', 'short']) });
export type RowIdentity = { symbol: string; side: Position['side'] };

/**
 * `{ type: 'positions.report', venue, positions, unreadable? }`: every position the page currently shows (an empty
 * list means "none open here"), all on `venue`. The tab and the page URL are taken from the message's
 * sender, never from the message. A plain strict object so it can sit in messages.ts's
 * `v.variant('type', …)`; that every position is on `venue` is checked by `parsePositionsReport` and
 * again by the alerts' `handleMessage` (a variant option cannot carry a cross-field check).
 */
export const PositionsReport = v.strictObject({
  type: v.literal('positions.report'),
  venue: venueId,
  positions: v.pipe(v.array(ReportedPosition), v.maxLength(MAX_REPORTED_POSITIONS)),
  // Rows still on the page that cannot be read now: an alert never clears because a row became
  // unreadable, only when the position is gone or safe again.
  unreadable: v.optional(v.pipe(v.array(RowIdentity), v.maxLength(MAX_REPORTED_POSITIONS))),
});
export type PositionsReport = { type: 'positions.report'; venue: Position['venue']; positions: Position[]; unreadable?: RowIdentity[] };

/** True when every position of the report is on the report's venue. */
export function consistentReport(r: PositionsReport): boolean {
  return r.positions.every((p) => p.venue === r.venue);
}

/** The reply to a report: accepted, or why not. */
export type PositionsReportReply = { ok: true } | { ok: false; error: string };

// Compile-time proof that the schema's output is the domain type, so the cast in the parser is sound.
type Assert<T extends U, U> = T;
export type PositionsReportSchemaCheck = [
  Assert<v.InferOutput<typeof PositionsReport>, PositionsReport>,
  Assert<v.InferOutput<typeof ReportedPosition>, Position>,
  Assert<v.InferOutput<typeof RowIdentity>, RowIdentity>,
];

export function parsePositionsReport(input: unknown): PositionsReport | null {
  const r = v.safeParse(PositionsReport, input);
  return r.success && consistentReport(r.output) ? r.output : null;
}
