import type { FetchError, FetchErrorKind, Http, Result } from '../market-types';
import { venueFailure, venueUrl } from '../request-kit';
import { HYPERLIQUID_API, hyperliquidDescriptor, INFO_PATH, requestWeight, type InfoType } from './descriptor';

/** What a figure's `source` and an error's `endpoint` say: the path alone would not tell requests apart. */
export function infoEndpoint(type: InfoType): string {
  return `${INFO_PATH} ${type}`;
}

export function hyperliquidError(kind: FetchErrorKind, type: InfoType, message: string): { ok: false; error: FetchError } {
  return venueFailure(hyperliquidDescriptor, kind, infoEndpoint(type), message);
}

/** The request body for a dex: the main dex's requests carry no `dex` at all, as they always have. */
export const forDex = <T extends { type: InfoType }>(body: T, dex: string): T | (T & { dex: string }) => (dex === '' ? body : { ...body, dex });

/**
 * POSTs one info request. The URL is fixed; only the body varies, and it is built by the callers
 * from validated values (JSON serialisation does the escaping).
 */
export async function postInfo(
  http: Http,
  body: { type: InfoType } & Record<string, unknown>,
  opts: { shareForMs?: number; maxItems?: number; accept?: (body: unknown) => boolean; background?: true } = {},
): Promise<Result<unknown>> {
  const res = await http({
    url: venueUrl(HYPERLIQUID_API, INFO_PATH),
    method: 'POST',
    body,
    weight: requestWeight(body.type, opts.maxItems),
    ...(opts.shareForMs === undefined ? {} : { shareForMs: opts.shareForMs }),
    ...(opts.accept === undefined ? {} : { accept: opts.accept }),
    ...(opts.background ? { background: true as const } : {}),
  });
  // Unknown coins are answered with HTTP 500 (seen for fundingHistory); should a request type answer
  // HTTP 200 with a bare `null` instead (UNSURE), that is a refusal too, not an empty series.
  if (res.ok && res.value === null) return hyperliquidError('bad-request', body.type, 'the venue answered null (unknown coin?)');
  return res;
}
