import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { liquidationDistance, liquidationPriceDetail, type MarginTier, type Side } from '../../../src/core';
import { singleTier, TIER_TABLE } from './fixtures';

const side = fc.constantFrom<Side>('long', 'short');
const size = fc.double({ min: 1e-4, max: 1e4, noNaN: true });
const price = fc.double({ min: 1e-3, max: 1e6, noNaN: true });
const tiers = fc.oneof(
  fc.constant<readonly MarginTier[]>(TIER_TABLE),
  fc.double({ min: 0, max: 0.2, noNaN: true }).map((m) => singleTier(m)),
);
const valuation = fc.constantFrom('liquidation' as const, 'entry' as const);
/** Share of the headroom between maintenance and notional used as margin, so the position opens solvent. */
const marginShare = fc.double({ min: 0.001, max: 1, noNaN: true });

function maxRate(t: readonly MarginTier[]): number {
  return Math.max(...t.map((tier) => tier.maintenanceRate));
}

/** Margin strictly above maintenance at entry for any tier (m ≤ max rate, D ≥ 0). */
function solventMargin(q: number, ep: number, t: readonly MarginTier[], share: number): number {
  const notional = q * ep;
  return notional * (maxRate(t) + share * (1 - maxRate(t)));
}

describe('liquidation properties', () => {
  it('a solvent long liquidates below entry, a short above (or has no price)', () => {
    fc.assert(
      fc.property(side, size, price, tiers, marginShare, valuation, (s, q, ep, t, share, v) => {
        const margin = solventMargin(q, ep, t, share);
        const { price: lp } = liquidationPriceDetail({ side: s, size: q, entryPrice: ep, margin, tiers: t, valuation: v });
        if (lp === null) return s === 'long';
        return s === 'long' ? lp < ep : lp > ep;
      }),
      { numRuns: 1000 },
    );
  });

  it('the price found balances equity and maintenance in the tier reported', () => {
    fc.assert(
      fc.property(side, size, price, tiers, marginShare, (s, q, ep, t, share) => {
        const margin = solventMargin(q, ep, t, share);
        const d = liquidationPriceDetail({ side: s, size: q, entryPrice: ep, margin, tiers: t });
        if (d.price === null || d.maintenanceRate === null || d.deduction === null) return true;
        const sign = s === 'long' ? 1 : -1;
        const equity = margin + sign * q * (d.price - ep);
        const maintenance = d.maintenanceRate * q * d.price - d.deduction;
        expect(Math.abs(equity - maintenance)).toBeLessThanOrEqual(1e-9 * q * Math.max(ep, d.price));
        const tier = t[d.tierIndex ?? -1];
        expect(tier).toBeDefined();
        // Within the tier, allowing for rounding right at a boundary.
        expect(q * d.price).toBeGreaterThanOrEqual((tier?.notionalFloor ?? 0) * (1 - 1e-12));
        return true;
      }),
      { numRuns: 1000 },
    );
  });

  it('more margin moves the liquidation price away from entry', () => {
    fc.assert(
      fc.property(side, size, price, tiers, marginShare, fc.double({ min: 0.01, max: 1, noNaN: true }), valuation, (s, q, ep, t, share, extra, v) => {
        const margin = solventMargin(q, ep, t, share);
        const base = { side: s, size: q, entryPrice: ep, tiers: t, valuation: v };
        const before = liquidationPriceDetail({ ...base, margin }).price;
        const after = liquidationPriceDetail({ ...base, margin: margin * (1 + extra) }).price;
        if (s === 'long') return after === null || (before !== null && after < before);
        return before !== null && after !== null && after > before;
      }),
      { numRuns: 1000 },
    );
  });

  it('distance is positive exactly on the safe side', () => {
    fc.assert(
      fc.property(side, price, price, (s, mark, lp) => {
        const d = liquidationDistance(s, mark, lp);
        const safe = s === 'long' ? mark > lp : mark < lp;
        return safe ? d > 0 : d <= 0;
      }),
      { numRuns: 1000 },
    );
  });
});
