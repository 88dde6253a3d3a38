import { zonesAt, ZONE_MODEL, type Level } from '../../../src/core/liq-zones';
import type { MarketSnapshot, ZoneState } from '../../../src/venues/snapshot-types';

const part = { fetchedAt: 1000, source: '/x', error: null };
const QUOTE_SOURCE = '/fapi/v1/premiumIndex + /fapi/v1/openInterest + /fapi/v1/fundingInfo';

/**
 * Zones around a mark of 60,000 made from explicit levels: a long cluster at 58,800 (−2%), a smaller
 * one at 54,000 (−10%), a short cluster at 61,500 (+2.5%) and scattered notional besides.
 */
export function zonesFixture(levels: Level[] = ZONE_LEVELS, mark = 60000): ZoneState {
  return {
    status: 'ready',
    map: zonesAt(
      {
        levels,
        bars: 672,
        coveredMs: 7 * 86_400_000 - 900_000,
        takerSplit: 'published',
        leverages: [...ZONE_MODEL.leverages],
        weights: [...ZONE_MODEL.weights],
      },
      mark,
    ),
    basis: 'venue',
    coveredMs: 7 * 86_400_000 - 900_000,
    maintenanceRate: 0.004,
    maxLeverage: 125,
    maxLeverageSource: 'venue',
    dataAt: 900,
  };
}

export const ZONE_LEVELS: Level[] = [
  { side: 'long', price: 58_810, notional: 4e6 },
  { side: 'long', price: 54_010, notional: 2e6 },
  ...Array.from({ length: 20 }, (_, i): Level => ({ side: 'long', price: 50_000 + i * 450, notional: 1e5 })),
  { side: 'short', price: 61_510, notional: 3e6 },
  ...Array.from({ length: 20 }, (_, i): Level => ({ side: 'short', price: 60_300 + i * 600, notional: 1e5 })),
];

/** A complete, plausible snapshot for UI tests; override what the test is about. */
export function snapshotFixture(over: Partial<MarketSnapshot> = {}): MarketSnapshot {
  return {
    venue: 'binance',
    symbol: 'BTCUSDT',
    asset: 'BTC',
    contractValue: 1,
    quote: {
      venue: 'binance',
      symbol: 'BTCUSDT',
      markPrice: 60000,
      indexPrice: 59990,
      lastPrice: null,
      fundingRate: 0.0001,
      fundingIntervalHours: 8,
      nextFundingTime: 28_800_000,
      fundingCap: 0.02,
      fundingFloor: -0.02,
      openInterest: 85000,
      figureSources: {
        markPrice: '/fapi/v1/premiumIndex',
        indexPrice: '/fapi/v1/premiumIndex',
        fundingRate: '/fapi/v1/premiumIndex',
        fundingIntervalHours: '/fapi/v1/fundingInfo',
        nextFundingTime: '/fapi/v1/premiumIndex',
        fundingCap: '/fapi/v1/fundingInfo',
        fundingFloor: '/fapi/v1/fundingInfo',
        openInterest: '/fapi/v1/openInterest',
      },
      source: QUOTE_SOURCE,
      fetchedAt: 1000,
    },
    fundingIntervalHours: 8,
    fundingIntervalSource: 'venue',
    fundingAvg7d: 0.0001,
    fundingPercentile30d: 0.5,
    dailyVol: 0.025,
    priceChange: {
      '1h': { change: 0.001, basis: 'window', from: 0 },
      '4h': { change: 0.012, basis: 'window', from: 0 },
      '24h': { change: null, reason: 'no candles yet' },
    },
    oiChange: {
      '1h': { change: 0.002, basis: 'window', from: 0 },
      '4h': { change: 0.03, basis: 'window', from: 0 },
      '24h': { change: -0.01, basis: 'window', from: 0 },
    },
    oiBasis: 'venue',
    tiers: { tiers: [{ notionalFloor: 0, notionalCap: 50000, maintenanceRate: 0.004, deduction: 0 }], fallback: false, source: '/bapi', fetchedAt: 1000 },
    liquidation: { valuation: 'liquidation', feeRate: 0 },
    zones: zonesFixture(),
    flow: {
      status: 'live',
      connection: 'open',
      coveredFrom: 500,
      error: null,
      source: 'wss://fstream.binance.com/ws/btcusdt@forceOrder',
      '1h': { long: 250_000, short: 40_000, coveredMs: 1_500 },
      '24h': { long: 250_000, short: 40_000, coveredMs: 1_500 },
    },
    crowding: {
      accounts: { status: 'ready', reading: { value: 0.72, change4h: 0.04, at: 900 } },
      topPositions: { status: 'ready', reading: { value: 0.55, change4h: -0.02, at: 900 } },
      takerBuy: { status: 'ready', reading: { '1h': 0.52, '4h': 0.58, '24h': 0.49 } },
    },
    sparkline: { price: [1, 2, 3], oi: [3, 2, 1] },
    parts: { quote: { ...part, source: QUOTE_SOURCE }, funding: part, oi: part, candles: part, tiers: part, zones: part, crowding: part, flow: part },
    builtAt: 1000,
    ...over,
  };
}
