import { useState } from 'preact/hooks';
import type { RegimeThresholds, RegimeWindow } from '../core';
import { known, unknown, type FieldValue } from '../ui/Field';
import { formatAge } from '../ui/format';
import { contractState, type MarketState } from '../ui/market-state';
import { VENUE_NAMES } from '../venues/names';
import type { PageMatch } from '../venues/types';
import { changeField, marketRegime } from './market-figures';
import { Value } from '../ui/Value';
import { WatchDetails } from './WatchDetails';
import { aprField, crowdedOf, markField, rate8hField, REGIME_SHORT, stretchOf, STRETCH_WORDS } from './watch-figures';

interface Props {
  item: PageMatch;
  state: MarketState | undefined;
  window: RegimeWindow;
  now: number;
  staleAfterMs: number;
  thresholds: RegimeThresholds;
  onRemove: () => void;
}

/** Columns of a market row; the details row spans them all. */
export const WATCH_COLUMNS = 9;

const detailsId = (item: PageMatch) => `perplens-details-${item.venue}-${item.symbol.replace(/[^A-Za-z0-9_-]/g, '_')}`;

/**
 * One watched market: a row group (`<tbody>`) holding the `[data-perplens-market]` contract, so the
 * figures of its summary row and of its details row (shown on demand, kept in the DOM when hidden)
 * belong to the one element that carries the market's venue, symbol and state.
 */
export function WatchRow({ item, state, window, now, staleAfterMs, thresholds, onRemove }: Props) {
  const [open, setOpen] = useState(false);
  const st = state ?? { status: 'loading' as const };
  const { state: dataState, ageMs } = contractState(st, now, staleAfterMs);
  const s = st.status === 'ready' ? st.snapshot : null;
  const why = st.status === 'failed' ? st.error.message : 'loading';
  const f = (make: () => FieldValue): FieldValue => (s ? make() : unknown(why));
  const regime = s ? marketRegime(s, window, thresholds) : null;
  const regimeKnown = regime && 'regime' in regime ? regime : null;
  const regimeWhy = regime && !regimeKnown && 'unknown' in regime ? (regime.unknown ?? why) : why;
  const stretch = s ? stretchOf(s) : null;
  const crowded = s ? crowdedOf(s) : null;
  const name = `${item.symbol} on ${VENUE_NAMES[item.venue]}`;
  const toggle = () => setOpen((o) => !o);
  return (
    <tbody
      class={`market state-${dataState}${open ? ' open' : ''}`}
      data-perplens-market=""
      data-venue={item.venue}
      data-symbol={item.symbol}
      data-state={dataState}
      data-age-ms={ageMs === undefined ? undefined : String(ageMs)}
      data-reason={st.status === 'failed' ? st.error.kind : undefined}
      aria-busy={st.status === 'loading'}
    >
      <tr
        class="summary"
        // A click anywhere on the row opens it too; the button stays the keyboard's way in.
        onClick={(e) => {
          if (!(e.target instanceof Element) || !e.target.closest('button, a, input, select')) toggle();
        }}
      >
        <td class="x">
          <button type="button" class="expand" aria-expanded={open} aria-controls={detailsId(item)} aria-label={`Details of ${name}`} onClick={toggle}>
            {open ? '▾' : '▸'}
          </button>
        </td>
        <td class="venue">{VENUE_NAMES[item.venue]}</td>
        <th scope="row" class="symbol">
          {item.symbol}
          {dataState === 'stale' && (
            <span class="flag tone-caution" title={st.status === 'ready' && st.error ? st.error.message : 'the quote has not been refreshed'}>
              {' '}
              {formatAge(ageMs ?? 0)} old
            </span>
          )}
          {st.status === 'failed' && (
            <span class="flag tone-danger" title={st.error.message}>
              {' '}
              unavailable
            </span>
          )}
        </th>
        <td>
          <Value name="mark-price" field={f(() => markField(s!))} explain={s ? `data ${formatAge(now - s.quote.fetchedAt)} old` : undefined} />
        </td>
        <td>
          <Value
            name="funding-rate-8h"
            field={f(() => rate8hField(s!))}
            cls={stretch ? `stretch-${stretch}` : ''}
            explain={stretch ? STRETCH_WORDS[stretch] : undefined}
          />
          {(stretch === 'stretched' || stretch === 'extreme') && <span class="sr-only"> ({stretch})</span>}
        </td>
        <td>
          <Value name="funding-apr" field={f(() => aprField(s!))} explain="the rate over a year, without compounding" />
        </td>
        <td>
          <Value name="oi-change" field={f(() => changeField(s!.oiChange[window]))} explain="open interest in base units; * = since watching started" />
        </td>
        <td class="regime">
          <Value
            name="regime"
            field={regimeKnown ? known(regimeKnown.regime, REGIME_SHORT[regimeKnown.regime]) : unknown(regimeWhy)}
            explain={regimeKnown ? `${regimeKnown.label}: ${regimeKnown.meaning}` : undefined}
          />
        </td>
        <td>
          <Value
            name="crowded-side"
            field={f(() => known(crowded!, crowded!))}
            cls={crowded === 'none' ? 'muted' : ''}
            explain="the side that pays stretched funding, from the funding rate per 8 h alone"
          />
        </td>
      </tr>
      <tr class="details" id={detailsId(item)} hidden={!open}>
        <td colSpan={WATCH_COLUMNS}>
          <WatchDetails
            item={item}
            state={st}
            snapshot={s}
            why={why}
            window={window}
            now={now}
            stale={dataState === 'stale' ? (ageMs ?? 0) : null}
            onRemove={onRemove}
          />
        </td>
      </tr>
    </tbody>
  );
}
