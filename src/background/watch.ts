import { VENUE_IDS, type VenueId } from '../venues/registry';

const WATCH_TTL_MS = 15 * 60_000;

/** Markets someone looked at recently (a tab's panel, the popup): what the recorder alarm keeps up. */
export function createWatchList(now: () => number = Date.now) {
  const seen = new Map<string, { venue: VenueId; symbol: string; at: number }>();
  return {
    touch(venue: VenueId, symbol: string): void {
      seen.set(`${venue}:${symbol}`, { venue, symbol, at: now() });
    },
    dump: (): { venue: VenueId; symbol: string; at: number }[] => [...seen.values()],
    restore(saved: unknown): void {
      if (!Array.isArray(saved)) return;
      for (const w of saved) {
        if (!w || typeof w !== 'object') continue;
        const { venue, symbol, at } = w as Record<string, unknown>;
        if (typeof venue === 'string' && (VENUE_IDS as readonly string[]).includes(venue) && typeof symbol === 'string' && typeof at === 'number') {
          seen.set(`${venue}:${symbol}`, { venue: venue as VenueId, symbol, at });
        }
      }
    },
    active(filter: (venue: VenueId) => boolean): { venue: VenueId; symbol: string }[] {
      const t = now();
      for (const [k, w] of seen) if (t - w.at > WATCH_TTL_MS) seen.delete(k);
      return [...seen.values()].filter((w) => filter(w.venue));
    },
  };
}
