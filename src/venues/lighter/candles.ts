import type { Http, Result } from '../market-types';
import { venueFailure } from '../request-kit';
import { LIGHTER_PATH, lighterDescriptor } from './descriptor';
import { asMs, lighterGet, lighterUrl } from './request';
import { CandlesBody, type CandleRow } from './schemas';

const PATH = LIGHTER_PATH.candles;
/** Lighter answers at most 500 candles a request. */
export const LIGHTER_MAX_CANDLES = 500;

/**
 * A market's candles of one resolution from `from` to `to` (ms; sent as seconds, the unit most of
 * Lighter's integrators send), oldest first, `t` as ms. At most 500: a longer span is the caller's to split.
 */
export async function lighterCandles(
  marketId: number,
  resolution: '15m' | '1h' | '1d',
  from: number,
  to: number,
  count: number,
  http: Http,
): Promise<Result<(CandleRow & { time: number })[]>> {
  const url = lighterUrl(PATH, {
    market_id: String(marketId),
    resolution,
    start_timestamp: String(Math.floor(from / 1000)),
    end_timestamp: String(Math.ceil(to / 1000)),
    count_back: String(Math.min(LIGHTER_MAX_CANDLES, count)),
  });
  const body = await lighterGet(http, url, CandlesBody);
  if (!body.ok) return body;
  // A listed market always has its running candle: an empty list is a broken answer.
  if (body.value.c.length === 0) return venueFailure(lighterDescriptor, 'schema', PATH, `no ${resolution} candles for market ${marketId}`);
  const rows = body.value.c.map((r) => ({ ...r, time: asMs(r.t) })).sort((a, b) => a.time - b.time);
  for (const r of rows) {
    if (!(r.l <= r.c && r.c <= r.h && r.l <= r.o && r.o <= r.h))
      return venueFailure(lighterDescriptor, 'schema', PATH, `the candle at ${r.time} has prices out of order`);
  }
  return { ok: true, value: rows };
}
