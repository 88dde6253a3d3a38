import * as v from 'valibot';
import { decimal, epochMs, positiveDecimal } from '../schema';

// Shapes of Hyperliquid's /info answers (docs: for-developers/api/info-endpoint/perpetuals; field
// types cross-checked with the @nktkas/hyperliquid SDK and ccxt's response comments). Loose objects:
// Hyperliquid adds fields without notice. Decimals arrive as strings, times as JSON numbers.

const nonNegativeDecimal = v.pipe(
  decimal,
  v.check((n: number) => n >= 0, 'expected a number ≥ 0'),
);

/**
 * Small integers (leverage, table ids) are JSON numbers in the docs; some clients and older answers
 * carry them as strings ("50"). Both are accepted.
 */
const integerLike = v.pipe(
  v.union([
    v.pipe(v.number(), v.integer()),
    v.pipe(
      v.string(),
      v.regex(/^\d{1,9}$/, 'expected an integer'),
      v.transform((s: string) => Number(s)),
    ),
  ]),
  v.check((n: number) => Number.isSafeInteger(n) && n >= 0, 'expected an integer ≥ 0'),
);

const leverageInt = v.pipe(
  integerLike,
  v.check((n: number) => n >= 1, 'expected a leverage ≥ 1'),
);

export const UniverseEntry = v.looseObject({
  name: v.pipe(v.string(), v.minLength(1)),
  szDecimals: v.optional(integerLike),
  maxLeverage: leverageInt,
  // Older answers predate margin tables; without an id the asset has one tier at maxLeverage.
  marginTableId: v.optional(integerLike),
  isDelisted: v.optional(v.boolean()),
});
export type UniverseEntry = v.InferOutput<typeof UniverseEntry>;

export const MarginTierRow = v.looseObject({
  /** Notional (USDC) from which the tier applies. */
  lowerBound: nonNegativeDecimal,
  maxLeverage: leverageInt,
});

export const MarginTable = v.looseObject({
  description: v.optional(v.string()),
  marginTiers: v.pipe(v.array(MarginTierRow), v.minLength(1, 'expected at least one margin tier')),
});

export const Meta = v.looseObject({
  universe: v.array(UniverseEntry),
  marginTables: v.optional(v.array(v.tuple([integerLike, MarginTable])), []),
  /** A HIP-3 dex's collateral: the spot token's index (0 is USDC); absent on the main dex. */
  collateralToken: v.optional(integerLike),
});

/** `perpDexs`: null for the main dex, then one object per builder-deployed dex, in asset-id order. */
export const PerpDexs = v.array(v.nullable(v.looseObject({ name: v.pipe(v.string(), v.regex(/^[a-z][a-z0-9]{0,11}$/, 'expected a dex name')) })));

/** `spotMeta`: the spot tokens, whose names a HIP-3 dex's `collateralToken` points to. */
export const SpotMeta = v.looseObject({ tokens: v.array(v.looseObject({ name: v.pipe(v.string(), v.minLength(1)), index: integerLike })) });
export type Meta = v.InferOutput<typeof Meta>;

/**
 * `[meta, assetCtxs]`. The contexts are only checked to be objects here: each one is validated when
 * its coin is asked for, so one odd row on an obscure (often delisted) market cannot take every
 * quote down with it.
 */
export const MetaAndAssetCtxs = v.tuple([Meta, v.array(v.looseObject({}))]);

export const AssetCtx = v.looseObject({
  /** Mark price: what Hyperliquid margins and liquidates on. */
  markPx: positiveDecimal,
  /** Oracle price: what funding is computed and paid on. */
  oraclePx: positiveDecimal,
  /** Order-book mid; null when one side of the book is empty. */
  midPx: v.nullish(positiveDecimal, null),
  /** Predicted funding for the running hour, a fraction per hour. */
  funding: v.pipe(
    decimal,
    v.check((n: number) => Math.abs(n) < 1, 'expected a funding rate below 100% per hour'),
  ),
  /** Base units (coins); for k-coins, thousands of the token. */
  openInterest: nonNegativeDecimal,
});

export const FundingRow = v.looseObject({
  coin: v.string(),
  fundingRate: v.pipe(
    decimal,
    v.check((n: number) => Math.abs(n) < 1, 'expected a funding rate below 100% per hour'),
  ),
  time: epochMs,
});
export const FundingRows = v.array(FundingRow);

export const CandleRow = v.looseObject({
  /** Open time. */
  t: epochMs,
  /** Close time (open + interval − 1 ms). */
  T: epochMs,
  s: v.string(),
  i: v.string(),
  o: positiveDecimal,
  c: positiveDecimal,
  h: positiveDecimal,
  l: positiveDecimal,
  v: nonNegativeDecimal,
  n: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
export const CandleRows = v.array(CandleRow);

/** `leverage.value` is a JSON number in the docs and a string in some clients: both accepted. */
const leverageValue = v.pipe(
  v.union([v.number(), decimal]),
  v.check((n: number) => Number.isFinite(n) && n > 0, 'expected a positive leverage'),
);

export const PositionLeverage = v.looseObject({
  type: v.picklist(['cross', 'isolated']),
  value: leverageValue,
  /** Isolated only: the position's USDC balance net of what the position cost (negative for a long). */
  rawUsd: v.optional(decimal),
});

export const ClearinghousePosition = v.looseObject({
  coin: v.pipe(v.string(), v.minLength(1)),
  /** Signed size in coins: > 0 long, < 0 short. */
  szi: decimal,
  entryPx: v.nullish(decimal, null),
  positionValue: nonNegativeDecimal,
  unrealizedPnl: decimal,
  liquidationPx: v.nullish(decimal, null),
  marginUsed: nonNegativeDecimal,
  leverage: PositionLeverage,
});

export const ClearinghouseState = v.looseObject({
  assetPositions: v.array(v.looseObject({ position: ClearinghousePosition })),
  time: v.optional(epochMs),
});
