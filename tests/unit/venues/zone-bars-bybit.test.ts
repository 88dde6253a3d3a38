import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bybitMarket } from '../../../src/venues/bybit/market';
import type { Instrument } from '../../../src/venues/market-types';
import { bybitApi } from '../../fake-exchange/bybit';
import { after, barsOf, before, coldQuarters, expectBars, fakeVenue, pinClock, QUARTER, RUNNING, urlsOf, type Rewrite } from './zone-fixture';

const KLINE = '/v5/market/kline';
const OI = '/v5/market/open-interest';
const inst: Instrument = { venue: 'bybit', symbol: 'BTCUSDT', asset: 'BTC', quote: 'USDT', contractValue: 1, tickSize: 0.1, fundingIntervalHours: 8 };

const venue = (rewrite?: Rewrite) => fakeVenue('bybit', bybitApi, rewrite);

/** Rewrites the `result` of an OI answer. */
const oiResult =
  (f: (result: { list: Record<string, unknown>[] } & Record<string, unknown>) => unknown): Rewrite =>
  (req, body) => {
    if (req.path !== OI || !body || typeof body !== 'object' || !('result' in body)) return undefined;
    return { ...body, result: f(body.result as { list: Record<string, unknown>[] } & Record<string, unknown>) };
  };

beforeEach(pinClock);
afterEach(() => vi.useRealTimers());

describe('bybit zone bars', () => {
  it('a cold start reads 7 days: one kline request and four OI pages by cursor, 672 bars without a taker split', async () => {
    const { http, btc } = venue();
    const bars = barsOf(await bybitMarket.zoneBars(inst, http, null));
    expectBars(bars, coldQuarters(btc), 'none');
    expect(urlsOf(http.requests, KLINE).map((u) => [u.searchParams.get('interval'), u.searchParams.get('limit')])).toEqual([['15', '673']]);
    const oi = urlsOf(http.requests, OI);
    expect(oi.map((u) => u.searchParams.get('cursor'))).toEqual([null, 'lastid%3D200', 'lastid%3D400', 'lastid%3D600']);
    for (const u of oi) expect([u.searchParams.get('intervalTime'), u.searchParams.get('limit')]).toEqual(['15min', '200']);
    expect(http.requests).toHaveLength(5);
  });

  it('with since asks only from that bar on', async () => {
    const { http, btc } = venue();
    const since = RUNNING - 3 * QUARTER;
    expectBars(barsOf(await bybitMarket.zoneBars(inst, http, since)), btc.quarters.slice(-3), 'none');
    expect(urlsOf(http.requests, KLINE).map((u) => Object.fromEntries(u.searchParams))).toEqual([
      { category: 'linear', symbol: 'BTCUSDT', interval: '15', start: before(since), end: after(RUNNING), limit: '4' },
    ]);
    expect(urlsOf(http.requests, OI).map((u) => Object.fromEntries(u.searchParams))).toEqual([
      { category: 'linear', symbol: 'BTCUSDT', intervalTime: '15min', startTime: before(since + QUARTER), endTime: after(RUNNING), limit: '200' },
    ]);
    expect(http.requests).toHaveLength(2);
  });

  it("a bar's oi is the single-side point at its close; without singleOpenInterest the answer's openInterest", async () => {
    const { http, btc } = venue();
    const [q1, q2] = btc.quarters.slice(-2);
    const bars = barsOf(await bybitMarket.zoneBars(inst, http, RUNNING - 2 * QUARTER));
    expect(bars.map((b) => b.oi)).toEqual([q1?.oi, q2?.oi]);

    // An older answer without the single-side figure: openInterest throughout, never a mix.
    const older = venue(oiResult((r) => ({ ...r, list: r.list.map(({ singleOpenInterest: _s, ...rest }) => rest) })));
    const old = barsOf(await bybitMarket.zoneBars(inst, older.http, RUNNING - 2 * QUARTER));
    expect(old.map((b) => b.oi)).toEqual([2 * (q1?.oi ?? NaN), 2 * (q2?.oi ?? NaN)]);
  });

  it('leaves out a bar whose close OI is missing', async () => {
    const { btc } = venue();
    const gone = btc.quarters[300];
    if (!gone) throw new Error('no bar 300');
    const { http } = venue(oiResult((r) => ({ ...r, list: r.list.filter((p) => p['timestamp'] !== String(gone.time + QUARTER)) })));
    const bars = barsOf(await bybitMarket.zoneBars(inst, http, null));
    expect(bars).toHaveLength(671);
    expect(bars.some((b) => b.time === gone.time)).toBe(false);
  });

  it('refuses an answer for another symbol', async () => {
    const { http } = venue(oiResult((r) => ({ ...r, symbol: 'ETHUSDT' })));
    const r = await bybitMarket.zoneBars(inst, http, null);
    expect(r.ok || r.error).toMatchObject({ kind: 'schema', endpoint: OI, message: expect.stringContaining('asked for BTCUSDT, got ETHUSDT') });
  });

  it('a cursor that never ends is refused after a bounded number of pages', async () => {
    // Every page names a new cursor one row further on: full pages forever.
    const endless: Rewrite = (req, body) => {
      const offset = Number(/(\d+)$/.exec(req.query.get('cursor') ?? '')?.[1] ?? 0);
      return oiResult((r) => ({ ...r, nextPageCursor: `lastid%3D${offset + 1}` }))(req, body);
    };
    const { http } = venue(endless);
    const r = await bybitMarket.zoneBars(inst, http, null);
    expect(r.ok || r.error).toMatchObject({ kind: 'schema', endpoint: OI });
    expect(urlsOf(http.requests, OI).length).toBeLessThanOrEqual(5);
  });

  it("states the lowest risk tier's leverage", async () => {
    const { http } = venue();
    const t = await bybitMarket.tiers(inst, http);
    expect(t.ok && t.value.maxLeverage).toBe(100);
  });
});
