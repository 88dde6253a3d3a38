import type { BandBasis, BandRules } from '../core';
import { formatNumber, formatPercent } from './format';

const BASIS_WORDS: Record<BandBasis, (r: BandRules) => string> = {
  touch: (r) =>
    `by the chance to touch the liquidation price within 24 h: danger from ${formatPercent(r.touchDanger, 0)}, caution from ${formatPercent(r.touchCaution, 0)}`,
  sigma: (r) => `by typical daily moves: danger under ${formatNumber(r.sigmaDanger, 1)}σ, caution under ${formatNumber(r.sigmaCaution, 1)}σ`,
  percent: (r) => `by % of price: danger under ${formatPercent(r.dangerBelow, 0)}, caution under ${formatPercent(r.cautionBelow, 0)}`,
};

/**
 * How a band was judged, in words for a title: the trader set the basis in the options, and a band
 * that fell back to % of price (volatility unknown) must say so or it reads as the chosen rule.
 */
export function bandJudged(basis: BandBasis | null, fellBack: boolean, rules: BandRules): string {
  if (basis === null) return 'no distance to judge';
  return fellBack ? `${BASIS_WORDS.percent(rules)} (volatility unknown, so % of price)` : BASIS_WORDS[basis](rules);
}
