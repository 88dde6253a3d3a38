import type { Http, Result, VenueDescriptor, VenueMarketClient } from './market-types';
import type { Position } from './position-types';
import { perVenue, venueRecord, type VenueId } from './registry';

export interface VenueMarkets {
  client: VenueMarketClient;
  descriptor: VenueDescriptor;
  /** Positions by wallet address, for the venues that publish them (Hyperliquid, dYdX). */
  positions?: (address: string, http: Http) => Promise<Result<Position[]>>;
  isAddress?: (address: string) => boolean;
}

/** Every venue's market-data client, behind the one interface (ccxt-style), from the registry. */
export const VENUE_MARKETS: Record<VenueId, VenueMarkets> = /* @__PURE__ */ perVenue((id) => {
  const { client, descriptor, wallet } = venueRecord(id);
  return wallet ? { client, descriptor, positions: wallet.positions, isAddress: wallet.isAddress } : { client, descriptor };
});
