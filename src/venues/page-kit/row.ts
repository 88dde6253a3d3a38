import { crossCheck } from '../../core';
import type { Side } from '../../core/types';
import type { RowRead } from '../page-reader-types';
import type { MarginMode } from '../position-types';
import type { VenueId } from '../types';

/** What a reader pulled out of one row, before the checks. Sizes in BASE units, unsigned. */
export interface RawRow {
  symbol: string | null;
  side: Side | null;
  size: number | null;
  entryPrice: number | null;
  markPrice: number | null;
  liqPrice: number | null;
  margin: number | null;
  walletMargin?: number | null;
  marginMode: MarginMode | null;
  leverage: number | null;
  unrealizedPnl: number | null;
}

/**
 * Turns a raw row into a position, or into "can't read" with the reason: required figures present,
 * then the cross-checks of pages.md. Every reader ends here, so the rules are the same everywhere.
 */
export function finishRow(venue: VenueId, raw: RawRow): RowRead {
  const fail = (reason: string): RowRead => ({ ok: false, reason, symbol: raw.symbol, side: raw.side });
  if (!raw.symbol) return fail('no market symbol in the row');
  if (!raw.side) return fail('cannot tell whether the position is long or short');
  if (raw.size === null) return fail('no readable size');
  if (raw.entryPrice === null) return fail('no readable entry price');
  const problem = crossCheck({
    side: raw.side,
    size: raw.size,
    entryPrice: raw.entryPrice,
    markPrice: raw.markPrice,
    liqPrice: raw.liqPrice,
    margin: raw.margin,
    leverage: raw.leverage,
  });
  if (problem) return fail(problem);
  return {
    ok: true,
    position: {
      venue,
      symbol: raw.symbol,
      side: raw.side,
      size: raw.size,
      entryPrice: raw.entryPrice,
      markPrice: raw.markPrice,
      liqPrice: raw.liqPrice !== null && raw.liqPrice > 0 ? raw.liqPrice : null,
      margin: raw.margin,
      walletMargin: raw.walletMargin ?? null,
      marginMode: raw.marginMode,
      leverage: raw.leverage,
      unrealizedPnl: raw.unrealizedPnl,
      source: 'page',
    },
  };
}
