import type { FakeAsset } from './market-state';
import { HOUR, nextFunding } from './market-state';
import { QUARTER, quarterCandles, quarterOi } from './quarters';
import { json, type Reply } from './reply';
import { binanceCascade, withCascade } from './cascade';
import type { FakeRequest, FakeState, VenueHandler } from './venue-handler';

// Binance USDⓈ-M public API (fapi.binance.com) and the public bracket table (www.binance.com/bapi),
// in the shapes documented in shared/reference/venues.md: fapi numbers as decimal strings and times
// as JSON numbers, bapi numbers as bare JSON numbers, fapi errors as `{code, msg}` with HTTP 400.
// Symbols are `<ASSET>USDT`.

const DAY = 24 * HOUR;
const FAPI = 'fapi.binance.com';
const WWW = 'www.binance.com';
const BRACKETS_PATH = '/bapi/futures/v1/friendly/future/common/brackets';

/**
 * fundingInfo lists only symbols whose schedule or caps were adjusted: BTC as on the real venue
 * (8 h, ±0.3%), SOL moved to 4 h. ETH is absent, i.e. on the default 8 h schedule.
 */
const ADJUSTED: Readonly<Record<string, { hours: number; cap: number }>> = {
  BTC: { hours: 8, cap: 0.003 },
  SOL: { hours: 4, cap: 0.02 },
};
const TICK: Readonly<Record<string, string>> = { BTC: '0.10', ETH: '0.01', SOL: '0.0100' };

/** The tier table of shared/reference/risk-math.md, served for every symbol. */
const BRACKETS: readonly [number, number, number, number][] = [
  [0, 50_000, 0.004, 0],
  [50_000, 600_000, 0.005, 50],
  [600_000, 3_000_000, 0.0065, 950],
  [3_000_000, 12_000_000, 0.01, 11_450],
  [12_000_000, 70_000_000, 0.02, 131_450],
];

/** Maximum leverage of a bracket: its initial margin is twice its maintenance rate. */
const maxLeverage = (rate: number): number => Math.floor(1 / (2 * rate));

const invalidSymbol = (): Reply => json({ code: -1121, msg: 'Invalid symbol.' }, 400);
const badParam = (name: string): Reply => json({ code: -1130, msg: `Data sent for parameter '${name}' is not valid.` }, 400);

function marketOf(req: FakeRequest, state: FakeState): { symbol: string; m: FakeAsset } | null {
  const symbol = req.query.get('symbol') ?? '';
  const m = symbol.endsWith('USDT') ? state.markets.get(symbol.slice(0, -4)) : undefined;
  return m ? { symbol, m } : null;
}

const intervalHours = (asset: string): number => ADJUSTED[asset]?.hours ?? 8;

/** `limit` within [1, max], `fallback` when absent; null when it is not a number in range. */
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

function settlements(m: FakeAsset, now: number): { time: number; rate: number; mark: number }[] {
  const h = intervalHours(m.asset);
  const closeAt = new Map(m.hourly.map((p) => [p.time, p.close]));
  return m.fundingHistory8h
    .filter((p) => p.time % (h * HOUR) === 0 && p.time <= now)
    .map((p) => ({ time: p.time, rate: (p.rate * h) / 8, mark: closeAt.get(p.time) ?? m.markPrice }));
}

type Candle = { open: number; high: number; low: number; close: number; time: number; span: number; volume: number };

function hourlyCandles(m: FakeAsset): Candle[] {
  return m.hourly.map((p, i) => {
    const open = m.hourly[i - 1]?.close ?? p.close;
    return {
      time: p.time,
      span: HOUR,
      open,
      close: p.close,
      high: Math.max(open, p.close) * 1.001,
      low: Math.min(open, p.close) * 0.999,
      volume: 1000 + (i % 17) * 10,
    };
  });
}

function dailyCandles(m: FakeAsset): Candle[] {
  const days = new Map<number, Candle>();
  for (const c of hourlyCandles(m)) {
    const day = Math.floor(c.time / DAY) * DAY;
    const d = days.get(day);
    if (!d) days.set(day, { ...c, time: day, span: DAY });
    else days.set(day, { ...d, close: c.close, high: Math.max(d.high, c.high), low: Math.min(d.low, c.low), volume: d.volume + c.volume });
  }
  return [...days.values()];
}

/** The 15-minute history with its taker-buy volume (field 9) as served. */
function quarterKlines(m: FakeAsset, now: number): (Candle & { takerBuy: number })[] {
  return quarterCandles(m, now).map((c) => ({ ...c, span: QUARTER }));
}

/** Rows from `start` (the first `limit`) or else up to `end` (the last `limit`), open times within both, ascending. */
function inWindow<T extends { time: number }>(rows: readonly T[], start: number | undefined, end: number | undefined, limit: number): T[] {
  const within = rows.filter((r) => (start === undefined || r.time >= start) && (end === undefined || r.time <= end));
  return start !== undefined ? within.slice(0, limit) : within.slice(-limit);
}

function klineRow(c: Candle & { takerBuy?: number }, decimals: number): unknown[] {
  const quoteVolume = c.volume * c.close;
  const takerBuy = c.takerBuy ?? c.volume / 2;
  return [
    c.time,
    c.open.toFixed(decimals),
    c.high.toFixed(decimals),
    c.low.toFixed(decimals),
    c.close.toFixed(decimals),
    c.volume.toFixed(3),
    c.time + c.span - 1,
    quoteVolume.toFixed(5),
    Math.round(c.volume * 7),
    takerBuy.toFixed(3),
    (takerBuy * c.close).toFixed(5),
    '0',
  ];
}

function exchangeSymbol(m: FakeAsset, symbol: string, contractType: string, deliveryDate: number): Record<string, unknown> {
  const tick = TICK[m.asset] ?? '0.01';
  return {
    symbol,
    pair: `${m.asset}USDT`,
    contractType,
    deliveryDate,
    onboardDate: 1569398400000,
    status: 'TRADING',
    maintMarginPercent: '2.5000',
    requiredMarginPercent: '5.0000',
    baseAsset: m.asset,
    quoteAsset: 'USDT',
    marginAsset: 'USDT',
    pricePrecision: 2,
    quantityPrecision: 3,
    baseAssetPrecision: 8,
    quotePrecision: 8,
    underlyingType: 'COIN',
    underlyingSubType: [],
    triggerProtect: '0.0500',
    liquidationFee: '0.012500',
    marketTakeBound: '0.05',
    filters: [
      { filterType: 'PRICE_FILTER', minPrice: tick, maxPrice: '1000000', tickSize: tick },
      { filterType: 'LOT_SIZE', stepSize: '0.001', maxQty: '1000', minQty: '0.001' },
      { filterType: 'MIN_NOTIONAL', notional: '5' },
    ],
    orderTypes: ['LIMIT', 'MARKET', 'STOP', 'STOP_MARKET', 'TAKE_PROFIT', 'TAKE_PROFIT_MARKET', 'TRAILING_STOP_MARKET'],
    timeInForce: ['GTC', 'IOC', 'FOK', 'GTX', 'GTD'],
  };
}

function premiumIndex(symbol: string, m: FakeAsset, now: number): Record<string, unknown> {
  const h = intervalHours(m.asset);
  return {
    symbol,
    markPrice: m.markPrice.toFixed(8),
    indexPrice: m.indexPrice.toFixed(8),
    estimatedSettlePrice: m.indexPrice.toFixed(8),
    lastFundingRate: ((m.fundingRate8h * h) / 8).toFixed(8),
    interestRate: '0.00010000',
    nextFundingTime: nextFunding(now, h),
    time: now,
  };
}

function fapi(req: FakeRequest, state: FakeState): Reply | null {
  switch (req.path) {
    case '/fapi/v1/exchangeInfo': {
      const symbols = [...state.markets.values()].map((m) => exchangeSymbol(m, `${m.asset}USDT`, 'PERPETUAL', 4133404800000));
      // A quarterly delivery contract, which a perpetuals client must leave out.
      const btc = state.markets.get('BTC');
      if (btc) symbols.push(exchangeSymbol(btc, 'BTCUSDT_261225', 'CURRENT_QUARTER', 1797926400000));
      return json({
        timezone: 'UTC',
        serverTime: req.now,
        futuresType: 'U_MARGINED',
        rateLimits: [
          { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 2400 },
          { rateLimitType: 'ORDERS', interval: 'MINUTE', intervalNum: 1, limit: 1200 },
          { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 300 },
        ],
        exchangeFilters: [],
        assets: [{ asset: 'USDT', marginAvailable: true, autoAssetExchange: '-10000' }],
        symbols,
      });
    }
    case '/fapi/v1/premiumIndex': {
      // Without a symbol the venue answers every market as an array.
      if (!req.query.has('symbol')) return json([...state.markets.values()].map((m) => premiumIndex(`${m.asset}USDT`, m, req.now)));
      const found = marketOf(req, state);
      return found ? json(premiumIndex(found.symbol, found.m, req.now)) : invalidSymbol();
    }
    case '/fapi/v1/openInterest': {
      const found = marketOf(req, state);
      if (!found) return invalidSymbol();
      return json({ openInterest: found.m.openInterest.toFixed(3), symbol: found.symbol, time: req.now });
    }
    case '/fapi/v1/fundingInfo':
      return json(
        [...state.markets.values()].flatMap((m) => {
          const adj = ADJUSTED[m.asset];
          if (!adj) return [];
          return [
            {
              symbol: `${m.asset}USDT`,
              adjustedFundingRateCap: adj.cap.toFixed(8),
              adjustedFundingRateFloor: (-adj.cap).toFixed(8),
              fundingIntervalHours: adj.hours,
              disclaimer: false,
            },
          ];
        }),
      );
    case '/fapi/v1/fundingRate': {
      const found = marketOf(req, state);
      if (!found) return invalidSymbol();
      const limit = limitOf(req, 100, 1000);
      if (limit === null) return badParam('limit');
      const start = timeParam(req, 'startTime');
      const end = timeParam(req, 'endTime');
      if (start === null) return badParam('startTime');
      if (end === null) return badParam('endTime');
      const rows = settlements(found.m, req.now).filter((p) => (start === undefined || p.time >= start) && (end === undefined || p.time <= end));
      // From startTime the first `limit` rows; otherwise the most recent ones. Ascending either way.
      const page = start !== undefined ? rows.slice(0, limit) : rows.slice(-limit);
      return json(page.map((p) => ({ symbol: found.symbol, fundingRate: p.rate.toFixed(8), fundingTime: p.time, markPrice: p.mark.toFixed(8) })));
    }
    case '/futures/data/openInterestHist': {
      const found = marketOf(req, state);
      if (!found) return invalidSymbol();
      const period = req.query.get('period');
      if (period !== '1h' && period !== '15m') return badParam('period');
      const limit = limitOf(req, 30, 500);
      if (limit === null) return badParam('limit');
      const start = timeParam(req, 'startTime');
      const end = timeParam(req, 'endTime');
      if (start === null) return badParam('startTime');
      if (end === null) return badParam('endTime');
      // A point at T is the open interest at T; the 15-minute ones are the bars' closes.
      const points = period === '1h' ? found.m.hourly.filter((p) => p.time <= req.now) : quarterOi(found.m, req.now);
      const rows = inWindow(points, start, end, limit);
      return json(
        rows.map((p) => ({
          symbol: found.symbol,
          sumOpenInterest: p.oi.toFixed(8),
          sumOpenInterestValue: (p.oi * p.close).toFixed(8),
          timestamp: p.time,
        })),
      );
    }
    case '/fapi/v1/klines': {
      const found = marketOf(req, state);
      if (!found) return invalidSymbol();
      const limit = limitOf(req, 500, 1500);
      if (limit === null) return badParam('limit');
      const interval = req.query.get('interval');
      const candles =
        interval === '1h' ? hourlyCandles(found.m) : interval === '1d' ? dailyCandles(found.m) : interval === '15m' ? quarterKlines(found.m, req.now) : null;
      if (!candles) return badParam('interval');
      const start = timeParam(req, 'startTime');
      const end = timeParam(req, 'endTime');
      if (start === null) return badParam('startTime');
      if (end === null) return badParam('endTime');
      // Prices of the 15-minute history carry up to 8 significant digits.
      const decimals = interval === '15m' ? 8 : 2;
      return json(
        inWindow(
          candles.filter((c) => c.time <= req.now),
          start,
          end,
          limit,
        ).map((c) => klineRow(c, decimals)),
      );
    }
    default:
      return null;
  }
}

function brackets(state: FakeState): Reply {
  return json({
    code: '000000',
    message: null,
    messageDetail: null,
    data: {
      brackets: [...state.markets.values()].map((m) => ({
        symbol: `${m.asset}USDT`,
        updateTime: 1755585384254,
        notionalLimit: 100,
        riskBrackets: (state.binanceBrackets ?? BRACKETS).map(([floor, cap, rate, cum], i, rows) => ({
          bracketSeq: i + 1,
          bracketNotionalFloor: floor,
          bracketNotionalCap: cap,
          bracketMaintenanceMarginRate: rate,
          cumFastMaintenanceAmount: cum,
          minOpenPosLeverage: i + 1 < rows.length ? maxLeverage(rows[i + 1]?.[2] ?? rate) + 1 : 1,
          maxOpenPosLeverage: maxLeverage(rate),
        })),
      })),
      version: '1755585384254',
    },
    success: true,
  });
}

// With the cascade layer's endpoints in front (cascade.ts).
export const binanceApi: VenueHandler = withCascade(binanceCascade, (req, state) => {
  if (req.host === WWW) {
    // The web app POSTs `{}`; a plain GET answers the same.
    return req.path === BRACKETS_PATH && (req.method === 'GET' || req.method === 'POST') ? brackets(state) : null;
  }
  if (req.host === FAPI && req.method === 'GET') return fapi(req, state);
  return null;
});
