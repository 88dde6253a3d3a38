import * as v from 'valibot';
import { decimal, epochMs, fundingRateBelow100, nonNegativeDecimal, positiveDecimal } from '../schema';

// Shapes of Binance USDⓈ-M public answers (developers.binance.com usds-margined-futures market-data;
// field types cross-checked with ccxt's response comments and SDK typings). fapi sends decimals as
// strings and times as JSON numbers; the bapi bracket table sends bare JSON numbers. Loose objects
// everywhere: Binance adds fields without notice.

/** A funding rate above 100% per interval is not a rate, it is a shape change. */
const fundingRate = fundingRateBelow100();

/** Small integers (hours) are JSON numbers in the docs; a string form is accepted too. */
const positiveInt = v.pipe(
  v.union([
    v.pipe(v.number(), v.integer()),
    v.pipe(
      v.string(),
      v.regex(/^\d{1,6}$/, 'expected an integer'),
      v.transform((s: string) => Number(s)),
    ),
  ]),
  v.check((n: number) => Number.isSafeInteger(n) && n > 0, 'expected a positive integer'),
);

/** The bracket table publishes JSON numbers (captured answers); a decimal string is accepted too. */
const numberLike = v.pipe(
  v.union([v.number(), decimal]),
  v.check((n: number) => Number.isFinite(n), 'expected a finite number'),
);

export const ExchangeSymbol = v.looseObject({
  symbol: v.pipe(v.string(), v.minLength(1)),
  pair: v.optional(v.string()),
  // Only the rows we keep need these; delivery contracts and settled symbols are dropped by value.
  contractType: v.optional(v.string(), ''),
  status: v.optional(v.string(), ''),
  baseAsset: v.pipe(v.string(), v.minLength(1)),
  quoteAsset: v.pipe(v.string(), v.minLength(1)),
  filters: v.optional(v.array(v.looseObject({ filterType: v.string(), tickSize: v.optional(v.string()) })), []),
});
export type ExchangeSymbol = v.InferOutput<typeof ExchangeSymbol>;

export const ExchangeInfo = v.looseObject({
  symbols: v.array(ExchangeSymbol),
});

export const PremiumIndex = v.looseObject({
  symbol: v.string(),
  markPrice: positiveDecimal,
  indexPrice: v.optional(positiveDecimal),
  /** The running estimate for the current interval; it settles at nextFundingTime. */
  lastFundingRate: fundingRate,
  // 0 is sent for symbols with no funding schedule (settling or delisted).
  nextFundingTime: v.union([
    v.pipe(
      v.literal(0),
      v.transform(() => null),
    ),
    epochMs,
  ]),
  time: v.optional(epochMs),
});

export const OpenInterest = v.looseObject({
  symbol: v.string(),
  /** Base units (coins). */
  openInterest: nonNegativeDecimal,
  time: v.optional(epochMs),
});

/** Lists ONLY symbols whose interval or caps were adjusted; absence means the defaults. */
export const FundingInfo = v.array(
  v.looseObject({
    symbol: v.string(),
    adjustedFundingRateCap: v.optional(fundingRate),
    adjustedFundingRateFloor: v.optional(fundingRate),
    fundingIntervalHours: positiveInt,
  }),
);
export type FundingInfo = v.InferOutput<typeof FundingInfo>;

export const FundingRateRows = v.array(
  v.looseObject({
    symbol: v.string(),
    fundingRate,
    fundingTime: epochMs,
    // "" on some older rows; not used.
    markPrice: v.optional(v.string()),
  }),
);

export const OpenInterestHistRows = v.array(
  v.looseObject({
    symbol: v.optional(v.string()),
    /** Base units. */
    sumOpenInterest: nonNegativeDecimal,
    sumOpenInterestValue: v.optional(v.string()),
    // A JSON number in the current docs, a numeric string in older samples: epochMs takes both.
    timestamp: epochMs,
  }),
);

/** `[openTime, open, high, low, close, volume, closeTime, ...]`; rows may grow at the end. */
export const KlineRows = v.array(v.looseTuple([epochMs, positiveDecimal, positiveDecimal, positiveDecimal, positiveDecimal]));

/** The bapi envelope; `code` is "000000" on success. Checked before the data is looked at. */
export const BapiEnvelope = v.looseObject({
  code: v.union([v.string(), v.number()]),
  message: v.nullish(v.string()),
  data: v.unknown(),
});

/** Every symbol's table; each row is validated only when its symbol is asked for. */
export const BracketsData = v.looseObject({
  brackets: v.array(v.looseObject({ symbol: v.string(), riskBrackets: v.array(v.unknown()) })),
});

export const RiskBracket = v.looseObject({
  bracketSeq: v.optional(numberLike),
  bracketNotionalFloor: v.pipe(
    numberLike,
    v.check((n: number) => n >= 0, 'expected a floor ≥ 0'),
  ),
  bracketNotionalCap: v.pipe(
    numberLike,
    v.check((n: number) => n > 0, 'expected a positive cap'),
  ),
  bracketMaintenanceMarginRate: v.pipe(
    numberLike,
    v.check((n: number) => n > 0 && n < 1, 'expected a rate in (0, 1)'),
  ),
  cumFastMaintenanceAmount: v.pipe(
    numberLike,
    v.check((n: number) => n >= 0, 'expected a deduction ≥ 0'),
  ),
  /** The highest leverage a position in this bracket may open at (the bapi table's name for leverageBracket's initialLeverage). */
  maxOpenPosLeverage: v.optional(
    v.pipe(
      numberLike,
      v.check((n: number) => n >= 1, 'expected a leverage ≥ 1'),
    ),
  ),
});
export const RiskBrackets = v.pipe(v.array(RiskBracket), v.minLength(1, 'expected at least one bracket'));

/**
 * A 15-minute kline for the zone model: `[openTime, open, high, low, close, volume, closeTime,
 * quoteVolume, trades, takerBuyBase, takerBuyQuote, ignore]`; volume and taker-buy volume (field 9)
 * are base units (docs: "Taker buy base asset volume").
 */
export const ZoneKlineRows = v.array(
  v.looseTuple([
    epochMs,
    positiveDecimal,
    positiveDecimal,
    positiveDecimal,
    positiveDecimal,
    nonNegativeDecimal,
    epochMs,
    v.unknown(),
    v.unknown(),
    nonNegativeDecimal,
  ]),
);
