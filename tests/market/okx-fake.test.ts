import { handlerHttp } from './handler-http';
import { describe, expect, it } from 'vitest';
import { okxDescriptor } from '../../src/venues/okx/descriptor';
import { createOiRecorder } from '../../src/background/oi-recorder';
import { buildSnapshot, createSnapshotCaches } from '../../src/background/snapshot';
import type { Http, Instrument } from '../../src/venues/market-types';
import { okxMarket } from '../../src/venues/okx/market';
import { defaultMarkets, HOUR } from '../fake-exchange/market-state';
import { createOkxApi, OKX_CONTRACT_VALUE, OKX_TIERS, okxApi } from '../fake-exchange/okx';
import type { VenueHandler } from '../fake-exchange/venue-handler';
import type { FakeState } from '../fake-exchange/venue-handler';

const DAY = 24 * HOUR;

function setup(handler?: VenueHandler) {
  const state: FakeState = { markets: defaultMarkets(Date.now()), accounts: new Map() };
  return { state, http: handlerHttp('okx', handler ?? okxApi, state) };
}

async function swapOf(http: Http, symbol: string): Promise<Instrument> {
  const list = await okxMarket.instruments(http);
  if (!list.ok) throw new Error(list.error.message);
  const inst = list.value.find((i) => i.symbol === symbol);
  if (!inst) throw new Error(`no ${symbol}`);
  return inst;
}

const btc = (http: Http) => swapOf(http, 'BTC-USDT-SWAP');

describe('okx client against the fake exchange', () => {
  it('lists the fake swaps and leaves out the inverse and pre-open ones', async () => {
    const { http } = setup();
    const r = await okxMarket.instruments(http);
    expect(r.ok && r.value.map((i) => [i.symbol, i.asset, i.contractValue])).toEqual([
      ['BTC-USDT-SWAP', 'BTC', OKX_CONTRACT_VALUE['BTC']],
      ['ETH-USDT-SWAP', 'ETH', OKX_CONTRACT_VALUE['ETH']],
      ['SOL-USDT-SWAP', 'SOL', OKX_CONTRACT_VALUE['SOL']],
    ]);
  });

  it('reads the fake state back figure by figure', async () => {
    const { state, http } = setup();
    const inst = await btc(http);
    const m = state.markets.get('BTC');
    if (!m) throw new Error('no BTC');
    const q = await okxMarket.quote(inst, http);
    expect(q.ok).toBe(true);
    if (!q.ok) return;
    expect(q.value.markPrice).toBe(m.markPrice);
    expect(q.value.indexPrice).toBe(m.indexPrice);
    expect(q.value.source).toContain('/api/v5/market/index-tickers');
    expect(q.value.lastPrice).toBe(m.lastPrice);
    expect(q.value.fundingRate).toBe(m.fundingRate8h);
    expect(q.value.fundingIntervalHours).toBe(8);
    expect(q.value.openInterest).toBeCloseTo(m.openInterest, 6);
    expect((q.value.nextFundingTime ?? 0) % (8 * HOUR)).toBe(0);

    const f = await okxMarket.fundingHistory(inst, http);
    expect(f.ok).toBe(true);
    if (!f.ok) return;
    expect(f.value.intervalHours).toBe(8);
    // One page: 40 days at 8 h is fewer than 400 rows; 31 of them kept.
    expect(f.value.points.length).toBe(31 * 3 + 1);
    expect((f.value.points[0]?.time ?? Infinity) <= Date.now() - 30 * DAY).toBe(true);
    const last = f.value.points.at(-1);
    expect(last?.rate).toBe(m.fundingHistory8h.find((x) => x.time === last?.time)?.rate);

    const oi = await okxMarket.oiHistory?.(inst, http);
    expect(oi?.ok).toBe(true);
    if (!oi?.ok) return;
    expect(oi.value.points).toHaveLength(30);
    expect(oi.value.points.at(-1)?.value).toBeCloseTo(m.hourly.at(-1)?.oi ?? 0, 6);

    const c = await okxMarket.candles(inst, http);
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    expect(c.value.hourly.at(-1)).toEqual({ time: m.hourly.at(-1)?.time, value: m.hourly.at(-1)?.close });
    expect((c.value.hourly.at(-1)?.time ?? 0) - (c.value.hourly[0]?.time ?? 0)).toBeGreaterThanOrEqual(25 * HOUR);
    expect(c.value.daily.length).toBeGreaterThanOrEqual(31);

    const t = await okxMarket.tiers(inst, http);
    expect(t.ok).toBe(true);
    if (!t.ok) return;
    expect(t.value.tiers.map((x) => x.maintenanceRate)).toEqual(OKX_TIERS.map((x) => x.mmr));
    expect(t.value.tiers[0]?.notionalCap).toBeCloseTo((OKX_TIERS[0]?.maxSz ?? 0) * 0.01 * m.markPrice, 6);
  });

  it('pages the history of a 1 h swap to 30 days with `after`, two requests of 400 rows', async () => {
    const { state, http } = setup(createOkxApi({ fundingHours: { SOL: 1 } }));
    const inst = await swapOf(http, 'SOL-USDT-SWAP');
    const m = state.markets.get('SOL');
    if (!m) throw new Error('no SOL');
    const q = await okxMarket.quote(inst, http);
    expect(q.ok && q.value.fundingIntervalHours).toBe(1);
    expect(q.ok && q.value.fundingRate).toBeCloseTo(m.fundingRate8h / 8, 12);

    http.urls.length = 0;
    const f = await okxMarket.fundingHistory(inst, http);
    expect(http.urls).toHaveLength(2);
    expect(http.urls[0]).toBe('https://www.okx.com/api/v5/public/funding-rate-history?instId=SOL-USDT-SWAP&limit=400');
    expect(http.urls[1]).toMatch(/&limit=400&after=\d+$/);
    expect(f.ok).toBe(true);
    if (!f.ok) return;
    expect(f.value.intervalHours).toBe(1);
    const first = f.value.points[0]?.time ?? Infinity;
    const last = f.value.points.at(-1)?.time ?? 0;
    expect(first).toBeLessThanOrEqual(Date.now() - 30 * DAY);
    expect(last).toBe(Math.floor(Date.now() / HOUR) * HOUR);
    // Every hour from the first to the last, none missing where the pages meet.
    expect(f.value.points).toHaveLength((last - first) / HOUR + 1);
    expect(f.value.points.at(-1)?.rate).toBeCloseTo((m.fundingHistory8h.at(-1)?.rate ?? 0) / 8, 12);

    // BTC stays on 8 h in the same fake: one request.
    http.urls.length = 0;
    const b = await okxMarket.fundingHistory(await btc(http), http);
    expect(b.ok && b.value.intervalHours).toBe(8);
    expect(http.urls.filter((u) => u.includes('funding-rate-history'))).toHaveLength(1);
  });

  it('builds a complete snapshot through the background', async () => {
    const { http } = setup();
    const r = await buildSnapshot(
      { client: okxMarket, liquidation: okxDescriptor.liquidation, http, caches: createSnapshotCaches(), recorder: createOiRecorder(), now: Date.now },
      'ETH-USDT-SWAP',
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = r.value;
    for (const part of Object.values(s.parts)) expect(part.error).toBeNull();
    expect(s.asset).toBe('ETH');
    expect(s.fundingIntervalHours).toBe(8);
    expect(s.fundingIntervalSource).toBe('venue');
    expect(s.fundingAvg7d).not.toBeNull();
    expect(s.fundingPercentile30d).not.toBeNull();
    expect(s.dailyVol).not.toBeNull();
    expect(s.oiBasis).toBe('venue');
    for (const w of ['1h', '4h', '24h'] as const) {
      expect(s.priceChange[w].change).not.toBeNull();
      expect(s.oiChange[w].change).not.toBeNull();
    }
    expect(s.tiers?.tiers.length).toBe(OKX_TIERS.length);
  });

  it('answers an unknown instrument with code 51001, a bad-request error', async () => {
    const { http } = setup();
    const fake: Instrument = {
      venue: 'okx',
      symbol: 'XRP-USDT-SWAP',
      asset: 'XRP',
      quote: 'USDT',
      contractValue: 100,
      tickSize: 0.0001,
      fundingIntervalHours: null,
    };
    const r = await okxMarket.quote(fake, http);
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.error.kind, r.error.message]).toEqual(['bad-request', expect.stringContaining('51001')]);
  });

  it('serves the index by its pair, in the shape of docs-v5, and refuses a swap id or no instId', () => {
    const { state } = setup();
    const m = state.markets.get('ETH');
    const ask = (query: string) =>
      okxApi(
        { host: 'www.okx.com', method: 'GET', path: '/api/v5/market/index-tickers', query: new URLSearchParams(query), body: undefined, now: Date.now() },
        state,
      );
    const ok = ask('instId=ETH-USDT');
    expect(ok?.status).toBe(200);
    const body = JSON.parse(ok?.body ?? '{}') as { code: string; data: Record<string, string>[] };
    expect(body.code).toBe('0');
    expect(body.data).toHaveLength(1);
    const row = body.data[0] ?? {};
    expect(Object.keys(row).sort()).toEqual(['high24h', 'idxPx', 'instId', 'low24h', 'open24h', 'sodUtc0', 'sodUtc8', 'ts']);
    expect(Number(row['idxPx'])).toBe(m?.indexPrice);
    expect(Number(row['low24h'])).toBeLessThanOrEqual(Number(row['idxPx']));
    expect(Number(row['high24h'])).toBeGreaterThanOrEqual(Number(row['idxPx']));
    expect(JSON.parse(ask('instId=ETH-USDT-SWAP')?.body ?? '{}')).toMatchObject({ code: '51001' });
    expect(ask('')?.status).toBe(400);
  });

  it('serves only /api/v5/: trading pages on the same host are left to the page server', () => {
    const { state } = setup();
    const page = okxApi(
      { host: 'www.okx.com', method: 'GET', path: '/trade-swap/btc-usdt-swap', query: new URLSearchParams(), body: undefined, now: Date.now() },
      state,
    );
    expect(page).toBeNull();
  });
});
