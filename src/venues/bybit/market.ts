import * as v from 'valibot';
import { bybitCrowding } from './crowding';
import { bybitLiquidations } from './liquidations';
import type {
  Candles,
  FetchErrorKind,
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
import { implausibleMark, parseWith, positiveDecimal } from '../schema';
import { BYBIT_API, BYBIT_PATH, bybitDescriptor } from './descriptor';
import { riskLimitTiers } from './risk-limit';
import {
  Envelope,
  FundingHistoryResult,
  FundingIntervalMinutes,
  InstrumentsResult,
  KlineResult,
  OpenInterestResult,
  RiskLimitResult,
  TickerRow,
  TickersResult,
  type InstrumentRow,
} from './schemas';
import { figureSources } from '../figure-sources';
import { ascendingByTime, intervalHoursFromTimes } from '../series';
import { canonicalBase } from './symbol';
import { envelope, getJson, venueFailure, venueUrl } from '../request-kit';
import { bybitZoneBars } from './zone-bars';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CATEGORY = 'linear';

const PATH = BYBIT_PATH;

/** Exchange-wide lists change rarely; one answer serves every symbol for an hour. */
const SHARE_LISTS_MS = HOUR;
/** More than 500 linear symbols exist; at 1000 per page the list is one request, and a cursor loop ends here. */
const INSTRUMENTS_PAGE = 1000;
const MAX_INSTRUMENT_PAGES = 5;
const FUNDING_LOOKBACK_MS = 31 * DAY;
const FUNDING_PAGE = 200;
/** One page covers 66 days at 8 h and 33 days at 4 h; 1 h symbols need four for 31 days. */
const MAX_FUNDING_PAGES = 4;
/** 30 hourly rows span 29 h (≥ 25 h for the 24 h change); 32 daily closes give ≥ 31 for 30 log returns. */
const HOURLY_LIMIT = 30;
const DAILY_LIMIT = 32;
const OI_LIMIT = 30;

const failure = (kind: FetchErrorKind, endpoint: string, message: string) => venueFailure(bybitDescriptor, kind, endpoint, message);
const apiUrl = (path: string, params: Record<string, string | undefined>) => venueUrl(BYBIT_API, path, params);

/** Bybit's envelope: retCode 0 is success; its other codes are data in the descriptor. */
const ENVELOPE = envelope(Envelope, (e) => (e.retCode === 0 ? { ok: true, payload: e.result } : { ok: false, code: String(e.retCode), message: e.retMsg }));

function isEmptyList(result: unknown): boolean {
  return !!result && typeof result === 'object' && 'list' in result && Array.isArray(result.list) && result.list.length === 0;
}

function getResult<S extends v.GenericSchema>(http: Http, url: URL, schema: S, shareForMs?: number): Promise<Result<v.InferOutput<S>>> {
  // A shared list must hold something: an empty page would be replayed to every caller for an hour.
  return getJson(http, bybitDescriptor, url, schema, {
    envelope: ENVELOPE,
    usable: (r) => !isEmptyList(r),
    ...(shareForMs === undefined ? {} : { shareForMs }),
  });
}

function toInstrument(row: InstrumentRow): Instrument {
  const tick = v.safeParse(positiveDecimal, row.priceFilter?.tickSize);
  const minutes = v.safeParse(FundingIntervalMinutes, row.fundingInterval);
  return {
    venue: 'bybit',
    symbol: row.symbol,
    asset: canonicalBase(row.baseCoin),
    quote: row.quoteCoin,
    contractValue: 1,
    tickSize: tick.success ? tick.output : null,
    fundingIntervalHours: minutes.success ? minutes.output / 60 : null,
  };
}

async function instruments(http: Http): Promise<Result<Instrument[]>> {
  const rows: InstrumentRow[] = [];
  const seen = new Set<string>();
  let cursor = '';
  for (let page = 0; page < MAX_INSTRUMENT_PAGES; page++) {
    const url = apiUrl(PATH.instruments, { category: CATEGORY, limit: String(INSTRUMENTS_PAGE), cursor: cursor || undefined });
    const r = await getResult(http, url, InstrumentsResult, SHARE_LISTS_MS);
    if (!r.ok) return r;
    rows.push(...r.value.list);
    cursor = r.value.nextPageCursor;
    if (!cursor) break;
    if (seen.has(cursor)) return failure('schema', PATH.instruments, 'the page cursor repeats');
    seen.add(cursor);
  }
  if (cursor) return failure('schema', PATH.instruments, `more than ${MAX_INSTRUMENT_PAGES} pages of instruments`);
  // Dated futures (LinearFutures) and pre-launch or settling symbols are not perpetuals one can hold.
  const list = rows.filter((r) => r.contractType === 'LinearPerpetual' && r.status === 'Trading').map(toInstrument);
  if (list.length === 0) return failure('schema', PATH.instruments, 'no trading perpetual in the list');
  return { ok: true, value: list };
}

async function quote(inst: Instrument, http: Http): Promise<Result<MarketQuote>> {
  const symbol = inst.symbol;
  const r = await getResult(http, apiUrl(PATH.tickers, { category: CATEGORY, symbol }), TickersResult);
  if (!r.ok) return r;
  if (r.value.list.length === 0) return failure('unknown-symbol', PATH.tickers, `no ticker for ${symbol}`);
  const raw = r.value.list.find((row) => row.symbol === symbol);
  if (!raw) return failure('schema', PATH.tickers, `asked for ${symbol}, got ${r.value.list[0]?.symbol ?? 'nothing'}`);
  const row = parseWith(TickerRow, raw, bybitDescriptor, PATH.tickers);
  if (!row.ok) return row;
  const t = row.value;
  // A corrupt or rescaled mark would put every liquidation distance off: refuse it, keep the last good quote.
  const offMark = implausibleMark(t.markPrice, t.indexPrice, 'index') ?? implausibleMark(t.markPrice, t.lastPrice, 'last price');
  if (offMark) return failure('schema', PATH.tickers, offMark);
  // The ticker's interval where it sends one (older answers lack it), else the instrument list's.
  const intervalFromTicker = t.fundingIntervalHour !== undefined;
  const figures = {
    markPrice: t.markPrice,
    indexPrice: t.indexPrice,
    lastPrice: t.lastPrice,
    fundingRate: t.fundingRate,
    fundingIntervalHours: t.fundingIntervalHour ?? inst.fundingIntervalHours,
    nextFundingTime: t.nextFundingTime,
    fundingCap: t.fundingCap,
    // Bybit's limits are symmetric (instruments-info upperFundingRate = −lowerFundingRate); the
    // ticker sends the one figure.
    fundingFloor: t.fundingCap === null ? null : -t.fundingCap,
    openInterest: t.openInterest,
  };
  const intervalSource = intervalFromTicker ? PATH.tickers : PATH.instruments;
  return {
    ok: true,
    value: {
      venue: 'bybit',
      symbol,
      ...figures,
      figureSources: figureSources(figures, {
        markPrice: PATH.tickers,
        indexPrice: PATH.tickers,
        lastPrice: PATH.tickers,
        fundingRate: PATH.tickers,
        fundingIntervalHours: intervalSource,
        nextFundingTime: PATH.tickers,
        fundingCap: PATH.tickers,
        fundingFloor: PATH.tickers,
        openInterest: PATH.tickers,
      }),
      // instruments-info only when its interval stood in for the ticker's.
      source: [PATH.tickers, ...(!intervalFromTicker && figures.fundingIntervalHours !== null ? [PATH.instruments] : [])].join(' + '),
      fetchedAt: Date.now(),
    },
  };
}

async function fundingHistory(inst: Instrument, http: Http): Promise<Result<FundingHistory>> {
  const symbol = inst.symbol;
  const hours = inst.fundingIntervalHours ?? 8;
  const wanted = Math.ceil(FUNDING_LOOKBACK_MS / (hours * HOUR));
  const points: FundingPoint[] = [];
  // Newest first, pages walking back with endTime (startTime alone is an error on this endpoint).
  let endTime: number | undefined;
  for (let page = 0; page < MAX_FUNDING_PAGES && points.length < wanted; page++) {
    const limit = Math.min(FUNDING_PAGE, wanted - points.length);
    const url = apiUrl(PATH.funding, { category: CATEGORY, symbol, limit: String(limit), endTime: endTime === undefined ? undefined : String(endTime) });
    const r = await getResult(http, url, FundingHistoryResult);
    if (!r.ok) return r;
    const other = r.value.list.find((row) => row.symbol !== symbol);
    if (other) return failure('schema', PATH.funding, `asked for ${symbol}, got ${other.symbol}`);
    const rows = r.value.list.map((row) => ({ time: row.fundingRateTimestamp, rate: row.fundingRate }));
    points.push(...rows);
    if (rows.length < limit) break;
    const oldest = Math.min(...rows.map((p) => p.time));
    if (endTime !== undefined && oldest > endTime) return failure('schema', PATH.funding, 'a page ended after the requested endTime');
    endTime = oldest - 1;
  }
  const sorted = ascendingByTime(points);
  return {
    ok: true,
    value: { points: sorted, intervalHours: intervalHoursFromTimes(sorted.map((p) => p.time)), source: PATH.funding, fetchedAt: Date.now() },
  };
}

async function oiHistory(inst: Instrument, http: Http): Promise<Result<OiHistory>> {
  const symbol = inst.symbol;
  const url = apiUrl(PATH.openInterest, { category: CATEGORY, symbol, intervalTime: '1h', limit: String(OI_LIMIT) });
  const r = await getResult(http, url, OpenInterestResult);
  if (!r.ok) return r;
  if (r.value.symbol !== undefined && r.value.symbol !== symbol) return failure('schema', PATH.openInterest, `asked for ${symbol}, got ${r.value.symbol}`);
  // Rows arrive newest first.
  const points = ascendingByTime(r.value.list.map((row) => ({ time: row.timestamp, value: row.openInterest })));
  return { ok: true, value: { points, source: PATH.openInterest, fetchedAt: Date.now() } };
}

async function closes(http: Http, symbol: string, interval: '60' | 'D', limit: number): Promise<Result<SeriesPoint[]>> {
  const r = await getResult(http, apiUrl(PATH.kline, { category: CATEGORY, symbol, interval, limit: String(limit) }), KlineResult);
  if (!r.ok) return r;
  if (r.value.symbol !== undefined && r.value.symbol !== symbol) return failure('schema', PATH.kline, `asked for ${symbol}, got ${r.value.symbol}`);
  if (r.value.list.length === 0) return failure('schema', PATH.kline, `no ${interval} candles for ${symbol}`);
  // Rows arrive newest first ("sort in reverse by startTime").
  return { ok: true, value: ascendingByTime(r.value.list.map((row) => ({ time: row[0], value: row[4] }))) };
}

async function candles(inst: Instrument, http: Http): Promise<Result<Candles>> {
  const [hourly, daily] = await Promise.all([closes(http, inst.symbol, '60', HOURLY_LIMIT), closes(http, inst.symbol, 'D', DAILY_LIMIT)]);
  if (!hourly.ok) return hourly;
  if (!daily.ok) return daily;
  return { ok: true, value: { hourly: hourly.value, daily: daily.value, source: PATH.kline, fetchedAt: Date.now() } };
}

async function tiers(inst: Instrument, http: Http): Promise<Result<TierTable>> {
  const symbol = inst.symbol;
  const r = await getResult(http, apiUrl(PATH.riskLimit, { category: CATEGORY, symbol }), RiskLimitResult);
  if (!r.ok) return r;
  const rows = r.value.list.filter((row) => row.symbol === symbol);
  if (rows.length === 0) {
    return r.value.list.length === 0
      ? failure('unknown-symbol', PATH.riskLimit, `no risk limits for ${symbol}`)
      : failure('schema', PATH.riskLimit, `asked for ${symbol}, got ${r.value.list[0]?.symbol ?? 'nothing'}`);
  }
  const built = riskLimitTiers(rows);
  if (!built.ok) return failure('schema', PATH.riskLimit, built.reason);
  // The lowest tier's maxLeverage (the smallest riskLimitValue) is the market's highest leverage.
  const maxLeverage = [...rows].sort((a, b) => a.riskLimitValue - b.riskLimitValue)[0]?.maxLeverage;
  return {
    ok: true,
    value: { tiers: built.tiers, ...(maxLeverage === undefined ? {} : { maxLeverage }), fallback: false, source: PATH.riskLimit, fetchedAt: Date.now() },
  };
}

export const bybitMarket: VenueMarketClient = {
  venue: 'bybit',
  instruments,
  quote,
  fundingHistory,
  oiHistory,
  candles,
  tiers,
  zoneBars: bybitZoneBars,
  crowding: bybitCrowding,
  liquidations: bybitLiquidations,
};
