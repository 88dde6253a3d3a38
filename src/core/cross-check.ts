import type { Side } from './types';

export interface ReadFigures {
  side: Side;
  size: number;
  entryPrice: number;
  markPrice: number | null;
  liqPrice: number | null;
  margin: number | null;
  leverage: number | null;
}

/** Mark and entry further apart than this factor mean a misread column (or a wrong decimal separator). */
const PRICE_BAND = 3;
const MAX_LEVERAGE = 250;

/**
 * The checks a row must pass before PerpLens shows anything about it (docs/reading-pages.md,
 * "Checks before anything is shown"). Returns the reason it fails, or null. A wrong liquidation
 * distance is worse than none.
 */
export function crossCheck(p: ReadFigures): string | null {
  if (!(Number.isFinite(p.size) && p.size > 0)) return 'size is not a positive number';
  if (!(Number.isFinite(p.entryPrice) && p.entryPrice > 0)) return 'entry price is not a positive number';
  if (p.markPrice !== null) {
    if (!(Number.isFinite(p.markPrice) && p.markPrice > 0)) return 'mark price is not a positive number';
    const ratio = p.markPrice / p.entryPrice;
    if (ratio > PRICE_BAND || ratio < 1 / PRICE_BAND) return 'entry and mark prices are implausibly far apart';
  }
  if (p.liqPrice !== null) {
    if (!(Number.isFinite(p.liqPrice) && p.liqPrice >= 0)) return 'liquidation price is not a number';
    const ref = p.markPrice ?? p.entryPrice;
    if (p.liqPrice > 0 && p.side === 'long' && p.liqPrice >= ref) return "a long's liquidation price must be below the mark price";
    if (p.side === 'short' && p.liqPrice <= ref) return "a short's liquidation price must be above the mark price";
  }
  if (p.margin !== null && !(Number.isFinite(p.margin) && p.margin >= 0)) return 'margin is not a number';
  if (p.leverage !== null && !(Number.isFinite(p.leverage) && p.leverage > 0 && p.leverage <= MAX_LEVERAGE)) return 'leverage is implausible';
  return null;
}
