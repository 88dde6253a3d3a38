import type { VenueRecord, WalletCapability } from './record-types';
import { binanceVenue } from './binance/venue';
import { bitgetVenue } from './bitget/venue';
import { bybitVenue } from './bybit/venue';
import { dydxVenue } from './dydx/venue';
import { gmxVenue } from './gmx/venue';
import { hyperliquidVenue } from './hyperliquid/venue';
import { lighterVenue } from './lighter/venue';
import { okxVenue } from './okx/venue';

/**
 * Every venue PerpLens reads, one line each, in the order the options and the manifest list them.
 * Adding a venue is its folder under src/venues/ (with its record, `venue.ts`, and its page entry,
 * `content.ts`) and a line here; everything below is derived.
 */
export const VENUE_RECORDS = [binanceVenue, bybitVenue, okxVenue, hyperliquidVenue, dydxVenue, bitgetVenue, gmxVenue, lighterVenue] as const;

// The page's scripts import no value from here (tests/unit/house/import-boundaries.test.ts): each
// carries only its own venue. The derived tables are built at load time; the annotations let a
// bundle that uses one of them leave the others out.

export type VenueId = (typeof VENUE_RECORDS)[number]['id'];
/** The venues that publish positions by wallet address. */
export type WalletVenueId = Extract<(typeof VENUE_RECORDS)[number], { wallet: WalletCapability }>['id'];

export const VENUE_IDS: readonly VenueId[] = /* @__PURE__ */ VENUE_RECORDS.map((r) => r.id);

const BY_ID: ReadonlyMap<string, VenueRecord> = /* @__PURE__ */ new Map(VENUE_RECORDS.map((r) => [r.id, r]));

/** The record of a venue id (every VenueId has one). */
export function venueRecord(id: VenueId): VenueRecord {
  const r = BY_ID.get(id);
  if (!r) throw new Error(`no venue ${id}`);
  return r;
}

export const isVenueId = (s: string): s is VenueId => BY_ID.has(s);

/** A record with one entry per venue. */
export function perVenue<T>(make: (venue: VenueId) => T): Record<VenueId, T> {
  // The keys are exactly VENUE_IDS, which is what the type says.
  return Object.fromEntries(VENUE_IDS.map((id) => [id, make(id)])) as Record<VenueId, T>;
}

export const VENUE_NAMES: Readonly<Record<VenueId, string>> = /* @__PURE__ */ perVenue((id) => venueRecord(id).descriptor.name);

export const WALLET_VENUE_IDS: readonly WalletVenueId[] = /* @__PURE__ */ VENUE_RECORDS.flatMap((r) => ('wallet' in r ? [r.id] : []));

export const isWalletVenue = (id: VenueId): id is WalletVenueId => (WALLET_VENUE_IDS as readonly string[]).includes(id);

/** The wallet handling of a venue that has it. */
export function walletOf(id: WalletVenueId): WalletCapability {
  const w = venueRecord(id).wallet;
  if (!w) throw new Error(`${id} publishes no positions by address`);
  return w;
}

/** A record with one entry per wallet venue. */
export function perWalletVenue<T>(make: (venue: WalletVenueId) => T): Record<WalletVenueId, T> {
  // The keys are exactly WALLET_VENUE_IDS, which is what the type says.
  return Object.fromEntries(WALLET_VENUE_IDS.map((id) => [id, make(id)])) as Record<WalletVenueId, T>;
}
