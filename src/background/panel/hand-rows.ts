import { handToPosition, type HandPosition } from '../../settings/hand-positions';
import type { PageRead, RowRead } from '../../venues/page-reader-types';

/** Said on the panel when the cards below come from the trader's own typing, not the page. */
export const HAND_NOTE = 'Cards marked "entered by hand" are positions you typed in the overview (What if → Track by hand); remove them there.';

/**
 * The page's read with the venue's hand-tracked positions added: each one the page (or the API)
 * does not already show for its market and side. A page PerpLens cannot read (no table, still
 * loading) then shows the typed positions rather than nothing, and says why.
 */
export function withHandRows(read: PageRead | null, hand: readonly HandPosition[]): PageRead | null {
  const shown = (h: HandPosition) => (read?.rows ?? []).some((r) => r.ok && r.position.symbol === h.symbol && r.position.side === h.side);
  const rows: RowRead[] = hand.filter((h) => !shown(h)).map((h) => ({ ok: true, position: handToPosition(h) }));
  if (rows.length === 0) return read;
  const why =
    read === null || read.status === 'no-table'
      ? "PerpLens cannot read this page's positions."
      : read.status === 'loading'
        ? "The page's positions are still loading."
        : null;
  const notes = [...(read?.notes ?? []), ...(why ? [why] : []), HAND_NOTE];
  return { status: 'ok', rows: [...(read?.status === 'ok' ? read.rows : []), ...rows], notes };
}
