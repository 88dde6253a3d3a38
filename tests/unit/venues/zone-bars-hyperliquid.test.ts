import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { requestWeight } from '../../../src/venues/hyperliquid/descriptor';
import { hyperliquidMarket } from '../../../src/venues/hyperliquid/market';
import type { Instrument } from '../../../src/venues/market-types';
import { hyperliquidApi } from '../../fake-exchange/hyperliquid';
import { barsOf, coldQuarters, expectBars, fakeVenue, NOW, pinClock, QUARTER, RUNNING, type Rewrite } from './zone-fixture';

const inst: Instrument = { venue: 'hyperliquid', symbol: 'BTC', asset: 'BTC', quote: 'USDC', contractValue: 1, tickSize: null, fundingIntervalHours: 1 };

const venue = (rewrite?: Rewrite) => fakeVenue('hyperliquid', hyperliquidApi, rewrite);

/** The candleSnapshot bodies sent. */
function snapshots(requests: readonly { body?: unknown }[]): unknown[] {
  return requests.map((r) => r.body).filter((b) => (b as { type?: unknown }).type === 'candleSnapshot');
}

beforeEach(pinClock);
afterEach(() => vi.useRealTimers());

describe('hyperliquid zone bars', () => {
  it('a cold start is one candleSnapshot over 7 days: 672 closed bars, oi and taker split null', async () => {
    const { http, btc } = venue();
    const bars = barsOf(await hyperliquidMarket.zoneBars(inst, http, null));
    expectBars(bars, coldQuarters(btc), 'none', 'none');
    expect(snapshots(http.requests)).toEqual([
      { type: 'candleSnapshot', req: { coin: 'BTC', interval: '15m', startTime: RUNNING - 672 * QUARTER, endTime: NOW } },
    ]);
    // Charged for every candle the span may hold (673 with the running one): 20 + 12.
    expect(http.requests.map((r) => r.weight)).toEqual([requestWeight('candleSnapshot', 673)]);
    expect(requestWeight('candleSnapshot', 673)).toBe(32);
  });

  it('with since asks only from that bar on, and leaves the running bar out', async () => {
    const { http, btc } = venue();
    const since = RUNNING - 3 * QUARTER;
    const bars = barsOf(await hyperliquidMarket.zoneBars(inst, http, since));
    expectBars(bars, btc.quarters.slice(-3), 'none', 'none');
    expect(snapshots(http.requests)).toEqual([{ type: 'candleSnapshot', req: { coin: 'BTC', interval: '15m', startTime: since, endTime: NOW } }]);
    expect(http.requests.map((r) => r.weight)).toEqual([21]);
  });

  it('refuses candles of another coin or interval', async () => {
    const other = venue((_req, body) => (Array.isArray(body) ? body.map((c: object) => ({ ...c, s: 'ETH' })) : undefined));
    const r = await hyperliquidMarket.zoneBars(inst, other.http, null);
    expect(r.ok || r.error).toMatchObject({ kind: 'schema', endpoint: '/info candleSnapshot' });
    const hourly = venue((_req, body) => (Array.isArray(body) ? body.map((c: { t: number }) => ({ ...c, i: '1h', T: c.t + 3_600_000 - 1 })) : undefined));
    const h = await hyperliquidMarket.zoneBars(inst, hourly.http, null);
    expect(h.ok || h.error).toMatchObject({ kind: 'schema', endpoint: '/info candleSnapshot' });
  });

  it("states meta's maxLeverage", async () => {
    const { http } = venue();
    const t = await hyperliquidMarket.tiers(inst, http);
    expect(t.ok && t.value.maxLeverage).toBe(40);
  });
});
