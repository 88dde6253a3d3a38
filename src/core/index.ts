export type { MarginTier, Side } from './types';
export { sideSign } from './side';
export { hyperliquidMaintenanceRate, sortTiers, tierForNotional, withContinuousDeductions, type IndexedTier } from './margin-tiers';
export {
  liquidationDistance,
  liquidationPrice,
  liquidationPriceDetail,
  type LiquidationDetail,
  type LiquidationInput,
  type MarginValuation,
} from './liquidation';
export { erf, erfc, normalCdf } from './normal-distribution';
export {
  bandOf,
  bandRulesOf,
  DEFAULT_BANDS,
  liqPriceAtBandEdge,
  marginToMoveLiq,
  sigmaForTouch,
  type BandBasis,
  type BandRules,
  type BandVerdict,
} from './bands';
export { dailyVolatility, sigmaDistance, touchProbability } from './volatility';
export { premium } from './premium';
export { aprOf8h, averageRate, daysUntilMarginShare, fundingDrag, toRate8h, type FundingDrag, type FundingInput } from './funding';
export {
  classifyRegime,
  DEFAULT_REGIME_THRESHOLDS,
  moveDirection,
  FUNDING_STRETCH_LIMITS,
  fundingPercentile,
  fundingStretch,
  resolveThresholds,
  crowdedSide,
  type CrowdedSide,
  type Direction,
  type DirectionThresholds,
  type FundingStretch,
  type Regime,
  type RegimeInput,
  type RegimeResult,
  type RegimeThresholds,
  type RegimeWindow,
} from './regime';
export { positionRegimeNote, REGIME_DESCRIPTIONS } from './regime-note';
export { parseNumber, parsePercent, type ParseNumberOptions } from './numbers';
export { windowChange, type ChangeBasis, type Point, type WindowChange } from './series';
export { crossCheck, type ReadFigures } from './cross-check';
export {
  crowdedByShare,
  DEFAULT_VIEW_SETTINGS,
  LIQ_MISMATCH_TOLERANCE,
  positionView,
  type Band,
  type Figure,
  type LiqSource,
  type PositionView,
  type RegimeView,
  type ViewMarket,
  type ViewPosition,
  type ViewSettings,
} from './position-view';
export { whatIf, type WhatIfInput, type WhatIfResult } from './what-if';
