import type { ViewMarket } from '../../core';
import type { Window } from '../../venues/market-types';
import type { MarketSnapshot } from '../../venues/snapshot-types';

/** The market figures the position view needs, from a snapshot, for the chosen regime window. */
export function marketInputs(s: MarketSnapshot, window: Window): ViewMarket {
  const q = s.quote;
  return {
    markPrice: q.markPrice,
    fundingPrice: q.fundingPriceBasis === 'index' && q.indexPrice !== null ? q.indexPrice : q.markPrice,
    fundingRate: q.fundingRate,
    fundingIntervalHours: s.fundingIntervalHours,
    nextFundingTime: q.nextFundingTime,
    fundingAvg7d: s.fundingAvg7d,
    fundingPercentile30d: s.fundingPercentile30d,
    dailyVol: s.dailyVol,
    tiers: s.tiers?.tiers ?? null,
    valuation: s.liquidation.valuation,
    feeRate: s.tiers?.feeRate ?? s.liquidation.feeRate,
    priceChange: s.priceChange[window],
    oiChange: s.oiChange[window],
    ...(q.sideRates ? { sideRates: q.sideRates } : {}),
    ...(q.longShare !== undefined ? { measuredLongShare: q.longShare } : {}),
  };
}
