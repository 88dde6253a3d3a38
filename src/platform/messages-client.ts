import browser from 'webextension-polyfill';
import { extensionAlive } from './extension';
import type { FetchError } from '../venues/market-types';
import {
  parseInstrumentsReply,
  parsePositionsReply,
  parseSnapshotReply,
  type InstrumentsReply,
  type PositionsReply,
  type Request,
  type SnapshotReply,
} from '../protocol/messages';
import type { VenueId } from '../venues/types';
import type { WalletVenueId } from '../venues/registry';

/**
 * Sends one request to the background and validates the reply; every failure (no background, an
 * orphaned script after an update, a reply of the wrong shape) becomes a typed error.
 */
async function ask<R>(request: Request, venue: VenueId | null, parse: (x: unknown) => R | null): Promise<R | { ok: false; error: FetchError }> {
  try {
    const reply = parse(await browser.runtime.sendMessage(request));
    if (reply) return reply;
    return { ok: false, error: { kind: 'schema', venue, endpoint: 'runtime', message: 'PerpLens background sent an unexpected reply' } };
  } catch (err) {
    const message = extensionAlive()
      ? `PerpLens background is unavailable (${err instanceof Error ? err.message : 'no reply'})`
      : 'PerpLens was updated or reloaded: reload this page';
    return { ok: false, error: { kind: 'network', venue, endpoint: 'runtime', message } };
  }
}

export const requestSnapshot = (venue: VenueId, symbol: string): Promise<SnapshotReply> =>
  ask({ type: 'market.snapshot', venue, symbol }, venue, parseSnapshotReply);

export const requestPositions = (venue: WalletVenueId, address: string): Promise<PositionsReply> =>
  ask({ type: 'positions.address', venue, address }, venue, parsePositionsReply);

export const requestInstruments = (venue: VenueId): Promise<InstrumentsReply> => ask({ type: 'market.instruments', venue }, venue, parseInstrumentsReply);

export const requestKnownPositions = (): Promise<PositionsReply> => ask({ type: 'positions.known' }, null, parsePositionsReply);
