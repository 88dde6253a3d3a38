import { toRate8h } from '../core';
import type { Window } from '../venues/market-types';
import type { VenueId } from '../venues/types';
import { Field, known, unknown, type FieldValue } from './Field';
import { formatAge, formatCountdown, formatPercent, formatPrice } from './format';
import { contractState, type MarketState } from './market-state';

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

/** One market: the `[data-perplens-market]` contract shared by the popup and the panel's header. */
export function MarketBlock({ venue, symbol, state, now, staleAfterMs, window }: Props) {
  const { state: dataState, ageMs } = contractState(state, now, staleAfterMs);
  const s = state.status === 'ready' ? state.snapshot : null;
  const reason = why(state);
  const q = s?.quote;
  const mark: FieldValue = q ? known(q.markPrice, formatPrice(q.markPrice)) : unknown(reason);
  const rate: FieldValue = q ? known(q.fundingRate, formatPercent(q.fundingRate, 4, true)) : unknown(reason);
  const interval: FieldValue = s
    ? known(s.fundingIntervalHours, `${s.fundingIntervalHours}h${s.fundingIntervalSource === 'default' ? ' (assumed)' : ''}`)
    : unknown(reason);
  const rate8h: FieldValue = s && q ? known(toRate8h(q.fundingRate, s.fundingIntervalHours), formatPercent(toRate8h(q.fundingRate, s.fundingIntervalHours), 4, true)) : unknown(reason);
  const next: FieldValue =
    q && q.nextFundingTime !== null
      ? known(q.nextFundingTime, formatCountdown(q.nextFundingTime - now))
      : unknown(q ? 'The venue gives no next funding time for this market' : reason);
  const change = (c: NonNullable<typeof s>['priceChange'][Window] | undefined): FieldValue =>
    !c ? unknown(reason) : c.change === null ? unknown(c.reason) : known(c.change, `${formatPercent(c.change, 2, true)}${c.basis === 'since-watching' ? ' (since watching)' : ''}`);
  return (
    <section
      class="market"
      data-perplens-market=""
      data-venue={venue}
      data-symbol={symbol}
      data-state={dataState}
      data-age-ms={ageMs === undefined ? undefined : String(ageMs)}
      data-reason={state.status === 'failed' ? state.error.kind : undefined}
      aria-busy={state.status === 'loading'}
    >
      <Field name="mark-price" label="Mark" field={mark} />
      <Field name="funding-rate" label="Funding / interval" field={rate} />
      <Field name="funding-interval-hours" label="Interval" field={interval} />
      <Field name="funding-rate-8h" label="Funding / 8h" field={rate8h} />
      <Field name="next-funding" label="Next funding in" field={next} />
      <Field name="price-change" label={`Price ${window}`} field={change(s?.priceChange[window])} />
      <Field name="oi-change" label={`Open interest ${window}`} field={change(s?.oiChange[window])} />
      {state.status === 'failed' && (
        <p class="status error" role="status">
          {state.error.message}
        </p>
      )}
      {state.status === 'ready' && dataState === 'stale' && (
        <p class="status stale" role="status">
          Data {formatAge(ageMs ?? 0)} old{state.error ? ` — ${state.error.message}` : ''}
        </p>
      )}
      {state.status === 'loading' && <p class="status">Loading market data…</p>}
    </section>
  );
}
