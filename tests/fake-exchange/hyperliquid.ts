import type { FakeAsset } from './market-state';
import { HOUR } from './market-state';
import { QUARTER, quarterCandles } from './quarters';
import { json, type Reply } from './reply';
import type { VenueHandler } from './venue-handler';

// Hyperliquid's public info API: every read is `POST /info` with a JSON body whose `type` says what
// is asked. Shapes follow shared/reference/venues.md and the docs (info-endpoint/perpetuals):
// decimals as strings (Hyperliquid writes whole numbers as "150000000.0"), times as JSON numbers.
// Funding is hourly, so the fake's per-8h rates are divided by 8.

const DESERIALIZE_ERROR = 'Failed to deserialize the JSON body into the target type';

/** A body the venue cannot read is answered 422 with a plain-text reason, as the real API does. */
const unprocessable = (): Reply => ({ status: 422, body: DESERIALIZE_ERROR, contentType: 'text/plain; charset=utf-8' });

/**
 * An unknown coin in fundingHistory / candleSnapshot: the real API answers HTTP 500 (reported for
 * fundingHistory with a non-perp coin, hyperliquid-python-sdk issue #32). The body it sends is
 * UNSURE; `null` is served here.
 */
const unknownCoin = (): Reply => json(null, 500);

/** Decimal string the way Hyperliquid writes them: no exponent, trailing zeros trimmed, "x.0" for whole numbers. */
export function hlDecimal(x: number, decimals = 8): string {
  const fixed = x.toFixed(decimals);
  if (!fixed.includes('.')) return `${fixed}.0`;
  const trimmed = fixed.replace(/0+$/, '');
  return trimmed.endsWith('.') ? `${trimmed}0` : trimmed;
}

// Margin tables as mainnet lists them in the docs (trading/margin-tiers): BTC 40× up to 150M then 20×,
// ETH 25× up to 100M then 15×, SOL 20× up to 70M then 10×. Ids ≥ 50 are tables listed in meta; other
// assets get table 10, a single 10× tier, which meta does not list (ids below 50 are flat tiers).
const TABLES: Record<string, { id: number; maxLeverage: number; szDecimals: number }> = {
  BTC: { id: 56, maxLeverage: 40, szDecimals: 5 },
  ETH: { id: 55, maxLeverage: 25, szDecimals: 4 },
  SOL: { id: 54, maxLeverage: 20, szDecimals: 2 },
};
const FLAT_TABLE = { id: 10, maxLeverage: 10, szDecimals: 2 };

const MARGIN_TABLES = [
  [
    54,
    {
      description: 'tiered 20x',
      marginTiers: [
        { lowerBound: '0.0', maxLeverage: 20 },
        { lowerBound: '70000000.0', maxLeverage: 10 },
      ],
    },
  ],
  [
    55,
    {
      description: 'tiered 25x',
      marginTiers: [
        { lowerBound: '0.0', maxLeverage: 25 },
        { lowerBound: '100000000.0', maxLeverage: 15 },
      ],
    },
  ],
  [
    56,
    {
      description: 'tiered 40x',
      marginTiers: [
        { lowerBound: '0.0', maxLeverage: 40 },
        { lowerBound: '150000000.0', maxLeverage: 20 },
      ],
    },
  ],
] as const;

function meta(assets: readonly FakeAsset[]): unknown {
  return {
    universe: assets.map((a) => {
      const t = TABLES[a.asset] ?? FLAT_TABLE;
      return { szDecimals: t.szDecimals, name: a.asset, maxLeverage: t.maxLeverage, marginTableId: t.id };
    }),
    marginTables: MARGIN_TABLES,
    collateralToken: 0,
  };
}

function closeAtOrBefore(a: FakeAsset, time: number): number {
  let close = a.hourly[0]?.close ?? a.markPrice;
  for (const p of a.hourly) {
    if (p.time > time) break;
    close = p.close;
  }
  return close;
}

function assetCtx(a: FakeAsset, now: number): unknown {
  const funding = a.fundingRate8h / 8;
  return {
    funding: hlDecimal(funding, 10),
    openInterest: hlDecimal(a.openInterest, 4),
    prevDayPx: hlDecimal(closeAtOrBefore(a, now - 24 * HOUR), 2),
    dayNtlVlm: hlDecimal(a.openInterest * a.markPrice * 0.8, 2),
    premium: hlDecimal(a.markPrice / a.indexPrice - 1, 8),
    oraclePx: hlDecimal(a.indexPrice),
    markPx: hlDecimal(a.markPrice),
    midPx: hlDecimal(a.lastPrice),
    impactPxs: [hlDecimal(a.lastPrice * 0.9999, 2), hlDecimal(a.lastPrice * 1.0001, 2)],
    dayBaseVlm: hlDecimal(a.openInterest * 0.8, 2),
  };
}

const PAGE_ROWS = 500;

function fundingHistory(a: FakeAsset, coin: string, startTime: number, endTime: number | undefined): unknown[] {
  return a.fundingHistory8h
    .filter((p) => p.time >= startTime && (endTime === undefined || p.time <= endTime))
    .slice(0, PAGE_ROWS)
    .map((p) => ({
      coin,
      fundingRate: hlDecimal(p.rate / 8, 12),
      premium: hlDecimal(p.rate / 8 - 0.0000125, 12),
      time: p.time,
    }));
}

// Intervals the fake can build from its hourly closes; the other valid ones (minutes, 3d, 1w, 1M)
// are answered with no candles.
const HOUR_MULTIPLES: Record<string, number> = { '1h': 1, '2h': 2, '4h': 4, '8h': 8, '12h': 12, '1d': 24 };
const VALID_INTERVALS = new Set(['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '8h', '12h', '1d', '3d', '1w', '1M']);

interface Candle {
  t: number;
  T: number;
  s: string;
  i: string;
  o: number;
  c: number;
  h: number;
  l: number;
  v: number;
  n: number;
}

/** The 15-minute history, the running candle included, opening within [startTime, endTime]. */
function quarterSnapshot(a: FakeAsset, coin: string, startTime: number, endTime: number, now: number): unknown[] {
  return quarterCandles(a, now)
    .filter((c) => c.time >= startTime && c.time <= endTime)
    .map((c) => ({
      t: c.time,
      T: c.time + QUARTER - 1,
      s: coin,
      i: '15m',
      o: hlDecimal(c.open),
      c: hlDecimal(c.close),
      h: hlDecimal(c.high),
      l: hlDecimal(c.low),
      v: hlDecimal(c.volume, 3),
      n: c.closed ? 100 : 0,
    }));
}

function candles(a: FakeAsset, coin: string, interval: string, startTime: number, endTime: number): unknown[] {
  const hours = HOUR_MULTIPLES[interval];
  if (hours === undefined) return [];
  const bucket = hours * HOUR;
  const byStart = new Map<number, Candle>();
  let previous = a.hourly[0]?.close ?? a.markPrice;
  for (const p of a.hourly) {
    const o = previous;
    previous = p.close;
    const t = Math.floor(p.time / bucket) * bucket;
    const hi = Math.max(o, p.close) * 1.0015;
    const lo = Math.min(o, p.close) * 0.9985;
    const volume = p.oi * 0.02;
    const c = byStart.get(t);
    if (c) {
      c.c = p.close;
      c.h = Math.max(c.h, hi);
      c.l = Math.min(c.l, lo);
      c.v += volume;
      c.n += 100;
    } else {
      byStart.set(t, { t, T: t + bucket - 1, s: coin, i: interval, o, c: p.close, h: hi, l: lo, v: volume, n: 100 });
    }
  }
  return [...byStart.values()]
    .filter((c) => c.t >= startTime && c.t <= endTime)
    .map((c) => ({
      t: c.t,
      T: c.T,
      s: c.s,
      i: c.i,
      o: hlDecimal(c.o, 2),
      c: hlDecimal(c.c, 2),
      h: hlDecimal(c.h, 2),
      l: hlDecimal(c.l, 2),
      v: hlDecimal(c.v, 3),
      n: c.n,
    }));
}

/** What clearinghouseState answers for an address with no account: zeros and no positions, not an error. */
export function emptyHyperliquidState(now: number): unknown {
  const summary = { accountValue: '0.0', totalNtlPos: '0.0', totalRawUsd: '0.0', totalMarginUsed: '0.0' };
  return { marginSummary: summary, crossMarginSummary: summary, crossMaintenanceMarginUsed: '0.0', withdrawable: '0.0', assetPositions: [], time: now };
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

const isTime = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;

export const hyperliquidApi: VenueHandler = (req, state) => {
  if (req.path !== '/info' || req.method !== 'POST') return null;
  const body = req.body;
  if (!isRecord(body) || typeof body.type !== 'string') return unprocessable();
  const assets = [...state.markets.values()];
  switch (body.type) {
    case 'meta':
      return json(meta(assets));
    case 'metaAndAssetCtxs':
      return json([meta(assets), assets.map((a) => assetCtx(a, req.now))]);
    case 'fundingHistory': {
      const { coin, startTime, endTime } = body;
      if (typeof coin !== 'string' || !isTime(startTime) || (endTime !== undefined && endTime !== null && !isTime(endTime))) return unprocessable();
      const a = state.markets.get(coin);
      if (!a) return unknownCoin();
      return json(fundingHistory(a, coin, startTime, isTime(endTime) ? endTime : undefined));
    }
    case 'candleSnapshot': {
      const r = body.req;
      if (!isRecord(r) || typeof r.coin !== 'string' || typeof r.interval !== 'string' || !VALID_INTERVALS.has(r.interval) || !isTime(r.startTime)) {
        return unprocessable();
      }
      if (r.endTime !== undefined && r.endTime !== null && !isTime(r.endTime)) return unprocessable();
      const a = state.markets.get(r.coin);
      if (!a) return unknownCoin();
      const endTime = isTime(r.endTime) ? r.endTime : req.now;
      if (r.interval === '15m') return json(quarterSnapshot(a, r.coin, r.startTime, endTime, req.now));
      return json(candles(a, r.coin, r.interval, r.startTime, endTime));
    }
    case 'clearinghouseState': {
      if (typeof body.user !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(body.user)) return unprocessable();
      return json(state.accounts.get(body.user.toLowerCase()) ?? emptyHyperliquidState(req.now));
    }
    default:
      return unprocessable();
  }
};
