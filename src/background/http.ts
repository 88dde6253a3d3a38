import { VENUE_NAMES } from '../venues/names';
import type { FetchError, Result } from '../venues/market-types';
import type { VenueId } from '../venues/types';

export interface JsonRequest {
  venue: VenueId;
  /** Absolute URL built by a venue client from validated parameters only. */
  url: URL;
  method?: 'GET' | 'POST';
  body?: unknown;
  timeoutMs?: number;
  /** Units of the venue's limit this request costs: bookkeeping for the benchmarks, not sent. */
  weight?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

/** The `code` of a JSON error body (`{"code":-1121,"msg":"Invalid symbol."}`), kept only when it is a short integer. */
function venueCodeOf(body: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    if (!parsed || typeof parsed !== 'object' || !('code' in parsed)) return undefined;
    const code = String(parsed.code);
    return /^-?\d{1,8}$/.test(code) ? code : undefined;
  } catch {
    return undefined;
  }
}

function statusError(venue: VenueId, endpoint: string, res: Response, body: string, now: number): FetchError {
  const status = res.status;
  const wait = retryAfterMs(res.headers.get('retry-after'), now);
  const venueCode = venueCodeOf(body);
  const base = { venue, endpoint, status, ...(wait === undefined ? {} : { retryAt: now + wait }), ...(venueCode === undefined ? {} : { venueCode }) };
  // 451 is Binance's "restricted location"; Bybit blocks regions with a plain 403 (rate bans are 403 too,
  // told apart later by the body). Neither is an outage, and neither is retried in a loop.
  if (status === 451) return { ...base, kind: 'region-blocked', message: `${VENUE_NAMES[venue]} blocks your region (HTTP 451)` };
  if (status === 429 || status === 418) {
    return { ...base, kind: 'rate-limited', message: `${VENUE_NAMES[venue]} rate limit reached (HTTP ${status})` };
  }
  // 403 is both Bybit's rate ban ("access too frequent") and a region/WAF block: tell them apart by
  // the body or a Retry-After, and treat the rest as a block.
  if (status === 403) {
    return wait !== undefined || /too frequent|rate limit|too many/i.test(body)
      ? { ...base, kind: 'rate-limited', message: `${VENUE_NAMES[venue]} rate limit reached (HTTP 403)` }
      : { ...base, kind: 'region-blocked', message: `${VENUE_NAMES[venue]} blocks access from your region or network (HTTP 403)` };
  }
  if (status === 400 || status === 404) return { ...base, kind: 'bad-request', message: `${VENUE_NAMES[venue]} rejected the request (HTTP ${status})` };
  return { ...base, kind: 'http', message: `${VENUE_NAMES[venue]} answered HTTP ${status}` };
}

/** A venue's response as a result: its status mapped to a typed error, its body parsed as JSON. */
export async function resultOf(venue: VenueId, endpoint: string, res: Response): Promise<Result<unknown>> {
  const text = await res.text();
  if (!res.ok) return { ok: false, error: statusError(venue, endpoint, res, text.slice(0, 500), Date.now()) };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, error: { kind: 'malformed', venue, endpoint, message: `${VENUE_NAMES[venue]} sent a body that is not JSON` } };
  }
}

/** Fetches and parses JSON, mapping every failure to a typed error; aborts on timeout. */
export async function fetchJson(req: JsonRequest): Promise<Result<unknown>> {
  const endpoint = req.url.pathname;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), req.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  try {
    const init: RequestInit = {
      method: req.method ?? 'GET',
      signal: controller.signal,
      credentials: 'omit',
      cache: 'no-store',
      headers: { accept: 'application/json' },
    };
    if (req.body !== undefined) {
      init.body = JSON.stringify(req.body);
      init.headers = { accept: 'application/json', 'content-type': 'application/json' };
    }
    const res = await fetch(req.url, init);
    return await resultOf(req.venue, endpoint, res);
  } catch (err) {
    const aborted = controller.signal.aborted;
    return {
      ok: false,
      error: {
        kind: aborted ? 'timeout' : 'network',
        venue: req.venue,
        endpoint,
        message: aborted
          ? `${VENUE_NAMES[req.venue]} did not answer in time`
          : `${VENUE_NAMES[req.venue]} is unreachable (${err instanceof Error ? err.message : 'network error'})`,
      },
    };
  } finally {
    clearTimeout(timer);
  }
}
