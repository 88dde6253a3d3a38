import type { QuoteFigure } from '../../venues/market-types';
import type { MarketSnapshot, SnapshotPart } from '../../venues/snapshot-types';
import { formatAge } from '../format';

/**
 * Where a part of the market data came from and how old it is, for a figure's explanation:
 * "candles /fapi/v1/klines, 3m old". Open interest PerpLens records itself says so.
 */
export function partNote(snapshot: MarketSnapshot | null, part: SnapshotPart, now: number): string {
  if (!snapshot) return 'market data not loaded yet';
  const status = snapshot.parts[part];
  const source = status.source === 'recorded' ? 'snapshots PerpLens recorded while watching' : (status.source ?? 'no data yet');
  const age = status.fetchedAt === null ? '' : `, ${formatAge(Math.max(0, now - status.fetchedAt))} old`;
  const failing = status.error ? `; last refresh failed: ${status.error.message}` : '';
  return `${PART_NAME[part]}: ${source}${age}${failing}`;
}

const PART_NAME: Readonly<Record<SnapshotPart, string>> = {
  quote: 'quote',
  funding: 'funding history',
  oi: 'open-interest history',
  candles: 'candles',
  tiers: 'margin tiers',
  zones: '15-minute bars',
  crowding: 'account ratios',
  flow: 'liquidation feed',
};

/**
 * One quote figure's own endpoint and the quote's age: "/fapi/v1/premiumIndex; quote 4s old". Some
 * endpoints' answers are shared longer than a quote lives (Binance's fundingInfo for an hour), so
 * the age is the quote's, not the endpoint's.
 */
export function figureNote(snapshot: MarketSnapshot | null, figure: QuoteFigure, now: number): string {
  if (!snapshot) return 'market data not loaded yet';
  const q = snapshot.quote;
  return `${q.figureSources[figure] ?? 'not served by the venue'}; quote ${formatAge(Math.max(0, now - q.fetchedAt))} old`;
}

const INTERVAL_FROM: Readonly<Record<MarketSnapshot['fundingIntervalSource'], string>> = {
  venue: 'the venue',
  history: 'the gap between settlements',
  default: 'the 8h default (the venue did not say)',
};

/** Where the funding interval came from: "from the gap between settlements". */
export function intervalNote(snapshot: MarketSnapshot): string {
  return `from ${INTERVAL_FROM[snapshot.fundingIntervalSource]}`;
}
