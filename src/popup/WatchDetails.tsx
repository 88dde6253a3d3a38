import type { RegimeWindow } from '../core';
import { Field, known, unknown, type FieldValue } from '../ui/Field';
import { formatAge, formatCountdown, formatPercent, formatPercentile } from '../ui/format';
import type { MarketState } from '../ui/market-state';
import { VENUE_NAMES } from '../venues/names';
import type { MarketSnapshot } from '../venues/snapshot-types';
import type { PageMatch } from '../venues/types';
import { changeField } from './market-figures';
import { Sparkline } from './Sparkline';
import { stretchOf } from './watch-figures';
import { premiumField, PREMIUM_EXPLAIN } from '../ui/premium-field';
import { marketZoneExplain, marketZoneField, readyZones } from '../ui/zone-fields';
import { zoneLadder } from '../ui/zone-ladder';
import { TreeView, useLadderStyles } from '../ui/TreeView';
import { crowdingExplain, shareField, takerField } from '../ui/crowding-fields';
import { FLOW_FIELDS, flowField } from '../ui/flow-fields';
import { Value } from '../ui/Value';

interface Props {
  item: PageMatch;
  state: MarketState;
  snapshot: MarketSnapshot | null;
  /** Why every figure is unknown when there is no snapshot (loading, or the venue's error). */
  why: string;
  window: RegimeWindow;
  now: number;
  /** Age of a stale quote, null when fresh. */
  stale: number | null;
  onRemove: () => void;
}

const OI_NOTE = 'open interest in base units; * = since watching started';

/** A long share with its 4 h change kept in `data-change-4h`. */
function ShareRow(props: {
  s: MarketSnapshot | null;
  which: 'accounts' | 'topPositions';
  name: 'long-share-accounts' | 'long-share-top-positions';
  label: string;
  why: string;
  window: RegimeWindow;
  now: number;
}) {
  const { field, data } = shareField(props.s, props.which, props.why);
  const explain = crowdingExplain(props.s, props.name, props.window, props.now);
  return (
    <div class="row">
      <span class="label">{props.label}</span>
      <Value name={props.name} field={field} explain={explain} {...(data ? { data } : {})} />
    </div>
  );
}

/** A market row's details: the figures the summary row has no room for, its sparklines, and its removal. */
export function WatchDetails({ item, state, snapshot: s, why, window, now, stale, onRemove }: Props) {
  const f = (make: (s: MarketSnapshot) => FieldValue): FieldValue => (s ? make(s) : unknown(why));
  const age = s ? `data ${formatAge(now - s.quote.fetchedAt)} old` : why;
  const zones = readyZones(s, why);
  useLadderStyles();
  return (
    <div class="watch-details">
      {state.status === 'failed' && (
        <p class="status error" role="status">
          {state.error.message}
        </p>
      )}
      {stale !== null && (
        <p class="status stale">
          Data {formatAge(stale)} old{state.status === 'ready' && state.error ? ` — ${state.error.message}` : ''}
        </p>
      )}
      <div class="grid">
        <Field
          name="funding-rate"
          label={`Funding / ${s ? `${s.fundingIntervalHours}h` : 'interval'}`}
          field={f((x) => known(x.quote.fundingRate, formatPercent(x.quote.fundingRate, 4, true)))}
          explain={age}
        />
        <Field name="funding-interval-hours" label="Interval" field={f((x) => known(x.fundingIntervalHours, `${x.fundingIntervalHours}h`))} />
        <Field
          name="next-funding"
          label="Next funding"
          field={f((x) =>
            x.quote.nextFundingTime === null
              ? unknown('the venue gives no next funding time')
              : known(x.quote.nextFundingTime, formatCountdown(x.quote.nextFundingTime - now)),
          )}
        />
        <Field name="funding-stretch" label="Stretch" field={f((x) => known(stretchOf(x), stretchOf(x)))} explain="from the funding rate per 8h alone" />
        <Field name="premium" label="Premium" field={premiumField(s, why)} explain={PREMIUM_EXPLAIN} />
        <Field
          name="funding-percentile-30d"
          label="Rate vs 30 days"
          field={f((x) =>
            x.fundingPercentile30d === null
              ? unknown('less than 30 days of funding history')
              : known(x.fundingPercentile30d, `${formatPercentile(x.fundingPercentile30d)} pct.`),
          )}
          explain="rank of the current rate among the rates settled over 30 days"
        />
        <Field name="price-change" label={`Price ${window}`} field={f((x) => changeField(x.priceChange[window]))} />
        <Field name="price-change-24h" label="Price 24h" field={f((x) => changeField(x.priceChange['24h']))} />
        <Field name="oi-change-1h" label="OI 1h" field={f((x) => changeField(x.oiChange['1h']))} explain={OI_NOTE} />
        <Field name="oi-change-4h" label="OI 4h" field={f((x) => changeField(x.oiChange['4h']))} explain={OI_NOTE} />
        <Field name="oi-change-24h" label="OI 24h" field={f((x) => changeField(x.oiChange['24h']))} explain={OI_NOTE} />
        <Field
          name="zone-long-nearest"
          label="Long cluster"
          field={marketZoneField(s, 'long', why)}
          explain={marketZoneExplain(s, 'long', s?.quoteCurrency ?? null, now)}
        />
        <Field
          name="zone-short-nearest"
          label="Short cluster"
          field={marketZoneField(s, 'short', why)}
          explain={marketZoneExplain(s, 'short', s?.quoteCurrency ?? null, now)}
        />
        <ShareRow s={s} which="accounts" name="long-share-accounts" label="Accounts long" why={why} window={window} now={now} />
        <ShareRow s={s} which="topPositions" name="long-share-top-positions" label="Top traders long" why={why} window={window} now={now} />
        <Field
          name="taker-buy-share"
          label={`Taker buys ${window}`}
          field={takerField(s, window, why)}
          explain={crowdingExplain(s, 'taker-buy-share', window, now)}
        />
        {FLOW_FIELDS.map((f) => {
          const x = flowField(s, f, why);
          return (
            <div class="row" key={f.name}>
              <span class="label">{f.label}</span>
              <Value name={f.name} field={x.field} explain={x.explain} {...(x.data ? { data: x.data } : {})} />
            </div>
          );
        })}
      </div>
      {'status' in zones && (
        <figure class="zone-fig">
          <TreeView node={zoneLadder(zones, {}, s?.quoteCurrency ?? null)} />
          <figcaption>liquidation clusters, modelled (est.)</figcaption>
        </figure>
      )}
      <span class="sr-only" data-field="regime-window" data-value={window}>
        {window}
      </span>
      <div class="details-foot">
        {s ? (
          <>
            <figure class="spark-fig">
              <Sparkline values={s.sparkline.price} label={`${item.symbol} price, last 24 hours`} />
              <figcaption>price 24 h</figcaption>
            </figure>
            <figure class="spark-fig">
              <Sparkline values={s.sparkline.oi} label={`${item.symbol} open interest, last 24 hours`} />
              <figcaption>OI 24 h</figcaption>
            </figure>
          </>
        ) : (
          state.status === 'loading' && <span class="skeleton skeleton-spark" aria-hidden="true" />
        )}
        <button type="button" class="remove" aria-label={`Remove ${item.symbol} on ${VENUE_NAMES[item.venue]} from the watchlist`} onClick={onRemove}>
          Remove from watchlist
        </button>
      </div>
    </div>
  );
}
