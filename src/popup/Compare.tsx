import { fundingOutlier, median, OUTLIER_FLOOR_8H, OUTLIER_SIGMAS } from '../core/funding-outlier';
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

/** How an outlier is decided (core/funding-outlier.ts), said where the verdict is shown. */
const OUTLIER_RULE = `A venue is named an outlier only when it alone stands apart: its rate per 8h is more than ${OUTLIER_SIGMAS} robust standard deviations (from the median absolute deviation of the other venues) and more than ${formatPercent(OUTLIER_FLOOR_8H, 4)} per 8h away from the other venues' median. Venues that all agree, or two camps, name none.`;

/** How far venue `i` stands from the median of the others, per 8h: the figure the rule measures. */
const gapFromOthers = (rates8h: readonly number[], i: number): number | null => {
  const r = rates8h[i];
  return r === undefined ? null : r - median(rates8h.filter((_, j) => j !== i));
};

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
  const gap =
    at === null
      ? null
      : gapFromOthers(
          rows.map((r) => r.r8),
          at,
        );
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
                <td data-field="funding-rate-8h" data-value={String(r.r8)}>
                  {formatPercent(r.r8, 4, true)}
                </td>
                <td data-field="funding-apr" data-value={String(r.apr)}>
                  {formatPercent(r.apr, 1, true)}
                </td>
                <td>{r.interval}h</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rows.length > 0 && (
        <p class="status" data-field="funding-outlier" data-value={outlier ? outlier.item.venue : 'none'}>
          {outlier && gap !== null
            ? `Outlier: ${VENUE_NAMES[outlier.item.venue]}, ${formatPercent(gap, 4, true)} per 8h from the others' median.`
            : rows.length < 3
              ? 'No outlier: it takes at least three venues to tell one apart.'
              : 'No outlier: no single venue stands apart from the others.'}
        </p>
      )}
      {spread !== null && (
        <p data-field="funding-apr-spread" data-value={String(spread)}>
          Spread between venues: {formatPercent(spread, 1)} APR
        </p>
      )}
      <p class="status note">{OUTLIER_RULE}</p>
    </section>
  );
}
