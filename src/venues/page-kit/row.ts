import { crossCheck } from '../../core';
import type { Side } from '../../core/types';
import type { RowRead } from '../page-reader-types';
import type { MarginMode, Position } from '../position-types';
import type { VenueId } from '../types';
import { visibleText } from './table';

/** What a reader pulled out of one row, before the checks. Sizes in BASE units, unsigned. */
export interface RawRow {
  symbol: string | null;
  side: Side | null;
  size: number | null;
  entryPrice: number | null;
  markPrice: number | null;
  liqPrice: number | null;
  /** Why a null `liqPrice` is "not read" rather than "the venue shows none" (see `liqUnread`). */
  liqUnread?: string;
  margin: number | null;
  walletMargin?: number | null;
  /** Collateral in the base asset itself, base units (GMX: SOL backing SOL/USD). */
  collateralInBase?: number;
  marginMode: MarginMode | null;
  leverage: number | null;
  unrealizedPnl: number | null;
}

export const LIQ_NO_COLUMN = 'liquidation price not read: the page shows no liquidation price column';
export const LIQ_NOT_BY_PATTERNS = 'liquidation price not read: with unknown captions it cannot be told from the other prices';

// What venues print when a position has no liquidation price (--, —, N/A).
const SHOWS_NONE = /^(?:[-\u2010-\u2015\u2212]+|n\/?a)$/iu;

/**
 * A null liquidation price means "the venue shows none" only when the cell says so. A missing column
 * or an unreadable cell is "not read": the panel then computes one or says it is unknown, and never
 * claims the position has no liquidation price.
 */
export function liqUnread(cell: Element | null | undefined, value: number | null, emptyShowsNone = false): string | undefined {
  if (value !== null) return undefined;
  if (!cell) return LIQ_NO_COLUMN;
  const text = visibleText(cell).trim();
  if (SHOWS_NONE.test(text) || (emptyShowsNone && text === '')) return undefined;
  return 'liquidation price not read: its cell is empty or unreadable';
}

/**
 * Turns a raw row into a position, or into "can't read" with the reason: required figures present,
 * then the cross-checks of docs/reading-pages.md. Every reader ends here, so the rules are the same everywhere.
 */
export function finishRow(venue: VenueId, raw: RawRow): RowRead {
  const fail = (reason: string): Extract<RowRead, { ok: false }> => ({ ok: false, reason, symbol: raw.symbol, side: raw.side });
  if (!raw.symbol) return fail('no market symbol in the row');
  if (!raw.side) return fail('cannot tell whether the position is long or short');
  if (raw.size === null) return fail('no readable size');
  if (raw.entryPrice === null) return fail('no readable entry price');
  const figures = {
    side: raw.side,
    size: raw.size,
    entryPrice: raw.entryPrice,
    markPrice: raw.markPrice,
    liqPrice: raw.liqPrice,
    margin: raw.margin,
    leverage: raw.leverage,
  };
  const position: Position = {
    venue,
    symbol: raw.symbol,
    side: raw.side,
    size: raw.size,
    entryPrice: raw.entryPrice,
    markPrice: raw.markPrice,
    liqPrice: raw.liqPrice !== null && raw.liqPrice > 0 ? raw.liqPrice : null,
    ...(raw.liqPrice === null && raw.liqUnread !== undefined ? { liqNotServed: raw.liqUnread } : {}),
    margin: raw.margin,
    walletMargin: raw.walletMargin ?? null,
    ...(raw.collateralInBase !== undefined ? { collateralInBase: raw.collateralInBase } : {}),
    marginMode: raw.marginMode,
    leverage: raw.leverage,
    unrealizedPnl: raw.unrealizedPnl,
    source: 'page',
  };
  const problem = crossCheck(figures);
  if (!problem) return { ok: true, position };
  // The only fault is the mark at or past the liquidation price: a misread, or the mark walking
  // there. Which one is told by the row's past (background/panel/liquidation-memory.ts).
  const crossedOnly = position.liqPrice !== null && raw.markPrice !== null && crossCheck({ ...figures, liqPrice: null }) === null;
  return crossedOnly ? { ...fail(problem), crossed: position } : fail(problem);
}
