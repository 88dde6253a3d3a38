import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOiRecorder } from '../../src/background/oi-recorder';
import { buildSnapshot, createSnapshotCaches } from '../../src/background/snapshot';
import { BITGET_PATH, bitgetDescriptor } from '../../src/venues/bitget/descriptor';
import { bitgetMarket } from '../../src/venues/bitget/market';
import type { Http, Instrument, Result } from '../../src/venues/market-types';
import { ACCOUNT_LONG_SHARE } from '../fake-exchange/cascade';
import { BITGET_INTERVAL_HOURS, BITGET_TIERS, bitgetApi } from '../fake-exchange/bitget';
import { defaultMarkets, HOUR, nextFunding } from '../fake-exchange/market-state';
import type { FakeState } from '../fake-exchange/venue-handler';
import { barsOf, coldQuarters, expectBars, fakeVenue, pinClock, QUARTER, RUNNING, urlsOf } from '../unit/venues/zone-fixture';
import { handlerHttp } from './handler-http';

const DAY = 24 * HOUR;

function setup() {
  const state: FakeState = { markets: defaultMarkets(Date.now()), accounts: new Map() };
  return { state, http: handlerHttp('bitget', bitgetApi, state) };
}

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.kind}: ${r.error.message}`);
  return r.value;
}

async function listed(http: Http, symbol: string): Promise<Instrument> {
  const found = value(await bitgetMarket.instruments(http)).find((i) => i.symbol === symbol);
  if (!found) throw new Error(`no ${symbol}`);
  return found;
}

function market(state: FakeState, asset: string) {
  const m = state.markets.get(asset);
  if (!m) throw new Error(`no ${asset} in the fake`);
  return m;
}

afterEach(() => vi.useRealTimers());

describe('bitget client against the fake exchange', () => {
  it('lists the three perpetuals in one request and leaves the delivery contract and the delisted one out', async () => {
    const { http } = setup();
    const r = value(await bitgetMarket.instruments(http));
    expect(http.urls).toEqual(['https://api.bitget.com/api/v2/mix/market/contracts?productType=USDT-FUTURES']);
    expect(r.map((i) => [i.symbol, i.asset, i.quote, i.contractValue, i.tickSize, i.fundingIntervalHours])).toEqual([
      ['BTCUSDT', 'BTC', 'USDT', 1, 0.1, 8],
      ['ETHUSDT', 'ETH', 'USDT', 1, 0.01, 8],
      ['SOLUSDT', 'SOL', 'USDT', 1, 0.001, 4],
    ]);
  });

  it.each(['BTC', 'ETH', 'SOL'])('reads the fake state of %s back figure by figure', async (asset) => {
    const { state, http } = setup();
    const inst = await listed(http, `${asset}USDT`);
    const m = market(state, asset);
    const hours = BITGET_INTERVAL_HOURS[asset] ?? 8;
    const now = Date.now();
    const q = value(await bitgetMarket.quote(inst, http));
    expect(q.markPrice).toBe(m.markPrice);
    expect(q.indexPrice).toBe(m.indexPrice);
    expect(q.lastPrice).toBe(m.lastPrice);
    expect(q.openInterest).toBe(m.openInterest);
    expect(q.fundingRate).toBeCloseTo((m.fundingRate8h * hours) / 8, 12);
    expect(q.fundingIntervalHours).toBe(hours);
    expect(q.nextFundingTime).toBeGreaterThanOrEqual(nextFunding(now, hours));
    expect((q.nextFundingTime ?? 0) % (hours * HOUR)).toBe(0);
    expect([q.fundingCap, q.fundingFloor]).toEqual([0.003, -0.003]);
    expect(q.source).toBe(`${BITGET_PATH.ticker} + ${BITGET_PATH.currentFunding}`);

    const c = value(await bitgetMarket.candles(inst, http));
    expect(c.hourly).toHaveLength(30);
    expect(c.hourly.at(-1)).toEqual({ time: m.hourly.at(-1)?.time, value: m.hourly.at(-1)?.close });
    expect((c.hourly.at(-1)?.time ?? 0) - (c.hourly[0]?.time ?? 0)).toBeGreaterThanOrEqual(25 * HOUR);
    expect(c.daily).toHaveLength(32);
    expect(c.daily.every((p) => p.time % DAY === 0)).toBe(true);

    const t = value(await bitgetMarket.tiers(inst, http));
    expect(t.maxLeverage).toBe(125);
    expect(t.tiers).toEqual([
      { notionalFloor: 0, notionalCap: 150_000, maintenanceRate: 0.004, deduction: 0 },
      { notionalFloor: 150_000, notionalCap: 900_000, maintenanceRate: 0.005, deduction: 150 },
      { notionalFloor: 900_000, notionalCap: 12_000_000, maintenanceRate: 0.01, deduction: 4_650 },
      { notionalFloor: 12_000_000, notionalCap: 38_000_000, maintenanceRate: 0.015, deduction: 64_650 },
    ]);
    expect(t.tiers.map((x) => x.maintenanceRate)).toEqual(BITGET_TIERS.map((x) => x.mmr));

    // productType on every request but the ratio's; the fake refuses any without it, as Bitget does.
    expect(http.requests.every((r) => r.url.searchParams.get('productType') === 'USDT-FUTURES')).toBe(true);
  });

  it.each([
    ['BTC', 8, 1],
    ['SOL', 4, 2],
  ] as const)('pages %s funding (%i h) by pageNo: %i request(s) of 100, 31 days kept, rates as settled', async (asset, hours, pages) => {
    const { state, http } = setup();
    const inst = await listed(http, `${asset}USDT`);
    const m = market(state, asset);
    http.urls.length = 0;
    const f = value(await bitgetMarket.fundingHistory(inst, http));
    expect(http.urls).toEqual(
      Array.from(
        { length: pages },
        (_, i) => `https://api.bitget.com/api/v2/mix/market/history-fund-rate?productType=USDT-FUTURES&symbol=${asset}USDT&pageSize=100&pageNo=${i + 1}`,
      ),
    );
    expect(f.intervalHours).toBe(hours);
    const last = Math.floor(Date.now() / (hours * HOUR)) * hours * HOUR;
    expect(f.points.at(-1)?.time).toBe(last);
    expect(f.points[0]?.time).toBe(last - 31 * DAY);
    expect(f.points).toHaveLength((31 * 24) / hours + 1);
    const settled = new Map(m.fundingHistory8h.map((p) => [p.time, (p.rate * hours) / 8]));
    for (const p of f.points) expect(p.rate).toBeCloseTo(settled.get(p.time) ?? NaN, 12);
  });

  it('reads the hourly account shares without productType, and no top-trader series', async () => {
    const { http } = setup();
    const crowding = bitgetMarket.crowding;
    if (!crowding) throw new Error('bitget publishes account shares');
    const r = value(await crowding(await listed(http, 'BTCUSDT'), http));
    expect(http.urls.at(-1)).toBe('https://api.bitget.com/api/v2/mix/market/account-long-short?symbol=BTCUSDT&period=1h');
    const last = Math.floor(Date.now() / HOUR) * HOUR;
    const shares = ACCOUNT_LONG_SHARE['BTC'] ?? [];
    expect(r.accounts).toEqual(shares.map((v, i) => ({ time: last - (shares.length - 1 - i) * HOUR, value: v })));
    expect(r.topPositions).toBeNull();
  });

  it('answers an unknown symbol with code 40034 in HTTP 400, which surfaces as a bad request', async () => {
    const { http } = setup();
    const ghost: Instrument = { ...(await listed(http, 'BTCUSDT')), symbol: 'DOGEUSDT', asset: 'DOGE' };
    const q = await bitgetMarket.quote(ghost, http);
    expect(q.ok || q.error).toMatchObject({ kind: 'bad-request', venue: 'bitget', message: expect.stringContaining('unknown symbol DOGEUSDT (code 40034)') });
    const f = await bitgetMarket.fundingHistory(ghost, http);
    expect(f.ok || f.error).toMatchObject({ kind: 'bad-request', endpoint: BITGET_PATH.fundingHistory });
    const t = await bitgetMarket.tiers(ghost, http);
    expect(t.ok || t.error).toMatchObject({ kind: 'bad-request', endpoint: BITGET_PATH.tiers });
  });

  it.each([
    ['BTCUSDT', 'BTC', 8],
    ['SOLUSDT', 'SOL', 4],
  ] as const)('builds a complete snapshot for %s through the background', async (symbol, asset, hours) => {
    const { state, http } = setup();
    const m = market(state, asset);
    const r = await buildSnapshot(
      { client: bitgetMarket, liquidation: bitgetDescriptor.liquidation, http, caches: createSnapshotCaches(), recorder: createOiRecorder(), now: Date.now },
      symbol,
    );
    const s = value(r);
    for (const [name, part] of Object.entries(s.parts)) expect(part.error, name).toBeNull();
    expect(s.asset).toBe(asset);
    expect(s.quote.markPrice).toBe(m.markPrice);
    expect(s.fundingIntervalHours).toBe(hours);
    expect(s.fundingIntervalSource).toBe('venue');
    expect(s.fundingAvg7d).not.toBeNull();
    expect(s.fundingPercentile30d).not.toBeNull();
    expect(s.dailyVol).toBeGreaterThan(0);
    for (const w of ['1h', '4h', '24h'] as const) expect(s.priceChange[w].change, `price ${w}`).not.toBeNull();
    // No OI history at Bitget: the background records it while the market is watched.
    expect(s.oiBasis).toBe('recorded');
    expect(s.liquidation).toEqual({ valuation: 'liquidation', feeRate: 0.0006 });
    expect(s.tiers?.fallback).toBe(false);
    expect(s.tiers?.tiers).toHaveLength(BITGET_TIERS.length);
    expect(new Set(http.requests.map((q) => q.url.hostname))).toEqual(new Set(['api.bitget.com']));
  });
});

describe('bitget zone bars against the fake exchange', () => {
  const CANDLES = BITGET_PATH.candles;
  const inst: Instrument = { venue: 'bitget', symbol: 'BTCUSDT', asset: 'BTC', quote: 'USDT', contractValue: 1, tickSize: 0.1, fundingIntervalHours: 8 };

  it('a cold start is one candle request for 7 days: 672 bars, no taker split, no OI', async () => {
    pinClock();
    const { http, btc } = fakeVenue('bitget', bitgetApi);
    const bars = barsOf(await bitgetMarket.zoneBars(inst, http, null));
    expectBars(bars, coldQuarters(btc), 'none', 'none');
    expect(urlsOf(http.requests, CANDLES).map((u) => [u.searchParams.get('granularity'), u.searchParams.get('limit')])).toEqual([['15m', '673']]);
    expect(http.requests).toHaveLength(1);
  });

  it('with since asks only from that bar on', async () => {
    pinClock();
    const { http, btc } = fakeVenue('bitget', bitgetApi);
    const since = RUNNING - 3 * QUARTER;
    expectBars(barsOf(await bitgetMarket.zoneBars(inst, http, since)), btc.quarters.slice(-3), 'none', 'none');
    expect(urlsOf(http.requests, CANDLES).map((u) => Object.fromEntries(u.searchParams))).toEqual([
      {
        productType: 'USDT-FUTURES',
        symbol: 'BTCUSDT',
        granularity: '15m',
        startTime: String(since),
        endTime: String(RUNNING),
        limit: '4',
      },
    ]);
  });

  it('refuses a candle off the grid from the venue', async () => {
    pinClock();
    const { http } = fakeVenue('bitget', bitgetApi, (req, body) => {
      if (req.path !== CANDLES || !body || typeof body !== 'object' || !('data' in body)) return undefined;
      const rows = body.data as string[][];
      return { ...body, data: rows.map((row, i) => (i === 10 ? [String(Number(row[0]) + 1_000), ...row.slice(1)] : row)) };
    });
    const r = await bitgetMarket.zoneBars(inst, http, null);
    expect(r.ok || r.error).toMatchObject({ kind: 'schema', endpoint: CANDLES, message: expect.stringContaining('off the 15-minute grid') });
  });
});
