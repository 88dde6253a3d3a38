import { handlerHttp } from './handler-http';
import { describe, expect, it } from 'vitest';
import { binanceDescriptor } from '../../src/venues/binance/descriptor';
import { createOiRecorder } from '../../src/background/oi-recorder';
import { buildSnapshot, createSnapshotCaches } from '../../src/background/snapshot';
import { binanceMarket } from '../../src/venues/binance/market';
import { binanceApi } from '../fake-exchange/binance';
import { defaultMarkets, HOUR } from '../fake-exchange/market-state';
import type { FakeState } from '../fake-exchange/venue-handler';

const DAY = 24 * HOUR;

function setup() {
  const state: FakeState = { markets: defaultMarkets(), accounts: new Map() };
  const http = handlerHttp('binance', binanceApi, state);
  const deps = {
    client: binanceMarket,
    liquidation: binanceDescriptor.liquidation,
    http,
    caches: createSnapshotCaches(),
    recorder: createOiRecorder(),
    now: Date.now,
  };
  return { state, http, deps };
}

describe('binance client against the fake exchange', () => {
  it('lists the three perpetuals and leaves the delivery contract out', async () => {
    const { http } = setup();
    const r = await binanceMarket.instruments(http);
    expect(r.ok && r.value.map((i) => [i.symbol, i.asset, i.quote, i.tickSize])).toEqual([
      ['BTCUSDT', 'BTC', 'USDT', 0.1],
      ['ETHUSDT', 'ETH', 'USDT', 0.01],
      ['SOLUSDT', 'SOL', 'USDT', 0.01],
    ]);
  });

  it.each([
    ['BTCUSDT', 'BTC', 8, 'venue'],
    ['ETHUSDT', 'ETH', 8, 'history'],
    ['SOLUSDT', 'SOL', 4, 'venue'],
  ] as const)('builds a complete snapshot for %s from the live (fake) data', async (symbol, asset, hours, intervalSource) => {
    const { state, http, deps } = setup();
    const m = state.markets.get(asset);
    if (!m) throw new Error('fake market');
    const r = await buildSnapshot(deps, symbol);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = r.value;
    for (const part of Object.values(s.parts)) expect(part.error).toBeNull();
    expect(s.asset).toBe(asset);
    expect(s.quote.markPrice).toBeCloseTo(m.markPrice, 8);
    expect(s.quote.indexPrice).toBeCloseTo(m.indexPrice, 8);
    expect(s.quote.openInterest).toBeCloseTo(m.openInterest, 3);
    expect(s.parts.quote.source).toBe('/fapi/v1/premiumIndex + /fapi/v1/openInterest + /fapi/v1/fundingInfo');
    expect(s.quote.fundingRate).toBeCloseTo((m.fundingRate8h * hours) / 8, 8);
    expect(s.quote.nextFundingTime).toBeGreaterThan(Date.now());
    expect(s.fundingIntervalHours).toBe(hours);
    expect(s.fundingIntervalSource).toBe(intervalSource);
    expect(s.fundingAvg7d).not.toBeNull();
    expect(s.fundingPercentile30d).not.toBeNull();
    expect(s.dailyVol).toBeGreaterThan(0);
    for (const w of ['1h', '4h', '24h'] as const) {
      expect(s.priceChange[w].change, `price ${w}`).not.toBeNull();
      expect(s.oiChange[w].change, `oi ${w}`).not.toBeNull();
    }
    expect(s.oiBasis).toBe('venue');
    expect(s.tiers?.fallback).toBe(false);
    expect(s.tiers?.tiers[1]).toEqual({ notionalFloor: 50000, notionalCap: 600000, maintenanceRate: 0.005, deduction: 50 });
    expect(s.sparkline.price).toHaveLength(24);

    const hosts = new Set(http.requests.map((q) => q.url.hostname));
    expect([...hosts].sort()).toEqual(['fapi.binance.com', 'www.binance.com']);
  });

  it('serves ≥ 30 days of funding at a 4 h interval in one request', async () => {
    const { http } = setup();
    const r = await binanceMarket.fundingHistory(
      { venue: 'binance', symbol: 'SOLUSDT', asset: 'SOL', quote: 'USDT', contractValue: 1, tickSize: 0.01, fundingIntervalHours: null },
      http,
    );
    expect(http.requests).toHaveLength(1);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const span = (r.value.points.at(-1)?.time ?? 0) - (r.value.points[0]?.time ?? 0);
    expect(span).toBeGreaterThanOrEqual(30 * DAY - 4 * HOUR);
    expect(r.value.intervalHours).toBe(4);
  });

  it('answers an unknown symbol with HTTP 400 {code: -1121}, which surfaces as an unknown symbol', async () => {
    const { http } = setup();
    const r = await binanceMarket.quote(
      { venue: 'binance', symbol: 'DOGEUSDT', asset: 'DOGE', quote: 'USDT', contractValue: 1, tickSize: null, fundingIntervalHours: null },
      http,
    );
    expect(r.ok || r.error).toMatchObject({
      kind: 'unknown-symbol',
      endpoint: '/fapi/v1/premiumIndex',
      message: 'Binance /fapi/v1/premiumIndex: DOGEUSDT is no longer listed (code -1121)',
    });
  });
});
