import { crowdedByShare, crowdedSide, FUNDING_STRETCH_LIMITS, fundingStretch, type CrowdedSide, type FundingStretch, type Regime } from '../core';
import { known, type FieldValue } from '../ui/Field';
import { formatPercent, formatPrice } from '../ui/format';
import type { MarketSnapshot } from '../venues/snapshot-types';
import { apr, rate8h } from './market-figures';

// Stretch and crowded side depend on funding alone: known as soon as the rate is, even while the
// price or open-interest change (and so the regime) is still unknown.
export const stretchOf = (s: MarketSnapshot): FundingStretch => fundingStretch(rate8h(s));
// Where the venue publishes both sides' open interest (GMX) the crowded side is measured instead.
export const crowdedOf = (s: MarketSnapshot): CrowdedSide => (s.quote.longShare !== undefined ? crowdedByShare(s.quote.longShare) : crowdedSide(rate8h(s)));

const pct = (x: number) => formatPercent(x, 2);

/** What each stretch means, for the title of the coloured rate (the colour alone says too little). */
export const STRETCH_WORDS: Record<FundingStretch, string> = {
  balanced: `balanced: at most ${pct(FUNDING_STRETCH_LIMITS.balanced)} per 8 h either way`,
  elevated: `elevated: up to ${pct(FUNDING_STRETCH_LIMITS.elevated)} per 8 h`,
  stretched: `stretched: up to ${pct(FUNDING_STRETCH_LIMITS.stretched)} per 8 h`,
  extreme: `extreme: beyond ${pct(FUNDING_STRETCH_LIMITS.stretched)} per 8 h`,
};

export const markField = (s: MarketSnapshot): FieldValue => known(s.quote.markPrice, formatPrice(s.quote.markPrice));
export const rate8hField = (s: MarketSnapshot): FieldValue => known(rate8h(s), formatPercent(rate8h(s), 4, true));
export const aprField = (s: MarketSnapshot): FieldValue => known(apr(s), formatPercent(apr(s), 1, true));

/**
 * The regime in a table cell: the description's label cut to fit one line of a 560 px popup; the
 * full label and its meaning are in the cell's title and the data-value keeps the regime's id.
 */
export const REGIME_SHORT: Record<Regime, string> = {
  'long-buildup': 'long build-up',
  'drift-up': 'drift up',
  'short-covering': 'short covering',
  'leverage-building': 'leverage build',
  quiet: 'quiet',
  deleveraging: 'deleveraging',
  'short-buildup': 'short build-up',
  'drift-down': 'drift down',
  'long-unwinding': 'long unwind',
};
