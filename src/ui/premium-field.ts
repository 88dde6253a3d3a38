import { premium } from '../core/premium';
import { VENUE_NAMES } from '../venues/names';
import type { MarketSnapshot } from '../venues/snapshot-types';
import { known, unknown, type FieldValue } from './field-value';
import { formatPercent } from './format';

/** The `premium` field of a market: the venue's mark over its index, as a fraction. */
export function premiumField(s: MarketSnapshot | null, why: string): FieldValue {
  if (!s) return unknown(why);
  const p = premium(s.quote, VENUE_NAMES[s.quote.venue]);
  return 'value' in p ? known(p.value, formatPercent(p.value, 3, true)) : unknown(p.unknown);
}

export const PREMIUM_EXPLAIN =
  "the venue's mark over its index, (mark − index) ÷ index: positive when the perpetual trades above spot, the gap funding charges the longs for";
