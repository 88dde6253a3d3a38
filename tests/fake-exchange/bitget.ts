import { ACCOUNT_LONG_SHARE } from './cascade';
import type { FakeAsset } from './market-state';
import { HOUR, nextFunding } from './market-state';
import { QUARTER, quarterCandles } from './quarters';
import { hourlyCandles, type Candle } from './span-candles';
import { json, type Reply } from './reply';
import type { FakeRequest, FakeState, VenueHandler } from './venue-handler';

// Bitget v2 public mix-market API (api.bitget.com), productType USDT-FUTURES, in the shapes of
// Bitget's API docs: an envelope `{code, msg, requestTime, data}` with code "00000", every figure and
// time a string, candles oldest first, funding history newest first by page number. A bad parameter
// (an unknown symbol among them) is HTTP 400 with code 40034 in the same envelope. Symbols are
// `<ASSET>USDT`. Bitget publishes no open-interest history and no liquidations: neither is served.

const DAY = 24 * HOUR;
const HOST = 'api.bitget.com';

/** Funding interval in hours per asset: SOL on 4 h, as about half of Bitget's USDT perps are. */
export const BITGET_INTERVAL_HOURS: Readonly<Record<string, number>> = { BTC: 8, ETH: 8, SOL: 4 };
/** Bitget's position tiers: position value in USDT, maintenance rate, no deduction column. */
export const BITGET_TIERS: readonly { start: number; end: number; leverage: number; mmr: number }[] = [
  { start: 0, end: 150_000, leverage: 125, mmr: 0.004 },
  { start: 150_000, end: 900_000, leverage: 100, mmr: 0.005 },
  { start: 900_000, end: 12_000_000, leverage: 50, mmr: 0.01 },
  { start: 12_000_000, end: 38_000_000, leverage: 25, mmr: 0.015 },
];
const FUNDING_CAP = '0.003';
const PRICE_PLACE: Readonly<Record<string, string>> = { BTC: '1', ETH: '2', SOL: '3' };

const ok = (data: unknown, now: number): Reply => json({ code: '00000', msg: 'success', requestTime: now, data });
const paramError = (what: string, now: number): Reply => json({ code: '40034', msg: `Parameter ${what} does not exist`, requestTime: now, data: null }, 400);
const badParam = (what: string, now: number): Reply => json({ code: '40017', msg: `Parameter verification failed ${what}`, requestTime: now, data: null }, 400);

const intervalHours = (asset: string): number => BITGET_INTERVAL_HOURS[asset] ?? 8;
const str = (n: number): string => String(+n.toPrecision(10));

function marketOf(req: FakeRequest, state: FakeState): { symbol: string; m: FakeAsset } | null {
  const symbol = req.query.get('symbol') ?? '';
  const m = /^[A-Z0-9]+USDT$/.test(symbol) ? state.markets.get(symbol.slice(0, -4)) : undefined;
  return m ? { symbol, m } : null;
}

function intParam(req: FakeRequest, name: string, fallback: number, max: number): number | null {
  const raw = req.query.get(name);
  if (raw === null) return fallback;
  const n = Number(raw);
  return /^\d{1,4}$/.test(raw) && n >= 1 && n <= max ? n : null;
}

function timeParam(req: FakeRequest, name: string): number | null | undefined {
  const raw = req.query.get(name);
  if (raw === null) return undefined;
  return /^\d{1,16}$/.test(raw) ? Number(raw) : null;
}

function contract(m: FakeAsset, symbol: string, symbolType: string, symbolStatus: string): Record<string, unknown> {
  return {
    symbol,
    baseCoin: m.asset,
    quoteCoin: 'USDT',
    buyLimitPriceRatio: '0.05',
    sellLimitPriceRatio: '0.05',
    feeRateUpRatio: '0.005',
    makerFeeRate: '0.0002',
    takerFeeRate: '0.0006',
    openCostUpRatio: '0.01',
    supportMarginCoins: ['USDT'],
    minTradeNum: '0.0001',
    priceEndStep: '1',
    volumePlace: '4',
    pricePlace: PRICE_PLACE[m.asset] ?? '2',
    sizeMultiplier: '0.0001',
    symbolType,
    minTradeUSDT: '5',
    maxSymbolOrderNum: '200',
    maxProductOrderNum: '400',
    maxPositionNum: '150',
    symbolStatus,
    offTime: '-1',
    limitOpenTime: '-1',
    deliveryTime: '',
    deliveryStartTime: '',
    launchTime: '',
    fundInterval: String(intervalHours(m.asset)),
    minLever: '1',
    maxLever: '125',
    posLimit: '0.05',
    maintainTime: '',
  };
}

function ticker(symbol: string, m: FakeAsset, now: number): Record<string, unknown> {
  const dayAgo = m.hourly.find((p) => p.time >= now - DAY)?.close ?? m.lastPrice;
  return {
    symbol,
    lastPr: m.lastPrice.toFixed(2),
    askPr: m.lastPrice.toFixed(2),
    bidPr: (m.lastPrice - 0.1).toFixed(2),
    bidSz: '1.2',
    askSz: '0.8',
    high24h: (m.lastPrice * 1.02).toFixed(2),
    low24h: (m.lastPrice * 0.98).toFixed(2),
    ts: String(now),
    change24h: (m.lastPrice / dayAgo - 1).toFixed(5),
    baseVolume: '48211.3',
    quoteVolume: '2891234567.1',
    usdtVolume: '2891234567.1',
    openUtc: dayAgo.toFixed(2),
    changeUtc24h: (m.lastPrice / dayAgo - 1).toFixed(5),
    indexPrice: m.indexPrice.toFixed(2),
    fundingRate: str((m.fundingRate8h * intervalHours(m.asset)) / 8),
    holdingAmount: m.openInterest.toFixed(4),
    deliveryStartTime: null,
    deliveryTime: null,
    deliveryStatus: '',
    open24h: dayAgo.toFixed(2),
    markPrice: m.markPrice.toFixed(2),
  };
}

const GRANULARITY: Readonly<Record<string, number>> = { '15m': QUARTER, '1H': HOUR, '1Dutc': DAY };

function candles(req: FakeRequest, found: { m: FakeAsset }): Reply {
  const now = req.now;
  const granularity = req.query.get('granularity') ?? '';
  const span = GRANULARITY[granularity];
  if (span === undefined) return badParam('granularity', now);
  const limit = intParam(req, 'limit', 100, 1000);
  const start = timeParam(req, 'startTime');
  const end = timeParam(req, 'endTime');
  if (limit === null || start === null || end === null) return badParam('limit/startTime/endTime', now);
  const all: Candle[] =
    span === QUARTER
      ? quarterCandles(found.m, now).map((c) => ({ time: c.time, open: c.open, high: c.high, low: c.low, close: c.close, volume: c.volume }))
      : hourlyCandles(found.m, span, now);
  // The newest `limit` candles opening within [startTime, endTime], oldest first (Bitget aligns from the end).
  const rows = all
    .filter((c) => (start === undefined || c.time >= start) && (end === undefined || c.time <= end))
    .slice(-limit)
    .map((c) => [String(c.time), str(c.open), str(c.high), str(c.low), str(c.close), c.volume.toFixed(4), (c.volume * c.close).toFixed(4)]);
  return ok(rows, now);
}

function fundingHistory(req: FakeRequest, found: { symbol: string; m: FakeAsset }): Reply {
  const now = req.now;
  const size = intParam(req, 'pageSize', 20, 100);
  const page = intParam(req, 'pageNo', 1, 1000);
  if (size === null || page === null) return badParam('pageSize/pageNo', now);
  const step = intervalHours(found.m.asset) * HOUR;
  const rows = found.m.fundingHistory8h
    .filter((p) => p.time % step === 0 && p.time <= now)
    .reverse()
    .slice((page - 1) * size, page * size)
    .map((p) => ({ symbol: found.symbol, fundingRate: str((p.rate * step) / (8 * HOUR)), fundingTime: String(p.time) }));
  return ok(rows, now);
}

/** Hourly long shares, oldest first, the last at the current hour (cascade.ts's, as the other venues serve them). */
function accountRatio(req: FakeRequest, found: { m: FakeAsset }): Reply {
  const now = req.now;
  if (req.query.get('period') !== '1h') return badParam('period', now);
  const values = ACCOUNT_LONG_SHARE[found.m.asset] ?? [];
  const last = Math.floor(now / HOUR) * HOUR;
  const rows = values.map((long, i) => ({
    longAccountRatio: long.toFixed(4),
    shortAccountRatio: (1 - long).toFixed(4),
    longShortAccountRatio: (long / (1 - long)).toFixed(4),
    ts: String(last - (values.length - 1 - i) * HOUR),
  }));
  return ok(rows, now);
}

function market(req: FakeRequest, state: FakeState): Reply | null {
  const now = req.now;
  // The ratio endpoints take no productType; every other one needs it (either case).
  if (req.path !== '/api/v2/mix/market/account-long-short' && (req.query.get('productType') ?? '').toUpperCase() !== 'USDT-FUTURES') {
    return badParam('productType', now);
  }
  if (req.path === '/api/v2/mix/market/contracts') {
    const all = [...state.markets.values()].map((m) => contract(m, `${m.asset}USDT`, 'perpetual', 'normal'));
    // A delivery contract and a delisted perpetual, which a perpetuals client must leave out.
    const btc = state.markets.get('BTC');
    if (btc) all.push(contract(btc, 'BTCUSDT_261225', 'delivery', 'normal'), { ...contract(btc, 'OLDUSDT', 'perpetual', 'off'), baseCoin: 'OLD' });
    return ok(all, now);
  }
  const found = marketOf(req, state);
  if (!found) return paramError(req.query.get('symbol') ?? 'symbol', now);
  switch (req.path) {
    case '/api/v2/mix/market/ticker':
      return ok([ticker(found.symbol, found.m, now)], now);
    case '/api/v2/mix/market/current-fund-rate': {
      const hours = intervalHours(found.m.asset);
      return ok(
        [
          {
            symbol: found.symbol,
            fundingRate: str((found.m.fundingRate8h * hours) / 8),
            fundingRateInterval: String(hours),
            nextUpdate: String(nextFunding(now, hours)),
            minFundingRate: `-${FUNDING_CAP}`,
            maxFundingRate: FUNDING_CAP,
          },
        ],
        now,
      );
    }
    case '/api/v2/mix/market/history-fund-rate':
      return fundingHistory(req, found);
    case '/api/v2/mix/market/candles':
      return candles(req, found);
    case '/api/v2/mix/market/query-position-lever':
      return ok(
        BITGET_TIERS.map((t, i) => ({
          symbol: found.symbol,
          level: String(i + 1),
          startUnit: String(t.start),
          endUnit: String(t.end),
          leverage: String(t.leverage),
          keepMarginRate: String(t.mmr),
        })),
        now,
      );
    case '/api/v2/mix/market/account-long-short':
      return accountRatio(req, found);
    default:
      return null;
  }
}

const PATHS = new Set([
  '/api/v2/mix/market/contracts',
  '/api/v2/mix/market/ticker',
  '/api/v2/mix/market/current-fund-rate',
  '/api/v2/mix/market/history-fund-rate',
  '/api/v2/mix/market/candles',
  '/api/v2/mix/market/query-position-lever',
  '/api/v2/mix/market/account-long-short',
]);

export const bitgetApi: VenueHandler = (req, state) => {
  if (req.host !== HOST || req.method !== 'GET' || !PATHS.has(req.path)) return null;
  return market(req, state);
};
