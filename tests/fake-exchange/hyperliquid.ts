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

/**
 * One builder-deployed (HIP-3) dex, as HyENA runs one: its own markets on the same assets, named
 * `hyna:BTC`, settled in USDE (spot token 235), each with a single flat 20× margin table (id 20, not
 * listed) and the deployer's funding multiplier of 0.5 on the main dex's rate.
 */
export const HIP3_DEX = { name: 'hyna', fullName: 'HyENA', collateral: 'USDE', token: 235, fundingMultiplier: 0.5, maxLeverage: 20 } as const;

const hip3Coin = (asset: string): string => `${HIP3_DEX.name}:${asset}`;

function dexMeta(assets: readonly FakeAsset[]): unknown {
  return {
    universe: assets.map((a) => ({
      szDecimals: TABLES[a.asset]?.szDecimals ?? 2,
      name: hip3Coin(a.asset),
      maxLeverage: HIP3_DEX.maxLeverage,
      marginTableId: HIP3_DEX.maxLeverage,
      onlyIsolated: true,
      marginMode: 'noCross',
    })),
    marginTables: [],
    collateralToken: HIP3_DEX.token,
  };
}

const PERP_DEXS = [
  null,
  {
    name: HIP3_DEX.name,
    fullName: HIP3_DEX.fullName,
    deployer: '0x0000000000000000000000000000000000000001',
    oracleUpdater: null,
    feeRecipient: null,
    assetToStreamingOiCap: [],
    assetToFundingMultiplier: [['hyna:BTC', '0.5']],
  },
];

const SPOT_META = {
  universe: [],
  tokens: [
    { name: 'USDC', szDecimals: 8, weiDecimals: 8, index: 0, tokenId: '0x6d1e7cde53ba9467b783cb7c530ce054', isCanonical: true },
    { name: 'USDE', szDecimals: 2, weiDecimals: 8, index: HIP3_DEX.token, tokenId: '0x00000000000000000000000000000001', isCanonical: false },
  ],
};

/** The fake's market behind a coin: `BTC` on the main dex, `hyna:BTC` on the HIP-3 dex (with its funding multiplier). */
function marketOf(markets: ReadonlyMap<string, FakeAsset>, coin: string): { a: FakeAsset; fundingScale: number } | null {
  const m = /^(?:([a-z][a-z0-9]*):)?([A-Za-z0-9]+)$/.exec(coin);
  if (!m?.[2] || (m[1] !== undefined && m[1] !== HIP3_DEX.name)) return null;
  const a = markets.get(m[2]);
  return a ? { a, fundingScale: m[1] === undefined ? 1 : HIP3_DEX.fundingMultiplier } : null;
}

function closeAtOrBefore(a: FakeAsset, time: number): number {
  let close = a.hourly[0]?.close ?? a.markPrice;
  for (const p of a.hourly) {
    if (p.time > time) break;
    close = p.close;
  }
  return close;
}

function assetCtx(a: FakeAsset, now: number, fundingScale = 1): unknown {
  const funding = (a.fundingRate8h / 8) * fundingScale;
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

function fundingHistory(a: FakeAsset, coin: string, startTime: number, endTime: number | undefined, fundingScale: number): unknown[] {
  return a.fundingHistory8h
    .filter((p) => p.time >= startTime && (endTime === undefined || p.time <= endTime))
    .slice(0, PAGE_ROWS)
    .map((p) => ({
      coin,
      fundingRate: hlDecimal((p.rate / 8) * fundingScale, 12),
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
  // `dex` absent or "" is the main dex; an unknown dex is answered with null, as the venue does.
  const dex = body.dex;
  if (dex !== undefined && typeof dex !== 'string') return unprocessable();
  const onDex = dex !== undefined && dex !== '';
  if (onDex && dex !== HIP3_DEX.name && (body.type === 'meta' || body.type === 'metaAndAssetCtxs' || body.type === 'clearinghouseState')) return json(null);
  switch (body.type) {
    case 'perpDexs':
      return json(PERP_DEXS);
    case 'spotMeta':
      return json(SPOT_META);
    case 'meta':
      return json(onDex ? dexMeta(assets) : meta(assets));
    case 'metaAndAssetCtxs':
      return json(
        onDex
          ? [dexMeta(assets), assets.map((a) => assetCtx(a, req.now, HIP3_DEX.fundingMultiplier))]
          : [meta(assets), assets.map((a) => assetCtx(a, req.now))],
      );
    case 'fundingHistory': {
      const { coin, startTime, endTime } = body;
      if (typeof coin !== 'string' || !isTime(startTime) || (endTime !== undefined && endTime !== null && !isTime(endTime))) return unprocessable();
      const found = marketOf(state.markets, coin);
      if (!found) return unknownCoin();
      return json(fundingHistory(found.a, coin, startTime, isTime(endTime) ? endTime : undefined, found.fundingScale));
    }
    case 'candleSnapshot': {
      const r = body.req;
      if (!isRecord(r) || typeof r.coin !== 'string' || typeof r.interval !== 'string' || !VALID_INTERVALS.has(r.interval) || !isTime(r.startTime)) {
        return unprocessable();
      }
      if (r.endTime !== undefined && r.endTime !== null && !isTime(r.endTime)) return unprocessable();
      const a = marketOf(state.markets, r.coin)?.a;
      if (!a) return unknownCoin();
      const endTime = isTime(r.endTime) ? r.endTime : req.now;
      if (r.interval === '15m') return json(quarterSnapshot(a, r.coin, r.startTime, endTime, req.now));
      return json(candles(a, r.coin, r.interval, r.startTime, endTime));
    }
    case 'clearinghouseState': {
      if (typeof body.user !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(body.user)) return unprocessable();
      // A HIP-3 dex's account is kept under `<dex>|<address>` (each dex margins apart).
      const key = onDex ? `${dex}|${body.user.toLowerCase()}` : body.user.toLowerCase();
      return json(state.accounts.get(key) ?? emptyHyperliquidState(req.now));
    }
    default:
      return unprocessable();
  }
};
