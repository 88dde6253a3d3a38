import type { PositionView, RegimeView, ViewMarket, ViewSettings } from '../../core';
import type { Position } from '../../venues/position-types';
import type { MarketSnapshot, SnapshotPart } from '../../venues/snapshot-types';
import { known, unknown, type FieldValue } from '../field-value';
import { formatAge, formatPercent, formatQuote } from '../format';
import { partNote } from './part-note';
import { positionZoneRead, type PositionZoneRead } from '../zone-fields';

/** Everything a card's figures are worked out from, gathered once per card. */
export interface CardContext {
  p: Position;
  v: PositionView;
  snapshot: MarketSnapshot | null;
  inputs: ViewMarket | null;
  settings: ViewSettings;
  now: number;
  privacy: boolean;
  /** Why market figures are missing ("market data still loading", "no market data: …"). */
  noMarket: string;
  /** How old the market data is, for explanations. */
  age: string;
  money: (x: number) => string;
  /** The base asset the size is counted in, when known. */
  unit: string | null;
  /** Whether the position pays funding (true), receives it (false), or unknown (null). */
  pays: boolean | null;
  /** Which mark the distance is measured from, in words. */
  markFrom: string;
  liqSource: 'page' | 'api' | 'computed';
  regime: RegimeView | null;
  regimeUnknown: FieldValue;
  /** The trader's side is the crowded one. */
  onCrowded: boolean;
  stretched: boolean;
  distance: number | null;
  touch: number | null;
  note: (part: SnapshotPart) => string;
  /** The modelled liquidation zones as this position meets them, or why they are unknown. */
  zones: PositionZoneRead | { unknown: string };
  /** The settlement currency, for estimated notionals. */
  quote: string | null;
}

export function cardContext(
  p: Position,
  v: PositionView,
  o: {
    snapshot: MarketSnapshot | null;
    inputs: ViewMarket | null;
    settings: ViewSettings;
    now: number;
    privacy: boolean;
    noMarket: string;
    quote: string | null;
  },
): CardContext {
  const regime = 'regime' in v.regime ? v.regime : null;
  const mine = p.side === 'long' ? 'longs' : 'shorts';
  return {
    p,
    v,
    ...o,
    age: o.snapshot ? `market data ${formatAge(o.now - o.snapshot.quote.fetchedAt)} old` : o.noMarket,
    money: (x) => formatQuote(x, o.quote),
    unit: o.snapshot?.asset ?? null,
    pays: 'value' in v.perDay ? v.perDay.value >= 0 : null,
    markFrom: 'source' in v.mark && v.mark.source === 'page' ? "the page's mark" : "the venue API's mark (the page shows none)",
    liqSource: 'unknown' in v.liq ? (p.source === 'api' ? 'api' : p.source === 'hand' ? 'computed' : 'page') : v.liq.source,
    regime,
    regimeUnknown: unknown('unknown' in v.regime ? v.regime.unknown : ''),
    onCrowded: regime?.crowded === mine,
    stretched: regime !== null && (regime.stretch === 'stretched' || regime.stretch === 'extreme'),
    distance: 'value' in v.distance ? v.distance.value : null,
    touch: 'value' in v.touch24h ? v.touch24h.value : null,
    note: (part) => partNote(o.snapshot, part, o.now),
    zones: positionZoneRead(o.snapshot, p.side, v.liq, o.noMarket),
  };
}

/** A change over the regime window from the market inputs, when the regime itself is unknown. */
export function changeField(c: { change: number | null; reason?: string } | undefined): FieldValue {
  if (!c) return unknown('market data unavailable');
  return c.change === null ? unknown(c.reason ?? 'unknown') : known(c.change, formatPercent(c.change, 2, true));
}
