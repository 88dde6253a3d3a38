import { useEffect, useState } from 'preact/hooks';
import { requestInstruments } from '../messages-client';
import { VENUE_NAMES } from '../venues/names';
import type { PageMatch, VenueId } from '../venues/types';

interface Props {
  onAdd: (m: PageMatch) => void;
  existing: readonly PageMatch[];
  /** The venues switched on in the options: a market on any other venue would be hidden at once. */
  venues: readonly VenueId[];
}

/** Adds a market to the watchlist; the symbol must be one the venue lists (autocomplete from its instruments). */
export function AddMarket({ onAdd, existing, venues }: Props) {
  const [chosen, setChosen] = useState<VenueId | null>(null);
  // The chosen venue, or the first enabled one when nothing (or a venue since disabled) is chosen.
  const venue = chosen !== null && venues.includes(chosen) ? chosen : (venues[0] ?? null);
  const [symbol, setSymbol] = useState('');
  const [symbols, setSymbols] = useState<string[] | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    // A message about the previous venue (its failed instrument list, an unknown symbol) no longer applies.
    setError('');
    setSymbols(null);
    if (venue === null) return;
    let alive = true;
    void requestInstruments(venue).then((r) => {
      if (!alive) return;
      if (r.ok) setSymbols(r.instruments.map((i) => i.symbol));
      else setError(`Cannot load ${VENUE_NAMES[venue]}'s markets: ${r.error.message}`);
    });
    return () => {
      alive = false;
    };
  }, [venue]);
  if (venue === null) return <p class="status add">Every venue is switched off in the options: switch one on to add markets.</p>;
  const submit = (e: Event) => {
    e.preventDefault();
    const s = symbol.trim();
    if (!symbols) return setError('Still loading the venue’s markets…');
    const exact = symbols.find((x) => x === s) ?? symbols.find((x) => x.toUpperCase() === s.toUpperCase());
    if (!exact) return setError(`${s || 'That'} is not a perpetual listed on ${VENUE_NAMES[venue]}.`);
    if (existing.some((m) => m.venue === venue && m.symbol === exact)) return setError('Already in the watchlist.');
    setError('');
    setSymbol('');
    onAdd({ venue, symbol: exact });
  };
  const listId = `perplens-symbols-${venue}`;
  return (
    <form class="add" onSubmit={submit} aria-label="Add a market">
      <select aria-label="Venue" value={venue} onChange={(e) => setChosen(venues.find((v) => v === (e.target as HTMLSelectElement).value) ?? null)}>
        {venues.map((v) => (
          <option key={v} value={v}>
            {VENUE_NAMES[v]}
          </option>
        ))}
      </select>
      <input aria-label="Symbol" list={listId} value={symbol} placeholder="symbol" aria-invalid={error ? true : undefined} onInput={(e) => setSymbol((e.target as HTMLInputElement).value)} />
      <datalist id={listId}>{(symbols ?? []).slice(0, 500).map((s) => <option key={s} value={s} />)}</datalist>
      <button type="submit">Add</button>
      {error && <p class="status error" role="alert">{error}</p>}
    </form>
  );
}
