import { VENUE_RECORDS, type VenueId } from '../venues/registry';

// Firefox treats MV3 host permissions as optional: the user may never have granted them, or may
// have withdrawn them from the extensions menu. The options page shows what is missing and asks
// for it from a click, the only moment Firefox lets an extension request permissions.

/** The permission calls the page needs, injectable so the form can be tested without a browser. */
export interface HostAccess {
  /** The manifest's host_permissions (match patterns such as `https://api.bybit.com/*`). */
  origins: readonly string[];
  contains(origin: string): Promise<boolean>;
  /** Must be called synchronously inside a click handler. */
  request(origins: string[]): Promise<boolean>;
  /** Calls back when permissions are added or removed elsewhere; returns a function that stops it. */
  watch(cb: () => void): () => void;
}

export interface MissingHosts {
  venue: VenueId | null;
  origins: string[];
}

// A venue's pages and APIs share its registrable domain (fapi.binance.com, www.binance.com), so
// the last two labels of the API host say which venue a manifest origin serves.
const site = (host: string) => host.split('.').slice(-2).join('.');

function hostOf(pattern: string): string | null {
  const m = /^[a-z*]+:\/\/([^/]+)\//.exec(pattern);
  return m?.[1] ?? null;
}

export function venueOfOrigin(pattern: string): VenueId | null {
  const host = hostOf(pattern);
  if (!host) return null;
  return VENUE_RECORDS.find((r) => site(new URL(r.descriptor.apiBase).hostname) === site(host))?.id ?? null;
}

/** The manifest origins not granted, grouped by venue in the manifest's order. */
export async function missingHosts(access: HostAccess): Promise<MissingHosts[]> {
  const granted = await Promise.all(access.origins.map((o) => access.contains(o).catch(() => false)));
  const groups = new Map<VenueId | null, string[]>();
  access.origins.forEach((origin, i) => {
    if (granted[i]) return;
    const venue = venueOfOrigin(origin);
    groups.set(venue, [...(groups.get(venue) ?? []), origin]);
  });
  return [...groups].map(([venue, origins]) => ({ venue, origins }));
}
