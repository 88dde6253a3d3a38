import { ZONE_MODEL, type ZoneBar } from '../../src/core/liq-zones';
import { population, type Trader } from '../zones/population';

// The fake venues' markets, one per asset, rendered by each venue's handler in that venue's own
// shapes and symbols. Tests mutate them (move the mark toward a liquidation price, flip funding).
export interface FakeAsset {
  asset: string;
  markPrice: number;
  indexPrice: number;
  lastPrice: number;
  /** Funding rate per 8h; venues with other intervals scale it (Hyperliquid, dYdX: hourly = /8). */
  fundingRate8h: number;
  /** Open interest now, base units. */
  openInterest: number;
  /** Hourly closes, ascending, the last one at the current hour (≈ 40 days). */
  hourly: { time: number; close: number; oi: number }[];
  /** Hourly settled funding per 8h equivalent, ascending (≈ 40 days). */
  fundingHistory8h: { time: number; rate: number }[];
  /**
   * Seven days of completed 15-minute bars made by a population of traders with known entries, sides
   * and leverages (tests/zones/population.ts, the model's default mix), scaled to this market: the
   * first bar only sets the starting OI. `time` is the bar's open, `oi` the OI in base units at its close.
   */
  quarters: ZoneBar[];
  /** The traders of that population still open, scaled alike: where the crowd truly gets liquidated. */
  crowd: Trader[];
}

export const HOUR = 3_600_000;
const DAY = 24 * HOUR;

// A small deterministic PRNG so every run serves the same history (and expected values can be
// computed from the same state the server serves).
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function history(seed: number, days: number, endPrice: number, endOi: number, now: number): FakeAsset['hourly'] {
  const rnd = mulberry32(seed);
  // Anchored to the UTC day, not to the hour: the walk takes the same steps whatever the hour a test
  // runs at, so what daily candles decide (the volatility, and the bands it sets) does not change
  // with it (a What if band flipped from danger to caution between 11:00 and 13:00 UTC).
  const startHour = (Math.floor(now / DAY) - (days - 1)) * DAY;
  const hours = Math.floor((now - startHour) / HOUR) + 1;
  const out: FakeAsset['hourly'] = [];
  let price = 1;
  let oi = 1;
  for (let i = 0; i < hours; i++) {
    price *= Math.exp((rnd() - 0.5) * 0.012);
    oi *= Math.exp((rnd() - 0.48) * 0.01);
    out.push({ time: startHour + i * HOUR, close: price, oi });
  }
  const last = out[out.length - 1];
  if (!last) return out;
  const pScale = endPrice / last.close;
  const oScale = endOi / last.oi;
  return out.map((p) => ({ time: p.time, close: +(p.close * pScale).toFixed(2), oi: +(p.oi * oScale).toFixed(3) }));
}

function funding(seed: number, hours: number, base: number, now: number): FakeAsset['fundingHistory8h'] {
  const rnd = mulberry32(seed);
  const startHour = Math.floor(now / HOUR) * HOUR - (hours - 1) * HOUR;
  return Array.from({ length: hours }, (_, i) => ({ time: startHour + i * HOUR, rate: +(base * (0.5 + rnd())).toFixed(8) }));
}

const QUARTER = 15 * 60_000;
/** The maintenance rate the population's traders are liquidated at (the fake tiers' first rate). */
export const CROWD_MAINTENANCE = 0.004;

/**
 * The population's bars moved onto the 15-minute grid (the last one the newest completed bar) and
 * scaled so the last close is the mark and the last OI the market's open interest.
 */
function quarters(seed: number, mark: number, oi: number, now: number): Pick<FakeAsset, 'quarters' | 'crowd'> {
  const p = population({ seed: 1000 + seed, mix: ZONE_MODEL, m: CROWD_MAINTENANCE });
  const last = p.bars[p.bars.length - 1];
  if (!last) return { quarters: [], crowd: [] };
  const shift = Math.floor(now / QUARTER) * QUARTER - QUARTER - last.time;
  const px = mark / last.close;
  const size = oi / (last.oi ?? oi);
  const price = (x: number) => +(x * px).toPrecision(8);
  const base = (x: number) => +(x * size).toFixed(3);
  return {
    quarters: p.bars.map((b) => ({
      time: b.time + shift,
      high: price(b.high),
      low: price(b.low),
      close: price(b.close),
      volume: base(b.volume),
      takerBuy: b.takerBuy === null ? null : base(b.takerBuy),
      oi: b.oi === null ? null : base(b.oi),
    })),
    crowd: p.open.map((t) => ({ ...t, size: t.size * size, entry: t.entry * px, liq: t.liq * px })),
  };
}

const HISTORY_DAYS = 40;
const HISTORY_HOURS = HISTORY_DAYS * 24;

export function makeAsset(asset: string, seed: number, mark: number, oi: number, fundingRate8h: number, now: number): FakeAsset {
  return {
    asset,
    markPrice: mark,
    indexPrice: +(mark * 0.9998).toFixed(2),
    lastPrice: +(mark * 1.0001).toFixed(2),
    fundingRate8h,
    openInterest: oi,
    hourly: history(seed, HISTORY_DAYS, mark, oi, now),
    fundingHistory8h: funding(seed + 1, HISTORY_HOURS, fundingRate8h, now),
    ...quarters(seed, mark, oi, now),
  };
}

export type FakeMarkets = Map<string, FakeAsset>;

export function defaultMarkets(now = Date.now()): FakeMarkets {
  const assets = [
    makeAsset('BTC', 1, 60_000.12, 85_000, 0.0001, now),
    makeAsset('ETH', 2, 2_986.3, 1_900_000, -0.00005, now),
    makeAsset('SOL', 3, 140.25, 9_000_000, 0.0003, now),
  ];
  return new Map(assets.map((a) => [a.asset, a]));
}

/** The next settlement on an `hours` grid (UTC-aligned, as every venue schedules it). */
export function nextFunding(now: number, hours: number): number {
  return Math.ceil((now + 1) / (hours * HOUR)) * hours * HOUR;
}
