import { positionZones, ZONE_MODEL, type PositionZones } from '../core/liq-zones';
import type { Side } from '../core/types';
import type { MarketSnapshot, ZoneState } from '../venues/snapshot-types';
import { VENUE_NAMES } from '../venues/names';
import { known, unknown, type FieldValue } from './field-value';
import { formatAge, formatClock, formatNumber, formatPercent, formatPrice } from './format';

// The modelled liquidation zones as fields, in the panel and the popup alike: the DOM contract's
// names, a trader's words, and every assumption said in the hover (docs/liquidation-zones.md).

export type ReadyZones = Extract<ZoneState, { status: 'ready' }>;

/** The zones when the model has run, else why not, in words. */
export function readyZones(s: MarketSnapshot | null, noMarket: string): ReadyZones | { unknown: string } {
  if (!s) return { unknown: noMarket };
  const z = s.zones;
  if (z.status === 'ready') return z;
  if (z.status === 'building') {
    return {
      unknown: `building: ${VENUE_NAMES[s.venue]} publishes no open-interest history, and PerpLens has recorded ${formatNumber(z.coveredMs / 3_600_000, 1)} h of the ${formatNumber(z.needMs / 3_600_000, 0)} h it needs since watching`,
    };
  }
  return { unknown: `no liquidation zones: ${z.reason}` };
}

/** An amount of modelled notional: "est. 4.2M USDT". */
export function estNotional(x: number, quote: string | null): string {
  const [div, unit] = x >= 1e9 ? [1e9, 'B'] : x >= 1e6 ? [1e6, 'M'] : x >= 1e3 ? [1e3, 'k'] : [1, ''];
  return `est. ${formatNumber(x / div, div === 1 ? 0 : 1)}${unit}${quote ? ` ${quote}` : ''}`;
}

const SIDE_WORD: Record<Side, string> = { long: 'long', short: 'short' };

/** The hover of `zone-model`: its inputs, bars, coverage, data age and assumptions. */
export function zoneModelNote(z: ReadyZones, venue: string, now: number): string {
  const m = z.map;
  const mix = m.leverages.map((l, i) => `${l}× ${Math.round((m.weights[i] ?? 0) * 100)}%`).join(', ');
  const oi =
    z.basis === 'recorded'
      ? `open interest PerpLens recorded while watching (${formatNumber(z.coveredMs / 3_600_000, 1)} h since watching)`
      : `${venue}'s open-interest history`;
  const split =
    m.takerSplit === 'published'
      ? "long share from the venue's taker-buy volume"
      : m.takerSplit === 'partly-assumed'
        ? 'long share from taker-buy volume, 50/50 where a bar had none'
        : 'long share assumed 50/50: the venue publishes no taker split';
  return (
    `Modelled (${m.model}), an estimate, not a fact: ${m.bars} bars of ${ZONE_MODEL.barMinutes} minutes over ${formatNumber(z.coveredMs / 86_400_000, 1)} days of ${oi} and candles; ` +
    `new open interest opens at each bar's typical price, ${split}; leverage ${mix} (at most ${z.maxLeverage}×${z.maxLeverageSource === 'assumed' ? ', assumed from the maintenance rate' : ''}); ` +
    `maintenance ${formatPercent(z.maintenanceRate, 2)} (first tier); a zone is a ${formatPercent(ZONE_MODEL.bin, 2)} bin holding ≥ ${formatPercent(ZONE_MODEL.zoneShare, 0)} of its side within ±${formatPercent(ZONE_MODEL.range, 0)}; ` +
    `data to ${formatClock(z.dataAt)} (${formatAge(Math.max(0, now - z.dataAt))} old)`
  );
}

/** `zone-model`: the model's id when it has run, else why there is none. */
export function zoneModelField(s: MarketSnapshot | null, noMarket: string): FieldValue {
  const z = readyZones(s, noMarket);
  return 'status' in z ? known(z.map.model, `${z.map.model}${z.basis === 'recorded' ? ', since watching' : ''}`) : unknown(z.unknown);
}

/** The nearest zone of a side on its own side of the mark (`zone-long-nearest`, `zone-short-nearest`). */
export function marketZoneField(s: MarketSnapshot | null, side: Side, noMarket: string): FieldValue {
  const z = readyZones(s, noMarket);
  if (!('status' in z)) return unknown(z.unknown);
  const near = positionZones(z.map, side, null).nearest;
  return near ? known(near.price, formatPrice(near.price)) : known('none', 'none');
}

export function marketZoneExplain(s: MarketSnapshot | null, side: Side, quote: string | null, now: number): string {
  const z = s ? readyZones(s, '') : null;
  const where = side === 'long' ? 'below' : 'above';
  const base = `The nearest modelled cluster of ${SIDE_WORD[side]} liquidations ${where} the mark`;
  if (!s || !z || !('status' in z)) return base;
  const near = positionZones(z.map, side, null).nearest;
  const bin = near ? z.map.zones[side].find((b) => b.price === near.price) : undefined;
  const size =
    bin && z.map.total[side] > 0
      ? `, ${estNotional(bin[side], quote)} (${formatPercent(bin[side] / z.map.total[side], 0)} of the ${SIDE_WORD[side]}s' within ±25%)`
      : '';
  return `${base}${near ? `, ${formatPercent(near.distance, 2)} away${size}` : ': none within ±25%'}. ${zoneModelNote(z, VENUE_NAMES[s.venue], now)}`;
}

/** The zones as one position meets them, or why they are unknown. */
export interface PositionZoneRead {
  pz: PositionZones;
  z: ReadyZones;
  /** The liquidation price measured against, or null when the position has none / it is unknown. */
  liq: number | null;
  liqKnown: boolean;
}

export function positionZoneRead(
  s: MarketSnapshot | null,
  side: Side,
  liq: { value: number } | { none: true } | { unknown: string },
  noMarket: string,
): PositionZoneRead | { unknown: string } {
  const z = readyZones(s, noMarket);
  if (!('status' in z)) return z;
  const value = 'value' in liq ? liq.value : null;
  return { pz: positionZones(z.map, side, value), z, liq: value, liqKnown: !('unknown' in liq) };
}

export function zoneNearestPriceField(r: PositionZoneRead | { unknown: string }): FieldValue {
  if (!('pz' in r)) return unknown(r.unknown);
  const n = r.pz.nearest;
  return n ? known(n.price, formatPrice(n.price)) : known('none', 'none');
}

export function zoneNearestDistanceField(r: PositionZoneRead | { unknown: string }): FieldValue {
  if (!('pz' in r)) return unknown(r.unknown);
  const n = r.pz.nearest;
  return n ? known(n.distance, formatPercent(n.distance, 2)) : known('none', 'none');
}

export function zoneBetweenField(r: PositionZoneRead | { unknown: string }): FieldValue {
  if (!('pz' in r)) return unknown(r.unknown);
  if (!r.liqKnown) return unknown('liquidation price unknown');
  if (r.liq === null) return known(0, '0% (no liquidation price)');
  const share = r.pz.betweenShare;
  return share === null ? unknown('no modelled notional on this side within ±25%') : known(share, formatPercent(share, 0));
}

export function liqZoneRelationField(r: PositionZoneRead | { unknown: string }): FieldValue {
  if (!('pz' in r)) return unknown(r.unknown);
  if (!r.liqKnown) return unknown('liquidation price unknown');
  return known(r.pz.relation, RELATION_TEXT[r.pz.relation]);
}

const RELATION_TEXT = { 'in-zone': 'in a cluster', 'beyond-zone': 'behind a cluster', clear: 'clear' } as const;

/**
 * The compact card's chip, in a trader's words, when a modelled cluster matters to this position:
 * null when its liquidation is clear of them.
 */
export function zoneChipText(r: PositionZoneRead | { unknown: string }, side: Side, liqDistance: number | null): string | null {
  if (!('pz' in r) || !r.liqKnown) return null;
  const { relation, nearest } = r.pz;
  const cluster = `a ${SIDE_WORD[side]} cluster (modelled)`;
  if (relation === 'beyond-zone' && nearest) return `${cluster} sits between you and your liquidation, ${formatPercent(nearest.distance, 1)} away`;
  if (relation === 'in-zone') return `your liquidation sits in ${cluster}${liqDistance !== null ? `, ${formatPercent(liqDistance, 1)} away` : ''}`;
  return null;
}

export const ZONE_EXPLAIN = {
  nearestPrice:
    'The nearest modelled cluster of liquidations of your own side (longs below the mark for a long, shorts above for a short): a move there may cascade',
  nearestDistance: 'How far the price would move against you to reach that cluster',
  between:
    "The share of your side's modelled liquidations (within ±25%) lying between the mark and your liquidation price: what a cascade would force-close on the way to you",
  relation:
    'in a cluster: your liquidation price falls in a modelled cluster; behind a cluster: one lies between the mark and your liquidation, a cascade through it would carry the price toward you; clear: neither',
} as const;
