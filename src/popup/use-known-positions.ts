import { useEffect, useState } from 'preact/hooks';
import { requestKnownPositions, requestPositions } from '../platform/messages-client';
import type { Position } from '../venues/position-types';
import { WALLET_VENUE_IDS, type VenueId, type WalletVenueId } from '../venues/registry';

const sameSlot = (a: Position, b: Position) => a.venue === b.venue && a.symbol === b.symbol && a.side === b.side;

/** One key per position slot (a venue holds one long and one short per market). */
export const positionKey = (p: Pick<Position, 'venue' | 'symbol' | 'side'>) => `${p.venue}:${p.symbol}:${p.side}`;

/**
 * The open positions PerpLens knows: those the open exchange tabs reported and those of the wallets
 * set in the options, on the venues switched on. Lifted out of the list that shows them because
 * What if is prefilled from them too, and both must see the same positions.
 */
export function useKnownPositions(venues: readonly VenueId[], wallets: Partial<Record<WalletVenueId, string>>): Position[] {
  const [reported, setPositions] = useState<Position[]>([]);
  useEffect(() => {
    let alive = true;
    const add = (more: Position[]) => {
      // A tab and a wallet can report the same position: the first report of a slot is kept.
      if (alive) setPositions((prev) => [...prev, ...more.filter((p) => !prev.some((q) => sameSlot(p, q)))]);
    };
    void requestKnownPositions().then((r) => add(r.ok ? r.positions : []));
    for (const venue of WALLET_VENUE_IDS) {
      const address = wallets[venue];
      if (address && venues.includes(venue)) void requestPositions(venue, address).then((r) => add(r.ok ? r.positions : []));
    }
    return () => {
      alive = false;
    };
  }, [WALLET_VENUE_IDS.map((id) => wallets[id] ?? '').join(), venues.join()]);
  // A venue switched off since the report is hidden at once, without asking again.
  return reported.filter((p) => venues.includes(p.venue));
}
