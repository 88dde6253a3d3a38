import * as v from 'valibot';
import { decimal, fundingRateBelow100, nonNegativeDecimal, positiveDecimal } from '../schema';

// Shapes of the dYdX v4 indexer's answers (comlink's api-documentation.md and controllers in
// dydxprotocol/v4-chain). Decimals arrive as strings, times as ISO-8601 strings, small integers as
// JSON numbers. Loose objects: the indexer adds fields release by release.

const fundingRate = fundingRateBelow100(' per hour');
const marginFraction = v.pipe(
  decimal,
  v.check((n: number) => n >= 0 && n < 1, 'expected a margin fraction in [0, 1)'),
);

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

/** An ISO-8601 time with a zone (`2025-07-25T09:00:00.000Z`) → epoch ms. */
export const isoTime = v.pipe(
  v.string(),
  v.regex(ISO_TIME, 'expected an ISO-8601 time'),
  v.transform((s: string) => Date.parse(s)),
  v.check((n: number) => Number.isSafeInteger(n) && n > 0, 'expected a valid time'),
);

/** A JSON object keyed by ticker; valibot's record alone would also let an array through. */
function keyed<TSchema extends v.GenericSchema>(entry: TSchema) {
  return v.pipe(
    v.custom<Record<string, unknown>>((x) => typeof x === 'object' && x !== null && !Array.isArray(x), 'expected an object keyed by ticker'),
    v.record(v.string(), entry),
  );
}

/** `{"markets": {"BTC-USD": {...}, ...}}`; each entry is checked when it is used. */
export const MarketsResponse = v.looseObject({
  markets: keyed(v.looseObject({})),
});

/** What a listed market needs to be offered at all; a market failing this is left out of the list. */
export const ListedMarket = v.looseObject({
  ticker: v.string(),
  status: v.string(),
  tickSize: positiveDecimal,
  oraclePrice: positiveDecimal,
});

export const PerpetualMarket = v.looseObject({
  ticker: v.string(),
  status: v.string(),
  /** dYdX margins, liquidates and funds on the oracle price: there is no separate mark. */
  oraclePrice: positiveDecimal,
  /** Predicted rate of the running hour (the indexer divides the chain's 8-hour value by 8). */
  nextFundingRate: fundingRate,
  /** Base units. */
  openInterest: nonNegativeDecimal,
  /** Oracle now minus oracle 24 h ago: the only second price dYdX sends, for a sanity check. */
  priceChange24H: v.optional(decimal),
  maintenanceMarginFraction: marginFraction,
  initialMarginFraction: v.optional(marginFraction),
});

export const HistoricalFundingResponse = v.looseObject({
  historicalFunding: v.array(
    v.looseObject({
      ticker: v.string(),
      /** Hourly rate settled at `effectiveAt` (block time, a moment after the hour). */
      rate: fundingRate,
      price: v.optional(positiveDecimal),
      effectiveAt: isoTime,
    }),
  ),
});

export const CandlesResponse = v.looseObject({
  candles: v.array(
    v.looseObject({
      startedAt: isoTime,
      ticker: v.string(),
      resolution: v.string(),
      open: positiveDecimal,
      high: positiveDecimal,
      low: positiveDecimal,
      close: positiveDecimal,
      /** Open interest in base units when the candle opened: the OI history, at no extra request. */
      startingOpenInterest: nonNegativeDecimal,
    }),
  ),
});

/** 15-minute candles for the zone model: the same rows with the volume in base units. */
export const ZoneCandlesResponse = v.looseObject({
  candles: v.array(
    v.looseObject({
      startedAt: isoTime,
      ticker: v.string(),
      resolution: v.string(),
      high: positiveDecimal,
      low: positiveDecimal,
      close: positiveDecimal,
      baseTokenVolume: nonNegativeDecimal,
      /** OI when the candle opened: the close OI of the candle before it. */
      startingOpenInterest: nonNegativeDecimal,
    }),
  ),
});

const subaccountNumber = v.pipe(v.number(), v.integer(), v.minValue(0));

export const PerpetualPosition = v.pipe(
  v.looseObject({
    market: v.string(),
    status: v.optional(v.string()),
    side: v.picklist(['LONG', 'SHORT']),
    /** Signed: negative for a short (the indexer stores it so); an unsigned short is accepted too. */
    size: decimal,
    entryPrice: positiveDecimal,
    unrealizedPnl: decimal,
  }),
  v.check((p) => !(p.side === 'LONG' && p.size < 0), 'a LONG position with a negative size'),
);

export const ChildSubaccount = v.looseObject({
  subaccountNumber,
  equity: decimal,
  freeCollateral: v.optional(decimal),
  openPerpetualPositions: keyed(PerpetualPosition),
});

/** GET /addresses/{address}/parentSubaccountNumber/0: the cross subaccount 0 and its isolated children. */
export const ParentSubaccountResponse = v.looseObject({
  subaccount: v.looseObject({
    address: v.string(),
    parentSubaccountNumber: subaccountNumber,
    equity: decimal,
    childSubaccounts: v.array(ChildSubaccount),
  }),
});

/** The indexer's error body, `{"errors":[{"msg": ...}]}` (HTTP 400/404). */
export const ErrorBody = v.looseObject({
  errors: v.pipe(v.array(v.looseObject({ msg: v.string() })), v.minLength(1)),
});
