import { bandOf, type Band, type BandBasis, type BandRules } from './bands';
import { liquidationDistance } from './liquidation';
import type { Side } from './types';
import { sigmaDistance, touchProbability } from './volatility';

export type { Band };

export interface LiveInputs {
  side: Side;
  markPrice: number;
  liqPrice: number;
  /** σ of daily log returns; null when unknown. */
  dailyVol: number | null;
  bands: BandRules;
}

export interface LiveFigures {
  distance: number;
  band: Band;
  /** What the band was judged on; `bandFellBack` when the chosen basis needed an unknown volatility. */
  bandBasis: BandBasis;
  bandFellBack: boolean;
  /** null with the reason when it cannot be told. */
  sigma: number | { unknown: string };
  touch24h: number | { unknown: string };
}

/**
 * The figures that move with every tick of the mark, given the liquidation price: one function for
 * the background's panel and the page's own updates between two, so they can never disagree.
 */
export function liveFigures(p: LiveInputs): LiveFigures {
  const d = liquidationDistance(p.side, p.markPrice, p.liqPrice);
  if (p.dailyVol == null || p.dailyVol <= 0) {
    const why = { unknown: 'not enough daily candles for volatility' };
    const v = bandOf(d, null, null, p.bands);
    return { distance: d, band: v.band, bandBasis: v.basis, bandFellBack: v.fellBack, sigma: why, touch24h: why };
  }
  const k = d <= 0 ? 0 : sigmaDistance(p.markPrice, p.liqPrice, p.dailyVol);
  const touch = touchProbability({ side: p.side, markPrice: p.markPrice, liqPrice: p.liqPrice, dailyVol: p.dailyVol, days: 1 });
  const v = bandOf(d, k, touch, p.bands);
  return {
    distance: d,
    band: v.band,
    bandBasis: v.basis,
    bandFellBack: v.fellBack,
    sigma: k === null ? { unknown: 'volatility is zero' } : k,
    touch24h: touch,
  };
}
