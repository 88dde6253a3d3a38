import { toRate8h } from '../../core';
import type { Window } from '../../venues/market-types';
import type { VenueId } from '../../venues/types';
import type { MarketSnapshot } from '../../venues/snapshot-types';
import { known, unknown, type FieldValue } from '../field-value';
import { formatCountdown, formatPercent, formatPrice } from '../format';
import { contractState, type MarketState } from '../market-state';
import { h, type TreeElement } from '../../protocol/tree';
import { field, fieldValue } from './field';
import { figureNote, intervalNote, partNote } from './part-note';
import { premiumField, PREMIUM_EXPLAIN } from '../premium-field';
import { marketZoneExplain, marketZoneField, readyZones } from '../zone-fields';
import { zoneLadder } from '../zone-ladder';
import { FLOW_FIELDS, flowField } from '../flow-fields';
import { crowdingExplain, shareField, takerField, type CrowdingName } from '../crowding-fields';

interface Props {
  venue: VenueId;
  symbol: string;
  state: MarketState;
  now: number;
  staleAfterMs: number;
  window: Window;
  /** The page's mark for this market, when the page shows one: it is the mark every figure uses. */
  pageMark: number | null;
  /** Every figure shown (no position on the page); else one line and the rest folded. */
  full: boolean;
}

function why(state: MarketState): string {
  if (state.status === 'loading') return 'Loading market data…';
  if (state.status === 'failed') return state.error.message;
  return '';
}

/** The accounts' long shares and the taker-buy share, each with why it is missing. */
function crowdingRows(s: MarketSnapshot | null, window: Window, reason: string, now: number): TreeElement[] {
  const share = (name: CrowdingName, label: string, which: 'accounts' | 'topPositions') => {
    const { field: f, data } = shareField(s, which, reason);
    return field(name, label, f, { explain: `${crowdingExplain(s, name, window, now)}; ${partNote(s, 'crowding', now)}`, ...(data ? { data } : {}) });
  };
  return [
    share('long-share-accounts', 'Accounts long', 'accounts'),
    share('long-share-top-positions', 'Top traders long', 'topPositions'),
    field('taker-buy-share', `Taker buys ${window}`, takerField(s, window, reason), { explain: crowdingExplain(s, 'taker-buy-share', window, now) }),
  ];
}

/** The market's modelled clusters as a ladder around the mark, when the model has run. */
function ladderOf(s: MarketSnapshot | null): TreeElement | null {
  const z = readyZones(s, '');
  return 'status' in z ? zoneLadder(z, {}, s?.quoteCurrency ?? null) : null;
}

/** One market: the `[data-perplens-market]` contract, at the top of the panel. */
export function marketBlock({ venue, symbol, state, now, staleAfterMs, window, pageMark, full }: Props): TreeElement {
  const { state: dataState, ageMs } = contractState(state, now, staleAfterMs);
  const s = state.status === 'ready' ? state.snapshot : null;
  const reason = why(state);
  const q = s?.quote;
  const mark: FieldValue = pageMark !== null ? known(pageMark, formatPrice(pageMark)) : q ? known(q.markPrice, formatPrice(q.markPrice)) : unknown(reason);
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
    !c
      ? unknown(reason)
      : c.change === null
        ? unknown(c.reason)
        : known(c.change, `${formatPercent(c.change, 2, true)}${c.basis === 'since-watching' ? ' (since watching)' : ''}`);
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
    h(
      'div',
      { class: 'mline' },
      'Mark ',
      fieldValue('mark-price', mark, {
        explain:
          pageMark !== null
            ? "the page's mark price, which every figure uses"
            : `the venue's mark price (the page shows none); ${figureNote(s, 'markPrice', now)}`,
      }),
      ' · funding ',
      fieldValue('funding-rate-8h', rate8h, {
        explain: 'the funding rate scaled to 8 hours; positive: longs pay shorts',
        text: 'text' in rate8h ? `${rate8h.text}/8h` : undefined,
      }),
    ),
    h(
      'div',
      { class: 'details', hidden: !full },
      field('funding-rate', 'Funding / interval', rate, {
        explain: `current (predicted) rate; positive: longs pay shorts; ${figureNote(s, 'fundingRate', now)}`,
      }),
      field('funding-interval-hours', 'Interval', interval, { explain: s ? `hours between payments, ${intervalNote(s)}` : partNote(s, 'quote', now) }),
      field('next-funding', 'Next funding in', next, { explain: figureNote(s, 'nextFundingTime', now) }),
      field('price-change', `Price ${window}`, change(s?.priceChange[window]), {
        explain: `the mark now against the hourly close ${window} ago; ${partNote(s, 'candles', now)}`,
      }),
      field('oi-change', `Open interest ${window}`, change(s?.oiChange[window]), {
        explain: `open interest now against ${window} ago, counted in coins; ${partNote(s, 'oi', now)}`,
      }),
      field('premium', 'Premium to index', premiumField(s, reason), { explain: `${PREMIUM_EXPLAIN}; ${partNote(s, 'quote', now)}` }),
      field('zone-long-nearest', 'Long cluster (model)', marketZoneField(s, 'long', reason), {
        explain: `${marketZoneExplain(s, 'long', s?.quoteCurrency ?? null, now)}; ${partNote(s, 'zones', now)}`,
      }),
      field('zone-short-nearest', 'Short cluster (model)', marketZoneField(s, 'short', reason), {
        explain: `${marketZoneExplain(s, 'short', s?.quoteCurrency ?? null, now)}; ${partNote(s, 'zones', now)}`,
      }),
      ...crowdingRows(s, window, reason, now),
      ...FLOW_FIELDS.map((f) => {
        const x = flowField(s, f, reason);
        return field(f.name, f.label, x.field, { explain: x.explain, ...(x.data ? { data: x.data } : {}) });
      }),
      full && ladderOf(s),
    ),
    state.status === 'loading' && full && h('p', { class: 'status' }, 'Loading market data…'),
  );
}
