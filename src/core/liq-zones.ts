import type { Side } from './types';

// Modelled liquidation zones, model `oi-taker-v1` (docs/liquidation-zones.md). Where the crowd that
// opened positions over the last seven days would be liquidated, under stated assumptions: new
// open interest opens at the bar's typical price, the taker side carries it, and its leverage
// follows a fixed mix. An estimate shown as relative intensity, never a fact.

export const ZONE_MODEL = {
  id: 'oi-taker-v1',
  barMinutes: 15,
  lookbackDays: 7,
  /** Leverage buckets and the share of new notional each takes. */
  leverages: [5, 10, 25, 50, 100],
  weights: [0.15, 0.3, 0.25, 0.2, 0.1],
  /** Bin width, as a fraction of the current mark. */
  bin: 0.0025,
  /** Levels counted within this fraction of the mark, either way. */
  range: 0.25,
  /** A bin is a zone when it holds at least this share of its side's notional within range. */
  zoneShare: 0.05,
} as const;

/** One bar of market history: prices, volumes in base units, open interest in base units at its close. */
export interface ZoneBar {
  time: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  /** Taker-buy volume in base units; null where the venue publishes no taker split. */
  takerBuy: number | null;
  /**
   * Open interest at the bar's close; null where it is not known (a gap in what was recorded while
   * watching): such a bar still consumes levels, opens and closes none, and the next known bar only
   * sets the OI again, so a change over a gap is never placed at one bar's price.
   */
  oi: number | null;
}

export interface ZoneInput {
  bars: readonly ZoneBar[];
  mark: number;
  /** The market's highest leverage: buckets above it are dropped. */
  maxLeverage: number;
  /** The first tier's maintenance margin rate. */
  maintenanceRate: number;
  /** Leverage mix to use instead of the default (options page); weights need not sum to 1. */
  mix?: { leverages: readonly number[]; weights: readonly number[] };
}

export interface ZoneBin {
  /** The bin's middle price. */
  price: number;
  /** Modelled notional still open whose liquidation falls in this bin (quote currency, an estimate). */
  long: number;
  short: number;
}

/** What the model makes of the bars before the mark bins it: every level still open. */
export interface ZoneLevels {
  levels: Level[];
  /** The bars the model ran over and the time from first to last bar. */
  bars: number;
  coveredMs: number;
  takerSplit: ZoneMap['takerSplit'];
  leverages: number[];
  weights: number[];
}

export interface ZoneMap {
  model: typeof ZONE_MODEL.id;
  mark: number;
  /** Bins within ±range of the mark holding any level, ascending by price. */
  bins: ZoneBin[];
  /** Each side's modelled notional within ±range. */
  total: Record<Side, number>;
  /** Bins that are zones, per side, ascending by price. */
  zones: Record<Side, ZoneBin[]>;
  /** The bars the model ran over and the time they cover. */
  bars: number;
  coveredMs: number;
  /** How the long share of new notional was set: the venue's taker split, or 50/50 for want of one (on some or all bars). */
  takerSplit: 'published' | 'assumed-50-50' | 'partly-assumed';
  /** The leverage mix used, after dropping buckets above the market's maximum. */
  leverages: number[];
  weights: number[];
}

export interface Level {
  side: Side;
  price: number;
  notional: number;
}

/** The mix's buckets the market allows, their weights spread pro rata over what is left. */
export function leverageMix(maxLeverage: number, mix: ZoneInput['mix'] = ZONE_MODEL): { leverages: number[]; weights: number[] } {
  const kept = mix.leverages.map((l, i) => ({ l, w: mix.weights[i] ?? 0 })).filter((b) => b.l <= maxLeverage && b.w > 0);
  const sum = kept.reduce((s, b) => s + b.w, 0);
  if (!kept.length || !(sum > 0)) return { leverages: [], weights: [] };
  return { leverages: kept.map((b) => b.l), weights: kept.map((b) => b.w / sum) };
}

/** Where a position opened at `entry` with leverage `lev` is liquidated (maintenance rate `m`). */
export function levelPrice(side: Side, entry: number, lev: number, m: number): number {
  return side === 'long' ? entry * (1 - 1 / lev + m) : entry * (1 + 1 / lev - m);
}

/**
 * The model over `bars` (ascending, 15-minute bars; the first only sets the starting OI). Per bar:
 * first the open levels its low or high reaches are consumed (inclusive: low ≤ a long level,
 * high ≥ a short level); then, when its OI fell, |ΔOI| / OI-before of every level still open is
 * removed on both sides; then, when its OI rose, ΔOI × (H+L+C)/3 of new notional opens at the
 * typical price, long by the bar's taker-buy share of volume (50/50 without a taker split), spread
 * over the leverage mix.
 */
export function liquidationZones(input: ZoneInput): ZoneMap {
  if (!(input.mark > 0)) throw new RangeError('mark must be positive');
  return zonesAt(openLevels(input), input.mark);
}

/**
 * The levels still open after the bars: the slow half of the model, which depends on the bars and
 * the market's limits but not on the mark, so it runs once per new bar and the mark bins it often.
 */
export function openLevels(input: Omit<ZoneInput, 'mark'>): ZoneLevels {
  const { bars, maintenanceRate: m } = input;
  if (!(m >= 0 && m < 1)) throw new RangeError('maintenanceRate must be in [0, 1)');
  const mix = leverageMix(input.maxLeverage, input.mix);
  let open: Level[] = [];
  let published = 0;
  let assumed = 0;
  for (let i = 1; i < bars.length; i++) {
    const bar = bars[i];
    if (!bar || !valid(bar)) continue;
    open = open.filter((l) => (l.side === 'long' ? bar.low > l.price : bar.high < l.price));
    const before = bars[i - 1]?.oi;
    if (bar.oi === null || before === null || before === undefined || !(before >= 0)) continue;
    const delta = bar.oi - before;
    if (delta < 0 && before > 0) {
      const keep = Math.max(0, 1 - -delta / before);
      for (const l of open) l.notional *= keep;
    } else if (delta > 0) {
      const typical = (bar.high + bar.low + bar.close) / 3;
      const notional = delta * typical;
      const split = bar.takerBuy !== null && bar.volume > 0 && bar.takerBuy >= 0 && bar.takerBuy <= bar.volume;
      if (split) published++;
      else assumed++;
      const longShare = split ? (bar.takerBuy ?? 0) / bar.volume : 0.5;
      mix.leverages.forEach((lev, k) => {
        const w = mix.weights[k] ?? 0;
        open.push({ side: 'long', price: levelPrice('long', typical, lev, m), notional: notional * longShare * w });
        open.push({ side: 'short', price: levelPrice('short', typical, lev, m), notional: notional * (1 - longShare) * w });
      });
    }
  }
  return {
    levels: open,
    bars: Math.max(0, bars.length - 1),
    coveredMs: bars.length > 1 ? (bars[bars.length - 1]?.time ?? 0) - (bars[0]?.time ?? 0) : 0,
    takerSplit: assumed === 0 ? 'published' : published === 0 ? 'assumed-50-50' : 'partly-assumed',
    ...mix,
  };
}

const valid = (b: ZoneBar): boolean =>
  [b.high, b.low, b.close, b.volume].every(Number.isFinite) &&
  b.low > 0 &&
  b.high >= b.low &&
  b.volume >= 0 &&
  (b.oi === null || (Number.isFinite(b.oi) && b.oi >= 0));

/** The open levels summed into bins of 0.25% of `mark` within ±25% of it, and the zones among them. */
export function zonesAt(state: ZoneLevels, mark: number): ZoneMap {
  const { levels, ...about } = state;
  const width = ZONE_MODEL.bin * mark;
  const byIndex = new Map<number, ZoneBin>();
  const total = { long: 0, short: 0 };
  for (const l of levels) {
    if (!(l.notional > 0) || Math.abs(l.price - mark) > ZONE_MODEL.range * mark) continue;
    const k = binIndex(l.price, mark);
    let bin = byIndex.get(k);
    if (!bin) byIndex.set(k, (bin = { price: mark + (k + 0.5) * width, long: 0, short: 0 }));
    bin[l.side] += l.notional;
    total[l.side] += l.notional;
  }
  const bins = [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, b]) => b);
  const zonesOf = (side: Side) => bins.filter((b) => total[side] > 0 && b[side] >= ZONE_MODEL.zoneShare * total[side]);
  return { model: ZONE_MODEL.id, mark, bins, total, zones: { long: zonesOf('long'), short: zonesOf('short') }, ...about };
}

/** The bin a price falls in: bins of 0.25% of the mark, the mark at a bin's lower edge. */
export function binIndex(price: number, mark: number): number {
  return Math.floor((price - mark) / (ZONE_MODEL.bin * mark) + 1e-9);
}

export type LiqZoneRelation = 'in-zone' | 'beyond-zone' | 'clear';

export interface PositionZones {
  /** The nearest zone of the position's own side on its side of the mark; null: none within range. */
  nearest: { price: number; distance: number } | null;
  /** Share (0–1) of its side's notional within range lying strictly between the mark and its liquidation price. */
  betweenShare: number | null;
  relation: LiqZoneRelation;
}

/**
 * The zones as one position meets them: a long is pushed down through long liquidations (below the
 * mark), a short up through short ones. `liq` null: no liquidation price, so nothing lies between.
 */
export function positionZones(map: ZoneMap, side: Side, liq: number | null): PositionZones {
  const s = side === 'long' ? 1 : -1;
  const P = map.mark;
  const ahead = (price: number) => s * (P - price) > 0;
  const own = map.zones[side].filter((z) => ahead(z.price)).sort((a, b) => s * (b.price - a.price));
  const first = own[0];
  const nearest = first ? { price: first.price, distance: (s * (P - first.price)) / P } : null;
  if (liq === null || !(liq > 0)) return { nearest, betweenShare: null, relation: 'clear' };
  const lo = Math.min(P, liq);
  const hi = Math.max(P, liq);
  const between = (price: number) => price > lo && price < hi;
  const total = map.total[side];
  const inside = map.bins.filter((b) => between(b.price)).reduce((sum, b) => sum + b[side], 0);
  const liqBin = binIndex(liq, P);
  const relation: LiqZoneRelation = map.zones[side].some((z) => binIndex(z.price, P) === liqBin)
    ? 'in-zone'
    : own.some((z) => between(z.price))
      ? 'beyond-zone'
      : 'clear';
  return { nearest, betweenShare: total > 0 ? inside / total : null, relation };
}
