import { accountsClause, type ShareReading } from '../core/crowding';
import type { Side } from '../core/types';
import type { Window } from '../venues/market-types';
import type { CrowdingFigure, MarketSnapshot } from '../venues/snapshot-types';
import { VENUE_NAMES } from '../venues/names';
import { known, unknown, type FieldValue } from './field-value';
import { formatAge, formatNumber } from './format';

// The crowding readings as fields, in the panel and the popup alike: the share of accounts net long,
// the top traders' long share and the taker-buy share, each with why it is missing.

export type CrowdingName = 'long-share-accounts' | 'long-share-top-positions' | 'taker-buy-share';

const pct = (x: number) => `${Math.round(x * 100)}%`;
const points = (x: number) => `${x > 0 ? '+' : x < 0 ? '\u2212' : '±'}${formatNumber(Math.abs(x) * 100, 1)} pts`;

function figureOf<T>(s: MarketSnapshot | null, why: string, pick: (s: MarketSnapshot) => CrowdingFigure<T>): { reading: T } | { unknown: string } {
  if (!s) return { unknown: why };
  const f = pick(s);
  if (f.status === 'ready') return { reading: f.reading };
  if (f.status === 'not-published') return { unknown: `not published by ${VENUE_NAMES[s.venue]}` };
  return { unknown: f.reason };
}

/** A long share with its 4 h change: the value, the text, and `data-change-4h` when known. */
export function shareField(s: MarketSnapshot | null, which: 'accounts' | 'topPositions', why: string): { field: FieldValue; data?: Record<string, string> } {
  const f = figureOf(s, why, (x) => x.crowding[which]);
  if (!('reading' in f)) return { field: unknown(f.unknown) };
  const r: ShareReading = f.reading;
  const change = r.change4h === null ? '' : ` (${points(r.change4h)} 4h)`;
  return { field: known(r.value, `${pct(r.value)} long${change}`), ...(r.change4h === null ? {} : { data: { 'data-change-4h': String(r.change4h) } }) };
}

export function takerField(s: MarketSnapshot | null, window: Window, why: string): FieldValue {
  const f = figureOf(s, why, (x) => x.crowding.takerBuy);
  if (!('reading' in f)) return unknown(f.unknown);
  const x = f.reading[window];
  return x === null ? unknown(`no taker volume over ${window}`) : known(x, `${pct(x)} buys`);
}

export function crowdingExplain(s: MarketSnapshot | null, name: CrowdingName, window: Window, now: number): string {
  const at = (which: 'accounts' | 'topPositions') => {
    const f = s?.crowding[which];
    return f?.status === 'ready' ? `; as of ${formatAge(Math.max(0, now - f.reading.at))} ago, change over 4 h in share points` : '';
  };
  if (name === 'long-share-accounts') return `The share of the venue's accounts holding a net long position${at('accounts')}`;
  if (name === 'long-share-top-positions')
    return `The top traders' long share of their positions (the venue's own selection of its largest accounts)${at('topPositions')}`;
  return `Taker buys as a share of traded volume over ${window}, from the 15-minute bars: above 50%, aggressive buyers dominate`;
}

/** The clause the position's reading adds when the accounts confirm or contradict funding. */
export function crowdingClause(s: MarketSnapshot | null, crowded: 'longs' | 'shorts' | 'none', side: Side): string | null {
  const f = s?.crowding.accounts;
  return accountsClause(crowded, f?.status === 'ready' ? f.reading.value : null, side);
}
