import type { MarginTier } from '../../core/types';
import type { TierRow } from './schemas';

/**
 * OKX picks a position's tier by its SIZE in contracts (`minSz`–`maxSz`), while PerpLens's
 * liquidation solver picks a tier by notional, Q × price. The size bounds are therefore converted to
 * base units (× contract value) and priced at the mark price of the moment the table was fetched:
 * the solver's "Q·LP inside [floor, cap)" then means "Q·LP/mark inside the size bounds". That is
 * exact for a position priced at the mark (what the panel shows) and shifts a boundary by the
 * distance from mark to liquidation price otherwise — only a position within that distance of a
 * size boundary can be given the neighbouring tier. The alternative, pricing at a fixed reference,
 * would be wrong for every position once the price moves.
 *
 * Each tier's floor is the previous tier's cap, so a size between one tier's maxSz and the next
 * one's minSz (tables count whole contracts; positions may hold fractions) still falls in a tier.
 * Maintenance rate is `mmr` alone and the deduction 0: the taker fee OKX adds to it is the
 * caller's `feeRate`.
 */
export function okxTiersToNotional(rows: readonly TierRow[], contractValue: number, markPrice: number): MarginTier[] | string {
  if (rows.length === 0) return 'no tiers';
  const sorted = [...rows].sort((a, b) => a.minSz - b.minSz);
  const tiers: MarginTier[] = [];
  let floor = 0;
  for (const row of sorted) {
    const cap = row.maxSz * contractValue * markPrice;
    if (!Number.isFinite(cap) || cap <= floor) return `tier ${String(row.tier)}: maxSz ${row.maxSz} does not exceed the previous tier`;
    tiers.push({ notionalFloor: floor, notionalCap: cap, maintenanceRate: row.mmr, deduction: 0 });
    floor = cap;
  }
  return tiers;
}
