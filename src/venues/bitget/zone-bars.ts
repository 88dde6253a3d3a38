import * as v from 'valibot';
import type { Http, Instrument, Result, ZoneBars } from '../market-types';
import { venueFailure } from '../request-kit';
import { candleProblem, gridCount, joinZoneBars, zoneSpan, type ZoneCandle } from '../zone-bars';
import { BITGET_PATH, bitgetDescriptor } from './descriptor';
import { bitgetGet, bitgetUrl } from './request';
import { CandleRow } from './schemas';

// The zone model's 15-minute bars on Bitget: /candles granularity 15m over the span in one request
// (up to 1000 rows; the endpoint reaches about 30 days back at 15m, ccxt's tested figure), oldest
// first, volume index 5 in the base coin. Bitget publishes no open-interest history and no taker
// split with its candles: every bar carries oi null (the background fills it from the open interest
// it recorded while watching) and takerBuy null (the model splits 50/50 and says so).

const PATH = BITGET_PATH.candles;
const GRANULARITY = '15m';
const MAX_ROWS = 1000;

export async function bitgetZoneBars(inst: Instrument, http: Http, since: number | null): Promise<Result<ZoneBars>> {
  const span = zoneSpan(Date.now(), since);
  if (span.from > span.last) return { ok: true, value: { bars: [], source: PATH, fetchedAt: Date.now() } };
  // Bitget wants the bounds on the granularity's grid ("must be rounded down"): the first bar's open
  // and the running bar's, which is left out below whether the end is inclusive or not. At most 673 rows.
  const limit = Math.min(MAX_ROWS, gridCount(span.from, span.running));
  const url = bitgetUrl(PATH, {
    symbol: inst.symbol,
    granularity: GRANULARITY,
    startTime: String(span.from),
    endTime: String(span.running),
    limit: String(limit),
  });
  const rows = await bitgetGet(http, url, v.array(CandleRow));
  if (!rows.ok) return rows;
  // A listed market always has its running candle: an empty list is a broken answer.
  if (rows.value.length === 0) return venueFailure(bitgetDescriptor, 'schema', PATH, `no ${GRANULARITY} candles for ${inst.symbol}`);
  const candles: ZoneCandle[] = [];
  for (const r of rows.value) {
    const candle = { time: r[0], high: r[2], low: r[3], close: r[4], volume: r[5], takerBuy: null };
    const problem = candleProblem(candle);
    if (problem) return venueFailure(bitgetDescriptor, 'schema', PATH, problem);
    candles.push(candle);
  }
  return { ok: true, value: { bars: joinZoneBars(candles, null, span), source: PATH, fetchedAt: Date.now() } };
}
