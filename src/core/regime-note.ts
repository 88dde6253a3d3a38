import type { Regime, RegimeResult } from './regime';
import type { Side } from './types';

/** Short label and the meaning from the regime table in docs/risk-math.md §4, for hover text. */
export const REGIME_DESCRIPTIONS: Record<Regime, { label: string; meaning: string }> = {
  'long-buildup': { label: 'long build-up', meaning: 'price up, open interest up: new positions enter long' },
  'drift-up': { label: 'upward drift', meaning: 'price up, open interest flat: price moves without new leverage' },
  'short-covering': {
    label: 'short-covering rally',
    meaning: 'price up, open interest down: shorts closing; the rally may lack follow-through',
  },
  'leverage-building': {
    label: 'leverage build-up',
    meaning: 'price flat, open interest up: positions pile up before a move',
  },
  quiet: { label: 'quiet market', meaning: 'price flat, open interest flat: no clear flow' },
  deleveraging: { label: 'deleveraging market', meaning: 'price flat, open interest down: positions closing without a move' },
  'short-buildup': { label: 'short build-up', meaning: 'price down, open interest up: new positions enter short' },
  'drift-down': {
    label: 'downward drift',
    meaning: 'price down, open interest flat: price falls without new leverage',
  },
  'long-unwinding': {
    label: 'long unwind',
    meaning: 'price down, open interest down: longs exiting; late-stage decline',
  },
};

const PRICE_TREND: Record<Regime, 'up' | 'down' | 'none'> = {
  'long-buildup': 'up',
  'drift-up': 'up',
  'short-covering': 'up',
  'leverage-building': 'none',
  quiet: 'none',
  deleveraging: 'none',
  'short-buildup': 'down',
  'drift-down': 'down',
  'long-unwinding': 'down',
};

const SIDEWAYS_CONSEQUENCE: Partial<Record<Regime, string>> = {
  'leverage-building': 'positions are piling up before a move that could go either way.',
  deleveraging: 'leverage is leaving the market without a price move.',
  quiet: 'there is no clear flow either way.',
};

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

/**
 * One plain sentence on what the regime means for THIS position, e.g. "You are long in a long
 * build-up with stretched positive funding: you are on the crowded side; a flush would move
 * toward your liquidation." Crowding dominates because a squeeze of the crowded side is the
 * fastest way to the liquidation price.
 */
export function positionRegimeNote(side: Side, r: Pick<RegimeResult, 'regime' | 'stretch' | 'crowded'>): string {
  const label = REGIME_DESCRIPTIONS[r.regime].label;
  const funding = r.stretch === 'balanced' ? 'balanced funding' : `${r.stretch} ${r.crowded === 'shorts' ? 'negative' : 'positive'} funding`;
  const opening = `You are ${side} in ${article(label)} ${label} with ${funding}`;

  const mine = side === 'long' ? 'longs' : 'shorts';
  if (r.crowded === mine) {
    return `${opening}: you are on the crowded side; a flush would move toward your liquidation.`;
  }
  if (r.crowded !== 'none') {
    return `${opening}: the other side is crowded; a squeeze would move in your favour.`;
  }
  const trend = PRICE_TREND[r.regime];
  if (trend === 'none') {
    return `${opening}: ${SIDEWAYS_CONSEQUENCE[r.regime] ?? 'there is no clear flow either way.'}`;
  }
  const withYou = (trend === 'up') === (side === 'long');
  if (r.regime === 'short-covering' && side === 'long') {
    return `${opening}: the rally helps you but comes from shorts closing and may lack follow-through.`;
  }
  return withYou
    ? `${opening}: the price flow is with your position.`
    : `${opening}: the price flow is against your position; watch the distance to liquidation.`;
}
