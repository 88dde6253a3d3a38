import type { SeriesPoint } from '../venues/market-types';

const KEEP_MS = 26 * 3_600_000;
const MIN_SPACING_MS = 4 * 60_000;
const MAX_MARKETS = 50;

/**
 * Open-interest snapshots for venues that publish no OI history (Hyperliquid), recorded while a
 * market is watched. Bounded: 26 hours at ≥ 4-minute spacing per market, 50 markets.
 */
export function createOiRecorder() {
  const series = new Map<string, SeriesPoint[]>();

  function record(key: string, time: number, value: number): void {
    if (!Number.isFinite(value) || value < 0 || !Number.isFinite(time)) return;
    const points = series.get(key) ?? [];
    const last = points[points.length - 1];
    if (last && time - last.time < MIN_SPACING_MS) return;
    points.push({ time, value });
    while (points.length && (points[0]?.time ?? time) < time - KEEP_MS) points.shift();
    series.delete(key);
    series.set(key, points);
    while (series.size > MAX_MARKETS) {
      const oldest = series.keys().next().value;
      if (oldest === undefined) break;
      series.delete(oldest);
    }
  }

  return {
    record,
    points: (key: string): readonly SeriesPoint[] => series.get(key) ?? [],
    dump: (): [string, SeriesPoint[]][] => [...series.entries()],
    restore(entries: readonly [string, readonly SeriesPoint[]][]): void {
      for (const [key, points] of entries) for (const p of points) record(key, p.time, p.value);
    },
  };
}
export type OiRecorder = ReturnType<typeof createOiRecorder>;
