import { aprOf8h, fundingDrag, toRate8h } from './funding';
import { sideSign } from './side';
import { liquidationPrice } from './liquidation';
import { sortTiers, tierForNotional } from './margin-tiers';
import { classifyRegime, type CrowdedSide, type FundingStretch, type Regime, type RegimeThresholds, type RegimeWindow } from './regime';
import { positionRegimeNote } from './regime-note';
import type { WindowChange } from './series';
import type { MarginTier, Side } from './types';
import { DEFAULT_BANDS, liqPriceAtBandEdge, marginToMoveLiq, type Band, type BandBasis, type BandRules } from './bands';
import { liveFigures } from './live-figures';
export type { Band };

/** A figure the panel shows: a number, or why it cannot be known. Never NaN. */
export type Figure = { value: number } | { unknown: string };

export interface ViewPosition {
  side: Side;
  size: number;
  entryPrice: number;
  /** The page's live mark (or oracle) price, when it shows one. */
  markPrice: number | null;
  /** The venue's own liquidation price (page or API); null when it shows none. */
  liqPrice: number | null;
  liqSource: 'page' | 'api';
  /** Why the source cannot show a liquidation price; then PerpLens's computed one is used instead. */
  liqNotServed?: string;
  margin: number | null;
  walletMargin: number | null;
  marginMode: 'isolated' | 'cross' | null;
  unrealizedPnl: number | null;
  /** Collateral held in the base asset (GMX: SOL backing SOL/USD), base units after fees; its value moves with the price. */
  collateralInBase?: number;
}

/** What one side of a market pays per hour, as fractions of the position's size at entry (GMX). */
export interface SideRates {
  /** Funding: positive received, negative paid. */
  funding: number;
  /** Borrowing: a cost, ≥ 0. */
  borrowing: number;
}

export interface ViewMarket {
  markPrice: number;
  /** Price funding is paid on (the oracle price on Hyperliquid and dYdX). */
  fundingPrice: number;
  fundingRate: number;
  fundingIntervalHours: number;
  nextFundingTime: number | null;
  fundingAvg7d: number | null;
  fundingPercentile30d: number | null;
  dailyVol: number | null;
  tiers: readonly MarginTier[] | null;
  valuation: 'liquidation' | 'entry';
  feeRate: number;
  priceChange: WindowChange;
  oiChange: WindowChange;
  /**
   * Where each side accrues funding and borrowing every second on its size at entry (GMX): per hour,
   * per side. Absent: funding is `fundingRate` per interval, paid by longs when positive, and the
   * venue charges no borrowing.
   */
  sideRates?: Record<Side, SideRates>;
  /** The longs' share of open interest where the venue publishes both sides exactly (GMX): crowding measured. */
  measuredLongShare?: number;
}

/** The trader's bands (core/bands.ts), the regime window and thresholds. */
export interface ViewSettings extends BandRules {
  window: RegimeWindow;
  thresholds?: Partial<RegimeThresholds>;
}

export const DEFAULT_VIEW_SETTINGS: ViewSettings = { ...DEFAULT_BANDS, window: '4h' };

/** Computed and shown liquidation prices further apart than this are flagged. */
export const LIQ_MISMATCH_TOLERANCE = 0.005;

export type LiqSource = 'page' | 'api' | 'computed';

export interface RegimeView {
  regime: Regime;
  stretch: FundingStretch;
  crowded: CrowdedSide;
  priceChange: number;
  oiChange: number;
  rate8h: number;
  sinceWatching: boolean;
  /**
   * The longs' share of open interest the crowded side was read from, where the venue publishes both
   * sides (measured); null where it was inferred from funding.
   */
  longShare: number | null;
  note: string;
}

export interface PositionView {
  mark: Figure & { source?: 'page' | 'market' };
  /** `none`: the venue shows no liquidation price (or there is none). */
  liq: { value: number; source: LiqSource } | { none: true; source: LiqSource } | { unknown: string };
  computedLiq: Figure | { none: true };
  /** Relative gap between the computed and the venue's price when both exist. */
  liqGap: number | null;
  liqMismatch: boolean;
  distance: Figure;
  /** Quote currency between the mark and the liquidation price for this size, signed like the distance. */
  distanceMoney: Figure;
  band: Band | null;
  /** What the band was judged on, and whether the chosen basis fell back to % for want of volatility. */
  bandBasis: BandBasis | null;
  bandFellBack: boolean;
  /** Margin to add to reach the caution band's lower edge (out of danger) and the calm band's; 0 when already there. */
  marginToCaution: Figure;
  marginToCalm: Figure;
  sigma: Figure;
  touch24h: Figure;
  fundingRate: Figure;
  fundingIntervalHours: Figure;
  rate8h: Figure;
  /** The rate over a year (aprOf8h), signed like the rate (positive: longs pay): the contract's `funding-apr`. */
  apr: Figure;
  perInterval: Figure;
  perDay: Figure;
  marginSharePerDay: Figure;
  liqShiftPerDay: Figure;
  nextFunding: Figure;
  avg7d: Figure;
  fundingPercentile: Figure;
  /** Borrowing per hour as a fraction of size (GMX); unknown where the venue charges none. */
  borrowingRate: Figure;
  /** Borrowing per day in quote currency (a cost). */
  borrowingPerDay: Figure;
  /** Funding plus borrowing per day, positive: the position pays. */
  holdingPerDay: Figure;
  holdingMarginSharePerDay: Figure;
  /** Hours until fees alone (borrowing and funding paid) bring the position to liquidation at today's rates and price. */
  feeLiquidationHours: Figure;
  regime: RegimeView | { unknown: string };
}

/** Figures of a venue that charges no borrowing (every venue but GMX). */
const NO_BORROWING = 'this venue charges no borrowing fee';
/** Crowded when one side holds this share of open interest or more (a measured split). */
export const CROWDED_OI_SHARE = 0.6;

/** The crowded side from the longs' measured share of open interest (GMX publishes both sides). */
export function crowdedByShare(longShare: number): CrowdedSide {
  return longShare >= CROWDED_OI_SHARE ? 'longs' : 1 - longShare >= CROWDED_OI_SHARE ? 'shorts' : 'none';
}

const known = (value: number): Figure => (Number.isFinite(value) ? { value } : { unknown: 'not a finite number' });
const unknown = (why: string): Figure => ({ unknown: why });
const orUnknown = (value: number | null, why: string): Figure => (value === null ? unknown(why) : known(value));

function computeLiq(p: ViewPosition, m: ViewMarket | null, noMarket: string): Figure | { none: true } {
  if (p.marginMode === 'cross') return unknown("cross margin: the venue's figure depends on the whole account, so PerpLens does not recompute it");
  if (p.marginMode === null) return unknown('margin mode not shown');
  if (!m) return unknown(noMarket);
  if (!m.tiers?.length) return unknown('no maintenance-margin tiers for this market');
  const margin = p.walletMargin ?? p.margin;
  if (margin === null) return unknown('margin not shown');
  try {
    const lp = liquidationPrice({
      side: p.side,
      size: p.size,
      entryPrice: p.entryPrice,
      margin,
      tiers: m.tiers,
      feeRate: m.feeRate,
      valuation: m.valuation,
      ...(p.collateralInBase !== undefined ? { collateralInBase: p.collateralInBase } : {}),
    });
    return lp === null ? { none: true } : known(lp);
  } catch (err) {
    return unknown(err instanceof Error ? err.message : 'cannot compute');
  }
}

/** The maintenance rate of the tier holding this notional (plus the venue's fee), if the tiers are usable. */
function maintenanceRateAt(m: ViewMarket, notional: number): number | undefined {
  if (!m.tiers?.length) return undefined;
  try {
    return tierForNotional(sortTiers(m.tiers), notional).tier.maintenanceRate + m.feeRate;
  } catch {
    return undefined;
  }
}

/** The venue's figure when it has one; where the source serves none, PerpLens's own computation. */
function shownOrComputedLiq(p: ViewPosition, computed: Figure | { none: true }): PositionView['liq'] {
  if (p.liqPrice !== null) return { value: p.liqPrice, source: p.liqSource };
  if (!p.liqNotServed) return { none: true, source: p.liqSource };
  if ('value' in computed) return { value: computed.value, source: 'computed' };
  if ('none' in computed) return { none: true, source: 'computed' };
  return { unknown: `${p.liqNotServed}; ${computed.unknown}` };
}

function regimeView(p: ViewPosition, m: ViewMarket, s: ViewSettings): RegimeView | { unknown: string } {
  if (m.priceChange.change === null) return { unknown: `price change: ${m.priceChange.reason}` };
  if (m.oiChange.change === null) return { unknown: `open interest change: ${m.oiChange.reason}` };
  const rate8h = toRate8h(m.fundingRate, m.fundingIntervalHours);
  const r = classifyRegime({
    priceChange: m.priceChange.change,
    oiChange: m.oiChange.change,
    rate8h,
    window: s.window,
    ...(s.thresholds ? { thresholds: s.thresholds } : {}),
  });
  // Where the venue publishes both sides' open interest, the crowded side is measured, not inferred.
  const share = m.measuredLongShare;
  const crowded = share === undefined ? r.crowded : crowdedByShare(share);
  const measured = share === undefined ? '' : ` Measured: longs hold ${Math.round(share * 100)}% of open interest.`;
  return {
    regime: r.regime,
    stretch: r.stretch,
    crowded,
    priceChange: m.priceChange.change,
    oiChange: m.oiChange.change,
    rate8h,
    sinceWatching: m.oiChange.basis === 'since-watching',
    longShare: share ?? null,
    note: positionRegimeNote(p.side, { ...r, crowded }) + measured,
  };
}

/**
 * Everything the panel shows about one position, from what the venue shows (page or API) and the
 * market snapshot. The venue's liquidation price is the one used; PerpLens's own computation (isolated
 * positions only) is a check beside it. Every figure is a number or a reason.
 */
export function positionView(
  p: ViewPosition,
  m: ViewMarket | null,
  s: ViewSettings,
  now: number,
  /** Why there is no market data (the venue's error), shown on every figure that needs it. */
  noMarket = 'market data unavailable',
): PositionView {
  const markValue = p.markPrice ?? m?.markPrice ?? null;
  const mark: PositionView['mark'] =
    markValue === null ? unknown('no mark price on the page and no market data') : { value: markValue, source: p.markPrice !== null ? 'page' : 'market' };

  const computedLiq = computeLiq(p, m, noMarket);
  const liq = shownOrComputedLiq(p, computedLiq);
  const liqValue = 'value' in liq ? liq.value : null;
  const computedValue = 'value' in computedLiq ? computedLiq.value : null;
  const liqGap =
    liqValue !== null && computedValue !== null && 'source' in liq && liq.source !== 'computed' ? Math.abs(computedValue - liqValue) / liqValue : null;

  let distance: Figure = unknown('no liquidation price');
  let band: Band | null = null;
  let bandBasis: BandBasis | null = null;
  let bandFellBack = false;
  let sigma: Figure = unknown('no liquidation price');
  let touch: Figure = unknown('no liquidation price');
  if ('unknown' in liq) {
    distance = unknown(liq.unknown);
  } else if ('none' in liq) {
    distance = unknown(
      liq.source === 'computed' ? 'no liquidation price: the margin covers the position' : 'the venue shows no liquidation price for this position',
    );
  } else if (markValue !== null && liqValue !== null) {
    const live = liveFigures({ side: p.side, markPrice: markValue, liqPrice: liqValue, dailyVol: m?.dailyVol ?? null, bands: s });
    distance = known(live.distance);
    band = live.band;
    bandBasis = live.bandBasis;
    bandFellBack = live.bandFellBack;
    sigma = typeof live.sigma === 'number' ? known(live.sigma) : unknown(live.sigma.unknown);
    touch = typeof live.touch24h === 'number' ? known(live.touch24h) : unknown(live.touch24h.unknown);
  } else if (markValue === null) {
    distance = unknown('no mark price');
  }

  const distanceMoney: Figure =
    'value' in distance && markValue !== null ? known(distance.value * markValue * p.size) : unknown('unknown' in distance ? distance.unknown : 'no distance');
  const notionalAtMark = markValue === null ? null : p.size * markValue;
  const toEdge = (edge: Exclude<Band, 'danger'>): Figure => {
    if (markValue === null || liqValue === null || bandBasis === null) return unknown('unknown' in distance ? distance.unknown : 'no distance');
    const target = liqPriceAtBandEdge(p.side, markValue, m?.dailyVol ?? null, edge, s, bandBasis);
    if (target === null || !(target > 0)) return unknown('volatility unknown');
    const rate = m && notionalAtMark !== null ? maintenanceRateAt(m, notionalAtMark) : undefined;
    if (!m || rate === undefined) return unknown('no maintenance-margin tiers for this market');
    return known(marginToMoveLiq({ side: p.side, size: p.size, liqPrice: liqValue, targetLiq: target, maintenanceRate: rate, valuation: m.valuation }));
  };
  const base = {
    mark,
    liq,
    computedLiq,
    liqGap,
    liqMismatch: liqGap !== null && liqGap > LIQ_MISMATCH_TOLERANCE,
    distance,
    distanceMoney,
    band,
    bandBasis,
    bandFellBack,
    marginToCaution: band === 'danger' ? toEdge('caution') : known(0),
    marginToCalm: band === 'calm' ? known(0) : toEdge('calm'),
    sigma,
    touch24h: touch,
  };
  if (!m) {
    return {
      ...base,
      fundingRate: unknown(noMarket),
      fundingIntervalHours: unknown(noMarket),
      rate8h: unknown(noMarket),
      apr: unknown(noMarket),
      perInterval: unknown(noMarket),
      perDay: unknown(noMarket),
      marginSharePerDay: unknown(noMarket),
      liqShiftPerDay: unknown(noMarket),
      nextFunding: unknown(noMarket),
      avg7d: unknown(noMarket),
      fundingPercentile: unknown(noMarket),
      borrowingRate: unknown(noMarket),
      borrowingPerDay: unknown(noMarket),
      holdingPerDay: unknown(noMarket),
      holdingMarginSharePerDay: unknown(noMarket),
      feeLiquidationHours: unknown(noMarket),
      regime: { unknown: noMarket },
    };
  }
  if (m.sideRates) return { ...base, ...accruedFees(p, m, m.sideRates[p.side], markValue), regime: regimeView(p, m, s) };

  const margin = p.margin !== null && p.margin > 0 ? p.margin : undefined;
  const notional = p.size * (markValue ?? m.markPrice);
  const maintenanceRate = maintenanceRateAt(m, notional);
  const drag = fundingDrag({
    side: p.side,
    size: p.size,
    markPrice: m.fundingPrice,
    rate: m.fundingRate,
    intervalHours: m.fundingIntervalHours,
    ...(margin !== undefined ? { margin } : {}),
    ...(maintenanceRate !== undefined ? { maintenanceRate } : {}),
  });
  const isolated = p.marginMode === 'isolated';
  return {
    ...base,
    fundingRate: known(m.fundingRate),
    fundingIntervalHours: known(m.fundingIntervalHours),
    rate8h: known(drag.rate8h),
    apr: known(aprOf8h(drag.rate8h)),
    perInterval: known(drag.perInterval),
    perDay: known(drag.perDay),
    marginSharePerDay: orUnknown(drag.marginSharePerDay, 'margin not shown'),
    liqShiftPerDay: !isolated
      ? unknown('funding moves the liquidation price of isolated positions only; cross margin depends on the whole account')
      : orUnknown(drag.liqShiftPerDay, margin === undefined ? 'margin not shown' : 'no maintenance-margin tiers'),
    nextFunding: m.nextFundingTime === null ? unknown('the venue gives no next funding time') : known(Math.max(0, m.nextFundingTime - now) + now),
    avg7d: orUnknown(m.fundingAvg7d, 'no settled funding history'),
    fundingPercentile: orUnknown(m.fundingPercentile30d, 'less than 30 days of funding history'),
    borrowingRate: unknown(NO_BORROWING),
    borrowingPerDay: unknown(NO_BORROWING),
    holdingPerDay: known(drag.perDay),
    holdingMarginSharePerDay: orUnknown(drag.marginSharePerDay, 'margin not shown'),
    feeLiquidationHours: unknown('estimated where funding and borrowing accrue every second (GMX)'),
    regime: regimeView(p, m, s),
  };
}

type FeeFigures = Pick<
  PositionView,
  | 'fundingRate'
  | 'fundingIntervalHours'
  | 'rate8h'
  | 'apr'
  | 'perInterval'
  | 'perDay'
  | 'marginSharePerDay'
  | 'liqShiftPerDay'
  | 'nextFunding'
  | 'avg7d'
  | 'fundingPercentile'
  | 'borrowingRate'
  | 'borrowingPerDay'
  | 'holdingPerDay'
  | 'holdingMarginSharePerDay'
  | 'feeLiquidationHours'
>;

/**
 * Funding and borrowing that accrue every second on the size at entry (GMX, venues/gmx/fees.ts):
 * "per interval" is per hour. The market's rate stays the paying side's, signed as everywhere
 * (positive: longs pay); what this position pays or receives is its side's own rate. Fees come
 * out of the collateral, so they walk an isolated liquidation price toward the mark by
 * cost ÷ size a day (collateral valued at entry). The time to liquidation by fees alone counts
 * borrowing and funding paid, not funding received, as GMX's interface does.
 */
function accruedFees(p: ViewPosition, m: ViewMarket, r: SideRates, markValue: number | null): FeeFigures {
  const sizeUsd = p.size * p.entryPrice;
  const fundingPerHour = -r.funding * sizeUsd;
  const borrowingPerHour = r.borrowing * sizeUsd;
  const holdingPerDay = (fundingPerHour + borrowingPerHour) * 24;
  const margin = p.margin !== null && p.margin > 0 ? p.margin : null;
  const rate8h = toRate8h(m.fundingRate, 1);
  const liquidationCollateral = m.tiers?.length ? sizeUsd * (m.tiers[0]?.maintenanceRate ?? 0) : null;
  const pnl = p.unrealizedPnl ?? (markValue === null ? null : sideSign(p.side) * p.size * (markValue - p.entryPrice));
  const paidPerHour = borrowingPerHour + Math.max(0, fundingPerHour);
  let feeLiquidationHours: Figure;
  if (margin === null) feeLiquidationHours = unknown('margin not shown');
  else if (liquidationCollateral === null) feeLiquidationHours = unknown('no liquidation parameters for this market');
  else if (pnl === null) feeLiquidationHours = unknown('no PnL and no mark price');
  else if (!(paidPerHour > 0)) feeLiquidationHours = unknown('this position pays no fees at the current rates');
  else feeLiquidationHours = known(Math.max(0, (margin + pnl - liquidationCollateral) / paidPerHour));
  const isolated = p.marginMode === 'isolated';
  return {
    fundingRate: known(m.fundingRate),
    fundingIntervalHours: known(1),
    rate8h: known(rate8h + 0),
    apr: known(aprOf8h(rate8h)),
    perInterval: known(fundingPerHour + 0),
    perDay: known(fundingPerHour * 24 + 0),
    marginSharePerDay: margin === null ? unknown('margin not shown') : known((fundingPerHour * 24) / margin + 0),
    liqShiftPerDay: !isolated ? unknown('fees move the liquidation price of isolated positions only') : known(sideSign(p.side) * (holdingPerDay / p.size) + 0),
    nextFunding: unknown('funding accrues every second; there is no payment time'),
    avg7d: orUnknown(m.fundingAvg7d, 'no funding history'),
    fundingPercentile: orUnknown(m.fundingPercentile30d, 'less than 30 days of funding history'),
    borrowingRate: known(r.borrowing),
    borrowingPerDay: known(borrowingPerHour * 24),
    holdingPerDay: known(holdingPerDay + 0),
    holdingMarginSharePerDay: margin === null ? unknown('margin not shown') : known(holdingPerDay / margin + 0),
    feeLiquidationHours,
  };
}
