import * as v from 'valibot';
import type { FetchErrorKind, Http, Result } from '../market-types';
import { parseWith } from '../schema';
import { OKX_API, okxDescriptor } from './descriptor';
import { Envelope, envelopeOf } from './schemas';

// Codes OKX returns inside HTTP 200 (docs-v5 "Error codes"): 51001 "Instrument ID ... doesn't exist",
// 51000 "Parameter {param} error", 50011 "Rate limit reached".
const CODE_KIND: Readonly<Record<string, FetchErrorKind>> = {
  '51001': 'bad-request',
  '51000': 'bad-request',
  '50011': 'rate-limited',
};

/** Builds an OKX URL from a fixed path and parameters, every value encoded by URLSearchParams. */
export function okxUrl(path: string, params: Record<string, string>): URL {
  const url = new URL(path, OKX_API);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url;
}

/** GETs an OKX endpoint, refuses a non-"0" envelope, and validates every row of `data`. */
export async function okxGet<TRow extends v.GenericSchema>(http: Http, url: URL, row: TRow, shareForMs?: number): Promise<Result<v.InferOutput<TRow>[]>> {
  const endpoint = url.pathname;
  // An empty data list is an error here (rowFor): sharing one would replay it for the whole period.
  const accept = (b: unknown) => v.is(envelopeOf(row), b) && b.code === '0' && b.data.length > 0;
  const res = await http(shareForMs === undefined ? { url } : { url, shareForMs, accept });
  if (!res.ok) return res;
  const env = parseWith(Envelope, res.value, okxDescriptor, endpoint);
  if (!env.ok) return env;
  // OKX codes are digit strings; anything else ("NaN", "") is a broken envelope, not a venue error to quote.
  if (!/^\d{1,6}$/.test(env.value.code))
    return { ok: false, error: { kind: 'schema', venue: 'okx', endpoint, message: `okx ${endpoint}: unexpected response code` } };
  if (env.value.code !== '0') {
    const { code, msg } = env.value;
    return {
      ok: false,
      error: { kind: CODE_KIND[code] ?? 'http', venue: 'okx', endpoint, message: `okx ${endpoint}: code ${code}${msg ? ` (${msg})` : ''}` },
    };
  }
  const parsed = parseWith(envelopeOf(row), res.value, okxDescriptor, endpoint);
  if (!parsed.ok) return parsed;
  return { ok: true, value: parsed.value.data };
}
