import {
  liqPriceAtBandEdge,
  marginToMoveLiq,
  sortTiers,
  tierForNotional,
  type Band,
  type BandBasis,
  type BandRules,
  type MarginTier,
  type Side,
} from '../core';
import { liveFigures } from '../core/live-figures';

export type TargetBand = Exclude<Band, 'danger'>;

export interface MarginToBandInput {
  side: Side;
  /** Base units. */
  size: number;
  markPrice: number;
  /** The position's liquidation price; null when it has none (the margin covers it). */
  liqPrice: number | null;
  /** σ of daily log returns; null when unknown (the bands then fall back to % of price). */
  dailyVol: number | null;
  target: TargetBand;
  rules: BandRules;
  tiers: readonly MarginTier[];
  feeRate: number;
  valuation: 'liquidation' | 'entry';
}

/** Where the position stands now, and on what the band was judged. */
interface Judged {
  band: Band;
  basis: BandBasis;
  fellBack: boolean;
}

export type MarginToBand =
  /** Margin to add (quote currency, > 0) so the liquidation price sits at the target band's lower edge. */
  | ({ add: number; targetLiq: number } & Judged)
  /** Already in the target band or a better one: nothing to add. */
  | ({ already: true } & Judged)
  /** No liquidation price at all: nothing to add either. */
  | { noLiquidation: true }
  | { unknown: string };

const RANK: Record<Band, number> = { danger: 0, caution: 1, calm: 2 };

/**
 * "How much margin gets this position back to caution (out of danger) or to calm": the liquidation
 * price at the target band's edge under the trader's rules (core/bands.ts, on the basis the band is
 * judged on, % of price when the volatility is unknown), and the margin that moves the liquidation
 * price there at the maintenance rate of the tier holding the notional at the mark plus the venue's
 * fee, as the panel computes it (core/position-view.ts). Exact for an isolated position that stays
 * in its tier; an estimate otherwise.
 */
export function marginToBand(p: MarginToBandInput): MarginToBand {
  if (p.liqPrice === null) return { noLiquidation: true };
  if (!(p.markPrice > 0) || !(p.liqPrice > 0) || !(p.size > 0)) return { unknown: 'needs a positive size, mark and liquidation price' };
  const now = liveFigures({ side: p.side, markPrice: p.markPrice, liqPrice: p.liqPrice, dailyVol: p.dailyVol, bands: p.rules });
  const judged: Judged = { band: now.band, basis: now.bandBasis, fellBack: now.bandFellBack };
  if (RANK[now.band] >= RANK[p.target]) return { already: true, ...judged };
  const targetLiq = liqPriceAtBandEdge(p.side, p.markPrice, p.dailyVol, p.target, p.rules, now.bandBasis);
  if (targetLiq === null || !(targetLiq > 0)) return { unknown: 'the volatility is unknown' };
  let maintenanceRate: number;
  try {
    maintenanceRate = tierForNotional(sortTiers(p.tiers), p.size * p.markPrice).tier.maintenanceRate + p.feeRate;
  } catch (err) {
    return { unknown: err instanceof Error ? err.message : 'no usable maintenance-margin tiers' };
  }
  const add = marginToMoveLiq({ side: p.side, size: p.size, liqPrice: p.liqPrice, targetLiq, maintenanceRate, valuation: p.valuation });
  // On the edge itself the band rule and the edge price can disagree by a rounding: nothing to add.
  return add > 0 ? { add, targetLiq, ...judged } : { already: true, ...judged };
}
