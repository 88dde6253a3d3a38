import * as v from 'valibot';
import { ReportedPosition } from '../../protocol/positions-report';
import type { WirePageRead } from '../../protocol/messages';
import type { PageRead, RowRead } from '../../venues/page-reader-types';
import type { VenueId } from '../../venues/types';

const symbol = v.pipe(v.string(), v.regex(/^[A-Za-z0-9._:-]{1,40}$/));
const Unreadable = v.object({
  ok: v.literal(false),
  reason: v.pipe(v.string(), v.maxLength(300)),
  symbol: v.nullable(symbol),
  side: v.nullable(v.picklist(['long', 'short'])),
  crossed: v.optional(ReportedPosition),
});
const Readable = v.object({ ok: v.literal(true), position: ReportedPosition });

/**
 * The rows of a page read, each checked on its own: a position with an impossible figure (a zero
 * price, another venue) becomes an unreadable row with the reason, never a number on the panel.
 */
export function checkRows(read: WirePageRead, venue: VenueId): PageRead {
  const rows: RowRead[] = read.rows.map((raw) => {
    const ok = v.safeParse(Readable, raw);
    if (ok.success) {
      const { atLiquidation: _claimed, ...position } = ok.output.position;
      return position.venue === venue
        ? { ok: true, position }
        : { ok: false, reason: 'position of another venue', symbol: position.symbol, side: position.side };
    }
    const bad = v.safeParse(Unreadable, raw);
    if (bad.success) {
      // A page cannot declare a position at liquidation: only the background's memory of the row can.
      const { crossed, ...row } = bad.output;
      const usable = crossed && crossed.venue === venue && !crossed.atLiquidation && crossed.symbol === row.symbol && crossed.side === row.side;
      return usable ? { ...row, crossed } : row;
    }
    return { ok: false, reason: 'the page row has values PerpLens cannot use', symbol: null, side: null };
  });
  return { status: read.status, rows, notes: read.notes };
}
