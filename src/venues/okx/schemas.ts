import * as v from 'valibot';
import { decimal, epochMs, fundingRateBelow100, marginRate, nonNegativeDecimal, positiveDecimal } from '../schema';

// Shapes of OKX v5 public answers (docs-v5 "Public data", "Market data", "Trading statistics"; field
// names cross-checked with the OKX.Net test responses). Every figure is a decimal string; OKX sends
// "" for a figure it does not have (caps on a fresh listing, the deprecated nextFundingRate, oiCcy),
// which becomes null here. Loose objects: OKX adds fields without notice.

const fundingRate = fundingRateBelow100(' per interval');

function orBlank<TSchema extends v.GenericSchema>(schema: TSchema) {
  return v.union([
    v.pipe(
      v.literal(''),
      v.transform((): null => null),
    ),
    schema,
  ]);
}

/** A field that may be absent or "": both read as null. */
function optionalBlank<TSchema extends v.GenericSchema>(schema: TSchema) {
  return v.optional(orBlank(schema), '');
}

/** `{"code":"0","msg":"","data":[...]}`; anything but code "0" is an error even under HTTP 200. */
export const Envelope = v.looseObject({
  code: v.union([
    v.string(),
    v.pipe(
      v.number(),
      v.integer(),
      v.transform((n: number) => String(n)),
    ),
  ]),
  msg: v.optional(v.string(), ''),
});

export function envelopeOf<TRow extends v.GenericSchema>(row: TRow) {
  return v.looseObject({ code: v.literal('0'), data: v.array(row) });
}

/**
 * Only the identifying strings are checked for every row: fresh listings carry "" in their numeric
 * fields until shortly before they go live, and one such row must not take the whole list down.
 */
export const InstrumentRow = v.looseObject({
  instType: v.string(),
  instId: v.string(),
  state: v.string(),
  settleCcy: v.optional(v.string(), ''),
  ctType: v.optional(v.string(), ''),
  ctValCcy: v.optional(v.string(), ''),
});

/** The numbers of a live row; a row that fails here is left out of the list rather than guessed. */
export const InstrumentNumbers = v.looseObject({
  /** Contract value in `ctValCcy` units (the base coin for linear swaps). */
  ctVal: positiveDecimal,
  /** Contract multiplier; "1" on every linear swap seen, multiplied in for safety. */
  ctMult: optionalBlank(positiveDecimal),
  tickSz: positiveDecimal,
});

export const MarkPriceRow = v.looseObject({
  instId: v.string(),
  markPx: positiveDecimal,
  ts: v.optional(epochMs),
});

export const FundingRateRow = v.looseObject({
  instId: v.string(),
  /** Rate of the running interval, settled at `fundingTime`. */
  fundingRate,
  fundingTime: epochMs,
  nextFundingTime: optionalBlank(epochMs),
  maxFundingRate: optionalBlank(fundingRate),
  minFundingRate: optionalBlank(fundingRate),
});

export const OpenInterestRow = v.looseObject({
  instId: v.string(),
  /** Contracts. */
  oi: nonNegativeDecimal,
  /** Coins; missing or "" in some answers (then oi × contract value). */
  oiCcy: optionalBlank(nonNegativeDecimal),
});

/** `/api/v5/market/index-tickers?instId=BTC-USDT`: the index is named by the pair (the swap's family). */
export const IndexTickerRow = v.looseObject({
  instId: v.string(),
  idxPx: positiveDecimal,
  ts: v.optional(epochMs),
});

export const TickerRow = v.looseObject({
  instId: v.string(),
  last: optionalBlank(positiveDecimal),
});

export const FundingHistoryRow = v.pipe(
  v.looseObject({
    instId: v.string(),
    fundingTime: epochMs,
    /** The rate announced for the interval. */
    fundingRate: optionalBlank(fundingRate),
    /** The rate actually settled; what a position paid. */
    realizedRate: optionalBlank(fundingRate),
  }),
  v.check((r) => r.realizedRate !== null || r.fundingRate !== null, 'expected realizedRate or fundingRate'),
);

/** `[ts, oi (contracts), oiCcy (coins), oiUsd]`, newest first. */
export const OiHistoryRow = v.looseTuple([epochMs, nonNegativeDecimal, orBlank(nonNegativeDecimal)]);

/** `[ts, o, h, l, c, vol, volCcy, volCcyQuote, confirm]`, newest first; ts is the candle's open. */
export const CandleRow = v.looseTuple([epochMs, positiveDecimal, positiveDecimal, positiveDecimal, positiveDecimal]);

/** The same with the volumes: `vol` counts contracts, `volCcy` is base coins for a derivative (docs-v5 "Get candlesticks"). */
export const ZoneCandleRow = v.looseTuple([
  epochMs,
  positiveDecimal,
  positiveDecimal,
  positiveDecimal,
  positiveDecimal,
  nonNegativeDecimal,
  orBlank(nonNegativeDecimal),
]);

/** `[ts, sellVol, buyVol]`, newest first (rubik taker-volume-contract); with unit=0 both are base coins. */
export const TakerVolumeRow = v.looseTuple([epochMs, nonNegativeDecimal, nonNegativeDecimal]);

export const TierRow = v.looseObject({
  instFamily: v.optional(v.string(), ''),
  tier: v.union([v.string(), v.number()]),
  /** Contracts (position size), not notional. */
  minSz: nonNegativeDecimal,
  maxSz: positiveDecimal,
  mmr: marginRate,
  /** The tier's maximum leverage; absent or "" (null) where OKX does not say. */
  maxLever: v.optional(
    orBlank(
      v.pipe(
        positiveDecimal,
        v.check((n: number) => n >= 1, 'expected a leverage ≥ 1'),
      ),
    ),
  ),
});
export type TierRow = v.InferOutput<typeof TierRow>;
