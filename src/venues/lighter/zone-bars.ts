import type { Http, Instrument, Result, ZoneBars } from '../market-types';
import { venueFailure } from '../request-kit';
import { candleProblem, gridBounds, gridChunks, joinZoneBars, pageByPage, zoneSpan, type ZoneCandle } from '../zone-bars';
import { lighterCandles, LIGHTER_MAX_CANDLES } from './candles';
import { LIGHTER_PATH, lighterDescriptor } from './descriptor';
import { lighterMarket } from './markets';

// The zone model's 15-minute bars on Lighter: /candles resolution 15m, 500 a request, so the 7-day
// span is two pages on a cold start and one afterwards. `v` is the base volume. Lighter publishes no
// taker split with its candles and no open-interest history: every bar carries takerBuy null (the
// model splits new open interest 50/50 and says so) and oi null (the background fills it from the
// open interest it recorded while watching).

const PATH = LIGHTER_PATH.candles;

export async function lighterZoneBars(inst: Instrument, http: Http, since: number | null): Promise<Result<ZoneBars>> {
  const span = zoneSpan(Date.now(), since);
  if (span.from > span.last) return { ok: true, value: { bars: [], source: PATH, fetchedAt: Date.now() } };
  const market = await lighterMarket(inst.symbol, http);
  if (!market.ok) return market;
  const rows = await pageByPage(gridChunks(span.from, span.last, LIGHTER_MAX_CANDLES), async (page) => {
    const { start, end } = gridBounds(page.first, page.last);
    return lighterCandles(market.value.id, '15m', start, end, page.count, http);
  });
  if (!rows.ok) return rows;
  const candles: ZoneCandle[] = [];
  for (const r of rows.value) {
    const candle = { time: r.time, high: r.h, low: r.l, close: r.c, volume: r.v, takerBuy: null };
    const problem = candleProblem(candle);
    if (problem) return venueFailure(lighterDescriptor, 'schema', PATH, problem);
    candles.push(candle);
  }
  return { ok: true, value: { bars: joinZoneBars(candles, null, span), source: PATH, fetchedAt: Date.now() } };
}
