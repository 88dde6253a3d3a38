import * as v from 'valibot';
import { okxCrowding } from './crowding';
import { okxLiquidations } from './liquidations';
import { intervalHoursFromTimes } from '../series';
import { figureSources } from '../figure-sources';
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
import { implausibleMark } from '../schema';
import { OKX_PATH, okxDescriptor } from './descriptor';
import { okxGet, okxUrl } from './request';
import {
  CandleRow,
  FundingHistoryRow,
  FundingRateRow,
  IndexTickerRow,
  InstrumentNumbers,
  InstrumentRow,
  MarkPriceRow,
  OiHistoryRow,
  OpenInterestRow,
  TickerRow,
  TierRow,
} from './schemas';
import { isOkxSwapSymbol, okxAssetFromSymbol, okxInstFamily } from './symbol';
import { okxTiersToNotional } from './tiers';
import { okxZoneBars } from './zone-bars';
import { venueFailure } from '../request-kit';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const PATH = OKX_PATH;

/** The whole SWAP list serves every symbol, so it is fetched once an hour and shared. */
const INSTRUMENTS_SHARE_MS = HOUR;
/** The quote and the tier conversion both need the mark price; fetched together they share one request. */
const MARK_SHARE_MS = 10_000;
const SETTLE_CURRENCIES = new Set(['USDT', 'USDC']);
/**
 * Settled funding: ≥ 30 days for the 30-day percentile, plus a day so an hour-old cache still covers
 * it. OKX keeps about three months and serves at most 400 rows per request (docs-v5 "Get funding rate
 * history": `limit` maximum 400), newest first, older pages by the `after` cursor.
 */
const FUNDING_SPAN_MS = 31 * DAY;
const FUNDING_PAGE = 400;
/** OKX's shortest funding interval (it runs 8, 6, 4, 2 or 1 h). */
const SHORTEST_INTERVAL_MS = HOUR;
/** Pages the span needs at `intervalMs`: 1 from 2 h up (400 rows ≥ 33 days), 2 at 1 h. */
function fundingPages(intervalMs: number): number {
  return Math.ceil(FUNDING_SPAN_MS / (Math.max(intervalMs, SHORTEST_INTERVAL_MS) * FUNDING_PAGE));
}
/** The bound whatever the rows say: the pages the shortest interval needs (2). */
const FUNDING_MAX_PAGES = fundingPages(SHORTEST_INTERVAL_MS);
/** 30 hourly rows reach ≥ 25 h back for the 24 h change; 32 daily rows give ≥ 31 closes. */
const HOURLY_LIMIT = 30;
const DAILY_LIMIT = 32;

function schemaError(endpoint: string, message: string): { ok: false; error: FetchError } {
  return venueFailure(okxDescriptor, 'schema', endpoint, message);
}

/** The row for `symbol`; OKX answers an unknown instId with 51001, but an empty list means the same. */
function rowFor<T extends { instId: string }>(rows: readonly T[], symbol: string, endpoint: string): Result<T> {
  const row = rows.find((r) => r.instId === symbol);
  if (row) return { ok: true, value: row };
  if (rows.length === 0) {
    return venueFailure(okxDescriptor, 'bad-request', endpoint, `no data for ${symbol}`);
  }
  return schemaError(endpoint, `asked for ${symbol}, got ${rows.map((r) => r.instId).join(', ')}`);
}

function hours(ms: number): number {
  return Math.round((ms / HOUR) * 100) / 100;
}

async function instruments(http: Http): Promise<Result<Instrument[]>> {
  const rows = await okxGet(http, okxUrl(PATH.instruments, { instType: 'SWAP' }), InstrumentRow, INSTRUMENTS_SHARE_MS);
  if (!rows.ok) return rows;
  const out: Instrument[] = [];
  for (const row of rows.value) {
    if (row.instType !== 'SWAP' || row.state !== 'live' || row.ctType !== 'linear') continue;
    if (!SETTLE_CURRENCIES.has(row.settleCcy) || !isOkxSwapSymbol(row.instId)) continue;
    const asset = okxAssetFromSymbol(row.instId);
    // A contract counted in anything but the base coin would make "open interest in base units" a lie.
    if (asset === null || row.ctValCcy !== asset) continue;
    const nums = v.safeParse(InstrumentNumbers, row);
    if (!nums.success) continue;
    out.push({
      venue: 'okx',
      symbol: row.instId,
      asset,
      quote: row.settleCcy,
      contractValue: nums.output.ctVal * (nums.output.ctMult ?? 1),
      tickSize: nums.output.tickSz,
      // The instrument list has no interval: the funding-rate endpoint gives it per symbol.
      fundingIntervalHours: null,
    });
  }
  // No usable perpetual at all is a broken answer, not a venue without markets: saying so keeps the
  // trader from reading "BTC is not listed" while the list itself was garbage.
  if (out.length === 0) return schemaError(PATH.instruments, 'no usable perpetual in the list');
  return { ok: true, value: out };
}

function markPrice(symbol: string, http: Http) {
  return okxGet(http, okxUrl(PATH.markPrice, { instType: 'SWAP', instId: symbol }), MarkPriceRow, MARK_SHARE_MS);
}

/**
 * The swap's underlying index (its mark and funding follow it), from the index ticker of its family
 * (`BTC-USDT`). Optional: the quote stands without it, so any failure (transport, code, schema,
 * another index) reads as "no index" rather than failing the quote.
 */
async function indexPrice(symbol: string, http: Http): Promise<number | null> {
  const family = okxInstFamily(symbol);
  if (family === null) return null;
  const res = await okxGet(http, okxUrl(PATH.indexTickers, { instId: family }), IndexTickerRow);
  if (!res.ok) return null;
  return res.value.find((r) => r.instId === family)?.idxPx ?? null;
}

async function quote(inst: Instrument, http: Http): Promise<Result<MarketQuote>> {
  const symbol = inst.symbol;
  const [markRes, fundingRes, oiRes, tickerRes, indexPx] = await Promise.all([
    markPrice(symbol, http),
    okxGet(http, okxUrl(PATH.fundingRate, { instId: symbol }), FundingRateRow),
    okxGet(http, okxUrl(PATH.openInterest, { instType: 'SWAP', instId: symbol }), OpenInterestRow),
    okxGet(http, okxUrl(PATH.ticker, { instId: symbol }), TickerRow),
    indexPrice(symbol, http),
  ]);
  if (!markRes.ok) return markRes;
  if (!fundingRes.ok) return fundingRes;
  if (!oiRes.ok) return oiRes;
  if (!tickerRes.ok) return tickerRes;
  const mark = rowFor(markRes.value, symbol, PATH.markPrice);
  if (!mark.ok) return mark;
  const funding = rowFor(fundingRes.value, symbol, PATH.fundingRate);
  if (!funding.ok) return funding;
  const oi = rowFor(oiRes.value, symbol, PATH.openInterest);
  if (!oi.ok) return oi;
  const ticker = rowFor(tickerRes.value, symbol, PATH.ticker);
  if (!ticker.ok) return ticker;

  // A corrupt or rescaled mark would put every liquidation distance off: refuse it, keep the last good quote.
  const offMark = implausibleMark(mark.value.markPx, ticker.value.last, 'last price');
  if (offMark) return schemaError(PATH.markPrice, offMark);
  // The mark agrees with the last trade: an index far from both is the broken figure, left out.
  const index = indexPx !== null && implausibleMark(mark.value.markPx, indexPx, 'index') === null ? indexPx : null;
  const f = funding.value;
  // OKX has no interval field: it is the gap from this settlement to the one after (8/6/4/2/1 h).
  const gap = f.nextFundingTime === null ? null : f.nextFundingTime - f.fundingTime;
  const intervalHours = gap !== null && gap > 0 && gap <= DAY ? hours(gap) : null;
  const openInterest = oi.value.oiCcy ?? oi.value.oi * inst.contractValue;
  const sources: string[] = [PATH.markPrice, PATH.fundingRate, PATH.openInterest, PATH.ticker];
  if (index !== null) sources.push(PATH.indexTickers);
  const figures = {
    markPrice: mark.value.markPx,
    indexPrice: index,
    lastPrice: ticker.value.last,
    fundingRate: f.fundingRate,
    fundingIntervalHours: intervalHours,
    nextFundingTime: f.fundingTime,
    fundingCap: f.maxFundingRate,
    fundingFloor: f.minFundingRate,
    openInterest,
  };
  return {
    ok: true,
    value: {
      venue: 'okx',
      symbol,
      ...figures,
      figureSources: figureSources(figures, {
        markPrice: PATH.markPrice,
        indexPrice: PATH.indexTickers,
        lastPrice: PATH.ticker,
        fundingRate: PATH.fundingRate,
        fundingIntervalHours: PATH.fundingRate,
        nextFundingTime: PATH.fundingRate,
        fundingCap: PATH.fundingRate,
        fundingFloor: PATH.fundingRate,
        openInterest: PATH.openInterest,
      }),
      source: sources.join(' + '),
      fetchedAt: Date.now(),
    },
  };
}

async function fundingHistory(inst: Instrument, http: Http): Promise<Result<FundingHistory>> {
  const byTime = new Map<number, number>();
  let after: number | null = null;
  let pages = FUNDING_MAX_PAGES;
  for (let page = 0; page < pages; page++) {
    const params: Record<string, string> = { instId: inst.symbol, limit: String(FUNDING_PAGE) };
    if (after !== null) params['after'] = String(after);
    const rows = await okxGet(http, okxUrl(PATH.fundingHistory, params), FundingHistoryRow);
    if (!rows.ok) return rows;
    for (const r of rows.value) {
      if (r.instId !== inst.symbol) return schemaError(PATH.fundingHistory, `asked for ${inst.symbol}, got ${r.instId}`);
      const rate = r.realizedRate ?? r.fundingRate;
      if (rate !== null) byTime.set(r.fundingTime, rate);
    }
    const oldest = Math.min(...rows.value.map((r) => r.fundingTime));
    if (rows.value.length < FUNDING_PAGE || oldest <= Date.now() - FUNDING_SPAN_MS) break;
    // The symbol's own interval (from the settlements so far) says how many pages the span takes.
    const interval = intervalHoursFromTimes([...byTime.keys()].sort((a, b) => a - b));
    if (interval !== null) pages = Math.min(FUNDING_MAX_PAGES, fundingPages(interval * HOUR));
    after = oldest;
  }
  const sorted = [...byTime].map(([time, rate]) => ({ time, rate })).sort((a, b) => a.time - b.time);
  // Older rows than the span serve nothing (the snapshot reads 7 and 30 days) and would only grow
  // the persisted cache: an 8 h symbol's page reaches three months back.
  const newest = sorted.at(-1)?.time ?? 0;
  const points = sorted.filter((p) => p.time >= newest - FUNDING_SPAN_MS);
  return { ok: true, value: { points, intervalHours: intervalHoursFromTimes(points.map((p) => p.time)), source: PATH.fundingHistory, fetchedAt: Date.now() } };
}

async function oiHistory(inst: Instrument, http: Http): Promise<Result<OiHistory>> {
  const url = okxUrl(PATH.oiHistory, { instId: inst.symbol, period: '1H', limit: String(HOURLY_LIMIT) });
  const rows = await okxGet(http, url, OiHistoryRow);
  if (!rows.ok) return rows;
  const points: SeriesPoint[] = rows.value
    .map(([time, contracts, coins]) => ({ time, value: coins ?? contracts * inst.contractValue }))
    .sort((a, b) => a.time - b.time);
  return { ok: true, value: { points, source: PATH.oiHistory, fetchedAt: Date.now() } };
}

function closes(rows: readonly v.InferOutput<typeof CandleRow>[]): SeriesPoint[] {
  return rows.map((r) => ({ time: r[0], value: r[4] })).sort((a, b) => a.time - b.time);
}

async function candles(inst: Instrument, http: Http): Promise<Result<Candles>> {
  const [hourly, daily] = await Promise.all([
    okxGet(http, okxUrl(PATH.candles, { instId: inst.symbol, bar: '1H', limit: String(HOURLY_LIMIT) }), CandleRow),
    // `1Dutc`: plain `1D` bars open at UTC+8.
    okxGet(http, okxUrl(PATH.candles, { instId: inst.symbol, bar: '1Dutc', limit: String(DAILY_LIMIT) }), CandleRow),
  ]);
  if (!hourly.ok) return hourly;
  if (!daily.ok) return daily;
  return { ok: true, value: { hourly: closes(hourly.value), daily: closes(daily.value), source: PATH.candles, fetchedAt: Date.now() } };
}

async function tiers(inst: Instrument, http: Http): Promise<Result<TierTable>> {
  const family = okxInstFamily(inst.symbol);
  if (family === null) {
    return { ok: false, error: { kind: 'unknown-symbol', venue: 'okx', endpoint: PATH.tiers, message: `Not an OKX USDT/USDC swap: ${inst.symbol}` } };
  }
  const [tierRes, markRes] = await Promise.all([
    okxGet(http, okxUrl(PATH.tiers, { instType: 'SWAP', tdMode: 'isolated', instFamily: family }), TierRow),
    markPrice(inst.symbol, http),
  ]);
  if (!tierRes.ok) return tierRes;
  if (!markRes.ok) return markRes;
  const mark = rowFor(markRes.value, inst.symbol, PATH.markPrice);
  if (!mark.ok) return mark;
  const rows = tierRes.value.filter((r) => r.instFamily === '' || r.instFamily === family);
  const converted = okxTiersToNotional(rows, inst.contractValue, mark.value.markPx);
  if (typeof converted === 'string') return schemaError(PATH.tiers, converted);
  // The first tier's (the smallest sizes) maxLever is the market's highest leverage.
  const maxLeverage = [...rows].sort((a, b) => a.minSz - b.minSz)[0]?.maxLever ?? undefined;
  return {
    ok: true,
    value: { tiers: converted, ...(maxLeverage === undefined ? {} : { maxLeverage }), fallback: false, source: PATH.tiers, fetchedAt: Date.now() },
  };
}

export const okxMarket: VenueMarketClient = {
  venue: 'okx',
  instruments,
  quote,
  fundingHistory,
  oiHistory,
  candles,
  tiers,
  zoneBars: okxZoneBars,
  publishesTakerSplit: true,
  crowding: okxCrowding,
  liquidations: okxLiquidations,
};
