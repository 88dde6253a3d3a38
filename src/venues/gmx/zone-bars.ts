import type { Http, Instrument, Result, ZoneBars } from '../market-types';
import { getJson, venueFailure } from '../request-kit';
import { candleProblem, gridCount, joinZoneBars, zoneSpan, type ZoneCandle } from '../zone-bars';
import { GMX_PATH, gmxDescriptor } from './descriptor';
import { gmxKeeperUrl as keeper } from './request';
import { CandlesBody, type TickerRow } from './schemas';

// The zone model's 15-minute bars on GMX: the oracle keeper's candles of the market's index token,
// newest first, in one request (the keeper serves up to 10,000). They carry no volume and GMX
// publishes no open-interest history: every bar has volume 0, no taker split (the model splits
// new open interest 50/50 and says so) and oi null (the background fills it from the open interest
// it recorded while watching).

const PATH = GMX_PATH.candles;

export async function gmxZoneBars(
  inst: Instrument,
  http: Http,
  since: number | null,
  tickerOf: (inst: Instrument, http: Http) => Promise<Result<TickerRow>>,
): Promise<Result<ZoneBars>> {
  const span = zoneSpan(Date.now(), since);
  if (span.from > span.last) return { ok: true, value: { bars: [], source: PATH, fetchedAt: Date.now() } };
  const ticker = await tickerOf(inst, http);
  if (!ticker.ok) return ticker;
  // From the first bar wanted to the running one, which is dropped below: at most 673 rows.
  const limit = gridCount(span.from, span.running);
  const body = await getJson(http, gmxDescriptor, keeper(PATH, { tokenSymbol: ticker.value.tokenSymbol, period: '15m', limit: String(limit) }), CandlesBody);
  if (!body.ok) return body;
  if (body.value.candles.length === 0) return venueFailure(gmxDescriptor, 'schema', PATH, `no 15m candles for ${ticker.value.tokenSymbol}`);
  const candles: ZoneCandle[] = [];
  for (const [t, , high, low, close] of body.value.candles) {
    const candle = { time: t * 1000, high, low, close, volume: 0, takerBuy: null };
    const problem = candleProblem(candle);
    if (problem) return venueFailure(gmxDescriptor, 'schema', PATH, problem);
    candles.push(candle);
  }
  return { ok: true, value: { bars: joinZoneBars(candles, null, span), source: PATH, fetchedAt: Date.now() } };
}
