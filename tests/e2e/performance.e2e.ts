import { describe, expect, it } from 'vitest';
import { QUICK, runBench, table } from '../../bench/run';

// The benchmark's quick plan (bench/run.ts): few iterations and generous timing bounds, so a
// regression fails loudly here; `npm run bench` runs the full plan against the budgets.
describe('performance budget (quick)', () => {
  it('holds the size, overhead, latency, cold-path and request-economy budgets', async () => {
    const r = await runBench(QUICK);
    console.log(table(r));
    expect(r.checks.filter((c) => !c.ok)).toEqual([]);
    // Bounded at scale: every card of a 50-position page is drawn, the background's caches stay within their caps.
    expect(r.scale.positions.positions).toBe(50);
    for (const n of Object.values(r.scale.watchlist.cacheEntries)) expect(n).toBeLessThanOrEqual(300);
  }, 600_000);
});
