import { useEffect, useState } from 'preact/hooks';
import { requestInstruments } from '../platform/messages-client';
import { VENUE_NAMES } from '../venues/names';
import type { PageMatch, VenueId } from '../venues/types';

/** A venue's perpetual symbols for autocomplete and validation, or why they could not be loaded. */
export function useInstruments(venue: VenueId | null): { symbols: string[] | null; loadError: string } {
  const [symbols, setSymbols] = useState<string[] | null>(null);
  const [loadError, setLoadError] = useState('');
  useEffect(() => {
    // What was loaded (or failed) for the previous venue no longer applies.
    setSymbols(null);
    setLoadError('');
    if (venue === null) return;
    let alive = true;
    void requestInstruments(venue).then((r) => {
      if (!alive) return;
      if (r.ok) setSymbols(r.instruments.map((i) => i.symbol));
      else setLoadError(`Cannot load ${VENUE_NAMES[venue]}'s markets: ${r.error.message}`);
    });
    return () => {
      alive = false;
    };
  }, [venue]);
  return { symbols, loadError };
}

/**
 * The venue's own spelling of a typed symbol (exact first, then ignoring case), or why it is not
 * one: still loading, or not listed.
 */
export function matchSymbol(venue: VenueId, symbols: readonly string[] | null, typed: string): { symbol: string } | { error: string } {
  const s = typed.trim();
  if (!symbols) return { error: 'Still loading the venue’s markets…' };
  const exact = symbols.find((x) => x === s) ?? symbols.find((x) => x.toUpperCase() === s.toUpperCase());
  return exact ? { symbol: exact } : { error: `${s || 'That'} is not a perpetual listed on ${VENUE_NAMES[venue]}.` };
}

/** The chosen venue, or the first enabled one when nothing (or a venue since switched off) is chosen. */
export const enabledVenue = (chosen: VenueId | null, venues: readonly VenueId[]): VenueId | null =>
  chosen !== null && venues.includes(chosen) ? chosen : (venues[0] ?? null);

interface PickerProps {
  venues: readonly VenueId[];
  onPick: (m: PageMatch) => void;
  /** Labels the button (e.g. "Add", "Use"). */
  action: string;
  /** Extra check on a valid market (e.g. already in the watchlist); returns a message to refuse it. */
  refuse?: (m: PageMatch) => string | null;
  /** Empty the symbol field after a pick (adding several markets) rather than keep it (showing the pick). */
  clearOnPick?: boolean;
}

/**
 * Venue menu (enabled venues only) and symbol field with autocomplete from the venue's instruments.
 * Not a form of its own, so it can sit inside another form; Enter in the symbol field picks.
 */
export function MarketPicker({ venues, onPick, action, refuse, clearOnPick = false }: PickerProps) {
  const [chosen, setChosen] = useState<VenueId | null>(null);
  const venue = enabledVenue(chosen, venues);
  const [symbol, setSymbol] = useState('');
  const [error, setError] = useState('');
  const { symbols, loadError } = useInstruments(venue);
  useEffect(() => setError(''), [venue]);
  if (venue === null) return <p class="status">Every venue is switched off in the options: switch one on to pick a market.</p>;
  const pick = () => {
    const m = matchSymbol(venue, symbols, symbol);
    if ('error' in m) return setError(m.error);
    const market = { venue, symbol: m.symbol };
    const refused = refuse?.(market);
    if (refused) return setError(refused);
    setError('');
    setSymbol(clearOnPick ? '' : m.symbol);
    onPick(market);
  };
  const shown = error || loadError;
  const listId = `perplens-symbols-${venue}`;
  return (
    <>
      <select
        aria-label="Venue"
        name="venue"
        value={venue}
        onChange={(e) => setChosen(venues.find((v) => v === (e.target as HTMLSelectElement).value) ?? null)}
      >
        {venues.map((v) => (
          <option key={v} value={v}>
            {VENUE_NAMES[v]}
          </option>
        ))}
      </select>
      <input
        aria-label="Symbol"
        name="symbol"
        list={listId}
        value={symbol}
        placeholder="symbol"
        aria-invalid={shown ? true : undefined}
        onInput={(e) => setSymbol((e.target as HTMLInputElement).value)}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          e.preventDefault();
          pick();
        }}
      />
      <datalist id={listId}>
        {(symbols ?? []).slice(0, 500).map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      <button type="button" onClick={pick}>
        {action}
      </button>
      {shown && (
        <p class="status error" role="alert">
          {shown}
        </p>
      )}
    </>
  );
}
