import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Instrument } from '../../../src/venues/market-types';
import { okxMarket } from '../../../src/venues/okx/market';
import { OKX_CONTRACT_VALUE, okxApi } from '../../fake-exchange/okx';
import { after, barsOf, before, coldQuarters, expectBars, fakeVenue, pinClock, QUARTER, RUNNING, urlsOf, type Rewrite } from './zone-fixture';

const CANDLES = '/api/v5/market/candles';
const OI = '/api/v5/rubik/stat/contracts/open-interest-history';
const TAKER = '/api/v5/rubik/stat/taker-volume-contract';
const inst: Instrument = {
  venue: 'okx',
  symbol: 'BTC-USDT-SWAP',
  asset: 'BTC',
  quote: 'USDT',
  contractValue: OKX_CONTRACT_VALUE['BTC'] ?? NaN,
  tickSize: 0.1,
  fundingIntervalHours: null,
};

const venue = (rewrite?: Rewrite) => fakeVenue('okx', okxApi, rewrite);

/** Rewrites the data rows of one path's answers. */
const rowsOf =
  (path: string, f: (rows: string[][]) => unknown[]): Rewrite =>
  (req, body) =>
    req.path === path && body && typeof body === 'object' && 'data' in body ? { ...body, data: f(body.data as string[][]) } : undefined;

beforeEach(pinClock);
afterEach(() => vi.useRealTimers());

describe('okx zone bars', () => {
  it('a cold start reads 7 days: 3 candle pages, 7 + 7 rubik pages, 672 bars with the taker split in coins', async () => {
    const { http, btc } = venue();
    const bars = barsOf(await okxMarket.zoneBars(inst, http, null));
    expectBars(bars, coldQuarters(btc), 'published');
    expect(urlsOf(http.requests, CANDLES).map((u) => [u.searchParams.get('bar'), u.searchParams.get('limit')])).toEqual([
      ['15m', '300'],
      ['15m', '300'],
      ['15m', '73'],
    ]);
    expect(urlsOf(http.requests, OI).map((u) => u.searchParams.get('limit'))).toEqual(['100', '100', '100', '100', '100', '100', '72']);
    const taker = urlsOf(http.requests, TAKER);
    expect(taker.map((u) => u.searchParams.get('limit'))).toEqual(['100', '100', '100', '100', '100', '100', '72']);
    for (const u of taker) expect([u.searchParams.get('period'), u.searchParams.get('unit')]).toEqual(['15m', '0']);
    expect(http.requests).toHaveLength(17);
  });

  it('with since asks only from that bar on: one request to each', async () => {
    const { http, btc } = venue();
    const since = RUNNING - 3 * QUARTER;
    expectBars(barsOf(await okxMarket.zoneBars(inst, http, since)), btc.quarters.slice(-3), 'published');
    const params = (path: string) => urlsOf(http.requests, path).map((u) => Object.fromEntries(u.searchParams));
    expect(params(CANDLES)).toEqual([{ instId: 'BTC-USDT-SWAP', bar: '15m', after: after(RUNNING), before: before(since), limit: '4' }]);
    expect(params(OI)).toEqual([{ instId: 'BTC-USDT-SWAP', period: '15m', begin: before(since + QUARTER), end: after(RUNNING), limit: '3' }]);
    expect(params(TAKER)).toEqual([{ instId: 'BTC-USDT-SWAP', period: '15m', unit: '0', begin: before(since), end: after(RUNNING - QUARTER), limit: '3' }]);
    expect(http.requests).toHaveLength(3);
  });

  it("a bar's oi is the oiCcy point at its close (time + 15 min)", async () => {
    const { http, btc } = venue();
    const [q1, q2] = btc.quarters.slice(-2);
    const bars = barsOf(await okxMarket.zoneBars(inst, http, RUNNING - 2 * QUARTER));
    expect(bars.map((b) => [b.time, b.oi])).toEqual([
      [q1?.time, q1?.oi],
      [q2?.time, q2?.oi],
    ]);
  });

  it('leaves out a bar whose close OI is missing', async () => {
    const { btc } = venue();
    const gone = btc.quarters[400];
    if (!gone) throw new Error('no bar 400');
    const { http } = venue(rowsOf(OI, (rows) => rows.filter((r) => r[0] !== String(gone.time + QUARTER))));
    const bars = barsOf(await okxMarket.zoneBars(inst, http, null));
    expect(bars).toHaveLength(671);
    expect(bars.some((b) => b.time === gone.time)).toBe(false);
  });

  it('a bar without a taker row keeps its candle volume (volCcy) and no split; no taker rows at all is no split anywhere', async () => {
    const { btc } = venue();
    const q = btc.quarters.at(-2);
    if (!q) throw new Error('no bar');
    const { http } = venue(rowsOf(TAKER, (rows) => rows.filter((r) => r[0] !== String(q.time))));
    const bars = barsOf(await okxMarket.zoneBars(inst, http, RUNNING - 3 * QUARTER));
    expect(bars.map((b) => b.takerBuy === null)).toEqual([false, true, false]);
    expect(bars[1]?.volume).toBeCloseTo(q.volume, 9);

    const none = venue(rowsOf(TAKER, () => []));
    const all = barsOf(await okxMarket.zoneBars(inst, none.http, null));
    expect(all).toHaveLength(672);
    expect(all.every((b) => b.takerBuy === null)).toBe(true);
  });

  it('refuses a candle off the 15-minute grid (another bar size)', async () => {
    const { http } = venue(rowsOf(CANDLES, (rows) => rows.map((r) => [String(Number(r[0]) + 60_000), ...r.slice(1)])));
    const r = await okxMarket.zoneBars(inst, http, null);
    expect(r.ok || r.error).toMatchObject({ kind: 'schema', endpoint: CANDLES });
  });

  it("states the first tier's maxLever", async () => {
    const { http } = venue();
    const t = await okxMarket.tiers(inst, http);
    expect(t.ok && t.value.maxLeverage).toBe(100);
  });
});
