import type { PageMatch, VenueId } from '../venues/types';
import { MarketPicker } from './instruments';

interface Props {
  onAdd: (m: PageMatch) => void;
  existing: readonly PageMatch[];
  /** The venues switched on in the options: a market on any other venue would be hidden at once. */
  venues: readonly VenueId[];
}

/** Adds a market to the watchlist; the symbol must be one the venue lists (autocomplete from its instruments). */
export function AddMarket({ onAdd, existing, venues }: Props) {
  return (
    <form class="add" onSubmit={(e) => e.preventDefault()} aria-label="Add a market">
      <MarketPicker
        venues={venues}
        action="Add"
        clearOnPick
        refuse={(m) => (existing.some((x) => x.venue === m.venue && x.symbol === m.symbol) ? 'Already in the watchlist.' : null)}
        onPick={onAdd}
      />
    </form>
  );
}
