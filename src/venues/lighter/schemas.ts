import * as v from 'valibot';
import { decimal, nonNegativeDecimal, positiveDecimal } from '../schema';

// Shapes of Lighter's public answers (apidocs.lighter.xyz; field names and types from the generated
// SDK models, lighter-python docs/*.md). REST answers carry `code` 200 on success. Prices and rates
// come as decimal strings on the websocket and in funding rows, as JSON numbers in orderBookDetails.
// Loose objects: Lighter adds fields without notice.

/** An integer sent as a JSON number or as a digit string (Lighter writes the same field both ways). */
const int = v.union([
  v.pipe(v.number(), v.integer()),
  v.pipe(
    v.string(),
    v.regex(/^-?\d{1,16}$/),
    v.transform((x: string) => Number(x)),
  ),
]);

export const Envelope = v.looseObject({
  code: int,
  message: v.optional(v.nullable(v.string())),
});

const finite = v.pipe(
  v.number(),
  v.check((n: number) => Number.isFinite(n), 'expected a finite number'),
);
/** A JSON number or a decimal string (Lighter writes the same figure both ways on different endpoints). */
const numberish = v.union([finite, decimal]);
const nonNegative = v.pipe(
  numberish,
  v.check((n: number) => n >= 0, 'expected a number ≥ 0'),
);
const positive = v.pipe(
  numberish,
  v.check((n: number) => n > 0, 'expected a positive number'),
);

/** A margin fraction as Lighter counts it: an integer where 10,000 is 100% (ETH 500 = 5%). */
const fraction = v.pipe(
  v.number(),
  v.integer(),
  v.check((n: number) => n > 0 && n < 10_000, 'expected a margin fraction between 0 and 10,000'),
  v.transform((n: number) => n / 10_000),
);

/** Only the identifying fields per row: one odd listing must not take the whole list down. */
export const DetailRow = v.looseObject({
  symbol: v.string(),
  market_id: v.pipe(v.number(), v.integer(), v.minValue(0)),
  market_type: v.optional(v.string(), 'perp'),
  status: v.string(),
});
export type DetailRow = v.InferOutput<typeof DetailRow>;

/** The numbers of a usable row; a row that fails here is left out rather than guessed. */
export const DetailNumbers = v.looseObject({
  price_decimals: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(12)),
  default_initial_margin_fraction: fraction,
  min_initial_margin_fraction: fraction,
  maintenance_margin_fraction: fraction,
  closeout_margin_fraction: fraction,
});
export type DetailNumbers = v.InferOutput<typeof DetailNumbers>;

export const DetailsBody = v.looseObject({ order_book_details: v.array(v.unknown()) });

/** A price Lighter may leave out, null or blank (a market with no trade yet): null then. */
const optionalPrice = v.optional(
  v.nullable(
    v.union([
      positiveDecimal,
      v.pipe(
        v.literal(''),
        v.transform((): null => null),
      ),
    ]),
  ),
  null,
);

/** One market's stats as the websocket pushes them; prices as decimal strings, rates in percent. */
export const Stats = v.looseObject({
  market_id: v.pipe(v.number(), v.integer(), v.minValue(0)),
  mark_price: positiveDecimal,
  index_price: optionalPrice,
  last_trade_price: optionalPrice,
  /** The running hour's predicted rate, a signed percent per hour (0.0012 = 0.0012 %). */
  current_funding_rate: decimal,
  /**
   * In USD, unlike the list's coins: ccxt's captured ETH stats read "122736286.659423" beside a mark
   * of 3013.91 (40,723 ETH), while orderBookDetails said 39,559 ETH.
   */
  open_interest: v.optional(v.nullable(nonNegativeDecimal), null),
  /** The next settlement (epoch ms; seconds accepted and scaled). */
  funding_timestamp: v.optional(v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0))), null),
});
export type Stats = v.InferOutput<typeof Stats>;

/** A settled hour: `rate` an unsigned percent, `direction` the side that paid. */
export const FundingRow = v.looseObject({
  timestamp: v.pipe(v.number(), v.integer(), v.minValue(1)),
  rate: nonNegativeDecimal,
  direction: v.picklist(['long', 'short']),
});
export const FundingsBody = v.looseObject({ fundings: v.array(FundingRow) });

/** A candle in Lighter's short form: `t` its open (ms), `v` base volume. */
export const CandleRow = v.looseObject({
  t: v.pipe(v.number(), v.integer(), v.minValue(1)),
  o: positive,
  h: positive,
  l: positive,
  c: positive,
  v: v.optional(nonNegative, 0),
});
export type CandleRow = v.InferOutput<typeof CandleRow>;
export const CandlesBody = v.looseObject({ c: v.array(CandleRow) });

/** An account's position: `position` the unsigned size in coins, `sign` 1 long / −1 short. */
export const AccountPosition = v.looseObject({
  market_id: v.pipe(int, v.minValue(0)),
  symbol: v.string(),
  sign: v.pipe(int, v.picklist([1, -1, 0])),
  position: nonNegativeDecimal,
  avg_entry_price: nonNegativeDecimal,
  position_value: v.optional(nonNegativeDecimal),
  unrealized_pnl: v.optional(decimal),
  liquidation_price: v.optional(
    v.union([
      nonNegativeDecimal,
      v.pipe(
        v.literal(''),
        v.transform(() => 0),
      ),
    ]),
    '0',
  ),
  /** A percent ("5.00" = 5 %, 20×). */
  initial_margin_fraction: v.optional(nonNegativeDecimal),
  /** 0 cross, 1 isolated. */
  margin_mode: v.optional(v.pipe(int, v.picklist([0, 1]))),
  allocated_margin: v.optional(nonNegativeDecimal),
});
export const AccountRow = v.looseObject({ positions: v.optional(v.array(v.unknown()), []) });
export const AccountsBody = v.looseObject({ accounts: v.array(AccountRow) });
