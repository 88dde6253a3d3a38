import * as v from 'valibot';
import type { Http, Result } from '../market-types';
import { envelope, getJson, venueUrl } from '../request-kit';
import { LIGHTER_API, lighterDescriptor } from './descriptor';
import { Envelope } from './schemas';

/** A Lighter REST URL from a fixed path and parameters, every value encoded by URLSearchParams. */
export function lighterUrl(path: string, params: Record<string, string | undefined>): URL {
  return venueUrl(LIGHTER_API, path, params);
}

/** `{"code":200,…}` is success, with the payload beside the code; any other code is Lighter refusing. */
const ENVELOPE = envelope(Envelope, (e) => (e.code === 200 ? { ok: true, payload: e } : { ok: false, code: String(e.code), message: e.message ?? '' }));

/** GETs a Lighter endpoint, refuses any code but 200, and validates the body with `schema`. */
export function lighterGet<S extends v.GenericSchema>(
  http: Http,
  url: URL,
  schema: S,
  o: { shareForMs?: number; usable?: (payload: v.InferOutput<S>) => boolean } = {},
): Promise<Result<v.InferOutput<S>>> {
  return getJson(http, lighterDescriptor, url, schema, {
    envelope: ENVELOPE,
    ...(o.usable === undefined ? {} : { usable: o.usable }),
    ...(o.shareForMs === undefined ? {} : { shareForMs: o.shareForMs }),
  });
}

/** Lighter's times: seconds on some endpoints, milliseconds on others; read as ms either way. */
export const asMs = (t: number): number => (t < 1e11 ? t * 1000 : t);
