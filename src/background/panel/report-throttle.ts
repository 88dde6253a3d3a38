import type { Position } from '../../venues/position-types';
import type { RowIdentity } from '../../protocol/positions-report';

/** Reports of unchanged holdings are repeated this often, so the alerts never forget an open tab. */
export const REPORT_EVERY_MS = 60_000;
/** Changed figures of the same positions are reported at most this often; a new or closed position at once. */
export const REPORT_MIN_GAP_MS = 5_000;

// A cross position's liquidation price and margin move with every tick: not a change worth a report.
// Reaching the liquidation price, or a row turning unreadable, changes the holdings: reported at once.
const keyOf = (positions: readonly Position[], unreadable: readonly RowIdentity[]) => [
  ...positions.map((p) => [
    `${p.atLiquidation ? '!' : ''}${p.symbol}`,
    p.side,
    p.size,
    p.entryPrice,
    p.marginMode,
    ...(p.marginMode === 'cross' ? [] : [p.liqPrice, p.margin]),
  ]),
  ...unreadable.map((u) => [`?${u.symbol}`, u.side]),
];
const holdings = (key: unknown[][]) => key.map((k) => `${String(k[0])}:${String(k[1])}`).join(',');

/** Decides when a tab's positions are worth reporting to the alerts: on changes, not on every tick. */
export function createReportThrottle() {
  let lastKey: string | null = null;
  let lastHoldings = '';
  let lastAt = 0;
  return {
    due(positions: readonly Position[], now: number, unreadable: readonly RowIdentity[] = []): boolean {
      const k = keyOf(positions, unreadable);
      const key = JSON.stringify(k);
      const held = holdings(k);
      const since = now - lastAt;
      if (key === lastKey ? since < REPORT_EVERY_MS : since < REPORT_MIN_GAP_MS && held === lastHoldings) return false;
      lastKey = key;
      lastHoldings = held;
      lastAt = now;
      return true;
    },
  };
}
