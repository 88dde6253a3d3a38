import type { Figure } from './position-view';

/**
 * The mark's premium over the index, (mark − index) / index: positive when the perpetual trades
 * above spot, which is what funding charges the longs for. Unknown where the venue publishes no
 * index, or margins on the index itself (its mark and index are one price: a premium of 0 would
 * be a figure the venue never showed).
 */
export function premium(q: { markPrice: number; indexPrice: number | null; markIsIndex?: true }, venueName: string): Figure {
  if (q.markIsIndex) return { unknown: `${venueName} margins on its oracle price: its mark and index are one price` };
  if (q.indexPrice === null || !(q.indexPrice > 0)) return { unknown: `${venueName} published no index price` };
  const p = (q.markPrice - q.indexPrice) / q.indexPrice;
  return Number.isFinite(p) ? { value: p + 0 } : { unknown: 'not a finite number' };
}
