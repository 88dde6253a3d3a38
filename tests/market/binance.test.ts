import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { withContinuousDeductions } from '../../src/core/margin-tiers';
import { binanceDescriptor, BRACKETS_PATH } from '../../src/venues/binance/descriptor';
import { binanceMarket } from '../../src/venues/binance/market';
import { ascendingByTime, intervalHoursFromTimes } from '../../src/venues/series';
import { canonicalAsset, quoteOf } from '../../src/venues/binance/symbol';
import { FALLBACK_SYMBOLS, FALLBACK_TIERS_SOURCE, fallbackTiers } from '../../src/venues/binance/tiers-fallback';
import type { FetchError, HttpRequest, Instrument, Result } from '../../src/venues/market-types';
import { fixture, fixtureHttp } from './fixture-http';

const H = 3_600_000;
const D = 24 * H;
/** The hour the generated fixtures end at (klines, OI history); funding settles on its 8 h grid. */
const T0 = 1760349600000;
const F0 = Math.floor(T0 / (8 * H)) * 8 * H;

const inst = (symbol = 'BTCUSDT'): Instrument => ({
  venue: 'binance',
  symbol,
  asset: symbol.replace(/USD[TC]$/, ''),
  quote: 'USDT',
  contractValue: 1,
  tickSize: 0.1,
  fundingIntervalHours: null,
});

type Routes = Record<string, unknown>;

/** Serves fixtures by path; records every request with its shareForMs (fixtureHttp keeps url/method/body). */
function serve(routes: Routes) {
  const requests: HttpRequest[] = [];
  const inner = fixtureHttp((req) => routes[req.url.pathname]);
  const http = async (req: HttpRequest) => {
    requests.push(req);
    return inner(req);
  };
  return Object.assign(http, { served: inner.served, requests });
}

const errorResult = (kind: FetchError['kind'], endpoint: string, status?: number): Result<unknown> => ({
  ok: false,
  error: { kind, venue: 'binance', endpoint, message: `simulated ${kind}`, ...(status ? { status } : {}) },
});

const QUOTE_ROUTES = (): Routes => ({
  '/fapi/v1/premiumIndex': fixture('binance/premiumIndex.json'),
  '/fapi/v1/openInterest': fixture('binance/openInterest.json'),
  '/fapi/v1/fundingInfo': fixture('binance/fundingInfo.json'),
});

function expectError<T>(r: Result<T>, kind: FetchError['kind'], endpoint: string): FetchError {
  expect(r.ok).toBe(false);
  if (r.ok) throw new Error('expected an error');
  expect(r.error).toMatchObject({ kind, venue: 'binance', endpoint });
  return r.error;
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0 + 30 * 60_000);
});
afterEach(() => vi.useRealTimers());

describe('binance symbols', () => {
  it('keeps multiplier prefixes in the canonical asset (1000PEPE is not PEPE)', () => {
    expect(canonicalAsset('1000PEPEUSDT')).toBe('1000PEPE');
    expect(canonicalAsset('BTCUSDT')).toBe('BTC');
    expect(canonicalAsset('BTCUSDC')).toBe('BTC');
    expect(quoteOf('BTCUSDC')).toBe('USDC');
  });
  it.each(['btcusdt', 'BTC-USDT', 'BTCUSDT_251226', 'BTCUSDT&limit=1', ''])('refuses %j', (s) => {
    expect(canonicalAsset(s)).toBeNull();
  });
});

describe('binance descriptor', () => {
  it('states the published weight budget', () => {
    expect(binanceDescriptor).toMatchObject({ venue: 'binance', apiBase: 'https://fapi.binance.com' });
    expect(binanceDescriptor.rateLimit).toMatchObject({ units: 2400, windowMs: 60_000, unit: 'weight' });
  });
});

describe('binanceMarket.instruments', () => {
  it('lists trading perpetuals only, with tick size and canonical asset, shared for an hour', async () => {
    const http = serve({ '/fapi/v1/exchangeInfo': fixture('binance/exchangeInfo.json') });
    const r = await binanceMarket.instruments(http);
    expect(http.requests.map((q) => [q.url.toString(), q.shareForMs])).toEqual([['https://fapi.binance.com/fapi/v1/exchangeInfo', H]]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toEqual([
      { venue: 'binance', symbol: 'BTCUSDT', asset: 'BTC', quote: 'USDT', contractValue: 1, tickSize: 0.1, fundingIntervalHours: null },
      { venue: 'binance', symbol: 'ETHUSDT', asset: 'ETH', quote: 'USDT', contractValue: 1, tickSize: 0.01, fundingIntervalHours: null },
      { venue: 'binance', symbol: '1000PEPEUSDT', asset: '1000PEPE', quote: 'USDT', contractValue: 1, tickSize: 0.0000001, fundingIntervalHours: null },
      { venue: 'binance', symbol: 'BTCUSDC', asset: 'BTC', quote: 'USDC', contractValue: 1, tickSize: 0.1, fundingIntervalHours: null },
    ]);
  });

  it('gives a null tick size rather than NaN when the price filter is odd', async () => {
    const body = fixture('binance/exchangeInfo.json') as { symbols: { filters: { filterType: string; tickSize?: string }[] }[] };
    const first = body.symbols[0];
    if (first) first.filters = [{ filterType: 'PRICE_FILTER', tickSize: 'NaN' }];
    const r = await binanceMarket.instruments(serve({ '/fapi/v1/exchangeInfo': body }));
    expect(r.ok && r.value[0]?.tickSize).toBeNull();
  });

  it.each([
    ['a missing symbols array', { rateLimits: [] }],
    ['a symbol without baseAsset', { symbols: [{ symbol: 'BTCUSDT', contractType: 'PERPETUAL', status: 'TRADING', quoteAsset: 'USDT' }] }],
    ['no trading perpetual at all', { symbols: [] }],
  ])('refuses %s as a schema error', async (_what, body) => {
    expectError(await binanceMarket.instruments(serve({ '/fapi/v1/exchangeInfo': body })), 'schema', '/fapi/v1/exchangeInfo');
  });
});

describe('binanceMarket.quote', () => {
  it('normalises premiumIndex + openInterest + fundingInfo, figure by figure', async () => {
    const http = serve(QUOTE_ROUTES());
    const r = await binanceMarket.quote(inst(), http);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toEqual({
      venue: 'binance',
      symbol: 'BTCUSDT',
      markPrice: 11793.63104562,
      indexPrice: 11781.8049597,
      lastPrice: null,
      fundingRate: 0.00038246,
      fundingIntervalHours: 8,
      nextFundingTime: 1597392000000,
      fundingCap: 0.003,
      fundingFloor: -0.003,
      openInterest: 10659.509,
      // lastPrice is null (not in premiumIndex): no entry.
      figureSources: {
        markPrice: '/fapi/v1/premiumIndex',
        indexPrice: '/fapi/v1/premiumIndex',
        fundingRate: '/fapi/v1/premiumIndex',
        fundingIntervalHours: '/fapi/v1/fundingInfo',
        nextFundingTime: '/fapi/v1/premiumIndex',
        fundingCap: '/fapi/v1/fundingInfo',
        fundingFloor: '/fapi/v1/fundingInfo',
        openInterest: '/fapi/v1/openInterest',
      },
      source: '/fapi/v1/premiumIndex + /fapi/v1/openInterest + /fapi/v1/fundingInfo',
      fetchedAt: T0 + 30 * 60_000,
    });
    expect(http.requests.map((q) => [q.url.toString(), q.shareForMs])).toEqual([
      ['https://fapi.binance.com/fapi/v1/premiumIndex?symbol=BTCUSDT', undefined],
      ['https://fapi.binance.com/fapi/v1/openInterest?symbol=BTCUSDT', undefined],
      ['https://fapi.binance.com/fapi/v1/fundingInfo', H],
    ]);
  });

  it('leaves interval and caps null for a symbol absent from fundingInfo (Binance defaults)', async () => {
    const routes = QUOTE_ROUTES();
    routes['/fapi/v1/premiumIndex'] = { ...(routes['/fapi/v1/premiumIndex'] as object), symbol: 'ETHUSDT' };
    routes['/fapi/v1/openInterest'] = { ...(routes['/fapi/v1/openInterest'] as object), symbol: 'ETHUSDT' };
    const r = await binanceMarket.quote(inst('ETHUSDT'), serve(routes));
    expect(r.ok && [r.value.fundingIntervalHours, r.value.fundingCap, r.value.fundingFloor]).toEqual([null, null, null]);
    // fundingInfo answered (the symbol runs Binance's defaults): it still fed the quote.
    expect(r.ok && r.value.source).toBe('/fapi/v1/premiumIndex + /fapi/v1/openInterest + /fapi/v1/fundingInfo');
    // …but no figure came from it.
    expect(r.ok && r.value.figureSources).toEqual({
      markPrice: '/fapi/v1/premiumIndex',
      indexPrice: '/fapi/v1/premiumIndex',
      fundingRate: '/fapi/v1/premiumIndex',
      nextFundingTime: '/fapi/v1/premiumIndex',
      openInterest: '/fapi/v1/openInterest',
    });
  });

  it('still quotes when fundingInfo fails (it only refines interval and caps)', async () => {
    const routes = { ...QUOTE_ROUTES(), '/fapi/v1/fundingInfo': errorResult('rate-limited', '/fapi/v1/fundingInfo', 429) };
    const r = await binanceMarket.quote(inst(), serve(routes));
    expect(r.ok && [r.value.markPrice, r.value.fundingIntervalHours]).toEqual([11793.63104562, null]);
    // Only the endpoints that fed the quote are named.
    expect(r.ok && r.value.source).toBe('/fapi/v1/premiumIndex + /fapi/v1/openInterest');
    // Interval and caps are null without fundingInfo: no entry, and no figure names it.
    expect(r.ok && r.value.figureSources).toEqual({
      markPrice: '/fapi/v1/premiumIndex',
      indexPrice: '/fapi/v1/premiumIndex',
      fundingRate: '/fapi/v1/premiumIndex',
      nextFundingTime: '/fapi/v1/premiumIndex',
      openInterest: '/fapi/v1/openInterest',
    });
  });

  it('treats nextFundingTime 0 as unknown', async () => {
    const routes = QUOTE_ROUTES();
    routes['/fapi/v1/premiumIndex'] = { ...(routes['/fapi/v1/premiumIndex'] as object), nextFundingTime: 0 };
    const r = await binanceMarket.quote(inst(), serve(routes));
    expect(r.ok && r.value.nextFundingTime).toBeNull();
    expect(r.ok && 'nextFundingTime' in r.value.figureSources).toBe(false);
  });

  it('encodes the symbol instead of pasting it into the URL', async () => {
    const http = serve(QUOTE_ROUTES());
    await binanceMarket.quote(inst('BTC&limit=1#x'), http);
    expect(http.served[0]?.url.search).toBe('?symbol=BTC%26limit%3D1%23x');
    expect(http.served[0]?.url.searchParams.get('symbol')).toBe('BTC&limit=1#x');
  });

  const sample = fixture('binance/premiumIndex.json') as Record<string, unknown>;
  it.each([
    ['a NaN string', { ...sample, markPrice: 'NaN' }],
    ['a missing field', { ...sample, lastFundingRate: undefined }],
    ['a wrong type', { ...sample, markPrice: 11793.6 }],
    ['a negative mark', { ...sample, markPrice: '-1' }],
    ['a zero mark', { ...sample, markPrice: '0' }],
    ['an absurd funding rate', { ...sample, lastFundingRate: '1.5' }],
    ['an array (no symbol sent)', [sample]],
    ['another symbol', { ...sample, symbol: 'ETHUSDT' }],
  ])('refuses %s in premiumIndex as a schema error', async (_what, body) => {
    const r = await binanceMarket.quote(inst(), serve({ ...QUOTE_ROUTES(), '/fapi/v1/premiumIndex': body }));
    expectError(r, 'schema', '/fapi/v1/premiumIndex');
  });

  const oi = fixture('binance/openInterest.json') as Record<string, unknown>;
  it.each([
    ['a negative open interest', { ...oi, openInterest: '-5' }],
    ['"Infinity"', { ...oi, openInterest: 'Infinity' }],
    ['another symbol', { ...oi, symbol: 'ETHUSDT' }],
  ])('refuses %s in openInterest as a schema error', async (_what, body) => {
    const r = await binanceMarket.quote(inst(), serve({ ...QUOTE_ROUTES(), '/fapi/v1/openInterest': body }));
    expectError(r, 'schema', '/fapi/v1/openInterest');
  });

  it('passes the transport error through (HTTP 400 "Invalid symbol." is a bad request)', async () => {
    const routes = { ...QUOTE_ROUTES(), '/fapi/v1/premiumIndex': errorResult('bad-request', '/fapi/v1/premiumIndex', 400) };
    expectError(await binanceMarket.quote(inst(), serve(routes)), 'bad-request', '/fapi/v1/premiumIndex');
  });
});

describe('binanceMarket.fundingHistory', () => {
  it('asks for 31 days from an hour-aligned start and returns settled rates ascending', async () => {
    const http = serve({ '/fapi/v1/fundingRate': fixture('binance/fundingRate.json') });
    const r = await binanceMarket.fundingHistory(inst(), http);
    expect(http.served.map((s) => s.url.toString())).toEqual([
      `https://fapi.binance.com/fapi/v1/fundingRate?symbol=BTCUSDT&startTime=${T0 - 31 * D}&limit=1000`,
    ]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const { points } = r.value;
    expect(points).toHaveLength(93);
    expect(points[0]).toEqual({ time: F0 - 92 * 8 * H, rate: -0.00005 });
    expect(points[1]).toEqual({ time: F0 - 91 * 8 * H, rate: 0 });
    // Row 3 carries Binance's 1 ms settlement jitter; it is kept as sent.
    expect(points[3]).toEqual({ time: F0 - 89 * 8 * H + 1, rate: 0.0001 });
    expect(points.at(-1)).toEqual({ time: F0, rate: 0.00005 });
    expect((points.at(-1)?.time ?? 0) - (points[0]?.time ?? 0)).toBeGreaterThanOrEqual(30 * D);
    expect(r.value).toMatchObject({ intervalHours: 8, source: '/fapi/v1/fundingRate' });
  });

  it('sorts rows ascending even if they arrive newest first', async () => {
    const rows = (fixture('binance/fundingRate.json') as unknown[]).reverse();
    const r = await binanceMarket.fundingHistory(inst(), serve({ '/fapi/v1/fundingRate': rows }));
    expect(r.ok && r.value.points[0]?.time).toBe(F0 - 92 * 8 * H);
  });

  it.each([
    ['a NaN rate', [{ symbol: 'BTCUSDT', fundingRate: 'NaN', fundingTime: 1570608000000, markPrice: '1' }]],
    ['a missing time', [{ symbol: 'BTCUSDT', fundingRate: '0.0001' }]],
    ['a row of another symbol', [{ symbol: 'ETHUSDT', fundingRate: '0.0001', fundingTime: 1570608000000, markPrice: '1' }]],
    ['an object instead of rows', { code: -1121, msg: 'Invalid symbol.' }],
  ])('refuses %s as a schema error', async (_what, body) => {
    expectError(await binanceMarket.fundingHistory(inst(), serve({ '/fapi/v1/fundingRate': body })), 'schema', '/fapi/v1/fundingRate');
  });
});

describe('binanceMarket.oiHistory', () => {
  it.each([
    ['numeric timestamps (current docs)', 'binance/openInterestHist.json'],
    ['string timestamps (older samples)', 'binance/openInterestHist-string-timestamp.json'],
  ])('reads %s: 30 hourly points in base units', async (_what, file) => {
    const http = serve({ '/futures/data/openInterestHist': fixture(file) });
    const oiHistory = binanceMarket.oiHistory;
    if (!oiHistory) throw new Error('binance serves OI history');
    const r = await oiHistory(inst(), http);
    expect(http.served[0]?.url.toString()).toBe('https://fapi.binance.com/futures/data/openInterestHist?symbol=BTCUSDT&period=1h&limit=30');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.points).toHaveLength(30);
    expect(r.value.points[0]).toEqual({ time: T0 - 29 * H, value: 80000 });
    expect(r.value.points.at(-1)).toEqual({ time: T0, value: 80304.5 });
    expect(r.value.source).toBe('/futures/data/openInterestHist');
  });

  it.each([
    ['a negative OI', [{ symbol: 'BTCUSDT', sumOpenInterest: '-1', sumOpenInterestValue: '1', timestamp: 1583127900000 }]],
    ['a wrong type', [{ symbol: 'BTCUSDT', sumOpenInterest: 20403.6, sumOpenInterestValue: '1', timestamp: 1583127900000 }]],
    ['another symbol', [{ symbol: 'ETHUSDT', sumOpenInterest: '1', sumOpenInterestValue: '1', timestamp: 1583127900000 }]],
  ])('refuses %s as a schema error', async (_what, body) => {
    const oiHistory = binanceMarket.oiHistory;
    if (!oiHistory) throw new Error('binance serves OI history');
    expectError(await oiHistory(inst(), serve({ '/futures/data/openInterestHist': body })), 'schema', '/futures/data/openInterestHist');
  });
});

describe('binanceMarket.candles', () => {
  it('returns 30 hourly and 32 daily closes, ascending, from two requests', async () => {
    const http = fixtureHttp((req) => fixture(req.url.searchParams.get('interval') === '1h' ? 'binance/klines-1h.json' : 'binance/klines-1d.json'));
    const r = await binanceMarket.candles(inst(), http);
    expect(http.served.map((s) => s.url.toString())).toEqual([
      'https://fapi.binance.com/fapi/v1/klines?symbol=BTCUSDT&interval=1h&limit=30',
      'https://fapi.binance.com/fapi/v1/klines?symbol=BTCUSDT&interval=1d&limit=32',
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
    expect(r.value.source).toBe('/fapi/v1/klines');
  });

  it.each([
    ['a NaN close', [[1760349600000, '1', '1', '1', 'NaN', '1', 1760353199999]]],
    ['a short row', [[1760349600000, '1', '1']]],
    ['no rows', []],
  ])('refuses %s as a schema error', async (_what, rows) => {
    const r = await binanceMarket.candles(
      inst(),
      fixtureHttp(() => rows),
    );
    expectError(r, 'schema', '/fapi/v1/klines');
  });
});

describe('binanceMarket.tiers', () => {
  const bapiUrl = 'https://www.binance.com/bapi/futures/v1/friendly/future/common/brackets';

  it('maps the public bracket table (bare JSON numbers) to MarginTier with deduction = cum', async () => {
    const http = serve({ [BRACKETS_PATH]: fixture('binance/brackets.json') });
    const r = await binanceMarket.tiers(inst(), http);
    expect(http.requests.map((q) => [q.url.toString(), q.shareForMs])).toEqual([[bapiUrl, H]]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toEqual({
      tiers: [
        { notionalFloor: 0, notionalCap: 300000, maintenanceRate: 0.004, deduction: 0 },
        { notionalFloor: 300000, notionalCap: 800000, maintenanceRate: 0.005, deduction: 300 },
        { notionalFloor: 800000, notionalCap: 3000000, maintenanceRate: 0.0065, deduction: 1500 },
        { notionalFloor: 3000000, notionalCap: 12000000, maintenanceRate: 0.01, deduction: 12000 },
      ],
      // The first bracket's maxOpenPosLeverage.
      maxLeverage: 150,
      fallback: false,
      source: BRACKETS_PATH,
      fetchedAt: T0 + 30 * 60_000,
    });
  });

  it('accepts decimal strings too, and sorts brackets by floor', async () => {
    const r = await binanceMarket.tiers(inst(), serve({ [BRACKETS_PATH]: fixture('binance/brackets-strings.json') }));
    expect(r.ok && r.value.tiers).toEqual([
      { notionalFloor: 0, notionalCap: 300000, maintenanceRate: 0.004, deduction: 0 },
      { notionalFloor: 300000, notionalCap: 800000, maintenanceRate: 0.005, deduction: 300 },
    ]);
  });

  it('falls back to the bundled table, flagged, when the envelope carries an error code', async () => {
    const r = await binanceMarket.tiers(inst(), serve({ [BRACKETS_PATH]: fixture('binance/brackets-error.json') }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.fallback).toBe(true);
    expect(r.value.source).toBe(FALLBACK_TIERS_SOURCE);
    expect(r.value.tiers[0]).toEqual({ notionalFloor: 0, notionalCap: 50000, maintenanceRate: 0.004, deduction: 0 });
    expect(r.value.tiers).toHaveLength(12);
    // Its date and why the live table was not used, for the card to say.
    expect(r.value.asOf).toBe('2024-10-24');
    expect(r.value.why).toBe('Binance answered with an error');
  });

  it('falls back when the endpoint is unreachable or the symbol is missing from it', async () => {
    const blocked = await binanceMarket.tiers(inst(), serve({ [BRACKETS_PATH]: errorResult('region-blocked', BRACKETS_PATH, 451) }));
    expect(blocked.ok && blocked.value.fallback).toBe(true);
    const lagging = await binanceMarket.tiers(inst('SOLUSDT'), serve({ [BRACKETS_PATH]: fixture('binance/brackets.json') }));
    expect(lagging.ok && [lagging.value.fallback, lagging.value.tiers[0]]).toEqual([
      true,
      { notionalFloor: 0, notionalCap: 20000, maintenanceRate: 0.005, deduction: 0 },
    ]);
  });

  it('is an error for a symbol in neither table', async () => {
    const absent = await binanceMarket.tiers(inst('ADAUSDT'), serve({ [BRACKETS_PATH]: fixture('binance/brackets.json') }));
    expectError(absent, 'unknown-symbol', BRACKETS_PATH);
    const envelope = await binanceMarket.tiers(inst('ADAUSDT'), serve({ [BRACKETS_PATH]: fixture('binance/brackets-error.json') }));
    const error = expectError(envelope, 'http', BRACKETS_PATH);
    expect(error.message).toContain('000002');
  });

  it.each([
    ['a gap between brackets', (b: Record<string, unknown>[]) => (b[1] = { ...b[1], bracketNotionalFloor: 400000 })],
    ['a NaN rate', (b: Record<string, unknown>[]) => (b[0] = { ...b[0], bracketMaintenanceMarginRate: 'NaN' })],
    ['a rate of 100%', (b: Record<string, unknown>[]) => (b[0] = { ...b[0], bracketMaintenanceMarginRate: 1 })],
    ['a negative cum', (b: Record<string, unknown>[]) => (b[1] = { ...b[1], cumFastMaintenanceAmount: -300 })],
    ['a missing cap', (b: Record<string, unknown>[]) => (b[0] = { ...b[0], bracketNotionalCap: undefined })],
  ])('refuses %s as a schema error (no fallback for the symbol)', async (_what, spoil) => {
    const body = fixture('binance/brackets.json') as { data: { brackets: { symbol: string; riskBrackets: Record<string, unknown>[] }[] } };
    const btc = body.data.brackets[0];
    if (!btc) throw new Error('fixture');
    btc.symbol = 'ADAUSDT';
    spoil(btc.riskBrackets);
    expectError(await binanceMarket.tiers(inst('ADAUSDT'), serve({ [BRACKETS_PATH]: body })), 'schema', BRACKETS_PATH);
  });
});

describe('bundled fallback brackets', () => {
  it('covers the top symbols', () => {
    expect(FALLBACK_SYMBOLS).toEqual(expect.arrayContaining(['BTCUSDT', 'ETHUSDT', 'SOLUSDT']));
    expect(fallbackTiers('NOPEUSDT')).toBeNull();
    expect(fallbackTiers('constructor')).toBeNull();
  });

  it.each(FALLBACK_SYMBOLS.map((s) => [s]))('%s: contiguous from 0, rates rising, cum continuous', (symbol) => {
    const tiers = fallbackTiers(symbol) ?? [];
    expect(tiers.length).toBeGreaterThan(5);
    expect(tiers[0]?.notionalFloor).toBe(0);
    tiers.forEach((t, i) => {
      if (i > 0) expect(t.notionalFloor).toBe(tiers[i - 1]?.notionalCap);
      expect(t.maintenanceRate).toBeGreaterThan(i > 0 ? (tiers[i - 1]?.maintenanceRate ?? 0) : 0);
    });
    const recomputed = withContinuousDeductions(tiers).map((t) => t.deduction);
    expect(recomputed).toEqual(tiers.map((t) => t.deduction));
  });
});

describe('series helpers', () => {
  it('derives the interval from settlement gaps despite ms jitter and one missed settlement', () => {
    const t = [0, 8 * H + 1, 16 * H, 32 * H + 3, 40 * H, 48 * H];
    expect(intervalHoursFromTimes(t)).toBe(8);
    expect(intervalHoursFromTimes([0, 4 * H, 8 * H])).toBe(4);
    expect(intervalHoursFromTimes([5])).toBeNull();
    expect(intervalHoursFromTimes([])).toBeNull();
  });
  it('prefers the recent interval after a change', () => {
    const t = [0, 8 * H, 16 * H, 20 * H, 24 * H, 28 * H];
    expect(intervalHoursFromTimes(t)).toBe(4);
  });
  it('sorts ascending and drops repeated times', () => {
    expect(ascendingByTime([{ time: 3 }, { time: 1 }, { time: 3 }, { time: 2 }]).map((p) => p.time)).toEqual([1, 2, 3]);
  });
});
