import { VENUE_NAMES } from '../venues/names';
import type { InstrumentsReply, PositionsReply, Request, SnapshotReply } from '../protocol/messages';
import type { Feeds, Http } from '../venues/market-types';
import type { VenueMarkets } from '../venues/markets';
import type { VenueId } from '../venues/types';
import type { OiRecorder } from './oi-recorder';
import type { Flow } from './flow';
import { buildSnapshot, loadInstruments, type SnapshotCaches } from './snapshot';

export interface RouterDeps {
  venues: Record<VenueId, VenueMarkets>;
  gates: Record<VenueId, Http>;
  caches: SnapshotCaches;
  recorder: OiRecorder;
  /** The liquidation feeds, run while views ask for their markets. */
  flow?: Flow;
  /** The pushed quote feeds, opened while views ask for their markets. */
  feeds?: Feeds;
  now: () => number;
  /** Told which markets are being looked at (for OI recording and alarms). */
  onWatched?: (venue: VenueId, symbol: string) => void;
}

export type Reply = SnapshotReply | InstrumentsReply | PositionsReply;

export function createRouter(deps: RouterDeps) {
  const depsFor = (venue: VenueId) => ({
    client: deps.venues[venue].client,
    liquidation: deps.venues[venue].descriptor.liquidation,
    http: deps.gates[venue],
    caches: deps.caches,
    recorder: deps.recorder,
    ...(deps.flow ? { flow: deps.flow } : {}),
    ...(deps.feeds ? { feeds: deps.feeds } : {}),
    now: deps.now,
  });

  async function snapshot(venue: VenueId, symbol: string): Promise<SnapshotReply> {
    deps.onWatched?.(venue, symbol);
    const r = await buildSnapshot(depsFor(venue), symbol);
    return r.ok ? { ok: true, snapshot: r.value } : { ok: false, error: r.error };
  }

  async function instruments(venue: VenueId): Promise<InstrumentsReply> {
    const list = await loadInstruments(depsFor(venue));
    return list.ok ? { ok: true, instruments: list.value.map((i) => ({ symbol: i.symbol, asset: i.asset })) } : { ok: false, error: list.error };
  }

  async function positions(venue: VenueId, address: string): Promise<PositionsReply> {
    const entry = deps.venues[venue];
    if (!entry.positions || !entry.isAddress?.(address)) {
      return { ok: false, error: { kind: 'bad-request', venue, endpoint: '', message: `Not a ${VENUE_NAMES[venue]} wallet address` } };
    }
    const r = await entry.positions(address, deps.gates[venue]);
    return r.ok ? { ok: true, positions: r.value } : { ok: false, error: r.error };
  }

  /** Market and address requests; position reports and the known-positions list belong to the alerts. */
  const route = async function route(request: Exclude<Request, { type: 'positions.report' | 'positions.known' | 'panel.view' | 'panel.ask' }>): Promise<Reply> {
    switch (request.type) {
      case 'market.snapshot':
        return snapshot(request.venue, request.symbol);
      case 'market.instruments':
        return instruments(request.venue);
      case 'positions.address':
        return positions(request.venue, request.address);
    }
  };
  return { route, snapshot, positions };
}
