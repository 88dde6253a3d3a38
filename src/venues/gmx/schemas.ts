// GMX v2's public answers, as gmx-interface a78e920 reads them. Big numbers arrive as base-10
// integer strings (or `{ "type": "bigint", "value": "…" }`, sdk deserializeBigIntsInObject): USD
// amounts, prices and factors are fixed-point with 30 decimals, token amounts in the token's
// smallest unit. They become numbers here, at the boundary, scaled; nothing unscaled goes further.
import * as v from 'valibot';
import { EVM_ADDRESS } from '../../protocol/patterns';
import { issueText } from '../schema';

/** A list's rows that read, how many did not, and why the first of those did not. */
export interface Rows<T> {
  rows: T[];
  unreadable: number;
  firstIssue: string | null;
}

/**
 * A list whose rows are checked one by one: a row GMX adds in a shape PerpLens does not know (a new
 * token, a market with a field of a new type) is left out and counted, and the rest of the list
 * still reads. A list where no row reads is a broken answer (the caller says so).
 */
export function rowsOf<S extends v.GenericSchema>(row: S) {
  return v.pipe(
    v.array(v.unknown()),
    v.transform((items): Rows<v.InferOutput<S>> => {
      const out: Rows<v.InferOutput<S>> = { rows: [], unreadable: 0, firstIssue: null };
      for (const item of items) {
        const r = v.safeParse(row, item);
        if (r.success) out.rows.push(r.output);
        else {
          out.unreadable++;
          out.firstIssue ??= r.issues[0] ? issueText(r.issues[0]) : 'unreadable';
        }
      }
      return out;
    }),
  );
}

const INTEGER = /^-?\d{1,80}$/;

/** A fixed-point integer as GMX sends it, divided by 10^`decimals`. */
export function fixed(decimals: number) {
  return v.pipe(
    v.union([
      v.pipe(v.string(), v.regex(INTEGER, 'expected an integer string')),
      v.pipe(
        v.object({ type: v.literal('bigint'), value: v.pipe(v.string(), v.regex(INTEGER)) }),
        v.transform((o) => o.value),
      ),
    ]),
    v.transform((s: string) => Number(BigInt(s)) / 10 ** decimals),
    v.check((n: number) => Number.isFinite(n), 'expected a finite number'),
  );
}

/** USD, prices per whole token and factors: 30 decimals. */
export const e30 = fixed(30);
const nonNegativeE0 = v.pipe(
  fixed(0),
  v.check((n: number) => n >= 0, 'expected an amount ≥ 0'),
);
const nonNegativeE30 = v.pipe(
  e30,
  v.check((n: number) => n >= 0, 'expected a number ≥ 0'),
);
/** A factor that is a share of something (a fee, a collateral factor): in [0, 1). */
const shareE30 = v.pipe(
  e30,
  v.check((n: number) => n >= 0 && n < 1, 'expected a share in [0, 1)'),
);

const address = v.pipe(v.string(), v.regex(EVM_ADDRESS, 'expected an address'));

/** `/v1/tokens`: the interface's own token list (symbols as its tables write them). */
export const TokenRow = v.object({
  symbol: v.pipe(v.string(), v.regex(/^[A-Za-z0-9._]{1,20}$/)),
  baseSymbol: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9._]{1,20}$/))),
  address,
  decimals: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(30)),
  visualPrefix: v.optional(v.string()),
  visualMultiplier: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  isSynthetic: v.optional(v.boolean()),
  isStable: v.optional(v.boolean()),
});
export type TokenRow = v.InferOutput<typeof TokenRow>;

/** `/v1/markets/info`: one market's configuration and state, the fields PerpLens uses. */
export const MarketInfoRow = v.object({
  marketTokenAddress: address,
  indexTokenAddress: address,
  longTokenAddress: address,
  shortTokenAddress: address,
  isSpotOnly: v.optional(v.boolean()),
  isDisabled: v.optional(v.boolean()),
  longInterestUsd: nonNegativeE30,
  shortInterestUsd: nonNegativeE30,
  // Token amounts: scaled by the index token's decimals once those are known (raw here).
  longInterestInTokens: nonNegativeE0,
  shortInterestInTokens: nonNegativeE0,
  useOpenInterestInTokensForBalance: v.optional(v.boolean()),
  fundingFactorPerSecond: nonNegativeE30,
  longsPayShorts: v.boolean(),
  borrowingFactorPerSecondForLongs: nonNegativeE30,
  borrowingFactorPerSecondForShorts: nonNegativeE30,
  minCollateralFactor: shareE30,
  minCollateralFactorForLiquidation: shareE30,
  positionFeeFactorForBalanceWasNotImproved: shareE30,
  maxPositionImpactFactorForLiquidations: v.optional(shareE30),
});
export type MarketInfoRow = v.InferOutput<typeof MarketInfoRow>;

/** The oracle keeper's `/prices/tickers`: USD per smallest token unit, 30 decimals. */
export const TickerRow = v.object({
  tokenAddress: address,
  tokenSymbol: v.string(),
  minPrice: v.pipe(v.string(), v.regex(/^\d{1,80}$/)),
  maxPrice: v.pipe(v.string(), v.regex(/^\d{1,80}$/)),
  updatedAt: v.optional(v.number()),
});
export type TickerRow = v.InferOutput<typeof TickerRow>;

/** The oracle keeper's `/prices/candles`: `[time s, open, high, low, close]`, newest first, USD per token. */
const price = v.pipe(v.number(), v.finite(), v.minValue(0));
export const CandlesBody = v.object({
  candles: v.array(v.tuple([v.pipe(v.number(), v.integer(), v.minValue(1)), price, price, price, price])),
});

/** The oracle keeper's `/prices/24h`: each token's last day, plain USD numbers; `open` is the price a day ago. */
export const DayRow = v.object({ tokenSymbol: v.string(), open: v.pipe(v.number(), v.finite()), close: v.pipe(v.number(), v.finite()) });

/** `/v1/rates`: per-second factors (30 decimals) at `timestamp` (s); borrowing a cost, funding + received. */
export const RatesBody = v.array(
  v.object({
    marketAddress: address,
    ratesSnapshots: v.array(
      v.object({
        fundingRateLong: e30,
        fundingRateShort: e30,
        borrowingRateLong: nonNegativeE30,
        borrowingRateShort: nonNegativeE30,
        timestamp: v.pipe(v.number(), v.integer(), v.minValue(1)),
      }),
    ),
  }),
);

/**
 * `/v1/positions?address=`: the account's open positions as GMX's interface computes them (its
 * RawPositionInfo), integer strings; the fields PerpLens reads. `liquidationPrice` is absent where
 * GMX computes none.
 */
export const PositionRow = v.object({
  marketAddress: address,
  collateralTokenAddress: address,
  isLong: v.boolean(),
  isOpening: v.optional(v.boolean()),
  sizeInUsd: nonNegativeE30,
  sizeInTokens: nonNegativeE0,
  entryPrice: v.optional(nonNegativeE30),
  markPrice: nonNegativeE30,
  liquidationPrice: v.optional(e30),
  remainingCollateralUsd: e30,
  // In the collateral token's smallest unit.
  remainingCollateralAmount: v.optional(nonNegativeE0),
  pnl: e30,
  leverage: v.optional(nonNegativeE0),
});
