import * as v from 'valibot';
import type {
  Candles,
  FetchError,
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
import { implausibleMark, issueText, parseWith } from '../schema';
import type { InfoType } from './descriptor';
import { hyperliquidDescriptor } from './descriptor';
import { figureSources } from '../figure-sources';
import { forDex, hyperliquidError, infoEndpoint, postInfo } from './info';
import { AssetCtx, CandleRows, FundingRows, Meta, MetaAndAssetCtxs, SpotMeta } from './schemas';
import { HYPERLIQUID_QUOTE, hyperliquidAssetFromCoin, hyperliquidDexOf, isHyperliquidCoin } from './symbol';
import { hyperliquidTiers } from './tiers';
import { ascendingByTime, intervalHoursFromTimes } from '../series';
import { hyperliquidZoneBars } from './zone-bars';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Instrument list and margin tables change rarely; one `meta` request an hour serves every market. */
const META_SHARE_MS = HOUR;
/** One `metaAndAssetCtxs` answer carries every market's quote, so all watched coins share it. */
const QUOTE_SHARE_MS = 10_000;

/** Funding settles every hour on Hyperliquid. */
const FUNDING_INTERVAL_HOURS = 1;
/**
 * Funding is capped at 4% per hour (docs: trading/funding). Read from a summary of the official docs
 * and from HIP-3 venues that run Hyperliquid's funding ("Cap ±4% / hour"); the official page itself was
 * not in our search index, so the symmetric floor is UNSURE.
 */
const FUNDING_CAP = 0.04;

const FUNDING_DAYS = 30;
/** fundingHistory returns at most this many rows per call, ascending from startTime. */
const FUNDING_PAGE_ROWS = 500;
/** 30 days of hourly rows is 720: two pages. A third only if the venue pages shorter than documented. */
const FUNDING_MAX_REQUESTS = 3;

/** 48 h of hourly candles (≥ 25 h needed for 1h/4h/24h changes) and 40 days of daily ones (≥ 31 closes). */
const HOURLY_SPAN_HOURS = 48;
const DAILY_SPAN_DAYS = 40;

function unknownCoin(type: InfoType, coin: string): { ok: false; error: FetchError } {
  return hyperliquidError('unknown-symbol', type, `${coin} is not a Hyperliquid perpetual`);
}

async function fetchMeta(http: Http, dex = ''): Promise<Result<Meta>> {
  const body = await postInfo(http, forDex({ type: 'meta' as const }, dex), {
    shareForMs: META_SHARE_MS,
    accept: (b) => v.is(Meta, b) && b.universe.length > 0,
  });
  if (!body.ok) return body;
  return parseWith(Meta, body.value, hyperliquidDescriptor, infoEndpoint('meta'));
}

/** A universe's perpetuals as instruments, each settled in `quote`. */
function instrumentsOf(meta: Meta, quote: string, dex: string): Instrument[] {
  const seen = new Set<string>();
  const out: Instrument[] = [];
  for (const entry of meta.universe) {
    // A dex's meta names its own markets only (`xyz:…`); anything else in it is not one of them.
    if (entry.isDelisted === true || !isHyperliquidCoin(entry.name) || hyperliquidDexOf(entry.name) !== dex || seen.has(entry.name)) continue;
    seen.add(entry.name);
    out.push({
      venue: 'hyperliquid',
      symbol: entry.name,
      asset: hyperliquidAssetFromCoin(entry.name),
      quote,
      contractValue: 1,
      // Prices are limited to 5 significant figures (and 6 − szDecimals decimals), so the step
      // depends on the price itself: there is no fixed tick to report.
      tickSize: null,
      fundingIntervalHours: FUNDING_INTERVAL_HOURS,
    });
  }
  return out;
}

/** A spot token's name by its index (a HIP-3 dex's collateral), from `spotMeta`, shared for an hour. */
async function tokenName(http: Http, index: number): Promise<Result<string | null>> {
  // Token 0 is USDC (docs: the `meta` sample's collateralToken 0): named without asking.
  if (index === 0) return { ok: true, value: HYPERLIQUID_QUOTE };
  const body = await postInfo(http, { type: 'spotMeta' }, { shareForMs: META_SHARE_MS, accept: (b) => v.is(SpotMeta, b) && b.tokens.length > 0 });
  if (!body.ok) return body;
  const spot = parseWith(SpotMeta, body.value, hyperliquidDescriptor, infoEndpoint('spotMeta'));
  if (!spot.ok) return spot;
  return { ok: true, value: spot.value.tokens.find((t) => t.index === index)?.name ?? null };
}

/**
 * A builder-deployed (HIP-3) market, looked up by itself: listing every dex's markets up front would
 * cost one `meta` (weight 20) per dex, ten and more, on every cold start. Its dex's `meta` (shared for
 * an hour) lists it and names its collateral; an unknown dex (the venue answers null) or market is
 * not listed. A collateral PerpLens cannot name is refused rather than called USDC.
 */
async function dexInstrument(symbol: string, http: Http): Promise<Result<Instrument | null>> {
  const dex = hyperliquidDexOf(symbol);
  // The main dex's list is the whole list of its markets.
  if (dex === '' || !isHyperliquidCoin(symbol)) return { ok: true, value: null };
  const meta = await fetchMeta(http, dex);
  if (!meta.ok) return meta.error.kind === 'bad-request' ? { ok: true, value: null } : meta;
  const listed = instrumentsOf(meta.value, '', dex).find((i) => i.symbol === symbol);
  if (!listed) return { ok: true, value: null };
  const quote = await tokenName(http, meta.value.collateralToken ?? 0);
  if (!quote.ok) return quote;
  if (quote.value === null)
    return hyperliquidError('schema', 'meta', `the ${dex} dex settles in spot token ${meta.value.collateralToken ?? 0}, which spotMeta does not name`);
  return { ok: true, value: { ...listed, quote: quote.value } };
}

async function candleSeries(
  http: Http,
  coin: string,
  interval: '1h' | '1d',
  startTime: number,
  endTime: number,
  maxItems: number,
): Promise<Result<SeriesPoint[]>> {
  const endpoint = infoEndpoint('candleSnapshot');
  const body = await postInfo(http, { type: 'candleSnapshot', req: { coin, interval, startTime, endTime } }, { maxItems });
  if (!body.ok) return body;
  const rows = parseWith(CandleRows, body.value, hyperliquidDescriptor, endpoint);
  if (!rows.ok) return rows;
  for (const row of rows.value) {
    if (row.s !== coin || row.i !== interval) {
      return hyperliquidError('schema', 'candleSnapshot', `asked for ${coin} ${interval} candles, got ${row.s} ${row.i}`);
    }
  }
  return { ok: true, value: ascendingByTime(rows.value.map((r) => ({ time: r.t, value: r.c }))) };
}

export const hyperliquidMarket: VenueMarketClient = {
  venue: 'hyperliquid',

  async instruments(http: Http): Promise<Result<Instrument[]>> {
    const meta = await fetchMeta(http);
    if (!meta.ok) return meta;
    const main = instrumentsOf(meta.value, HYPERLIQUID_QUOTE, '');
    // No usable perpetual at all is a broken answer, not a venue without markets: saying so keeps the
    // trader from reading "BTC is not listed" while the list itself was garbage.
    if (main.length === 0) return hyperliquidError('schema', 'meta', 'no usable perpetual in the universe');
    return { ok: true, value: main };
  },

  instrument: dexInstrument,

  async quote(inst: Instrument, http: Http): Promise<Result<MarketQuote>> {
    const type = 'metaAndAssetCtxs';
    const endpoint = infoEndpoint(type);
    if (!isHyperliquidCoin(inst.symbol)) return unknownCoin(type, inst.symbol);
    // One answer per dex: the main dex's, or the HIP-3 dex's the market belongs to.
    const body = await postInfo(http, forDex({ type }, hyperliquidDexOf(inst.symbol)), {
      shareForMs: QUOTE_SHARE_MS,
      accept: (b) => v.is(MetaAndAssetCtxs, b),
    });
    if (!body.ok) return body;
    const parsed = parseWith(MetaAndAssetCtxs, body.value, hyperliquidDescriptor, endpoint);
    if (!parsed.ok) return parsed;
    const [meta, ctxs] = parsed.value;
    // Contexts belong to universe entries by position only; arrays of different lengths mean the
    // pairing cannot be trusted for any coin.
    if (ctxs.length !== meta.universe.length) {
      return hyperliquidError('schema', type, `universe lists ${meta.universe.length} markets but assetCtxs has ${ctxs.length}`);
    }
    const index = meta.universe.findIndex((u) => u.name === inst.symbol);
    if (index < 0) return unknownCoin(type, inst.symbol);
    const ctx = v.safeParse(AssetCtx, ctxs[index]);
    if (!ctx.success) {
      return hyperliquidError('schema', type, `unexpected ${inst.symbol} context at ${issueText(ctx.issues[0])}`);
    }
    // A corrupt mark would put every liquidation distance off: refuse it, keep the last good quote.
    const offMark = implausibleMark(ctx.output.markPx, ctx.output.oraclePx, 'oracle price');
    if (offMark) return hyperliquidError('schema', type, `${inst.symbol}: ${offMark}`);
    const fetchedAt = Date.now();
    const figures = {
      // Hyperliquid liquidates on its mark price ("Mark price ... is used for margining,
      // liquidations, triggering TP/SL, and computing unrealized pnl", docs: trading/robust-price-indices
      // and trading/liquidations), so distances to liquidation must be measured from markPx.
      markPrice: ctx.output.markPx,
      // The oracle price ("used to compute funding rates", same page) is also the price funding is
      // paid on: payment = size × oracle price × rate (docs: trading/funding). Funding drag on
      // Hyperliquid should therefore use indexPrice, not markPrice.
      indexPrice: ctx.output.oraclePx,
      lastPrice: ctx.output.midPx,
      fundingRate: ctx.output.funding,
      fundingIntervalHours: FUNDING_INTERVAL_HOURS,
      nextFundingTime: Math.floor(fetchedAt / HOUR) * HOUR + HOUR,
      fundingCap: FUNDING_CAP,
      fundingFloor: -FUNDING_CAP,
      openInterest: ctx.output.openInterest,
    };
    return {
      ok: true,
      value: {
        venue: 'hyperliquid',
        symbol: inst.symbol,
        ...figures,
        fundingPriceBasis: 'index',
        // One request feeds the quote. Interval, next settlement and caps are the venue's fixed
        // schedule and limit (above), not in the answer: they stand with the quote it came with.
        figureSources: figureSources(figures, {
          markPrice: endpoint,
          indexPrice: endpoint,
          lastPrice: endpoint,
          fundingRate: endpoint,
          fundingIntervalHours: endpoint,
          nextFundingTime: endpoint,
          fundingCap: endpoint,
          fundingFloor: endpoint,
          openInterest: endpoint,
        }),
        source: endpoint,
        fetchedAt,
      },
    };
  },

  async fundingHistory(inst: Instrument, http: Http): Promise<Result<FundingHistory>> {
    const type = 'fundingHistory';
    const endpoint = infoEndpoint(type);
    if (!isHyperliquidCoin(inst.symbol)) return unknownCoin(type, inst.symbol);
    const now = Date.now();
    let startTime = now - FUNDING_DAYS * DAY;
    const points: FundingPoint[] = [];
    for (let request = 0; request < FUNDING_MAX_REQUESTS; request++) {
      // Weight grows with the rows returned; at most one row per hour can come back from startTime on.
      const maxItems = Math.min(FUNDING_PAGE_ROWS, Math.ceil((now - startTime) / HOUR) + 1);
      const body = await postInfo(http, { type, coin: inst.symbol, startTime }, { maxItems });
      if (!body.ok) return body;
      const rows = parseWith(FundingRows, body.value, hyperliquidDescriptor, endpoint);
      if (!rows.ok) return rows;
      let last = 0;
      for (const row of rows.value) {
        if (row.coin !== inst.symbol) return hyperliquidError('schema', type, `asked for ${inst.symbol}, got a row for ${row.coin}`);
        points.push({ time: row.time, rate: row.fundingRate });
        last = Math.max(last, row.time);
      }
      // A short page is the last one; a full page that already reaches the current hour needs no more.
      if (rows.value.length < FUNDING_PAGE_ROWS || last >= now - HOUR) break;
      startTime = last + 1;
    }
    const sorted = ascendingByTime(points);
    return { ok: true, value: { points: sorted, intervalHours: intervalHoursFromTimes(sorted.map((p) => p.time)), source: endpoint, fetchedAt: Date.now() } };
  },

  // Hyperliquid publishes no open-interest history; the background records metaAndAssetCtxs snapshots.
  oiHistory: null,

  async candles(inst: Instrument, http: Http): Promise<Result<Candles>> {
    const type = 'candleSnapshot';
    if (!isHyperliquidCoin(inst.symbol)) return unknownCoin(type, inst.symbol);
    const now = Date.now();
    const hourStart = Math.floor(now / HOUR) * HOUR - HOURLY_SPAN_HOURS * HOUR;
    const dayStart = Math.floor(now / DAY) * DAY - DAILY_SPAN_DAYS * DAY;
    const [hourly, daily] = await Promise.all([
      candleSeries(http, inst.symbol, '1h', hourStart, now, HOURLY_SPAN_HOURS + 1),
      candleSeries(http, inst.symbol, '1d', dayStart, now, DAILY_SPAN_DAYS + 1),
    ]);
    if (!hourly.ok) return hourly;
    if (!daily.ok) return daily;
    return { ok: true, value: { hourly: hourly.value, daily: daily.value, source: infoEndpoint(type), fetchedAt: Date.now() } };
  },

  async tiers(inst: Instrument, http: Http): Promise<Result<TierTable>> {
    const type = 'meta';
    // A HIP-3 market's tiers are in its own dex's margin tables.
    const meta = await fetchMeta(http, hyperliquidDexOf(inst.symbol));
    if (!meta.ok) return meta;
    // An empty universe is a broken answer (the coin was listed a moment ago), not an unknown coin.
    if (meta.value.universe.length === 0) return hyperliquidError('schema', type, 'empty universe');
    const entry = meta.value.universe.find((u) => u.name === inst.symbol);
    if (!entry) return unknownCoin(type, inst.symbol);
    const table = hyperliquidTiers(meta.value, entry);
    if (!table.ok) return hyperliquidError('schema', type, table.message);
    // meta states the asset's highest leverage beside its table.
    return { ok: true, value: { tiers: table.tiers, maxLeverage: entry.maxLeverage, fallback: false, source: infoEndpoint(type), fetchedAt: Date.now() } };
  },

  zoneBars: hyperliquidZoneBars,
};
