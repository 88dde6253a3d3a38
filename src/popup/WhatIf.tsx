import { useState } from 'preact/hooks';
import { whatIf, type RegimeThresholds, type RegimeWindow, type WhatIfResult } from '../core';
import { typedNumber } from '../core/typed-number';
import { formatMoney, formatPercent, formatPrice } from '../ui/format';
import type { MarketState } from '../ui/market-state';
import { VENUE_NAMES } from '../venues/names';
import type { PageMatch, VenueId } from '../venues/types';
import { MarketPicker } from './instruments';
import { marketRegime } from './market-figures';
import { marketKey, useMarkets } from './use-markets';

interface Props {
  items: readonly PageMatch[];
  states: Map<string, MarketState>;
  /** The regime window chosen in the popup's header (opens with the options' default window). */
  window: RegimeWindow;
  /** The regime thresholds from the options. */
  thresholds: RegimeThresholds;
  /** Venues switched on in the options: any of their markets can be tried, not only watched ones. */
  venues: readonly VenueId[];
  /** How often a market picked outside the watchlist is refreshed. */
  refreshMs: number;
}

/** The market menu's entry for a venue and symbol typed in, outside the watchlist. */
export const OTHER_MARKET = 'other';

// The trader's own number format: a decimal comma is taken ("0,5"), in the browser's locale.
const num = (s: string) => typedNumber(s, navigator.language);

/** "What if I open this position": the venue's tiers and conventions, the same core math as the panel. */
export function WhatIf({ items, states, window, thresholds, venues, refreshMs }: Props) {
  const [chosen, setKey] = useState('');
  // The chosen market, or the first watched one (also when the watchlist arrives or changes later);
  // with nothing watched, a market typed in.
  const first = items[0];
  const key = chosen === OTHER_MARKET || items.some((i) => marketKey(i) === chosen) ? chosen : first ? marketKey(first) : OTHER_MARKET;
  const [other, setOther] = useState<PageMatch | null>(null);
  const otherKey = key === OTHER_MARKET && other ? marketKey(other) : null;
  // A typed-in market that is also watched uses the watchlist's snapshot; only one outside it is fetched here.
  const otherWatched = otherKey !== null && items.some((i) => marketKey(i) === otherKey);
  const otherStates = useMarkets(other && otherKey && !otherWatched ? [other] : [], refreshMs);
  const [side, setSide] = useState<'long' | 'short'>('long');
  const [size, setSize] = useState('0.5');
  const [entry, setEntry] = useState('');
  const [mode, setMode] = useState<'leverage' | 'margin'>('leverage');
  const [amount, setAmount] = useState('20');
  const st = key === OTHER_MARKET ? (otherKey ? (otherWatched ? states : otherStates).get(otherKey) : undefined) : states.get(key);
  const s = st?.status === 'ready' ? st.snapshot : null;

  let result: WhatIfResult | null = null;
  let error = '';
  if (key === OTHER_MARKET && !otherKey) error = 'Pick a venue and one of its symbols.';
  else if (!s) error = st?.status === 'failed' ? st.error.message : 'Loading market data…';
  else if (!s.tiers?.tiers.length) error = 'No margin tiers for this market yet.';
  else {
    try {
      const q = s.quote;
      result = whatIf({
        side,
        size: num(size) ?? Number.NaN,
        entryPrice: num(entry) ?? q.markPrice,
        markPrice: q.markPrice,
        ...(mode === 'leverage' ? { leverage: num(amount) ?? Number.NaN } : { margin: num(amount) ?? Number.NaN }),
        tiers: s.tiers.tiers,
        valuation: s.liquidation.valuation,
        feeRate: s.liquidation.feeRate,
        fundingRate: q.fundingRate,
        fundingIntervalHours: s.fundingIntervalHours,
        fundingPrice: q.fundingPriceBasis === 'index' && q.indexPrice !== null ? q.indexPrice : q.markPrice,
      });
    } catch (err) {
      error = err instanceof Error ? err.message : 'cannot compute';
    }
  }
  const regime = s ? marketRegime(s, window, thresholds) : null;

  return (
    <section aria-label="What if" class="whatif">
      {!first && <p class="status">Your watchlist is empty: pick a venue and symbol here, or add markets on the Watchlist tab.</p>}
      <form onSubmit={(e) => e.preventDefault()}>
        <label>
          Market
          <select name="market" value={key} onChange={(e) => setKey((e.target as HTMLSelectElement).value)}>
            {items.map((i) => (
              <option key={marketKey(i)} value={marketKey(i)}>
                {i.symbol} · {VENUE_NAMES[i.venue]}
              </option>
            ))}
            <option value={OTHER_MARKET}>Other venue and symbol…</option>
          </select>
        </label>
        {key === OTHER_MARKET && (
          <fieldset class="pick">
            <legend>Venue and symbol</legend>
            <MarketPicker venues={venues} action="Use" onPick={setOther} />
          </fieldset>
        )}
        <fieldset class="inline">
          <legend>Side</legend>
          {(['long', 'short'] as const).map((v) => (
            <label key={v}>
              <input type="radio" name="side" value={v} checked={side === v} onChange={() => setSide(v)} /> {v}
            </label>
          ))}
        </fieldset>
        <label>
          Size (base units)
          <input name="size" inputMode="decimal" value={size} onInput={(e) => setSize((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          Entry price
          <input name="entry" inputMode="decimal" value={entry} placeholder={s ? `mark ${formatPrice(s.quote.markPrice)}` : 'mark'} onInput={(e) => setEntry((e.target as HTMLInputElement).value)} />
        </label>
        <fieldset class="inline">
          <legend>Margin from</legend>
          <label>
            <input type="radio" name="mode" checked={mode === 'leverage'} onChange={() => setMode('leverage')} /> leverage
          </label>
          <label>
            <input type="radio" name="mode" checked={mode === 'margin'} onChange={() => setMode('margin')} /> margin (quote)
          </label>
        </fieldset>
        <label>
          {mode === 'leverage' ? 'Leverage (×)' : 'Margin'}
          <input name="amount" inputMode="decimal" value={amount} onInput={(e) => setAmount((e.target as HTMLInputElement).value)} />
        </label>
      </form>
      <output class="whatif-result" data-perplens-whatif="" aria-live="polite">
        {error ? (
          <p class="status error">{error}</p>
        ) : result ? (
          <>
          {result.warning && (
            <p class="status error" role="alert" data-whatif-warning="">
              {result.warning}
            </p>
          )}
          <dl>
            <dt>Liquidation price</dt>
            <dd data-field="liq-price" data-value={result.liqPrice === null ? 'none' : String(result.liqPrice)}>
              {result.liqPrice === null ? 'none (margin covers the position)' : formatPrice(result.liqPrice)}
            </dd>
            <dt>Distance from mark</dt>
            <dd data-field="liq-distance" data-value={result.distance === null ? '' : String(result.distance)}>
              {result.distance === null ? '—' : formatPercent(result.distance, 2)}
            </dd>
            <dt>Margin</dt>
            <dd data-field="margin" data-value={String(result.margin)}>{formatMoney(result.margin)}</dd>
            <dt>{result.perDay >= 0 ? 'You would pay / day' : 'You would receive / day'}</dt>
            <dd data-field="funding-per-day" data-value={String(result.perDay)}>{formatMoney(Math.abs(result.perDay))}</dd>
            <dt>Share of margin / day</dt>
            <dd data-field="funding-margin-share-per-day" data-value={result.marginSharePerDay === null ? '' : String(result.marginSharePerDay)}>
              {result.marginSharePerDay === null ? '—' : formatPercent(result.marginSharePerDay, 3, true)}
            </dd>
            <dt>Regime ({window})</dt>
            <dd data-field="regime" data-value={regime && 'regime' in regime ? regime.regime : ''} data-window={window} title={regime && 'unknown' in regime ? regime.unknown : undefined}>
              {regime && 'regime' in regime ? regime.label : (regime?.unknown ?? '—')}
            </dd>
          </dl>
          </>
        ) : null}
      </output>
      {s?.tiers?.fallback && <p class="status caution-text">Tiers from PerpLens's bundled table: the venue's own list was unavailable.</p>}
    </section>
  );
}
