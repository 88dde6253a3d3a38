import type { MarketSnapshot } from '../venues/snapshot-types';
import { VENUE_NAMES } from '../venues/names';
import { known, unknown, type FieldValue } from './field-value';
import { formatClock, formatNumber } from './format';

// The liquidation flow as fields, in the panel and the popup alike: longs and shorts force-closed on
// the market over the last hour and day, what the record covers (`data-covered-ms`), and that every
// figure is a floor.

export type FlowName = 'liquidations-long-1h' | 'liquidations-short-1h' | 'liquidations-long-24h' | 'liquidations-short-24h';
export const FLOW_FIELDS: readonly { name: FlowName; side: 'long' | 'short'; window: '1h' | '24h'; label: string }[] = [
  { name: 'liquidations-long-1h', side: 'long', window: '1h', label: 'Longs liquidated 1h' },
  { name: 'liquidations-short-1h', side: 'short', window: '1h', label: 'Shorts liquidated 1h' },
  { name: 'liquidations-long-24h', side: 'long', window: '24h', label: 'Longs liquidated 24h' },
  { name: 'liquidations-short-24h', side: 'short', window: '24h', label: 'Shorts liquidated 24h' },
];

const WINDOW_MS = { '1h': 3_600_000, '24h': 86_400_000 } as const;

/** An amount of quote currency in few characters: "1.3M USDT", "820k USDT", "0 USDT". */
export function compactAmount(x: number, quote: string | null): string {
  const [div, unit] = x >= 1e9 ? [1e9, 'B'] : x >= 1e6 ? [1e6, 'M'] : x >= 1e3 ? [1e3, 'k'] : [1, ''];
  return `${formatNumber(x / div, div === 1 ? 0 : 1)}${unit}${quote ? ` ${quote}` : ''}`;
}

/** One flow figure: its value, the covered time for `data-covered-ms`, and its hover. */
export function flowField(
  s: MarketSnapshot | null,
  f: (typeof FLOW_FIELDS)[number],
  why: string,
): { field: FieldValue; data?: Record<string, string>; explain: string } {
  const floor = 'a floor: the venue publishes at most about one liquidation per market per second, so a cascade is undercounted';
  const what = `${f.side === 'long' ? 'Longs' : 'Shorts'} force-closed on this market over the last ${f.window === '1h' ? 'hour' : '24 hours'}, in the quote currency`;
  if (!s) return { field: unknown(why), explain: what };
  const flow = s.flow;
  if (flow.status === 'not-published') {
    return {
      field: unknown(`not published by ${VENUE_NAMES[s.venue]}: it has no market-wide liquidation feed, and PerpLens does not infer one`),
      explain: what,
    };
  }
  if (flow.status === 'unavailable') return { field: unknown(flow.reason), explain: what };
  const w = flow[f.window];
  const source = `from ${VENUE_NAMES[s.venue]}'s ${flow.source}`;
  if (!w || flow.coveredFrom === null) {
    const reason = flow.error ? `no liquidation feed yet: ${flow.error}` : `connecting to ${VENUE_NAMES[s.venue]}'s liquidation feed`;
    return { field: unknown(reason), explain: `${what}, ${source}` };
  }
  const x = f.side === 'long' ? w.long : w.short;
  const partial = w.coveredMs < WINDOW_MS[f.window];
  const since = partial ? ` since ${formatClock(flow.coveredFrom)}` : '';
  const state = flow.connection === 'retrying' && flow.error ? `; reconnecting: ${flow.error}` : '';
  return {
    field: known(x, `${compactAmount(x, s.quoteCurrency ?? null)}${since}`),
    data: { 'data-covered-ms': String(Math.round(w.coveredMs)) },
    explain: `${what}, ${source}; ${floor}${partial ? `; seen since ${formatClock(flow.coveredFrom)}, when PerpLens began watching, so the window is not yet covered` : ''}${state}`,
  };
}
