import { useEffect, useRef, useState } from 'preact/hooks';
import { BOUNDS, type WatchItem } from '../settings/schema';
import { isVenueId, VENUE_IDS, VENUE_NAMES, VENUE_RECORDS, venueRecord, type VenueId } from '../venues/registry';
import { newWatchItemError } from './draft';
import { Section, type SectionProps } from './fields';

export function WatchlistSection({ draft, update }: SectionProps) {
  const [venue, setVenue] = useState<VenueId>(VENUE_RECORDS[0].id);
  const [symbol, setSymbol] = useState('');
  const [addError, setAddError] = useState<string | null>(null);
  // After a removal the button that had focus is gone; focus moves to the row that took its place
  // (or to the symbol box when the list is empty) so a keyboard user is not dropped to the page top.
  const [focusRow, setFocusRow] = useState<number | null>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const symbolRef = useRef<HTMLInputElement>(null);
  const list = draft.watchlist;

  useEffect(() => {
    if (focusRow === null) return;
    const buttons = listRef.current?.querySelectorAll<HTMLButtonElement>('button[data-remove]');
    const target = buttons?.[Math.min(focusRow, buttons.length - 1)];
    (target ?? symbolRef.current)?.focus();
    setFocusRow(null);
  }, [focusRow]);

  const add = () => {
    const item: WatchItem = { venue, symbol: symbol.trim() };
    const error = newWatchItemError(list, item);
    setAddError(error);
    if (error) {
      symbolRef.current?.focus();
      return;
    }
    update((d) => ({ ...d, watchlist: [...d.watchlist, item] }));
    setSymbol('');
  };

  const remove = (index: number) => {
    update((d) => ({ ...d, watchlist: d.watchlist.filter((_, i) => i !== index) }));
    setFocusRow(index);
  };

  return (
    <Section id="watchlist" title="Watchlist" intro={`Markets the popup checks, by each venue's own symbol. At most ${BOUNDS.watchlistMax}.`}>
      {list.length === 0 ? (
        <p class="hint">The watchlist is empty.</p>
      ) : (
        <ul class="watchlist" ref={listRef} aria-label={`Watched markets (${list.length})`}>
          {list.map((w, i) => (
            <li key={`${w.venue}:${w.symbol}`}>
              <span class="symbol">{w.symbol}</span>
              <span class="venue">{VENUE_NAMES[w.venue]}</span>
              <button type="button" data-remove aria-label={`Remove ${w.symbol} on ${VENUE_NAMES[w.venue]}`} onClick={() => remove(i)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <fieldset class="add-row">
        <legend>Add a market</legend>
        <div class="field">
          <label for="add-venue">Venue</label>
          <select
            id="add-venue"
            value={venue}
            onChange={(e) => {
              const next = e.currentTarget.value;
              if (isVenueId(next)) setVenue(next);
              setAddError(null);
            }}
          >
            {VENUE_IDS.map((id) => (
              <option key={id} value={id}>
                {VENUE_NAMES[id]}
              </option>
            ))}
          </select>
        </div>
        <div class={`field${addError ? ' invalid' : ''}`}>
          <label for="add-symbol">Symbol</label>
          <input
            id="add-symbol"
            ref={symbolRef}
            type="text"
            class="short"
            value={symbol}
            placeholder={venueRecord(venue).market.example}
            autoComplete="off"
            spellcheck={false}
            aria-invalid={addError ? 'true' : 'false'}
            aria-describedby={addError ? 'add-symbol-error' : undefined}
            onInput={(e) => {
              setSymbol(e.currentTarget.value);
              setAddError(null);
            }}
            onKeyDown={(e) => {
              // Enter would submit the whole settings form; here it means "add this market".
              if (e.key !== 'Enter') return;
              e.preventDefault();
              add();
            }}
          />
          {addError && (
            <p id="add-symbol-error" class="error">
              {addError}
            </p>
          )}
        </div>
        <button type="button" class="add" onClick={add}>
          Add
        </button>
      </fieldset>
    </Section>
  );
}
