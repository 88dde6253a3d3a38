import type { FakeAsset } from './market-state';
import { HOUR, nextFunding } from './market-state';
import { QUARTER, quarterCandles, quarterOi } from './quarters';
import { json, type Reply } from './reply';
import { hourlyCandles } from './span-candles';
import { bybitCascade, withCascade } from './cascade';
import type { FakeRequest, FakeState, VenueHandler } from './venue-handler';

// Bybit v5 public market data (api.bybit.com), category=linear, in the shapes documented in
// shared/reference/venues.md: an envelope `{retCode, retMsg, result, retExtInfo, time}` around every
// answer, decimals and times as strings inside it, lists newest first. Errors are HTTP 200 with a
// non-zero retCode (10001 "params error"). Symbols are `<ASSET>USDT`.

const DAY = 24 * HOUR;
const HOST = 'api.bybit.com';

/** Funding interval in minutes per asset (SOL on 4 h, like some real symbols); others 8 h. */
const INTERVAL_MIN: Readonly<Record<string, number>> = { BTC: 480, ETH: 480, SOL: 240 };
const TICK: Readonly<Record<string, string>> = { BTC: '0.10', ETH: '0.01', SOL: '0.010' };
const FUNDING_CAP = '0.005';

/** Three fraction-form tiers whose deductions follow D(n) = D(n−1) + floor(n)·(m(n) − m(n−1)). */
const RISK_LIMITS: readonly { cap: string; mm: string; im: string; maxLeverage: string; deduction: string }[] = [
  { cap: '2000000', mm: '0.005', im: '0.01', maxLeverage: '100.00', deduction: '' },
  { cap: '4000000', mm: '0.01', im: '0.02', maxLeverage: '50.00', deduction: '10000' },
  { cap: '6000000', mm: '0.015', im: '0.03', maxLeverage: '33.33', deduction: '30000' },
];

const envelope = (result: unknown, now: number): Reply => json({ retCode: 0, retMsg: 'OK', result, retExtInfo: {}, time: now });
const paramsError = (what: string, now: number): Reply => json({ retCode: 10001, retMsg: `params error: ${what}`, result: {}, retExtInfo: {}, time: now });

const intervalMinutes = (asset: string): number => INTERVAL_MIN[asset] ?? 480;

function marketOf(req: FakeRequest, state: FakeState): { symbol: string; m: FakeAsset } | null {
  const symbol = req.query.get('symbol') ?? '';
  const m = symbol.endsWith('USDT') ? state.markets.get(symbol.slice(0, -4)) : undefined;
  return m ? { symbol, m } : null;
}

function limitOf(req: FakeRequest, fallback: number, max: number): number | null {
  const raw = req.query.get('limit');
  if (raw === null) return fallback;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : null;
}

function timeParam(req: FakeRequest, name: string): number | null | undefined {
  const raw = req.query.get(name);
  if (raw === null) return undefined;
  return /^\d{1,16}$/.test(raw) ? Number(raw) : null;
}

function instrument(m: FakeAsset, symbol: string, contractType: string, deliveryTime: string): Record<string, unknown> {
  const tick = TICK[m.asset] ?? '0.01';
  return {
    symbol,
    contractType,
    status: 'Trading',
    baseCoin: m.asset,
    quoteCoin: 'USDT',
    launchTime: '1585526400000',
    deliveryTime,
    deliveryFeeRate: '',
    priceScale: String(tick.split('.')[1]?.length ?? 0),
    leverageFilter: { minLeverage: '1', maxLeverage: '100.00', leverageStep: '0.01' },
    priceFilter: { minPrice: tick, maxPrice: '1999999.80', tickSize: tick },
    lotSizeFilter: {
      maxOrderQty: '1190.000',
      minOrderQty: '0.001',
      qtyStep: '0.001',
      postOnlyMaxOrderQty: '1190.000',
      maxMktOrderQty: '500.000',
      minNotionalValue: '5',
    },
    unifiedMarginTrade: true,
    fundingInterval: contractType === 'LinearPerpetual' ? intervalMinutes(m.asset) : 0,
    settleCoin: 'USDT',
    copyTrading: 'both',
    upperFundingRate: FUNDING_CAP,
    lowerFundingRate: `-${FUNDING_CAP}`,
    isPreListing: false,
    preListingInfo: null,
    riskParameters: { priceLimitRatioX: '0.01', priceLimitRatioY: '0.02' },
  };
}

function ticker(symbol: string, m: FakeAsset, now: number): Record<string, unknown> {
  const minutes = intervalMinutes(m.asset);
  const dayAgo = m.hourly.find((p) => p.time >= now - DAY)?.close ?? m.lastPrice;
  const hourAgo = m.hourly.find((p) => p.time >= now - HOUR)?.close ?? m.lastPrice;
  return {
    symbol,
    lastPrice: m.lastPrice.toFixed(2),
    indexPrice: m.indexPrice.toFixed(2),
    markPrice: m.markPrice.toFixed(2),
    prevPrice24h: dayAgo.toFixed(2),
    price24hPcnt: (m.lastPrice / dayAgo - 1).toFixed(6),
    highPrice24h: (m.lastPrice * 1.02).toFixed(2),
    lowPrice24h: (m.lastPrice * 0.98).toFixed(2),
    prevPrice1h: hourAgo.toFixed(2),
    openInterest: m.openInterest.toFixed(3),
    openInterestValue: (m.openInterest * m.markPrice).toFixed(2),
    turnover24h: '4936790807.6521',
    volume24h: '73191.3870',
    fundingRate: ((m.fundingRate8h * minutes) / 480).toFixed(8),
    nextFundingTime: String(nextFunding(now, minutes / 60)),
    predictedDeliveryPrice: '',
    basisRate: '',
    deliveryFeeRate: '',
    deliveryTime: '0',
    ask1Size: '1.000',
    bid1Price: (m.lastPrice - 0.1).toFixed(2),
    ask1Price: m.lastPrice.toFixed(2),
    bid1Size: '1.000',
    basis: '',
    preOpenPrice: '',
    preQty: '',
    curPreListingPhase: '',
    fundingIntervalHour: String(minutes / 60),
    fundingCap: FUNDING_CAP,
  };
}

function market(req: FakeRequest, state: FakeState): Reply | null {
  const now = req.now;
  if (req.query.get('category') !== 'linear') return paramsError('category invalid', now);
  switch (req.path) {
    case '/v5/market/instruments-info': {
      const limit = limitOf(req, 500, 1000);
      if (limit === null) return paramsError('limit invalid', now);
      const all = [...state.markets.values()].map((m) => instrument(m, `${m.asset}USDT`, 'LinearPerpetual', '0'));
      // A dated future, which a perpetuals client must leave out.
      const btc = state.markets.get('BTC');
      if (btc) all.push(instrument(btc, 'BTCUSDT-26DEC26', 'LinearFutures', '1798272000000'));
      const cursor = req.query.get('cursor');
      const offset = cursor === null ? 0 : Number(/^offset%3D(\d+)$/.exec(cursor)?.[1] ?? NaN);
      if (!Number.isInteger(offset)) return paramsError('cursor invalid', now);
      const page = all.slice(offset, offset + limit);
      const next = offset + limit < all.length ? `offset%3D${offset + limit}` : '';
      return envelope({ category: 'linear', list: page, nextPageCursor: next }, now);
    }
    case '/v5/market/tickers': {
      if (!req.query.has('symbol')) {
        return envelope({ category: 'linear', list: [...state.markets.values()].map((m) => ticker(`${m.asset}USDT`, m, now)) }, now);
      }
      const found = marketOf(req, state);
      if (!found) return paramsError('symbol invalid', now);
      return envelope({ category: 'linear', list: [ticker(found.symbol, found.m, now)] }, now);
    }
    case '/v5/market/funding/history': {
      const found = marketOf(req, state);
      if (!found) return paramsError('symbol invalid', now);
      const limit = limitOf(req, 200, 200);
      const start = timeParam(req, 'startTime');
      const end = timeParam(req, 'endTime');
      if (limit === null || start === null || end === null) return paramsError('invalid parameter', now);
      // Documented: passing only startTime is an error.
      if (start !== undefined && end === undefined) return paramsError('startTime without endTime', now);
      const step = intervalMinutes(found.m.asset) * 60_000;
      const rows = found.m.fundingHistory8h
        .filter((p) => p.time % step === 0 && p.time <= now && (end === undefined || p.time <= end) && (start === undefined || p.time >= start))
        .reverse()
        .slice(0, limit)
        .map((p) => ({ symbol: found.symbol, fundingRate: ((p.rate * step) / (8 * HOUR)).toFixed(8), fundingRateTimestamp: String(p.time) }));
      return envelope({ category: 'linear', list: rows }, now);
    }
    case '/v5/market/open-interest': {
      const found = marketOf(req, state);
      if (!found) return paramsError('symbol invalid', now);
      const intervalTime = req.query.get('intervalTime');
      if (intervalTime === '15min') return quarterOpenInterest(req, found.symbol, found.m);
      if (intervalTime !== '1h') return paramsError('intervalTime invalid', now);
      const limit = limitOf(req, 50, 200);
      if (limit === null) return paramsError('limit invalid', now);
      const rows = found.m.hourly
        .filter((p) => p.time <= now)
        .slice(-limit)
        .reverse()
        .map((p) => ({ openInterest: p.oi.toFixed(8), timestamp: String(p.time) }));
      return envelope({ symbol: found.symbol, category: 'linear', list: rows, nextPageCursor: '' }, now);
    }
    case '/v5/market/kline': {
      const found = marketOf(req, state);
      if (!found) return paramsError('symbol invalid', now);
      const interval = req.query.get('interval');
      const span = interval === '60' ? HOUR : interval === 'D' ? DAY : interval === '15' ? QUARTER : null;
      if (span === null) return paramsError('interval invalid', now);
      const limit = limitOf(req, 200, 1000);
      const start = timeParam(req, 'start');
      const end = timeParam(req, 'end');
      if (limit === null || start === null || end === null) return paramsError('invalid parameter', now);
      // The 15-minute history's prices are written as they are (up to 8 significant digits).
      const px = (x: number): string => (span === QUARTER ? String(x) : x.toFixed(2));
      // The newest `limit` candles opening within [start, end], newest first.
      const rows = (span === QUARTER ? quarterCandles(found.m, now) : hourlyCandles(found.m, span))
        .filter((c) => c.time <= now && (start === undefined || c.time >= start) && (end === undefined || c.time <= end))
        .slice(-limit)
        .reverse()
        .map((c) => [String(c.time), px(c.open), px(c.high), px(c.low), px(c.close), c.volume.toFixed(3), (c.volume * c.close).toFixed(4)]);
      return envelope({ symbol: found.symbol, category: 'linear', list: rows }, now);
    }
    case '/v5/market/risk-limit': {
      const found = marketOf(req, state);
      if (!found) return paramsError('symbol invalid', now);
      const list = RISK_LIMITS.map((t, i) => ({
        id: i + 1,
        symbol: found.symbol,
        riskLimitValue: t.cap,
        maintenanceMargin: t.mm,
        initialMargin: t.im,
        isLowestRisk: i === 0 ? 1 : 0,
        maxLeverage: t.maxLeverage,
        mmDeduction: t.deduction,
      }));
      return envelope({ category: 'linear', list, nextPageCursor: '' }, now);
    }
    default:
      return null;
  }
}

/** An opaque cursor as Bybit sends one (`lastid%3D…`): here it holds the offset of the next page. */
const cursorOf = (offset: number): string => `lastid%3D${offset}`;

/**
 * The 15-minute open interest: points at the bar closes within [startTime, endTime], newest first,
 * `limit` (≤ 200) a page and the older pages by nextPageCursor. `openInterest` is the sum of both
 * sides and `singleOpenInterest` one side, as the current docs describe them.
 */
function quarterOpenInterest(req: FakeRequest, symbol: string, m: FakeAsset): Reply {
  const now = req.now;
  const limit = limitOf(req, 50, 200);
  const start = timeParam(req, 'startTime');
  const end = timeParam(req, 'endTime');
  if (limit === null || start === null || end === null) return paramsError('invalid parameter', now);
  const cursor = req.query.get('cursor');
  const offset = cursor === null ? 0 : Number(/^lastid%3D(\d+)$/.exec(cursor)?.[1] ?? NaN);
  if (!Number.isInteger(offset)) return paramsError('cursor invalid', now);
  const all = quarterOi(m, now)
    .filter((p) => (start === undefined || p.time >= start) && (end === undefined || p.time <= end))
    .reverse();
  const list = all
    .slice(offset, offset + limit)
    .map((p) => ({ openInterest: (2 * p.oi).toFixed(8), singleOpenInterest: p.oi.toFixed(8), timestamp: String(p.time) }));
  const next = offset + limit < all.length ? cursorOf(offset + limit) : '';
  return envelope({ symbol, category: 'linear', list, nextPageCursor: next }, now);
}

const PATHS = new Set([
  '/v5/market/instruments-info',
  '/v5/market/tickers',
  '/v5/market/funding/history',
  '/v5/market/open-interest',
  '/v5/market/kline',
  '/v5/market/risk-limit',
]);

// With the cascade layer's endpoints in front (cascade.ts).
export const bybitApi: VenueHandler = withCascade(bybitCascade, (req, state) => {
  if (req.host !== HOST || req.method !== 'GET' || !PATHS.has(req.path)) return null;
  return market(req, state);
});
