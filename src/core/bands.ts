import { normalCdf } from './normal-distribution';
import { sideSign } from './side';
import type { Side } from './types';

export type Band = 'danger' | 'caution' | 'calm';
/** What the bands are judged on: the chance to touch within 24 h, the distance in daily σ, or in % of price. */
export type BandBasis = 'touch' | 'sigma' | 'percent';

/**
 * The trader's bands. Touch chance is the default because it weighs the distance by how much the
 * market moves: 6% away is calm on a quiet market and dangerous on a wild one, while a % band
 * colours every ordinary 20× position amber. The % thresholds are also the fallback whenever the
 * volatility is unknown (too few daily candles), and the verdict then says so.
 */
export interface BandRules {
  basis: BandBasis;
  /** % of price (fractions): danger below, caution below. */
  dangerBelow: number;
  cautionBelow: number;
  /** Chance (0–1) of touching the liquidation price within 24 h: danger at or above, caution at or above. */
  touchDanger: number;
  touchCaution: number;
  /** Distance in daily standard deviations: danger below, caution below. */
  sigmaDanger: number;
  sigmaCaution: number;
}

export const DEFAULT_BANDS: BandRules = {
  basis: 'touch',
  dangerBelow: 0.03,
  cautionBelow: 0.1,
  touchDanger: 0.1,
  touchCaution: 0.01,
  sigmaDanger: 1.5,
  sigmaCaution: 2.5,
};

/** The band rules alone, out of anything that carries them (the view settings, the options). */
export function bandRulesOf(r: BandRules): BandRules {
  return {
    basis: r.basis,
    dangerBelow: r.dangerBelow,
    cautionBelow: r.cautionBelow,
    touchDanger: r.touchDanger,
    touchCaution: r.touchCaution,
    sigmaDanger: r.sigmaDanger,
    sigmaCaution: r.sigmaCaution,
  };
}

export interface BandVerdict {
  band: Band;
  /** The basis the verdict used: the chosen one, or `percent` when the volatility is unknown. */
  basis: BandBasis;
  /** True when the chosen basis needed a volatility that is unknown. */
  fellBack: boolean;
}

/** The band of a position `distance` (fraction) away, `sigma` daily σ away, with a 24 h touch chance `touch`. */
export function bandOf(distance: number, sigma: number | null, touch: number | null, r: BandRules): BandVerdict {
  const percent = (fellBack: boolean): BandVerdict => ({
    band: distance < r.dangerBelow ? 'danger' : distance < r.cautionBelow ? 'caution' : 'calm',
    basis: 'percent',
    fellBack,
  });
  // At or past the liquidation price every basis agrees.
  if (distance <= 0) return { band: 'danger', basis: r.basis, fellBack: false };
  if (r.basis === 'touch') {
    if (touch === null) return percent(true);
    return { band: touch >= r.touchDanger ? 'danger' : touch >= r.touchCaution ? 'caution' : 'calm', basis: 'touch', fellBack: false };
  }
  if (r.basis === 'sigma') {
    if (sigma === null) return percent(true);
    return { band: sigma < r.sigmaDanger ? 'danger' : sigma < r.sigmaCaution ? 'caution' : 'calm', basis: 'sigma', fellBack: false };
  }
  return percent(false);
}

/** The σ distance at which the 24 h touch chance equals `p` (0 < p < 1): 2·Φ(−k) = p, by bisection. */
export function sigmaForTouch(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError('touch chance must be between 0 and 1');
  let lo = 0;
  let hi = 40;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (2 * normalCdf(-mid) > p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * The liquidation price at which a position with mark `mark` would sit exactly on the lower edge of
 * `band` (caution or calm) under the rules; null when that needs a volatility that is unknown.
 */
export function liqPriceAtBandEdge(
  side: Side,
  mark: number,
  dailyVol: number | null,
  band: Exclude<Band, 'danger'>,
  r: BandRules,
  basis: BandBasis,
): number | null {
  const s = sideSign(side);
  if (basis === 'percent') return mark * (1 - s * (band === 'caution' ? r.dangerBelow : r.cautionBelow));
  if (dailyVol === null || !(dailyVol > 0)) return null;
  const k = basis === 'sigma' ? (band === 'caution' ? r.sigmaDanger : r.sigmaCaution) : sigmaForTouch(band === 'caution' ? r.touchDanger : r.touchCaution);
  // |ln(P/LP)| = k·σ: the liquidation price below a long's mark, above a short's.
  return mark * Math.exp(-s * k * dailyVol);
}

/**
 * Margin to add so that the liquidation price moves from `liqPrice` to `targetLiq`: each unit of
 * margin moves an isolated position's liquidation price by 1 / (Q·(1 − s·m)), m the maintenance
 * rate of its tier, where the maintenance margin is valued at the liquidation price; by 1 / Q where
 * it is valued at the entry price (Bybit). Exact for an isolated position while it stays in its
 * tier; for cross margin an estimate of account equity to add. 0 when already beyond the target.
 */
export function marginToMoveLiq(p: {
  side: Side;
  size: number;
  liqPrice: number;
  targetLiq: number;
  maintenanceRate: number;
  valuation: 'liquidation' | 'entry';
}): number {
  const s = sideSign(p.side);
  const perUnit = p.valuation === 'entry' ? 1 : 1 - s * p.maintenanceRate;
  const need = p.size * perUnit * s * (p.liqPrice - p.targetLiq);
  return Number.isFinite(need) && need > 0 ? need : 0;
}
