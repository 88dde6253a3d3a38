import type { ZoneBar } from '../core/liq-zones';
import { ZONE_BAR_MS, ZONE_LOOKBACK_MS, type Result, type ZoneBarRow } from './market-types';

// What every venue's zone-bars client shares: which 15-minute bars to ask for, how to cut that span
// into the venue's pages, and how candles and open interest join into bars. A bar is kept only when
// both halves are there for its time: nothing is interpolated or carried over.

/** Half a bar: request bounds sit this far off the grid (see `gridBounds`). */
const HALF_BAR_MS = ZONE_BAR_MS / 2;

export interface ZoneSpan {
  /** Open time of the first bar to return. */
  from: number;
  /** Open time of the running bar (not yet closed, never returned). */
  running: number;
  /** Open time of the newest bar that has closed: the last one that can be returned. */
  last: number;
  now: number;
}

/**
 * The bars to ask for: with `since` (the newest bar held) from that bar on, asked again because it may
 * have been read before its close OI was published; with null, or a `since` older than the lookback,
 * the 672 bars of the last 7 days. Never more than the lookback, so the number of pages stays bounded.
 */
export function zoneSpan(now: number, since: number | null): ZoneSpan {
  const running = Math.floor(now / ZONE_BAR_MS) * ZONE_BAR_MS;
  const oldest = running - ZONE_LOOKBACK_MS;
  const asked = since !== null && Number.isFinite(since) ? Math.floor(since / ZONE_BAR_MS) * ZONE_BAR_MS : oldest;
  return { from: Math.max(asked, oldest), running, last: running - ZONE_BAR_MS, now };
}

/** Grid times from `first` to `last` (both on the grid), inclusive. */
export function gridCount(first: number, last: number): number {
  return last < first ? 0 : Math.round((last - first) / ZONE_BAR_MS) + 1;
}

export interface GridChunk {
  first: number;
  last: number;
  count: number;
}

/** The grid times first..last cut into consecutive pages of at most `size` points, oldest first. */
export function gridChunks(first: number, last: number, size: number): GridChunk[] {
  const out: GridChunk[] = [];
  for (let a = first; a <= last; a += size * ZONE_BAR_MS) {
    const b = Math.min(last, a + (size - 1) * ZONE_BAR_MS);
    out.push({ first: a, last: b, count: gridCount(a, b) });
  }
  return out;
}

/** Shared by the series of one fetch: once one fails, the others ask no further pages. */
export interface Halt {
  failed: boolean;
}

/**
 * The pages one after another, stopping at the first failure of this series or of a sibling sharing
 * `halt` (their pages would be thrown away). Not all at once, nor a few deep: the gate paces requests
 * within the venue's budgets and refuses one it would have to hold longer than a few seconds, and its
 * timers may run late in a busy worker; one page at a time never waits more than one window (2 s on
 * OKX's rubik statistics, budgeted at one request per window).
 */
export async function pageByPage<T>(
  pages: readonly GridChunk[],
  get: (page: GridChunk) => Promise<Result<T[]>>,
  halt: Halt = { failed: false },
): Promise<Result<T[]>> {
  const out: T[] = [];
  for (const page of pages) {
    // Stopped for a sibling's failure: that failure is the answer, these rows are never used.
    if (halt.failed) break;
    const r = await get(page);
    if (!r.ok) {
      halt.failed = true;
      return r;
    }
    out.push(...r.value);
  }
  return { ok: true, value: out };
}

/**
 * Request bounds for the grid points first..last, half a bar outside them: they hold exactly those
 * points whether the venue reads a bound as inclusive or exclusive, which its docs do not always say.
 */
export function gridBounds(first: number, last: number): { start: number; end: number } {
  return { start: first - HALF_BAR_MS, end: last + HALF_BAR_MS };
}

export const onGrid = (time: number): boolean => time % ZONE_BAR_MS === 0;

/** One 15-minute candle as a venue serves it, volumes already in base units: a bar before its OI is joined. */
export type ZoneCandle = Omit<ZoneBar, 'oi'>;

/** Why a candle cannot be a bar (prices out of order, more taker-buy than volume), or null. */
export function candleProblem(c: ZoneCandle): string | null {
  if (!onGrid(c.time)) return `a candle opens at ${c.time}, off the 15-minute grid`;
  if (!(c.low <= c.close && c.close <= c.high)) return `the candle at ${c.time} has its close outside its low-high range`;
  if (c.takerBuy !== null && c.takerBuy > c.volume * (1 + 1e-9)) return `the candle at ${c.time} has more taker-buy volume than volume`;
  return null;
}

/**
 * Bars of the span: each closed candle from `span.from` on with the OI at its close (time + 15 min).
 * `oiAtClose` null: the venue publishes no OI history, every bar carries oi null (Hyperliquid).
 */
export function joinZoneBars(candles: readonly ZoneCandle[], oiAtClose: ReadonlyMap<number, number> | null, span: ZoneSpan): ZoneBarRow[] {
  const byTime = new Map<number, ZoneCandle>();
  for (const c of candles) if (c.time >= span.from && c.time <= span.last) byTime.set(c.time, c);
  const bars: ZoneBarRow[] = [];
  for (const c of [...byTime.values()].sort((a, b) => a.time - b.time)) {
    const oi = oiAtClose === null ? null : oiAtClose.get(c.time + ZONE_BAR_MS);
    if (oi === undefined) continue;
    bars.push({ time: c.time, high: c.high, low: c.low, close: c.close, volume: c.volume, takerBuy: c.takerBuy, oi });
  }
  return bars;
}

/** OI points by time, those on the grid only: a point between two closes is no bar's close. */
export function oiByTime(points: readonly { time: number; value: number }[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const p of points) if (onGrid(p.time)) out.set(p.time, p.value);
  return out;
}
