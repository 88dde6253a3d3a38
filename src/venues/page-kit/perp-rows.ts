// What both ways of reading a positions table (by captions, perp-table.ts; by value patterns,
// perp-patterns.ts) share: the row outcomes and the rows to skip.
import type { Side } from '../../core/types';
import type { RowRead } from '../page-reader-types';
import { visibleText, type TableRow } from './table';
import { isHeaderCellRow, placeholderText } from './table-state';
import { textPieces } from './text-pieces';

export const NOTE_QUOTE_SIZE = 'sizes shown in the quote currency were converted to base units at the mark price';

export interface RowsRead {
  rows: RowRead[];
  /** Rows with cells but no text yet (skeleton rows rendered while loading). */
  skeletons: number;
  notes: string[];
}

/** Text of an element with a space between its text nodes ("<span>BTCUSDT</span><span>Perp</span>" → "BTCUSDT Perp"). */
export const spacedText = (el: Element): string => textPieces(el).join(' ');

/** An empty-state row ("No data" spanning the table), an expanded detail row, or a repeated header row. */
export const isPlaceholder = (row: TableRow): boolean => placeholderText(row) !== null || isHeaderCellRow(row);

export const isSkeleton = (row: TableRow): boolean => row.cells.every((c) => c === null || visibleText(c) === '');

export function fail(reason: string, symbol: string | null, side: Side | null): RowRead {
  return { ok: false, reason, symbol, side };
}
