import { beforeEach, describe, expect, it } from 'vitest';
import type { Instrument, Result } from '../../src/venues/market-types';
import { hyperliquidMarket } from '../../src/venues/hyperliquid/market';
import { fetchHyperliquidPositions } from '../../src/venues/hyperliquid/positions';
import { HIP3_DEX, hlDecimal, hyperliquidApi } from '../fake-exchange/hyperliquid';
import { defaultMarkets, HOUR } from '../fake-exchange/market-state';
import type { FakeState } from '../fake-exchange/venue-handler';
import { fixture } from './fixture-http';
import { handlerHttp } from './handler-http';

const DAY = 24 * HOUR;

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.kind}: ${r.error.message}`);
  return r.value;
}

let state: FakeState;
let http: ReturnType<typeof handlerHttp>;
let instruments: Instrument[];

function instrument(symbol: string): Instrument {
  const found = instruments.find((i) => i.symbol === symbol);
  if (!found) throw new Error(`${symbol} not listed`);
  return found;
}

beforeEach(async () => {
  state = { markets: defaultMarkets(Date.now()), accounts: new Map() };
  http = handlerHttp('hyperliquid', hyperliquidApi, state);
  // The main dex's list, and the HIP-3 dex's markets as they are looked up when asked for.
  const hip3 = await Promise.all(['hyna:BTC', 'hyna:ETH', 'hyna:SOL'].map((s) => hyperliquidMarket.instrument?.(s, http)));
  instruments = [...value(await hyperliquidMarket.instruments(http)), ...hip3.flatMap((r) => (r?.ok && r.value ? [r.value] : []))];
});

describe('hyperliquid client against the fake exchange', () => {
  it("lists the fake markets under their coin names, and the HIP-3 dex's in its collateral", () => {
    expect(instruments.map((i) => [i.symbol, i.asset, i.quote])).toEqual([
      ['BTC', 'BTC', 'USDC'],
      ['ETH', 'ETH', 'USDC'],
      ['SOL', 'SOL', 'USDC'],
      ['hyna:BTC', 'BTC', 'USDE'],
      ['hyna:ETH', 'ETH', 'USDE'],
      ['hyna:SOL', 'SOL', 'USDE'],
    ]);
    expect(instruments.every((i) => i.fundingIntervalHours === 1 && i.contractValue === 1)).toBe(true);
  });

  it('builds a complete, consistent snapshot for every asset, on the main dex and the HIP-3 one', async () => {
    for (const inst of instruments) {
      const m = state.markets.get(inst.asset);
      if (!m) throw new Error('no market');
      // The HIP-3 dex's deployer halves the main dex's funding.
      const scale = inst.symbol.includes(':') ? HIP3_DEX.fundingMultiplier : 1;
      const now = Date.now();

      const q = value(await hyperliquidMarket.quote(inst, http));
      expect(q.markPrice).toBe(m.markPrice);
      expect(q.indexPrice).toBe(m.indexPrice);
      expect(q.lastPrice).toBe(m.lastPrice);
      expect(q.fundingRate).toBeCloseTo((m.fundingRate8h / 8) * scale, 12);
      expect(q.openInterest).toBe(m.openInterest);
      expect(q.nextFundingTime).toBe(Math.floor(now / HOUR) * HOUR + HOUR);

      const f = value(await hyperliquidMarket.fundingHistory(inst, http));
      expect(f.intervalHours).toBe(1);
      expect(f.points.length).toBeGreaterThanOrEqual(719);
      const first = f.points[0];
      const last = f.points[f.points.length - 1];
      expect(first && last && last.time - first.time).toBeGreaterThanOrEqual(30 * DAY - 2 * HOUR);
      expect(f.points.every((p, i) => i === 0 || p.time > (f.points[i - 1]?.time ?? 0))).toBe(true);
      const settled = new Map(m.fundingHistory8h.map((p) => [p.time, (p.rate / 8) * scale]));
      for (const p of f.points) expect(p.rate).toBeCloseTo(settled.get(p.time) ?? Number.NaN, 12);

      const c = value(await hyperliquidMarket.candles(inst, http));
      expect(c.hourly.length).toBeGreaterThanOrEqual(26);
      const h0 = c.hourly[0];
      const hN = c.hourly[c.hourly.length - 1];
      expect(h0 && hN && hN.time - h0.time).toBeGreaterThanOrEqual(25 * HOUR);
      expect(hN?.value).toBe(Number(hlDecimal(m.hourly[m.hourly.length - 1]?.close ?? 0, 2)));
      expect(c.daily.length).toBeGreaterThanOrEqual(31);

      const t = value(await hyperliquidMarket.tiers(inst, http));
      expect(t.tiers.length).toBeGreaterThanOrEqual(1);
      expect(t.tiers[0]?.notionalFloor).toBe(0);
      // The HIP-3 market's table is its own dex's: one flat 20× tier, not the main dex's 40× then 20×.
      if (scale !== 1) expect([t.maxLeverage, t.tiers.length, t.tiers[0]?.maintenanceRate]).toEqual([20, 1, 0.025]);
    }
    // One refresh of one market: meta is shared (instruments, tiers), quote 1, funding 2, candles 2.
    const types = http.requests.map((r) => (r.body as { type: string }).type);
    expect(types.filter((t) => t === 'fundingHistory')).toHaveLength(2 * 6);
    expect(types.filter((t) => t === 'candleSnapshot')).toHaveLength(2 * 6);
  });

  it('serves BTC margin tiers of 40× then 20× from 150M', async () => {
    const t = value(await hyperliquidMarket.tiers(instrument('BTC'), http));
    expect(t.tiers.map((x) => [x.notionalFloor, x.maintenanceRate, x.deduction])).toEqual([
      [0, 0.0125, 0],
      [150_000_000, 0.025, 1_875_000],
    ]);
  });

  it('follows a moved mark and flipped funding', async () => {
    const btc = state.markets.get('BTC');
    if (!btc) throw new Error('no BTC');
    btc.markPrice = 57_000.5;
    btc.fundingRate8h = -0.0004;
    const q = value(await hyperliquidMarket.quote(instrument('BTC'), http));
    expect(q.markPrice).toBe(57_000.5);
    expect(q.fundingRate).toBeCloseTo(-0.00005, 12);
  });

  it('refuses an unknown coin the way the venue does', async () => {
    const ghost: Instrument = { ...instrument('BTC'), symbol: 'GHOST', asset: 'GHOST' };
    const q = await hyperliquidMarket.quote(ghost, http);
    expect(q.ok ? null : q.error.kind).toBe('unknown-symbol');
    const f = await hyperliquidMarket.fundingHistory(ghost, http);
    expect(f.ok ? null : [f.error.kind, f.error.status]).toEqual(['http', 500]);
    const c = await hyperliquidMarket.candles(ghost, http);
    expect(c.ok ? null : [c.error.kind, c.error.status]).toEqual(['http', 500]);
  });

  it('answers an unreadable body with 422 and a plain-text reason', () => {
    const reply = hyperliquidApi(
      { host: 'api.hyperliquid.xyz', method: 'POST', path: '/info', query: new URLSearchParams(), body: { type: 'nonsense' }, now: Date.now() },
      state,
    );
    expect(reply?.status).toBe(422);
    expect(reply?.contentType).toMatch(/^text\/plain/);
    expect(reply?.body).toBe('Failed to deserialize the JSON body into the target type');
  });

  it('serves positions from the account stored under the lower-case address, and none for a stranger', async () => {
    const address = '0x7FdA5E0000000000000000000000000000c0FFEe';
    state.accounts.set(address.toLowerCase(), fixture('hyperliquid/clearinghouse-state.sample.json'));
    const ps = value(await fetchHyperliquidPositions(address, http));
    expect(ps).toHaveLength(1);
    expect(ps[0]).toMatchObject({ symbol: 'ETH', side: 'long', size: 0.0335, liqPrice: 2866.26936529, marginMode: 'isolated' });
    expect(ps[0]?.walletMargin).toBeCloseTo(4.981226, 9);
    expect(value(await fetchHyperliquidPositions('0x' + '1'.repeat(40), http))).toEqual([]);
  });
});
