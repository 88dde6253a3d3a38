import { type Http, type Instrument, type Result, type ZoneBars } from '../market-types';
import { venueFailure } from '../request-kit';
import { candleProblem, gridBounds, gridChunks, joinZoneBars, zoneSpan, type ZoneCandle } from '../zone-bars';
import { dydxDescriptor } from './descriptor';
import { dydxGet, dydxUrl } from './request';
import { ZoneCandlesResponse } from './schemas';

// The zone model's 15-minute bars on dYdX: one series carries both halves. A candle's
// startingOpenInterest is the open interest when it OPENED, so a bar's close OI is the next candle's
// startingOpenInterest; the newest closed bar takes it from the running candle. Volume is
// baseTokenVolume; the indexer publishes no taker split.

const RESOLUTION = '15MINS';
/**
 * The indexer caps `limit` at API_LIMIT_V4 (1000 in comlink's config, 100 in older releases); the 673
 * rows of a cold start are one request. fromISO is inclusive and toISO exclusive on startedAt, and
 * rows come newest first (postgres candle-table findAll).
 */
const PAGE = 1000;

const failure = (endpoint: string, message: string) => venueFailure(dydxDescriptor, 'schema', endpoint, message);

export async function dydxZoneBars(inst: Instrument, http: Http, since: number | null): Promise<Result<ZoneBars>> {
  const span = zoneSpan(Date.now(), since);
  const endpoint = dydxUrl(['candles', 'perpetualMarkets', inst.symbol]).pathname;
  if (span.from > span.last) return { ok: true, value: { bars: [], source: endpoint, fetchedAt: Date.now() } };
  const candles: ZoneCandle[] = [];
  const oiAtClose = new Map<number, number>();
  // Up to the running candle: its startingOpenInterest is the newest closed bar's close OI.
  for (const p of gridChunks(span.from, span.running, PAGE)) {
    const { start, end } = gridBounds(p.first, p.last);
    const params = { resolution: RESOLUTION, fromISO: new Date(start).toISOString(), toISO: new Date(end).toISOString(), limit: String(p.count) };
    const r = await dydxGet(http, dydxUrl(['candles', 'perpetualMarkets', inst.symbol], params), ZoneCandlesResponse);
    if (!r.ok) return r;
    for (const c of r.value.candles) {
      if (c.ticker !== inst.symbol || c.resolution !== RESOLUTION) {
        return failure(endpoint, `asked for ${inst.symbol} ${RESOLUTION}, got ${c.ticker} ${c.resolution}`);
      }
      const candle = { time: c.startedAt, high: c.high, low: c.low, close: c.close, volume: c.baseTokenVolume, takerBuy: null };
      const problem = candleProblem(candle);
      if (problem) return failure(endpoint, problem);
      candles.push(candle);
      // Keyed by the time it is the close OI of: this candle's open, the previous bar's close.
      oiAtClose.set(c.startedAt, c.startingOpenInterest);
    }
  }
  return { ok: true, value: { bars: joinZoneBars(candles, oiAtClose, span), source: endpoint, fetchedAt: Date.now() } };
}
