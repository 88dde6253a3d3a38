import * as v from 'valibot';
import type { Http, Result } from '../market-types';
import { envelope, getJson, venueUrl } from '../request-kit';
import { BITGET_API, bitgetDescriptor } from './descriptor';
import { Envelope } from './schemas';

export const PRODUCT_TYPE = 'USDT-FUTURES';

/** A Bitget URL from a fixed path and parameters (productType added), every value encoded by URLSearchParams. */
export function bitgetUrl(path: string, params: Record<string, string | undefined>): URL {
  return venueUrl(BITGET_API, path, { productType: PRODUCT_TYPE, ...params });
}

/** `{"code":"00000","msg":"success","data":…}`: "00000" is success; Bitget's codes are digit strings, anything else a broken envelope. */
const ENVELOPE = envelope(
  Envelope,
  (e) => {
    if (!/^\d{1,6}$/.test(e.code)) return null;
    return e.code === '00000' ? { ok: true, payload: e.data } : { ok: false, code: e.code, message: e.msg ?? '' };
  },
  'data',
);

/** GETs a Bitget endpoint, refuses any code but "00000", and validates `data` with `schema`. */
export function bitgetGet<S extends v.GenericSchema>(
  http: Http,
  url: URL,
  schema: S,
  o: { shareForMs?: number; usable?: (payload: v.InferOutput<S>) => boolean } = {},
): Promise<Result<v.InferOutput<S>>> {
  return getJson(http, bitgetDescriptor, url, schema, {
    envelope: ENVELOPE,
    ...(o.usable === undefined ? {} : { usable: o.usable }),
    ...(o.shareForMs === undefined ? {} : { shareForMs: o.shareForMs }),
  });
}
