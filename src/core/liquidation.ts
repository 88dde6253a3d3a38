import { sortTiers, tierForNotional, type IndexedTier } from './margin-tiers';
import { sideSign } from './side';
import type { MarginTier, Side } from './types';
import { requireNonNegative, requirePositive, requireSide } from './validate';

/**
 * 'liquidation': maintenance margin valued at the liquidation price (Binance, OKX, Hyperliquid, dYdX).
 * 'entry': maintenance margin valued at the entry price (Bybit).
 */
export type MarginValuation = 'liquidation' | 'entry';

export interface LiquidationInput {
  side: Side;
  /** |position size| in base units. */
  size: number;
  entryPrice: number;
  /** Margin backing the position (isolated wallet; for Bybit IM plus any margin added). */
  margin: number;
  tiers: readonly MarginTier[];
  /** Added to every tier's maintenance rate (OKX counts the taker fee to close). */
  feeRate?: number;
  valuation?: MarginValuation;
  /**
   * Collateral held in the base asset itself, in base units, after fees (GMX: SOL backing SOL/USD),
   * whose value moves with the price; `margin` is then not used. Entry valuation only.
   */
  collateralInBase?: number;
}

export interface LiquidationDetail {
  /** null: the position has no liquidation price (the formula gives ≤ 0). */
  price: number | null;
  /** Index into the caller's `tiers` of the tier that set the price; null with no price. */
  tierIndex: number | null;
  /** Effective maintenance rate used (tier rate + fee rate); null with no price. */
  maintenanceRate: number | null;
  deduction: number | null;
}

interface Candidate {
  price: number;
  tier: IndexedTier;
}

const NO_PRICE: LiquidationDetail = { price: null, tierIndex: null, maintenanceRate: null, deduction: null };

export function liquidationPrice(p: LiquidationInput): number | null {
  return liquidationPriceDetail(p).price;
}

export function liquidationPriceDetail(p: LiquidationInput): LiquidationDetail {
  requireSide('side', p.side);
  requirePositive('size', p.size);
  requirePositive('entryPrice', p.entryPrice);
  requireNonNegative('margin', p.margin);
  const feeRate = p.feeRate ?? 0;
  requireNonNegative('feeRate', feeRate);
  if (p.valuation !== undefined && p.valuation !== 'entry' && p.valuation !== 'liquidation') {
    throw new RangeError(`valuation must be 'liquidation' or 'entry', got ${String(p.valuation)}`);
  }
  const tiers = sortTiers(p.tiers);
  for (const t of tiers) {
    if (t.tier.maintenanceRate + feeRate >= 1) {
      throw new RangeError(`feeRate plus tiers[${t.index}].maintenanceRate must stay below 1`);
    }
  }
  if (p.collateralInBase !== undefined) {
    requireNonNegative('collateralInBase', p.collateralInBase);
    if (p.valuation !== 'entry') throw new RangeError('collateral in the base asset is valued at entry only');
  }
  const s = sideSign(p.side);
  const candidate = p.valuation === 'entry' ? entryValuedCandidate(p, s, feeRate, tiers) : liquidationValuedCandidate(p, s, feeRate, tiers);
  if (candidate === null || !(candidate.price > 0) || !Number.isFinite(candidate.price)) return NO_PRICE;
  return {
    price: candidate.price,
    tierIndex: candidate.tier.index,
    maintenanceRate: candidate.tier.tier.maintenanceRate + feeRate,
    deduction: candidate.tier.tier.deduction,
  };
}

/**
 * Bybit, GMX: LP = EP − s·(M − MM)/Q with MM = Q·EP·m − D from the tier of the entry notional.
 * With C base units of collateral worth C·LP at liquidation (GMX's index-token collateral):
 * C·LP + s·Q·(LP − EP) = MM, so LP = (s·Q·EP + MM)/(C + s·Q); none when C + s·Q ≤ 0 (a short
 * backed by at least its own size in the base asset cannot be liquidated by a rise).
 */
function entryValuedCandidate(p: LiquidationInput, s: 1 | -1, feeRate: number, tiers: readonly IndexedTier[]): Candidate | null {
  const tier = tierForNotional(tiers, p.size * p.entryPrice);
  const maintenance = p.size * p.entryPrice * (tier.tier.maintenanceRate + feeRate) - tier.tier.deduction;
  if (p.collateralInBase !== undefined) {
    const denominator = p.collateralInBase + s * p.size;
    return denominator > 0 ? { price: (s * p.size * p.entryPrice + maintenance) / denominator, tier } : null;
  }
  return { price: p.entryPrice - (s * (p.margin - maintenance)) / p.size, tier };
}

/**
 * Solves equity = maintenance margin, LP = (s·Q·EP − M − D)/(Q·(s − m)), with m and D from the
 * tier that holds Q·LP. With deductions that keep maintenance margin continuous (Binance's
 * recurrence) exactly one tier is self-consistent. Arbitrary deductions can make maintenance margin
 * jump at a tier boundary, so the equation can have several roots or be crossed only by the jump;
 * boundary crossings are therefore candidates too, and the one the price reaches first when moving
 * against the position from entry wins.
 */
function liquidationValuedCandidate(p: LiquidationInput, s: 1 | -1, feeRate: number, tiers: readonly IndexedTier[]): Candidate | null {
  const q = p.size;
  const surplus = (tier: IndexedTier, price: number): number =>
    p.margin + s * q * (price - p.entryPrice) - (q * price * (tier.tier.maintenanceRate + feeRate) - tier.tier.deduction);

  const candidates: Candidate[] = [];
  tiers.forEach((tier, i) => {
    const m = tier.tier.maintenanceRate + feeRate;
    const price = (s * q * p.entryPrice - p.margin - tier.tier.deduction) / (q * (s - m));
    const notional = q * price;
    if (notional >= tier.lower && notional < tier.upper) candidates.push({ price, tier });
    const below = tiers[i - 1];
    if (below !== undefined) {
      const boundary = tier.lower / q;
      const above = surplus(tier, boundary);
      const under = surplus(below, boundary);
      if (above > 0 !== under > 0) candidates.push({ price: boundary, tier: above > 0 ? below : tier });
    }
  });
  return firstReached(candidates, p.entryPrice, s);
}

function firstReached(candidates: readonly Candidate[], entryPrice: number, s: 1 | -1): Candidate | null {
  const adverse = candidates.filter((c) => s * (entryPrice - c.price) > 0);
  const pool = adverse.length > 0 ? adverse : candidates;
  let best: Candidate | null = null;
  for (const c of pool) {
    if (best === null || Math.abs(c.price - entryPrice) < Math.abs(best.price - entryPrice)) best = c;
  }
  return best;
}

/** s·(P − LP)/P: a fraction, > 0 on the safe side, ≤ 0 at or past liquidation. */
export function liquidationDistance(side: Side, markPrice: number, liqPrice: number): number {
  requireSide('side', side);
  requirePositive('markPrice', markPrice);
  requirePositive('liqPrice', liqPrice);
  // + 0 turns −0 into 0 so "at liquidation" never renders as "−0.00%".
  return (sideSign(side) * (markPrice - liqPrice)) / markPrice + 0;
}
