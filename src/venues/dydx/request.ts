import * as v from 'valibot';
import type { Http, Result } from '../market-types';
import { parseWith } from '../schema';
import { DYDX_INDEXER, dydxDescriptor } from './descriptor';
import { ErrorBody } from './schemas';

/**
 * Builds an indexer URL: `segments` are path parts after /v4, each one encoded (a ticker or an
 * address never becomes a path separator); parameters are set through URLSearchParams.
 */
export function dydxUrl(segments: readonly string[], params: Record<string, string> = {}): URL {
  const url = new URL(`${DYDX_INDEXER}/${segments.map((s) => encodeURIComponent(s)).join('/')}`);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url;
}

export async function dydxGet<TSchema extends v.GenericSchema>(
  http: Http,
  url: URL,
  schema: TSchema,
  shareForMs?: number,
  usable: (body: v.InferOutput<TSchema>) => boolean = () => true,
): Promise<Result<v.InferOutput<TSchema>>> {
  const endpoint = url.pathname;
  const accept = (b: unknown) => v.is(schema, b) && usable(v.parse(schema, b));
  const res = await http(shareForMs === undefined ? { url } : { url, shareForMs, accept });
  if (!res.ok) return res;
  // The indexer answers errors with HTTP 4xx, but an error body passed through as data is still one.
  const err = v.safeParse(ErrorBody, res.value);
  if (err.success) {
    const msg = err.output.errors.map((e) => e.msg).join('; ');
    return { ok: false, error: { kind: 'bad-request', venue: 'dydx', endpoint, message: `dydx ${endpoint}: ${msg}` } };
  }
  return parseWith(schema, res.value, dydxDescriptor, endpoint);
}
