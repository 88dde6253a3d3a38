import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { liquidationPrice } from '../../src/core/liquidation';
import type { HttpRequest, Instrument, Result } from '../../src/venues/market-types';
import { isHyperliquidAddress, normaliseHyperliquidAddress } from '../../src/venues/hyperliquid/address';
import { hyperliquidDescriptor, REQUEST_WEIGHT, requestWeight } from '../../src/venues/hyperliquid/descriptor';
import { hyperliquidMarket } from '../../src/venues/hyperliquid/market';
import { fetchHyperliquidPositions } from '../../src/venues/hyperliquid/positions';
import { Meta } from '../../src/venues/hyperliquid/schemas';
import { hyperliquidAssetFromCoin, hyperliquidDexOf, isHyperliquidCoin } from '../../src/venues/hyperliquid/symbol';
import { hyperliquidTiers, OPEN_CAP } from '../../src/venues/hyperliquid/tiers';
import * as v from 'valibot';
import { fixture, fixtureHttp } from './fixture-http';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** 2025-10-13T10:26:09.814Z: the time the fixtures were cut at. */
const NOW = 1_760_351_169_814;
const INFO = 'https://api.hyperliquid.xyz/info';

function inst(symbol: string): Instrument {
  return { venue: 'hyperliquid', symbol, asset: symbol, quote: 'USDC', contractValue: 1, tickSize: null, fundingIntervalHours: 1 };
}

function bodyType(req: HttpRequest): string | undefined {
  const b = req.body as { type?: unknown } | undefined;
  return typeof b?.type === 'string' ? b.type : undefined;
}

/**
 * Serves one fixture per info `type` (a HIP-3 dex's request by `type#dex`), and records every request
 * (with its sharing and weight).
 */
function infoHttp(byType: Record<string, unknown>) {
  const requests: HttpRequest[] = [];
  const http = fixtureHttp((req) => {
    requests.push(req);
    const type = bodyType(req);
    const dex = (req.body as { dex?: unknown } | undefined)?.dex;
    if (type === undefined) return undefined;
    return typeof dex === 'string' ? byType[`${type}#${dex}`] : byType[type];
  });
  return Object.assign(http, { requests });
}

function expectError<T>(r: Result<T>, kind: string, text?: RegExp): void {
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.error.kind).toBe(kind);
  expect(r.error.venue === 'hyperliquid' || r.error.venue === null).toBe(true);
  if (text) expect(r.error.message).toMatch(text);
}

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.kind}: ${r.error.message}`);
  return r.value;
}

/** A deep copy of a fixture, for tests that break one field. */
function copy<T = unknown>(path: string): T {
  return JSON.parse(JSON.stringify(fixture(path))) as T;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('hyperliquid descriptor', () => {
  it('publishes 1200 weight a minute and the weight of each request type', () => {
    expect(hyperliquidDescriptor.apiBase).toBe('https://api.hyperliquid.xyz');
    expect(hyperliquidDescriptor.rateLimit).toMatchObject({ units: 1200, windowMs: 60_000, unit: 'weight' });
    expect(REQUEST_WEIGHT).toEqual({
      meta: 20,
      metaAndAssetCtxs: 20,
      fundingHistory: 20,
      candleSnapshot: 20,
      clearinghouseState: 2,
      perpDexs: 20,
      spotMeta: 20,
    });
    expect(requestWeight('fundingHistory', 500)).toBe(45);
    expect(requestWeight('candleSnapshot', 49)).toBe(21);
    expect(requestWeight('clearinghouseState', 100)).toBe(2);
  });
});

describe('hyperliquid symbols and addresses', () => {
  it('accepts main-dex coins and HIP-3 `dex:COIN` names, and refuses spot pairs', () => {
    for (const s of ['BTC', 'ETH', 'kPEPE', 'HYPE', '2Z', 'xyz:TSLA', 'hyna:BTC', 'km:USOIL']) expect(isHyperliquidCoin(s)).toBe(true);
    for (const s of ['', 'PURR/USDC', '@107', 'XYZ:TSLA', 'xyz:', ':TSLA', 'xyz:TSLA:X', 'xyz TSLA', 'BTC-USD', 'BTC ', 'A'.repeat(21)]) {
      expect(isHyperliquidCoin(s), s).toBe(false);
    }
    expect(hyperliquidAssetFromCoin('kPEPE')).toBe('kPEPE');
    expect(hyperliquidAssetFromCoin('BTC')).toBe('BTC');
    // A HIP-3 market trades the coin after its dex's name; the dex stays in the symbol.
    expect(hyperliquidAssetFromCoin('xyz:TSLA')).toBe('TSLA');
    expect([hyperliquidDexOf('xyz:TSLA'), hyperliquidDexOf('BTC')]).toEqual(['xyz', '']);
  });

  it('accepts 0x + 40 hex digits in any case and lower-cases them', () => {
    const mixed = '0xAbCdEf0123456789abcdef0123456789ABCDEF01';
    expect(isHyperliquidAddress(mixed)).toBe(true);
    expect(normaliseHyperliquidAddress(` ${mixed} `)).toBe(mixed.toLowerCase());
    for (const bad of [
      '',
      '0x',
      'abcdef0123456789abcdef0123456789abcdef01',
      '0xabcdef0123456789abcdef0123456789abcdef0',
      '0xabcdef0123456789abcdef0123456789abcdef012',
      '0xgbcdef0123456789abcdef0123456789abcdef01',
      'dydx1abc',
    ]) {
      expect(isHyperliquidAddress(bad)).toBe(false);
      expect(normaliseHyperliquidAddress(bad)).toBeNull();
    }
  });
});

describe('hyperliquid instruments', () => {
  it('lists every live coin from meta, skips delisted ones, and shares the answer for an hour', async () => {
    const http = infoHttp({ meta: fixture('hyperliquid/meta.json') });
    const list = value(await hyperliquidMarket.instruments(http));
    expect(list.map((i) => i.symbol)).toEqual(['BTC', 'ETH', 'SOL', 'kPEPE', 'DOGE']);
    expect(list[0]).toEqual({ venue: 'hyperliquid', symbol: 'BTC', asset: 'BTC', quote: 'USDC', contractValue: 1, tickSize: null, fundingIntervalHours: 1 });
    expect(list[3]).toMatchObject({ symbol: 'kPEPE', asset: 'kPEPE' });
    expect(http.served).toHaveLength(1);
    expect(http.served[0]?.url.toString()).toBe(INFO);
    expect(http.served[0]?.method).toBe('POST');
    expect(http.served[0]?.body).toEqual({ type: 'meta' });
    expect(http.requests[0]).toMatchObject({ shareForMs: 3_600_000, weight: 20 });
  });

  describe('a HIP-3 market, looked up in its own dex when asked for', () => {
    const dexMeta = (dex: string, token: number) => ({
      universe: [
        { szDecimals: 3, name: `${dex}:TSLA`, maxLeverage: 10, marginTableId: 10, onlyIsolated: true, marginMode: 'strictIsolated' },
        { szDecimals: 2, name: `${dex}:GOLD`, maxLeverage: 20, marginTableId: 20, isDelisted: true },
        // Not this dex's market: a broken entry, never listed under it.
        { szDecimals: 2, name: 'BTC', maxLeverage: 20, marginTableId: 20 },
      ],
      marginTables: [],
      collateralToken: token,
    });
    const spotMeta = {
      universe: [],
      tokens: [
        { name: 'USDC', index: 0 },
        { name: 'USDH', index: 360 },
      ],
    };
    const lookup = hyperliquidMarket.instrument;
    if (!lookup) throw new Error('the client looks HIP-3 markets up');

    it('names its collateral: USDC (token 0) without asking, another token from spotMeta', async () => {
      const xyz = infoHttp({ 'meta#xyz': dexMeta('xyz', 0) });
      expect(value(await lookup('xyz:TSLA', xyz))).toEqual({
        venue: 'hyperliquid',
        symbol: 'xyz:TSLA',
        asset: 'TSLA',
        quote: 'USDC',
        contractValue: 1,
        tickSize: null,
        fundingIntervalHours: 1,
      });
      expect(xyz.served.map((r) => r.body)).toEqual([{ type: 'meta', dex: 'xyz' }]);
      expect(xyz.requests[0]).toMatchObject({ shareForMs: 3_600_000, weight: 20 });
      const flx = infoHttp({ 'meta#flx': dexMeta('flx', 360), spotMeta });
      expect(value(await lookup('flx:TSLA', flx))?.quote).toBe('USDH');
      expect(flx.served.map((r) => r.body)).toEqual([{ type: 'meta', dex: 'flx' }, { type: 'spotMeta' }]);
    });

    it('is not listed when its dex does not list it, lists it delisted, or does not exist', async () => {
      const http = infoHttp({ 'meta#xyz': dexMeta('xyz', 0), 'meta#nope': null });
      expect(value(await lookup('xyz:NVDA', http))).toBeNull();
      expect(value(await lookup('xyz:GOLD', http))).toBeNull();
      // The venue answers null for an unknown dex.
      expect(value(await lookup('nope:TSLA', http))).toBeNull();
      // A main-dex coin is the main list's to list; nothing is asked for it.
      expect(value(await lookup('DOGE2', http))).toBeNull();
      expect(http.served.map((r) => r.body)).toEqual([
        { type: 'meta', dex: 'xyz' },
        { type: 'meta', dex: 'xyz' },
        { type: 'meta', dex: 'nope' },
      ]);
    });

    it('refuses a collateral it cannot name rather than calling it USDC, and passes failures on', async () => {
      expectError(await lookup('odd:TSLA', infoHttp({ 'meta#odd': dexMeta('odd', 999), spotMeta })), 'schema', /spot token 999/);
      expectError(await lookup('flx:TSLA', infoHttp({ 'meta#flx': dexMeta('flx', 360), spotMeta: { tokens: 'none' } })), 'schema');
      expectError(await lookup('xyz:TSLA', infoHttp({ 'meta#xyz': { universe: 'broken' } })), 'schema');
    });
  });

  it('accepts leverage and table ids sent as strings (UNSURE form)', async () => {
    const list = value(await hyperliquidMarket.instruments(infoHttp({ meta: fixture('hyperliquid/meta.string-numbers.json') })));
    expect(list.map((i) => i.symbol)).toEqual(['ETH', 'SOL']);
  });

  it('refuses a universe entry without a name or with a nonsense leverage', async () => {
    const noName = copy<{ universe: Record<string, unknown>[] }>('hyperliquid/meta.json');
    delete noName.universe[1]?.name;
    expectError(await hyperliquidMarket.instruments(infoHttp({ meta: noName })), 'schema', /universe\.1\.name/);
    const zero = copy<{ universe: Record<string, unknown>[] }>('hyperliquid/meta.json');
    if (zero.universe[0]) zero.universe[0].maxLeverage = 0;
    expectError(await hyperliquidMarket.instruments(infoHttp({ meta: zero })), 'schema', /maxLeverage/);
    expectError(await hyperliquidMarket.instruments(infoHttp({ meta: { universe: 'BTC' } })), 'schema');
  });

  it('passes a transport failure through unchanged', async () => {
    const failure = {
      ok: false as const,
      error: { kind: 'timeout' as const, venue: 'hyperliquid' as const, endpoint: '/info', message: 'hyperliquid did not answer in time' },
    };
    const http = fixtureHttp(() => failure);
    expect(await hyperliquidMarket.instruments(http)).toEqual(failure);
  });
});

describe('hyperliquid quote', () => {
  it('reads the venues.md sample figure by figure', async () => {
    const http = infoHttp({ metaAndAssetCtxs: fixture('hyperliquid/meta-and-asset-ctxs.sample.json') });
    const q = value(await hyperliquidMarket.quote(inst('BTC'), http));
    expect(q).toEqual({
      venue: 'hyperliquid',
      symbol: 'BTC',
      markPrice: 14.3161,
      indexPrice: 14.32,
      fundingPriceBasis: 'index',
      lastPrice: 14.314,
      fundingRate: 0.0000125,
      fundingIntervalHours: 1,
      nextFundingTime: Date.UTC(2025, 9, 13, 11),
      fundingCap: 0.04,
      fundingFloor: -0.04,
      openInterest: 688.11,
      // One request: every figure names it, the fixed interval, next settlement and caps included.
      figureSources: {
        markPrice: '/info metaAndAssetCtxs',
        indexPrice: '/info metaAndAssetCtxs',
        lastPrice: '/info metaAndAssetCtxs',
        fundingRate: '/info metaAndAssetCtxs',
        fundingIntervalHours: '/info metaAndAssetCtxs',
        nextFundingTime: '/info metaAndAssetCtxs',
        fundingCap: '/info metaAndAssetCtxs',
        fundingFloor: '/info metaAndAssetCtxs',
        openInterest: '/info metaAndAssetCtxs',
      },
      source: '/info metaAndAssetCtxs',
      fetchedAt: NOW,
    });
    expect(http.served[0]?.url.toString()).toBe(INFO);
    expect(http.served[0]?.body).toEqual({ type: 'metaAndAssetCtxs' });
    expect(http.requests[0]).toMatchObject({ method: 'POST', shareForMs: 10_000, weight: 20 });
  });

  it('pairs each context with its universe entry by position', async () => {
    const http = infoHttp({ metaAndAssetCtxs: fixture('hyperliquid/meta-and-asset-ctxs.json') });
    const btc = value(await hyperliquidMarket.quote(inst('BTC'), http));
    expect([btc.markPrice, btc.indexPrice, btc.lastPrice, btc.fundingRate, btc.openInterest]).toEqual([114898, 114924, 114889.5, 0.0000125, 31205.80562]);
    const eth = value(await hyperliquidMarket.quote(inst('ETH'), http));
    expect([eth.markPrice, eth.indexPrice, eth.lastPrice, eth.fundingRate, eth.openInterest]).toEqual([4102.3, 4103.1, 4102.25, -0.0000031412, 612000.1234]);
    const pepe = value(await hyperliquidMarket.quote(inst('kPEPE'), http));
    expect([pepe.markPrice, pepe.indexPrice, pepe.openInterest]).toEqual([0.010342, 0.010351, 4512345678]);
  });

  it('gives a null last price when the book has no mid', async () => {
    const sol = value(await hyperliquidMarket.quote(inst('SOL'), infoHttp({ metaAndAssetCtxs: fixture('hyperliquid/meta-and-asset-ctxs.json') })));
    expect(sol.lastPrice).toBeNull();
    expect(sol.markPrice).toBe(203.17);
    expect(sol.indexPrice).toBe(203.11);
    // No mid, no entry.
    expect(sol.figureSources).toEqual({
      markPrice: '/info metaAndAssetCtxs',
      indexPrice: '/info metaAndAssetCtxs',
      fundingRate: '/info metaAndAssetCtxs',
      fundingIntervalHours: '/info metaAndAssetCtxs',
      nextFundingTime: '/info metaAndAssetCtxs',
      fundingCap: '/info metaAndAssetCtxs',
      fundingFloor: '/info metaAndAssetCtxs',
      openInterest: '/info metaAndAssetCtxs',
    });
  });

  it('puts the next funding at the next full hour, also exactly on the hour', async () => {
    vi.setSystemTime(Date.UTC(2025, 9, 13, 11));
    const q = value(await hyperliquidMarket.quote(inst('BTC'), infoHttp({ metaAndAssetCtxs: fixture('hyperliquid/meta-and-asset-ctxs.sample.json') })));
    expect(q.nextFundingTime).toBe(Date.UTC(2025, 9, 13, 12));
  });

  it('still quotes the other coins when one context is broken', async () => {
    const body = copy<[unknown, Record<string, unknown>[]]>('hyperliquid/meta-and-asset-ctxs.json');
    if (body[1][5]) body[1][5].markPx = '0.0';
    const http = infoHttp({ metaAndAssetCtxs: body });
    expect(value(await hyperliquidMarket.quote(inst('BTC'), http)).markPrice).toBe(114898);
    expectError(await hyperliquidMarket.quote(inst('LUNA'), http), 'schema', /LUNA context at markPx/);
  });

  it('refuses a coin the universe does not list', async () => {
    const http = infoHttp({ metaAndAssetCtxs: fixture('hyperliquid/meta-and-asset-ctxs.json') });
    expectError(await hyperliquidMarket.quote(inst('XYZ'), http), 'unknown-symbol', /XYZ is not a Hyperliquid perpetual/);
    // A name that cannot be a coin is refused before any request.
    expectError(await hyperliquidMarket.quote(inst('PURR/USDC'), http), 'unknown-symbol');
    expect(http.served).toHaveLength(1);
  });

  it('refuses arrays of different lengths, since the pairing is by position', async () => {
    const body = copy<[unknown, unknown[]]>('hyperliquid/meta-and-asset-ctxs.json');
    body[1].pop();
    expectError(await hyperliquidMarket.quote(inst('BTC'), infoHttp({ metaAndAssetCtxs: body })), 'schema', /universe lists 6 markets but assetCtxs has 5/);
  });

  const broken: [string, (ctx: Record<string, unknown>) => void, RegExp][] = [
    ['a NaN string', (c) => (c.markPx = 'NaN'), /markPx/],
    ['Infinity', (c) => (c.oraclePx = 'Infinity'), /oraclePx/],
    ['a missing field', (c) => delete c.funding, /funding/],
    ['a wrong type', (c) => (c.markPx = 114898), /markPx/],
    ['a negative open interest', (c) => (c.openInterest = '-1.0'), /openInterest/],
    ['a non-positive price', (c) => (c.oraclePx = '0.0'), /oraclePx/],
    ['an absurd funding rate', (c) => (c.funding = '1.5'), /funding/],
  ];
  for (const [what, breakIt, where] of broken) {
    it(`answers ${what} with a schema error naming the field`, async () => {
      const body = copy<[unknown, Record<string, unknown>[]]>('hyperliquid/meta-and-asset-ctxs.json');
      const ctx = body[1][0];
      if (ctx) breakIt(ctx);
      const r = await hyperliquidMarket.quote(inst('BTC'), infoHttp({ metaAndAssetCtxs: body }));
      expectError(r, 'schema', where);
      if (!r.ok) expect(r.error.endpoint).toBe('/info metaAndAssetCtxs');
    });
  }

  it('refuses a body that is not [meta, assetCtxs]', async () => {
    expectError(await hyperliquidMarket.quote(inst('BTC'), infoHttp({ metaAndAssetCtxs: { universe: [] } })), 'schema');
    expectError(await hyperliquidMarket.quote(inst('BTC'), infoHttp({ metaAndAssetCtxs: [fixture('hyperliquid/meta.json')] })), 'schema');
  });

  it('treats a 200 with a bare null as a refusal', async () => {
    expectError(await hyperliquidMarket.quote(inst('BTC'), infoHttp({ metaAndAssetCtxs: null })), 'bad-request', /null/);
  });
});

describe('hyperliquid funding history', () => {
  it('pages by the last time until 30 days are covered: two requests, 720 hourly points', async () => {
    const page1 = fixture('hyperliquid/funding-history.page1.json') as { time: number }[];
    const page2 = fixture('hyperliquid/funding-history.page2.json') as { time: number }[];
    const requests: HttpRequest[] = [];
    const http = fixtureHttp((req) => {
      requests.push(req);
      const b = req.body as { startTime: number };
      return b.startTime <= (page1[0]?.time ?? 0) ? page1 : page2;
    });
    const h = value(await hyperliquidMarket.fundingHistory(inst('BTC'), http));
    expect(http.served.map((s) => s.body)).toEqual([
      { type: 'fundingHistory', coin: 'BTC', startTime: NOW - 30 * DAY },
      { type: 'fundingHistory', coin: 'BTC', startTime: (page1[499]?.time ?? 0) + 1 },
    ]);
    expect(http.served.every((s) => s.url.toString() === INFO && s.method === 'POST')).toBe(true);
    // 20 + 1 per 20 rows: a full page first, then the ~220 hours left.
    expect(requests.map((r) => r.weight)).toEqual([45, 32]);
    expect(requests[0]?.shareForMs).toBeUndefined();
    expect(h.points).toHaveLength(720);
    expect(h.points[0]).toEqual({ time: 1_757_761_200_048, rate: 0.0000125 });
    expect(h.points[719]).toEqual({ time: 1_760_349_600_052, rate: 0.0000157728 });
    expect(h.points.every((p, i) => i === 0 || p.time > (h.points[i - 1]?.time ?? 0))).toBe(true);
    expect(h.points[719]!.time - h.points[0]!.time).toBeGreaterThanOrEqual(29 * DAY);
    expect(h.intervalHours).toBe(1);
    expect(h.source).toBe('/info fundingHistory');
    expect(h.fetchedAt).toBe(NOW);
  });

  it('stops at three requests even if every page is full', async () => {
    // Minute-spaced rows: every page is full and none reaches the current hour.
    const http = fixtureHttp((req) => {
      const { startTime } = req.body as { startTime: number };
      return Array.from({ length: 500 }, (_, i) => ({ coin: 'BTC', fundingRate: '0.00001', premium: '0.0', time: startTime + i * 60_000 }));
    });
    const h = value(await hyperliquidMarket.fundingHistory(inst('BTC'), http));
    expect(http.served).toHaveLength(3);
    expect(h.points).toHaveLength(1500);
    // The one funding-interval rule (venues/series.ts) counts whole hours: minute gaps give none.
    expect(h.intervalHours).toBeNull();
  });

  it('reads the docs sample row', async () => {
    const h = value(await hyperliquidMarket.fundingHistory(inst('ETH'), infoHttp({ fundingHistory: fixture('hyperliquid/funding-history.sample.json') })));
    expect(h.points).toEqual([{ time: 1_683_849_600_076, rate: -0.00022196 }]);
    expect(h.intervalHours).toBeNull();
  });

  it('sorts rows ascending and drops duplicates at page edges', async () => {
    const rows = [
      { coin: 'BTC', fundingRate: '0.00002', premium: '0.0', time: NOW - HOUR },
      { coin: 'BTC', fundingRate: '0.00001', premium: '0.0', time: NOW - 3 * HOUR },
      { coin: 'BTC', fundingRate: '0.00001', premium: '0.0', time: NOW - 3 * HOUR },
      { coin: 'BTC', fundingRate: '-0.00001', premium: '0.0', time: NOW - 2 * HOUR },
    ];
    const h = value(await hyperliquidMarket.fundingHistory(inst('BTC'), infoHttp({ fundingHistory: rows })));
    expect(h.points.map((p) => p.rate)).toEqual([0.00001, -0.00001, 0.00002]);
    expect(h.intervalHours).toBe(1);
  });

  it('answers an empty history with no points', async () => {
    const h = value(await hyperliquidMarket.fundingHistory(inst('BTC'), infoHttp({ fundingHistory: [] })));
    expect(h.points).toEqual([]);
    expect(h.intervalHours).toBeNull();
  });

  it('refuses rows for another coin, NaN rates and missing times', async () => {
    const row = { coin: 'BTC', fundingRate: '0.00001', premium: '0.0', time: NOW - HOUR };
    expectError(await hyperliquidMarket.fundingHistory(inst('BTC'), infoHttp({ fundingHistory: [{ ...row, coin: 'ETH' }] })), 'schema', /got a row for ETH/);
    expectError(
      await hyperliquidMarket.fundingHistory(inst('BTC'), infoHttp({ fundingHistory: [{ ...row, fundingRate: 'NaN' }] })),
      'schema',
      /0\.fundingRate/,
    );
    const { time: _time, ...noTime } = row;
    expectError(await hyperliquidMarket.fundingHistory(inst('BTC'), infoHttp({ fundingHistory: [noTime] })), 'schema', /0\.time/);
    expectError(await hyperliquidMarket.fundingHistory(inst('BTC'), infoHttp({ fundingHistory: { error: 'x' } })), 'schema');
  });

  it('passes the venue refusal of an unknown coin through (HTTP 500)', async () => {
    const failure = {
      ok: false as const,
      error: { kind: 'http' as const, venue: 'hyperliquid' as const, endpoint: '/info', status: 500, message: 'hyperliquid answered HTTP 500' },
    };
    expect(
      await hyperliquidMarket.fundingHistory(
        inst('BTC'),
        fixtureHttp(() => failure),
      ),
    ).toEqual(failure);
  });
});

describe('hyperliquid candles', () => {
  it('asks for 48 h of hourly and 40 days of daily candles and returns closes ascending', async () => {
    const http = fixtureHttp((req) => {
      const r = (req.body as { req: { interval: string } }).req;
      return r.interval === '1h' ? fixture('hyperliquid/candles-1h.json') : fixture('hyperliquid/candles-1d.json');
    });
    const c = value(await hyperliquidMarket.candles(inst('BTC'), http));
    const hourStart = Date.UTC(2025, 9, 13, 10) - 48 * HOUR;
    const dayStart = Date.UTC(2025, 9, 13) - 40 * DAY;
    expect(http.served.map((s) => s.body)).toEqual([
      { type: 'candleSnapshot', req: { coin: 'BTC', interval: '1h', startTime: hourStart, endTime: NOW } },
      { type: 'candleSnapshot', req: { coin: 'BTC', interval: '1d', startTime: dayStart, endTime: NOW } },
    ]);
    expect(http.served.every((s) => s.url.toString() === INFO && s.method === 'POST')).toBe(true);
    expect(c.hourly).toHaveLength(49);
    expect(c.hourly[0]).toEqual({ time: hourStart, value: 62000 });
    expect(c.daily[0]).toEqual({ time: dayStart, value: 58000 });
    expect(c.hourly[48]).toEqual({ time: Date.UTC(2025, 9, 13, 10), value: 61965.8 });
    expect(c.hourly[48]!.time - c.hourly[0]!.time).toBeGreaterThanOrEqual(25 * HOUR);
    expect(c.daily).toHaveLength(41);
    expect(c.daily[40]).toEqual({ time: Date.UTC(2025, 9, 13), value: 58540 });
    expect(c.source).toBe('/info candleSnapshot');
  });

  it('charges the base weight plus one per 60 candles', async () => {
    const http = infoHttp({ candleSnapshot: [] });
    value(await hyperliquidMarket.candles(inst('BTC'), http));
    expect(http.requests.map((r) => r.weight)).toEqual([21, 21]);
  });

  it('sorts descending rows ascending', async () => {
    const rows = (fixture('hyperliquid/candles-1h.json') as unknown[]).slice().reverse();
    const c = value(
      await hyperliquidMarket.candles(
        inst('BTC'),
        fixtureHttp((req) => ((req.body as { req: { interval: string } }).req.interval === '1h' ? rows : [])),
      ),
    );
    expect(c.hourly.every((p, i) => i === 0 || p.time > (c.hourly[i - 1]?.time ?? 0))).toBe(true);
    expect(c.daily).toEqual([]);
  });

  it('refuses candles of another coin or interval, and broken prices', async () => {
    const row = (fixture('hyperliquid/candles-1h.json') as Record<string, unknown>[])[0] ?? {};
    const serve = (rows: unknown) => fixtureHttp(() => rows);
    expectError(await hyperliquidMarket.candles(inst('BTC'), serve([{ ...row, s: 'ETH' }])), 'schema', /got ETH 1h/);
    expectError(await hyperliquidMarket.candles(inst('BTC'), serve([{ ...row, c: 'NaN' }])), 'schema', /0\.c/);
    expectError(await hyperliquidMarket.candles(inst('BTC'), serve([{ ...row, c: '-5' }])), 'schema', /0\.c/);
    expectError(await hyperliquidMarket.candles(inst('BTC'), serve([{ ...row, t: '2025-10-13' }])), 'schema', /0\.t/);
    const { n: _n, ...noCount } = row;
    expectError(await hyperliquidMarket.candles(inst('BTC'), serve([noCount])), 'schema', /0\.n/);
  });
});

describe('hyperliquid tiers', () => {
  const http = () => infoHttp({ meta: fixture('hyperliquid/meta.json') });

  it('derives continuous deductions for a tiered table (BTC: 40× then 20× from 150M)', async () => {
    const h = http();
    const t = value(await hyperliquidMarket.tiers(inst('BTC'), h));
    expect(t.fallback).toBe(false);
    expect(t.source).toBe('/info meta');
    expect(t.tiers).toEqual([
      { notionalFloor: 0, notionalCap: 150_000_000, maintenanceRate: 0.0125, deduction: 0 },
      { notionalFloor: 150_000_000, notionalCap: OPEN_CAP, maintenanceRate: 0.025, deduction: 1_875_000 },
    ]);
    expect(h.served[0]?.body).toEqual({ type: 'meta' });
    expect(h.requests[0]).toMatchObject({ shareForMs: 3_600_000, weight: 20 });
  });

  it('reads the docs three-tier example (10×, 5× from 20k, 3× from 100k)', async () => {
    const t = value(await hyperliquidMarket.tiers(inst('DOGE'), http()));
    expect(t.tiers.map((x) => [x.notionalFloor, x.notionalCap, x.maintenanceRate])).toEqual([
      [0, 20_000, 0.05],
      [20_000, 100_000, 0.1],
      [100_000, OPEN_CAP, 1 / 6],
    ]);
    expect(t.tiers[0]?.deduction).toBe(0);
    expect(t.tiers[1]?.deduction).toBe(1000);
    expect(t.tiers[2]?.deduction).toBeCloseTo(7666.66666667, 6);
  });

  it('reads a table id below 50 as one tier at that leverage', async () => {
    const t = value(await hyperliquidMarket.tiers(inst('kPEPE'), http()));
    expect(t.tiers).toEqual([{ notionalFloor: 0, notionalCap: OPEN_CAP, maintenanceRate: 0.05, deduction: 0 }]);
  });

  it('reads the venues.md sample (table 50: one 50× tier → 1%)', () => {
    const [meta] = fixture('hyperliquid/meta-and-asset-ctxs.sample.json') as [unknown];
    const parsed = v.parse(Meta, meta);
    const entry = parsed.universe[0];
    if (!entry) throw new Error('no entry');
    expect(hyperliquidTiers(parsed, entry)).toEqual({ ok: true, tiers: [{ notionalFloor: 0, notionalCap: OPEN_CAP, maintenanceRate: 0.01, deduction: 0 }] });
  });

  it('uses maxLeverage when an answer predates margin tables', async () => {
    const t = value(await hyperliquidMarket.tiers(inst('SOL'), infoHttp({ meta: fixture('hyperliquid/meta.no-margin-tables.json') })));
    expect(t.tiers).toEqual([{ notionalFloor: 0, notionalCap: OPEN_CAP, maintenanceRate: 0.01, deduction: 0 }]);
  });

  it('accepts a table keyed and levered by strings (UNSURE form)', async () => {
    const t = value(await hyperliquidMarket.tiers(inst('SOL'), infoHttp({ meta: fixture('hyperliquid/meta.string-numbers.json') })));
    expect(t.tiers).toEqual([
      { notionalFloor: 0, notionalCap: 5_000_000, maintenanceRate: 0.025, deduction: 0 },
      { notionalFloor: 5_000_000, notionalCap: OPEN_CAP, maintenanceRate: 0.05, deduction: 125_000 },
    ]);
  });

  it('refuses a coin meta does not list, and a table it does not carry', async () => {
    expectError(await hyperliquidMarket.tiers(inst('XYZ'), http()), 'unknown-symbol');
    const meta = copy<{ universe: Record<string, unknown>[] }>('hyperliquid/meta.json');
    if (meta.universe[0]) meta.universe[0].marginTableId = 99;
    expectError(await hyperliquidMarket.tiers(inst('BTC'), infoHttp({ meta })), 'schema', /margin table 99/);
    const negative = copy<{ marginTables: [number, { marginTiers: Record<string, unknown>[] }][] }>('hyperliquid/meta.json');
    const tier = negative.marginTables[4]?.[1].marginTiers[1];
    if (tier) tier.lowerBound = '-1.0';
    expectError(await hyperliquidMarket.tiers(inst('BTC'), infoHttp({ meta: negative })), 'schema', /lowerBound/);
  });

  it('keeps maintenance margin continuous at every boundary of any table', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 1_000_000_000 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 7, maxLength: 7 }),
        (bounds, levs) => {
          const floors = [0, ...bounds.sort((a, b) => a - b)];
          const table = floors.map((b, i) => ({ lowerBound: `${b}.0`, maxLeverage: levs[i] ?? 1 }));
          const meta = v.parse(Meta, {
            universe: [{ name: 'X', maxLeverage: 50, marginTableId: 60 }],
            marginTables: [[60, { description: '', marginTiers: table }]],
          });
          const r = hyperliquidTiers(meta, meta.universe[0]!);
          if (!r.ok) return false;
          for (let i = 1; i < r.tiers.length; i++) {
            const lo = r.tiers[i - 1]!;
            const hi = r.tiers[i]!;
            const at = hi.notionalFloor;
            const below = at * lo.maintenanceRate - lo.deduction;
            const above = at * hi.maintenanceRate - hi.deduction;
            if (Math.abs(below - above) > 1e-6 * Math.max(1, at)) return false;
          }
          return true;
        },
      ),
    );
  });
});

describe('hyperliquid positions by address', () => {
  const address = '0x7FdA5E0000000000000000000000000000c0FFEe';

  it('reads the venues.md sample and reproduces the venue liquidation price (risk-math.md worked example)', async () => {
    const http = infoHttp({ perpDexs: [null], clearinghouseState: fixture('hyperliquid/clearinghouse-state.sample.json') });
    const [p, ...rest] = value(await fetchHyperliquidPositions(address, http));
    expect(rest).toEqual([]);
    expect(p).toMatchObject({
      venue: 'hyperliquid',
      symbol: 'ETH',
      side: 'long',
      size: 0.0335,
      entryPrice: 2986.3,
      liqPrice: 2866.26936529,
      margin: 4.967826,
      marginMode: 'isolated',
      leverage: 20,
      unrealizedPnl: -0.0134,
      source: 'api',
    });
    expect(p?.markPrice).toBeCloseTo(100.02765 / 0.0335, 9);
    expect(p?.walletMargin).toBeCloseTo(4.981226, 9);
    // = marginUsed − unrealised PnL
    expect(p?.walletMargin).toBeCloseTo(4.967826 + 0.0134, 9);
    const lp = liquidationPrice({
      side: 'long',
      size: p?.size ?? 0,
      entryPrice: p?.entryPrice ?? 0,
      margin: p?.walletMargin ?? 0,
      tiers: [{ notionalFloor: 0, notionalCap: OPEN_CAP, maintenanceRate: 0.01, deduction: 0 }],
    });
    expect(lp).toBeCloseTo(2866.2694, 3);
    expect(Math.abs((lp ?? 0) - 2866.26936529)).toBeLessThan(0.01);

    expect(http.served[1]?.url.toString()).toBe(INFO);
    // The dex list first (no builder-deployed dex here), then the main dex's state.
    expect(http.served.map((r) => r.body)).toEqual([{ type: 'perpDexs' }, { type: 'clearinghouseState', user: address.toLowerCase() }]);
    expect(http.requests[1]).toMatchObject({ method: 'POST', weight: 2 });
  });

  it('reads cross and isolated shorts, string leverage, a null liquidation price, and skips flat rows', async () => {
    const ps = value(
      await fetchHyperliquidPositions(address, infoHttp({ perpDexs: [null], clearinghouseState: fixture('hyperliquid/clearinghouse-state.mixed.json') })),
    );
    expect(ps.map((p) => p.symbol)).toEqual(['BTC', 'SOL', 'DOGE']);
    const [btc, sol, doge] = ps;
    expect(btc).toMatchObject({
      side: 'short',
      size: 0.0017,
      entryPrice: 82348,
      liqPrice: 16881583.4135119393,
      margin: 6.78691,
      marginMode: 'cross',
      leverage: 20,
      unrealizedPnl: 4.2534,
      walletMargin: null,
    });
    expect(btc?.markPrice).toBeCloseTo(79846, 6);
    expect(sol).toMatchObject({
      side: 'short',
      size: 10,
      entryPrice: 150,
      markPrice: 148,
      liqPrice: 160.9756097561,
      margin: 170,
      marginMode: 'isolated',
      leverage: 10,
      unrealizedPnl: 20,
    });
    // short: rawUsd 1650 − 10 × 150 = 150 (= marginUsed 170 − PnL 20)
    expect(sol?.walletMargin).toBeCloseTo(150, 9);
    const lp = liquidationPrice({
      side: 'short',
      size: 10,
      entryPrice: 150,
      margin: sol?.walletMargin ?? 0,
      tiers: [{ notionalFloor: 0, notionalCap: OPEN_CAP, maintenanceRate: 0.025, deduction: 0 }],
    });
    expect(lp).toBeCloseTo(160.9756097561, 8);
    expect(doge).toMatchObject({ side: 'long', size: 1250, liqPrice: null, marginMode: 'cross', leverage: 3, walletMargin: null });
  });

  it('answers an address with no account with no positions', async () => {
    expect(
      value(
        await fetchHyperliquidPositions(address, infoHttp({ perpDexs: [null], clearinghouseState: fixture('hyperliquid/clearinghouse-state.empty.json') })),
      ),
    ).toEqual([]);
  });

  it('asks every HIP-3 dex too, each for its own markets, and fails whole when one cannot be read', async () => {
    const main = fixture('hyperliquid/clearinghouse-state.sample.json') as { assetPositions: { position: Record<string, unknown> }[] };
    const onDex = copy<{ assetPositions: { position: Record<string, unknown> }[] }>('hyperliquid/clearinghouse-state.sample.json');
    const p = onDex.assetPositions[0]?.position;
    if (p) p.coin = 'xyz:TSLA';
    const http = infoHttp({ perpDexs: [null, { name: 'xyz' }], clearinghouseState: main, 'clearinghouseState#xyz': onDex });
    const ps = value(await fetchHyperliquidPositions(address, http));
    expect(ps.map((x) => x.symbol)).toEqual(['ETH', 'xyz:TSLA']);
    expect(http.served.map((r) => r.body)).toEqual([
      { type: 'perpDexs' },
      { type: 'clearinghouseState', user: address.toLowerCase() },
      { type: 'clearinghouseState', user: address.toLowerCase(), dex: 'xyz' },
    ]);
    // A dex answering with another dex's market is a broken answer.
    expectError(
      await fetchHyperliquidPositions(address, infoHttp({ perpDexs: [null, { name: 'xyz' }], clearinghouseState: main, 'clearinghouseState#xyz': main })),
      'schema',
      /xyz dex, got a position in ETH/,
    );
    // One dex that fails fails the whole list: the page is read alone then, rather than a partial list hiding that dex's positions.
    expectError(await fetchHyperliquidPositions(address, infoHttp({ perpDexs: [null, { name: 'xyz' }], clearinghouseState: main })), 'bad-request');
  });

  it('refuses a malformed address without a request', async () => {
    const http = infoHttp({});
    expectError(await fetchHyperliquidPositions('0x123', http), 'bad-request', /not a Hyperliquid address/);
    expect(http.served).toHaveLength(0);
  });

  it('refuses broken position rows', async () => {
    const breakWith = async (f: (p: Record<string, unknown>) => void) => {
      const body = copy<{ assetPositions: { position: Record<string, unknown> }[] }>('hyperliquid/clearinghouse-state.sample.json');
      const p = body.assetPositions[0]?.position;
      if (p) f(p);
      return fetchHyperliquidPositions(address, infoHttp({ perpDexs: [null], clearinghouseState: body }));
    };
    expectError(await breakWith((p) => (p.szi = 'NaN')), 'schema', /szi/);
    expectError(await breakWith((p) => delete p.marginUsed), 'schema', /marginUsed/);
    expectError(await breakWith((p) => (p.leverage = { type: 'portfolio', value: 20 })), 'schema', /leverage\.type/);
    expectError(await breakWith((p) => (p.entryPx = '0.0')), 'schema', /ETH position has no positive entryPx/);
    expectError(await breakWith((p) => (p.positionValue = '-3')), 'schema', /positionValue/);
  });
});
