import * as v from 'valibot';
import { bitgetCrowding } from './crowding';
import { figureSources } from '../figure-sources';
import type {
  Candles,
  FetchErrorKind,
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
import { implausibleMark } from '../schema';
import { ascendingByTime, intervalHoursFromTimes } from '../series';
import { BITGET_PATH, bitgetDescriptor } from './descriptor';
import { bitgetGet, bitgetUrl } from './request';
import { CandleRow, ContractNumbers, ContractRow, CurrentFundingRow, FundingHistoryRow, TickerRow, TierRow } from './schemas';
import { canonicalBase, isBitgetSymbol } from './symbol';
import { bitgetTiers } from './tiers';
import { bitgetZoneBars } from './zone-bars';

// Bitget USDT-M perpetuals from the v2 public mix-market API (productType USDT-FUTURES). Bitget
// publishes no open-interest history: `oiHistory` is null and the background records the open
// interest of each quote while a market is watched, as for Hyperliquid.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PATH = BITGET_PATH;

/** The contract list serves every symbol, so it is fetched once an hour and shared. */
const CONTRACTS_SHARE_MS = HOUR;
/**
 * Listings one can hold a position in: trading normally, or restricted (`limit_open`: close only;
 * `maintain`: paused; `restrictedAPI`: web only). `listed` (not yet trading) and `off` are left out.
 */
const HOLDABLE = new Set(['normal', 'limit_open', 'maintain', 'restrictedAPI']);
/**
 * Settled funding: ≥ 30 days for the 30-day percentile, plus a day so an hour-old cache still covers
 * it. history-fund-rate pages by number, newest first, at most 100 rows a page (docs): one page
 * covers 33 days at 8 h, two at 4 h, eight at 1 h.
 */
const FUNDING_SPAN_MS = 31 * DAY;
const FUNDING_PAGE = 100;
const FUNDING_MAX_PAGES = Math.ceil(FUNDING_SPAN_MS / (HOUR * FUNDING_PAGE));
/** 30 hourly rows reach ≥ 25 h back for the 24 h change; 32 daily rows give ≥ 31 closes. */
const HOURLY_LIMIT = 30;
const DAILY_LIMIT = 32;

const failure = (kind: FetchErrorKind, endpoint: string, message: string) => venueFailure(bitgetDescriptor, kind, endpoint, message);

/** The row for `symbol`: an empty list is Bitget not knowing it, another symbol a broken answer. */
function rowFor<T extends { symbol: string }>(rows: readonly T[], symbol: string, endpoint: string): Result<T> {
  const row = rows.find((r) => r.symbol === symbol);
  if (row) return { ok: true, value: row };
  if (rows.length === 0) return failure('unknown-symbol', endpoint, `no data for ${symbol}`);
  return failure('schema', endpoint, `asked for ${symbol}, got ${rows.map((r) => r.symbol).join(', ')}`);
}

async function instruments(http: Http): Promise<Result<Instrument[]>> {
  const rows = await bitgetGet(http, bitgetUrl(PATH.contracts, {}), v.array(ContractRow), { shareForMs: CONTRACTS_SHARE_MS, usable: (r) => r.length > 0 });
  if (!rows.ok) return rows;
  const out: Instrument[] = [];
  for (const row of rows.value) {
    if (row.symbolType !== 'perpetual' || !HOLDABLE.has(row.symbolStatus) || row.quoteCoin !== 'USDT' || !isBitgetSymbol(row.symbol)) continue;
    const nums = v.safeParse(ContractNumbers, row);
    if (!nums.success) continue;
    const n = nums.output;
    out.push({
      venue: 'bitget',
      symbol: row.symbol,
      asset: canonicalBase(row.baseCoin),
      quote: 'USDT',
      // Sizes are counted in the base coin (ccxt: contractSize 1).
      contractValue: 1,
      tickSize: +(n.priceEndStep * 10 ** -n.pricePlace).toPrecision(12),
      fundingIntervalHours: n.fundInterval,
    });
  }
  // No usable perpetual at all is a broken answer, not a venue without markets.
  if (out.length === 0) return failure('schema', PATH.contracts, 'no usable USDT-M perpetual in the list');
  return { ok: true, value: out };
}

async function quote(inst: Instrument, http: Http): Promise<Result<MarketQuote>> {
  const symbol = inst.symbol;
  const [tickerRes, fundingRes] = await Promise.all([
    bitgetGet(http, bitgetUrl(PATH.ticker, { symbol }), v.array(TickerRow)),
    bitgetGet(http, bitgetUrl(PATH.currentFunding, { symbol }), v.array(CurrentFundingRow)),
  ]);
  if (!tickerRes.ok) return tickerRes;
  if (!fundingRes.ok) return fundingRes;
  const ticker = rowFor(tickerRes.value, symbol, PATH.ticker);
  if (!ticker.ok) return ticker;
  const funding = rowFor(fundingRes.value, symbol, PATH.currentFunding);
  if (!funding.ok) return funding;
  const t = ticker.value;
  const f = funding.value;
  // A corrupt or rescaled mark would put every liquidation distance off: refuse it, keep the last good quote.
  const offMark = implausibleMark(t.markPrice, t.indexPrice, 'index') ?? implausibleMark(t.markPrice, t.lastPr, 'last price');
  if (offMark) return failure('schema', PATH.ticker, offMark);
  // The running interval (Bitget shortens it for a stretched market) over the contract list's.
  const interval = f.fundingRateInterval ?? inst.fundingIntervalHours;
  const figures = {
    markPrice: t.markPrice,
    indexPrice: t.indexPrice,
    lastPrice: t.lastPr,
    fundingRate: f.fundingRate,
    fundingIntervalHours: interval,
    nextFundingTime: f.nextUpdate,
    fundingCap: f.maxFundingRate,
    fundingFloor: f.minFundingRate,
    openInterest: t.holdingAmount,
  };
  const intervalSource = f.fundingRateInterval !== null ? PATH.currentFunding : PATH.contracts;
  return {
    ok: true,
    value: {
      venue: 'bitget',
      symbol,
      ...figures,
      figureSources: figureSources(figures, {
        markPrice: PATH.ticker,
        indexPrice: PATH.ticker,
        lastPrice: PATH.ticker,
        fundingRate: PATH.currentFunding,
        fundingIntervalHours: intervalSource,
        nextFundingTime: PATH.currentFunding,
        fundingCap: PATH.currentFunding,
        fundingFloor: PATH.currentFunding,
        openInterest: PATH.ticker,
      }),
      source: [PATH.ticker, PATH.currentFunding, ...(intervalSource === PATH.contracts && interval !== null ? [PATH.contracts] : [])].join(' + '),
      fetchedAt: Date.now(),
    },
  };
}

async function fundingHistory(inst: Instrument, http: Http): Promise<Result<FundingHistory>> {
  const symbol = inst.symbol;
  const byTime = new Map<number, number>();
  // The pages the listed interval needs; the settlements themselves may say it is shorter.
  let pages = Math.min(FUNDING_MAX_PAGES, Math.ceil(FUNDING_SPAN_MS / ((inst.fundingIntervalHours ?? 1) * HOUR * FUNDING_PAGE)));
  for (let page = 1; page <= pages; page++) {
    const url = bitgetUrl(PATH.fundingHistory, { symbol, pageSize: String(FUNDING_PAGE), pageNo: String(page) });
    const rows = await bitgetGet(http, url, v.array(FundingHistoryRow));
    if (!rows.ok) return rows;
    const other = rows.value.find((r) => r.symbol !== symbol);
    if (other) return failure('schema', PATH.fundingHistory, `asked for ${symbol}, got ${other.symbol}`);
    const before = byTime.size;
    for (const r of rows.value) byTime.set(r.fundingTime, r.fundingRate);
    // A page that adds nothing new is a page number past the end (or one Bitget repeats): stop.
    if (rows.value.length < FUNDING_PAGE || byTime.size === before) break;
    const oldest = Math.min(...rows.value.map((r) => r.fundingTime));
    if (oldest <= Date.now() - FUNDING_SPAN_MS) break;
    const interval = intervalHoursFromTimes([...byTime.keys()].sort((a, b) => a - b));
    if (interval !== null) pages = Math.min(FUNDING_MAX_PAGES, Math.max(pages, Math.ceil(FUNDING_SPAN_MS / (interval * HOUR * FUNDING_PAGE))));
  }
  const sorted: FundingPoint[] = ascendingByTime([...byTime].map(([time, rate]) => ({ time, rate })));
  const newest = sorted.at(-1)?.time ?? 0;
  const points = sorted.filter((p) => p.time >= newest - FUNDING_SPAN_MS);
  return { ok: true, value: { points, intervalHours: intervalHoursFromTimes(points.map((p) => p.time)), source: PATH.fundingHistory, fetchedAt: Date.now() } };
}

async function closes(http: Http, symbol: string, granularity: '1H' | '1Dutc', limit: number): Promise<Result<SeriesPoint[]>> {
  const rows = await bitgetGet(http, bitgetUrl(PATH.candles, { symbol, granularity, limit: String(limit) }), v.array(CandleRow));
  if (!rows.ok) return rows;
  if (rows.value.length === 0) return failure('schema', PATH.candles, `no ${granularity} candles for ${symbol}`);
  return { ok: true, value: ascendingByTime(rows.value.map((r) => ({ time: r[0], value: r[4] }))) };
}

async function candles(inst: Instrument, http: Http): Promise<Result<Candles>> {
  const [hourly, daily] = await Promise.all([
    closes(http, inst.symbol, '1H', HOURLY_LIMIT),
    // `1Dutc` bars open at 00:00 UTC (ccxt asks for the `utc` variants from 6 h up; the plain ones follow UTC+8).
    closes(http, inst.symbol, '1Dutc', DAILY_LIMIT),
  ]);
  if (!hourly.ok) return hourly;
  if (!daily.ok) return daily;
  return { ok: true, value: { hourly: hourly.value, daily: daily.value, source: PATH.candles, fetchedAt: Date.now() } };
}

async function tiers(inst: Instrument, http: Http): Promise<Result<TierTable>> {
  const symbol = inst.symbol;
  const res = await bitgetGet(http, bitgetUrl(PATH.tiers, { symbol }), v.array(TierRow));
  if (!res.ok) return res;
  const rows = res.value.filter((r) => r.symbol === symbol);
  if (rows.length === 0) {
    return res.value.length === 0
      ? failure('unknown-symbol', PATH.tiers, `no position tiers for ${symbol}`)
      : failure('schema', PATH.tiers, `asked for ${symbol}, got ${res.value[0]?.symbol ?? 'nothing'}`);
  }
  const built = bitgetTiers(rows);
  if (typeof built === 'string') return failure('schema', PATH.tiers, built);
  // The first tier's (the smallest values) leverage is the market's highest.
  const maxLeverage = [...rows].sort((a, b) => a.startUnit - b.startUnit)[0]?.leverage;
  return {
    ok: true,
    value: { tiers: built, ...(maxLeverage === undefined ? {} : { maxLeverage }), fallback: false, source: PATH.tiers, fetchedAt: Date.now() },
  };
}

export const bitgetMarket: VenueMarketClient = {
  venue: 'bitget',
  instruments,
  quote,
  fundingHistory,
  oiHistory: null,
  candles,
  tiers,
  zoneBars: bitgetZoneBars,
  crowding: bitgetCrowding,
};
