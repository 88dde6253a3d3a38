import { levelPrice, type ZoneBar, type ZoneMap } from '../../src/core/liq-zones';
import type { Side } from '../../src/core/types';

// A synthetic market made from a population of traders whose entries, sides and leverages are
// known: seven days of 15-minute bars, open interest, candles and taker volume derived from what
// they do. The zone model sees only the bars; the traders' true liquidation levels are the answer.

export interface Trader {
  side: Side;
  size: number;
  entry: number;
  leverage: number;
  liq: number;
}

export interface Mix {
  leverages: readonly number[];
  weights: readonly number[];
}

export interface Population {
  bars: ZoneBar[];
  mark: number;
  /** Traders still open at the end. */
  open: Trader[];
}

/** mulberry32: a small seeded generator, so a failing case replays. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (r: () => number, mix: Mix): number => {
  let u = r() * mix.weights.reduce((s, w) => s + w, 0);
  for (let i = 0; i < mix.leverages.length; i++) {
    u -= mix.weights[i] ?? 0;
    if (u <= 0) return mix.leverages[i] ?? 1;
  }
  return mix.leverages[mix.leverages.length - 1] ?? 1;
};

/**
 * Seven days of bars (672 of 15 minutes) on a random walk of about 3% a day. Each bar either opens
 * positions (60%: twelve traders, long with the bar's long share, leverage drawn from `mix`, entry
 * anywhere between the bar's low and high; the taker-buy volume is the longs' size) or closes a
 * slice of every open position (40%: 2–10% each, which is what the model assumes of a fall in OI).
 * A trader whose liquidation price a later bar reaches is liquidated and leaves the OI.
 */
export function population(opts: { seed: number; mix: Mix; m: number; bars?: number; startOi?: number }): Population {
  const r = random(opts.seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  const n = opts.bars ?? 672;
  let price = 100;
  let open: Trader[] = [];
  const t0 = Date.UTC(2026, 10, 30);
  const oiOf = () => open.reduce((s, t) => s + t.size, 0);
  const bars: ZoneBar[] = [{ time: t0, high: price, low: price, close: price, volume: 0, takerBuy: 0, oi: 0 }];
  for (let i = 1; i <= n; i++) {
    let high = price;
    let low = price;
    for (let k = 0; k < 4; k++) {
      price *= Math.exp(0.002 * gauss());
      high = Math.max(high, price);
      low = Math.min(low, price);
    }
    // The bar's path liquidates whom it reaches, before anyone opens in it.
    open = open.filter((t) => (t.side === 'long' ? low > t.liq : high < t.liq));
    let volume = 0;
    let takerBuy = 0;
    if (r() < 0.6) {
      const longShare = 0.3 + 0.4 * r();
      for (let k = 0; k < 12; k++) {
        const side: Side = r() < longShare ? 'long' : 'short';
        const leverage = pick(r, opts.mix);
        const entry = low + (high - low) * r();
        const size = 0.5 + r();
        open.push({ side, size, entry, leverage, liq: levelPrice(side, entry, leverage, opts.m) });
        volume += size;
        if (side === 'long') takerBuy += size;
      }
    } else {
      const cut = 0.02 + 0.08 * r();
      for (const t of open) {
        volume += t.size * cut;
        t.size *= 1 - cut;
      }
    }
    bars.push({ time: t0 + i * 900_000, high, low, close: price, volume, takerBuy, oi: oiOf() });
  }
  return { bars, mark: price, open };
}

/**
 * How much of the true liquidation notional (size × entry, within ±25% of the mark) lies within
 * `tolerance` (a fraction of the mark) of a modelled zone of its own side: the model's recall. And
 * the share of modelled zones that hold true liquidation notional within that distance: its precision.
 */
export function fidelity(map: ZoneMap, traders: readonly Trader[], tolerance = 0.005): { recall: number; precision: number; overlap: number } {
  const near = (price: number, side: Side) => map.zones[side].some((z) => Math.abs(z.price - price) <= tolerance * map.mark);
  const inRange = traders.filter((t) => Math.abs(t.liq - map.mark) <= 0.25 * map.mark);
  const total = inRange.reduce((s, t) => s + t.size * t.entry, 0);
  const covered = inRange.filter((t) => near(t.liq, t.side)).reduce((s, t) => s + t.size * t.entry, 0);
  const zones = [...map.zones.long.map((z) => ({ z, side: 'long' as const })), ...map.zones.short.map((z) => ({ z, side: 'short' as const }))];
  const held = zones.filter(({ z, side }) => inRange.some((t) => t.side === side && Math.abs(t.liq - z.price) <= tolerance * map.mark));
  return { recall: total > 0 ? covered / total : 0, precision: zones.length ? held.length / zones.length : 0, overlap: overlap(map, inRange, tolerance) };
}

/**
 * How alike the modelled and the true liquidation notional are along the price, at `width` (a
 * fraction of the mark): each side's two distributions normalised, and the share they have in
 * common (1: the same shape, 0: nothing in common), averaged over the sides by true notional.
 */
function overlap(map: ZoneMap, traders: readonly Trader[], width: number): number {
  const bucket = (price: number) => Math.floor((price - map.mark) / (width * map.mark));
  let out = 0;
  let weight = 0;
  for (const side of ['long', 'short'] as const) {
    const model = new Map<number, number>();
    for (const b of map.bins) model.set(bucket(b.price), (model.get(bucket(b.price)) ?? 0) + b[side]);
    const truth = new Map<number, number>();
    const mine = traders.filter((t) => t.side === side);
    for (const t of mine) truth.set(bucket(t.liq), (truth.get(bucket(t.liq)) ?? 0) + t.size * t.entry);
    const m = [...model.values()].reduce((a, b) => a + b, 0);
    const t = [...truth.values()].reduce((a, b) => a + b, 0);
    if (!(m > 0) || !(t > 0)) continue;
    let common = 0;
    for (const [k, v] of truth) common += Math.min(v / t, (model.get(k) ?? 0) / m);
    out += common * t;
    weight += t;
  }
  return weight > 0 ? out / weight : 0;
}
