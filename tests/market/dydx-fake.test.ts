import { handlerHttp } from './handler-http';
import { describe, expect, it } from 'vitest';
import { dydxDescriptor } from '../../src/venues/dydx/descriptor';
import { createOiRecorder } from '../../src/background/oi-recorder';
import { buildSnapshot, createSnapshotCaches } from '../../src/background/snapshot';
import type { Http, Instrument } from '../../src/venues/market-types';
import { dydxMarket } from '../../src/venues/dydx/market';
import { fetchDydxPositions } from '../../src/venues/dydx/positions';
import { defaultMarkets, HOUR } from '../fake-exchange/market-state';
import { fixture } from './fixture-http';
import { DYDX_PARAMS, dydxApi } from '../fake-exchange/dydx';
import type { FakeState } from '../fake-exchange/venue-handler';

const DAY = 24 * HOUR;

function setup() {
  const state: FakeState = { markets: defaultMarkets(Date.now()), accounts: new Map() };
  return { state, http: handlerHttp('dydx', dydxApi, state) };
}

const ADDRESS = 'dydx1n88uc38xhjgxzw9nwre4ep2c8ga4fjxc565lnf';

async function btc(http: Http): Promise<Instrument> {
  const list = await dydxMarket.instruments(http);
  if (!list.ok) throw new Error(list.error.message);
  const inst = list.value.find((i) => i.symbol === 'BTC-USD');
  if (!inst) throw new Error('no BTC-USD');
  return inst;
}

describe('dydx client against the fake indexer', () => {
  it('lists the fake markets and leaves out one in final settlement', async () => {
    const { http } = setup();
    const r = await dydxMarket.instruments(http);
    expect(r.ok && r.value.map((i) => [i.symbol, i.asset, i.tickSize])).toEqual([
      ['BTC-USD', 'BTC', Number(DYDX_PARAMS['BTC']?.tickSize)],
      ['ETH-USD', 'ETH', Number(DYDX_PARAMS['ETH']?.tickSize)],
      ['SOL-USD', 'SOL', Number(DYDX_PARAMS['SOL']?.tickSize)],
    ]);
  });

  it('reads the fake state back figure by figure, in 4 distinct requests', async () => {
    const { state, http } = setup();
    const inst = await btc(http);
    const m = state.markets.get('BTC');
    if (!m) throw new Error('no BTC');
    http.urls.length = 0;
    const q = await dydxMarket.quote(inst, http);
    expect(q.ok).toBe(true);
    if (!q.ok) return;
    expect(q.value.markPrice).toBe(m.markPrice);
    expect(q.value.fundingRate).toBeCloseTo(m.fundingRate8h / 8, 15);
    expect(q.value.fundingIntervalHours).toBe(1);
    expect(q.value.openInterest).toBe(m.openInterest);

    const f = await dydxMarket.fundingHistory(inst, http);
    expect(f.ok).toBe(true);
    if (!f.ok) return;
    expect(f.value.intervalHours).toBe(1);
    expect((f.value.points[0]?.time ?? Infinity) <= Date.now() - 30 * DAY).toBe(true);
    const last = f.value.points.at(-1);
    expect(last?.rate).toBeCloseTo((m.fundingHistory8h.at(-1)?.rate ?? 0) / 8, 15);

    const c = await dydxMarket.candles(inst, http);
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    expect(c.value.hourly.at(-1)).toEqual({ time: m.hourly.at(-1)?.time, value: m.hourly.at(-1)?.close });
    expect((c.value.hourly.at(-1)?.time ?? 0) - (c.value.hourly[0]?.time ?? 0)).toBeGreaterThanOrEqual(25 * HOUR);
    expect(c.value.daily.length).toBeGreaterThanOrEqual(31);

    const oi = await dydxMarket.oiHistory?.(inst, http);
    expect(oi?.ok).toBe(true);
    if (!oi?.ok) return;
    expect(oi.value.points).toHaveLength(30);
    // startingOpenInterest of the current hour is where the previous hour ended.
    expect(oi.value.points.at(-1)?.value).toBe(m.hourly.at(-2)?.oi);

    const t = await dydxMarket.tiers(inst, http);
    expect(t.ok && t.value.tiers).toEqual([
      { notionalFloor: 0, notionalCap: Number.MAX_SAFE_INTEGER, maintenanceRate: Number(DYDX_PARAMS['BTC']?.mmf), deduction: 0 },
    ]);
    // quote, funding, hourly + daily candles, OI (same URL as hourly), tiers (same URL as quote).
    expect(new Set(http.urls).size).toBe(4);
  });

  it('builds a complete snapshot through the background', async () => {
    const { http } = setup();
    const r = await buildSnapshot(
      { client: dydxMarket, liquidation: dydxDescriptor.liquidation, http, caches: createSnapshotCaches(), recorder: createOiRecorder(), now: Date.now },
      'SOL-USD',
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = r.value;
    for (const part of Object.values(s.parts)) expect(part.error).toBeNull();
    expect(s.asset).toBe('SOL');
    expect(s.fundingIntervalHours).toBe(1);
    expect(s.fundingAvg7d).not.toBeNull();
    expect(s.fundingPercentile30d).not.toBeNull();
    expect(s.dailyVol).not.toBeNull();
    expect(s.oiBasis).toBe('venue');
    for (const w of ['1h', '4h', '24h'] as const) {
      expect(s.priceChange[w].change).not.toBeNull();
      expect(s.oiChange[w].change).not.toBeNull();
    }
    expect(s.tiers?.tiers).toHaveLength(1);
  });

  it("answers an unknown ticker with the indexer's 400", async () => {
    const { http } = setup();
    const fake: Instrument = { venue: 'dydx', symbol: 'XRP-USD', asset: 'XRP', quote: 'USD', contractValue: 1, tickSize: 0.0001, fundingIntervalHours: 1 };
    const r = await dydxMarket.quote(fake, http);
    expect(r.ok || [r.error.kind, r.error.status]).toEqual(['bad-request', 400]);
  });

  it('serves positions from state.accounts, and 404 for an unknown address', async () => {
    const { state, http } = setup();
    const r0 = await fetchDydxPositions(ADDRESS, http);
    expect(r0.ok || [r0.error.kind, r0.error.status]).toEqual(['bad-request', 404]);
    state.accounts.set(ADDRESS, fixture('dydx/parent-subaccount.json'));
    const r = await fetchDydxPositions(ADDRESS, http);
    expect(r.ok && r.value.map((p) => [p.symbol, p.side, p.marginMode])).toEqual([
      ['BTC-USD', 'long', 'cross'],
      ['ETH-USD', 'short', 'isolated'],
      ['SOL-USD', 'short', 'isolated'],
    ]);
    // A bare subaccount object is wrapped as the indexer would send it.
    const body = fixture('dydx/parent-subaccount.json') as { subaccount: unknown };
    state.accounts.set(ADDRESS, body.subaccount);
    const wrapped = await fetchDydxPositions(ADDRESS, http);
    expect(wrapped.ok && wrapped.value).toHaveLength(3);
  });

  it('serves only /v4/', () => {
    const { state } = setup();
    expect(
      dydxApi({ host: 'indexer.dydx.trade', method: 'GET', path: '/perpetualMarkets', query: new URLSearchParams(), body: undefined, now: Date.now() }, state),
    ).toBeNull();
  });
});
