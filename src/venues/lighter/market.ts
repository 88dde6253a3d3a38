import { figureSources } from '../figure-sources';
import type {
  Candles,
  Feeds,
  FundingHistory,
  FundingPoint,
  Http,
  Instrument,
  MarketQuote,
  Result,
  SeriesPoint,
  TierTable,
  VenueMarketClient,
} from '../market-types';
import { venueFailure } from '../request-kit';
import { implausibleMark, parseWith } from '../schema';
import { intervalHoursFromTimes } from '../series';
import { lighterCandles } from './candles';
import { LIGHTER_PATH, LIGHTER_STATS_SOURCE, lighterDescriptor } from './descriptor';
import { lighterStatsFeed } from './feed';
import { lighterMarket, lighterMarkets } from './markets';
import { asMs, lighterGet, lighterUrl } from './request';
import { FundingsBody, Stats } from './schemas';
import { LIGHTER_QUOTE, lighterAssetFromSymbol } from './symbol';
import { lighterZoneBars } from './zone-bars';

// Lighter perpetuals. Its REST answers carry no mark, index or current funding rate: the quote is
// read from the market_stats websocket (one socket for every market, kept by the background), and
// REST serves the market list with its margin fractions, settled funding and candles. Lighter
// publishes no open-interest history: `oiHistory` is null and the background records the open
// interest of each quote while a market is watched.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Lighter settles funding every hour, on the hour (docs "Funding"). */
const INTERVAL_HOURS = 1;
/**
 * No rate beyond 4 % an hour is Lighter's: its stats carry `funding_clamp_big` "4.0000" (a percent,
 * as its rates are). A figure past it is a rescaled or corrupt one. The clamps' exact rule is not
 * published in a unit PerpLens could confirm, so no cap or floor is shown.
 */
const MAX_RATE = 0.04;
/** Funding history: ≥ 30 days plus a day, 500 hourly rows a request (two requests). */
const FUNDING_SPAN_HOURS = 31 * 24;
const FUNDING_PAGE = 500;
/** 30 hourly candles reach ≥ 25 h back for the 24 h change; 33 daily ones give ≥ 31 closes. */
const HOURLY_COUNT = 30;
const DAILY_COUNT = 33;
/** No size tier: one maintenance fraction for any size; JSON cannot carry Infinity. */
const ANY_SIZE = Number.MAX_SAFE_INTEGER;

const failure = (kind: Parameters<typeof venueFailure>[1], endpoint: string, message: string) => venueFailure(lighterDescriptor, kind, endpoint, message);

async function instruments(http: Http): Promise<Result<Instrument[]>> {
  const list = await lighterMarkets(http);
  if (!list.ok) return list;
  return {
    ok: true,
    value: list.value.map((m) => ({
      venue: 'lighter',
      symbol: m.symbol,
      asset: lighterAssetFromSymbol(m.symbol),
      quote: LIGHTER_QUOTE,
      contractValue: 1,
      tickSize: m.tickSize,
      fundingIntervalHours: INTERVAL_HOURS,
    })),
  };
}

/** The next settlement: the stream's own time when it is within the running hour, else the next whole hour. */
function nextSettlement(stated: number | null, now: number): number {
  const next = Math.floor(now / HOUR) * HOUR + HOUR;
  if (stated === null) return next;
  const t = asMs(stated);
  return t > now && t <= next + 60_000 ? t : next;
}

async function quote(inst: Instrument, http: Http, feeds?: Feeds): Promise<Result<MarketQuote>> {
  if (!feeds) return failure('unsupported', LIGHTER_STATS_SOURCE, 'the quote comes from Lighter’s websocket, which is not open here');
  const market = await lighterMarket(inst.symbol, http);
  if (!market.ok) return market;
  const pushed = await feeds.latest(lighterStatsFeed, String(market.value.id));
  if (!pushed.ok) return pushed;
  const parsed = parseWith(Stats, pushed.value.payload, lighterDescriptor, LIGHTER_STATS_SOURCE);
  if (!parsed.ok) return parsed;
  const s = parsed.value;
  if (s.market_id !== market.value.id) return failure('schema', LIGHTER_STATS_SOURCE, `asked for market ${market.value.id}, got ${s.market_id}`);
  const rate = s.current_funding_rate / 100;
  if (Math.abs(rate) > MAX_RATE) return failure('schema', LIGHTER_STATS_SOURCE, `funding ${s.current_funding_rate}% an hour is beyond any rate Lighter allows`);
  const offMark = implausibleMark(s.mark_price, s.index_price, 'index') ?? implausibleMark(s.mark_price, s.last_trade_price, 'last price');
  if (offMark) return failure('schema', LIGHTER_STATS_SOURCE, offMark);
  const figures = {
    markPrice: s.mark_price,
    indexPrice: s.index_price,
    lastPrice: s.last_trade_price,
    fundingRate: rate,
    fundingIntervalHours: INTERVAL_HOURS,
    nextFundingTime: nextSettlement(s.funding_timestamp, Date.now()),
    fundingCap: null,
    fundingFloor: null,
    // The stream counts open interest in USD; PerpLens counts coins, as the list does.
    openInterest: s.open_interest === null ? null : s.open_interest / s.mark_price,
  };
  const src = LIGHTER_STATS_SOURCE;
  return {
    ok: true,
    value: {
      venue: 'lighter',
      symbol: inst.symbol,
      ...figures,
      // The hourly interval is Lighter's fixed rule: named after the one source the quote came with.
      figureSources: figureSources(figures, {
        markPrice: src,
        indexPrice: src,
        lastPrice: src,
        fundingRate: src,
        fundingIntervalHours: src,
        nextFundingTime: src,
        fundingCap: null,
        fundingFloor: null,
        openInterest: src,
      }),
      source: `${LIGHTER_PATH.details} + ${src}`,
      fetchedAt: pushed.value.receivedAt,
    },
  };
}

async function fundingHistory(inst: Instrument, http: Http): Promise<Result<FundingHistory>> {
  const market = await lighterMarket(inst.symbol, http);
  if (!market.ok) return market;
  const end = Math.floor(Date.now() / HOUR) * HOUR;
  const byTime = new Map<number, number>();
  // Newest page first; either page failing fails the history: a partial month would skew the 30-day percentile.
  for (let page = 0; page * FUNDING_PAGE < FUNDING_SPAN_HOURS; page++) {
    const to = end - page * FUNDING_PAGE * HOUR;
    const hours = Math.min(FUNDING_PAGE, FUNDING_SPAN_HOURS - page * FUNDING_PAGE);
    const from = to - hours * HOUR;
    const url = lighterUrl(LIGHTER_PATH.fundings, {
      market_id: String(market.value.id),
      resolution: '1h',
      start_timestamp: String(from / 1000 + 1),
      end_timestamp: String(to / 1000),
      count_back: String(hours),
    });
    const body = await lighterGet(http, url, FundingsBody);
    if (!body.ok) return body;
    // `rate` is unsigned; `direction` names the side that paid: longs paying is a positive rate.
    for (const r of body.value.fundings) byTime.set(asMs(r.timestamp), (r.direction === 'long' ? 1 : -1) * (r.rate / 100));
  }
  const points: FundingPoint[] = [...byTime].map(([time, rate]) => ({ time, rate })).sort((a, b) => a.time - b.time);
  if (points.some((p) => Math.abs(p.rate) > MAX_RATE))
    return failure('schema', LIGHTER_PATH.fundings, 'a settled rate beyond any Lighter allows: not a percent');
  return {
    ok: true,
    value: { points, intervalHours: intervalHoursFromTimes(points.map((p) => p.time)), source: LIGHTER_PATH.fundings, fetchedAt: Date.now() },
  };
}

async function candles(inst: Instrument, http: Http): Promise<Result<Candles>> {
  const market = await lighterMarket(inst.symbol, http);
  if (!market.ok) return market;
  const now = Date.now();
  const [hourly, daily] = await Promise.all([
    lighterCandles(market.value.id, '1h', now - HOURLY_COUNT * HOUR, now, HOURLY_COUNT, http),
    lighterCandles(market.value.id, '1d', now - DAILY_COUNT * DAY, now, DAILY_COUNT, http),
  ]);
  if (!hourly.ok) return hourly;
  if (!daily.ok) return daily;
  const closes = (rows: { time: number; c: number }[]): SeriesPoint[] => rows.map((r) => ({ time: r.time, value: r.c }));
  return { ok: true, value: { hourly: closes(hourly.value), daily: closes(daily.value), source: LIGHTER_PATH.candles, fetchedAt: Date.now() } };
}

/**
 * Lighter has no size tiers: one maintenance fraction per market for any size, valued at the mark
 * (docs "Margining": partial liquidation below maintenance, the insurance fund below close-out).
 */
async function tiers(inst: Instrument, http: Http): Promise<Result<TierTable>> {
  const market = await lighterMarket(inst.symbol, http);
  if (!market.ok) return market;
  const n = market.value.numbers;
  return {
    ok: true,
    value: {
      tiers: [{ notionalFloor: 0, notionalCap: ANY_SIZE, maintenanceRate: n.maintenance_margin_fraction, deduction: 0 }],
      maxLeverage: Math.round(1 / n.min_initial_margin_fraction),
      fallback: false,
      source: LIGHTER_PATH.details,
      fetchedAt: Date.now(),
    },
  };
}

export const lighterMarketClient: VenueMarketClient = {
  venue: 'lighter',
  instruments,
  quote,
  fundingHistory,
  oiHistory: null,
  candles,
  tiers,
  zoneBars: lighterZoneBars,
};
