import { hyperliquidMaintenanceRate, withContinuousDeductions } from '../../core/margin-tiers';
import type { MarginTier } from '../../core/types';
import type { Meta, UniverseEntry } from './schemas';

/**
 * Table ids below this are not listed in `marginTables`: such an id is one tier whose max leverage
 * equals the id ("For IDs less than 50, there is a single tier with max leverage equal to the ID",
 * docs: trading/margin-tiers).
 */
export const FLAT_TABLE_IDS_BELOW = 50;

/** The last tier has no cap; JSON cannot carry Infinity, so the cap is the largest exact integer. */
export const OPEN_CAP = Number.MAX_SAFE_INTEGER;

function flat(maxLeverage: number): MarginTier[] {
  return [{ notionalFloor: 0, notionalCap: OPEN_CAP, maintenanceRate: hyperliquidMaintenanceRate(maxLeverage), deduction: 0 }];
}

/**
 * Hyperliquid's tiers as MarginTier rows. Per the docs (trading/margin-tiers):
 * maintenance_margin = notional · rate − deduction, rate(n) = 1 / (2 · maxLeverage(n)) (half the initial
 * margin at the tier's max leverage), and deduction(n) = deduction(n−1) + lowerBound(n) · (rate(n) −
 * rate(n−1)), deduction(0) = 0 — the same recurrence as Binance's "cum", chosen so maintenance margin is
 * continuous in position size. Hyperliquid publishes no deduction column, so it is derived here.
 * Returns a message when the table the asset names is missing.
 */
export function hyperliquidTiers(meta: Meta, entry: UniverseEntry): { ok: true; tiers: MarginTier[] } | { ok: false; message: string } {
  const id = entry.marginTableId;
  if (id === undefined) return { ok: true, tiers: flat(entry.maxLeverage) };
  if (id < FLAT_TABLE_IDS_BELOW) {
    if (id < 1) return { ok: false, message: `${entry.name} names margin table ${id}, which cannot be a leverage` };
    return { ok: true, tiers: flat(id) };
  }
  const table = meta.marginTables.find(([tableId]) => tableId === id)?.[1];
  if (!table) return { ok: false, message: `${entry.name} names margin table ${id}, which meta does not list` };
  const rows = [...table.marginTiers].sort((a, b) => a.lowerBound - b.lowerBound);
  for (let i = 1; i < rows.length; i++) {
    if (rows[i]?.lowerBound === rows[i - 1]?.lowerBound) {
      return { ok: false, message: `margin table ${id} lists two tiers from ${String(rows[i]?.lowerBound)}` };
    }
  }
  return {
    ok: true,
    tiers: withContinuousDeductions(
      rows.map((row, i) => ({
        notionalFloor: row.lowerBound,
        notionalCap: rows[i + 1]?.lowerBound ?? OPEN_CAP,
        maintenanceRate: hyperliquidMaintenanceRate(row.maxLeverage),
      })),
    ),
  };
}
