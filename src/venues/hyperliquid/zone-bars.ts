import { ZONE_BAR_MS, type Http, type Instrument, type Result, type ZoneBars } from '../market-types';
import { parseWith } from '../schema';
import { candleProblem, gridCount, joinZoneBars, zoneSpan, type ZoneCandle } from '../zone-bars';
import { hyperliquidDescriptor } from './descriptor';
import { hyperliquidError, infoEndpoint, postInfo } from './info';
import { CandleRows } from './schemas';
import { isHyperliquidCoin } from './symbol';

// The zone model's 15-minute bars on Hyperliquid: candleSnapshot interval 15m over the span, in one
// request (the venue keeps the latest 5000 candles, 52 days at 15m, and returns the whole window).
// Volume `v` is in base units. Hyperliquid publishes no open-interest history and no taker split:
// every bar carries oi null (the background fills it from the OI it recorded while watching) and
// takerBuy null. Bars are returned once closed.

const INTERVAL = '15m';

export async function hyperliquidZoneBars(inst: Instrument, http: Http, since: number | null): Promise<Result<ZoneBars>> {
  const type = 'candleSnapshot';
  const endpoint = infoEndpoint(type);
  const coin = inst.symbol;
  if (!isHyperliquidCoin(coin)) return hyperliquidError('unknown-symbol', type, `${coin} is not a Hyperliquid perpetual`);
  const span = zoneSpan(Date.now(), since);
  if (span.from > span.last) return { ok: true, value: { bars: [], source: endpoint, fetchedAt: Date.now() } };
  // The weight grows with the candles returned: at most one per grid time from `from` to now.
  const maxItems = gridCount(span.from, span.running);
  const body = await postInfo(http, { type, req: { coin, interval: INTERVAL, startTime: span.from, endTime: span.now } }, { maxItems });
  if (!body.ok) return body;
  const rows = parseWith(CandleRows, body.value, hyperliquidDescriptor, endpoint);
  if (!rows.ok) return rows;
  const candles: ZoneCandle[] = [];
  for (const row of rows.value) {
    // `i` names the interval, and a 15-minute candle closes 15 minutes less 1 ms after it opens.
    if (row.s !== coin || row.i !== INTERVAL || row.T !== row.t + ZONE_BAR_MS - 1) {
      return hyperliquidError('schema', type, `asked for ${coin} ${INTERVAL} candles, got ${row.s} ${row.i} from ${row.t} to ${row.T}`);
    }
    const candle = { time: row.t, high: row.h, low: row.l, close: row.c, volume: row.v, takerBuy: null };
    const problem = candleProblem(candle);
    if (problem) return hyperliquidError('schema', type, problem);
    candles.push(candle);
  }
  return { ok: true, value: { bars: joinZoneBars(candles, null, span), source: endpoint, fetchedAt: Date.now() } };
}
