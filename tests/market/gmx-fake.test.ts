import { afterEach, describe, expect, it, vi } from 'vitest';
import { GMX_PATH } from '../../src/venues/gmx/descriptor';
import { gmxMarket } from '../../src/venues/gmx/market';
import type { Http, Instrument, Result } from '../../src/venues/market-types';
import { fundingPerSecond, GMX_MARKETS, GMX_PARAMS, gmxApi, gmxOpenInterest, gmxPositionRow } from '../fake-exchange/gmx';
import { fetchGmxPositions } from '../../src/venues/gmx/positions';
import { defaultMarkets, HOUR } from '../fake-exchange/market-state';
import type { FakeState } from '../fake-exchange/venue-handler';
import { handlerHttp } from './handler-http';

const DAY = 24 * HOUR;

function setup() {
  const state: FakeState = { markets: defaultMarkets(Date.now()), accounts: new Map() };
  return { state, http: handlerHttp('gmx', gmxApi, state) };
}

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.kind}: ${r.error.message}`);
  return r.value;
}

async function listed(http: Http, symbol: string): Promise<Instrument> {
  const found = value(await gmxMarket.instruments(http)).find((i) => i.symbol === symbol);
  if (!found) throw new Error(`no ${symbol}`);
  return found;
}

function fakeMarket(symbol: string) {
  const m = GMX_MARKETS.find((x) => x.symbol === symbol);
  if (!m) throw new Error(`no fake ${symbol}`);
  return m;
}

afterEach(() => vi.useRealTimers());

describe('GMX client against the fake exchange', () => {
  it('lists every market as index and pool, joined by token address, from two shared lists', async () => {
    const { http } = setup();
    const r = value(await gmxMarket.instruments(http));
    expect(r.map((i) => [i.symbol, i.asset, i.quote, i.fundingIntervalHours])).toEqual([
      ['BTC:BTC-USDC', 'BTC', 'USD', 1],
      ['ETH:WETH-USDC', 'ETH', 'USD', 1],
      ['ETH:WETH-WETH', 'ETH', 'USD', 1],
      ['SOL:SOL-USDC', 'SOL', 'USD', 1],
    ]);
    expect(http.urls.sort()).toEqual(['https://arbitrum.gmxapi.io/v1/markets/info', 'https://arbitrum.gmxapi.io/v1/tokens']);
  });

  it.each(['BTC:BTC-USDC', 'ETH:WETH-USDC', 'ETH:WETH-WETH', 'SOL:SOL-USDC'])('reads the fake state of %s back figure by figure', async (symbol) => {
    const { state, http } = setup();
    const inst = await listed(http, symbol);
    const fm = fakeMarket(symbol);
    const m = state.markets.get(fm.index.asset ?? '');
    if (!m) throw new Error('no fake asset');
    const q = value(await gmxMarket.quote(inst, http));
    // The keeper's min and max sit 0.005% either side of the fake's mark: their mid is the mark.
    expect(q.markPrice / m.markPrice).toBeCloseTo(1, 9);
    expect(q.markIsIndex).toBe(true);
    const oi = gmxOpenInterest(fm, m);
    expect(q.openInterest).toBeCloseTo(oi.longTokens + oi.shortTokens, 3);
    expect(q.longShare).toBeCloseTo(fm.longShare, 9);
    // The paying side's rate per hour, positive when longs pay; what each side pays or receives.
    const paid = fundingPerSecond(m.fundingRate8h) * 3_600;
    expect(q.fundingRate).toBeCloseTo(m.fundingRate8h > 0 ? paid : -paid, 15);
    expect(q.fundingIntervalHours).toBe(1);
    expect(q.nextFundingTime).toBeNull();
    const longsPay = m.fundingRate8h > 0;
    expect(q.sideRates?.long.funding).toBeCloseTo(longsPay ? -paid : (paid * oi.shortUsd) / oi.longUsd, 15);
    expect(q.sideRates?.short.funding).toBeCloseTo(longsPay ? (paid * oi.longUsd) / oi.shortUsd : -paid, 15);
    expect(q.sideRates?.long.borrowing).toBeCloseTo(GMX_PARAMS.borrowLongPerHour, 15);
    expect(q.sideRates?.short.borrowing).toBeCloseTo(GMX_PARAMS.borrowShortPerHour, 15);
    expect(q.source).toBe(`${GMX_PATH.tickers} + ${GMX_PATH.marketsInfo}`);

    const t = value(await gmxMarket.tiers(inst, http));
    expect(t.tiers).toEqual([{ notionalFloor: 0, notionalCap: 1e15, maintenanceRate: GMX_PARAMS.minCollateralFactorForLiquidation, deduction: 0 }]);
    expect(t.feeRate).toBeCloseTo(GMX_PARAMS.closeFeeFactor, 15);

    const c = value(await gmxMarket.candles(inst, http));
    expect(c.hourly).toHaveLength(30);
    expect(c.hourly.at(-1)).toEqual({ time: m.hourly.at(-1)?.time, value: m.hourly.at(-1)?.close });
    expect(c.daily).toHaveLength(32);
    expect(c.daily.every((p) => p.time % DAY === 0)).toBe(true);
    expect(http.urls.filter((u) => u.includes('/prices/candles'))).toEqual([
      `https://arbitrum-api.gmxinfra.io/prices/candles?tokenSymbol=${m.asset}&period=1h&limit=30`,
      `https://arbitrum-api.gmxinfra.io/prices/candles?tokenSymbol=${m.asset}&period=1d&limit=32`,
    ]);
  });

  it('reads 30 days of hourly rates as the paying side’s rate, signed like the quote', async () => {
    const { state, http } = setup();
    const inst = await listed(http, 'ETH:WETH-USDC');
    const m = state.markets.get('ETH');
    if (!m) throw new Error('no ETH');
    const f = value(await gmxMarket.fundingHistory(inst, http));
    expect(http.urls.at(-1)).toBe(`https://arbitrum.gmxapi.io/v1/rates?address=${fakeMarket('ETH:WETH-USDC').marketToken.toLowerCase()}&period=30d`);
    expect(f.intervalHours).toBe(1);
    const hourly = new Map(m.fundingHistory8h.map((p) => [p.time, p.rate / 8]));
    expect(f.points.length).toBeGreaterThan(24 * 29);
    for (const p of f.points) expect(p.rate).toBeCloseTo(hourly.get(p.time) ?? NaN, 15);
  });

  it('takes an index alone (a page’s title) as its deepest market', async () => {
    const { http } = setup();
    const lookup = gmxMarket.instrument;
    if (!lookup) throw new Error('GMX looks up an index alone');
    const eth = value(await lookup('ETH', http));
    expect(eth).toMatchObject({ symbol: 'ETH', asset: 'ETH' });
    if (!eth) throw new Error('no ETH');
    const deep = value(await gmxMarket.quote(eth, http));
    const pool = value(await gmxMarket.quote(await listed(http, 'ETH:WETH-USDC'), http));
    expect(deep.sideRates).toEqual(pool.sideRates);
    expect(deep.symbol).toBe('ETH');
    expect(value(await lookup('DOGE', http))).toBeNull();
    // A whole market's name finds it too (a disabled market the list leaves out is looked up this way).
    expect(value(await lookup('ETH:WETH-USDC', http))).toMatchObject({ symbol: 'ETH:WETH-USDC' });
  });

  it('says a market GMX does not list is unknown, and refuses a price twice the day’s', async () => {
    const { state, http } = setup();
    const ghost: Instrument = { ...(await listed(http, 'BTC:BTC-USDC')), symbol: 'DOGE:DOGE-USDC', asset: 'DOGE' };
    const q = await gmxMarket.quote(ghost, http);
    expect(q.ok || q.error).toMatchObject({ kind: 'unknown-symbol', venue: 'gmx' });
    const btc = state.markets.get('BTC');
    if (!btc) throw new Error('no BTC');
    btc.markPrice *= 3;
    const bad = await gmxMarket.quote(await listed(http, 'BTC:BTC-USDC'), http);
    expect(bad.ok || bad.error).toMatchObject({ kind: 'schema', message: expect.stringMatching(/implausibly far from the price 24 h ago/) });
  });

  it('asks for 15-minute candles of the index by the keeper’s name, newest first, as zone bars without open interest', async () => {
    const { http } = setup();
    const inst = await listed(http, 'BTC:BTC-USDC');
    const z = value(await gmxMarket.zoneBars(inst, http, null));
    const url = new URL(http.urls.at(-1) ?? '');
    expect([url.host, url.pathname, url.searchParams.get('tokenSymbol'), url.searchParams.get('period'), url.searchParams.get('limit')]).toEqual([
      'arbitrum-api.gmxinfra.io',
      '/prices/candles',
      'BTC',
      '15m',
      '673',
    ]);
    expect(z.bars.length).toBeGreaterThan(600);
    expect(z.bars.every((b) => b.oi === null && b.takerBuy === null)).toBe(true);
    expect(z.bars.map((b) => b.time)).toEqual([...z.bars.map((b) => b.time)].sort((a, b) => a - b));
  });
});

describe('GMX wallet positions against the fake exchange', () => {
  const ADDRESS = `0x${'9c'.repeat(20)}`;

  it('reads an account’s positions as GMX computes them, joined with the market table by address', async () => {
    const { state, http } = setup();
    state.accounts.set(`gmx|${ADDRESS}`, [
      gmxPositionRow({
        market: 'BTC:BTC-USDC',
        isLong: true,
        sizeTokens: 0.5,
        entry: 59_000,
        mark: 60_000.12,
        liq: 56_300.5,
        collateral: 'short',
        remainingCollateralUsd: 1_475,
        remainingCollateralTokens: 1_475.37,
        pnl: 500.06,
        leverage: 14.94,
      }),
      // SOL collateral behind a SOL long: its amount moves with the price.
      gmxPositionRow({
        market: 'SOL:SOL-USDC',
        isLong: true,
        sizeTokens: 120,
        entry: 188.37,
        mark: 176.94,
        liq: 162.42,
        collateral: 'long',
        remainingCollateralUsd: 3_531,
        remainingCollateralTokens: 19.9559,
        pnl: -1_371.6,
        leverage: 10.47,
      }),
      // No liquidation price served: PerpLens computes one.
      gmxPositionRow({
        market: 'ETH:WETH-USDC',
        isLong: false,
        sizeTokens: 2,
        entry: 3_050,
        mark: 2_986.3,
        liq: null,
        collateral: 'short',
        remainingCollateralUsd: 305,
        remainingCollateralTokens: 305,
        pnl: 127.4,
        leverage: 20,
      }),
    ]);
    const r = value(await fetchGmxPositions(ADDRESS.toUpperCase().replace('0X', '0x'), http));
    expect(http.urls.filter((u) => u.includes('/v1/positions'))).toEqual([`https://arbitrum.gmxapi.io/v1/positions?address=${ADDRESS}`]);
    expect(r.map((p) => [p.symbol, p.side, p.marginMode, p.source])).toEqual([
      ['BTC:BTC-USDC', 'long', 'isolated', 'api'],
      ['SOL:SOL-USDC', 'long', 'isolated', 'api'],
      ['ETH:WETH-USDC', 'short', 'isolated', 'api'],
    ]);
    const [btc, sol, eth] = r;
    expect(btc?.size).toBeCloseTo(0.5, 12);
    expect(btc?.entryPrice).toBeCloseTo(59_000, 9);
    expect(btc?.liqPrice).toBeCloseTo(56_300.5, 9);
    expect(btc?.margin).toBeCloseTo(1_475, 9);
    expect(btc?.leverage).toBeCloseTo(14.94, 12);
    expect(btc?.unrealizedPnl).toBeCloseTo(500.06, 9);
    expect(btc?.collateralInBase).toBeUndefined();
    expect(sol?.collateralInBase).toBeCloseTo(19.9559, 9);
    expect(eth?.liqPrice).toBeNull();
    expect(eth?.liqNotServed).toMatch(/no liquidation price/);
  });

  it('an account with nothing open is an empty list; a malformed address is refused before any request', async () => {
    const { http } = setup();
    expect(value(await fetchGmxPositions(ADDRESS, http))).toEqual([]);
    const before = http.urls.length;
    const bad = await fetchGmxPositions('0x123', http);
    expect(bad.ok || bad.error).toMatchObject({ kind: 'bad-request', venue: 'gmx' });
    expect(http.urls.length).toBe(before);
  });
});

describe('GMX lists read row by row', () => {
  it('leaves out a market row of a shape it does not know, reads the others, and says so for that market', async () => {
    const state: FakeState = { markets: defaultMarkets(Date.now()), accounts: new Map() };
    // GMX starts sending one market's funding factor as a JSON number: that row alone is unreadable.
    const changed: typeof gmxApi = (req, s) => {
      const reply = gmxApi(req, s);
      if (!reply || req.path !== '/v1/markets/info') return reply;
      const rows = JSON.parse(reply.body) as Record<string, unknown>[];
      const sol = rows.find((r) => r.marketTokenAddress === fakeMarket('SOL:SOL-USDC').marketToken);
      if (sol) sol.fundingFactorPerSecond = 1.2e-9;
      return { ...reply, body: JSON.stringify(rows) };
    };
    const http = handlerHttp('gmx', changed, state);
    const listed = value(await gmxMarket.instruments(http)).map((i) => i.symbol);
    expect(listed).toEqual(['BTC:BTC-USDC', 'ETH:WETH-USDC', 'ETH:WETH-WETH']);
    const sol: Instrument = { venue: 'gmx', symbol: 'SOL:SOL-USDC', asset: 'SOL', quote: 'USD', contractValue: 1, tickSize: null, fundingIntervalHours: 1 };
    const q = await gmxMarket.quote(sol, http);
    expect(q.ok || q.error).toMatchObject({
      kind: 'schema',
      message: expect.stringMatching(/no readable GMX market SOL:SOL-USDC: 1 market rows could not be read \(fundingFactorPerSecond: /),
    });
    expect(value(await gmxMarket.quote({ ...sol, symbol: 'BTC:BTC-USDC', asset: 'BTC' }, http)).markPrice).toBeGreaterThan(0);
  });
});
