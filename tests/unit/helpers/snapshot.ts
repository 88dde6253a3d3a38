import type { MarketSnapshot } from '../../../src/venues/snapshot-types';

const part = { fetchedAt: 1000, source: '/x', error: null };
const QUOTE_SOURCE = '/fapi/v1/premiumIndex + /fapi/v1/openInterest + /fapi/v1/fundingInfo';

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
    sparkline: { price: [1, 2, 3], oi: [3, 2, 1] },
    parts: { quote: { ...part, source: QUOTE_SOURCE }, funding: part, oi: part, candles: part, tiers: part },
    builtAt: 1000,
    ...over,
  };
}
