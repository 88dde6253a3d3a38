import { requireFinite, requirePositive } from './validate';

export type Regime =
  'long-buildup' | 'short-buildup' | 'short-covering' | 'long-unwinding' | 'leverage-building' | 'deleveraging' | 'drift-up' | 'drift-down' | 'quiet';

export type RegimeWindow = '1h' | '4h' | '24h';
export type Direction = 'up' | 'flat' | 'down';
export type FundingStretch = 'balanced' | 'elevated' | 'stretched' | 'extreme';
export type CrowdedSide = 'longs' | 'shorts' | 'none';

/** Smallest change (fraction, 0.01 = 1%) that counts as a move; OI measured in base units. */
export interface DirectionThresholds {
  price: number;
  oi: number;
}

export type RegimeThresholds = Record<RegimeWindow, DirectionThresholds>;

export const DEFAULT_REGIME_THRESHOLDS: RegimeThresholds = {
  '1h': { price: 0.005, oi: 0.01 },
  '4h': { price: 0.01, oi: 0.02 },
  '24h': { price: 0.025, oi: 0.05 },
};

/** Upper bounds of |r8| (per-8h-equivalent rate, fraction) for each stretch level; above → extreme. */
export const FUNDING_STRETCH_LIMITS = { balanced: 0.0001, elevated: 0.0003, stretched: 0.0005 } as const;

// Changes and rates are usually computed (ratios, ×8/h), so a value meant to sit exactly on a
// threshold may land a few ulps on either side; a relative tolerance keeps "at the threshold" stable.
const TOLERANCE = 1e-9;

export interface RegimeInput {
  /** Fractional price change over the window (0.012 = +1.2%). */
  priceChange: number;
  /** Fractional open-interest change over the window, OI in base units. */
  oiChange: number;
  /** Per-8h-equivalent funding rate (fraction). */
  rate8h: number;
  window: RegimeWindow;
  /** Per-window overrides; omitted fields keep DEFAULT_REGIME_THRESHOLDS. */
  thresholds?: { [W in RegimeWindow]?: Partial<DirectionThresholds> };
}

export interface RegimeResult {
  regime: Regime;
  stretch: FundingStretch;
  crowded: CrowdedSide;
  priceDirection: Direction;
  oiDirection: Direction;
}

const REGIME_TABLE: Record<Direction, Record<Direction, Regime>> = {
  up: { up: 'long-buildup', flat: 'drift-up', down: 'short-covering' },
  flat: { up: 'leverage-building', flat: 'quiet', down: 'deleveraging' },
  down: { up: 'short-buildup', flat: 'drift-down', down: 'long-unwinding' },
};

export function moveDirection(change: number, threshold: number): Direction {
  const limit = threshold * (1 - TOLERANCE);
  if (change >= limit) return 'up';
  if (change <= -limit) return 'down';
  return 'flat';
}

export function fundingStretch(rate8h: number): FundingStretch {
  requireFinite('rate8h', rate8h);
  const size = Math.abs(rate8h);
  if (size <= FUNDING_STRETCH_LIMITS.balanced * (1 + TOLERANCE)) return 'balanced';
  if (size <= FUNDING_STRETCH_LIMITS.elevated * (1 + TOLERANCE)) return 'elevated';
  if (size <= FUNDING_STRETCH_LIMITS.stretched * (1 + TOLERANCE)) return 'stretched';
  return 'extreme';
}

/** The side that pays funding once it is stretched beyond balanced: positive rate, longs; negative, shorts. */
export function crowdedSide(rate8h: number, stretch: FundingStretch = fundingStretch(rate8h)): CrowdedSide {
  return stretch === 'balanced' ? 'none' : rate8h > 0 ? 'longs' : 'shorts';
}

export function resolveThresholds(window: RegimeWindow, overrides?: RegimeInput['thresholds']): DirectionThresholds {
  const defaults = DEFAULT_REGIME_THRESHOLDS[window];
  if (defaults === undefined) throw new RangeError(`window must be '1h', '4h' or '24h', got ${String(window)}`);
  const merged = { ...defaults, ...overrides?.[window] };
  requirePositive(`thresholds.${window}.price`, merged.price);
  requirePositive(`thresholds.${window}.oi`, merged.oi);
  return merged;
}

export function classifyRegime(p: RegimeInput): RegimeResult {
  requireFinite('priceChange', p.priceChange);
  requireFinite('oiChange', p.oiChange);
  requireFinite('rate8h', p.rate8h);
  const thresholds = resolveThresholds(p.window, p.thresholds);
  const priceDirection = moveDirection(p.priceChange, thresholds.price);
  const oiDirection = moveDirection(p.oiChange, thresholds.oi);
  const stretch = fundingStretch(p.rate8h);
  return { regime: REGIME_TABLE[priceDirection][oiDirection], stretch, crowded: crowdedSide(p.rate8h, stretch), priceDirection, oiDirection };
}

/**
 * Mid-rank percentile of `current` among the symbol's own past rates: (below + ½·equal) / n, in
 * [0, 1]. Ties count half so a flat history puts any equal rate at 0.5 rather than 0 or 1.
 * Non-finite history entries are ignored; null when nothing remains or `current` is not finite.
 */
export function fundingPercentile(current: number, history: readonly number[]): number | null {
  if (!Number.isFinite(current)) return null;
  let below = 0;
  let equal = 0;
  let n = 0;
  for (const r of history) {
    if (!Number.isFinite(r)) continue;
    n++;
    if (r < current) below++;
    else if (r === current) equal++;
  }
  return n === 0 ? null : (below + equal / 2) / n;
}
