import type { Side } from '../core';
import type { Position } from '../venues/position-types';

/** What a position puts into the What if form: the fields as text, as the trader would type them. */
export interface Prefill {
  side: Side;
  size: string;
  entry: string;
  /** How the margin is given; null: the position says neither, the form keeps what it had. */
  margin: { mode: 'margin' | 'leverage'; amount: string } | null;
  /** What the trader should know about the figures taken (cross margin, margin unknown), or ''. */
  note: string;
}

// Plain digits with a decimal point: never an exponent ("1e-7") or grouping, which the form refuses.
const plain = (x: number) => x.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 12 });

/**
 * The form for an open position. Its margin is taken as given (the margin without unrealised PnL
 * where the venue shows it, as the liquidation formula wants); leverage only when the margin is not
 * shown, as leverage alone gives the margin at entry, not the one the position holds now.
 */
export function prefillFrom(p: Position): Prefill {
  const margin = p.walletMargin ?? p.margin;
  const notes: string[] = [];
  if (p.marginMode === 'cross')
    notes.push("cross margin: What if treats the position as isolated with this margin, while the venue's liquidation price depends on the whole account");
  let given: Prefill['margin'] = null;
  if (margin !== null && margin > 0) given = { mode: 'margin', amount: plain(margin) };
  else if (p.leverage !== null && p.leverage > 0) given = { mode: 'leverage', amount: plain(p.leverage) };
  else notes.push("the position's margin and leverage are not known: the margin comes from what the form already holds");
  return { side: p.side, size: plain(p.size), entry: plain(p.entryPrice), margin: given, note: notes.join('; ') };
}
