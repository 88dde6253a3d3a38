import * as v from 'valibot';
import { dydxLiquidations } from './liquidations';
import { figureSources } from '../figure-sources';
import { intervalHoursFromTimes } from '../series';
import type {
  Candles,
  FetchError,
  FundingHistory,
  FundingPoint,
  Http,
  Instrument,
  MarketQuote,
  OiHistory,
  Result,
  SeriesPoint,
  TierTable,
  VenueMarketClient,
} from '../market-types';
import { implausibleMark, issueText } from '../schema';
import { dydxGet, dydxUrl } from './request';
import { CandlesResponse, HistoricalFundingResponse, ListedMarket, MarketsResponse, PerpetualMarket } from './schemas';
import { DYDX_QUOTE, dydxAssetFromTicker, isDydxTicker } from './symbol';
import { venueFailure } from '../request-kit';
import { dydxDescriptor } from './descriptor';
import { dydxZoneBars } from './zone-bars';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The list of every market serves all symbols: fetched once an hour and shared. */
const LIST_SHARE_MS = HOUR;
/** One market's answer feeds both the quote and the tier table. */
const MARKET_SHARE_MS = 10_000;
/** Hourly candles feed both the price changes and the OI history (startingOpenInterest). */
const HOURLY_SHARE_MS = 60_000;
/**
 * The indexer caps `limit` at its API_LIMIT_V4, 1000 by default (comlink config; public scripts
 * and ccxt page with 1000 against indexer.dydx.trade). 1000 hourly rows are 41 days, so one request
 * usually suffices; further pages go back with effectiveBeforeOrAt, at most 8 requests in all.
 */
const FUNDING_PAGE = 1000;
const FUNDING_PAGES = 8;
const FUNDING_SPAN_MS = 30 * DAY;
const HOURLY_LIMIT = 30;
const DAILY_LIMIT = 32;
/** dYdX has one maintenance fraction per market; the single tier's cap must stay JSON-safe (no Infinity). */
const UNBOUNDED_NOTIONAL = Number.MAX_SAFE_INTEGER;

const MARKETS_PATH = '/v4/perpetualMarkets';

function failure(kind: FetchError['kind'], endpoint: string, message: string): { ok: false; error: FetchError } {
  return venueFailure(dydxDescriptor, kind, endpoint, message);
}

async function instruments(http: Http): Promise<Result<Instrument[]>> {
  const res = await dydxGet(http, dydxUrl(['perpetualMarkets']), MarketsResponse, LIST_SHARE_MS, (b) =>
    Object.values(b.markets).some((m) => v.is(ListedMarket, m)),
  );
  if (!res.ok) return res;
  const out: Instrument[] = [];
  for (const raw of Object.values(res.value.markets)) {
    // Markets still initialising (or in final settlement) lack prices or cannot be traded.
    const m = v.safeParse(ListedMarket, raw);
    if (!m.success || m.output.status !== 'ACTIVE' || !isDydxTicker(m.output.ticker)) continue;
    const asset = dydxAssetFromTicker(m.output.ticker);
    if (asset === null) continue;
    out.push({
      venue: 'dydx',
      symbol: m.output.ticker,
      asset,
      quote: DYDX_QUOTE,
      contractValue: 1,
      tickSize: m.output.tickSize,
      fundingIntervalHours: 1,
    });
  }
  // No usable perpetual at all is a broken answer, not a venue without markets: saying so keeps the
  // trader from reading "BTC is not listed" while the list itself was garbage.
  if (out.length === 0) return failure('schema', MARKETS_PATH, 'no usable perpetual in the list');
  return { ok: true, value: out };
}

async function market(ticker: string, http: Http): Promise<Result<v.InferOutput<typeof PerpetualMarket>>> {
  const url = dydxUrl(['perpetualMarkets'], { ticker });
  const res = await dydxGet(http, url, MarketsResponse, MARKET_SHARE_MS, (b) => v.is(PerpetualMarket, b.markets[ticker]));
  if (!res.ok) return res;
  const raw = res.value.markets[ticker];
  if (raw === undefined) return failure('bad-request', url.pathname, `no market ${ticker} in the answer`);
  const parsed = v.safeParse(PerpetualMarket, raw);
  if (!parsed.success) {
    return failure('schema', url.pathname, `unexpected response at markets.${ticker}.${issueText(parsed.issues[0])}`);
  }
  if (parsed.output.ticker !== ticker) return failure('schema', url.pathname, `asked for ${ticker}, got ${parsed.output.ticker}`);
  return { ok: true, value: parsed.output };
}

async function quote(inst: Instrument, http: Http): Promise<Result<MarketQuote>> {
  const m = await market(inst.symbol, http);
  if (!m.ok) return m;
  // dYdX has no index beside its oracle; the oracle a day ago (now − priceChange24H) stands in. A
  // 100× jump in a day is a corrupt answer, not a market, and would put every distance off.
  const change = m.value.priceChange24H;
  const dayAgo = change === undefined ? null : m.value.oraclePrice - change;
  const offMark = implausibleMark(m.value.oraclePrice, dayAgo, 'oracle price 24 h ago');
  if (offMark) return failure('schema', MARKETS_PATH, offMark);
  const now = Date.now();
  const figures = {
    markPrice: m.value.oraclePrice,
    indexPrice: m.value.oraclePrice,
    // The market endpoint carries no last trade price.
    lastPrice: null,
    fundingRate: m.value.nextFundingRate,
    fundingIntervalHours: 1,
    // Funding settles every hour, in the first block after it.
    nextFundingTime: Math.floor(now / HOUR) * HOUR + HOUR,
    fundingCap: null,
    fundingFloor: null,
    openInterest: m.value.openInterest,
  };
  return {
    ok: true,
    value: {
      venue: 'dydx',
      symbol: inst.symbol,
      ...figures,
      markIsIndex: true,
      // One request feeds the quote; the hourly schedule (interval, next settlement) stands with it.
      figureSources: figureSources(figures, {
        markPrice: MARKETS_PATH,
        indexPrice: MARKETS_PATH,
        lastPrice: null,
        fundingRate: MARKETS_PATH,
        fundingIntervalHours: MARKETS_PATH,
        nextFundingTime: MARKETS_PATH,
        fundingCap: null,
        fundingFloor: null,
        openInterest: MARKETS_PATH,
      }),
      source: MARKETS_PATH,
      fetchedAt: now,
    },
  };
}

async function fundingHistory(inst: Instrument, http: Http): Promise<Result<FundingHistory>> {
  const byTime = new Map<number, number>();
  let before: number | null = null;
  let endpoint = '';
  for (let page = 0; page < FUNDING_PAGES; page++) {
    const params: Record<string, string> = { limit: String(FUNDING_PAGE) };
    // Inclusive: the boundary row comes again and is de-duplicated by time.
    if (before !== null) params['effectiveBeforeOrAt'] = new Date(before).toISOString();
    const url = dydxUrl(['historicalFunding', inst.symbol], params);
    endpoint = url.pathname;
    const res = await dydxGet(http, url, HistoricalFundingResponse);
    if (!res.ok) return res;
    const rows = res.value.historicalFunding;
    for (const r of rows) {
      if (r.ticker !== inst.symbol) return failure('schema', endpoint, `asked for ${inst.symbol}, got ${r.ticker}`);
      byTime.set(r.effectiveAt, r.rate);
    }
    if (rows.length < FUNDING_PAGE) break;
    const oldest = Math.min(...rows.map((r) => r.effectiveAt));
    if (oldest <= Date.now() - FUNDING_SPAN_MS || oldest === before) break;
    before = oldest;
  }
  const points = [...byTime].map(([time, rate]) => ({ time, rate })).sort((a, b) => a.time - b.time);
  return { ok: true, value: { points, intervalHours: intervalHoursFromTimes(points.map((p) => p.time)), source: endpoint, fetchedAt: Date.now() } };
}

function candleRequest(ticker: string, resolution: '1HOUR' | '1DAY', limit: number): URL {
  return dydxUrl(['candles', 'perpetualMarkets', ticker], { resolution, limit: String(limit) });
}

type CandleRows = v.InferOutput<typeof CandlesResponse>['candles'];

async function candleRows(inst: Instrument, http: Http, resolution: '1HOUR' | '1DAY', limit: number, shareForMs?: number): Promise<Result<CandleRows>> {
  const url = candleRequest(inst.symbol, resolution, limit);
  const res = await dydxGet(http, url, CandlesResponse, shareForMs);
  if (!res.ok) return res;
  const wrong = res.value.candles.find((c) => c.ticker !== inst.symbol || c.resolution !== resolution);
  if (wrong) return failure('schema', url.pathname, `asked for ${inst.symbol} ${resolution}, got ${wrong.ticker} ${wrong.resolution}`);
  // Newest first on the wire.
  return { ok: true, value: [...res.value.candles].sort((a, b) => a.startedAt - b.startedAt) };
}

async function candles(inst: Instrument, http: Http): Promise<Result<Candles>> {
  const [hourly, daily] = await Promise.all([candleRows(inst, http, '1HOUR', HOURLY_LIMIT, HOURLY_SHARE_MS), candleRows(inst, http, '1DAY', DAILY_LIMIT)]);
  if (!hourly.ok) return hourly;
  if (!daily.ok) return daily;
  const closes = (rows: CandleRows): SeriesPoint[] => rows.map((c) => ({ time: c.startedAt, value: c.close }));
  return {
    ok: true,
    value: {
      hourly: closes(hourly.value),
      daily: closes(daily.value),
      source: candleRequest(inst.symbol, '1HOUR', HOURLY_LIMIT).pathname,
      fetchedAt: Date.now(),
    },
  };
}

async function oiHistory(inst: Instrument, http: Http): Promise<Result<OiHistory>> {
  const hourly = await candleRows(inst, http, '1HOUR', HOURLY_LIMIT, HOURLY_SHARE_MS);
  if (!hourly.ok) return hourly;
  return {
    ok: true,
    value: {
      points: hourly.value.map((c) => ({ time: c.startedAt, value: c.startingOpenInterest })),
      source: candleRequest(inst.symbol, '1HOUR', HOURLY_LIMIT).pathname,
      fetchedAt: Date.now(),
    },
  };
}

async function tiers(inst: Instrument, http: Http): Promise<Result<TierTable>> {
  const m = await market(inst.symbol, http);
  if (!m.ok) return m;
  // The initial margin fraction is 1 / the highest leverage; the answer may lack it (or send 0).
  const imf = m.value.initialMarginFraction;
  return {
    ok: true,
    value: {
      tiers: [{ notionalFloor: 0, notionalCap: UNBOUNDED_NOTIONAL, maintenanceRate: m.value.maintenanceMarginFraction, deduction: 0 }],
      ...(imf !== undefined && imf > 0 ? { maxLeverage: 1 / imf } : {}),
      fallback: false,
      source: MARKETS_PATH,
      fetchedAt: Date.now(),
    },
  };
}

export const dydxMarket: VenueMarketClient = {
  venue: 'dydx',
  instruments,
  quote,
  fundingHistory,
  oiHistory,
  candles,
  tiers,
  zoneBars: dydxZoneBars,
  liquidations: dydxLiquidations,
};
