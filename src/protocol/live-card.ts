import type { BandRules } from '../core/bands';
import type { Position } from '../venues/position-types';

/**
 * What the page needs to move a card's mark-driven figures itself between two panels from the
 * background (src/content/live-update.ts): the liquidation price, σ and bands the card was drawn with.
 */
export interface LiveCard {
  symbol: string;
  side: Position['side'];
  liqPrice: number;
  dailyVol: number | null;
  bands: BandRules;
  /** Base size for the money to liquidation; null in privacy mode (the amount is hidden). */
  size: number | null;
  quote: string | null;
}
