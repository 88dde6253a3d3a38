import { crowdedSide, fundingStretch, type CrowdedSide, type RegimeThresholds, type RegimeWindow } from '../core';
import { Field, known, unknown, type FieldValue } from '../ui/Field';
import { formatAge, formatCountdown, formatPercent, formatPercentile, formatPrice } from '../ui/format';
import { contractState, type MarketState } from '../ui/market-state';
import { VENUE_NAMES } from '../venues/names';

import type { MarketSnapshot } from '../venues/snapshot-types';
import type { PageMatch } from '../venues/types';
import { apr, changeField, marketRegime, rate8h } from './market-figures';
import { Sparkline } from './Sparkline';

interface Props {
  item: PageMatch;
  state: MarketState | undefined;
  window: RegimeWindow;
  now: number;
  staleAfterMs: number;
  thresholds: RegimeThresholds;
  onRemove: () => void;
}

// Stretch and crowded side depend on funding alone: known as soon as the rate is, even while the
// price or open-interest change (and so the regime) is still unknown.
const stretch = (s: MarketSnapshot) => fundingStretch(rate8h(s));
const crowded = (s: MarketSnapshot): CrowdedSide => crowdedSide(rate8h(s));

/** One watched market: the `[data-perplens-market]` contract with the popup's extra fields. */
export function WatchRow({ item, state, window, now, staleAfterMs, thresholds, onRemove }: Props) {
  const st = state ?? { status: 'loading' as const };
  const { state: dataState, ageMs } = contractState(st, now, staleAfterMs);
  const s = st.status === 'ready' ? st.snapshot : null;
  const why = st.status === 'failed' ? st.error.message : 'loading';
  const f = (make: () => FieldValue): FieldValue => (s ? make() : unknown(why));
  const regime = s ? marketRegime(s, window, thresholds) : null;
  const regimeKnown = regime && 'regime' in regime ? regime : null;
  const regimeWhy = regime && !regimeKnown && 'unknown' in regime ? (regime.unknown ?? why) : why;
  const age = s ? `data ${formatAge(now - s.quote.fetchedAt)} old` : why;
  return (
    <article
      class={`watch state-${dataState}`}
      data-perplens-market=""
      data-venue={item.venue}
      data-symbol={item.symbol}
      data-state={dataState}
      data-age-ms={ageMs === undefined ? undefined : String(ageMs)}
      data-reason={st.status === 'failed' ? st.error.kind : undefined}
      aria-busy={st.status === 'loading'}
    >
      <header>
        <strong>{item.symbol}</strong> <span class="muted">{VENUE_NAMES[item.venue]}</span>
        {s && <Sparkline values={s.sparkline.price} label={`${item.symbol} price, last 24 hours`} />}
        {s && <Sparkline values={s.sparkline.oi} label={`${item.symbol} open interest, last 24 hours`} />}
        {st.status === 'loading' && <span class="skeleton skeleton-spark" aria-hidden="true" />}
        <button type="button" class="icon remove" aria-label={`Remove ${item.symbol} on ${VENUE_NAMES[item.venue]}`} onClick={onRemove}>
          ×
        </button>
      </header>
      {st.status === 'failed' && <p class="status error" role="status">{st.error.message}</p>}
      {dataState === 'stale' && <p class="status stale">Data {formatAge(ageMs ?? 0)} old{st.status === 'ready' && st.error ? ` — ${st.error.message}` : ''}</p>}
      <div class="grid">
        <Field name="mark-price" label="Mark" field={f(() => known(s!.quote.markPrice, formatPrice(s!.quote.markPrice)))} explain={age} />
        <Field name="price-change-24h" label="24h" field={f(() => changeField(s!.priceChange['24h']))} />
        <Field name="funding-rate" label={`Funding / ${s ? `${s.fundingIntervalHours}h` : 'interval'}`} field={f(() => known(s!.quote.fundingRate, formatPercent(s!.quote.fundingRate, 4, true)))} explain={age} />
        <Field name="funding-interval-hours" label="Interval" field={f(() => known(s!.fundingIntervalHours, `${s!.fundingIntervalHours}h`))} />
        <Field name="funding-rate-8h" label="Per 8h" field={f(() => known(rate8h(s!), formatPercent(rate8h(s!), 4, true)))} />
        <Field name="funding-apr" label="APR" field={f(() => known(apr(s!), formatPercent(apr(s!), 1, true)))} />
        <Field name="next-funding" label="Next" field={f(() => (s!.quote.nextFundingTime === null ? unknown('the venue gives no next funding time') : known(s!.quote.nextFundingTime, formatCountdown(s!.quote.nextFundingTime - now))))} />
        <Field name="oi-change-1h" label="OI 1h" field={f(() => changeField(s!.oiChange['1h']))} explain="open interest in base units; * = since watching started" />
        <Field name="oi-change-4h" label="OI 4h" field={f(() => changeField(s!.oiChange['4h']))} explain="open interest in base units; * = since watching started" />
        <Field name="oi-change-24h" label="OI 24h" field={f(() => changeField(s!.oiChange['24h']))} explain="open interest in base units; * = since watching started" />
        <Field name="regime" label={`Regime ${window}`} field={regimeKnown ? known(regimeKnown.regime, regimeKnown.label) : unknown(regimeWhy)} explain={regimeKnown ? regimeKnown.meaning : undefined} />
        <Field name="funding-stretch" label="Stretch" field={f(() => known(stretch(s!), stretch(s!)))} explain="from the funding rate per 8h alone" />
        <Field name="funding-percentile-30d" label="30d pct" field={f(() => (s!.fundingPercentile30d === null ? unknown('less than 30 days of funding history') : known(s!.fundingPercentile30d, formatPercentile(s!.fundingPercentile30d))))} />
        <Field name="crowded-side" label="Crowded" field={f(() => known(crowded(s!), crowded(s!)))} explain="from the funding rate per 8h alone" />
      </div>
      <div class="sr-only">
        <span data-field="regime-window" data-value={window}>{window}</span>
        <Field name="price-change" label={`Price ${window}`} field={f(() => changeField(s!.priceChange[window]))} />
        <Field name="oi-change" label={`Open interest ${window}`} field={f(() => changeField(s!.oiChange[window]))} />
      </div>
    </article>
  );
}
