import { liquidationDistance } from './liquidation';
import type { Side } from './types';
import { sigmaDistance, touchProbability } from './volatility';

export type Band = 'danger' | 'caution' | 'calm';

export interface LiveInputs {
  side: Side;
  markPrice: number;
  liqPrice: number;
  /** σ of daily log returns; null when unknown. */
  dailyVol: number | null;
  dangerBelow: number;
  cautionBelow: number;
}

export interface LiveFigures {
  distance: number;
  band: Band;
  /** null with the reason when it cannot be told. */
  sigma: number | { unknown: string };
  touch24h: number | { unknown: string };
}

export function bandFor(distance: number, s: { dangerBelow: number; cautionBelow: number }): Band {
  if (distance < s.dangerBelow) return 'danger';
  if (distance < s.cautionBelow) return 'caution';
  return 'calm';
}

/**
 * The figures that move with every tick of the mark, given the liquidation price: one function for
 * the background's panel and the page's own updates between two, so they can never disagree.
 */
export function liveFigures(p: LiveInputs): LiveFigures {
  const d = liquidationDistance(p.side, p.markPrice, p.liqPrice);
  const band = bandFor(d, p);
  if (p.dailyVol == null || p.dailyVol <= 0) {
    const why = { unknown: 'not enough daily candles for volatility' };
    return { distance: d, band, sigma: why, touch24h: why };
  }
  const k = d <= 0 ? 0 : sigmaDistance(p.markPrice, p.liqPrice, p.dailyVol);
  return {
    distance: d,
    band,
    sigma: k === null ? { unknown: 'volatility is zero' } : k,
    touch24h: touchProbability({ side: p.side, markPrice: p.markPrice, liqPrice: p.liqPrice, dailyVol: p.dailyVol, days: 1 }),
  };
}
