import * as v from 'valibot';
import { decimal, epochMs, fundingRateBelow100, marginRate, nonNegativeDecimal, positiveDecimal } from '../schema';

// Shapes of Bitget's v2 public mix-market answers (Bitget API docs "Contract > Market", field names
// cross-checked with the tiagosiebler/bitget-api SDK types and ccxt's bitget client). Every answer
// is an envelope `{code, msg, requestTime, data}` with code "00000" for success; every figure and
// time inside `data` is a string. Loose objects: Bitget adds fields without notice.

const fundingRate = fundingRateBelow100(' per interval');

/** "" or null where Bitget has no figure (a fresh listing's caps): read as null. */
function orBlank<TSchema extends v.GenericSchema>(schema: TSchema) {
  return v.union([
    v.pipe(
      v.union([v.literal(''), v.null()]),
      v.transform((): null => null),
    ),
    schema,
  ]);
}

export const Envelope = v.looseObject({
  code: v.union([
    v.string(),
    v.pipe(
      v.number(),
      v.integer(),
      v.transform((n: number) => String(n)),
    ),
  ]),
  msg: v.optional(v.nullable(v.string()), ''),
  data: v.optional(v.unknown()),
});

/** Only the identifying strings are checked per row: one odd listing must not take the whole list down. */
export const ContractRow = v.looseObject({
  symbol: v.string(),
  baseCoin: v.string(),
  quoteCoin: v.string(),
  symbolType: v.optional(v.string(), ''),
  symbolStatus: v.optional(v.string(), ''),
});

/** The numbers of a usable row; a row that fails here is left out rather than guessed. */
export const ContractNumbers = v.looseObject({
  /** Decimal places of the price and the step in units of the last place: tick = priceEndStep × 10^−pricePlace. */
  pricePlace: v.pipe(v.string(), v.regex(/^\d{1,2}$/), v.transform(Number)),
  priceEndStep: positiveDecimal,
  /** Hours between settlements, as listed ("8"); current-fund-rate says what runs now. */
  fundInterval: v.optional(orBlank(positiveDecimal), ''),
});

export const TickerRow = v.looseObject({
  symbol: v.string(),
  markPrice: positiveDecimal,
  indexPrice: orBlank(positiveDecimal),
  lastPr: orBlank(positiveDecimal),
  /** Open interest in the base coin ("current holding positions (base coin)"). */
  holdingAmount: orBlank(nonNegativeDecimal),
});

export const CurrentFundingRow = v.looseObject({
  symbol: v.string(),
  fundingRate,
  /** Hours: "1", "2", "4" or "8" (added 2025-03-27; absent before, when the contract list's interval stands in). */
  fundingRateInterval: v.optional(orBlank(positiveDecimal), ''),
  /** The next settlement, epoch ms. */
  nextUpdate: v.optional(orBlank(epochMs), ''),
  minFundingRate: v.optional(orBlank(fundingRate), ''),
  maxFundingRate: v.optional(orBlank(fundingRate), ''),
});

export const FundingHistoryRow = v.looseObject({
  symbol: v.string(),
  fundingRate,
  fundingTime: epochMs,
});

/** `[ts, open, high, low, close, baseVolume, quoteVolume, …]`, oldest first; ts is the candle's open. */
export const CandleRow = v.looseTuple([epochMs, positiveDecimal, positiveDecimal, positiveDecimal, positiveDecimal, nonNegativeDecimal]);
export type CandleRow = v.InferOutput<typeof CandleRow>;

export const TierRow = v.looseObject({
  symbol: v.string(),
  level: v.union([v.string(), v.number()]),
  /** Position value in USDT (notional) where the tier starts and ends. */
  startUnit: nonNegativeDecimal,
  endUnit: positiveDecimal,
  leverage: v.pipe(
    positiveDecimal,
    v.check((n: number) => n >= 1, 'expected a leverage ≥ 1'),
  ),
  keepMarginRate: marginRate,
});
export type TierRow = v.InferOutput<typeof TierRow>;

/** account-long-short: the shares of accounts long and short (fractions), and their ratio. */
export const AccountRatioRow = v.looseObject({
  longAccountRatio: nonNegativeDecimal,
  shortAccountRatio: nonNegativeDecimal,
  ts: epochMs,
});
