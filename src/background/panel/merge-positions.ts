import { crossCheck } from '../../core';
import type { PageRead, RowRead } from '../../venues/page-reader-types';
import type { Position } from '../../venues/position-types';

const SIZE_TOLERANCE = 0.01;

/**
 * Positions from the venue's public API for the wallet, with the page as the cross-check: the
 * page's live mark drives the distance, the page's liquidation price fills in where the API serves
 * none (dYdX), and disagreements are reported rather than hidden.
 */
export function mergeApiWithPage(api: readonly Position[], page: PageRead | null, venueName: string): { rows: RowRead[]; notes: string[] } {
  const notes: string[] = [];
  const pageRows = (page?.rows ?? []).flatMap((r) => (r.ok ? [r.position] : []));
  const rows: RowRead[] = api.map((a) => {
    const seen = pageRows.find((p) => p.symbol === a.symbol && p.side === a.side);
    let merged: Position = a;
    if (seen) {
      if (Math.abs(seen.size - a.size) > SIZE_TOLERANCE * a.size) {
        notes.push(`The page and the ${venueName} API disagree on the ${a.symbol} ${a.side} size (${seen.size} vs ${a.size}).`);
      }
      merged = {
        ...a,
        markPrice: seen.markPrice ?? a.markPrice,
        ...(a.liqPrice === null && seen.liqPrice !== null ? { liqPrice: seen.liqPrice, liqSource: 'page' as const } : {}),
      };
    }
    const problem = crossCheck(merged);
    return problem ? { ok: false, reason: problem, symbol: a.symbol, side: a.side } : { ok: true, position: merged };
  });
  const extra = pageRows.filter((p) => !api.some((a) => a.symbol === p.symbol && a.side === p.side));
  if (extra.length) notes.push(`The page shows ${extra.length} position(s) the ${venueName} API does not list for this address (another account?).`);
  return { rows, notes };
}
