import type { SeriesPoint } from '../venues/market-types';

const KEEP_MS = 26 * 3_600_000;
const MIN_SPACING_MS = 4 * 60_000;
const MAX_MARKETS = 50;
/** The zone model's bar: the OI at each 15-minute close is kept for its 7 days (and an hour more). */
const BAR_MS = 15 * 60_000;
const KEEP_CLOSES_MS = 7 * 24 * 3_600_000 + 3_600_000;
/** A sample stands for a bar's close only this near it: the recorder samples every 5 minutes. */
const CLOSE_TOLERANCE_MS = 5 * 60_000;

interface CloseSample {
  value: number;
  /** How far from the close it was taken: a nearer sample replaces it. */
  off: number;
}

/**
 * Open-interest snapshots for venues that publish no OI history (Hyperliquid), recorded while a
 * market is watched. Bounded: 26 hours at ≥ 4-minute spacing per market, 50 markets; and, for the
 * zone model, the sample nearest each 15-minute close over 7 days.
 */
export function createOiRecorder() {
  const series = new Map<string, SeriesPoint[]>();
  const closes = new Map<string, Map<number, CloseSample>>();

  function bounded<T>(map: Map<string, T>, key: string, value: T): void {
    map.delete(key);
    map.set(key, value);
    while (map.size > MAX_MARKETS) {
      const oldest = map.keys().next().value;
      if (oldest === undefined) break;
      map.delete(oldest);
    }
  }

  function recordClose(key: string, time: number, value: number): void {
    const close = Math.round(time / BAR_MS) * BAR_MS;
    const off = Math.abs(time - close);
    if (off > CLOSE_TOLERANCE_MS) return;
    const held = closes.get(key) ?? new Map<number, CloseSample>();
    const had = held.get(close);
    if (!had || off < had.off) held.set(close, { value, off });
    for (const t of held.keys()) if (t < time - KEEP_CLOSES_MS) held.delete(t);
    bounded(closes, key, held);
  }

  function record(key: string, time: number, value: number): void {
    if (!Number.isFinite(value) || value < 0 || !Number.isFinite(time)) return;
    recordClose(key, time, value);
    const points = series.get(key) ?? [];
    const last = points[points.length - 1];
    if (last && time - last.time < MIN_SPACING_MS) return;
    points.push({ time, value });
    while (points.length && (points[0]?.time ?? time) < time - KEEP_MS) points.shift();
    bounded(series, key, points);
  }

  return {
    record,
    points: (key: string): readonly SeriesPoint[] => series.get(key) ?? [],
    /** The OI recorded at the 15-minute close `time` (epoch ms on the grid), or null. */
    closeAt: (key: string, time: number): number | null => closes.get(key)?.get(time)?.value ?? null,
    dump: (): [string, SeriesPoint[]][] => [...series.entries()],
    restore(entries: readonly [string, readonly SeriesPoint[]][]): void {
      for (const [key, points] of entries) for (const p of points) record(key, p.time, p.value);
    },
    dumpCloses: (): [string, [number, number, number][]][] =>
      [...closes.entries()].map(([key, held]) => [key, [...held.entries()].map(([t, s]) => [t, s.value, s.off])]),
    restoreCloses(entries: unknown): void {
      if (!Array.isArray(entries)) return;
      for (const entry of entries) {
        if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !Array.isArray(entry[1])) continue;
        for (const row of entry[1] as unknown[]) {
          if (!Array.isArray(row)) continue;
          const [t, value, off] = row as unknown[];
          if (typeof t === 'number' && typeof value === 'number' && typeof off === 'number' && Number.isFinite(value) && value >= 0) {
            recordClose(entry[0], t + (off > 0 ? Math.min(off, CLOSE_TOLERANCE_MS) : 0), value);
          }
        }
      }
    },
  };
}
export type OiRecorder = ReturnType<typeof createOiRecorder>;
