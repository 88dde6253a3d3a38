import * as v from 'valibot';
import { SYMBOL_PATTERN } from '../protocol/patterns';
import { VENUE_IDS, type VenueId } from '../venues/registry';
import type { Position } from '../venues/position-types';
import { extensionLocalStorage, type SettingsStorage } from './storage-area';

// Positions a trader tracks by hand on a page PerpLens cannot read: typed in the overview (What if's
// "Track by hand"), kept on this machine per venue and market until removed, and shown on that
// venue's panel as cards worked out from live market data, marked as entered by hand.

export interface HandPosition {
  venue: VenueId;
  symbol: string;
  side: 'long' | 'short';
  /** Base units. */
  size: number;
  entry: number;
  /** At most one of the two says how much margin backs it (isolated); neither only with `liq`. */
  leverage: number | null;
  margin: number | null;
  /** The liquidation price as the venue shows it, when the trader typed it: the card's liquidation price, PerpLens's own the check. */
  liq: number | null;
  addedAt: number;
}

export const HAND_KEY = 'perplens.hand';
/** More than a trader types by hand; a cap keeps a corrupt or hostile store small. */
export const MAX_HAND_POSITIONS = 50;

const positive = v.pipe(v.number(), v.finite(), v.gtValue(0));
const HandPositionSchema = v.pipe(
  v.strictObject({
    venue: v.picklist(VENUE_IDS),
    symbol: v.pipe(v.string(), v.regex(SYMBOL_PATTERN)),
    side: v.picklist(['long', 'short']),
    size: positive,
    entry: positive,
    leverage: v.nullable(v.pipe(positive, v.maxValue(500))),
    margin: v.nullable(positive),
    // Entries stored before the field existed have none.
    liq: v.optional(v.nullable(positive), null),
    addedAt: v.pipe(v.number(), v.integer(), v.minValue(0)),
  }),
  v.check(
    (h) => (h.leverage === null ? h.margin !== null || h.liq !== null : h.margin === null),
    'give either the leverage or the margin, or the liquidation price',
  ),
  // A long is liquidated below its entry, a short above: the other side is a typo, not a position.
  v.check((h) => h.liq === null || (h.side === 'long' ? h.liq < h.entry : h.liq > h.entry), 'the liquidation price is on the wrong side of the entry'),
);

/** One position as typed, checked; null when it is not a whole, sane position. */
export function checkHandPosition(x: unknown): HandPosition | null {
  const r = v.safeParse(HandPositionSchema, x);
  return r.success ? r.output : null;
}

export const handKey = (h: Pick<HandPosition, 'venue' | 'symbol' | 'side'>) => `${h.venue}:${h.symbol}:${h.side}`;

/** The stored list; entries that fail the check are dropped, never the whole list. Never rejects. */
export async function loadHandPositions(storage: SettingsStorage = extensionLocalStorage()): Promise<HandPosition[]> {
  try {
    const raw = (await storage.get([HAND_KEY]))[HAND_KEY];
    if (!Array.isArray(raw)) return [];
    return raw
      .slice(0, MAX_HAND_POSITIONS)
      .map(checkHandPosition)
      .filter((h): h is HandPosition => h !== null);
  } catch {
    return [];
  }
}

/** Adds `h`, replacing a position typed before for the same venue, market and side. */
export async function addHandPosition(h: HandPosition, storage: SettingsStorage = extensionLocalStorage()): Promise<void> {
  const checked = checkHandPosition(h);
  if (!checked) throw new Error('not a whole position: side, size, entry and either leverage or margin (or the liquidation price)');
  const list = (await loadHandPositions(storage)).filter((x) => handKey(x) !== handKey(checked));
  if (list.length >= MAX_HAND_POSITIONS) throw new Error(`at most ${MAX_HAND_POSITIONS} positions can be tracked by hand`);
  await storage.set({ [HAND_KEY]: [...list, checked] });
}

export async function removeHandPosition(key: string, storage: SettingsStorage = extensionLocalStorage()): Promise<void> {
  const list = await loadHandPositions(storage);
  await storage.set({ [HAND_KEY]: list.filter((x) => handKey(x) !== key) });
}

export function onHandPositionsChanged(cb: (list: HandPosition[]) => void, storage: SettingsStorage = extensionLocalStorage()): () => void {
  return storage.watch((keys) => {
    if (keys.includes(HAND_KEY)) void loadHandPositions(storage).then(cb);
  });
}

/**
 * The position the panel works from: isolated, its margin from the leverage or as typed; the
 * liquidation price as typed from the venue (PerpLens's own is then the check), else computed.
 */
export function handToPosition(h: HandPosition): Position {
  const notional = h.size * h.entry;
  const margin = h.margin ?? (h.leverage === null ? null : notional / h.leverage);
  const liq = h.liq ?? null;
  return {
    venue: h.venue,
    symbol: h.symbol,
    side: h.side,
    size: h.size,
    entryPrice: h.entry,
    markPrice: null,
    liqPrice: liq,
    ...(liq === null
      ? { liqNotServed: 'entered by hand: PerpLens computes it from the entry, the size, the margin and the venue’s tiers' }
      : { liqSource: 'page' as const }),
    margin,
    walletMargin: margin,
    marginMode: 'isolated',
    leverage: h.leverage ?? (margin === null ? null : notional / margin),
    unrealizedPnl: null,
    source: 'hand',
  };
}
