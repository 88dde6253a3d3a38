import { Field, known, unknown, type FieldValue } from './Field';
import { formatAge, formatCountdown, formatPercent, formatPrice } from './format';
import { contractState, type MarketState } from './market-state';
import type { VenueId } from '../venues/types';

interface Props {
  venue: VenueId;
  symbol: string;
  state: MarketState;
  now: number;
  staleAfterMs: number;
}

function why(state: MarketState): string {
  if (state.status === 'loading') return 'Loading market data…';
  if (state.status === 'failed') return state.error.message;
  return '';
}

/** The market this page trades: the popup's `[data-perplens-market]` contract, reused in the panel. */
export function MarketBlock({ venue, symbol, state, now, staleAfterMs }: Props) {
  const { state: dataState, ageMs } = contractState(state, now, staleAfterMs);
  const q = state.status === 'ready' ? state.quote : null;
  const reason = why(state);
  const mark: FieldValue = q ? known(q.markPrice, formatPrice(q.markPrice)) : unknown(reason);
  const rate: FieldValue = q ? known(q.fundingRate, formatPercent(q.fundingRate, 4, true)) : unknown(reason);
  const next: FieldValue =
    q && q.nextFundingTime !== null
      ? known(q.nextFundingTime, formatCountdown(q.nextFundingTime - now))
      : unknown(q ? 'The venue gives no next funding time for this market' : reason);
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
      <Field name="funding-rate" label="Funding" field={rate} />
      <Field name="next-funding" label="Next funding in" field={next} />
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
