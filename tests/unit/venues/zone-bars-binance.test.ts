import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { binanceMarket } from '../../../src/venues/binance/market';
import { klineWeight } from '../../../src/venues/binance/zone-bars';
import type { Instrument } from '../../../src/venues/market-types';
import { binanceApi } from '../../fake-exchange/binance';
import { after, barsOf, before, coldQuarters, expectBars, fakeVenue, pinClock, QUARTER, RUNNING, urlsOf, type Rewrite } from './zone-fixture';

const KLINES = '/fapi/v1/klines';
const OI = '/futures/data/openInterestHist';
const inst: Instrument = { venue: 'binance', symbol: 'BTCUSDT', asset: 'BTC', quote: 'USDT', contractValue: 1, tickSize: 0.1, fundingIntervalHours: null };

const venue = (rewrite?: Rewrite) => fakeVenue('binance', binanceApi, rewrite);

beforeEach(pinClock);
afterEach(() => vi.useRealTimers());

describe('binance zone bars', () => {
  it('a cold start reads 7 days: two kline pages of weight 2 and two OI pages, 672 bars', async () => {
    const { http, btc } = venue();
    const bars = barsOf(await binanceMarket.zoneBars(inst, http, null));
    expectBars(bars, coldQuarters(btc), 'published');
    const klines = urlsOf(http.requests, KLINES);
    expect(klines.map((u) => u.searchParams.get('limit'))).toEqual(['499', '174']);
    expect(http.requests.filter((r) => r.url.pathname === KLINES).map((r) => r.weight)).toEqual([2, 2]);
    expect(urlsOf(http.requests, OI).map((u) => [u.searchParams.get('period'), u.searchParams.get('limit')])).toEqual([
      ['15m', '500'],
      ['15m', '172'],
    ]);
    expect(http.requests).toHaveLength(4);
  });

  it('with since asks only from that bar on: one kline request of weight 1 and one OI request', async () => {
    const { http, btc } = venue();
    const since = RUNNING - 3 * QUARTER;
    const bars = barsOf(await binanceMarket.zoneBars(inst, http, since));
    expectBars(bars, btc.quarters.slice(-3), 'published');
    const [k, o] = [urlsOf(http.requests, KLINES), urlsOf(http.requests, OI)];
    expect(k.map((u) => Object.fromEntries(u.searchParams))).toEqual([
      { symbol: 'BTCUSDT', interval: '15m', startTime: before(since), endTime: after(RUNNING), limit: '4' },
    ]);
    // The OI points at the three closes: since + 15 min … the running bar's open.
    expect(o.map((u) => Object.fromEntries(u.searchParams))).toEqual([
      { symbol: 'BTCUSDT', period: '15m', startTime: before(since + QUARTER), endTime: after(RUNNING), limit: '3' },
    ]);
    expect(http.requests.map((r) => r.weight ?? 1)).toEqual([1, 1]);
  });

  it("a bar's oi is the point at its close (time + 15 min), not at its open", async () => {
    const { http, btc } = venue();
    const bars = barsOf(await binanceMarket.zoneBars(inst, http, RUNNING - 2 * QUARTER));
    const [q1, q2] = btc.quarters.slice(-2);
    expect(bars.map((b) => [b.time, b.oi])).toEqual([
      [q1?.time, q1?.oi],
      [q2?.time, q2?.oi],
    ]);
    expect(q1?.oi).not.toBe(q2?.oi);
  });

  it('leaves out a bar whose close OI is missing, and the running bar', async () => {
    const { btc } = venue();
    const gone = btc.quarters[100];
    if (!gone) throw new Error('no bar 100');
    const { http } = venue((req, body) =>
      req.path === OI && Array.isArray(body) ? body.filter((p: { timestamp: number }) => p.timestamp !== gone.time + QUARTER) : undefined,
    );
    const bars = barsOf(await binanceMarket.zoneBars(inst, http, null));
    expect(bars).toHaveLength(671);
    expect(bars.some((b) => b.time === gone.time)).toBe(false);
    expect(bars.some((b) => b.time >= RUNNING)).toBe(false);
  });

  it('refuses OI of another symbol and klines of another interval', async () => {
    const other = venue((req, body) => (req.path === OI && Array.isArray(body) ? body.map((p: object) => ({ ...p, symbol: 'ETHUSDT' })) : undefined));
    const r = await binanceMarket.zoneBars(inst, other.http, null);
    expect(r.ok || r.error).toMatchObject({ kind: 'schema', endpoint: OI, message: expect.stringContaining('asked for BTCUSDT, got ETHUSDT') });

    // An hourly kline closes an hour after it opens.
    const hourly = venue((req, body) =>
      req.path === KLINES && Array.isArray(body) ? body.map((row: unknown[]) => row.map((x, i) => (i === 6 ? Number(row[0]) + 3_600_000 - 1 : x))) : undefined,
    );
    const h = await binanceMarket.zoneBars(inst, hourly.http, null);
    expect(h.ok || h.error).toMatchObject({ kind: 'schema', endpoint: KLINES });
  });

  it('an empty kline list is a broken answer; an empty OI history is no bars yet', async () => {
    const noKlines = venue((req) => (req.path === KLINES ? [] : undefined));
    const k = await binanceMarket.zoneBars(inst, noKlines.http, null);
    expect(k.ok || k.error).toMatchObject({ kind: 'schema', endpoint: KLINES });
    const noOi = venue((req) => (req.path === OI ? [] : undefined));
    expect(barsOf(await binanceMarket.zoneBars(inst, noOi.http, null))).toEqual([]);
  });

  it('weighs klines by limit as the docs do', () => {
    expect([1, 99, 100, 499, 500, 1000, 1001].map(klineWeight)).toEqual([1, 1, 2, 2, 5, 5, 10]);
  });

  it("states the first bracket's leverage as the market's highest", async () => {
    const { http } = venue();
    const t = await binanceMarket.tiers(inst, http);
    // The fake's first bracket: maintenance 0.4% → 125×.
    expect(t.ok && t.value.maxLeverage).toBe(125);
  });
});
