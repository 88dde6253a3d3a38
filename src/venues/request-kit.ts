import * as v from 'valibot';
import type { FetchError, FetchErrorKind, Http, Result, VenueDescriptor } from './market-types';
import { parseWith } from './schema';

// What every market client does with a request, in one place: build the URL from a fixed path and
// validated parameters, GET it through the venue's gate (sharing an answer only when it is usable),
// unwrap the venue's envelope, map the venue's own error codes (data in its descriptor) and validate
// the payload. A failure names the venue as it writes itself.

export type Venue = Pick<VenueDescriptor, 'venue' | 'name' | 'errorCodes'>;
export type Failure = { ok: false; error: FetchError };

export function venueFailure(d: Pick<VenueDescriptor, 'venue' | 'name'>, kind: FetchErrorKind, endpoint: string, message: string): Failure {
  return { ok: false, error: { kind, venue: d.venue, endpoint, message: `${d.name} ${endpoint}: ${message}` } };
}

/**
 * A URL under `base` (an origin, or an origin with a path prefix such as dYdX's `/v4`): `path` is fixed
 * by the client, and every parameter goes through URLSearchParams (an undefined one is left out).
 */
export function venueUrl(base: string, path: string, params: Record<string, string | undefined> = {}): URL {
  const url = new URL(`${base.replace(/\/$/, '')}${path}`);
  for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, value);
  return url;
}

/** What a venue's own error code means (its descriptor's table); a code it does not list is a plain HTTP-level failure. */
export function codeKind(d: Venue, code: string | number): { kind: FetchErrorKind; means?: string } {
  return d.errorCodes?.[String(code)] ?? { kind: 'http' };
}

export type EnvelopeRead = { ok: true; payload: unknown } | { ok: false; code: string; message: string } | null;

/** A venue's envelope around the payload: its code (success or not), its message, and the payload. */
export interface Envelope {
  /** Validates the envelope; the payload is what the request's schema then checks. */
  schema: v.GenericSchema;
  /** From a body the schema took: the payload, or the venue's error code and message; null for a code that is no code. */
  read(body: unknown): EnvelopeRead;
  /** The payload's key in the envelope, when a problem in it is to be named from the envelope down (`data.0.markPx`). */
  key?: string;
}

/** An envelope from its schema and a reader of the parsed envelope. */
export function envelope<E extends v.GenericSchema>(schema: E, read: (body: v.InferOutput<E>) => EnvelopeRead, key?: string): Envelope {
  return { schema, read: (body) => read(v.parse(schema, body)), ...(key === undefined ? {} : { key }) };
}

export interface GetOptions<T> {
  /** Share one answer for this long between every caller (the gate's sharing). */
  shareForMs?: number;
  /** A valid answer that must not be shared (an empty list would be replayed for the whole period). */
  usable?: (payload: T) => boolean;
  envelope?: Envelope;
  /** Units of the venue's rate limit the request costs (Binance klines weigh more as `limit` grows); default 1. */
  weight?: number;
}

/** GETs `url`, unwraps the venue's envelope if it has one, and validates the payload with `schema`. */
export async function getJson<S extends v.GenericSchema>(
  http: Http,
  d: Venue,
  url: URL,
  schema: S,
  o: GetOptions<v.InferOutput<S>> = {},
): Promise<Result<v.InferOutput<S>>> {
  const endpoint = url.pathname;
  const usable = o.usable ?? (() => true);
  const env = o.envelope;
  /** The envelope of a body the gate holds, read when its schema takes it. */
  const envelopeOf = (b: unknown): EnvelopeRead => (env && v.is(env.schema, b) ? env.read(b) : null);
  const payloadOf = (b: unknown): unknown => {
    if (!env) return b;
    const read = envelopeOf(b);
    return read?.ok ? read.payload : undefined;
  };
  const accept = (b: unknown) => {
    const payload = payloadOf(b);
    return v.is(schema, payload) && usable(v.parse(schema, payload));
  };
  // "Too many" inside a 200's envelope: the gate must back off as for a 429, not retry at the usual pace.
  const refusal = (b: unknown): FetchError | null => {
    const read = envelopeOf(b);
    if (!read || read.ok || codeKind(d, read.code).kind !== 'rate-limited') return null;
    return venueFailure(d, 'rate-limited', endpoint, `code ${read.code}${read.message ? ` (${read.message})` : ''}`).error;
  };
  const body = await http({
    url,
    ...(o.shareForMs === undefined ? {} : { shareForMs: o.shareForMs, accept }),
    ...(env ? { refusal } : {}),
    ...(o.weight === undefined ? {} : { weight: o.weight }),
  });
  if (!body.ok) {
    // An error code in an HTTP error body (Binance's -1121 "Invalid symbol").
    const code = body.error.venueCode;
    const mapped = code === undefined ? null : d.errorCodes?.[code];
    if (code !== undefined && mapped) return venueFailure(d, mapped.kind, endpoint, `${meaning(mapped.means, url)} (code ${code})`);
    return body;
  }
  let payload: unknown = body.value;
  if (o.envelope) {
    const env = parseWith(o.envelope.schema, body.value, d, endpoint);
    if (!env.ok) return env;
    const read = o.envelope.read(env.value);
    if (read === null) return venueFailure(d, 'schema', endpoint, 'unexpected response code');
    if (!read.ok) {
      const { kind, means } = codeKind(d, read.code);
      return venueFailure(d, kind, endpoint, `code ${read.code}${read.message ? ` (${read.message})` : means ? ` (${meaning(means, url)})` : ''}`);
    }
    payload = read.payload;
    const key = o.envelope.key;
    if (key !== undefined) {
      const wrapped = parseWith(v.object({ [key]: schema }), { [key]: payload }, d, endpoint);
      return wrapped.ok ? { ok: true, value: wrapped.value[key] as v.InferOutput<S> } : wrapped;
    }
  }
  return parseWith(schema, payload, d, endpoint);
}

/** A code's meaning for the trader: `{symbol}` is the market the request named. */
function meaning(means: string | undefined, url: URL): string {
  return (means ?? 'refused').replace('{symbol}', url.searchParams.get('symbol') ?? url.searchParams.get('instId') ?? 'this market');
}
