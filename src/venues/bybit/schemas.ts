import * as v from 'valibot';
import { decimal, epochMs, fundingRateBelow100, nonNegativeDecimal, positiveDecimal } from '../schema';

// Shapes of Bybit v5 public market answers, category=linear (bybit-exchange.github.io/docs/v5/market;
// linear ticker fields cross-checked with captured answers quoted in open-source clients). Every
// answer is an envelope `{retCode, retMsg, result, retExtInfo, time}`; decimals and times inside
// `result` are strings. Loose objects: Bybit adds fields without notice.

const fundingRate = fundingRateBelow100();

/** Integers documented as JSON numbers (fundingInterval) or strings (fundingIntervalHour): both taken. */
const positiveInt = v.pipe(
  v.union([
    v.pipe(v.number(), v.integer()),
    v.pipe(
      v.string(),
      v.regex(/^\d{1,9}$/, 'expected an integer'),
      v.transform((s: string) => Number(s)),
    ),
  ]),
  v.check((n: number) => Number.isSafeInteger(n) && n > 0, 'expected a positive integer'),
);

/** The risk-limit docs type margins as numbers while every example sends strings: both taken. */
const numberLike = v.pipe(
  v.union([v.number(), decimal]),
  v.check((n: number) => Number.isFinite(n), 'expected a finite number'),
);

/** "" where a venue has no value yet (pre-listing markets, inverse-only fields). */
const emptyAsNull = v.pipe(
  v.literal(''),
  v.transform(() => null),
);

export const Envelope = v.looseObject({
  retCode: v.pipe(v.number(), v.integer()),
  retMsg: v.optional(v.string(), ''),
  result: v.unknown(),
  time: v.optional(v.number()),
});

export const InstrumentRow = v.looseObject({
  symbol: v.pipe(v.string(), v.minLength(1)),
  contractType: v.optional(v.string(), ''),
  status: v.optional(v.string(), ''),
  baseCoin: v.pipe(v.string(), v.minLength(1)),
  quoteCoin: v.pipe(v.string(), v.minLength(1)),
  settleCoin: v.optional(v.string()),
  priceFilter: v.optional(v.looseObject({ tickSize: v.optional(v.string()) })),
  /** Minutes (480 = 8 h). */
  fundingInterval: v.optional(v.unknown()),
});
export type InstrumentRow = v.InferOutput<typeof InstrumentRow>;

export const InstrumentsResult = v.looseObject({
  list: v.array(InstrumentRow),
  nextPageCursor: v.optional(v.string(), ''),
});

export const FundingIntervalMinutes = positiveInt;

/** Rows are matched by symbol first; only the asked-for row is then validated in full. */
export const TickersResult = v.looseObject({
  list: v.array(v.looseObject({ symbol: v.string() })),
});

export const TickerRow = v.looseObject({
  symbol: v.string(),
  lastPrice: v.optional(v.union([emptyAsNull, positiveDecimal]), ''),
  indexPrice: v.optional(v.union([emptyAsNull, positiveDecimal]), ''),
  markPrice: positiveDecimal,
  /** Base units for linear contracts. */
  openInterest: nonNegativeDecimal,
  fundingRate,
  // "0" (or "") when no settlement is scheduled.
  nextFundingTime: v.union([
    v.pipe(
      v.union([v.literal('0'), v.literal(0), v.literal('')]),
      v.transform(() => null),
    ),
    epochMs,
  ]),
  fundingIntervalHour: v.optional(positiveInt),
  /** Absolute cap on the rate; older answers lack it. */
  fundingCap: v.optional(
    v.union([
      emptyAsNull,
      v.pipe(
        fundingRate,
        v.check((n: number) => n > 0, 'expected a positive cap'),
      ),
    ]),
    '',
  ),
});

export const FundingHistoryResult = v.looseObject({
  list: v.array(
    v.looseObject({
      symbol: v.string(),
      fundingRate,
      fundingRateTimestamp: epochMs,
    }),
  ),
});

export const OpenInterestResult = v.looseObject({
  symbol: v.optional(v.string()),
  list: v.array(
    v.looseObject({
      /** Base units for linear contracts ("BTCUSDT(linear) is BTC"); the current docs call it the sum of both sides. */
      openInterest: nonNegativeDecimal,
      /** One side only, base units: newer answers carry it beside openInterest (half of it in the samples). */
      singleOpenInterest: v.optional(nonNegativeDecimal),
      timestamp: epochMs,
    }),
  ),
  nextPageCursor: v.optional(v.string()),
});

/** `[startTime, open, high, low, close, volume, turnover]`, newest first. */
export const KlineResult = v.looseObject({
  symbol: v.optional(v.string()),
  list: v.array(v.looseTuple([epochMs, positiveDecimal, positiveDecimal, positiveDecimal, positiveDecimal])),
});

/** The same with the volume, `[start, open, high, low, close, volume, turnover]`: volume counts contracts, one base coin each on linear. */
export const ZoneKlineResult = v.looseObject({
  symbol: v.optional(v.string()),
  list: v.array(v.looseTuple([epochMs, positiveDecimal, positiveDecimal, positiveDecimal, positiveDecimal, nonNegativeDecimal])),
});

export const RiskLimitRow = v.looseObject({
  id: v.optional(v.number()),
  symbol: v.string(),
  /** The notional cap of the tier, quote currency. */
  riskLimitValue: positiveDecimal,
  /** A fraction ("0.005") in linear examples, a percent ("0.5") in the inverse example: see risk-limit.ts. */
  maintenanceMargin: v.pipe(
    numberLike,
    v.check((n: number) => n > 0, 'expected a positive margin rate'),
  ),
  initialMargin: v.optional(
    v.pipe(
      numberLike,
      v.check((n: number) => n > 0, 'expected a positive margin rate'),
    ),
  ),
  maxLeverage: v.optional(
    v.pipe(
      numberLike,
      v.check((n: number) => n > 0, 'expected a positive leverage'),
    ),
  ),
  isLowestRisk: v.optional(v.number()),
  /** "" on the first tier (no deduction). */
  mmDeduction: v.optional(
    v.union([
      v.pipe(
        v.literal(''),
        v.transform(() => 0),
      ),
      nonNegativeDecimal,
    ]),
    '',
  ),
});
export type RiskLimitRow = v.InferOutput<typeof RiskLimitRow>;

export const RiskLimitResult = v.looseObject({
  list: v.array(RiskLimitRow),
});
