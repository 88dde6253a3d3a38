import browser from 'webextension-polyfill';
import { parsePositionsReply, parseSnapshotReply, type PositionsReply, type Request, type SnapshotReply } from '../messages';
import type { VenueId } from '../venues/types';

/** True while this script can still reach its extension (false after an update or reload). */
export function extensionAlive(): boolean {
  try {
    return Boolean(browser.runtime?.id);
  } catch {
    return false;
  }
}

export async function requestSnapshot(venue: VenueId, symbol: string): Promise<SnapshotReply> {
  const request: Request = { type: 'market.snapshot', venue, symbol };
  try {
    const reply = parseSnapshotReply(await browser.runtime.sendMessage(request));
    if (reply) return reply;
    return { ok: false, error: { kind: 'schema', venue, endpoint: 'runtime', message: 'PerpLens background sent an unexpected reply' } };
  } catch (err) {
    const message = extensionAlive()
      ? `PerpLens background is unavailable (${err instanceof Error ? err.message : 'no reply'})`
      : 'PerpLens was updated or reloaded: reload this page';
    return { ok: false, error: { kind: 'network', venue, endpoint: 'runtime', message } };
  }
}

export async function requestPositions(venue: 'hyperliquid' | 'dydx', address: string): Promise<PositionsReply> {
  const request: Request = { type: 'positions.address', venue, address };
  try {
    const reply = parsePositionsReply(await browser.runtime.sendMessage(request));
    if (reply) return reply;
    return { ok: false, error: { kind: 'schema', venue, endpoint: 'runtime', message: 'PerpLens background sent an unexpected reply' } };
  } catch (err) {
    return { ok: false, error: { kind: 'network', venue, endpoint: 'runtime', message: err instanceof Error ? err.message : 'no reply' } };
  }
}
