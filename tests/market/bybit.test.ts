import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bybitDescriptor } from '../../src/venues/bybit/descriptor';
import { bybitMarket } from '../../src/venues/bybit/market';
import { marginRateScale, riskLimitTiers } from '../../src/venues/bybit/risk-limit';
import type { RiskLimitRow } from '../../src/venues/bybit/schemas';
import { canonicalAsset, canonicalBase } from '../../src/venues/bybit/symbol';
import type { FetchError, HttpRequest, Instrument, Result } from '../../src/venues/market-types';
import { fixture, fixtureHttp } from './fixture-http';

const H = 3_600_000;
const D = 24 * H;
const T0 = 1760349600000;
const F0 = Math.floor(T0 / (8 * H)) * 8 * H;
const NOW = T0 + 30 * 60_000;

const inst = (symbol = 'BTCUSDT', fundingIntervalHours: number | null = 8): Instrument => ({
  venue: 'bybit',
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

const envelope = (result: unknown) => ({ retCode: 0, retMsg: 'OK', result, retExtInfo: {}, time: 1672054488010 });

function expectError<T>(r: Result<T>, kind: FetchError['kind'], endpoint: string): FetchError {
  expect(r.ok).toBe(false);
  if (r.ok) throw new Error('expected an error');
  expect(r.error).toMatchObject({ kind, venue: 'bybit', endpoint });
  return r.error;
}

/** A copy of a fixture envelope with its result.list rows rewritten. */
function withRows(file: string, edit: (rows: Record<string, unknown>[]) => unknown[]): unknown {
  const body = fixture(file) as { result: { list: Record<string, unknown>[] } };
  body.result.list = edit(body.result.list) as Record<string, unknown>[];
  return body;
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(NOW);
});
afterEach(() => vi.useRealTimers());

describe('bybit symbols', () => {
  it('keeps multiplier prefixes and turns suffix multipliers round (SHIB1000 → 1000SHIB)', () => {
    expect(canonicalAsset('1000PEPEUSDT')).toBe('1000PEPE');
    expect(canonicalAsset('SHIB1000USDT')).toBe('1000SHIB');
    expect(canonicalAsset('10000LADYSUSDT')).toBe('10000LADYS');
    expect(canonicalAsset('BTCPERP')).toBe('BTC');
    expect(canonicalAsset('BTCUSDT')).toBe('BTC');
    expect(canonicalBase('shib1000')).toBe('1000SHIB');
    expect(canonicalBase('A8')).toBe('A8');
  });
  it.each(['btcusdt', 'BTC-26DEC25', 'BTCUSDT-26DEC25', 'BTCUSDT&x=1', ''])('refuses %j', (s) => {
    expect(canonicalAsset(s)).toBeNull();
  });
});

describe('bybit descriptor', () => {
  it('states the published request budget', () => {
    expect(bybitDescriptor).toMatchObject({ venue: 'bybit', apiBase: 'https://api.bybit.com' });
    expect(bybitDescriptor.rateLimit).toMatchObject({ units: 600, windowMs: 5_000, unit: 'requests' });
    expect(bybitDescriptor.rateLimit.note).toContain('403');
  });
});

describe('bybitMarket.instruments', () => {
  it('follows the cursor, keeps trading linear perpetuals, reads tick size and the interval in minutes', async () => {
    const http = serve((req) => fixture(req.url.searchParams.has('cursor') ? 'bybit/instruments-page2.json' : 'bybit/instruments-page1.json'));
    const r = await bybitMarket.instruments(http);
    expect(http.requests.map((q) => [q.url.toString(), q.shareForMs])).toEqual([
      ['https://api.bybit.com/v5/market/instruments-info?category=linear&limit=1000', H],
      ['https://api.bybit.com/v5/market/instruments-info?category=linear&limit=1000&cursor=first%253DBIOUSDT%2526last%253DBIOUSDT', H],
    ]);
    // The cursor is sent back exactly as received (it is already percent-encoded by Bybit).
    expect(http.served[1]?.url.searchParams.get('cursor')).toBe('first%3DBIOUSDT%26last%3DBIOUSDT');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toEqual([
      { venue: 'bybit', symbol: 'BTCUSDT', asset: 'BTC', quote: 'USDT', contractValue: 1, tickSize: 0.1, fundingIntervalHours: 8 },
      { venue: 'bybit', symbol: '1000PEPEUSDT', asset: '1000PEPE', quote: 'USDT', contractValue: 1, tickSize: 0.0000001, fundingIntervalHours: 4 },
      { venue: 'bybit', symbol: 'SHIB1000USDT', asset: '1000SHIB', quote: 'USDT', contractValue: 1, tickSize: 0.000001, fundingIntervalHours: 8 },
      { venue: 'bybit', symbol: 'BTCPERP', asset: 'BTC', quote: 'USDC', contractValue: 1, tickSize: 0.5, fundingIntervalHours: 8 },
      { venue: 'bybit', symbol: 'ETHUSDT', asset: 'ETH', quote: 'USDT', contractValue: 1, tickSize: 0.01, fundingIntervalHours: 1 },
      { venue: 'bybit', symbol: 'SOLUSDT', asset: 'SOL', quote: 'USDT', contractValue: 1, tickSize: 0.01, fundingIntervalHours: null },
    ]);
  });

  it('is one request when the first page holds everything', async () => {
    const page = fixture('bybit/instruments-page2.json');
    const http = serve(() => page);
    const r = await bybitMarket.instruments(http);
    expect(http.requests).toHaveLength(1);
    expect(r.ok && r.value.map((i) => i.symbol)).toEqual(['ETHUSDT', 'SOLUSDT']);
  });

  it('stops on a cursor that repeats', async () => {
    const page = fixture('bybit/instruments-page1.json');
    expectError(await bybitMarket.instruments(serve(() => page)), 'schema', '/v5/market/instruments-info');
  });

  it('maps an error envelope to a typed error', async () => {
    const r = await bybitMarket.instruments(serve(() => fixture('bybit/error-10006.json')));
    const error = expectError(r, 'rate-limited', '/v5/market/instruments-info');
    expect(error.message).toContain('Too many visits');
  });
});

describe('bybitMarket.quote', () => {
  it('normalises one tickers row, figure by figure', async () => {
    const http = serve({ '/v5/market/tickers': fixture('bybit/tickers.json') });
    const r = await bybitMarket.quote(inst(), http);
    expect(http.requests.map((q) => [q.url.toString(), q.shareForMs])).toEqual([
      ['https://api.bybit.com/v5/market/tickers?category=linear&symbol=BTCUSDT', undefined],
    ]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toEqual({
      venue: 'bybit',
      symbol: 'BTCUSDT',
      markPrice: 114898.43,
      indexPrice: 114890.92,
      lastPrice: 120635.5,
      fundingRate: 0.0001,
      fundingIntervalHours: 8,
      nextFundingTime: 1760371200000,
      fundingCap: 0.005,
      fundingFloor: -0.005,
      openInterest: 52003.1,
      figureSources: {
        markPrice: '/v5/market/tickers',
        indexPrice: '/v5/market/tickers',
        lastPrice: '/v5/market/tickers',
        fundingRate: '/v5/market/tickers',
        fundingIntervalHours: '/v5/market/tickers',
        nextFundingTime: '/v5/market/tickers',
        fundingCap: '/v5/market/tickers',
        fundingFloor: '/v5/market/tickers',
        openInterest: '/v5/market/tickers',
      },
      source: '/v5/market/tickers',
      fetchedAt: NOW,
    });
  });

  it('takes the interval from the instrument list when the ticker has no fundingIntervalHour (older shape)', async () => {
    const r = await bybitMarket.quote(inst('BTCUSDT', 4), serve({ '/v5/market/tickers': fixture('bybit/tickers-legacy.json') }));
    expect(r.ok && [r.value.fundingIntervalHours, r.value.fundingCap, r.value.fundingFloor, r.value.fundingRate]).toEqual([4, null, null, -0.001034]);
    // The interval is the instrument list's, so that endpoint fed the quote; no cap, so no cap or floor entry.
    expect(r.ok && r.value.source).toBe('/v5/market/tickers + /v5/market/instruments-info');
    expect(r.ok && r.value.figureSources).toEqual({
      markPrice: '/v5/market/tickers',
      indexPrice: '/v5/market/tickers',
      lastPrice: '/v5/market/tickers',
      fundingRate: '/v5/market/tickers',
      fundingIntervalHours: '/v5/market/instruments-info',
      nextFundingTime: '/v5/market/tickers',
      openInterest: '/v5/market/tickers',
    });
  });

  it('leaves the interval unnamed when neither the ticker nor the instrument list has one', async () => {
    const r = await bybitMarket.quote(inst('BTCUSDT', null), serve({ '/v5/market/tickers': fixture('bybit/tickers-legacy.json') }));
    expect(r.ok && r.value.fundingIntervalHours).toBeNull();
    expect(r.ok && r.value.source).toBe('/v5/market/tickers');
    expect(r.ok && Object.keys(r.value.figureSources).sort()).toEqual([
      'fundingRate',
      'indexPrice',
      'lastPrice',
      'markPrice',
      'nextFundingTime',
      'openInterest',
    ]);
  });

  it.each([
    ['"" prices (pre-listing)', { lastPrice: '', indexPrice: '' }, { lastPrice: null, indexPrice: null }],
    ['nextFundingTime "0"', { nextFundingTime: '0' }, { nextFundingTime: null }],
    ['fundingCap ""', { fundingCap: '' }, { fundingCap: null, fundingFloor: null }],
    ['fundingIntervalHour as a number', { fundingIntervalHour: 4 }, { fundingIntervalHours: 4 }],
  ])('reads %s', async (_what, patch, expected) => {
    const body = withRows('bybit/tickers.json', (rows) => rows.map((row) => ({ ...row, ...patch })));
    const r = await bybitMarket.quote(inst(), serve({ '/v5/market/tickers': body }));
    expect(r.ok && r.value).toMatchObject(expected);
    // A figure read as null has no source; one read has the ticker's.
    for (const [figure, value] of Object.entries(expected)) {
      expect(r.ok && r.value.figureSources[figure as keyof typeof r.value.figureSources]).toBe(value === null ? undefined : '/v5/market/tickers');
    }
  });

  it('encodes the symbol instead of pasting it into the URL', async () => {
    const http = serve({ '/v5/market/tickers': fixture('bybit/tickers.json') });
    await bybitMarket.quote(inst('BTC&category=spot'), http);
    expect(http.served[0]?.url.search).toBe('?category=linear&symbol=BTC%26category%3Dspot');
  });

  it.each([
    ['a NaN mark', { markPrice: 'NaN' }],
    ['a missing mark', { markPrice: undefined }],
    ['a numeric mark (wrong type)', { markPrice: 114898.43 }],
    ['a zero mark', { markPrice: '0' }],
    ['a negative open interest', { openInterest: '-1' }],
    ['an absurd funding rate', { fundingRate: '2' }],
    ['a garbled next funding time', { nextFundingTime: 'soon' }],
  ])('refuses %s as a schema error', async (_what, patch) => {
    const body = withRows('bybit/tickers.json', (rows) => rows.map((row) => ({ ...row, ...patch })));
    expectError(await bybitMarket.quote(inst(), serve({ '/v5/market/tickers': body })), 'schema', '/v5/market/tickers');
  });

  it('refuses a row of another symbol as a schema error, an empty list as an unknown symbol', async () => {
    const other = withRows('bybit/tickers.json', (rows) => rows.map((row) => ({ ...row, symbol: 'ETHUSDT' })));
    expectError(await bybitMarket.quote(inst(), serve({ '/v5/market/tickers': other })), 'schema', '/v5/market/tickers');
    const empty = withRows('bybit/tickers.json', () => []);
    expectError(await bybitMarket.quote(inst(), serve({ '/v5/market/tickers': empty })), 'unknown-symbol', '/v5/market/tickers');
  });

  it('maps retCode 10001 (symbol invalid) to a bad request', async () => {
    const r = await bybitMarket.quote(inst('NOPEUSDT'), serve({ '/v5/market/tickers': fixture('bybit/error-10001.json') }));
    const error = expectError(r, 'bad-request', '/v5/market/tickers');
    expect(error.message).toContain('10001');
  });

  it.each([
    ['no retCode', { retMsg: 'OK', result: {} }],
    ['a string retCode', { retCode: '0', retMsg: 'OK', result: { list: [] } }],
    ['HTML', '<html>blocked</html>'],
  ])('refuses an envelope with %s as a schema error', async (_what, body) => {
    expectError(await bybitMarket.quote(inst(), serve({ '/v5/market/tickers': body })), 'schema', '/v5/market/tickers');
  });

  it('passes a transport error through (HTTP 403 region block or rate ban)', async () => {
    const blocked: Result<unknown> = {
      ok: false,
      error: { kind: 'region-blocked', venue: 'bybit', endpoint: '/v5/market/tickers', status: 403, message: 'x' },
    };
    expectError(await bybitMarket.quote(inst(), serve({ '/v5/market/tickers': blocked })), 'region-blocked', '/v5/market/tickers');
  });
});

describe('bybitMarket.fundingHistory', () => {
  it('asks for 31 days in one request at 8 h and returns the newest-first rows ascending', async () => {
    const http = serve({ '/v5/market/funding/history': fixture('bybit/funding-history.json') });
    const r = await bybitMarket.fundingHistory(inst(), http);
    expect(http.served.map((s) => s.url.toString())).toEqual(['https://api.bybit.com/v5/market/funding/history?category=linear&symbol=BTCUSDT&limit=93']);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const { points } = r.value;
    expect(points).toHaveLength(93);
    expect(points[0]).toEqual({ time: F0 - 92 * 8 * H, rate: -0.00005 });
    expect(points[1]).toEqual({ time: F0 - 91 * 8 * H, rate: 0 });
    expect(points.at(-1)).toEqual({ time: F0, rate: 0.00005 });
    expect(r.value).toMatchObject({ intervalHours: 8, source: '/v5/market/funding/history' });
  });

  it('pages back with endTime (never startTime alone) for a 1 h symbol: ≥ 30 days in four requests', async () => {
    const hourly = Array.from({ length: 40 * 24 }, (_, i) => T0 - i * H); // newest first
    const http = serve((req) => {
      const end = Number(req.url.searchParams.get('endTime') ?? Infinity);
      const limit = Number(req.url.searchParams.get('limit'));
      const rows = hourly.filter((t) => t <= end).slice(0, limit);
      return envelope({ category: 'linear', list: rows.map((t) => ({ symbol: 'ETHUSDT', fundingRate: '0.0000125', fundingRateTimestamp: String(t) })) });
    });
    const r = await bybitMarket.fundingHistory(inst('ETHUSDT', 1), http);
    const params = http.served.map((s) => Object.fromEntries(s.url.searchParams));
    expect(params).toEqual([
      { category: 'linear', symbol: 'ETHUSDT', limit: '200' },
      { category: 'linear', symbol: 'ETHUSDT', limit: '200', endTime: String(T0 - 199 * H - 1) },
      { category: 'linear', symbol: 'ETHUSDT', limit: '200', endTime: String(T0 - 399 * H - 1) },
      { category: 'linear', symbol: 'ETHUSDT', limit: '144', endTime: String(T0 - 599 * H - 1) },
    ]);
    expect(params.every((p) => !('startTime' in p))).toBe(true);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.points).toHaveLength(744);
    expect(r.value.points[0]?.time).toBe(T0 - 743 * H);
    expect(r.value.intervalHours).toBe(1);
  });

  it('stops paging when the venue has no older rows', async () => {
    const rows = [T0, T0 - H].map((t) => ({ symbol: 'ETHUSDT', fundingRate: '0.0001', fundingRateTimestamp: String(t) }));
    const http = serve(() => envelope({ category: 'linear', list: rows }));
    const r = await bybitMarket.fundingHistory(inst('ETHUSDT', 1), http);
    expect(http.requests).toHaveLength(1);
    expect(r.ok && r.value.points.length).toBe(2);
  });

  it.each([
    ['a NaN rate', { fundingRate: 'NaN' }],
    ['a missing timestamp', { fundingRateTimestamp: undefined }],
    ['another symbol', { symbol: 'ETHUSDT' }],
  ])('refuses %s as a schema error', async (_what, patch) => {
    const body = withRows('bybit/funding-history.json', (rows) => rows.map((row, i) => (i === 5 ? { ...row, ...patch } : row)));
    expectError(await bybitMarket.fundingHistory(inst(), serve({ '/v5/market/funding/history': body })), 'schema', '/v5/market/funding/history');
  });
});

describe('bybitMarket.oiHistory', () => {
  it('reads 30 hourly rows (newest first) into an ascending series in base units', async () => {
    const oiHistory = bybitMarket.oiHistory;
    if (!oiHistory) throw new Error('bybit serves OI history');
    const http = serve({ '/v5/market/open-interest': fixture('bybit/open-interest.json') });
    const r = await oiHistory(inst(), http);
    expect(http.served[0]?.url.toString()).toBe('https://api.bybit.com/v5/market/open-interest?category=linear&symbol=BTCUSDT&intervalTime=1h&limit=30');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.points).toHaveLength(30);
    expect(r.value.points[0]).toEqual({ time: T0 - 29 * H, value: 52000 });
    expect(r.value.points.at(-1)).toEqual({ time: T0, value: 52159.5 });
    expect(r.value.source).toBe('/v5/market/open-interest');
  });

  it('accepts JSON-number timestamps too', async () => {
    const oiHistory = bybitMarket.oiHistory;
    if (!oiHistory) throw new Error('bybit serves OI history');
    const body = withRows('bybit/open-interest.json', (rows) => rows.map((row) => ({ ...row, timestamp: Number(row.timestamp) })));
    const r = await oiHistory(inst(), serve({ '/v5/market/open-interest': body }));
    expect(r.ok && r.value.points[0]).toEqual({ time: T0 - 29 * H, value: 52000 });
  });

  it.each([
    ['a negative OI', (rows: Record<string, unknown>[]) => rows.map((row, i) => (i === 0 ? { ...row, openInterest: '-3' } : row))],
    ['a NaN OI', (rows: Record<string, unknown>[]) => rows.map((row, i) => (i === 0 ? { ...row, openInterest: 'NaN' } : row))],
  ])('refuses %s as a schema error', async (_what, edit) => {
    const oiHistory = bybitMarket.oiHistory;
    if (!oiHistory) throw new Error('bybit serves OI history');
    const body = withRows('bybit/open-interest.json', edit);
    expectError(await oiHistory(inst(), serve({ '/v5/market/open-interest': body })), 'schema', '/v5/market/open-interest');
  });
});

describe('bybitMarket.candles', () => {
  it('returns 30 hourly and 32 daily closes, sorted ascending from newest-first rows', async () => {
    const http = serve((req) => fixture(req.url.searchParams.get('interval') === '60' ? 'bybit/kline-60.json' : 'bybit/kline-D.json'));
    const r = await bybitMarket.candles(inst(), http);
    expect(http.served.map((s) => s.url.toString())).toEqual([
      'https://api.bybit.com/v5/market/kline?category=linear&symbol=BTCUSDT&interval=60&limit=30',
      'https://api.bybit.com/v5/market/kline?category=linear&symbol=BTCUSDT&interval=D&limit=32',
    ]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const D0 = Math.floor(T0 / D) * D;
    expect(r.value.hourly).toHaveLength(30);
    expect(r.value.hourly[0]).toEqual({ time: T0 - 29 * H, value: 114000 });
    expect(r.value.hourly.at(-1)).toEqual({ time: T0, value: 114362.5 });
    expect(r.value.daily).toHaveLength(32);
    expect(r.value.daily[0]).toEqual({ time: D0 - 31 * D, value: 100000 });
    expect(r.value.daily.at(-1)).toEqual({ time: D0, value: 115500 });
    expect(r.value.source).toBe('/v5/market/kline');
  });

  it.each([
    ['a NaN close', (rows: unknown[][]) => rows.map((row, i) => (i === 0 ? [row[0], row[1], row[2], row[3], 'NaN', row[5], row[6]] : row))],
    ['a short row', (rows: unknown[][]) => rows.map((row, i) => (i === 0 ? row.slice(0, 3) : row))],
    ['no rows', () => []],
  ])('refuses %s as a schema error', async (_what, edit) => {
    const body = fixture('bybit/kline-60.json') as { result: { list: unknown[][] } };
    body.result.list = edit(body.result.list);
    expectError(
      await bybitMarket.candles(
        inst(),
        serve(() => body),
      ),
      'schema',
      '/v5/market/kline',
    );
  });
});

describe('bybitMarket.tiers', () => {
  const EXPECTED = [
    { notionalFloor: 0, notionalCap: 2000000, maintenanceRate: 0.005, deduction: 0 },
    { notionalFloor: 2000000, notionalCap: 2600000, maintenanceRate: 0.0056, deduction: 1200 },
    { notionalFloor: 2600000, notionalCap: 3200000, maintenanceRate: 0.0062, deduction: 2760 },
  ];

  it('maps fractions: cap = riskLimitValue, floor = previous cap, mmDeduction "" → 0', async () => {
    const http = serve({ '/v5/market/risk-limit': fixture('bybit/risk-limit-fraction.json') });
    const r = await bybitMarket.tiers(inst(), http);
    expect(http.served[0]?.url.toString()).toBe('https://api.bybit.com/v5/market/risk-limit?category=linear&symbol=BTCUSDT');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // maxLeverage: the lowest tier's.
    expect(r.value).toEqual({ tiers: EXPECTED, maxLeverage: 100, fallback: false, source: '/v5/market/risk-limit', fetchedAt: NOW });
  });

  it('detects percents ("0.5" with IM "1" at 100×) and normalises them to fractions', async () => {
    const r = await bybitMarket.tiers(inst(), serve({ '/v5/market/risk-limit': fixture('bybit/risk-limit-percent.json') }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    r.value.tiers.forEach((t, i) => {
      expect(t.notionalFloor).toBe(EXPECTED[i]?.notionalFloor);
      expect(t.notionalCap).toBe(EXPECTED[i]?.notionalCap);
      expect(t.maintenanceRate).toBeCloseTo(EXPECTED[i]?.maintenanceRate ?? NaN, 12);
      expect(t.deduction).toBe(EXPECTED[i]?.deduction);
    });
  });

  it('sorts tiers by riskLimitValue and accepts JSON-number margins (the docs type them as numbers)', async () => {
    const body = withRows('bybit/risk-limit-fraction.json', (rows) =>
      [...rows].reverse().map((row) => ({ ...row, maintenanceMargin: Number(row.maintenanceMargin), initialMargin: Number(row.initialMargin) })),
    );
    const r = await bybitMarket.tiers(inst(), serve({ '/v5/market/risk-limit': body }));
    expect(r.ok && r.value.tiers).toEqual(EXPECTED);
  });

  it('an empty list is an unknown symbol; rows of another symbol a schema error', async () => {
    const empty = withRows('bybit/risk-limit-fraction.json', () => []);
    expectError(await bybitMarket.tiers(inst(), serve({ '/v5/market/risk-limit': empty })), 'unknown-symbol', '/v5/market/risk-limit');
    const other = withRows('bybit/risk-limit-fraction.json', (rows) => rows.map((row) => ({ ...row, symbol: 'ETHUSDT' })));
    expectError(await bybitMarket.tiers(inst(), serve({ '/v5/market/risk-limit': other })), 'schema', '/v5/market/risk-limit');
  });

  it.each([
    ['a NaN maintenance margin', (rows: Record<string, unknown>[]) => rows.map((row, i) => (i === 1 ? { ...row, maintenanceMargin: 'NaN' } : row))],
    ['a missing riskLimitValue', (rows: Record<string, unknown>[]) => rows.map((row, i) => (i === 1 ? { ...row, riskLimitValue: undefined } : row))],
    ['a negative deduction', (rows: Record<string, unknown>[]) => rows.map((row, i) => (i === 1 ? { ...row, mmDeduction: '-5' } : row))],
    ['two tiers with one cap', (rows: Record<string, unknown>[]) => rows.map((row, i) => (i === 1 ? { ...row, riskLimitValue: '2000000' } : row))],
    [
      'fractions and percents mixed',
      (rows: Record<string, unknown>[]) => rows.map((row, i) => (i === 2 ? { ...row, maintenanceMargin: '0.62', initialMargin: '1.25' } : row)),
    ],
    ['a rate of 100% or more', (rows: Record<string, unknown>[]) => rows.map(() => ({ symbol: 'BTCUSDT', riskLimitValue: '1000', maintenanceMargin: '150' }))],
  ])('refuses %s as a schema error', async (_what, edit) => {
    const body = withRows('bybit/risk-limit-fraction.json', edit);
    expectError(await bybitMarket.tiers(inst(), serve({ '/v5/market/risk-limit': body })), 'schema', '/v5/market/risk-limit');
  });
});

describe('marginRateScale', () => {
  const row = (maintenanceMargin: number, initialMargin?: number, maxLeverage?: number): RiskLimitRow => ({
    symbol: 'X',
    riskLimitValue: 1,
    maintenanceMargin,
    mmDeduction: 0,
    ...(initialMargin === undefined ? {} : { initialMargin }),
    ...(maxLeverage === undefined ? {} : { maxLeverage }),
  });
  it('tells "0.5" apart by IM × max leverage', () => {
    expect(marginRateScale([row(0.5, 1, 100)])).toBe(100);
    expect(marginRateScale([row(0.25, 0.5, 2)])).toBe(1);
  });
  it('treats any rate above 1 as percent, and defaults to fractions without clues', () => {
    expect(marginRateScale([row(0.5), row(1.5)])).toBe(100);
    expect(marginRateScale([row(0.005), row(0.01)])).toBe(1);
  });
  it('refuses a table pointing both ways', () => {
    expect(marginRateScale([row(0.005, 0.01, 100), row(0.5, 1, 100)])).toBeNull();
    expect(riskLimitTiers([row(0.005, 0.01, 100), row(2)]).ok).toBe(false);
  });
});
