import * as v from 'valibot';
import type { Http, Result } from '../market-types';
import { envelope, getJson, venueUrl } from '../request-kit';
import { OKX_API, okxDescriptor } from './descriptor';
import { Envelope } from './schemas';

/** Builds an OKX URL from a fixed path and parameters, every value encoded by URLSearchParams. */
export function okxUrl(path: string, params: Record<string, string>): URL {
  return venueUrl(OKX_API, path, params);
}

/** `{"code":"0","msg":"","data":[...]}`: code "0" is success; OKX codes are digit strings, anything else a broken envelope. */
const ENVELOPE = envelope(
  Envelope,
  (e) => {
    const data = e['data'];
    if (!/^\d{1,6}$/.test(e.code)) return null;
    return e.code === '0' ? { ok: true, payload: data } : { ok: false, code: e.code, message: e.msg };
  },
  'data',
);

/** GETs an OKX endpoint, refuses a non-"0" envelope, and validates every row of `data`. */
export function okxGet<TRow extends v.GenericSchema>(http: Http, url: URL, row: TRow, shareForMs?: number): Promise<Result<v.InferOutput<TRow>[]>> {
  // An empty data list is an error here (rowFor): sharing one would replay it for the whole period.
  return getJson(http, okxDescriptor, url, v.array(row), {
    envelope: ENVELOPE,
    usable: (rows) => rows.length > 0,
    ...(shareForMs === undefined ? {} : { shareForMs }),
  });
}
