import type { FakeAsset } from './market-state';
import { HOUR } from './market-state';
import { quarterCandles } from './quarters';
import { json, type Reply } from './reply';
import { hourlyCandles } from './span-candles';
import type { FakeRequest, FakeState, VenueHandler } from './venue-handler';

// GMX v2 on Arbitrum: its API (arbitrum.gmxapi.io: /v1/tokens, /v1/markets/info, /v1/rates) and its
// oracle keeper (arbitrum-api.gmxinfra.io: /prices/tickers, /prices/candles), in the shapes
// gmx-interface reads: big numbers as base-10 integer strings with 30 decimals (USD, prices,
// factors), token amounts in the token's smallest unit, keeper prices per smallest unit (so USD per
// token = price / 10^(30 − decimals)), candles `[t s, o, h, l, c]` newest first. Addresses are
// Arbitrum's (gmx-interface sdk/src/configs). Four markets: BTC/USD [BTC-USDC], ETH/USD [WETH-USDC]
// and [WETH-WETH], SOL/USD [SOL-USDC].

const API = 'arbitrum.gmxapi.io';
const KEEPER = 'arbitrum-api.gmxinfra.io';
const DAY = 24 * HOUR;

interface FakeToken {
  symbol: string;
  baseSymbol?: string;
  address: string;
  decimals: number;
  /** The keeper's name for it (WETH is "ETH"), or null when the keeper serves no price (none here). */
  keeper: string;
  /** The fake market it prices like (USDC: 1). */
  asset: string | null;
  isSynthetic?: true;
  isStable?: true;
}

const USDC: FakeToken = { symbol: 'USDC', address: '0xaf88d065e77c8cC2239327C5EDb3A432268e5831', decimals: 6, keeper: 'USDC', asset: null, isStable: true };
const WETH: FakeToken = { symbol: 'WETH', baseSymbol: 'ETH', address: '0x82aF49447D8a07e3bd95BD0d56f35241523fBab1', decimals: 18, keeper: 'ETH', asset: 'ETH' };
const BTC_INDEX: FakeToken = {
  symbol: 'BTC',
  address: '0x47904963fc8b2340414262125aF798B9655E58Cd',
  decimals: 8,
  keeper: 'BTC',
  asset: 'BTC',
  isSynthetic: true,
};
const WBTC: FakeToken = { symbol: 'BTC', address: '0x2f2a2543B76A4166549F7aaB2e75Bef0aefC5B0f', decimals: 8, keeper: 'BTC', asset: 'BTC' };
const SOL: FakeToken = { symbol: 'SOL', address: '0x2bcC6D6CdBbDC0a4071e48bb3B969b06B3330c07', decimals: 9, keeper: 'SOL', asset: 'SOL' };
export const GMX_TOKENS: readonly FakeToken[] = [USDC, WETH, BTC_INDEX, WBTC, SOL];

export interface GmxFakeMarket {
  marketToken: string;
  symbol: string;
  index: FakeToken;
  long: FakeToken;
  short: FakeToken;
  /** Share of the asset's open interest this market holds, and the longs' share of it. */
  oiShare: number;
  longShare: number;
}

export const GMX_MARKETS: readonly GmxFakeMarket[] = [
  { marketToken: '0x47c031236e19d024b42f8AE6780E44A573170703', symbol: 'BTC:BTC-USDC', index: BTC_INDEX, long: WBTC, short: USDC, oiShare: 1, longShare: 0.7 },
  { marketToken: '0x70d95587d40A2caf56bd97485aB3Eec10Bee6336', symbol: 'ETH:WETH-USDC', index: WETH, long: WETH, short: USDC, oiShare: 0.8, longShare: 0.4 },
  { marketToken: '0x450bb6774Dd8a756274E0ab4107953259d2ac541', symbol: 'ETH:WETH-WETH', index: WETH, long: WETH, short: WETH, oiShare: 0.2, longShare: 0.5 },
  { marketToken: '0x09400D9DB990D5ed3f35D7be61DfAEB900Af03C9', symbol: 'SOL:SOL-USDC', index: SOL, long: SOL, short: USDC, oiShare: 1, longShare: 0.55 },
];

/** Liquidation collateral share and closing fee of every fake market, and the borrowing each side pays per hour. */
export const GMX_PARAMS = { minCollateralFactorForLiquidation: 0.0035, closeFeeFactor: 0.0007, borrowLongPerHour: 0.00001, borrowShortPerHour: 0.000004 };

/** A fraction or a USD amount as GMX writes it: an integer string with 30 decimals. */
export const e30 = (x: number): string => {
  if (x === 0) return '0';
  // 15 significant digits, scaled exactly: a per-second factor of 3e-9 keeps its precision.
  const [mantissa = '0', exponent = '0'] = Math.abs(x).toExponential(14).split('e');
  const digits = BigInt(mantissa.replace('.', ''));
  const shift = 30 + Number(exponent) - 14;
  const scaled = shift >= 0 ? digits * 10n ** BigInt(shift) : digits / 10n ** BigInt(-shift);
  return (x < 0 ? '-' : '') + scaled.toString();
};
/** A token amount in its smallest unit. */
export const units = (x: number, decimals: number): string => ((BigInt(Math.round(x * 1e6)) * 10n ** BigInt(decimals)) / 10n ** 6n).toString();

/** The market's paying side's funding per second (GMX's fundingFactorPerSecond) from the fake's 8 h rate. */
export const fundingPerSecond = (rate8h: number): number => Math.abs(rate8h) / 8 / 3_600;

/** Long and short open interest of a market, in tokens and in USD at the mark. */
export function gmxOpenInterest(market: GmxFakeMarket, m: FakeAsset): { longTokens: number; shortTokens: number; longUsd: number; shortUsd: number } {
  const total = m.openInterest * market.oiShare;
  const longTokens = total * market.longShare;
  const shortTokens = total - longTokens;
  return { longTokens, shortTokens, longUsd: longTokens * m.markPrice, shortUsd: shortTokens * m.markPrice };
}

function marketInfo(market: GmxFakeMarket, m: FakeAsset): Record<string, unknown> {
  const oi = gmxOpenInterest(market, m);
  return {
    marketTokenAddress: market.marketToken,
    indexTokenAddress: market.index.address,
    longTokenAddress: market.long.address,
    shortTokenAddress: market.short.address,
    name: `${market.index.baseSymbol ?? market.index.symbol}/USD [${market.long.symbol}-${market.short.symbol}]`,
    isSpotOnly: false,
    isDisabled: false,
    longInterestUsd: e30(oi.longUsd),
    shortInterestUsd: e30(oi.shortUsd),
    longInterestInTokens: units(oi.longTokens, market.index.decimals),
    shortInterestInTokens: units(oi.shortTokens, market.index.decimals),
    useOpenInterestInTokensForBalance: true,
    fundingFactorPerSecond: e30(fundingPerSecond(m.fundingRate8h)),
    longsPayShorts: m.fundingRate8h > 0,
    borrowingFactorPerSecondForLongs: e30(GMX_PARAMS.borrowLongPerHour / 3_600),
    borrowingFactorPerSecondForShorts: e30(GMX_PARAMS.borrowShortPerHour / 3_600),
    minCollateralFactor: e30(0.005),
    minCollateralFactorForLiquidation: e30(GMX_PARAMS.minCollateralFactorForLiquidation),
    positionFeeFactorForBalanceWasImproved: e30(0.0005),
    positionFeeFactorForBalanceWasNotImproved: e30(GMX_PARAMS.closeFeeFactor),
    maxPositionImpactFactorForLiquidations: e30(0.0025),
  };
}

/** The keeper's price of a token per smallest unit: the fake's mark, 0.01% apart for min and max. */
function ticker(t: FakeToken, state: FakeState, now: number): Record<string, unknown> | null {
  const usd = t.asset === null ? 1 : state.markets.get(t.asset)?.markPrice;
  if (usd === undefined) return null;
  const perUnit = (x: number) => ((BigInt(Math.round(x * 1e8)) * 10n ** BigInt(30 - t.decimals)) / 10n ** 8n).toString();
  return {
    tokenAddress: t.address,
    tokenSymbol: t.keeper,
    minPrice: perUnit(usd * 0.99995),
    maxPrice: perUnit(usd * 1.00005),
    updatedAt: now,
    timestamp: Math.floor(now / 1000),
  };
}

/** The 30-day rate snapshots of a market: hourly, per second, funding signed (+ received), borrowing a cost. */
function rates(market: GmxFakeMarket, m: FakeAsset, now: number): Record<string, unknown>[] {
  const oi = gmxOpenInterest(market, m);
  return m.fundingHistory8h
    .filter((f) => f.time <= now && f.time > now - 30 * DAY)
    .map((f) => {
      const paid = fundingPerSecond(f.rate);
      const longsPay = f.rate > 0;
      const received = longsPay ? (paid * oi.longUsd) / oi.shortUsd : (paid * oi.shortUsd) / oi.longUsd;
      return {
        fundingRateLong: e30(longsPay ? -paid : received),
        fundingRateShort: e30(longsPay ? received : -paid),
        borrowingRateLong: e30(GMX_PARAMS.borrowLongPerHour / 3_600),
        borrowingRateShort: e30(GMX_PARAMS.borrowShortPerHour / 3_600),
        netRateLong: '0',
        netRateShort: '0',
        timestamp: Math.floor(f.time / 1000),
      };
    })
    .reverse();
}

const PERIODS: Readonly<Record<string, number>> = { '15m': 15 * 60_000, '1h': HOUR, '1d': DAY };

function candles(req: FakeRequest, state: FakeState): Reply {
  const symbol = req.query.get('tokenSymbol') ?? '';
  const period = PERIODS[req.query.get('period') ?? ''];
  const limitRaw = req.query.get('limit') ?? '1000';
  const limit = Number(limitRaw);
  const m = state.markets.get(symbol);
  if (period === undefined || !/^\d{1,5}$/.test(limitRaw) || limit < 1 || limit > 10_000) return json({ message: 'invalid period or limit' }, 400);
  if (!m) return json({ candles: [] });
  const all = period === 15 * 60_000 ? quarterCandles(m, req.now) : hourlyCandles(m, period, req.now);
  const rows = all
    .slice(-limit)
    .reverse()
    .map((c) => [Math.floor(c.time / 1000), c.open, c.high, c.low, c.close]);
  return json({ period: req.query.get('period'), candles: rows });
}

function api(req: FakeRequest, state: FakeState): Reply | null {
  switch (req.path) {
    case '/v1/tokens':
      return json(GMX_TOKENS.map(({ keeper: _k, asset: _a, ...t }) => ({ name: t.symbol, ...t })));
    case '/v1/markets/info':
      return json(
        GMX_MARKETS.flatMap((market) =>
          state.markets.get(market.index.asset ?? '') ? [marketInfo(market, state.markets.get(market.index.asset ?? '') as FakeAsset)] : [],
        ),
      );
    case '/v1/rates': {
      const address = (req.query.get('address') ?? '').toLowerCase();
      const market = GMX_MARKETS.find((x) => x.marketToken.toLowerCase() === address);
      const m = market ? state.markets.get(market.index.asset ?? '') : undefined;
      if (!['1d', '7d', '30d', '90d', '180d', '1y', 'total'].includes(req.query.get('period') ?? '30d')) return json({ message: 'invalid period' }, 400);
      return json(market && m ? [{ marketAddress: market.marketToken, ratesSnapshots: rates(market, m, req.now) }] : []);
    }
    case '/v1/positions': {
      const address = req.query.get('address') ?? '';
      if (!/^0x[0-9a-fA-F]{40}$/.test(address)) return json({ message: 'invalid address' }, 400);
      return json(state.accounts.get(`gmx|${address.toLowerCase()}`) ?? []);
    }
    default:
      return null;
  }
}

function keeper(req: FakeRequest, state: FakeState): Reply | null {
  switch (req.path) {
    case '/prices/tickers':
      return json(GMX_TOKENS.filter((t) => t !== WBTC).flatMap((t) => ticker(t, state, req.now) ?? []));
    case '/prices/candles':
      return candles(req, state);
    case '/prices/24h':
      return json(
        [...state.markets.values()].map((m) => {
          const past = m.hourly.filter((h) => h.time <= req.now - DAY).at(-1)?.close ?? m.markPrice;
          return { tokenSymbol: m.asset, open: past, close: m.markPrice, high: Math.max(past, m.markPrice), low: Math.min(past, m.markPrice) };
        }),
      );
    default:
      return null;
  }
}

export const gmxApi: VenueHandler = (req, state) => {
  if (req.method !== 'GET') return null;
  if (req.host === API) return api(req, state);
  if (req.host === KEEPER) return keeper(req, state);
  return null;
};

/** One position as `/v1/positions` serves it (RawPositionInfo's fields as integer strings), for a fake account. */
export function gmxPositionRow(p: {
  market: string;
  isLong: boolean;
  sizeTokens: number;
  entry: number;
  mark: number;
  liq: number | null;
  collateral: 'long' | 'short';
  remainingCollateralUsd: number;
  remainingCollateralTokens: number;
  pnl: number;
  leverage: number;
}): Record<string, unknown> {
  const m = GMX_MARKETS.find((x) => x.symbol === p.market);
  if (!m) throw new Error(`no fake GMX market ${p.market}`);
  const token = p.collateral === 'long' ? m.long : m.short;
  return {
    key: `0x0:${m.marketToken}:${token.address}:${p.isLong}`,
    marketAddress: m.marketToken,
    collateralTokenAddress: token.address,
    isLong: p.isLong,
    sizeInUsd: e30(p.sizeTokens * p.entry),
    sizeInTokens: units(p.sizeTokens, m.index.decimals),
    entryPrice: e30(p.entry),
    markPrice: e30(p.mark),
    ...(p.liq === null ? {} : { liquidationPrice: e30(p.liq) }),
    remainingCollateralUsd: e30(p.remainingCollateralUsd),
    remainingCollateralAmount: units(p.remainingCollateralTokens, token.decimals),
    pnl: e30(p.pnl),
    leverage: String(Math.round(p.leverage * 10_000)),
    indexName: `${m.index.baseSymbol ?? m.index.symbol}/USD`,
    poolName: `${m.long.symbol}-${m.short.symbol}`,
    hasLowCollateral: false,
  };
}
