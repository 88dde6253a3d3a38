import * as v from 'valibot';
import type { FetchError, QuoteFigure } from '../venues/market-types';
import { FETCH_ERROR_KINDS } from '../venues/market-types';
import type { Position } from '../venues/position-types';
import type { MarketSnapshot } from '../venues/snapshot-types';
import { VENUE_IDS, WALLET_VENUE_IDS } from '../venues/registry';
import { MAX_REPORTED_POSITIONS, PositionsReport, RepliedPosition } from './positions-report';
import { WINDOWS } from '../venues/market-types';
import type { TreeElement, TreeOp } from './tree';
import type { LiveCard } from './live-card';
import { MAX_EXPANDED, type ShownPrefs } from './panel-prefs';
import { SYMBOL_PATTERN, WALLET_ADDRESS } from './patterns';

// The one boundary between pages and the background. Both directions are validated: a request
// from a content script or the popup is untrusted input, and a reply crosses a process boundary.

const venueId = v.picklist(VENUE_IDS);
// Venue symbols are short and plain; anything else is refused before a venue client sees it.
const symbol = v.pipe(v.string(), v.regex(SYMBOL_PATTERN, 'malformed symbol'));
// Wallet addresses: Hyperliquid 0x + 40 hex, dYdX bech32; the venue module checks the checksum.
const address = v.pipe(v.string(), v.regex(WALLET_ADDRESS, 'malformed address'));

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));

/**
 * A page read as the content script sends it. Rows stay `unknown` here: each is checked on its own
 * (src/background/panel/rows.ts), so one implausible row is shown as unreadable instead of the whole
 * panel failing.
 */
const PageReadSchema = v.strictObject({
  status: v.picklist(['ok', 'no-table', 'loading']),
  rows: v.pipe(v.array(v.unknown()), v.maxLength(MAX_REPORTED_POSITIONS)),
  notes: v.pipe(v.array(text(300)), v.maxLength(20)),
});
export type WirePageRead = v.InferOutput<typeof PageReadSchema>;

/** What the trader changed on this venue's panel: each setting absent takes the options' default. */
const PanelPrefsSchema = v.strictObject({
  collapsed: v.optional(v.boolean()),
  window: v.optional(v.picklist(WINDOWS)),
  privacy: v.optional(v.boolean()),
  expanded: v.optional(v.pipe(v.array(text(80)), v.maxLength(MAX_EXPANDED))),
});
export type PrefOverrides = v.InferOutput<typeof PanelPrefsSchema>;
/** The panel as drawn (defaults included). */
export type ViewPrefs = ShownPrefs;

/**
 * The content script's one question: here is what the page shows, what should the panel show? The
 * background answers with the panel as a tree (src/ui/tree.ts).
 */
const PanelViewRequest = v.strictObject({
  type: v.literal('panel.view'),
  venue: venueId,
  symbol,
  read: v.nullable(PageReadSchema),
  address: v.nullable(address),
  /** null until the panel's remembered prefs are loaded or when none are stored: the options' defaults apply. */
  prefs: v.nullable(PanelPrefsSchema),
  /** The version of the panel this tab holds: the answer may then be only what changed since. */
  have: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0))),
});
export type PanelViewRequest = v.InferOutput<typeof PanelViewRequest>;

export { PANEL_PORT } from './port';

/** What a panel button may ask of the background. */
export const PANEL_ASKS = ['options', 'layout-report'] as const;
export type PanelAsk = (typeof PANEL_ASKS)[number];

export type PanelViewReply =
  | { enabled: false }
  | ({
      enabled: true;
      version: number;
      prefs: ViewPrefs;
      contractValues: Record<string, number>;
      /** Per position card, in order: what the page needs to move its mark-driven figures itself. */
      live: (LiveCard | null)[];
      /** Market data the panel needs is still loading: the page asks again soon rather than at its usual pace. */
      pending?: boolean;
      /** The panel's style sheet (src/ui/panel-css.ts), with every whole panel. */
      css?: string;
    } & ({ tree: TreeElement } | { ops: TreeOp[] }));

export const Request = v.variant('type', [
  PanelViewRequest,
  v.strictObject({ type: v.literal('market.snapshot'), venue: venueId, symbol }),
  v.strictObject({ type: v.literal('market.instruments'), venue: venueId }),
  v.strictObject({ type: v.literal('positions.address'), venue: v.picklist(WALLET_VENUE_IDS), address }),
  v.strictObject({ type: v.literal('positions.known') }),
  // A panel button the background answers (a content script cannot open an extension page or run
  // the layout report): `data-action="ask"` with `data-ask` naming which.
  v.strictObject({ type: v.literal('panel.ask'), what: v.picklist(PANEL_ASKS) }),
  PositionsReport,
]);
export type Request = v.InferOutput<typeof Request>;

const finite = v.pipe(v.number(), v.finite());
const positive = v.pipe(finite, v.gtValue(0));
const nullableFinite = v.nullable(finite);

const FetchErrorSchema = v.object({
  kind: v.picklist(FETCH_ERROR_KINDS),
  venue: v.nullable(venueId),
  endpoint: v.string(),
  message: v.string(),
  retryAt: v.optional(finite),
  status: v.optional(finite),
});

// Where each figure of a quote came from: only the quote's figure names, each an endpoint path.
const figureSource = v.optional(v.pipe(v.string(), v.maxLength(300)));
const FigureSources = v.strictObject({
  markPrice: figureSource,
  indexPrice: figureSource,
  lastPrice: figureSource,
  fundingRate: figureSource,
  fundingIntervalHours: figureSource,
  nextFundingTime: figureSource,
  fundingCap: figureSource,
  fundingFloor: figureSource,
  openInterest: figureSource,
} satisfies Record<QuoteFigure, typeof figureSource>);

const SideRate = v.object({ funding: finite, borrowing: finite });
const Quote = v.object({
  venue: venueId,
  symbol: v.string(),
  markPrice: positive,
  indexPrice: nullableFinite,
  fundingPriceBasis: v.optional(v.picklist(['mark', 'index'])),
  markIsIndex: v.optional(v.literal(true)),
  lastPrice: nullableFinite,
  fundingRate: finite,
  fundingIntervalHours: v.nullable(positive),
  nextFundingTime: nullableFinite,
  fundingCap: nullableFinite,
  fundingFloor: nullableFinite,
  openInterest: nullableFinite,
  figureSources: FigureSources,
  source: v.string(),
  fetchedAt: finite,
  sideRates: v.optional(v.object({ long: SideRate, short: SideRate })),
  longShare: v.optional(v.pipe(finite, v.minValue(0), v.maxValue(1))),
});

const Change = v.union([
  v.object({ change: finite, basis: v.picklist(['window', 'since-watching']), from: finite }),
  v.object({ change: v.null(), reason: v.string() }),
]);
const Changes = v.object({ '1h': Change, '4h': Change, '24h': Change });

const Part = v.object({ fetchedAt: nullableFinite, source: v.nullable(v.string()), error: v.nullable(FetchErrorSchema) });

const Tier = v.object({ notionalFloor: finite, notionalCap: finite, maintenanceRate: finite, deduction: finite });

const ZoneBin = v.object({ price: positive, long: finite, short: finite });
const Zones = v.variant('status', [
  v.object({
    status: v.literal('ready'),
    map: v.object({
      model: v.literal('oi-taker-v1'),
      mark: positive,
      bins: v.pipe(v.array(ZoneBin), v.maxLength(1_000)),
      total: v.object({ long: finite, short: finite }),
      zones: v.object({ long: v.pipe(v.array(ZoneBin), v.maxLength(1_000)), short: v.pipe(v.array(ZoneBin), v.maxLength(1_000)) }),
      bars: finite,
      coveredMs: finite,
      takerSplit: v.picklist(['published', 'assumed-50-50', 'partly-assumed']),
      leverages: v.array(positive),
      weights: v.array(finite),
    }),
    basis: v.picklist(['venue', 'recorded']),
    coveredMs: finite,
    maintenanceRate: finite,
    maxLeverage: positive,
    maxLeverageSource: v.picklist(['venue', 'assumed']),
    dataAt: finite,
  }),
  v.object({ status: v.literal('building'), coveredMs: finite, needMs: finite }),
  v.object({ status: v.literal('unavailable'), reason: v.string() }),
]);

const Share = v.object({ value: v.pipe(finite, v.minValue(0), v.maxValue(1)), change4h: nullableFinite, at: finite });
const figureOf = <S extends v.GenericSchema>(reading: S) =>
  v.variant('status', [
    v.object({ status: v.literal('ready'), reading }),
    v.object({ status: v.literal('not-published') }),
    v.object({ status: v.literal('unavailable'), reason: v.string() }),
  ]);
const Crowding = v.object({
  accounts: figureOf(Share),
  topPositions: figureOf(Share),
  takerBuy: figureOf(v.object({ '1h': nullableFinite, '4h': nullableFinite, '24h': nullableFinite })),
});

const FlowWindow = v.nullable(v.object({ long: finite, short: finite, coveredMs: finite }));
const Flow = v.variant('status', [
  v.object({
    status: v.literal('live'),
    connection: v.picklist(['connecting', 'open', 'retrying', 'polling']),
    coveredFrom: nullableFinite,
    error: v.nullable(v.string()),
    source: v.string(),
    '1h': FlowWindow,
    '24h': FlowWindow,
  }),
  v.object({ status: v.literal('not-published') }),
  v.object({ status: v.literal('unavailable'), reason: v.string() }),
]);

const Snapshot = v.object({
  venue: venueId,
  symbol: v.string(),
  asset: v.string(),
  quoteCurrency: v.optional(text(12)),
  contractValue: positive,
  quote: Quote,
  fundingIntervalHours: positive,
  fundingIntervalSource: v.picklist(['venue', 'history', 'default']),
  fundingAvg7d: nullableFinite,
  fundingPercentile30d: nullableFinite,
  dailyVol: nullableFinite,
  priceChange: Changes,
  oiChange: Changes,
  oiBasis: v.picklist(['venue', 'recorded']),
  tiers: v.nullable(
    v.object({
      tiers: v.array(Tier),
      maxLeverage: v.optional(positive),
      fallback: v.boolean(),
      asOf: v.optional(v.string()),
      why: v.optional(v.string()),
      feeRate: v.optional(finite),
      source: v.string(),
      fetchedAt: finite,
    }),
  ),
  liquidation: v.object({ valuation: v.picklist(['liquidation', 'entry']), feeRate: finite }),
  zones: Zones,
  crowding: Crowding,
  flow: Flow,
  sparkline: v.object({ price: v.array(finite), oi: v.array(finite) }),
  parts: v.object({ quote: Part, funding: Part, oi: Part, candles: Part, tiers: Part, zones: Part, crowding: Part, flow: Part }),
  builtAt: finite,
});

const failure = v.object({ ok: v.literal(false), error: FetchErrorSchema });

export const SnapshotReply = v.variant('ok', [v.object({ ok: v.literal(true), snapshot: Snapshot }), failure]);
export type SnapshotReply = { ok: true; snapshot: MarketSnapshot } | { ok: false; error: FetchError };

export const InstrumentsReply = v.variant('ok', [
  v.object({ ok: v.literal(true), instruments: v.array(v.object({ symbol: v.string(), asset: v.string() })) }),
  failure,
]);
export type InstrumentsReply = { ok: true; instruments: { symbol: string; asset: string }[] } | { ok: false; error: FetchError };

export const PositionsReply = v.variant('ok', [v.object({ ok: v.literal(true), positions: v.array(RepliedPosition) }), failure]);
export type PositionsReply = { ok: true; positions: Position[] } | { ok: false; error: FetchError };

export function parseRequest(input: unknown): Request | null {
  const r = v.safeParse(Request, input);
  return r.success ? r.output : null;
}

// Compile-time proof that each schema's output is the domain type it stands for, so the casts in
// `parser` below cannot hide a mismatch.
type Assert<T extends U, U> = T;
export type SchemaChecks = [
  Assert<v.InferOutput<typeof SnapshotReply>, SnapshotReply>,
  Assert<v.InferOutput<typeof InstrumentsReply>, InstrumentsReply>,
  Assert<v.InferOutput<typeof PositionsReply>, PositionsReply>,
];

function parser<S extends v.GenericSchema, T>(schema: S): (input: unknown) => T | null {
  return (input) => {
    const r = v.safeParse(schema, input);
    return r.success ? (r.output as T) : null;
  };
}

export const parseSnapshotReply = parser<typeof SnapshotReply, SnapshotReply>(SnapshotReply);
export const parseInstrumentsReply = parser<typeof InstrumentsReply, InstrumentsReply>(InstrumentsReply);
export const parsePositionsReply = parser<typeof PositionsReply, PositionsReply>(PositionsReply);
