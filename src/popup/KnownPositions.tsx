import { useEffect, useState } from 'preact/hooks';
import { DEFAULT_VIEW_SETTINGS, positionView } from '../core';
import { requestKnownPositions, requestPositions } from '../messages-client';
import { formatPercent } from '../ui/format';
import { contractState } from '../ui/market-state';
import { marketInputs } from '../ui/panel/market-inputs';
import { VENUE_NAMES } from '../venues/names';
import type { Position } from '../venues/position-types';
import type { VenueId } from '../venues/types';
import { marketKey, useMarkets } from './use-markets';

interface Props {
  refreshMs: number;
  staleAfter: number;
  dangerBelow: number;
  cautionBelow: number;
  /** The venues switched on in the options: positions elsewhere are not shown or fetched. */
  venues: readonly VenueId[];
  /** Wallet addresses from the options: their positions come from the venues' public APIs. */
  wallets: { hyperliquid?: string; dydx?: string };
}

const sameSlot = (a: Position, b: Position) => a.venue === b.venue && a.symbol === b.symbol && a.side === b.side;

/** Positions the open exchange tabs reported and those of the configured wallets, nearest to liquidation first. */
export function KnownPositions({ venues, refreshMs, staleAfter, dangerBelow, cautionBelow, wallets }: Props) {
  const [reported, setPositions] = useState<Position[]>([]);
  const positions = reported.filter((p) => venues.includes(p.venue));
  useEffect(() => {
    let alive = true;
    const add = (more: Position[]) => {
      if (alive) setPositions((prev) => [...prev, ...more.filter((p) => !prev.some((q) => sameSlot(p, q)))]);
    };
    void requestKnownPositions().then((r) => add(r.ok ? r.positions : []));
    for (const venue of ['hyperliquid', 'dydx'] as const) {
      const address = wallets[venue];
      if (address && venues.includes(venue)) void requestPositions(venue, address).then((r) => add(r.ok ? r.positions : []));
    }
    return () => {
      alive = false;
    };
  }, [wallets.hyperliquid, wallets.dydx, venues.join()]);
  const states = useMarkets(positions, refreshMs);
  if (!positions.length) return null;
  const settings = { ...DEFAULT_VIEW_SETTINGS, dangerBelow, cautionBelow };
  const rows = positions.map((p) => {
    const st = states.get(marketKey(p));
    const m = st?.status === 'ready' ? marketInputs(st.snapshot, settings.window) : null;
    // The page's mark in a report can be a minute old; a fresh snapshot's mark is better here.
    const v = positionView({ ...p, markPrice: m ? null : p.markPrice, liqSource: p.liqSource ?? (p.source === 'api' ? 'api' : 'page') }, m, settings, Date.now());
    return { p, v, state: st ? contractState(st, Date.now(), staleAfter).state : 'loading' };
  });
  rows.sort((a, b) => ('value' in a.v.distance ? a.v.distance.value : Infinity) - ('value' in b.v.distance ? b.v.distance.value : Infinity));
  return (
    <section class="known" aria-label="Your open positions">
      <h2>Open positions</h2>
      {rows.map(({ p, v, state }) => (
        <div class="row" key={`${p.venue}:${p.symbol}:${p.side}`} data-perplens-position="" data-venue={p.venue} data-symbol={p.symbol} data-side={p.side} data-state={state}>
          <span class="label">
            {p.side === 'long' ? 'Long' : 'Short'} {p.symbol} · {VENUE_NAMES[p.venue]}
          </span>
          <span
            class={`value${v.band ? ` tone-${v.band}` : ''}${'value' in v.distance ? '' : ' unknown'}`}
            data-field="liq-distance"
            data-value={'value' in v.distance ? String(v.distance.value) : ''}
            title={'unknown' in v.distance ? v.distance.unknown : 'distance to the liquidation price'}
          >
            {'value' in v.distance ? formatPercent(v.distance.value, 2) : '—'}
          </span>
        </div>
      ))}
    </section>
  );
}
