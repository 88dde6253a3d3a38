import { describe, expect, it } from 'vitest';
import { isDydxAddress } from '../../src/venues/dydx/address';
import { dydxDescriptor } from '../../src/venues/dydx/descriptor';
import { dydxMarket } from '../../src/venues/dydx/market';
import { fetchDydxPositions } from '../../src/venues/dydx/positions';
import { dydxAssetFromTicker, isDydxTicker } from '../../src/venues/dydx/symbol';
import type { HttpRequest, Instrument, Result } from '../../src/venues/market-types';
import { fixture, fixtureHttp } from './fixture-http';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BASE = 'https://indexer.dydx.trade/v4';
// A real address from the indexer's own test constants (checksum valid).
const ADDRESS = 'dydx1n88uc38xhjgxzw9nwre4ep2c8ga4fjxc565lnf';

const BTC: Instrument = { venue: 'dydx', symbol: 'BTC-USD', asset: 'BTC', quote: 'USD', contractValue: 1, tickSize: 1, fundingIntervalHours: 1 };

/** Serves by path (`/v4/...`), or by `path?resolution=…` for candles; records shareForMs per URL. */
function dydxHttp(routes: Record<string, unknown>) {
  const shared = new Map<string, number | undefined>();
  const http = fixtureHttp((req: HttpRequest) => {
    shared.set(req.url.toString(), req.shareForMs);
    const resolution = req.url.searchParams.get('resolution');
    const key = resolution ? `${req.url.pathname}?resolution=${resolution}` : req.url.pathname;
    const answer = routes[key];
    return typeof answer === 'string' ? fixture(answer) : answer;
  });
  return Object.assign(http, { shared });
}

function expectError<T>(r: Result<T>, kind: string, endpoint: string, text?: string) {
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.error.kind).toBe(kind);
  expect(r.error.endpoint).toBe(endpoint);
  if (text) expect(r.error.message).toContain(text);
}

function market(overrides: Record<string, unknown>) {
  const body = fixture('dydx/perpetual-market-btc.json') as { markets: Record<string, Record<string, unknown>> };
  return { markets: { 'BTC-USD': { ...body.markets['BTC-USD'], ...overrides } } };
}

describe('dydx symbols and addresses', () => {
  it('reads tickers, including permissionless ones', () => {
    expect(isDydxTicker('BTC-USD')).toBe(true);
    expect(isDydxTicker('1INCH-USD')).toBe(true);
    expect(isDydxTicker('BTC-USDT')).toBe(false);
    expect(isDydxTicker('BTC/USD')).toBe(false);
    expect(isDydxTicker('../x-USD')).toBe(false);
    expect(dydxAssetFromTicker('ETH-USD')).toBe('ETH');
    expect(dydxAssetFromTicker('RETARDIO,RAYDIUM,6OGzHhzdrQr9Pgv6hZ2MNze7UrzBMAFyBBWUYp1Fhitx-USD')).toBe('RETARDIO');
    expect(dydxAssetFromTicker('BTC')).toBeNull();
  });

  it('verifies the bech32 checksum', () => {
    expect(isDydxAddress(ADDRESS)).toBe(true);
    expect(isDydxAddress('dydx199tqg4wdlnu4qjlxchpd7seg454937hjrknju4')).toBe(true);
    expect(isDydxAddress(ADDRESS.toUpperCase())).toBe(true);
    // One character changed (the indexer's own "defaultAddress2"): checksum fails.
    expect(isDydxAddress('dydx1n88uc38xhjgxzw9nwre4ep2c8ga4fjxc575lnf')).toBe(false);
    // Mixed case, other prefix, wrong length, characters outside the charset (b, i, o, 1).
    expect(isDydxAddress('dydx1N88uc38xhjgxzw9nwre4ep2c8ga4fjxc565lnf')).toBe(false);
    expect(isDydxAddress('cosm1n88uc38xhjgxzw9nwre4ep2c8ga4fjxc565lnf')).toBe(false);
    expect(isDydxAddress(ADDRESS.slice(0, -1))).toBe(false);
    expect(isDydxAddress(`${ADDRESS}q`)).toBe(false);
    for (const bad of ['b', 'i', 'o', '1']) expect(isDydxAddress(`${ADDRESS.slice(0, 10)}${bad}${ADDRESS.slice(11)}`)).toBe(false);
    expect(isDydxAddress('')).toBe(false);
    expect(isDydxAddress('0x0000000000000000000000000000000000000000')).toBe(false);
  });

  it('descriptor names the indexer and its limit', () => {
    expect(dydxDescriptor.apiBase).toBe(BASE);
    expect(dydxDescriptor.rateLimit).toMatchObject({ units: 100, windowMs: 10_000, unit: 'requests' });
  });
});

describe('dydx instruments', () => {
  it('keeps active markets with prices, one request shared for an hour', async () => {
    const http = dydxHttp({ '/v4/perpetualMarkets': 'dydx/perpetual-markets.json' });
    const r = await dydxMarket.instruments(http);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toEqual([
      { venue: 'dydx', symbol: 'BTC-USD', asset: 'BTC', quote: 'USD', contractValue: 1, tickSize: 1, fundingIntervalHours: 1 },
      { venue: 'dydx', symbol: 'ETH-USD', asset: 'ETH', quote: 'USD', contractValue: 1, tickSize: 0.1, fundingIntervalHours: 1 },
      {
        venue: 'dydx',
        symbol: 'RETARDIO,RAYDIUM,6OGzHhzdrQr9Pgv6hZ2MNze7UrzBMAFyBBWUYp1Fhitx-USD',
        asset: 'RETARDIO',
        quote: 'USD',
        contractValue: 1,
        tickSize: 0.000001,
        fundingIntervalHours: 1,
      },
    ]);
    expect(http.served.map((s) => s.url.toString())).toEqual([`${BASE}/perpetualMarkets`]);
    expect(http.shared.get(`${BASE}/perpetualMarkets`)).toBe(HOUR);
  });

  it('refuses a body without markets', async () => {
    const r = await dydxMarket.instruments(dydxHttp({ '/v4/perpetualMarkets': { markets: [] } }));
    expectError(r, 'schema', '/v4/perpetualMarkets', 'markets');
  });
});

describe('dydx quote', () => {
  it('takes the oracle price as mark and index, hourly funding, OI in coins', async () => {
    const http = dydxHttp({ '/v4/perpetualMarkets': 'dydx/perpetual-market-btc.json' });
    const before = Date.now();
    const r = await dydxMarket.quote(BTC, http);
    const after = Date.now();
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const q = r.value;
    expect(q.markPrice).toBe(118976.5376);
    expect(q.indexPrice).toBe(118976.5376);
    expect(q.lastPrice).toBeNull();
    expect(q.fundingRate).toBe(0);
    expect(q.fundingIntervalHours).toBe(1);
    expect(q.fundingCap).toBeNull();
    expect(q.fundingFloor).toBeNull();
    expect(q.openInterest).toBe(52.0691);
    // The next full hour.
    expect(q.nextFundingTime).toBeGreaterThan(before);
    expect(q.nextFundingTime).toBeLessThanOrEqual(after + HOUR);
    expect((q.nextFundingTime ?? 1) % HOUR).toBe(0);
    expect(q.source).toBe('/v4/perpetualMarkets');
    // No last price, cap or floor: no entry for them.
    expect(q.figureSources).toEqual({
      markPrice: '/v4/perpetualMarkets',
      indexPrice: '/v4/perpetualMarkets',
      fundingRate: '/v4/perpetualMarkets',
      fundingIntervalHours: '/v4/perpetualMarkets',
      nextFundingTime: '/v4/perpetualMarkets',
      openInterest: '/v4/perpetualMarkets',
    });
    expect(http.served.map((s) => s.url.toString())).toEqual([`${BASE}/perpetualMarkets?ticker=BTC-USD`]);
    expect(http.shared.get(`${BASE}/perpetualMarkets?ticker=BTC-USD`)).toBe(10_000);
  });

  it('reads a negative predicted rate', async () => {
    const r = await dydxMarket.quote(BTC, dydxHttp({ '/v4/perpetualMarkets': 'dydx/perpetual-market-btc-funding.json' }));
    expect(r.ok && [r.value.fundingRate, r.value.markPrice, r.value.openInterest]).toEqual([-0.0000087, 118001.25, 4312.5531]);
  });

  it.each([
    ['a NaN string', { oraclePrice: 'NaN' }, 'markets.BTC-USD.oraclePrice'],
    ['a number instead of a string', { oraclePrice: 118976.5 }, 'markets.BTC-USD.oraclePrice'],
    ['a null price', { oraclePrice: null }, 'markets.BTC-USD.oraclePrice'],
    ['a missing funding rate', { nextFundingRate: undefined }, 'markets.BTC-USD.nextFundingRate'],
    ['negative open interest', { openInterest: '-1' }, 'markets.BTC-USD.openInterest'],
    ['a margin fraction of 1', { maintenanceMarginFraction: '1' }, 'markets.BTC-USD.maintenanceMarginFraction'],
  ])('refuses %s', async (_name, overrides, path) => {
    const r = await dydxMarket.quote(BTC, dydxHttp({ '/v4/perpetualMarkets': market(overrides) }));
    expectError(r, 'schema', '/v4/perpetualMarkets', path);
  });

  it('refuses an answer without the asked market', async () => {
    const r = await dydxMarket.quote(BTC, dydxHttp({ '/v4/perpetualMarkets': { markets: {} } }));
    expectError(r, 'bad-request', '/v4/perpetualMarkets', 'BTC-USD');
  });

  it('turns the indexer error body into a bad-request error', async () => {
    const r = await dydxMarket.quote(BTC, dydxHttp({ '/v4/perpetualMarkets': 'dydx/error-400-ticker.json' }));
    expectError(r, 'bad-request', '/v4/perpetualMarkets', 'ticker must be a valid ticker');
  });
});

describe('dydx funding history', () => {
  it('reads hourly settled rates ascending, one request of 1000 rows', async () => {
    const http = dydxHttp({ '/v4/historicalFunding/BTC-USD': 'dydx/historical-funding.json' });
    const r = await dydxMarket.fundingHistory(BTC, http);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.points).toEqual([
      { time: Date.parse('2025-07-25T08:00:00.803Z'), rate: 0 },
      { time: Date.parse('2025-07-25T09:00:01.120Z'), rate: -0.0000031 },
      { time: Date.parse('2025-07-25T10:00:00.512Z'), rate: 0.0000125 },
    ]);
    // Block times jitter by a second around the hour.
    expect(r.value.intervalHours).toBe(1);
    expect(r.value.source).toBe('/v4/historicalFunding/BTC-USD');
    expect(http.served.map((s) => s.url.toString())).toEqual([`${BASE}/historicalFunding/BTC-USD?limit=1000`]);
  });

  function rows(newest: number, count: number, stepMs: number) {
    return Array.from({ length: count }, (_, i) => ({
      ticker: 'BTC-USD',
      rate: '0.00001',
      price: '100000',
      effectiveAtHeight: String(1_000_000 - i),
      effectiveAt: new Date(newest - i * stepMs).toISOString(),
    }));
  }

  it('stops after one full page when it covers 30 days', async () => {
    const newest = Math.floor(Date.now() / HOUR) * HOUR;
    const http = dydxHttp({ '/v4/historicalFunding/BTC-USD': { historicalFunding: rows(newest, 1000, HOUR) } });
    const r = await dydxMarket.fundingHistory(BTC, http);
    expect(http.served).toHaveLength(1);
    expect(r.ok && r.value.points.length).toBe(1000);
    expect(r.ok && (r.value.points[0]?.time ?? 0) <= Date.now() - 30 * DAY).toBe(true);
  });

  it('pages back with effectiveBeforeOrAt and drops the repeated boundary row', async () => {
    const step = 30 * 60_000;
    const newest = Date.now();
    const page1 = rows(newest, 1000, step);
    const oldest = newest - 999 * step;
    const page2 = rows(oldest, 10, step);
    const http = fixtureHttp((req) => ({ historicalFunding: req.url.searchParams.has('effectiveBeforeOrAt') ? page2 : page1 }));
    const r = await dydxMarket.fundingHistory(BTC, http);
    expect(http.served.map((s) => s.url.toString())).toEqual([
      `${BASE}/historicalFunding/BTC-USD?limit=1000`,
      `${BASE}/historicalFunding/BTC-USD?limit=1000&effectiveBeforeOrAt=${encodeURIComponent(new Date(oldest).toISOString())}`,
    ]);
    expect(r.ok && r.value.points.length).toBe(1009);
  });

  it('refuses rows of another market and malformed times', async () => {
    const other = await dydxMarket.fundingHistory(
      BTC,
      dydxHttp({ '/v4/historicalFunding/BTC-USD': { historicalFunding: rows(Date.now(), 1, HOUR).map((x) => ({ ...x, ticker: 'ETH-USD' })) } }),
    );
    expectError(other, 'schema', '/v4/historicalFunding/BTC-USD', 'ETH-USD');
    const badTime = await dydxMarket.fundingHistory(
      BTC,
      dydxHttp({ '/v4/historicalFunding/BTC-USD': { historicalFunding: [{ ticker: 'BTC-USD', rate: '0', effectiveAt: '1753434000512' }] } }),
    );
    expectError(badTime, 'schema', '/v4/historicalFunding/BTC-USD', 'historicalFunding.0.effectiveAt');
  });
});

describe('dydx candles and OI history', () => {
  const ROUTES = {
    '/v4/candles/perpetualMarkets/BTC-USD?resolution=1HOUR': 'dydx/candles-1hour.json',
    '/v4/candles/perpetualMarkets/BTC-USD?resolution=1DAY': 'dydx/candles-1day.json',
  };
  const HOURLY_URL = `${BASE}/candles/perpetualMarkets/BTC-USD?resolution=1HOUR&limit=30`;

  it('serves hourly and daily closes ascending', async () => {
    const http = dydxHttp(ROUTES);
    const r = await dydxMarket.candles(BTC, http);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.hourly).toEqual([
      { time: Date.parse('2025-07-25T08:00:00.000Z'), value: 116250 },
      { time: Date.parse('2025-07-25T09:00:00.000Z'), value: 116300 },
      { time: Date.parse('2025-07-25T10:00:00.000Z'), value: 116399 },
    ]);
    expect(r.value.daily).toEqual([
      { time: Date.parse('2025-07-24T00:00:00.000Z'), value: 115900 },
      { time: Date.parse('2025-07-25T00:00:00.000Z'), value: 116399 },
    ]);
    expect(http.served.map((s) => s.url.toString()).sort()).toEqual([`${BASE}/candles/perpetualMarkets/BTC-USD?resolution=1DAY&limit=32`, HOURLY_URL]);
  });

  it('reads OI history from the same hourly request (startingOpenInterest)', async () => {
    const http = dydxHttp(ROUTES);
    const r = await dydxMarket.oiHistory?.(BTC, http);
    expect(r?.ok).toBe(true);
    if (!r?.ok) return;
    expect(r.value.points).toEqual([
      { time: Date.parse('2025-07-25T08:00:00.000Z'), value: 53.7 },
      { time: Date.parse('2025-07-25T09:00:00.000Z'), value: 53.9011 },
      { time: Date.parse('2025-07-25T10:00:00.000Z'), value: 54.0594 },
    ]);
    expect(http.served.map((s) => s.url.toString())).toEqual([HOURLY_URL]);
    // Same URL and share time as the candles' hourly request: one request for both.
    await dydxMarket.candles(BTC, http);
    expect(http.shared.get(HOURLY_URL)).toBe(60_000);
  });

  it('refuses negative OI, a bad close and another resolution', async () => {
    const body = fixture('dydx/candles-1hour.json') as { candles: Record<string, unknown>[] };
    const withRow = (row: Record<string, unknown>) => ({
      ...ROUTES,
      '/v4/candles/perpetualMarkets/BTC-USD?resolution=1HOUR': { candles: [{ ...body.candles[0], ...row }] },
    });
    const oi = await dydxMarket.oiHistory?.(BTC, dydxHttp(withRow({ startingOpenInterest: '-3' })));
    expect(oi && !oi.ok && oi.error.message).toContain('candles.0.startingOpenInterest');
    const close = await dydxMarket.candles(BTC, dydxHttp(withRow({ close: 'Infinity' })));
    expectError(close, 'schema', '/v4/candles/perpetualMarkets/BTC-USD', 'candles.0.close');
    const res = await dydxMarket.candles(BTC, dydxHttp(withRow({ resolution: '1MIN' })));
    expectError(res, 'schema', '/v4/candles/perpetualMarkets/BTC-USD', '1MIN');
  });
});

describe('dydx tiers', () => {
  it('is one tier at the market maintenance fraction, JSON-safe', async () => {
    const http = dydxHttp({ '/v4/perpetualMarkets': 'dydx/perpetual-market-btc.json' });
    const r = await dydxMarket.tiers(BTC, http);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.tiers).toEqual([{ notionalFloor: 0, notionalCap: Number.MAX_SAFE_INTEGER, maintenanceRate: 0.012, deduction: 0 }]);
    expect(JSON.parse(JSON.stringify(r.value))).toEqual(r.value);
    expect(r.value.fallback).toBe(false);
    expect(http.shared.get(`${BASE}/perpetualMarkets?ticker=BTC-USD`)).toBe(10_000);
  });
});

describe('dydx positions by address', () => {
  const PATH = `/v4/addresses/${ADDRESS}/parentSubaccountNumber/0`;

  it('reads cross and isolated positions from the child subaccounts', async () => {
    const http = dydxHttp({ [PATH]: 'dydx/parent-subaccount.json' });
    const r = await fetchDydxPositions(ADDRESS, http);
    expect(http.served.map((s) => s.url.toString())).toEqual([`${BASE}/addresses/${ADDRESS}/parentSubaccountNumber/0`]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const common = {
      venue: 'dydx',
      markPrice: null,
      liqPrice: null,
      liqNotServed: "dYdX's indexer serves no liquidation price (the web app computes it)",
      leverage: null,
      source: 'api',
    };
    expect(r.value).toHaveLength(3);
    expect(r.value[0]).toEqual({
      ...common,
      symbol: 'BTC-USD',
      side: 'long',
      size: 0.25,
      entryPrice: 116000.5,
      margin: null,
      walletMargin: null,
      marginMode: 'cross',
      unrealizedPnl: 99.875,
    });
    expect(r.value[1]).toEqual({
      ...common,
      symbol: 'ETH-USD',
      side: 'short',
      size: 2,
      entryPrice: 3800,
      margin: 850.5,
      walletMargin: expect.closeTo(780.08, 9),
      marginMode: 'isolated',
      unrealizedPnl: 70.42,
    });
    // Unsigned short size (UNSURE form) reads the same.
    expect(r.value[2]).toEqual({
      ...common,
      symbol: 'SOL-USD',
      side: 'short',
      size: 40,
      entryPrice: 180,
      margin: 500,
      walletMargin: 520,
      marginMode: 'isolated',
      unrealizedPnl: -20,
    });
  });

  it('lower-cases an upper-case address and refuses an invalid one without a request', async () => {
    const http = dydxHttp({ [PATH]: 'dydx/parent-subaccount.json' });
    const r = await fetchDydxPositions(ADDRESS.toUpperCase(), http);
    expect(r.ok).toBe(true);
    const bad = await fetchDydxPositions('dydx1n88uc38xhjgxzw9nwre4ep2c8ga4fjxc575lnf', http);
    expect(bad.ok || bad.error.kind).toBe('bad-request');
    const inject = await fetchDydxPositions(`${ADDRESS}/../../perpetualMarkets`, http);
    expect(inject.ok).toBe(false);
    expect(http.served).toHaveLength(1);
  });

  it('explains an unknown address (HTTP 404) and reads an error body', async () => {
    const notFound = { ok: false, error: { kind: 'bad-request', venue: 'dydx', endpoint: PATH, status: 404, message: 'dydx rejected the request (HTTP 404)' } };
    const r = await fetchDydxPositions(ADDRESS, dydxHttp({ [PATH]: notFound }));
    expectError(r, 'bad-request', PATH, 'no account');
    const body = await fetchDydxPositions(ADDRESS, dydxHttp({ [PATH]: 'dydx/error-404.json' }));
    expectError(body, 'bad-request', PATH, 'No subaccounts found');
  });

  it('refuses a LONG with a negative size and a missing equity', async () => {
    const base = fixture('dydx/parent-subaccount.json') as { subaccount: { childSubaccounts: Record<string, unknown>[] } };
    const child = base.subaccount.childSubaccounts[0] ?? {};
    const withChild = (c: Record<string, unknown>) => ({ subaccount: { ...base.subaccount, childSubaccounts: [c] } });
    const positions = child['openPerpetualPositions'] as Record<string, Record<string, unknown>>;
    const negLong = withChild({ ...child, openPerpetualPositions: { 'BTC-USD': { ...positions['BTC-USD'], size: '-0.25' } } });
    const r = await fetchDydxPositions(ADDRESS, dydxHttp({ [PATH]: negLong }));
    expectError(r, 'schema', PATH, 'LONG position with a negative size');
    const { equity: _equity, ...noEquity } = child;
    const r2 = await fetchDydxPositions(ADDRESS, dydxHttp({ [PATH]: withChild(noEquity) }));
    expectError(r2, 'schema', PATH, 'subaccount.childSubaccounts.0.equity');
  });
});
