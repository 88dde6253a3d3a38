import * as v from 'valibot';
import type { FetchError, Result, VenueDescriptor } from './market-types';
import type { VenueId } from './types';

// Venues send numbers as decimal strings. "NaN", "Infinity", "" and "1e400" are refused here, at the
// boundary, so no non-finite value can reach the math.
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export const decimal = v.pipe(
  v.string(),
  v.regex(DECIMAL, 'expected a decimal string'),
  v.transform((s: string) => Number(s)),
  v.check((n: number) => Number.isFinite(n), 'expected a finite number'),
);

export const positiveDecimal = v.pipe(
  decimal,
  v.check((n: number) => n > 0, 'expected a positive number'),
);

export const nonNegativeDecimal = v.pipe(
  decimal,
  v.check((n: number) => n >= 0, 'expected a number ≥ 0'),
);

/** A maintenance or initial margin rate as a fraction: at least 0, below 1. */
export const marginRate = v.pipe(
  decimal,
  v.check((n: number) => n >= 0 && n < 1, 'expected a margin rate in [0, 1)'),
);

/** A funding rate as a fraction, below 100% `per` (its period as the venue states it, e.g. " per hour"). */
export function fundingRateBelow100(per = '') {
  return v.pipe(
    decimal,
    v.check((n: number) => Math.abs(n) < 1, `expected a funding rate below 100%${per}`),
  );
}

/** Epoch milliseconds, sent as a JSON number or as a numeric string depending on the venue. */
export const epochMs = v.pipe(
  v.union([
    v.pipe(v.number(), v.integer()),
    v.pipe(
      v.string(),
      v.regex(/^\d{1,16}$/),
      v.transform((s: string) => Number(s)),
    ),
  ]),
  v.check((n: number) => n > 0 && Number.isSafeInteger(n), 'expected an epoch time in ms'),
);

/**
 * A schema issue as a trader may read it (it ends up in the panel's and popup's reasons). valibot
 * writes what it received: "received undefined" for a missing field, "received Infinity" for a JSON
 * 1e999, a venue's own "NaN" string. Those words must never reach the screen, where they read as a
 * broken figure rather than a broken answer.
 */
export function issueText(issue: { message: string; path?: readonly { key: unknown }[] | undefined }): string {
  const path = issue.path?.map((p) => String(p.key)).join('.') || '(root)';
  const message = issue.message
    .replace(/\bundefined\b/g, 'nothing')
    .replace(/-?\bInfinity\b/g, 'an infinite number')
    .replace(/\bNaN\b/g, 'not-a-number');
  return `${path}: ${message}`;
}

/** Validates a parsed body; a failure names the venue, endpoint and the first problem. */
export function parseWith<TSchema extends v.GenericSchema>(
  schema: TSchema,
  body: unknown,
  // The venue's descriptor, not the registry: the registry imports every venue, so a venue's modules never import it back.
  { venue, name }: Pick<VenueDescriptor, 'venue' | 'name'>,
  endpoint: string,
): Result<v.InferOutput<TSchema>> {
  const parsed = v.safeParse(schema, body);
  if (parsed.success) return { ok: true, value: parsed.output };
  const error: FetchError = {
    kind: 'schema',
    venue,
    endpoint,
    message: `${name} ${endpoint}: unexpected response at ${issueText(parsed.issues[0])}`,
  };
  return { ok: false, error };
}

/**
 * How far a mark may sit from the venue's own reference price (index, oracle, last trade) before the
 * answer is refused. Marks are clamped near the index by design (premium caps are a few percent), and
 * even a flash crash moves both together; a mark at 2× or ½ of the index is a unit change, a scaled
 * listing or a corrupt answer, and showing it would put the liquidation distance miles off.
 */
export const MAX_MARK_RATIO = 2;

/** Why `mark` cannot be right next to `reference`, or null when it is plausible (or nothing to compare). */
export function implausibleMark(mark: number, reference: number | null | undefined, what: string): string | null {
  if (reference === null || reference === undefined) return null;
  if (!(reference > 0)) return `${what} ${reference} is not a price`;
  const ratio = mark / reference;
  return ratio > MAX_MARK_RATIO || ratio < 1 / MAX_MARK_RATIO ? `mark ${mark} is implausibly far from the ${what} ${reference}` : null;
}
