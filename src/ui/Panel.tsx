import { useState } from 'preact/hooks';
import { MarketBlock } from './MarketBlock';
import type { MarketState } from './market-state';
import type { Window } from '../venues/market-types';
import type { VenueId } from '../venues/types';

export const VENUE_NAMES: Record<VenueId, string> = {
  binance: 'Binance',
  bybit: 'Bybit',
  okx: 'OKX',
  hyperliquid: 'Hyperliquid',
  dydx: 'dYdX',
};

export interface PanelProps {
  venue: VenueId;
  symbol: string;
  market: MarketState;
  now: number;
  staleAfterMs: number;
  window: Window;
}

export function Panel(props: PanelProps) {
  const [open, setOpen] = useState(true);
  return (
    <aside class="panel" role="complementary" aria-label="PerpLens">
      <header>
        <button type="button" class="toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
          <span class="brand">PerpLens</span>
          <span class="where">
            {props.symbol} · {VENUE_NAMES[props.venue]}
          </span>
          <span aria-hidden="true" class="chevron">
            {open ? '▾' : '▸'}
          </span>
        </button>
      </header>
      <div class="body" hidden={!open}>
        <MarketBlock {...props} state={props.market} />
        <p class="note">Positions on this page are not read yet.</p>
      </div>
    </aside>
  );
}
