import type { RegimeThresholds, RegimeWindow } from '../core';
import type { MarketState } from '../ui/market-state';
import type { PageMatch } from '../venues/types';
import { marketKey } from './use-markets';
import { WatchRow } from './WatchRow';

interface Props {
  items: readonly PageMatch[];
  states: Map<string, MarketState>;
  window: RegimeWindow;
  now: number;
  staleAfterMs: number;
  thresholds: RegimeThresholds;
  onRemove: (item: PageMatch) => void;
}

/**
 * The watchlist as one compact table, a row per market: the figures to scan across markets in the
 * row, the rest in details a row opens to. Fifteen cards of fourteen figures were 2,600 px tall.
 */
export function WatchTable({ items, states, window, now, staleAfterMs, thresholds, onRemove }: Props) {
  return (
    <table class="watch-table">
      <caption>
        Funding per 8 h: <span class="stretch-stretched">amber</span> stretched, <span class="stretch-extreme">red</span> extreme · OI and regime over {window}
      </caption>
      <thead>
        <tr>
          <th scope="col" class="x">
            <span class="sr-only">Details</span>
          </th>
          <th scope="col">Venue</th>
          <th scope="col">Symbol</th>
          <th scope="col">Mark</th>
          <th scope="col" title="funding rate scaled to 8 hours, to compare venues">
            Per 8h
          </th>
          <th scope="col" title="funding rate over a year">
            APR
          </th>
          <th scope="col" title={`open interest change over ${window}`}>
            OI {window}
          </th>
          <th scope="col" title={`price and open interest over ${window}, with funding`}>
            Regime {window}
          </th>
          <th scope="col" title="the side paying stretched funding">
            Crowded
          </th>
        </tr>
      </thead>
      {items.map((item) => (
        <WatchRow
          key={marketKey(item)}
          item={item}
          state={states.get(marketKey(item))}
          window={window}
          now={now}
          staleAfterMs={staleAfterMs}
          thresholds={thresholds}
          onRemove={() => onRemove(item)}
        />
      ))}
    </table>
  );
}
