import { handlerHttp } from './handler-http';
import { describe, expect, it } from 'vitest';
import { bybitDescriptor } from '../../src/venues/bybit/descriptor';
import { createOiRecorder } from '../../src/background/oi-recorder';
import { buildSnapshot, createSnapshotCaches } from '../../src/background/snapshot';
import { bybitMarket } from '../../src/venues/bybit/market';
import type { Http, Instrument } from '../../src/venues/market-types';
import { bybitApi } from '../fake-exchange/bybit';
import { defaultMarkets, HOUR } from '../fake-exchange/market-state';
import type { FakeState } from '../fake-exchange/venue-handler';

const DAY = 24 * HOUR;

function setup() {
  const state: FakeState = { markets: defaultMarkets(), accounts: new Map() };
  const http = handlerHttp('bybit', bybitApi, state);
  const deps = {
    client: bybitMarket,
    liquidation: bybitDescriptor.liquidation,
    http,
    caches: createSnapshotCaches(),
    recorder: createOiRecorder(),
    now: Date.now,
  };
  return { state, http, deps };
}

const inst = (symbol: string, fundingIntervalHours: number | null): Instrument => ({
  venue: 'bybit',
  symbol,
  asset: symbol.replace(/USDT$/, ''),
  quote: 'USDT',
  contractValue: 1,
  tickSize: 0.01,
  fundingIntervalHours,
});

describe('bybit client against the fake exchange', () => {
  it('lists the three perpetuals in one request and leaves the dated future out', async () => {
    const { http } = setup();
    const r = await bybitMarket.instruments(http);
    expect(http.requests).toHaveLength(1);
    expect(r.ok && r.value.map((i) => [i.symbol, i.asset, i.quote, i.tickSize, i.fundingIntervalHours])).toEqual([
      ['BTCUSDT', 'BTC', 'USDT', 0.1, 8],
      ['ETHUSDT', 'ETH', 'USDT', 0.01, 8],
      ['SOLUSDT', 'SOL', 'USDT', 0.01, 4],
    ]);
  });

  it('follows the fake cursor when pages are small', async () => {
    const { state } = setup();
    const small = handlerHttp('bybit', bybitApi, state);
    const paged: Http = (req) => {
      const url = new URL(req.url);
      url.searchParams.set('limit', '2');
      return small({ ...req, url });
    };
    const r = await bybitMarket.instruments(paged);
    expect(small.requests).toHaveLength(2);
    expect(r.ok && r.value.map((i) => i.symbol)).toEqual(['BTCUSDT', 'ETHUSDT', 'SOLUSDT']);
  });

  it.each([
    ['BTCUSDT', 'BTC', 8],
    ['ETHUSDT', 'ETH', 8],
    ['SOLUSDT', 'SOL', 4],
  ] as const)('builds a complete snapshot for %s from the live (fake) data', async (symbol, asset, hours) => {
    const { state, http, deps } = setup();
    const m = state.markets.get(asset);
    if (!m) throw new Error('fake market');
    const r = await buildSnapshot(deps, symbol);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = r.value;
    for (const part of Object.values(s.parts)) expect(part.error).toBeNull();
    expect(s.asset).toBe(asset);
    expect(s.quote.markPrice).toBeCloseTo(m.markPrice, 2);
    expect(s.quote.lastPrice).toBeCloseTo(m.lastPrice, 2);
    expect(s.quote.openInterest).toBeCloseTo(m.openInterest, 3);
    expect(s.quote.fundingRate).toBeCloseTo((m.fundingRate8h * hours) / 8, 8);
    expect(s.quote.fundingCap).toBe(0.005);
    expect(s.quote.nextFundingTime).toBeGreaterThan(Date.now());
    expect(s.fundingIntervalHours).toBe(hours);
    expect(s.fundingIntervalSource).toBe('venue');
    expect(s.fundingAvg7d).not.toBeNull();
    expect(s.fundingPercentile30d).not.toBeNull();
    expect(s.dailyVol).toBeGreaterThan(0);
    for (const w of ['1h', '4h', '24h'] as const) {
      expect(s.priceChange[w].change, `price ${w}`).not.toBeNull();
      expect(s.oiChange[w].change, `oi ${w}`).not.toBeNull();
    }
    expect(s.oiBasis).toBe('venue');
    expect(s.tiers?.fallback).toBe(false);
    expect(s.tiers?.tiers).toEqual([
      { notionalFloor: 0, notionalCap: 2000000, maintenanceRate: 0.005, deduction: 0 },
      { notionalFloor: 2000000, notionalCap: 4000000, maintenanceRate: 0.01, deduction: 10000 },
      { notionalFloor: 4000000, notionalCap: 6000000, maintenanceRate: 0.015, deduction: 30000 },
    ]);
    expect(s.sparkline.price).toHaveLength(24);
    expect(new Set(http.requests.map((q) => q.url.hostname))).toEqual(new Set(['api.bybit.com']));
  });

  it('pages funding back with endTime to ≥ 30 days, and the fake refuses startTime alone like the venue', async () => {
    const { state, http } = setup();
    const r = await bybitMarket.fundingHistory(inst('SOLUSDT', 4), http);
    expect(http.requests).toHaveLength(1);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const span = (r.value.points.at(-1)?.time ?? 0) - (r.value.points[0]?.time ?? 0);
    expect(span).toBeGreaterThanOrEqual(30 * DAY);
    expect(r.value.intervalHours).toBe(4);

    const startOnly = handlerHttp('bybit', bybitApi, state);
    const bad = await startOnly({ url: new URL('https://api.bybit.com/v5/market/funding/history?category=linear&symbol=BTCUSDT&startTime=1') });
    expect(bad.ok && (bad.value as { retCode: number }).retCode).toBe(10001);
  });

  it('walks back with endTime only, and stops when the venue runs out of rows', async () => {
    const { http } = setup();
    // The fake settles ETH every 8 h; asking as if hourly still walks back with endTime and stops when rows run out.
    const r = await bybitMarket.fundingHistory(inst('ETHUSDT', 1), http);
    expect(r.ok).toBe(true);
    expect(http.requests.length).toBeLessThanOrEqual(4);
    expect(http.requests.every((q) => !q.url.searchParams.has('startTime'))).toBe(true);
  });

  it('answers an unknown symbol with retCode 10001 in HTTP 200, which surfaces as a bad request', async () => {
    const { http } = setup();
    const r = await bybitMarket.quote(inst('DOGEUSDT', 8), http);
    expect(r.ok || r.error).toMatchObject({ kind: 'bad-request', venue: 'bybit', endpoint: '/v5/market/tickers' });
  });
});
