import { useEffect, useState } from 'preact/hooks';
import { formatNumber, formatPrice } from '../ui/format';
import { VENUE_NAMES } from '../venues/names';
import { addHandPosition, handKey, loadHandPositions, onHandPositionsChanged, removeHandPosition, type HandPosition } from '../settings/hand-positions';

/** The positions tracked by hand, kept current when they change here or in another window. */
export function useHandPositions(): HandPosition[] {
  const [list, setList] = useState<HandPosition[]>([]);
  useEffect(() => {
    void loadHandPositions().then(setList);
    try {
      return onHandPositionsChanged(setList);
    } catch {
      // No extension storage here (the popup's components rendered on a plain page): nothing to watch.
      return undefined;
    }
  }, []);
  return list;
}

/**
 * What if's position, tracked on the venue's panel: for a page PerpLens cannot read, the trader types
 * the position once and its card works from live market data until removed.
 */
export function TrackByHand({ position }: { position: Omit<HandPosition, 'addedAt'> | null }) {
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);
  const track = () => {
    if (!position) return;
    addHandPosition({ ...position, addedAt: Date.now() }).then(
      () => setSaid({ ok: true, text: `Tracked: its card shows on ${VENUE_NAMES[position.venue]}'s panel, marked "by hand".` }),
      (e: unknown) => setSaid({ ok: false, text: e instanceof Error ? e.message : String(e) }),
    );
  };
  return (
    <div class="track-hand">
      <button
        type="button"
        data-action="track-hand"
        disabled={!position}
        onClick={track}
        title="For a page PerpLens cannot read: show this position on the venue's panel"
      >
        Track by hand
      </button>
      {said && (
        <span role="status" class={said.ok ? 'status' : 'status error'}>
          {said.text}
        </span>
      )}
    </div>
  );
}

/** The list of positions tracked by hand, each with its Remove button. */
export function HandTrackedList({ list }: { list: readonly HandPosition[] }) {
  if (list.length === 0) return null;
  return (
    <section class="hand-list" aria-label="Tracked by hand">
      <h3>Tracked by hand</h3>
      <ul>
        {list.map((h) => (
          <li key={handKey(h)} data-hand={handKey(h)}>
            <span>
              {h.side === 'long' ? 'Long' : 'Short'} {formatNumber(h.size, 4)} {h.symbol} · {VENUE_NAMES[h.venue]} @ {formatPrice(h.entry)},{' '}
              {h.leverage !== null ? `${formatNumber(h.leverage, 1)}×` : `margin ${formatNumber(h.margin ?? 0, 2)}`}
            </span>
            <button
              type="button"
              aria-label={`Stop tracking ${h.symbol} ${h.side} on ${VENUE_NAMES[h.venue]}`}
              onClick={() => void removeHandPosition(handKey(h))}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
