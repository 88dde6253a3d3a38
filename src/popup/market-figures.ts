import { aprOf8h, classifyRegime, toRate8h, type RegimeThresholds, type RegimeWindow } from '../core';
import { REGIME_DESCRIPTIONS } from '../core/regime-note';
import { known, unknown, type FieldValue } from '../ui/Field';
import { formatPercent } from '../ui/format';
import type { WindowChange } from '../core';
import { quoteFromSymbol } from '../venues/quote-currency';
import type { MarketSnapshot } from '../venues/snapshot-types';
import type { VenueId } from '../venues/types';

export const changeField = (c: WindowChange): FieldValue =>
  c.change === null ? unknown(c.reason) : known(c.change, `${formatPercent(c.change, 2, true)}${c.basis === 'since-watching' ? '*' : ''}`);

export const rate8h = (s: MarketSnapshot) => toRate8h(s.quote.fundingRate, s.fundingIntervalHours);
export const apr = (s: MarketSnapshot) => aprOf8h(rate8h(s));

/** The market's regime for a window (no position: the crowd only), or why it is unknown. */
export function marketRegime(s: MarketSnapshot, window: RegimeWindow, thresholds?: RegimeThresholds) {
  const p = s.priceChange[window];
  const o = s.oiChange[window];
  if (p.change === null) return { unknown: `price change: ${p.reason}` } as const;
  if (o.change === null) return { unknown: `open interest change: ${o.reason}` } as const;
  const r = classifyRegime({ priceChange: p.change, oiChange: o.change, rate8h: rate8h(s), window, ...(thresholds ? { thresholds } : {}) });
  return { ...r, label: REGIME_DESCRIPTIONS[r.regime].label, meaning: REGIME_DESCRIPTIONS[r.regime].meaning };
}

/**
 * The currency amounts of this market are settled in, as the venue writes it: the instrument list's
 * when the snapshot has it, else what the symbol says; null (no unit shown) rather than a guessed "$".
 */
export const quoteOf = (m: { venue: VenueId; symbol: string }, s: MarketSnapshot | null): string | null =>
  s?.quoteCurrency ?? quoteFromSymbol(m.venue, m.symbol);
