import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dydxMarket } from '../../../src/venues/dydx/market';
import type { Instrument } from '../../../src/venues/market-types';
import { dydxApi } from '../../fake-exchange/dydx';
import { after, barsOf, before, coldQuarters, expectBars, fakeVenue, pinClock, QUARTER, RUNNING, urlsOf, type Rewrite } from './zone-fixture';

const CANDLES = '/v4/candles/perpetualMarkets/BTC-USD';
const inst: Instrument = { venue: 'dydx', symbol: 'BTC-USD', asset: 'BTC', quote: 'USD', contractValue: 1, tickSize: 1, fundingIntervalHours: 1 };
const iso = (ms: string): string => new Date(Number(ms)).toISOString();

const venue = (rewrite?: Rewrite) => fakeVenue('dydx', dydxApi, rewrite);

/** Rewrites the candles of the 15-minute answers. */
const candlesOf =
  (f: (candles: Record<string, unknown>[]) => unknown[]): Rewrite =>
  (req, body) =>
    req.path === CANDLES && body && typeof body === 'object' && 'candles' in body ? { candles: f(body.candles as Record<string, unknown>[]) } : undefined;

beforeEach(pinClock);
afterEach(() => vi.useRealTimers());

describe('dydx zone bars', () => {
  it('a cold start reads 7 days in one request: 673 candles (the running one closes the last bar), 672 bars', async () => {
    const { http, btc } = venue();
    const bars = barsOf(await dydxMarket.zoneBars(inst, http, null));
    expectBars(bars, coldQuarters(btc), 'none');
    expect(urlsOf(http.requests, CANDLES).map((u) => Object.fromEntries(u.searchParams))).toEqual([
      { resolution: '15MINS', fromISO: iso(before(RUNNING - 672 * QUARTER)), toISO: iso(after(RUNNING)), limit: '673' },
    ]);
  });

  it('with since asks only from that bar on', async () => {
    const { http, btc } = venue();
    const since = RUNNING - 3 * QUARTER;
    expectBars(barsOf(await dydxMarket.zoneBars(inst, http, since)), btc.quarters.slice(-3), 'none');
    expect(urlsOf(http.requests, CANDLES).map((u) => Object.fromEntries(u.searchParams))).toEqual([
      { resolution: '15MINS', fromISO: iso(before(since)), toISO: iso(after(RUNNING)), limit: '4' },
    ]);
  });

  it("a bar's oi is the next candle's startingOpenInterest, never its own", async () => {
    const { http, btc } = venue();
    const [q0, q1, q2] = btc.quarters.slice(-3);
    const bars = barsOf(await dydxMarket.zoneBars(inst, http, RUNNING - 2 * QUARTER));
    // Bar q1 opened with q0's close OI; it closed with its own, which the q2 candle starts with.
    expect(bars.map((b) => [b.time, b.oi])).toEqual([
      [q1?.time, q1?.oi],
      [q2?.time, q2?.oi],
    ]);
    expect(q0?.oi).not.toBe(q1?.oi);
  });

  it('leaves out the bar before a missing candle: its close OI is not known', async () => {
    const { btc } = venue();
    const gone = btc.quarters[500];
    const before499 = btc.quarters[499];
    if (!gone || !before499) throw new Error('no bar 500');
    const { http } = venue(candlesOf((cs) => cs.filter((c) => c['startedAt'] !== new Date(gone.time).toISOString())));
    const bars = barsOf(await dydxMarket.zoneBars(inst, http, null));
    expect(bars).toHaveLength(670);
    expect(bars.some((b) => b.time === gone.time || b.time === before499.time)).toBe(false);
  });

  it('refuses candles of another market or resolution', async () => {
    const other = venue(candlesOf((cs) => cs.map((c) => ({ ...c, ticker: 'ETH-USD' }))));
    const r = await dydxMarket.zoneBars(inst, other.http, null);
    expect(r.ok || r.error).toMatchObject({ kind: 'schema', endpoint: CANDLES, message: expect.stringContaining('got ETH-USD 15MINS') });
    const hourly = venue(candlesOf((cs) => cs.map((c) => ({ ...c, resolution: '1HOUR' }))));
    const h = await dydxMarket.zoneBars(inst, hourly.http, null);
    expect(h.ok || h.error).toMatchObject({ kind: 'schema', endpoint: CANDLES });
  });

  it('states 1 / initialMarginFraction as the highest leverage', async () => {
    const { http } = venue();
    const t = await dydxMarket.tiers(inst, http);
    expect(t.ok && t.value.maxLeverage).toBe(50);
  });
});
