import * as v from 'valibot';
import { MAX_REPORTED_POSITIONS, ReportedPosition } from '../../protocol/positions-report';
import { VENUE_IDS, type VenueId } from '../../venues/registry';
import { venueOn, type AlertSettings, type HeldPosition } from './conditions';
import { keptFields } from './store';

/** Where the wallets set in the options come from, and their positions (see index.ts, WalletsSource). */
export interface WalletsSource {
  /** The addresses set in the options, per venue that publishes positions by address. */
  addresses(): Promise<Partial<Record<VenueId, string>>>;
  /** The wallet's open positions from the venue's public API, or null when the fetch failed. */
  positions(venue: VenueId, address: string): Promise<HeldPosition[] | null>;
}

/** A wallet's positions at its last successful fetch, and the address they belong to. */
export interface WalletKnown {
  venue: VenueId;
  address: string;
  held: HeldPosition[];
}

const WalletKnownSchema = v.object({
  venue: v.picklist(VENUE_IDS),
  address: v.pipe(v.string(), v.maxLength(200)),
  held: v.pipe(
    v.array(
      v.object({
        position: ReportedPosition,
        origin: v.object({ url: v.pipe(v.string(), v.maxLength(2048)) }),
        reportedAt: v.pipe(v.number(), v.finite()),
      }),
    ),
    v.maxLength(MAX_REPORTED_POSITIONS),
  ),
});

/**
 * What the wallets held at their last successful fetch, per venue: kept between checks (and, through
 * dump/restore, across worker restarts) until a fetch of the same wallet says otherwise, or the
 * wallet, its venue or the alerts are switched off. The source is read at each call: the caller's
 * dependencies may be swapped after creation (tests do).
 */
export function createWalletMemory(sourceOf: () => WalletsSource | undefined) {
  let known = new Map<VenueId, WalletKnown>();
  return {
    /** The wallet addresses set, on the venues switched on; null when they could not be read. */
    async addresses(s: AlertSettings): Promise<Map<VenueId, string> | null> {
      const out = new Map<VenueId, string>();
      const source = sourceOf();
      if (!source) return out;
      let set: Partial<Record<VenueId, string>>;
      try {
        set = await source.addresses();
      } catch {
        return null;
      }
      for (const venue of VENUE_IDS) {
        const address = set[venue];
        if (address && venueOn(s, venue)) out.set(venue, address);
      }
      return out;
    },

    /**
     * Drops the wallets' last positions that are no longer watched: the wallet was removed or replaced,
     * its venue switched off, or the alerts (whose checks alone fetch them) switched off. Addresses that
     * could not be read (null) drop nothing on their account.
     */
    dropUnwatched(s: AlertSettings, addresses: Map<VenueId, string> | null): void {
      for (const [venue, k] of known) {
        const watched = s.enabled && venueOn(s, venue) && (addresses === null || addresses.get(venue) === k.address);
        if (!watched) known.delete(venue);
      }
    },

    /**
     * Asks each watched wallet for its positions. A wallet that answered replaces what it held (a
     * position it no longer lists has closed); one that did not keeps its last positions. Returns what
     * the wallets that answered hold now, per venue.
     */
    async fetch(addresses: Map<VenueId, string>): Promise<Map<VenueId, HeldPosition[]>> {
      const fresh = new Map<VenueId, HeldPosition[]>();
      const source = sourceOf();
      if (!source) return fresh;
      await Promise.all(
        [...addresses].map(async ([venue, address]) => {
          let got: HeldPosition[] | null;
          try {
            got = await source.positions(venue, address);
          } catch {
            got = null;
          }
          if (got === null) return;
          const mine = got.filter((h) => h.position.venue === venue).slice(0, MAX_REPORTED_POSITIONS);
          fresh.set(venue, mine);
          // Kept between checks with no more than the page reports keep (no leverage, no PnL, no tab).
          known.set(venue, {
            venue,
            address,
            held: mine.map((h) => ({ position: keptFields(h.position), origin: { url: h.origin.url }, reportedAt: h.reportedAt })),
          });
        }),
      );
      return fresh;
    },

    /** Every wallet's positions: `fresh` where a fetch just answered, else the last known. */
    held(fresh: ReadonlyMap<VenueId, HeldPosition[]> = new Map()): HeldPosition[] {
      return [...known.values()].flatMap((w) => fresh.get(w.venue) ?? w.held);
    },

    get size(): number {
      return known.size;
    },

    dump(): WalletKnown[] {
      return [...known.values()];
    },

    /** Each wallet on its own: one unreadable entry must not cost the others (or the rest of the state). */
    restore(stored: unknown): void {
      known = new Map();
      for (const w of Array.isArray(stored) ? (stored as unknown[]) : []) {
        const parsed = v.safeParse(WalletKnownSchema, w);
        if (parsed.success) known.set(parsed.output.venue, parsed.output);
      }
    },
  };
}
