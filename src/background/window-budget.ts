/**
 * A sliding-window allowance: at most `budget` units in any `windowMs`. The gate keeps one per venue
 * and one per endpoint group with a limit of its own (Binance's fundingRate + fundingInfo).
 */
export interface WindowBudget {
  /** Units allowed in any window. */
  capacity: number;
  spent(t: number): number;
  /** When `units` more would fit, or null when they fit now; never, for more than the whole budget, is `Infinity`. */
  freesAt(t: number, units: number): number | null;
  reserve(t: number, units: number): void;
}

export function createWindowBudget(budget: number, windowMs: number): WindowBudget {
  const spentAt: { time: number; units: number }[] = [];

  function spent(t: number): number {
    while (spentAt.length && (spentAt[0]?.time ?? 0) <= t - windowMs) spentAt.shift();
    return spentAt.reduce((sum, s) => sum + s.units, 0);
  }

  return {
    capacity: budget,
    spent,
    freesAt(t, units) {
      if (units > budget) return Infinity;
      let over = spent(t) + units - budget;
      if (over <= 0) return null;
      for (const s of spentAt) {
        over -= s.units;
        if (over <= 0) return s.time + windowMs;
      }
      return t + windowMs;
    },
    reserve(t, units) {
      spentAt.push({ time: t, units });
    },
  };
}
