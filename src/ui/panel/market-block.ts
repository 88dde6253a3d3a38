import { toRate8h } from '../../core';
import type { Window } from '../../venues/market-types';
import type { VenueId } from '../../venues/types';
import { known, unknown, type FieldValue } from '../field-value';
import { formatAge, formatCountdown, formatPercent, formatPrice } from '../format';
import { contractState, type MarketState } from '../market-state';
import { h, type TreeElement } from '../tree';
import { field } from './field';
import { figureNote, intervalNote, partNote } from './part-note';

interface Props {
  venue: VenueId;
  symbol: string;
  state: MarketState;
  now: number;
  staleAfterMs: number;
  window: Window;
}

function why(state: MarketState): string {
  if (state.status === 'loading') return 'Loading market data…';
  if (state.status === 'failed') return state.error.message;
  return '';
}

/** One market: the `[data-perplens-market]` contract, at the top of the panel. */
export function marketBlock({ venue, symbol, state, now, staleAfterMs, window }: Props): TreeElement {
  const { state: dataState, ageMs } = contractState(state, now, staleAfterMs);
  const s = state.status === 'ready' ? state.snapshot : null;
  const reason = why(state);
  const q = s?.quote;
  const mark: FieldValue = q ? known(q.markPrice, formatPrice(q.markPrice)) : unknown(reason);
  const rate: FieldValue = q ? known(q.fundingRate, formatPercent(q.fundingRate, 4, true)) : unknown(reason);
  const interval: FieldValue = s
    ? known(s.fundingIntervalHours, `${s.fundingIntervalHours}h${s.fundingIntervalSource === 'default' ? ' (assumed)' : ''}`)
    : unknown(reason);
  const r8 = s && q ? toRate8h(q.fundingRate, s.fundingIntervalHours) : null;
  const rate8h: FieldValue = r8 !== null ? known(r8, formatPercent(r8, 4, true)) : unknown(reason);
  const next: FieldValue =
    q && q.nextFundingTime !== null
      ? known(q.nextFundingTime, formatCountdown(q.nextFundingTime - now))
      : unknown(q ? 'The venue gives no next funding time for this market' : reason);
  const change = (c: NonNullable<typeof s>['priceChange'][Window] | undefined): FieldValue =>
    !c ? unknown(reason) : c.change === null ? unknown(c.reason) : known(c.change, `${formatPercent(c.change, 2, true)}${c.basis === 'since-watching' ? ' (since watching)' : ''}`);
  return h(
    'section',
    {
      class: 'market',
      'data-perplens-market': '',
      'data-venue': venue,
      'data-symbol': symbol,
      'data-state': dataState,
      'data-age-ms': ageMs === undefined ? undefined : String(ageMs),
      'data-reason': state.status === 'failed' ? state.error.kind : undefined,
      'aria-busy': String(state.status === 'loading'),
    },
    field('mark-price', 'Mark', mark, { explain: `the price the venue liquidates on; ${figureNote(s, 'markPrice', now)}` }),
    field('funding-rate', 'Funding / interval', rate, { explain: `current (predicted) rate; positive: longs pay shorts; ${figureNote(s, 'fundingRate', now)}` }),
    field('funding-interval-hours', 'Interval', interval, { explain: s ? intervalNote(s) : partNote(s, 'quote', now) }),
    field('funding-rate-8h', 'Funding / 8h', rate8h, { explain: 'rate × 8 / interval' }),
    field('next-funding', 'Next funding in', next, { explain: figureNote(s, 'nextFundingTime', now) }),
    field('price-change', `Price ${window}`, change(s?.priceChange[window]), { explain: `mark now against the hourly close ${window} ago; ${partNote(s, 'candles', now)}` }),
    field('oi-change', `Open interest ${window}`, change(s?.oiChange[window]), {
      explain: `open interest now against ${window} ago, in base units (coins), not USD; ${partNote(s, 'oi', now)}`,
    }),
    state.status === 'failed' && h('p', { class: 'status error', role: 'status' }, state.error.message),
    state.status === 'ready' && dataState === 'stale' && h('p', { class: 'status stale', role: 'status' }, `Data ${formatAge(ageMs ?? 0)} old${state.error ? ` — ${state.error.message}` : ''}`),
    state.status === 'loading' && h('p', { class: 'status' }, 'Loading market data…'),
  );
}
