import * as v from 'valibot';
import { figureSources } from '../figure-sources';
import type { Candles, FundingHistory, Http, Instrument, MarketQuote, Result, SeriesPoint, TierTable, VenueMarketClient } from '../market-types';
import { getJson, venueFailure } from '../request-kit';
import { gmxApiUrl as api, gmxKeeperUrl as keeper } from './request';
import { ascendingByTime } from '../series';
import { GMX_PATH, gmxDescriptor } from './descriptor';
import { gmxHourlyRates } from './fees';
import { findGmxMarket, gmxMarkets, indexPrice, type GmxMarket } from './markets';
import { implausibleMark } from '../schema';
import { keptList } from './kept-list';
import { CandlesBody, DayRow, MarketInfoRow, RatesBody, rowsOf, TickerRow, TokenRow, type Rows } from './schemas';
import { isGmxSymbol } from './symbol';
import { gmxZoneBars } from './zone-bars';

// GMX v2 on Arbitrum from its public API (markets, tokens, rates) and its oracle keeper (prices,
// candles). Every market of one index shares the index's price and candles; open interest, funding,
// borrowing and the liquidation parameters are the market's (its pool's) own. GMX publishes no
// open-interest history (the background records it while a market is watched), no account ratios
// and no public liquidation feed.

const HOUR = 3_600_000;
const PATH = GMX_PATH;
/** The token list changes with listings: an hour. */
const TOKENS_SHARE_MS = HOUR;
/**
 * Markets' state (open interest, funding, borrowing): shared by every GMX market, for less than the
 * quote's 30 s so that each quote reads it afresh (a broken answer then fails the quote at once,
 * and the last good quote stands).
 */
const MARKETS_SHARE_MS = 25_000;
/** Prices of every token: shared by every market's quote for 10 s. */
const TICKERS_SHARE_MS = 10_000;
/** The day's prices, for the plausibility of the current one (a price a day ago barely moves in 10 minutes). */
const DAY_SHARE_MS = 10 * 60_000;
/** The liquidation collateral's floor (DataStore MIN_COLLATERAL_USD), which no public endpoint serves: GMX's $1, as its interface's tests use. */
const MIN_COLLATERAL_USD = 1;
/** A tier table's single tier covers any size (messages carry finite numbers only). */
const ANY_SIZE = 1e15;
const HOURLY_LIMIT = 30;
const DAILY_LIMIT = 32;

const failure = (kind: Parameters<typeof venueFailure>[1], endpoint: string, message: string) => venueFailure(gmxDescriptor, kind, endpoint, message);

/** The token list: static metadata every call needs, asked hourly, retried a minute after a failure. */
const tokenList = keptList(TOKENS_SHARE_MS, 60_000, async (http): Promise<Result<TokenRow[]>> => {
  const r = await getJson(http, gmxDescriptor, api(PATH.tokens), rowsOf(TokenRow), { shareForMs: TOKENS_SHARE_MS, usable: (x) => x.rows.length > 0 });
  if (!r.ok) return r;
  if (r.value.rows.length === 0) return failure('schema', PATH.tokens, noRows('token', r.value));
  return { ok: true, value: r.value.rows };
});

/** Why a list gave no row: empty, or none of its rows read (with the first one's problem). */
const noRows = (what: string, r: Rows<unknown>): string =>
  r.unreadable === 0 ? `an empty ${what} list` : `none of the ${r.unreadable} ${what} rows could be read (${r.firstIssue ?? 'unreadable'})`;

/** The markets, and how many of GMX's market rows could not be read (a market missing may be one of them). */
interface MarketTable {
  markets: GmxMarket[];
  unreadable: number;
  firstIssue: string | null;
}

/**
 * The keeper's day of prices, for the plausibility of the current one only: kept 10 minutes (a price
 * a day ago barely moves in that time). Without it the quote stands unchecked rather than failing.
 */
const dayPrices = keptList(DAY_SHARE_MS, 60_000, (http) => getJson(http, gmxDescriptor, keeper(PATH.day), v.array(DayRow)));

/** Every GMX perpetual market with its state, from the two shared lists. */
export async function marketTable(http: Http): Promise<Result<MarketTable>> {
  const [tokens, infos] = await Promise.all([
    tokenList(http),
    getJson(http, gmxDescriptor, api(PATH.marketsInfo), rowsOf(MarketInfoRow), { shareForMs: MARKETS_SHARE_MS, usable: (r) => r.rows.length > 0 }),
  ]);
  if (!tokens.ok) return tokens;
  if (!infos.ok) return infos;
  if (infos.value.rows.length === 0) return failure('schema', PATH.marketsInfo, noRows('market', infos.value));
  const markets = gmxMarkets(tokens.value, infos.value.rows, MIN_COLLATERAL_USD);
  if (markets.length === 0) return failure('schema', PATH.marketsInfo, 'no perpetual market whose tokens the token list names');
  return { ok: true, value: { markets, unreadable: infos.value.unreadable, firstIssue: infos.value.firstIssue } };
}

/**
 * The market a symbol names (an index alone: its deepest market). Not found: unknown, unless some of
 * GMX's market rows could not be read, when it may be one of them and the answer is called broken.
 */
async function marketOf(inst: Instrument, http: Http): Promise<Result<GmxMarket>> {
  const table = await marketTable(http);
  if (!table.ok) return table;
  const m = findGmxMarket(table.value.markets, inst.symbol);
  if (m) return { ok: true, value: m };
  const { unreadable, firstIssue } = table.value;
  return unreadable > 0
    ? failure('schema', PATH.marketsInfo, `no readable GMX market ${inst.symbol}: ${unreadable} market rows could not be read (${firstIssue ?? 'unreadable'})`)
    : failure('unknown-symbol', PATH.marketsInfo, `no GMX market ${inst.symbol}`);
}

/** Every token's price from the keeper, shared by every market's quote. */
const tickerList = (http: Http): Promise<Result<TickerRow[]>> =>
  getJson(http, gmxDescriptor, keeper(PATH.tickers), v.array(TickerRow), { shareForMs: TICKERS_SHARE_MS, usable: (r) => r.length > 0 });

/** The keeper's ticker of the market's index token (its price, and the name its candles go by). */
function tickerOf(rows: readonly TickerRow[], m: GmxMarket): Result<TickerRow> {
  const row = rows.find((r) => r.tokenAddress.toLowerCase() === m.index.address);
  return row ? { ok: true, value: row } : failure('schema', PATH.tickers, `no price for ${m.base} (${m.index.address})`);
}

async function indexTicker(m: GmxMarket, http: Http): Promise<Result<TickerRow>> {
  const rows = await tickerList(http);
  return rows.ok ? tickerOf(rows.value, m) : rows;
}

const instrumentOf = (symbol: string, m: GmxMarket): Instrument => ({
  venue: 'gmx',
  symbol,
  asset: m.base,
  quote: 'USD',
  contractValue: 1,
  tickSize: null,
  // Funding accrues every second; PerpLens states it per hour, as GMX's interface does.
  fundingIntervalHours: 1,
});

async function instruments(http: Http): Promise<Result<Instrument[]>> {
  const table = await marketTable(http);
  if (!table.ok) return table;
  return { ok: true, value: table.value.markets.filter((m) => !m.disabled).map((m) => instrumentOf(m.symbol, m)) };
}

/**
 * A market the list leaves out: an index alone (`ETH`, a page's title), as its deepest market under
 * the index's name, or a disabled market. Not found while some of GMX's market rows could not be
 * read, it may be one of them: that is said, rather than "GMX does not list it".
 */
async function instrument(symbol: string, http: Http): Promise<Result<Instrument | null>> {
  if (!isGmxSymbol(symbol)) return { ok: true, value: null };
  const m = await marketOf({ venue: 'gmx', symbol, asset: '', quote: 'USD', contractValue: 1, tickSize: null, fundingIntervalHours: 1 }, http);
  if (m.ok) return { ok: true, value: instrumentOf(symbol, m.value) };
  return m.error.kind === 'unknown-symbol' ? { ok: true, value: null } : m;
}

async function quote(inst: Instrument, http: Http): Promise<Result<MarketQuote>> {
  // The three lists are asked together: a quote is one round of requests, not three in a row.
  const [market, tickers, day] = await Promise.all([marketOf(inst, http), tickerList(http), dayPrices(http)]);
  if (!market.ok) return market;
  const m = market.value;
  if (!tickers.ok) return tickers;
  const ticker = tickerOf(tickers.value, m);
  if (!ticker.ok) return ticker;
  const price = indexPrice(ticker.value.minPrice, ticker.value.maxPrice, m.index.decimals);
  if (price === null) return failure('schema', PATH.tickers, `no usable price for ${m.base}`);
  // GMX has one price: a corrupt or rescaled one is told from the keeper's price a day ago.
  const dayAgo = day.ok ? day.value.find((r) => r.tokenSymbol === ticker.value.tokenSymbol)?.open : undefined;
  const offMark = implausibleMark(price, dayAgo, 'price 24 h ago');
  if (offMark) return failure('schema', PATH.tickers, offMark);
  const long = gmxHourlyRates(m.fees, 'long');
  const short = gmxHourlyRates(m.fees, 'short');
  // The paying side's rate per hour, positive when longs pay (as every venue's rate is signed).
  const fundingRate = (m.fees.longsPayShorts ? -long.funding : short.funding) + 0;
  const totalUsd = m.fees.longInterestUsd + m.fees.shortInterestUsd;
  const figures = {
    markPrice: price,
    indexPrice: price,
    lastPrice: null,
    fundingRate,
    fundingIntervalHours: 1,
    nextFundingTime: null,
    fundingCap: null,
    fundingFloor: null,
    openInterest: m.longInterestTokens + m.shortInterestTokens,
  };
  return {
    ok: true,
    value: {
      venue: 'gmx',
      symbol: inst.symbol,
      ...figures,
      // GMX margins and liquidates on its oracle price: one price, no premium.
      markIsIndex: true,
      figureSources: figureSources(figures, {
        markPrice: PATH.tickers,
        indexPrice: PATH.tickers,
        lastPrice: null,
        fundingRate: PATH.marketsInfo,
        fundingIntervalHours: PATH.marketsInfo,
        nextFundingTime: null,
        fundingCap: null,
        fundingFloor: null,
        openInterest: PATH.marketsInfo,
      }),
      source: `${PATH.tickers} + ${PATH.marketsInfo}`,
      fetchedAt: Date.now(),
      sideRates: { long, short },
      ...(totalUsd > 0 ? { longShare: m.fees.longInterestUsd / totalUsd } : {}),
    },
  };
}

/**
 * 30 days of the market's rates (`/v1/rates`, per-second factors): as the paying side's hourly rate,
 * positive when longs pay, like the quote's. The snapshots are samples of a rate that moves every
 * second, not settlements: the interval stays the hour.
 */
async function fundingHistory(inst: Instrument, http: Http): Promise<Result<FundingHistory>> {
  const market = await marketOf(inst, http);
  if (!market.ok) return market;
  const m = market.value;
  const body = await getJson(http, gmxDescriptor, api(PATH.rates, { address: m.marketToken, period: '30d' }), RatesBody);
  if (!body.ok) return body;
  const entry = body.value.find((e) => e.marketAddress.toLowerCase() === m.marketToken);
  // No entry at all is a market without a history yet; another market's is a broken answer.
  if (!entry && body.value.length > 0) {
    return failure('schema', PATH.rates, `asked for ${m.marketToken}, got ${body.value.map((e) => e.marketAddress).join(', ')}`);
  }
  const byTime = new Map<number, number>();
  for (const s of entry?.ratesSnapshots ?? []) {
    const longPays = s.fundingRateLong < 0;
    const shortPays = s.fundingRateShort < 0;
    const rate = longPays ? -s.fundingRateLong * 3_600 : shortPays ? s.fundingRateShort * 3_600 : 0;
    byTime.set(s.timestamp * 1000, rate);
  }
  const points = ascendingByTime([...byTime].map(([time, rate]) => ({ time, rate })));
  return { ok: true, value: { points, intervalHours: 1, source: PATH.rates, fetchedAt: Date.now() } };
}

async function closes(http: Http, tokenSymbol: string, period: '1h' | '1d', limit: number): Promise<Result<SeriesPoint[]>> {
  const body = await getJson(http, gmxDescriptor, keeper(PATH.candles, { tokenSymbol, period, limit: String(limit) }), CandlesBody);
  if (!body.ok) return body;
  if (body.value.candles.length === 0) return failure('schema', PATH.candles, `no ${period} candles for ${tokenSymbol}`);
  // [time s, open, high, low, close], newest first.
  return { ok: true, value: ascendingByTime(body.value.candles.map((c) => ({ time: c[0] * 1000, value: c[4] }))) };
}

async function candles(inst: Instrument, http: Http): Promise<Result<Candles>> {
  const market = await marketOf(inst, http);
  if (!market.ok) return market;
  const ticker = await indexTicker(market.value, http);
  if (!ticker.ok) return ticker;
  const [hourly, daily] = await Promise.all([
    closes(http, ticker.value.tokenSymbol, '1h', HOURLY_LIMIT),
    closes(http, ticker.value.tokenSymbol, '1d', DAILY_LIMIT),
  ]);
  if (!hourly.ok) return hourly;
  if (!daily.ok) return daily;
  return { ok: true, value: { hourly: hourly.value, daily: daily.value, source: PATH.candles, fetchedAt: Date.now() } };
}

/**
 * GMX has no tiers: one collateral factor for any size, valued at entry, and a closing fee per
 * market. As a one-tier table the shared liquidation check computes GMX's own price (docs/risk-math.md §1.1;
 * checked against GMX's formula in tests/unit/venues/gmx-reference.ts).
 */
async function tiers(inst: Instrument, http: Http): Promise<Result<TierTable>> {
  const market = await marketOf(inst, http);
  if (!market.ok) return market;
  const { liquidation } = market.value;
  return {
    ok: true,
    value: {
      tiers: [{ notionalFloor: 0, notionalCap: ANY_SIZE, maintenanceRate: liquidation.minCollateralFactorForLiquidation, deduction: 0 }],
      feeRate: liquidation.closeFeeFactor,
      fallback: false,
      source: PATH.marketsInfo,
      fetchedAt: Date.now(),
    },
  };
}

export const gmxMarket: VenueMarketClient = {
  venue: 'gmx',
  instruments,
  instrument,
  quote,
  fundingHistory,
  oiHistory: null,
  candles,
  tiers,
  zoneBars: (inst, http, since) => gmxZoneBars(inst, http, since, indexTickerFor),
};

/** The index ticker of a market named by symbol, for the zone bars' candles. */
async function indexTickerFor(inst: Instrument, http: Http): Promise<Result<TickerRow>> {
  const market = await marketOf(inst, http);
  if (!market.ok) return market;
  return indexTicker(market.value, http);
}
