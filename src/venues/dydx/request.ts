import * as v from 'valibot';
import type { Http, Result } from '../market-types';
import { getJson, venueFailure, venueUrl } from '../request-kit';
import { parseWith } from '../schema';
import { DYDX_INDEXER, dydxDescriptor } from './descriptor';
import { ErrorBody } from './schemas';

/**
 * Builds an indexer URL: `segments` are path parts after /v4, each one encoded (a ticker or an
 * address never becomes a path separator); parameters are set through URLSearchParams.
 */
export function dydxUrl(segments: readonly string[], params: Record<string, string> = {}): URL {
  return venueUrl(DYDX_INDEXER, `/${segments.map((s) => encodeURIComponent(s)).join('/')}`, params);
}

export async function dydxGet<TSchema extends v.GenericSchema>(
  http: Http,
  url: URL,
  schema: TSchema,
  shareForMs?: number,
  usable?: (body: v.InferOutput<TSchema>) => boolean,
): Promise<Result<v.InferOutput<TSchema>>> {
  // The body is checked here, after the error body: a schema problem is then named in the payload's own terms.
  const r = await getJson(http, dydxDescriptor, url, v.unknown(), {
    ...(shareForMs === undefined ? {} : { shareForMs }),
    // An error body is never shared; a usable answer is.
    usable: (b) => !v.is(ErrorBody, b) && v.is(schema, b) && (usable === undefined || usable(v.parse(schema, b))),
  });
  if (!r.ok) return r;
  // The indexer answers errors with HTTP 4xx, but an error body passed through as data is still one.
  const err = v.safeParse(ErrorBody, r.value);
  if (err.success) return venueFailure(dydxDescriptor, 'bad-request', url.pathname, err.output.errors.map((e) => e.msg).join('; '));
  return parseWith(schema, r.value, dydxDescriptor, url.pathname);
}
