import { useEffect, useState } from 'preact/hooks';
import { DEFAULT_VIEW_SETTINGS, positionView } from '../core';
import { requestKnownPositions } from '../messages-client';
import { formatPercent } from '../ui/format';
import { contractState } from '../ui/market-state';
import { marketInputs } from '../ui/panel/market-inputs';
import { VENUE_NAMES } from '../venues/names';
import type { Position } from '../venues/position-types';
import { marketKey, useMarkets } from './use-markets';

/** Positions the open exchange tabs reported, nearest to liquidation first, with their distance. */
export function KnownPositions({ refreshMs, staleAfter, dangerBelow, cautionBelow }: { refreshMs: number; staleAfter: number; dangerBelow: number; cautionBelow: number }) {
  const [positions, setPositions] = useState<Position[]>([]);
  useEffect(() => {
    void requestKnownPositions().then((r) => setPositions(r.ok ? r.positions : []));
  }, []);
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
