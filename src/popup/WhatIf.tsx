import { useEffect, useState } from 'preact/hooks';
import { whatIf, type BandRules, type RegimeThresholds, type RegimeWindow, type WhatIfResult } from '../core';
import { typedNumber } from '../core/typed-number';
import { formatPrice } from '../ui/format';
import type { MarketState } from '../ui/market-state';
import { VENUE_NAMES } from '../venues/names';
import type { Position } from '../venues/position-types';
import type { PageMatch, VenueId } from '../venues/types';
import { MarketPicker } from './instruments';
import { quoteOf } from './market-figures';
import type { TargetBand } from './margin-to-band';
import { prefillFrom } from './position-prefill';
import { positionKey } from './use-known-positions';
import { marketKey, useMarkets } from './use-markets';
import { WhatIfAnswer } from './WhatIfAnswer';
import { HandTrackedList, TrackByHand, useHandPositions } from './HandTracked';
import { checkHandPosition } from '../settings/hand-positions';

interface Props {
  items: readonly PageMatch[];
  states: Map<string, MarketState>;
  /** The regime window chosen in the popup's header (opens with the options' default window). */
  window: RegimeWindow;
  /** The regime thresholds from the options. */
  thresholds: RegimeThresholds;
  /** The trader's bands from the options, for "how much margin to get back to…". */
  bands: BandRules;
  /** Venues switched on in the options: any of their markets can be tried, not only watched ones. */
  venues: readonly VenueId[];
  /** How often a market picked outside the watchlist is refreshed. */
  refreshMs: number;
  /** The open positions the popup knows, and their markets' snapshots. */
  positions: readonly Position[];
  positionStates: Map<string, MarketState>;
  /** The position the form was last filled from (its positionKey), '' for none. */
  from: string;
  onFrom: (key: string) => void;
}

/** The market menu's entry for a venue and symbol typed in, outside the watchlist. */
export const OTHER_MARKET = 'other';

// The trader's own number format: a decimal comma is taken ("0,5"), in the browser's locale.
const num = (s: string) => typedNumber(s, navigator.language);

/** Watched markets first, then those of open positions not watched: each once. */
function marketChoices(items: readonly PageMatch[], positions: readonly Position[]): PageMatch[] {
  const out = [...items];
  for (const p of positions) if (!out.some((m) => marketKey(m) === marketKey(p))) out.push({ venue: p.venue, symbol: p.symbol });
  return out;
}

/**
 * "What if I open this position", or "what if I change the one I hold": the venue's tiers and
 * conventions, the same core math as the panel, and the margin that gets it back to a band.
 */
export function WhatIf({ items, states, window, thresholds, bands, venues, refreshMs, positions, positionStates, from, onFrom }: Props) {
  const choices = marketChoices(items, positions);
  const [chosen, setKey] = useState('');
  // The chosen market, or the first one offered (also when the watchlist arrives or changes later);
  // with nothing offered, a market typed in.
  const first = choices[0];
  const key = chosen === OTHER_MARKET || choices.some((i) => marketKey(i) === chosen) ? chosen : first ? marketKey(first) : OTHER_MARKET;
  const [other, setOther] = useState<PageMatch | null>(null);
  const otherKey = key === OTHER_MARKET && other ? marketKey(other) : null;
  // A typed-in market that is watched, or an open position's, uses the snapshot their lists already
  // fetch; only one outside both is fetched here.
  const known = (k: string) => states.get(k) ?? positionStates.get(k);
  const otherOffered = otherKey !== null && choices.some((m) => marketKey(m) === otherKey);
  const otherStates = useMarkets(other && otherKey && !otherOffered ? [other] : [], refreshMs);
  const [side, setSide] = useState<'long' | 'short'>('long');
  const [size, setSize] = useState('0.5');
  const [entry, setEntry] = useState('');
  const [mode, setMode] = useState<'leverage' | 'margin'>('leverage');
  const [amount, setAmount] = useState('20');
  const [target, setTarget] = useState<TargetBand>('calm');
  const [note, setNote] = useState('');
  const picked = positions.find((p) => positionKey(p) === from) ?? null;

  // Filled when a position is picked (here or from its card), and once more when the list that
  // holds it arrives after the pick; the trader's edits after that are kept.
  useEffect(() => {
    if (!picked) return;
    const fill = prefillFrom(picked);
    setKey(marketKey(picked));
    setSide(fill.side);
    setSize(fill.size);
    setEntry(fill.entry);
    if (fill.margin) {
      setMode(fill.margin.mode);
      setAmount(fill.margin.amount);
    }
    setNote(fill.note);
  }, [from, picked !== null]);

  const handList = useHandPositions();

  const st = key === OTHER_MARKET ? (otherKey ? (otherOffered ? known(otherKey) : otherStates.get(otherKey)) : undefined) : known(key);
  const s = st?.status === 'ready' ? st.snapshot : null;
  const market = key === OTHER_MARKET ? other : (choices.find((m) => marketKey(m) === key) ?? null);
  const quote = market ? quoteOf(market, s) : null;

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

  // The form as a position to track by hand: a whole one only (the market known, every figure typed).
  const typedAmount = num(amount);
  const tracked =
    market && result
      ? checkHandPosition({
          venue: market.venue,
          symbol: market.symbol,
          side,
          size: num(size),
          entry: num(entry) ?? s?.quote.markPrice,
          leverage: mode === 'leverage' ? typedAmount : null,
          margin: mode === 'margin' ? typedAmount : null,
          addedAt: 0,
        })
      : null;

  return (
    <section aria-label="What if" class="whatif">
      {!first && <p class="status">Your watchlist is empty: pick a venue and symbol here, or add markets on the Watchlist tab.</p>}
      <form onSubmit={(e) => e.preventDefault()}>
        {positions.length > 0 && (
          <label class="wide">
            From an open position
            <select name="position" value={picked ? from : ''} onChange={(e) => onFrom((e.target as HTMLSelectElement).value)}>
              <option value="">— none: type a position —</option>
              {positions.map((p) => (
                <option key={positionKey(p)} value={positionKey(p)}>
                  {p.side === 'long' ? 'Long' : 'Short'} {p.symbol} · {VENUE_NAMES[p.venue]}
                </option>
              ))}
            </select>
          </label>
        )}
        {picked && note && <p class="status caution-text wide">{note}</p>}
        <label class="wide">
          Market
          <select name="market" value={key} onChange={(e) => setKey((e.target as HTMLSelectElement).value)}>
            {choices.map((i) => (
              <option key={marketKey(i)} value={marketKey(i)}>
                {i.symbol} · {VENUE_NAMES[i.venue]}
              </option>
            ))}
            <option value={OTHER_MARKET}>Other venue and symbol…</option>
          </select>
        </label>
        {key === OTHER_MARKET && (
          <fieldset class="pick wide">
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
        <fieldset class="inline">
          <legend>Margin from</legend>
          <label>
            <input type="radio" name="mode" value="leverage" checked={mode === 'leverage'} onChange={() => setMode('leverage')} /> leverage
          </label>
          <label>
            <input type="radio" name="mode" value="margin" checked={mode === 'margin'} onChange={() => setMode('margin')} /> margin ({quote ?? 'quote'})
          </label>
        </fieldset>
        <label>
          Size (base units)
          <input name="size" inputMode="decimal" value={size} onInput={(e) => setSize((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          Entry price
          <input
            name="entry"
            inputMode="decimal"
            value={entry}
            placeholder={s ? `mark ${formatPrice(s.quote.markPrice)}` : 'mark'}
            onInput={(e) => setEntry((e.target as HTMLInputElement).value)}
          />
        </label>
        <label>
          {mode === 'leverage' ? 'Leverage (×)' : `Margin (${quote ?? 'quote currency'})`}
          <input name="amount" inputMode="decimal" value={amount} onInput={(e) => setAmount((e.target as HTMLInputElement).value)} />
        </label>
        <fieldset class="inline">
          <legend>Get back to</legend>
          {(['caution', 'calm'] as const).map((b) => (
            <label key={b}>
              <input type="radio" name="target" value={b} checked={target === b} onChange={() => setTarget(b)} /> {b}
            </label>
          ))}
        </fieldset>
      </form>
      <output class="whatif-result" data-perplens-whatif="" aria-live="polite">
        {error ? (
          <p class="status error">{error}</p>
        ) : result && s ? (
          <WhatIfAnswer
            result={result}
            snapshot={s}
            side={side}
            size={num(size) ?? Number.NaN}
            quote={quote}
            window={window}
            thresholds={thresholds}
            bands={bands}
            target={target}
          />
        ) : null}
      </output>
      {s?.tiers?.fallback && <p class="status caution-text">Tiers from PerpLens's bundled table: the venue's own list was unavailable.</p>}
      <TrackByHand position={tracked} />
      <HandTrackedList list={handList} />
    </section>
  );
}
