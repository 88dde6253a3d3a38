import { fundingOutlier } from '../core/funding-outlier';
import { formatPercent } from '../ui/format';
import type { MarketState } from '../ui/market-state';
import { VENUE_NAMES } from '../venues/names';
import type { PageMatch } from '../venues/types';
import { apr, rate8h } from './market-figures';
import { marketKey } from './use-markets';

interface Props {
  items: readonly PageMatch[];
  states: Map<string, MarketState>;
  asset: string;
  assets: readonly string[];
  onAsset: (a: string) => void;
}

/** One asset's funding on every venue, normalised per 8h and as APR: which venue is the outlier, and the spread. */
export function Compare({ items, states, asset, assets, onAsset }: Props) {
  const rows = items.flatMap((item) => {
    const st = states.get(marketKey(item));
    if (st?.status !== 'ready' || st.snapshot.asset !== asset) return [];
    return [{ item, r8: rate8h(st.snapshot), apr: apr(st.snapshot), interval: st.snapshot.fundingIntervalHours }];
  });
  const aprs = rows.map((r) => r.apr).sort((a, b) => a - b);
  // Named only when one venue really stands apart (core/funding-outlier.ts), never just the farthest.
  const at = fundingOutlier(rows.map((r) => r.r8));
  const outlier = at === null ? null : (rows[at] ?? null);
  const spread = aprs.length >= 2 ? aprs[aprs.length - 1]! - aprs[0]! : null;
  return (
    <section aria-label="Funding across venues">
      <label class="inline">
        Asset{' '}
        <select value={asset} onChange={(e) => onAsset((e.target as HTMLSelectElement).value)}>
          {assets.map((a) => (
            <option value={a} key={a}>
              {a}
            </option>
          ))}
        </select>
      </label>
      {rows.length === 0 ? (
        <p class="status">No loaded market for {asset} yet.</p>
      ) : (
        <table class="compare" data-perplens-compare={asset}>
          <thead>
            <tr>
              <th scope="col">Venue</th>
              <th scope="col">Per 8h</th>
              <th scope="col">APR</th>
              <th scope="col">Interval</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={marketKey(r.item)} class={r === outlier ? 'outlier' : ''} data-venue={r.item.venue} data-symbol={r.item.symbol}>
                <th scope="row">
                  {VENUE_NAMES[r.item.venue]}
                  {r === outlier ? ' (outlier)' : ''}
                </th>
                <td data-field="funding-rate-8h" data-value={String(r.r8)}>{formatPercent(r.r8, 4, true)}</td>
                <td data-field="funding-apr" data-value={String(r.apr)}>{formatPercent(r.apr, 1, true)}</td>
                <td>{r.interval}h</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {spread !== null && (
        <p data-field="funding-apr-spread" data-value={String(spread)}>
          Spread between venues: {formatPercent(spread, 1)} APR
        </p>
      )}
    </section>
  );
}
