import { VENUE_MARKETS } from '../src/venues/markets';
import type { VenueId } from '../src/venues/types';
import { simulatedBackground } from './simulated-background';

const SYMBOL: Partial<Record<VenueId, (asset: string) => string>> = {
  binance: (a) => `${a}USDT`,
  bybit: (a) => `${a}USDT`,
  hyperliquid: (a) => a,
  dydx: (a) => `${a}-USD`,
};

export interface WatchlistScale {
  symbols: number;
  simulatedMinutes: number;
  /** Entries per background cache kind at the end (each is bounded by its maxEntries). */
  cacheEntries: Record<string, number>;
  /** What the worker persists to storage.session for these caches, bytes of JSON. */
  persistedBytes: number;
  heapDeltaMb: number;
  /** Snapshots that were complete / served with an error (the gate refusing to overspend counts here). */
  ok: number;
  failed: number;
  requestsPerHour: Record<string, number>;
  shareOfLimit: Record<string, number>;
  msPerPoll: number;
}

/**
 * A 200-symbol watchlist (50 markets on each of four venues; OKX's fake serves three) polled the way
 * the popup does — every symbol every 15 s — on the simulated background for `minutes`.
 */
export async function watchlistScale(minutes: number): Promise<WatchlistScale> {
  const bg = simulatedBackground({ extraAssets: 47 });
  const assets = ['BTC', 'ETH', 'SOL', ...Array.from({ length: 47 }, (_, i) => `Z${String(i).padStart(3, '0')}`)];
  const list = Object.entries(SYMBOL).flatMap(([venue, sym]) => assets.map((a) => ({ venue: venue as VenueId, symbol: sym(a) })));
  const heap0 = process.memoryUsage().heapUsed;
  let ok = 0;
  let failed = 0;
  const pollTimes: number[] = [];
  for (let s = 0; s < minutes * 60; s += 15) {
    const t0 = performance.now();
    const replies = await Promise.all(list.map((w) => bg.router.snapshot(w.venue, w.symbol)));
    pollTimes.push(performance.now() - t0);
    for (const r of replies) r.ok ? ok++ : failed++;
    await bg.advance(15_000);
  }
  bg.dispose();
  const cacheEntries = Object.fromEntries(Object.entries(bg.caches).map(([k, c]) => [k, c.size()]));
  const persistedBytes = JSON.stringify(Object.fromEntries(Object.entries(bg.caches).map(([k, c]) => [k, c.dump()]))).length;
  const perHour = 60 / minutes;
  const requestsPerHour: Record<string, number> = {};
  const shareOfLimit: Record<string, number> = {};
  for (const venue of Object.keys(SYMBOL) as VenueId[]) {
    const c = bg.counts[venue];
    const { rateLimit } = VENUE_MARKETS[venue].descriptor;
    requestsPerHour[venue] = Math.round(c.requests * perHour);
    shareOfLimit[venue] = (c.units * perHour) / (rateLimit.units * (3_600_000 / rateLimit.windowMs));
  }
  return {
    symbols: list.length,
    simulatedMinutes: minutes,
    cacheEntries,
    persistedBytes,
    heapDeltaMb: (process.memoryUsage().heapUsed - heap0) / 1_048_576,
    ok,
    failed,
    requestsPerHour,
    shareOfLimit,
    msPerPoll: pollTimes.reduce((a, b) => a + b, 0) / pollTimes.length,
  };
}
