import * as v from 'valibot';
import { binanceCrowding } from './crowding';
import { binanceLiquidations } from './liquidations';
import type { MarginTier } from '../../core/types';
import type {
  Candles,
  FetchErrorKind,
  FundingHistory,
  Http,
  Instrument,
  MarketQuote,
  OiHistory,
  Result,
  SeriesPoint,
  TierTable,
  VenueMarketClient,
} from '../market-types';
import { envelope, getJson as kitGet, venueFailure, venueUrl } from '../request-kit';
import { implausibleMark, parseWith, positiveDecimal } from '../schema';
import { BINANCE_FAPI, BINANCE_PATH, BINANCE_WWW, BRACKETS_PATH, binanceDescriptor } from './descriptor';
import {
  BapiEnvelope,
  BracketsData,
  ExchangeInfo,
  FundingInfo,
  FundingRateRows,
  KlineRows,
  OpenInterest,
  OpenInterestHistRows,
  PremiumIndex,
  RiskBrackets,
  type ExchangeSymbol,
} from './schemas';
import { figureSources } from '../figure-sources';
import { ascendingByTime, intervalHoursFromTimes } from '../series';
import { canonicalBase } from './symbol';
import { FALLBACK_TIERS_AS_OF, FALLBACK_TIERS_SOURCE, fallbackTiers } from './tiers-fallback';
import { binanceZoneBars } from './zone-bars';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const PATH = BINANCE_PATH;

/** Exchange-wide lists change rarely; one answer serves every symbol for an hour. */
const SHARE_LISTS_MS = HOUR;
/** 31 days of settlements from an hour-aligned start: ≥ 30 days at any interval down to 1 h (744 rows ≤ 1000). */
const FUNDING_LOOKBACK_MS = 31 * DAY;
const FUNDING_LIMIT = 1000;
/** 30 hourly rows span 29 h (≥ 25 h for the 24 h change); 32 daily closes give ≥ 31 for 30 log returns. */
const HOURLY_LIMIT = 30;
const DAILY_LIMIT = 32;
const OI_HIST_LIMIT = 30;

const failure = (kind: FetchErrorKind, endpoint: string, message: string) => venueFailure(binanceDescriptor, kind, endpoint, message);
const fapiUrl = (path: string, params: Record<string, string> = {}) => venueUrl(BINANCE_FAPI, path, params);

function getJson<S extends v.GenericSchema>(http: Http, url: URL, schema: S, shareForMs?: number, usable?: (body: v.InferOutput<S>) => boolean) {
  return kitGet(http, binanceDescriptor, url, schema, { ...(shareForMs === undefined ? {} : { shareForMs }), ...(usable ? { usable } : {}) });
}

/** The public bracket table's envelope: code "000000" is success. */
const BRACKETS_ENVELOPE = envelope(BapiEnvelope, (e) =>
  String(e.code) === '000000' ? { ok: true, payload: e.data } : { ok: false, code: String(e.code), message: e.message ?? '' },
);

function tickSizeOf(s: ExchangeSymbol): number | null {
  const raw = s.filters.find((f) => f.filterType === 'PRICE_FILTER')?.tickSize;
  const parsed = v.safeParse(positiveDecimal, raw);
  return parsed.success ? parsed.output : null;
}

function toInstrument(s: ExchangeSymbol): Instrument {
  return {
    venue: 'binance',
    symbol: s.symbol,
    asset: canonicalBase(s.baseAsset),
    quote: s.quoteAsset,
    contractValue: 1,
    tickSize: tickSizeOf(s),
    // exchangeInfo carries no funding interval; fundingInfo (per quote) and the history do.
    fundingIntervalHours: null,
  };
}

type FundingAdjustment = FundingInfo[number];

/** The symbols whose funding interval or caps differ from the defaults, shared across symbols for an hour. */
async function fundingAdjustments(http: Http): Promise<Result<Map<string, FundingAdjustment>>> {
  const r = await getJson(http, fapiUrl(PATH.fundingInfo), FundingInfo, SHARE_LISTS_MS);
  if (!r.ok) return r;
  return { ok: true, value: new Map(r.value.map((row) => [row.symbol, row])) };
}

async function instruments(http: Http): Promise<Result<Instrument[]>> {
  const r = await getJson(http, fapiUrl(PATH.exchangeInfo), ExchangeInfo, SHARE_LISTS_MS, (b) => b.symbols.length > 0);
  if (!r.ok) return r;
  // Delivery contracts (CURRENT_QUARTER…) and symbols that are settling or delisted are not perpetuals one can hold.
  const list = r.value.symbols.filter((s) => s.contractType === 'PERPETUAL' && s.status === 'TRADING').map(toInstrument);
  if (list.length === 0) return failure('schema', PATH.exchangeInfo, 'no trading perpetual in the list');
  return { ok: true, value: list };
}

async function quote(inst: Instrument, http: Http): Promise<Result<MarketQuote>> {
  const symbol = inst.symbol;
  const [premium, oi, adjustments] = await Promise.all([
    getJson(http, fapiUrl(PATH.premiumIndex, { symbol }), PremiumIndex),
    getJson(http, fapiUrl(PATH.openInterest, { symbol }), OpenInterest),
    fundingAdjustments(http),
  ]);
  if (!premium.ok) return premium;
  if (premium.value.symbol !== symbol) return failure('schema', PATH.premiumIndex, `asked for ${symbol}, got ${premium.value.symbol}`);
  if (!oi.ok) return oi;
  if (oi.value.symbol !== symbol) return failure('schema', PATH.openInterest, `asked for ${symbol}, got ${oi.value.symbol}`);
  // fundingInfo only refines the interval and caps and has its own tight budget: when it fails the
  // quote still stands, with the interval left to the settlement history.
  const adj = adjustments.ok ? adjustments.value.get(symbol) : undefined;
  const p = premium.value;
  // A corrupt or rescaled mark would put every liquidation distance off: refuse it, keep the last good quote.
  const offMark = implausibleMark(p.markPrice, p.indexPrice, 'index');
  if (offMark) return failure('schema', PATH.premiumIndex, offMark);
  const figures = {
    markPrice: p.markPrice,
    indexPrice: p.indexPrice ?? null,
    // Not in premiumIndex; a ticker request only for it would double the weight of every quote.
    lastPrice: null,
    fundingRate: p.lastFundingRate,
    // Absent from fundingInfo means Binance's default schedule: left null so the snapshot derives it
    // from the settlement gaps (8 h when there is no history).
    fundingIntervalHours: adj?.fundingIntervalHours ?? null,
    nextFundingTime: p.nextFundingTime,
    fundingCap: adj?.adjustedFundingRateCap ?? null,
    fundingFloor: adj?.adjustedFundingRateFloor ?? null,
    openInterest: oi.value.openInterest,
  };
  return {
    ok: true,
    value: {
      venue: 'binance',
      symbol,
      ...figures,
      // Interval and caps are only ever read from fundingInfo (null without it).
      figureSources: figureSources(figures, {
        markPrice: PATH.premiumIndex,
        indexPrice: PATH.premiumIndex,
        lastPrice: null,
        fundingRate: PATH.premiumIndex,
        fundingIntervalHours: PATH.fundingInfo,
        nextFundingTime: PATH.premiumIndex,
        fundingCap: PATH.fundingInfo,
        fundingFloor: PATH.fundingInfo,
        openInterest: PATH.openInterest,
      }),
      // Every endpoint that fed the quote: fundingInfo only when it answered (its interval and caps).
      source: [PATH.premiumIndex, PATH.openInterest, ...(adjustments.ok ? [PATH.fundingInfo] : [])].join(' + '),
      fetchedAt: Date.now(),
    },
  };
}

async function fundingHistory(inst: Instrument, http: Http): Promise<Result<FundingHistory>> {
  const symbol = inst.symbol;
  // With startTime Binance returns rows ascending from it up to `limit`; without one, only the most
  // recent 200 (docs), which is under 30 days for 1 h and 2 h symbols. Hour-aligned, so the URL is
  // stable within the hour.
  const startTime = Math.floor(Date.now() / HOUR) * HOUR - FUNDING_LOOKBACK_MS;
  const url = fapiUrl(PATH.fundingRate, { symbol, startTime: String(startTime), limit: String(FUNDING_LIMIT) });
  const r = await getJson(http, url, FundingRateRows);
  if (!r.ok) return r;
  const other = r.value.find((row) => row.symbol !== symbol);
  if (other) return failure('schema', PATH.fundingRate, `asked for ${symbol}, got ${other.symbol}`);
  const points = ascendingByTime(r.value.map((row) => ({ time: row.fundingTime, rate: row.fundingRate })));
  return {
    ok: true,
    value: { points, intervalHours: intervalHoursFromTimes(points.map((p) => p.time)), source: PATH.fundingRate, fetchedAt: Date.now() },
  };
}

async function oiHistory(inst: Instrument, http: Http): Promise<Result<OiHistory>> {
  const symbol = inst.symbol;
  const url = fapiUrl(PATH.openInterestHist, { symbol, period: '1h', limit: String(OI_HIST_LIMIT) });
  const r = await getJson(http, url, OpenInterestHistRows);
  if (!r.ok) return r;
  const other = r.value.find((row) => row.symbol !== undefined && row.symbol !== symbol);
  if (other) return failure('schema', PATH.openInterestHist, `asked for ${symbol}, got ${String(other.symbol)}`);
  const points = ascendingByTime(r.value.map((row) => ({ time: row.timestamp, value: row.sumOpenInterest })));
  return { ok: true, value: { points, source: PATH.openInterestHist, fetchedAt: Date.now() } };
}

async function closes(http: Http, symbol: string, interval: '1h' | '1d', limit: number): Promise<Result<SeriesPoint[]>> {
  const r = await getJson(http, fapiUrl(PATH.klines, { symbol, interval, limit: String(limit) }), KlineRows);
  if (!r.ok) return r;
  if (r.value.length === 0) return failure('schema', PATH.klines, `no ${interval} candles for ${symbol}`);
  return { ok: true, value: ascendingByTime(r.value.map((row) => ({ time: row[0], value: row[4] }))) };
}

async function candles(inst: Instrument, http: Http): Promise<Result<Candles>> {
  const [hourly, daily] = await Promise.all([closes(http, inst.symbol, '1h', HOURLY_LIMIT), closes(http, inst.symbol, '1d', DAILY_LIMIT)]);
  if (!hourly.ok) return hourly;
  if (!daily.ok) return daily;
  return { ok: true, value: { hourly: hourly.value, daily: daily.value, source: PATH.klines, fetchedAt: Date.now() } };
}

/** Brackets sorted by floor, starting at 0 and each starting where the previous ended; else the shape changed. */
function bracketTiers(rows: v.InferOutput<typeof RiskBrackets>): Result<MarginTier[]> {
  const tiers = rows
    .map((b) => ({
      notionalFloor: b.bracketNotionalFloor,
      notionalCap: b.bracketNotionalCap,
      maintenanceRate: b.bracketMaintenanceMarginRate,
      deduction: b.cumFastMaintenanceAmount,
    }))
    .sort((a, b) => a.notionalFloor - b.notionalFloor);
  let previousCap = 0;
  for (const [i, t] of tiers.entries()) {
    if (t.notionalFloor !== previousCap) {
      return failure('schema', BRACKETS_PATH, `bracket ${i + 1} starts at ${t.notionalFloor}, expected ${previousCap}`);
    }
    if (!(t.notionalCap > t.notionalFloor)) return failure('schema', BRACKETS_PATH, `bracket ${i + 1} has cap ≤ floor`);
    previousCap = t.notionalCap;
  }
  return { ok: true, value: tiers };
}

async function liveTiers(inst: Instrument, http: Http): Promise<Result<TierTable>> {
  // One answer holds every symbol's table: shared across symbols for an hour.
  const data = await kitGet(http, binanceDescriptor, venueUrl(BINANCE_WWW, BRACKETS_PATH), BracketsData, {
    shareForMs: SHARE_LISTS_MS,
    envelope: BRACKETS_ENVELOPE,
  });
  if (!data.ok) return data;
  const entry = data.value.brackets.find((b) => b.symbol === inst.symbol);
  if (!entry) return failure('unknown-symbol', BRACKETS_PATH, `no bracket table for ${inst.symbol}`);
  const rows = parseWith(RiskBrackets, entry.riskBrackets, binanceDescriptor, BRACKETS_PATH);
  if (!rows.ok) return rows;
  const tiers = bracketTiers(rows.value);
  if (!tiers.ok) return tiers;
  // The first bracket's (floor 0) is the market's highest leverage; the table may not say it.
  const maxLeverage = rows.value.find((b) => b.bracketNotionalFloor === 0)?.maxOpenPosLeverage;
  return {
    ok: true,
    value: { tiers: tiers.value, ...(maxLeverage === undefined ? {} : { maxLeverage }), fallback: false, source: BRACKETS_PATH, fetchedAt: Date.now() },
  };
}

/** Why the live table was not used, in a trader's words (the raw message may echo the venue's answer). */
const TIERS_FAILURE_WORDS: Record<FetchErrorKind, string> = {
  'region-blocked': 'Binance blocks your region',
  'rate-limited': 'rate limit reached',
  http: 'Binance answered with an error',
  timeout: 'no answer in time',
  network: 'network error',
  malformed: 'the answer could not be read',
  schema: 'the answer had an unexpected shape',
  'unknown-symbol': 'no table for this market',
  'bad-request': 'the request was refused',
  unsupported: 'not available',
};

async function tiers(inst: Instrument, http: Http): Promise<Result<TierTable>> {
  const live = await liveTiers(inst, http);
  if (live.ok) return live;
  // The bapi table is undocumented and may lag new listings or vanish; the bundled one is old but
  // far better than no liquidation estimate, and `fallback` makes the UI say which one it shows.
  const bundled = fallbackTiers(inst.symbol);
  if (!bundled) return live;
  return {
    ok: true,
    value: {
      tiers: bundled,
      fallback: true,
      asOf: FALLBACK_TIERS_AS_OF,
      why: TIERS_FAILURE_WORDS[live.error.kind],
      source: FALLBACK_TIERS_SOURCE,
      fetchedAt: Date.now(),
    },
  };
}

export const binanceMarket: VenueMarketClient = {
  venue: 'binance',
  instruments,
  quote,
  fundingHistory,
  oiHistory,
  candles,
  tiers,
  zoneBars: binanceZoneBars,
  publishesTakerSplit: true,
  crowding: binanceCrowding,
  liquidations: binanceLiquidations,
};
