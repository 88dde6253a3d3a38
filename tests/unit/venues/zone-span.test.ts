import { describe, expect, it } from 'vitest';
import { ZONE_LOOKBACK_MS } from '../../../src/venues/market-types';
import { candleProblem, gridBounds, gridChunks, joinZoneBars, oiByTime, pageByPage, zoneSpan, type Halt } from '../../../src/venues/zone-bars';
import { NOW, QUARTER, RUNNING } from './zone-fixture';

const candle = (time: number, over: Partial<{ high: number; low: number; close: number; volume: number; takerBuy: number | null }> = {}) => ({
  time,
  high: 11,
  low: 9,
  close: 10,
  volume: 5,
  takerBuy: 2,
  ...over,
});

describe('the span of bars to ask for', () => {
  it('cold: the 672 closed bars of the last 7 days, the running one never', () => {
    expect(zoneSpan(NOW, null)).toEqual({ from: RUNNING - ZONE_LOOKBACK_MS, running: RUNNING, last: RUNNING - QUARTER, now: NOW });
  });

  it('since: from that bar on; off the grid it is floored, older than 7 days it is the 7 days, in the future nothing', () => {
    expect(zoneSpan(NOW, RUNNING - 2 * QUARTER).from).toBe(RUNNING - 2 * QUARTER);
    expect(zoneSpan(NOW, RUNNING - 2 * QUARTER + 1234).from).toBe(RUNNING - 2 * QUARTER);
    expect(zoneSpan(NOW, RUNNING - 30 * 24 * 3_600_000).from).toBe(RUNNING - ZONE_LOOKBACK_MS);
    const ahead = zoneSpan(NOW, RUNNING + QUARTER);
    expect(ahead.from).toBeGreaterThan(ahead.last);
    expect(zoneSpan(NOW, Number.NaN).from).toBe(RUNNING - ZONE_LOOKBACK_MS);
  });

  it('pages: consecutive windows of at most the page size, bounded half a bar off the grid', () => {
    expect(gridChunks(0, 9 * QUARTER, 4)).toEqual([
      { first: 0, last: 3 * QUARTER, count: 4 },
      { first: 4 * QUARTER, last: 7 * QUARTER, count: 4 },
      { first: 8 * QUARTER, last: 9 * QUARTER, count: 2 },
    ]);
    expect(gridChunks(QUARTER, 0, 4)).toEqual([]);
    expect(gridBounds(QUARTER, 3 * QUARTER)).toEqual({ start: QUARTER / 2, end: 3.5 * QUARTER });
  });
});

describe('joining candles with the OI at their close', () => {
  const span = zoneSpan(NOW, RUNNING - 3 * QUARTER);

  it('keeps a bar only with its close OI, inside the span, the running bar never', () => {
    const a = RUNNING - 3 * QUARTER;
    const candles = [candle(a - QUARTER), candle(a), candle(a + QUARTER), candle(a + 2 * QUARTER), candle(RUNNING)];
    const oi = oiByTime([
      { time: a, value: 1 },
      { time: a + QUARTER, value: 2 },
      // a + 2Q missing: the bar at a + Q is left out.
      { time: a + 3 * QUARTER, value: 4 },
      { time: a + 3 * QUARTER + 60_000, value: 99 },
      { time: RUNNING + QUARTER, value: 5 },
    ]);
    expect(joinZoneBars(candles, oi, span).map((b) => [b.time, b.oi])).toEqual([
      [a, 2],
      [a + 2 * QUARTER, 4],
    ]);
    expect(joinZoneBars(candles, null, span).map((b) => [b.time, b.oi])).toEqual([
      [a, null],
      [a + QUARTER, null],
      [a + 2 * QUARTER, null],
    ]);
  });

  it('names what makes a candle no bar', () => {
    expect(candleProblem(candle(RUNNING))).toBeNull();
    expect(candleProblem(candle(RUNNING + 1))).toMatch(/off the 15-minute grid/);
    expect(candleProblem(candle(RUNNING, { close: 12 }))).toMatch(/outside its low-high range/);
    expect(candleProblem(candle(RUNNING, { takerBuy: 6 }))).toMatch(/more taker-buy volume than volume/);
  });
});

describe('paging', () => {
  it('asks page after page, and no further once a sibling series has failed', async () => {
    const pages = gridChunks(0, 9 * QUARTER, 2);
    const asked: number[] = [];
    const halt: Halt = { failed: false };
    const ok = await pageByPage(
      pages,
      async (p) => {
        asked.push(p.first);
        if (asked.length === 2) halt.failed = true;
        return { ok: true, value: [p.count] };
      },
      halt,
    );
    expect(asked).toEqual([0, 2 * QUARTER]);
    expect(ok).toEqual({ ok: true, value: [2, 2] });

    const mine: Halt = { failed: false };
    const failed = await pageByPage(
      pages,
      async (p) => (p.first === 0 ? { ok: true, value: [1] } : { ok: false, error: { kind: 'http', venue: 'okx', endpoint: '/x', message: 'no' } }),
      mine,
    );
    expect(failed.ok).toBe(false);
    expect(mine.failed).toBe(true);
  });
});
