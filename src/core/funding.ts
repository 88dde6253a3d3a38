import { sideSign } from './side';
import type { Side } from './types';
import { requireFinite, requireNonNegative, requirePositive, requireRate, requireSide } from './validate';

export interface FundingInput {
  side: Side;
  /** |position size| in base units. */
  size: number;
  markPrice: number;
  /** Funding rate of one interval, as a fraction (0.0001 = 0.01%). */
  rate: number;
  intervalHours: number;
  margin?: number;
  /** Effective maintenance rate of the position's tier (plus fee rate where the venue counts it). */
  maintenanceRate?: number;
}

/**
 * Every money figure is from the position's point of view: positive = the position PAYS, negative
 * = it RECEIVES. That includes both APRs (a short paying a negative rate shows a positive cost), so
 * a UI can colour all of them by one sign. `rate8h` is the market's rate and keeps its own sign.
 */
export interface FundingDrag {
  perInterval: number;
  perDay: number;
  rate8h: number;
  aprOnNotional: number;
  /** perDay / margin; null without a (non-zero) margin. */
  marginSharePerDay: number | null;
  /** aprOnNotional × leverage (notional / margin); null without a (non-zero) margin. */
  aprOnMargin: number | null;
  /** Price change of the liquidation price per day from paying funding out of isolated margin. */
  liqShiftPerDay: number | null;
}

/** The per-8h equivalent of a rate charged every `intervalHours` (Hyperliquid hourly 0.00125% → 0.01%). */
export function toRate8h(rate: number, intervalHours: number): number {
  requireFinite('rate', rate);
  requirePositive('intervalHours', intervalHours);
  return (rate * 8) / intervalHours;
}

/**
 * The rate over a year without compounding, from its per-8h equivalent (three payments a day):
 * the one APR rule of the panel, the popup and the funding drag.
 */
export function aprOf8h(rate8h: number): number {
  return rate8h * 3 * 365;
}

export function fundingDrag(p: FundingInput): FundingDrag {
  requireSide('side', p.side);
  requirePositive('size', p.size);
  requirePositive('markPrice', p.markPrice);
  requireFinite('rate', p.rate);
  requirePositive('intervalHours', p.intervalHours);
  if (p.margin !== undefined) requireNonNegative('margin', p.margin);
  if (p.maintenanceRate !== undefined) requireRate('maintenanceRate', p.maintenanceRate);

  const s = sideSign(p.side);
  const notional = p.size * p.markPrice;
  const intervalsPerDay = 24 / p.intervalHours;
  const perInterval = s * notional * p.rate;
  const perDay = perInterval * intervalsPerDay;
  const aprOnNotional = s * aprOf8h(toRate8h(p.rate, p.intervalHours));
  const margin = p.margin !== undefined && p.margin > 0 ? p.margin : null;

  // Paying funding drains isolated margin; dLP/dM = −1/(Q·(s − m)), so losing perDay of margin
  // moves LP by perDay/(Q·(s − m)) = s·perDay/(Q·(1 − s·m)). The value does not depend on M, but it
  // only describes an isolated position whose margin is known, hence null without one.
  const liqShiftPerDay = margin !== null && p.maintenanceRate !== undefined ? perDay / (p.size * (s - p.maintenanceRate)) : null;

  // + 0 turns the −0 of a zero rate on a short into 0, which would otherwise render as "−$0.00".
  return {
    perInterval: perInterval + 0,
    perDay: perDay + 0,
    rate8h: (p.rate * 8) / p.intervalHours + 0,
    aprOnNotional: aprOnNotional + 0,
    marginSharePerDay: margin === null ? null : perDay / margin + 0,
    aprOnMargin: margin === null ? null : (aprOnNotional * notional) / margin + 0,
    liqShiftPerDay: liqShiftPerDay === null ? null : liqShiftPerDay + 0,
  };
}

/**
 * Days until funding consumes the share `share` (0.1 = 10%) of the margin, f·M / perDay.
 * null when the position is not paying (perDay ≤ 0): funding never consumes it.
 */
export function daysUntilMarginShare(share: number, margin: number, perDay: number): number | null {
  requirePositive('share', share);
  requireNonNegative('margin', margin);
  requireFinite('perDay', perDay);
  if (perDay <= 0) return null;
  return (share * margin) / perDay;
}

/** Mean of the finite rates (e.g. the last 7 days of settled rates); null when there are none. */
export function averageRate(rates: readonly number[]): number | null {
  const finite = rates.filter((r) => Number.isFinite(r));
  if (finite.length === 0) return null;
  return finite.reduce((a, r) => a + r, 0) / finite.length;
}
