import * as v from 'valibot';
import type { FetchError, Result } from './market-types';
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

export const positiveDecimal = v.pipe(decimal, v.check((n: number) => n > 0, 'expected a positive number'));

/** Epoch milliseconds, sent as a JSON number or as a numeric string depending on the venue. */
export const epochMs = v.pipe(
  v.union([v.pipe(v.number(), v.integer()), v.pipe(v.string(), v.regex(/^\d{1,16}$/), v.transform((s: string) => Number(s)))]),
  v.check((n: number) => n > 0 && Number.isSafeInteger(n), 'expected an epoch time in ms'),
);

/** Validates a parsed body; a failure names the venue, endpoint and the first problem. */
export function parseWith<TSchema extends v.GenericSchema>(
  schema: TSchema,
  body: unknown,
  venue: VenueId,
  endpoint: string,
): Result<v.InferOutput<TSchema>> {
  const parsed = v.safeParse(schema, body);
  if (parsed.success) return { ok: true, value: parsed.output };
  const issue = parsed.issues[0];
  const path = issue.path?.map((p) => String(p.key)).join('.') || '(root)';
  const error: FetchError = {
    kind: 'schema',
    venue,
    endpoint,
    message: `${venue} ${endpoint}: unexpected response at ${path}: ${issue.message}`,
  };
  return { ok: false, error };
}
