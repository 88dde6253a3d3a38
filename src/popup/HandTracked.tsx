import { useEffect, useState } from 'preact/hooks';
import { formatNumber, formatPrice } from '../ui/format';
import { VENUE_NAMES } from '../venues/names';
import { typedNumber } from '../core/typed-number';
import {
  addHandPosition,
  checkHandPosition,
  handKey,
  loadHandPositions,
  onHandPositionsChanged,
  removeHandPosition,
  type HandPosition,
} from '../settings/hand-positions';

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
 * the position once and its card works from live market data until removed. The venue's own
 * liquidation price, when typed too, is the card's; PerpLens's computation becomes its check.
 */
export function TrackByHand({ position }: { position: Omit<HandPosition, 'addedAt'> | null }) {
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);
  const [liqText, setLiqText] = useState('');
  // Empty: none typed (null); undefined: typed but not a number.
  const liq = liqText.trim() === '' ? null : typedNumber(liqText, navigator.language);
  const whole = position && liq !== undefined ? checkHandPosition({ ...position, liq, addedAt: 0 }) : null;
  const liqProblem =
    liq === undefined
      ? 'Type the liquidation price as a number, or leave it empty.'
      : liq !== null && position && !whole
        ? `A ${position.side}'s liquidation price is ${position.side === 'long' ? 'below' : 'above'} its entry.`
        : null;
  const track = () => {
    if (!whole) return;
    addHandPosition({ ...whole, addedAt: Date.now() }).then(
      () => setSaid({ ok: true, text: `Tracked: its card shows on ${VENUE_NAMES[whole.venue]}'s panel, marked "by hand".` }),
      (e: unknown) => setSaid({ ok: false, text: e instanceof Error ? e.message : String(e) }),
    );
  };
  return (
    <div class="track-hand">
      <label>
        Liq. price the venue shows (optional)
        <input name="hand-liq" inputMode="decimal" value={liqText} onInput={(e) => setLiqText((e.target as HTMLInputElement).value)} />
      </label>
      <button
        type="button"
        data-action="track-hand"
        disabled={!whole}
        onClick={track}
        title="For a page PerpLens cannot read: show this position on the venue's panel"
      >
        Track by hand
      </button>
      {liqProblem && (
        <span role="status" class="status error">
          {liqProblem}
        </span>
      )}
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
              {h.leverage !== null ? `${formatNumber(h.leverage, 1)}×` : h.margin !== null ? `margin ${formatNumber(h.margin, 2)}` : ''}
              {h.liq !== null ? `${h.leverage !== null || h.margin !== null ? ', ' : ''}liq. ${formatPrice(h.liq)}` : ''}
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
