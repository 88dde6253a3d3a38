import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { liquidationPrice } from '../../src/core/liquidation';
import type { MarginTier } from '../../src/core/types';
import { BITGET_PATH, BITGET_TAKER_FEE, bitgetDescriptor } from '../../src/venues/bitget/descriptor';
import { bitgetMarket } from '../../src/venues/bitget/market';
import { bitgetSymbolFromUrl } from '../../src/venues/bitget/page-url';
import { canonicalAsset, canonicalBase, isBitgetSymbol } from '../../src/venues/bitget/symbol';
import type { FetchError, HttpRequest, Instrument, Result } from '../../src/venues/market-types';
import { fixture, fixtureHttp } from './fixture-http';

// Bitget USDT-M perpetuals against answers in the shapes of Bitget's v2 API docs (the doc samples
// quoted in the research notes, extended to several rows): envelope {code "00000", msg, requestTime,
// data}, every figure and time a string.

const H = 3_600_000;
const D = 24 * H;
const Q15 = 15 * 60_000;
/** 12:00 UTC on 2025-11-20: the fixtures' newest hour. */
const T0 = Date.UTC(2025, 10, 20, 12);
/** 7.5 minutes into the 12:00 hour (and into the 12:00 quarter). */
const NOW = T0 + 7 * 60_000 + 30_000;
const API = 'https://api.bitget.com';

const TICKER = BITGET_PATH.ticker;
const FUNDING = BITGET_PATH.currentFunding;
const HISTORY = BITGET_PATH.fundingHistory;
const CANDLES = BITGET_PATH.candles;
const TIERS = BITGET_PATH.tiers;
const CONTRACTS = BITGET_PATH.contracts;
const RATIO = BITGET_PATH.accountRatio;

const inst = (symbol = 'BTCUSDT', fundingIntervalHours: number | null = 8): Instrument => ({
  venue: 'bitget',
  symbol,
  asset: symbol.replace(/USDT$/, ''),
  quote: 'USDT',
  contractValue: 1,
  tickSize: 0.1,
  fundingIntervalHours,
});

/** Serves by path (or by a function of the request); records requests with their shareForMs. */
function serve(route: Record<string, unknown> | ((req: HttpRequest) => unknown)) {
  const requests: HttpRequest[] = [];
  const inner = fixtureHttp((req) => (typeof route === 'function' ? route(req) : route[req.url.pathname]));
  const http = async (req: HttpRequest) => {
    requests.push(req);
    return inner(req);
  };
  return Object.assign(http, { served: inner.served, requests });
}

const env = (data: unknown) => ({ code: '00000', msg: 'success', requestTime: T0, data });

function expectError<T>(r: Result<T>, kind: FetchError['kind'], endpoint: string): FetchError {
  expect(r.ok).toBe(false);
  if (r.ok) throw new Error('expected an error');
  expect(r.error).toMatchObject({ kind, venue: 'bitget', endpoint });
  return r.error;
}

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.kind}: ${r.error.message}`);
  return r.value;
}

type Row = Record<string, unknown>;

/** A copy of a fixture envelope with its data rows rewritten. */
function withRows(file: string, edit: (rows: Row[]) => unknown[]): unknown {
  const body = fixture(file) as { data: Row[] };
  body.data = edit(body.data) as Row[];
  return body;
}

const patchAll = (file: string, patch: Row) => withRows(file, (rows) => rows.map((row) => ({ ...row, ...patch })));

/** An HTTP error as the background reports it: status mapped, the envelope's code kept (http.ts venueCodeOf). */
const httpError = (status: number, code: string, endpoint: string): Result<unknown> => ({
  ok: false,
  error: {
    kind: status === 429 ? 'rate-limited' : 'bad-request',
    venue: 'bitget',
    endpoint,
    status,
    venueCode: code,
    message: `Bitget answered HTTP ${status}`,
  },
});

const QUOTE_ROUTES = (): Record<string, unknown> => ({
  [TICKER]: fixture('bitget/ticker.json'),
  [FUNDING]: fixture('bitget/current-fund-rate.json'),
});

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => vi.useRealTimers());

describe('bitget symbols', () => {
  it.each(['BTCUSDT', 'ETHUSDT', '1000PEPEUSDT', 'OPUSDT'])('takes %j as a USDT-M perpetual', (s) => {
    expect(isBitgetSymbol(s)).toBe(true);
  });

  it.each(['btcusdt', 'BTCUSDT_UMCBL', 'BTCUSD', 'BTCPERP', 'BTCUSDC', 'BTCUSDT&x=1', 'BTC-USDT', 'USDT', ''])('refuses %j', (s) => {
    expect(isBitgetSymbol(s)).toBe(false);
    expect(canonicalAsset(s)).toBeNull();
  });

  it('reads the asset from the symbol, keeping a multiplier prefix', () => {
    expect(canonicalAsset('ETHUSDT')).toBe('ETH');
    expect(canonicalAsset('1000PEPEUSDT')).toBe('1000PEPE');
    expect(canonicalBase('btc')).toBe('BTC');
  });
});

describe('bitget page URLs', () => {
  it.each([
    ['https://www.bitget.com/futures/usdt/BTCUSDT', 'BTCUSDT'],
    ['https://www.bitget.com/futures/usdt/BTCUSDT/', 'BTCUSDT'],
    ['https://www.bitget.com/en/futures/usdt/ETHUSDT', 'ETHUSDT'],
    ['https://www.bitget.com/zh-CN/futures/usdt/1000PEPEUSDT', '1000PEPEUSDT'],
    ['https://www.bitget.com/en-AE/futures/usdt/SOLUSDT/', 'SOLUSDT'],
    ['https://www.bitget.com/asia/futures/usdt/BTCUSDT', 'BTCUSDT'],
    ['https://www.bitget.com/futures/usdt/BTCUSDT?type=isolated#chart', 'BTCUSDT'],
  ])('reads %s', (url, symbol) => {
    expect(bitgetSymbolFromUrl(new URL(url))).toBe(symbol);
  });

  it.each([
    ['coin-M', 'https://www.bitget.com/futures/usd/BTCUSD'],
    ['USDC-M', 'https://www.bitget.com/futures/usdc/BTCPERP'],
    ['the USDT-M demo', 'https://www.bitget.com/futures/susdt/SBTCSUSDT'],
    ['the coin-M demo', 'https://www.bitget.com/futures/susd/SBTCSUSD'],
    ['the USDC-M demo', 'https://www.bitget.com/zh-CN/futures/susdc/SBTCSPERP'],
    ['a lower-case symbol', 'https://www.bitget.com/futures/usdt/btcusdt'],
    ['a symbol of another quote', 'https://www.bitget.com/futures/usdt/BTCUSDC'],
    ['another host', 'https://www.bitget.cloud/futures/usdt/BTCUSDT'],
    ['the bare domain', 'https://bitget.com/futures/usdt/BTCUSDT'],
    ['a look-alike host', 'https://www.bitget.com.evil.test/futures/usdt/BTCUSDT'],
    ['spot', 'https://www.bitget.com/spot/BTCUSDT'],
    ['the futures landing page', 'https://www.bitget.com/futures/usdt'],
    ['a deeper path', 'https://www.bitget.com/futures/usdt/BTCUSDT/info'],
    ['a help-centre page', 'https://www.bitget.com/en/support/articles/12560603808759'],
  ])('refuses %s', (_what, url) => {
    expect(bitgetSymbolFromUrl(new URL(url))).toBeNull();
  });
});

describe('bitget descriptor', () => {
  it('states the published request budget and the per-endpoint limits', () => {
    expect(bitgetDescriptor).toMatchObject({ venue: 'bitget', name: 'Bitget', apiBase: API });
    expect(bitgetDescriptor.rateLimit).toMatchObject({ units: 6_000, windowMs: 60_000, unit: 'requests' });
    expect(bitgetDescriptor.rateLimit.note).toMatch(/6000 requests \/ min per IP/);
    expect(bitgetDescriptor.rateLimit.note).toContain('429');
    expect(bitgetDescriptor.rateLimit.note).toMatch(/no open-interest history/);
    const limit = (path: string) => bitgetDescriptor.endpointLimits?.find((l) => l.paths.includes(path));
    for (const path of [CONTRACTS, TICKER, FUNDING, HISTORY, CANDLES]) expect(limit(path)).toMatchObject({ requests: 20, windowMs: 1_000 });
    expect(limit(TIERS)).toMatchObject({ requests: 10, windowMs: 1_000 });
    // 1 / s, written as 4 per 4 s.
    const ratio = limit(RATIO);
    expect(ratio && ratio.requests / (ratio.windowMs / 1_000)).toBe(1);
  });

  it('liquidates at the liquidation price with the 0.06% taker fee added, and maps 40034 / 40309 / 429', () => {
    expect(bitgetDescriptor.liquidation).toEqual({ valuation: 'liquidation', feeRate: 0.0006 });
    expect(BITGET_TAKER_FEE).toBe(0.0006);
    expect(bitgetDescriptor.errorCodes).toMatchObject({
      '40034': { kind: 'bad-request' },
      '40309': { kind: 'bad-request' },
      '429': { kind: 'rate-limited' },
    });
  });

  it('lists exactly the endpoints the client calls, with what each one feeds', async () => {
    const routes: Record<string, unknown> = {
      ...QUOTE_ROUTES(),
      [CONTRACTS]: fixture('bitget/contracts.json'),
      [HISTORY]: fixture('bitget/history-fund-rate.json'),
      [TIERS]: fixture('bitget/query-position-lever.json'),
      [RATIO]: fixture('bitget/account-long-short.json'),
    };
    const http = serve((req) => {
      if (req.url.pathname !== CANDLES) return routes[req.url.pathname];
      const g = req.url.searchParams.get('granularity');
      if (g === '1H') return fixture('bitget/candles-1h.json');
      if (g === '1Dutc') return fixture('bitget/candles-1d.json');
      return env([[String(T0 - Q15), '1', '1', '1', '1', '1']]);
    });
    const feeds = new Map<string, Set<string>>();
    const note = (feed: string, from: number) => {
      for (const q of http.requests.slice(from)) feeds.set(q.url.pathname, (feeds.get(q.url.pathname) ?? new Set()).add(feed));
    };
    const run = async (feed: string, call: () => Promise<Result<unknown>>) => {
      const from = http.requests.length;
      value(await call());
      note(feed, from);
    };
    await run('instruments', () => bitgetMarket.instruments(http));
    await run('quote', () => bitgetMarket.quote(inst(), http));
    await run('funding', () => bitgetMarket.fundingHistory(inst(), http));
    await run('candles', () => bitgetMarket.candles(inst(), http));
    await run('tiers', () => bitgetMarket.tiers(inst(), http));
    await run('zones', () => bitgetMarket.zoneBars(inst(), http, T0 - 2 * Q15));
    const crowding = bitgetMarket.crowding;
    if (!crowding) throw new Error('bitget publishes account shares');
    await run('crowding', () => crowding(inst(), http));
    expect(bitgetMarket.oiHistory).toBeNull();

    const listed = new Map(bitgetDescriptor.endpoints?.map((e) => [e.path, new Set(e.feeds)]));
    expect(feeds).toEqual(listed);
    expect(new Set(http.requests.map((q) => q.url.origin))).toEqual(new Set([API]));
    // Every listed path has its own limit.
    const limited = new Set(bitgetDescriptor.endpointLimits?.flatMap((l) => l.paths));
    expect(limited).toEqual(new Set(listed.keys()));
  });
});

describe('bitgetMarket.instruments', () => {
  const EXPECTED: Instrument[] = [
    { venue: 'bitget', symbol: 'BTCUSDT', asset: 'BTC', quote: 'USDT', contractValue: 1, tickSize: 0.1, fundingIntervalHours: 8 },
    { venue: 'bitget', symbol: 'ETHUSDT', asset: 'ETH', quote: 'USDT', contractValue: 1, tickSize: 0.01, fundingIntervalHours: 8 },
    { venue: 'bitget', symbol: 'BCHUSDT', asset: 'BCH', quote: 'USDT', contractValue: 1, tickSize: 0.05, fundingIntervalHours: 4 },
    { venue: 'bitget', symbol: '1000PEPEUSDT', asset: '1000PEPE', quote: 'USDT', contractValue: 1, tickSize: 0.0000001, fundingIntervalHours: 4 },
    { venue: 'bitget', symbol: 'XRPUSDT', asset: 'XRP', quote: 'USDT', contractValue: 1, tickSize: 0.0001, fundingIntervalHours: 1 },
    { venue: 'bitget', symbol: 'ADAUSDT', asset: 'ADA', quote: 'USDT', contractValue: 1, tickSize: 0.0001, fundingIntervalHours: null },
    { venue: 'bitget', symbol: 'SOLUSDT', asset: 'SOL', quote: 'USDT', contractValue: 1, tickSize: 0.001, fundingIntervalHours: 4 },
  ];

  it('keeps holdable USDT perpetuals (normal, limit_open, maintain, restrictedAPI), shared for an hour', async () => {
    const http = serve({ [CONTRACTS]: fixture('bitget/contracts.json') });
    const r = await bitgetMarket.instruments(http);
    expect(http.requests.map((q) => [q.url.toString(), q.shareForMs])).toEqual([[`${API}${CONTRACTS}?productType=USDT-FUTURES`, H]]);
    // Left out: the delivery contract, `off`, `listed`, the USDC-quoted row and the row with a garbled pricePlace.
    expect(value(r)).toEqual(EXPECTED);
  });

  it('reads the tick as priceEndStep × 10^−pricePlace', async () => {
    const row = (symbol: string, pricePlace: string, priceEndStep: string) => ({
      symbol,
      baseCoin: symbol.replace(/USDT$/, ''),
      quoteCoin: 'USDT',
      symbolType: 'perpetual',
      symbolStatus: 'normal',
      pricePlace,
      priceEndStep,
      fundInterval: '8',
    });
    const r = await bitgetMarket.instruments(
      serve({
        [CONTRACTS]: env([row('AAUSDT', '1', '1'), row('BBUSDT', '2', '5'), row('CCUSDT', '0', '1'), row('DDUSDT', '3', '25'), row('EEUSDT', '8', '1')]),
      }),
    );
    expect(value(r).map((i) => [i.symbol, i.tickSize])).toEqual([
      ['AAUSDT', 0.1],
      ['BBUSDT', 0.05],
      ['CCUSDT', 1],
      ['DDUSDT', 0.025],
      ['EEUSDT', 0.00000001],
    ]);
  });

  it.each([
    ['a garbled pricePlace', { pricePlace: 'x' }],
    ['a missing pricePlace', { pricePlace: undefined }],
    ['a zero priceEndStep', { priceEndStep: '0' }],
    ['a NaN priceEndStep', { priceEndStep: 'NaN' }],
    ['a garbled fundInterval', { fundInterval: 'eight' }],
  ])('leaves out a row with %s and keeps the others', async (_what, patch) => {
    const body = withRows('bitget/contracts.json', (rows) => rows.map((row) => (row['symbol'] === 'ETHUSDT' ? { ...row, ...patch } : row)));
    const r = await bitgetMarket.instruments(serve({ [CONTRACTS]: body }));
    expect(value(r).map((i) => i.symbol)).toEqual(EXPECTED.map((i) => i.symbol).filter((s) => s !== 'ETHUSDT'));
  });

  it('reads a missing or "" fundInterval as unknown', async () => {
    const body = withRows('bitget/contracts.json', (rows) => rows.map(({ fundInterval: _f, ...row }) => row));
    expect(value(await bitgetMarket.instruments(serve({ [CONTRACTS]: body }))).every((i) => i.fundingIntervalHours === null)).toBe(true);
  });

  it('refuses a list with no usable perpetual as a schema error, and never shares an empty one', async () => {
    const none = withRows('bitget/contracts.json', (rows) => rows.filter((row) => row['symbolType'] !== 'perpetual' || row['symbolStatus'] === 'off'));
    expectError(await bitgetMarket.instruments(serve({ [CONTRACTS]: none })), 'schema', CONTRACTS);
    const empty = env([]);
    const http = serve({ [CONTRACTS]: empty });
    expectError(await bitgetMarket.instruments(http), 'schema', CONTRACTS);
    expect(http.requests[0]?.accept?.(empty)).toBe(false);
    expect(http.requests[0]?.accept?.(fixture('bitget/contracts.json'))).toBe(true);
  });

  it.each([
    ['data that is not a list', env({ symbol: 'BTCUSDT' })],
    ['a row without a symbol', env([{ baseCoin: 'BTC', quoteCoin: 'USDT', symbolType: 'perpetual', symbolStatus: 'normal' }])],
    ['no envelope', [{ symbol: 'BTCUSDT' }]],
  ])('refuses %s as a schema error', async (_what, body) => {
    expectError(await bitgetMarket.instruments(serve({ [CONTRACTS]: body })), 'schema', CONTRACTS);
  });
});

describe('bitgetMarket.quote', () => {
  const SOURCES = {
    markPrice: TICKER,
    indexPrice: TICKER,
    lastPrice: TICKER,
    fundingRate: FUNDING,
    fundingIntervalHours: FUNDING,
    nextFundingTime: FUNDING,
    fundingCap: FUNDING,
    fundingFloor: FUNDING,
    openInterest: TICKER,
  };

  it('combines the ticker and current-fund-rate, figure by figure', async () => {
    const http = serve(QUOTE_ROUTES());
    const r = await bitgetMarket.quote(inst(), http);
    expect(http.requests.map((q) => [q.url.toString(), q.shareForMs])).toEqual([
      [`${API}${TICKER}?productType=USDT-FUTURES&symbol=BTCUSDT`, undefined],
      [`${API}${FUNDING}?productType=USDT-FUTURES&symbol=BTCUSDT`, undefined],
    ]);
    expect(value(r)).toEqual({
      venue: 'bitget',
      symbol: 'BTCUSDT',
      markPrice: 91230.1,
      indexPrice: 91275.62,
      lastPrice: 91234.5,
      fundingRate: 0.000068,
      fundingIntervalHours: 8,
      nextFundingTime: T0 + 4 * H,
      fundingCap: 0.003,
      fundingFloor: -0.003,
      // holdingAmount: base coin.
      openInterest: 41235.1234,
      figureSources: SOURCES,
      source: `${TICKER} + ${FUNDING}`,
      fetchedAt: NOW,
    });
  });

  it('takes the running interval from current-fund-rate over the contract list ("4" → 4 h)', async () => {
    const funding = patchAll('bitget/current-fund-rate.json', {
      fundingRate: '-0.000152',
      fundingRateInterval: '4',
      nextUpdate: String(T0 + 4 * H),
      minFundingRate: '-0.02',
      maxFundingRate: '0.02',
    });
    const r = await bitgetMarket.quote(inst('BTCUSDT', 8), serve({ ...QUOTE_ROUTES(), [FUNDING]: funding }));
    expect(value(r)).toMatchObject({ fundingRate: -0.000152, fundingIntervalHours: 4, nextFundingTime: T0 + 4 * H, fundingCap: 0.02, fundingFloor: -0.02 });
    expect(value(r).figureSources).toEqual(SOURCES);
    expect(value(r).source).toBe(`${TICKER} + ${FUNDING}`);
  });

  it('falls back to the contract list\'s interval when fundingRateInterval is ""', async () => {
    const funding = patchAll('bitget/current-fund-rate.json', { fundingRateInterval: '' });
    const r = await bitgetMarket.quote(inst('BTCUSDT', 8), serve({ ...QUOTE_ROUTES(), [FUNDING]: funding }));
    expect(value(r).fundingIntervalHours).toBe(8);
    expect(value(r).figureSources.fundingIntervalHours).toBe(CONTRACTS);
    expect(value(r).source).toBe(`${TICKER} + ${FUNDING} + ${CONTRACTS}`);

    // The answer before 2025-03-27 had no interval and no next update at all.
    const older = patchAll('bitget/current-fund-rate.json', { fundingRateInterval: undefined, nextUpdate: undefined });
    const fromOlder = value(await bitgetMarket.quote(inst('BTCUSDT', 8), serve({ ...QUOTE_ROUTES(), [FUNDING]: older })));
    expect(fromOlder).toMatchObject({ fundingIntervalHours: 8, nextFundingTime: null });

    const neither = await bitgetMarket.quote(inst('BTCUSDT', null), serve({ ...QUOTE_ROUTES(), [FUNDING]: funding }));
    expect(value(neither).fundingIntervalHours).toBeNull();
    expect(value(neither).figureSources.fundingIntervalHours).toBeUndefined();
    expect(value(neither).source).toBe(`${TICKER} + ${FUNDING}`);
  });

  it.each([
    ['"" caps (a fresh listing)', FUNDING, { minFundingRate: '', maxFundingRate: '' }, { fundingCap: null, fundingFloor: null }],
    ['no caps (the shape before 2025-03-27)', FUNDING, { minFundingRate: undefined, maxFundingRate: undefined }, { fundingCap: null, fundingFloor: null }],
    ['a "" next update', FUNDING, { nextUpdate: '' }, { nextFundingTime: null }],
    ['a "" index and last price', TICKER, { indexPrice: '', lastPr: '' }, { indexPrice: null, lastPrice: null }],
    ['a null holdingAmount', TICKER, { holdingAmount: null }, { openInterest: null }],
  ])('reads %s as unknown, and names no source for it', async (_what, path, patch, expected) => {
    const file = path === TICKER ? 'bitget/ticker.json' : 'bitget/current-fund-rate.json';
    const r = await bitgetMarket.quote(inst(), serve({ ...QUOTE_ROUTES(), [path]: patchAll(file, patch) }));
    expect(value(r)).toMatchObject(expected);
    for (const figure of Object.keys(expected)) expect(value(r).figureSources).not.toHaveProperty(figure);
  });

  it('encodes the symbol and keeps productType=USDT-FUTURES the only product type', async () => {
    const http = serve(QUOTE_ROUTES());
    await bitgetMarket.quote(inst('BTC&productType=COIN-FUTURES'), http);
    for (const s of http.served) {
      expect(s.url.search).toBe('?productType=USDT-FUTURES&symbol=BTC%26productType%3DCOIN-FUTURES');
      expect(s.url.searchParams.getAll('productType')).toEqual(['USDT-FUTURES']);
    }
  });

  it('reads an empty list as an unknown symbol, a row of another symbol as a schema error', async () => {
    expectError(await bitgetMarket.quote(inst(), serve({ ...QUOTE_ROUTES(), [TICKER]: env([]) })), 'unknown-symbol', TICKER);
    expectError(await bitgetMarket.quote(inst(), serve({ ...QUOTE_ROUTES(), [FUNDING]: env([]) })), 'unknown-symbol', FUNDING);
    const other = patchAll('bitget/ticker.json', { symbol: 'ETHUSDT' });
    const e = expectError(await bitgetMarket.quote(inst(), serve({ ...QUOTE_ROUTES(), [TICKER]: other })), 'schema', TICKER);
    expect(e.message).toContain('asked for BTCUSDT, got ETHUSDT');
    const otherFunding = patchAll('bitget/current-fund-rate.json', { symbol: 'ETHUSDT' });
    expectError(await bitgetMarket.quote(inst(), serve({ ...QUOTE_ROUTES(), [FUNDING]: otherFunding })), 'schema', FUNDING);
  });

  it('picks its own row from a list of several', async () => {
    const both = withRows('bitget/ticker.json', (rows) => [{ ...rows[0], symbol: 'ETHUSDT', markPrice: '3000' }, ...rows]);
    expect(value(await bitgetMarket.quote(inst(), serve({ ...QUOTE_ROUTES(), [TICKER]: both }))).markPrice).toBe(91230.1);
  });

  it.each([
    ['a mark 100× the index', TICKER, { markPrice: '9123010' }],
    ['a mark 100× the last price', TICKER, { markPrice: '9123010', indexPrice: '' }],
    ['a mark 1/100 of the index', TICKER, { markPrice: '912.301' }],
    ['a NaN mark', TICKER, { markPrice: 'NaN' }],
    ['a zero mark', TICKER, { markPrice: '0' }],
    ['a numeric mark (wrong type)', TICKER, { markPrice: 91230.1 }],
    ['a missing mark', TICKER, { markPrice: undefined }],
    ['a negative open interest', TICKER, { holdingAmount: '-1' }],
    ['an absurd funding rate', FUNDING, { fundingRate: '1.5' }],
    ['a garbled next update', FUNDING, { nextUpdate: 'soon' }],
    ['a missing funding rate', FUNDING, { fundingRate: undefined }],
  ])('refuses %s as a schema error', async (_what, path, patch) => {
    const file = path === TICKER ? 'bitget/ticker.json' : 'bitget/current-fund-rate.json';
    expectError(await bitgetMarket.quote(inst(), serve({ ...QUOTE_ROUTES(), [path]: patchAll(file, patch) })), 'schema', path);
  });

  it('maps code 40034 in an HTTP 400 body (an unknown symbol) to a bad request', async () => {
    const r = await bitgetMarket.quote(inst('GHOSTUSDT'), serve({ ...QUOTE_ROUTES(), [TICKER]: httpError(400, '40034', TICKER) }));
    const error = expectError(r, 'bad-request', TICKER);
    expect(error.message).toContain('unknown symbol GHOSTUSDT');
    expect(error.message).toContain('40034');
  });

  it("maps code 40034 inside a 200 envelope the same way, with Bitget's own message", async () => {
    const r = await bitgetMarket.quote(inst('GHOSTUSDT'), serve({ ...QUOTE_ROUTES(), [FUNDING]: fixture('bitget/error-40034.json') }));
    const error = expectError(r, 'bad-request', FUNDING);
    expect(error.message).toContain('code 40034 (Parameter GHOSTUSDT does not exist)');
  });

  it('maps 429 to rate-limited and an unlisted code to a plain HTTP failure', async () => {
    expectError(await bitgetMarket.quote(inst(), serve({ ...QUOTE_ROUTES(), [TICKER]: httpError(429, '429', TICKER) })), 'rate-limited', TICKER);
    const other = { code: '40017', msg: 'Parameter verification failed productType', requestTime: T0, data: null };
    const e = expectError(await bitgetMarket.quote(inst(), serve({ ...QUOTE_ROUTES(), [TICKER]: other })), 'http', TICKER);
    expect(e.message).toContain('40017');
  });

  it.each([
    ['a non-digit code', { code: 'success', msg: 'success', requestTime: T0, data: [] }],
    ['a code of seven digits', { code: '0000000', msg: 'success', requestTime: T0, data: [] }],
    ['no code', { msg: 'success', requestTime: T0, data: [] }],
    ['HTML', '<html>blocked</html>'],
    ['a bare list', []],
  ])('refuses an envelope with %s as a schema error', async (_what, body) => {
    expectError(await bitgetMarket.quote(inst(), serve({ ...QUOTE_ROUTES(), [TICKER]: body })), 'schema', TICKER);
  });

  it('passes a transport error through', async () => {
    const timeout: Result<unknown> = { ok: false, error: { kind: 'timeout', venue: 'bitget', endpoint: FUNDING, message: 'x' } };
    expectError(await bitgetMarket.quote(inst(), serve({ ...QUOTE_ROUTES(), [FUNDING]: timeout })), 'timeout', FUNDING);
  });
});

describe('bitgetMarket.fundingHistory', () => {
  const historyUrl = (symbol: string, page: number) => `${API}${HISTORY}?productType=USDT-FUTURES&symbol=${symbol}&pageSize=100&pageNo=${page}`;

  it('reads a short page in one request and returns the newest-first rows ascending', async () => {
    const http = serve({ [HISTORY]: fixture('bitget/history-fund-rate.json') });
    const r = value(await bitgetMarket.fundingHistory(inst(), http));
    expect(http.served.map((s) => s.url.toString())).toEqual([historyUrl('BTCUSDT', 1)]);
    const newest = T0 - 4 * H;
    expect(r.points).toEqual([
      { time: newest - 40 * H, rate: 0.0001 },
      { time: newest - 32 * H, rate: 0.00007 },
      { time: newest - 24 * H, rate: -0.000042 },
      { time: newest - 16 * H, rate: 0.0001 },
      { time: newest - 8 * H, rate: 0.000013 },
      { time: newest, rate: 0.0005 },
    ]);
    expect(r).toMatchObject({ intervalHours: 8, source: HISTORY, fetchedAt: NOW });
  });

  /** `total` settlements every `stepHours` back from the last one, newest first, by pageNo and pageSize. */
  function paged(symbol: string, stepHours: number, total: number, o: { ignorePageNo?: boolean } = {}) {
    const newest = Math.floor(NOW / (stepHours * H)) * stepHours * H;
    const all = Array.from({ length: total }, (_, i) => ({ symbol, fundingRate: String((i % 7) * 0.00001), fundingTime: String(newest - i * stepHours * H) }));
    const answer = (req: HttpRequest) => {
      const size = Number(req.url.searchParams.get('pageSize') ?? 20);
      const page = o.ignorePageNo ? 1 : Number(req.url.searchParams.get('pageNo') ?? 1);
      return env(all.slice((page - 1) * size, page * size));
    };
    return { http: serve(answer), newest, answer };
  }

  it.each([
    [8, 1, 31 * 3 + 1],
    [4, 2, 31 * 6 + 1],
    [2, 4, 31 * 12 + 1],
    [1, 8, 31 * 24 + 1],
  ])('at %i h asks %i page(s) of 100 and keeps the last 31 days', async (hours, pages, kept) => {
    // 40 days of settlements: more than the span needs.
    const { http, newest } = paged('BTCUSDT', hours, (40 * 24) / hours);
    const r = value(await bitgetMarket.fundingHistory(inst('BTCUSDT', hours), http));
    expect(http.served.map((s) => s.url.toString())).toEqual(Array.from({ length: pages }, (_, i) => historyUrl('BTCUSDT', i + 1)));
    expect(r.points).toHaveLength(kept);
    expect(r.points[0]?.time).toBe(newest - 31 * D);
    expect(r.points[0]?.time).toBeLessThanOrEqual(NOW - 30 * D);
    expect(r.points.at(-1)?.time).toBe(newest);
    expect(r.points.every((p, i) => i === 0 || p.time - (r.points[i - 1]?.time ?? 0) === hours * H)).toBe(true);
    expect(r.intervalHours).toBe(hours);
  });

  it('asks for more pages when the settlements are hourly though the contract list says 8 h', async () => {
    const { http } = paged('BTCUSDT', 1, 40 * 24);
    const r = value(await bitgetMarket.fundingHistory(inst('BTCUSDT', 8), http));
    expect(http.served).toHaveLength(8);
    expect(r.intervalHours).toBe(1);
    expect(r.points).toHaveLength(31 * 24 + 1);
  });

  it('never asks more than 8 pages, whatever the interval', async () => {
    const { http } = paged('BTCUSDT', 1, 40 * 24);
    value(await bitgetMarket.fundingHistory(inst('BTCUSDT', null), http));
    expect(http.served).toHaveLength(8);
  });

  it('stops on a short page: a 1 h listing 6 days old is 2 requests', async () => {
    const { http } = paged('NEWUSDT', 1, 150);
    const r = value(await bitgetMarket.fundingHistory(inst('NEWUSDT', 1), http));
    expect(http.served.map((s) => s.url.searchParams.get('pageNo'))).toEqual(['1', '2']);
    expect(r.points).toHaveLength(150);
  });

  it('stops on a page that repeats the one before (pageNo ignored)', async () => {
    const { http } = paged('BTCUSDT', 1, 40 * 24, { ignorePageNo: true });
    const r = value(await bitgetMarket.fundingHistory(inst('BTCUSDT', 1), http));
    expect(http.served).toHaveLength(2);
    expect(r.points).toHaveLength(100);
  });

  it('reads an empty list as no history', async () => {
    const r = value(await bitgetMarket.fundingHistory(inst(), serve({ [HISTORY]: env([]) })));
    expect(r.points).toEqual([]);
    expect(r.intervalHours).toBeNull();
  });

  it.each([
    ['a NaN rate', { fundingRate: 'NaN' }],
    ['a missing time', { fundingTime: undefined }],
    ['a numeric rate (wrong type)', { fundingRate: 0.0001 }],
    ['a row of another symbol', { symbol: 'ETHUSDT' }],
  ])('refuses %s as a schema error', async (_what, patch) => {
    const body = withRows('bitget/history-fund-rate.json', (rows) => rows.map((row, i) => (i === 2 ? { ...row, ...patch } : row)));
    expectError(await bitgetMarket.fundingHistory(inst(), serve({ [HISTORY]: body })), 'schema', HISTORY);
  });

  it('fails as a whole when a later page fails', async () => {
    const { answer } = paged('BTCUSDT', 4, 240);
    const http = serve((req) => (req.url.searchParams.get('pageNo') === '1' ? answer(req) : httpError(429, '429', HISTORY)));
    expectError(await bitgetMarket.fundingHistory(inst('BTCUSDT', 4), http), 'rate-limited', HISTORY);
    expect(http.served).toHaveLength(2);
  });
});

describe('bitgetMarket.candles', () => {
  const route = (req: HttpRequest) => fixture(req.url.searchParams.get('granularity') === '1H' ? 'bitget/candles-1h.json' : 'bitget/candles-1d.json');

  it('asks 30 hourly (1H) and 32 UTC-daily (1Dutc) candles and returns the closes ascending', async () => {
    const http = serve(route);
    const r = value(await bitgetMarket.candles(inst(), http));
    expect(http.served.map((s) => s.url.toString())).toEqual([
      `${API}${CANDLES}?productType=USDT-FUTURES&symbol=BTCUSDT&granularity=1H&limit=30`,
      `${API}${CANDLES}?productType=USDT-FUTURES&symbol=BTCUSDT&granularity=1Dutc&limit=32`,
    ]);
    const D0 = Math.floor(T0 / D) * D;
    expect(r.hourly).toHaveLength(30);
    expect(r.hourly[0]).toEqual({ time: T0 - 29 * H, value: 90000 });
    expect(r.hourly.at(-1)).toEqual({ time: T0, value: 89457.1 });
    expect(r.daily).toHaveLength(32);
    expect(r.daily[0]).toEqual({ time: D0 - 31 * D, value: 99750 });
    expect(r.daily.at(-1)).toEqual({ time: D0, value: 97789.6 });
    expect(r).toMatchObject({ source: CANDLES, fetchedAt: NOW });
  });

  it("sorts rows served newest first, and takes 8-element rows (the SDK's usdtVolume layout)", async () => {
    const http = serve((req) => {
      const body = route(req) as { data: string[][] };
      return { ...body, data: [...body.data].reverse().map((row) => [...row, row[6] ?? '0']) };
    });
    const r = value(await bitgetMarket.candles(inst(), http));
    expect(r.hourly[0]?.time).toBe(T0 - 29 * H);
    expect(r.hourly.at(-1)?.time).toBe(T0);
  });

  it.each([
    ['a NaN close', (rows: string[][]) => rows.map((row, i) => (i === 0 ? [row[0], row[1], row[2], row[3], 'NaN', row[5], row[6]] : row))],
    ['a short row', (rows: string[][]) => rows.map((row, i) => (i === 0 ? row.slice(0, 4) : row))],
    ['a garbled time', (rows: string[][]) => rows.map((row, i) => (i === 0 ? ['yesterday', ...row.slice(1)] : row))],
    ['no rows', () => []],
  ])('refuses %s as a schema error', async (_what, edit) => {
    const http = serve((req) => {
      const body = route(req) as { data: string[][] };
      return req.url.searchParams.get('granularity') === '1H' ? { ...body, data: edit(body.data) } : body;
    });
    expectError(await bitgetMarket.candles(inst(), http), 'schema', CANDLES);
  });
});

/** The maintenance margin of a position worth `value`, from the tier holding it: value × (rate + fee) − deduction. */
function maintenance(tiers: readonly MarginTier[], positionValue: number, fee: number): number {
  const tier = tiers.find((t) => positionValue >= t.notionalFloor && positionValue < t.notionalCap);
  if (!tier) throw new Error(`no tier holds ${positionValue}`);
  return positionValue * (tier.maintenanceRate + fee) - tier.deduction;
}

/**
 * Bitget's estimated liquidation price, isolated (help centre "Estimated liquidation price", quoted in
 * freqtrade's bitget.py): [margin + offset − Q·EP·s] ÷ [Q·(MMR + taker fee − s)], s = 1 long, −1 short.
 * The offset is the 2025-11-10 revision's; 0 below the second tier.
 */
function bitgetFormula(o: { margin: number; size: number; entry: number; side: 'long' | 'short'; mmr: number; fee: number; offset?: number }): number {
  const s = o.side === 'long' ? 1 : -1;
  return (o.margin + (o.offset ?? 0) - o.size * o.entry * s) / (o.size * (o.mmr + o.fee - s));
}

const relative = (a: number | null, b: number) => Math.abs((a ?? NaN) / b - 1);

describe('bitgetMarket.tiers', () => {
  const EXPECTED: MarginTier[] = [
    { notionalFloor: 0, notionalCap: 50_000, maintenanceRate: 0.004, deduction: 0 },
    { notionalFloor: 50_000, notionalCap: 200_000, maintenanceRate: 0.005, deduction: 50 },
    { notionalFloor: 200_000, notionalCap: 1_000_000, maintenanceRate: 0.01, deduction: 1_050 },
    { notionalFloor: 1_000_000, notionalCap: 5_000_000, maintenanceRate: 0.025, deduction: 16_050 },
    { notionalFloor: 5_000_000, notionalCap: 20_000_000, maintenanceRate: 0.05, deduction: 141_050 },
  ];

  it('turns the value bands into notional tiers with continuous deductions; max leverage from the first tier', async () => {
    const http = serve({ [TIERS]: fixture('bitget/query-position-lever.json') });
    const r = value(await bitgetMarket.tiers(inst(), http));
    expect(http.served.map((s) => s.url.toString())).toEqual([`${API}${TIERS}?productType=USDT-FUTURES&symbol=BTCUSDT`]);
    expect(r).toEqual({ tiers: EXPECTED, maxLeverage: 125, fallback: false, source: TIERS, fetchedAt: NOW });
    // Continuous: at every boundary both tiers charge the same margin.
    for (let i = 1; i < r.tiers.length; i++) {
      const below = r.tiers[i - 1];
      const above = r.tiers[i];
      if (!below || !above) throw new Error('tiers');
      const at = above.notionalFloor;
      expect(at * above.maintenanceRate - above.deduction).toBeCloseTo(at * below.maintenanceRate - below.deduction, 9);
    }
  });

  it('sorts rows by startUnit and takes the first floor as 0; a band starting after the last one ends still has a tier', async () => {
    const body = withRows('bitget/query-position-lever.json', (rows) =>
      [...rows].reverse().map((row) => (row['level'] === '3' ? { ...row, startUnit: '200001' } : row)),
    );
    const r = value(await bitgetMarket.tiers(inst(), serve({ [TIERS]: body })));
    expect(r.tiers).toEqual(EXPECTED);
    expect(r.maxLeverage).toBe(125);
  });

  it('refuses a table whose maintenance rate falls as the value grows', async () => {
    const body = withRows('bitget/query-position-lever.json', (rows) => rows.map((row) => (row['level'] === '2' ? { ...row, keepMarginRate: '0.003' } : row)));
    expect(expectError(await bitgetMarket.tiers(inst(), serve({ [TIERS]: body })), 'schema', TIERS).message).toMatch(/below the previous tier/);
  });

  it('an empty list is an unknown symbol; rows of another symbol a schema error', async () => {
    expectError(await bitgetMarket.tiers(inst(), serve({ [TIERS]: env([]) })), 'unknown-symbol', TIERS);
    const other = patchAll('bitget/query-position-lever.json', { symbol: 'ETHUSDT' });
    expectError(await bitgetMarket.tiers(inst(), serve({ [TIERS]: other })), 'schema', TIERS);
  });

  it.each([
    ['a NaN rate', (rows: Row[]) => rows.map((row, i) => (i === 1 ? { ...row, keepMarginRate: 'NaN' } : row))],
    ['a rate of 100%', (rows: Row[]) => rows.map((row, i) => (i === 1 ? { ...row, keepMarginRate: '1' } : row))],
    ['a leverage below 1', (rows: Row[]) => rows.map((row, i) => (i === 1 ? { ...row, leverage: '0.5' } : row))],
    ['a missing endUnit', (rows: Row[]) => rows.map((row, i) => (i === 1 ? { ...row, endUnit: undefined } : row))],
    ['two tiers with one end', (rows: Row[]) => rows.map((row, i) => (i === 1 ? { ...row, endUnit: '50000' } : row))],
  ])('refuses %s as a schema error', async (_what, edit) => {
    expectError(await bitgetMarket.tiers(inst(), serve({ [TIERS]: withRows('bitget/query-position-lever.json', edit) })), 'schema', TIERS);
  });

  describe("Bitget's liquidation convention", () => {
    it("gives the help centre's tiered maintenance margin: 3 BTC at 110,000 → 1,648 USDT (1,848 the old way)", async () => {
      // Help centre, 2025-11-10 change: tier 1 0–200,000 at 0.40%, tier 2 above at 0.50%, taker fee 0.06%.
      const r = value(await bitgetMarket.tiers(inst(), serve({ [TIERS]: fixture('bitget/query-position-lever-2025-11.json') })));
      const positionValue = 3 * 110_000;
      const fee = bitgetDescriptor.liquidation.feeRate;
      expect(maintenance(r.tiers, positionValue, fee)).toBeCloseTo(1_648, 9);
      // = 200,000 × 0.46% + 130,000 × 0.56%
      expect(200_000 * (0.004 + fee) + 130_000 * (0.005 + fee)).toBeCloseTo(1_648, 9);
      // The old whole-value method, for the record: the deduction is exactly the difference.
      expect(positionValue * (0.005 + fee)).toBeCloseTo(1_848, 9);
      expect(r.tiers[1]?.deduction).toBe(200);
    });

    it.each([
      ['long', 90_415.9132007233],
      ['short', 109_496.3169420665],
    ] as const)("matches Bitget's estimated liquidation price: %s 0.1 BTC at 100,000 with 1,000 margin", async (side, expected) => {
      const tiers = value(await bitgetMarket.tiers(inst(), serve({ [TIERS]: fixture('bitget/query-position-lever.json') }))).tiers;
      const { valuation, feeRate } = bitgetDescriptor.liquidation;
      const documented = bitgetFormula({ margin: 1_000, size: 0.1, entry: 100_000, side, mmr: 0.004, fee: 0.0006 });
      expect(relative(documented, expected)).toBeLessThan(1e-9);
      const ours = liquidationPrice({ side, size: 0.1, entryPrice: 100_000, margin: 1_000, tiers, feeRate, valuation });
      expect(relative(ours, documented)).toBeLessThan(1e-6);
      expect(ours?.toFixed(2)).toBe(side === 'long' ? '90415.91' : '109496.32');
    });

    it.each(['long', 'short'] as const)(
      'matches the revised formula with its offset above the first tier: %s 3 BTC at 110,000 with 33,000 margin',
      async (side) => {
        const tiers = value(await bitgetMarket.tiers(inst(), serve({ [TIERS]: fixture('bitget/query-position-lever-2025-11.json') }))).tiers;
        const { valuation, feeRate } = bitgetDescriptor.liquidation;
        // The offset (derived, the article's excerpt was cut): Σ endUnit_k × (MMR_{k+1} − MMR_k) = 200,000 × 0.1%.
        const documented = bitgetFormula({ margin: 33_000, size: 3, entry: 110_000, side, mmr: 0.005, fee: 0.0006, offset: 200 });
        // Its value at that price is in the second tier, as the formula assumed.
        expect(3 * documented).toBeGreaterThan(200_000);
        const ours = liquidationPrice({ side, size: 3, entryPrice: 110_000, margin: 33_000, tiers, feeRate, valuation });
        expect(relative(ours, documented)).toBeLessThan(1e-6);
      },
    );
  });
});

describe('bitgetMarket.zoneBars', () => {
  const RUNNING = Math.floor(NOW / Q15) * Q15;
  const COLD_FROM = RUNNING - 7 * D;

  /** 15-minute candles of a made-up market from 8 days back to the running one, by startTime/endTime/limit, oldest first. */
  function candleServer(edit: (rows: string[][]) => unknown[] = (rows) => rows) {
    const all: string[][] = [];
    for (let t = RUNNING - 8 * D; t <= RUNNING; t += Q15) {
      const i = (t - (RUNNING - 8 * D)) / Q15;
      const close = 90_000 + (i % 50) * 10;
      all.push([String(t), String(close - 5), String(close + 20), String(close - 20), String(close), String(100 + (i % 9)), String((100 + (i % 9)) * close)]);
    }
    const http = serve((req) => {
      const start = Number(req.url.searchParams.get('startTime'));
      const end = Number(req.url.searchParams.get('endTime'));
      const limit = Number(req.url.searchParams.get('limit'));
      return env(edit(all.filter((r) => Number(r[0]) >= start && Number(r[0]) <= end).slice(-limit)));
    });
    return http;
  }

  it('a cold start is one request of 7 days of 15m candles; the running bar is left out; oi and takerBuy null', async () => {
    const http = candleServer();
    const r = value(await bitgetMarket.zoneBars(inst(), http, null));
    expect(http.served.map((s) => Object.fromEntries(s.url.searchParams))).toEqual([
      {
        productType: 'USDT-FUTURES',
        symbol: 'BTCUSDT',
        granularity: '15m',
        // On the 15-minute grid, as Bitget wants its bounds: the first bar's open and the running bar's.
        startTime: String(COLD_FROM),
        endTime: String(RUNNING),
        limit: '673',
      },
    ]);
    expect(http.served[0]?.url.pathname).toBe(CANDLES);
    expect(r.bars).toHaveLength(672);
    expect(r.bars[0]?.time).toBe(COLD_FROM);
    expect(r.bars.at(-1)?.time).toBe(RUNNING - Q15);
    expect(r.bars.some((b) => b.time === RUNNING)).toBe(false);
    expect(r.bars.every((b) => b.oi === null && b.takerBuy === null)).toBe(true);
    // The first bar is made-up candle 96 (a day of quarters after the server's first): close 90,460, volume 106.
    expect(r.bars[0]).toEqual({ time: COLD_FROM, high: 90_480, low: 90_440, close: 90_460, volume: 106, takerBuy: null, oi: null });
    expect(r).toMatchObject({ source: CANDLES, fetchedAt: NOW });
  });

  it('with since asks only from that bar on', async () => {
    const http = candleServer();
    const since = RUNNING - 3 * Q15;
    const r = value(await bitgetMarket.zoneBars(inst(), http, since));
    expect(http.served.map((s) => Object.fromEntries(s.url.searchParams))).toEqual([
      {
        productType: 'USDT-FUTURES',
        symbol: 'BTCUSDT',
        granularity: '15m',
        startTime: String(since),
        endTime: String(RUNNING),
        limit: '4',
      },
    ]);
    expect(r.bars.map((b) => b.time)).toEqual([since, since + Q15, since + 2 * Q15]);
  });

  it('asks nothing when the newest bar held is the running one', async () => {
    const http = candleServer();
    expect(value(await bitgetMarket.zoneBars(inst(), http, RUNNING)).bars).toEqual([]);
    expect(http.served).toHaveLength(0);
  });

  it.each([
    ['a candle off the 15-minute grid', (rows: string[][]) => rows.map((row, i) => (i === 3 ? [String(Number(row[0]) + 60_000), ...row.slice(1)] : row))],
    [
      'a close above the high',
      (rows: string[][]) => rows.map((row, i) => (i === 3 ? [row[0], row[1], row[2], row[3], String(Number(row[2]) + 1), row[5]] : row)),
    ],
    ['a negative volume', (rows: string[][]) => rows.map((row, i) => (i === 3 ? [...row.slice(0, 5), '-1'] : row))],
    ['no candles at all', () => []],
  ])('refuses %s as a schema error', async (_what, edit) => {
    expectError(await bitgetMarket.zoneBars(inst(), candleServer(edit), null), 'schema', CANDLES);
  });
});

describe('bitgetMarket.crowding', () => {
  const crowding = (() => {
    const c = bitgetMarket.crowding;
    if (!c) throw new Error('bitget publishes account shares');
    return c;
  })();

  it('reads account-long-short hourly, without productType: long shares from longAccountRatio, no top-trader series', async () => {
    const http = serve({ [RATIO]: fixture('bitget/account-long-short.json') });
    const r = value(await crowding(inst(), http));
    expect(http.served.map((s) => s.url.toString())).toEqual([`${API}${RATIO}?symbol=BTCUSDT&period=1h`]);
    expect(http.served[0]?.url.searchParams.has('productType')).toBe(false);
    expect(r.accounts).toEqual([0.6523, 0.6611, 0.6587, 0.6702, 0.6745, 0.6811].map((v, i) => ({ time: T0 - (5 - i) * H, value: v })));
    expect(r.topPositions).toBeNull();
    expect(r).toMatchObject({ source: RATIO, fetchedAt: NOW });
  });

  it.each([
    ["the doc sample's placeholder shares (0.01 and 0.12)", { longAccountRatio: '0.01', shortAccountRatio: '0.12' }],
    ['percent shares (65.23 / 34.77)', { longAccountRatio: '65.23', shortAccountRatio: '34.77' }],
    ['shares adding to 1.05', { longAccountRatio: '0.7', shortAccountRatio: '0.35' }],
    ['a NaN share', { longAccountRatio: 'NaN' }],
    ['a negative share', { longAccountRatio: '-0.2', shortAccountRatio: '1.2' }],
    ['a missing time', { ts: undefined }],
  ])('refuses %s as a schema error', async (_what, patch) => {
    const body = withRows('bitget/account-long-short.json', (rows) => rows.map((row, i) => (i === 2 ? { ...row, ...patch } : row)));
    expectError(await crowding(inst(), serve({ [RATIO]: body })), 'schema', RATIO);
  });

  it('accepts shares off 1 by rounding (0.6523 + 0.3478)', async () => {
    const body = withRows('bitget/account-long-short.json', (rows) => rows.map((row, i) => (i === 0 ? { ...row, shortAccountRatio: '0.3478' } : row)));
    expect(value(await crowding(inst(), serve({ [RATIO]: body }))).accounts?.[0]?.value).toBe(0.6523);
  });
});
