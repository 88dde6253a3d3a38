import { describe, expect, it } from 'vitest';
import type { HttpRequest, Instrument, Result } from '../../src/venues/market-types';
import { okxDescriptor } from '../../src/venues/okx/descriptor';
import { okxMarket } from '../../src/venues/okx/market';
import { intervalHoursFromTimes } from '../../src/venues/series';
import { isOkxSwapSymbol, okxAssetFromSymbol, okxInstFamily, okxQuoteFromSymbol } from '../../src/venues/okx/symbol';
import { okxTiersToNotional } from '../../src/venues/okx/tiers';
import { fixture, fixtureHttp } from './fixture-http';

const HOUR = 3_600_000;

const BTC: Instrument = {
  venue: 'okx',
  symbol: 'BTC-USDT-SWAP',
  asset: 'BTC',
  quote: 'USDT',
  contractValue: 0.01,
  tickSize: 0.1,
  fundingIntervalHours: null,
};

type Routes = Record<string, unknown>;

/** Serves by path, or by `path?bar=…` for candles; records shareForMs per URL. */
function okxHttp(routes: Routes) {
  const shared = new Map<string, number | undefined>();
  const http = fixtureHttp((req: HttpRequest) => {
    shared.set(req.url.toString(), req.shareForMs);
    const bar = req.url.searchParams.get('bar');
    const key = bar ? `${req.url.pathname}?bar=${bar}` : req.url.pathname;
    const answer = routes[key];
    return typeof answer === 'string' ? fixture(answer) : answer;
  });
  return Object.assign(http, { shared });
}

const QUOTE_ROUTES: Routes = {
  '/api/v5/public/mark-price': 'okx/mark-price.json',
  '/api/v5/public/funding-rate': 'okx/funding-rate.json',
  '/api/v5/public/open-interest': 'okx/open-interest.json',
  '/api/v5/market/ticker': 'okx/ticker.json',
  '/api/v5/market/index-tickers': 'okx/index-tickers.json',
};

const QUOTE_SOURCE = '/api/v5/public/mark-price + /api/v5/public/funding-rate + /api/v5/public/open-interest + /api/v5/market/ticker';

/** Each figure's endpoint when every one is there; the index comes from index-tickers only when used. */
const FIGURE_SOURCES = {
  markPrice: '/api/v5/public/mark-price',
  indexPrice: '/api/v5/market/index-tickers',
  lastPrice: '/api/v5/market/ticker',
  fundingRate: '/api/v5/public/funding-rate',
  fundingIntervalHours: '/api/v5/public/funding-rate',
  nextFundingTime: '/api/v5/public/funding-rate',
  fundingCap: '/api/v5/public/funding-rate',
  fundingFloor: '/api/v5/public/funding-rate',
  openInterest: '/api/v5/public/open-interest',
};

/** FIGURE_SOURCES without the figures that are null. */
function sourcesWithout(...nullFigures: (keyof typeof FIGURE_SOURCES)[]): Partial<typeof FIGURE_SOURCES> {
  return Object.fromEntries(Object.entries(FIGURE_SOURCES).filter(([figure]) => !(nullFigures as string[]).includes(figure)));
}

function env(data: unknown[]): unknown {
  return { code: '0', msg: '', data };
}

function expectError<T>(r: Result<T>, kind: string, endpoint: string, text?: string) {
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.error.kind).toBe(kind);
  expect(r.error.endpoint).toBe(endpoint);
  if (text) expect(r.error.message).toContain(text);
}

describe('okx symbols', () => {
  it('accepts USDT/USDC linear swaps and refuses the rest', () => {
    expect(isOkxSwapSymbol('BTC-USDT-SWAP')).toBe(true);
    expect(isOkxSwapSymbol('1INCH-USDC-SWAP')).toBe(true);
    expect(isOkxSwapSymbol('BTC-USD-SWAP')).toBe(false);
    expect(isOkxSwapSymbol('BTC-USDT-250328')).toBe(false);
    expect(isOkxSwapSymbol('btc-usdt-swap')).toBe(false);
    expect(isOkxSwapSymbol('BTC-USDT-SWAP&x=1')).toBe(false);
    expect(okxAssetFromSymbol('PEPE-USDT-SWAP')).toBe('PEPE');
    expect(okxQuoteFromSymbol('ETH-USDC-SWAP')).toBe('USDC');
    expect(okxInstFamily('BTC-USDT-SWAP')).toBe('BTC-USDT');
    expect(okxInstFamily('BTC-USD-SWAP')).toBeNull();
  });

  it('descriptor names the host and a per-endpoint note', () => {
    expect(okxDescriptor.apiBase).toBe('https://www.okx.com');
    expect(okxDescriptor.rateLimit.note).toMatch(/per endpoint/i);
  });
});

describe('okx instruments', () => {
  it('keeps live linear USDT/USDC swaps only, with contract values', async () => {
    const http = okxHttp({ '/api/v5/public/instruments': 'okx/instruments.json' });
    const r = await okxMarket.instruments(http);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toEqual([
      { venue: 'okx', symbol: 'BTC-USDT-SWAP', asset: 'BTC', quote: 'USDT', contractValue: 0.01, tickSize: 0.1, fundingIntervalHours: null },
      { venue: 'okx', symbol: 'ETH-USDC-SWAP', asset: 'ETH', quote: 'USDC', contractValue: 0.001, tickSize: 0.01, fundingIntervalHours: null },
      { venue: 'okx', symbol: 'PEPE-USDT-SWAP', asset: 'PEPE', quote: 'USDT', contractValue: 10_000_000, tickSize: 1e-10, fundingIntervalHours: null },
    ]);
    expect(http.served.map((s) => s.url.toString())).toEqual(['https://www.okx.com/api/v5/public/instruments?instType=SWAP']);
    expect(http.shared.get('https://www.okx.com/api/v5/public/instruments?instType=SWAP')).toBe(HOUR);
  });

  it('multiplies in ctMult and drops a contract counted in another currency', async () => {
    const rows = [
      {
        instType: 'SWAP',
        instId: 'BTC-USDT-SWAP',
        state: 'live',
        settleCcy: 'USDT',
        ctType: 'linear',
        ctVal: '0.01',
        ctMult: '10',
        ctValCcy: 'BTC',
        tickSz: '0.1',
      },
      { instType: 'SWAP', instId: 'ETH-USDT-SWAP', state: 'live', settleCcy: 'USDT', ctType: 'linear', ctVal: '10', ctValCcy: 'USD', tickSz: '0.01' },
    ];
    const r = await okxMarket.instruments(okxHttp({ '/api/v5/public/instruments': env(rows) }));
    expect(r.ok && r.value.map((i) => [i.symbol, i.contractValue])).toEqual([['BTC-USDT-SWAP', 0.1]]);
  });

  it('refuses a body that is not an envelope', async () => {
    const r = await okxMarket.instruments(okxHttp({ '/api/v5/public/instruments': [] }));
    expectError(r, 'schema', '/api/v5/public/instruments', 'code');
  });
});

describe('okx quote', () => {
  it('combines mark, funding, open interest and ticker, figure by figure', async () => {
    const http = okxHttp(QUOTE_ROUTES);
    const before = Date.now();
    const r = await okxMarket.quote(BTC, http);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const q = r.value;
    expect(q.venue).toBe('okx');
    expect(q.symbol).toBe('BTC-USDT-SWAP');
    expect(q.markPrice).toBe(84210.4);
    expect(q.indexPrice).toBe(84190.2);
    expect(q.lastPrice).toBe(84215.3);
    expect(q.fundingRate).toBe(0.0000182221218054);
    // 1743638400000 − 1743609600000 = 8 h
    expect(q.fundingIntervalHours).toBe(8);
    expect(q.nextFundingTime).toBe(1743609600000);
    expect(q.fundingCap).toBe(0.00375);
    expect(q.fundingFloor).toBe(-0.00375);
    expect(q.openInterest).toBe(28635.1643);
    expect(q.fetchedAt).toBeGreaterThanOrEqual(before);
    expect(q.source).toBe(`${QUOTE_SOURCE} + /api/v5/market/index-tickers`);
    expect(q.figureSources).toEqual(FIGURE_SOURCES);
    expect(http.served.map((s) => s.url.toString()).sort()).toEqual([
      'https://www.okx.com/api/v5/market/index-tickers?instId=BTC-USDT',
      'https://www.okx.com/api/v5/market/ticker?instId=BTC-USDT-SWAP',
      'https://www.okx.com/api/v5/public/funding-rate?instId=BTC-USDT-SWAP',
      'https://www.okx.com/api/v5/public/mark-price?instType=SWAP&instId=BTC-USDT-SWAP',
      'https://www.okx.com/api/v5/public/open-interest?instType=SWAP&instId=BTC-USDT-SWAP',
    ]);
    expect(http.shared.get('https://www.okx.com/api/v5/public/mark-price?instType=SWAP&instId=BTC-USDT-SWAP')).toBe(10_000);
  });

  describe('index price', () => {
    const index = (answer: unknown) => ({ ...QUOTE_ROUTES, '/api/v5/market/index-tickers': answer });
    const row = (over: Record<string, unknown>) => env([{ instId: 'BTC-USDT', idxPx: '84190.2', ts: '1743588686291', ...over }]);

    it.each([
      ['a transport error', { ok: false, error: { kind: 'timeout', venue: 'okx', endpoint: '/api/v5/market/index-tickers', message: 'timed out' } }],
      ['code 51001', 'okx/error-51001.json'],
      ['code 50011 (rate limit)', 'okx/error-50011.json'],
      ['an empty list', env([])],
      ['a body that is not an envelope', []],
      ['a NaN idxPx', row({ idxPx: 'NaN' })],
      ['a "" idxPx', row({ idxPx: '' })],
      ['a number instead of a string', row({ idxPx: 84190.2 })],
      ['a missing idxPx', env([{ instId: 'BTC-USDT', ts: '1743588686291' }])],
      ['another index', row({ instId: 'ETH-USDT' })],
      ['an index 100× the mark', row({ idxPx: '8419020' })],
    ])('leaves the index null and keeps the quote on %s', async (_name, answer) => {
      const r = await okxMarket.quote(BTC, okxHttp(index(answer)));
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.value.indexPrice).toBeNull();
      expect(r.value.markPrice).toBe(84210.4);
      expect(r.value.fundingRate).toBe(0.0000182221218054);
      // The source names only the endpoints that fed the quote.
      expect(r.value.source).toBe(QUOTE_SOURCE);
      // A null index has no entry; index-tickers names no figure.
      expect(r.value.figureSources).toEqual(sourcesWithout('indexPrice'));
    });

    it('asks for the index of a USDC swap by its own family', async () => {
      const eth: Instrument = { ...BTC, symbol: 'ETH-USDC-SWAP', asset: 'ETH', quote: 'USDC' };
      const http = fixtureHttp((req) => {
        if (req.url.pathname === '/api/v5/market/index-tickers') return env([{ instId: req.url.searchParams.get('instId'), idxPx: '1800.5', ts: '1' }]);
        const key = req.url.pathname;
        const rows: Record<string, unknown> = {
          '/api/v5/public/mark-price': env([{ instId: 'ETH-USDC-SWAP', markPx: '1801' }]),
          '/api/v5/public/funding-rate': env([
            { instId: 'ETH-USDC-SWAP', fundingRate: '0.0001', fundingTime: '1743609600000', nextFundingTime: '1743638400000' },
          ]),
          '/api/v5/public/open-interest': env([{ instId: 'ETH-USDC-SWAP', oi: '10', oiCcy: '0.01' }]),
          '/api/v5/market/ticker': env([{ instId: 'ETH-USDC-SWAP', last: '1801.2' }]),
        };
        return rows[key];
      });
      const r = await okxMarket.quote(eth, http);
      expect(r.ok && r.value.indexPrice).toBe(1800.5);
      expect(http.served.map((s) => s.url.toString())).toContain('https://www.okx.com/api/v5/market/index-tickers?instId=ETH-USDC');
    });
  });

  it('converts contracts to coins when oiCcy is "" or missing', async () => {
    const blank = await okxMarket.quote(BTC, okxHttp({ ...QUOTE_ROUTES, '/api/v5/public/open-interest': 'okx/open-interest-blank-ccy.json' }));
    expect(blank.ok && blank.value.openInterest).toBeCloseTo(28635.1643, 8);
    const missing = await okxMarket.quote(BTC, okxHttp({ ...QUOTE_ROUTES, '/api/v5/public/open-interest': 'okx/open-interest-no-ccy.json' }));
    expect(missing.ok && missing.value.openInterest).toBe(50);
  });

  it('reads a 4 h interval and "" caps as unknown', async () => {
    const r = await okxMarket.quote(BTC, okxHttp({ ...QUOTE_ROUTES, '/api/v5/public/funding-rate': 'okx/funding-rate-4h-blank-caps.json' }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.fundingRate).toBe(-0.00031);
    expect(r.value.fundingIntervalHours).toBe(4);
    expect(r.value.fundingCap).toBeNull();
    expect(r.value.fundingFloor).toBeNull();
    expect(r.value.figureSources).toEqual(sourcesWithout('fundingCap', 'fundingFloor'));
  });

  it('leaves the interval unknown without a next funding time', async () => {
    const r = await okxMarket.quote(BTC, okxHttp({ ...QUOTE_ROUTES, '/api/v5/public/funding-rate': 'okx/funding-rate-no-next.json' }));
    expect(r.ok && r.value.fundingIntervalHours).toBeNull();
    expect(r.ok && r.value.nextFundingTime).toBe(1743609600000);
    // That answer carries no caps either.
    expect(r.ok && [r.value.fundingCap, r.value.fundingFloor]).toEqual([null, null]);
    expect(r.ok && r.value.figureSources).toEqual(sourcesWithout('fundingIntervalHours', 'fundingCap', 'fundingFloor'));
  });

  it('accepts a ticker with no last trade yet', async () => {
    const r = await okxMarket.quote(BTC, okxHttp({ ...QUOTE_ROUTES, '/api/v5/market/ticker': env([{ instType: 'SWAP', instId: 'BTC-USDT-SWAP', last: '' }]) }));
    expect(r.ok && r.value.lastPrice).toBeNull();
    expect(r.ok && r.value.figureSources).toEqual(sourcesWithout('lastPrice'));
  });

  const mark = (markPx: unknown) => ({
    ...QUOTE_ROUTES,
    '/api/v5/public/mark-price': env([{ instType: 'SWAP', instId: 'BTC-USDT-SWAP', markPx, ts: '1743588686291' }]),
  });

  it.each([
    ['a NaN string', 'NaN'],
    ['Infinity', 'Infinity'],
    ['a number instead of a string', 84210.4],
    ['an empty string', ''],
    ['a zero price', '0'],
    ['a negative price', '-1'],
  ])('refuses %s as mark price', async (_name, markPx) => {
    const r = await okxMarket.quote(BTC, okxHttp(mark(markPx)));
    expectError(r, 'schema', '/api/v5/public/mark-price', 'data.0.markPx');
  });

  it('refuses a missing fundingTime', async () => {
    const row = { instId: 'BTC-USDT-SWAP', fundingRate: '0.0001', nextFundingTime: '1743638400000' };
    const r = await okxMarket.quote(BTC, okxHttp({ ...QUOTE_ROUTES, '/api/v5/public/funding-rate': env([row]) }));
    expectError(r, 'schema', '/api/v5/public/funding-rate', 'data.0.fundingTime');
  });

  it('refuses negative open interest', async () => {
    const row = { instType: 'SWAP', instId: 'BTC-USDT-SWAP', oi: '-5', oiCcy: '-0.05', ts: '1743588686291' };
    const r = await okxMarket.quote(BTC, okxHttp({ ...QUOTE_ROUTES, '/api/v5/public/open-interest': env([row]) }));
    expectError(r, 'schema', '/api/v5/public/open-interest', 'data.0.oi');
  });

  it('refuses an answer for another instrument', async () => {
    const r = await okxMarket.quote(BTC, okxHttp({ ...QUOTE_ROUTES, '/api/v5/public/mark-price': env([{ instId: 'ETH-USDT-SWAP', markPx: '3000' }]) }));
    expectError(r, 'schema', '/api/v5/public/mark-price', 'ETH-USDT-SWAP');
  });

  it('reads an empty data list as an unknown instrument', async () => {
    const r = await okxMarket.quote(BTC, okxHttp({ ...QUOTE_ROUTES, '/api/v5/public/mark-price': env([]) }));
    expectError(r, 'bad-request', '/api/v5/public/mark-price', 'no data');
  });

  it('turns code 51001 (unknown instrument) into a bad-request error', async () => {
    const r = await okxMarket.quote(BTC, okxHttp({ ...QUOTE_ROUTES, '/api/v5/public/funding-rate': 'okx/error-51001.json' }));
    expectError(r, 'bad-request', '/api/v5/public/funding-rate', '51001');
  });

  it('turns code 50011 into rate-limited and other codes into http', async () => {
    const limited = await okxMarket.quote(BTC, okxHttp({ ...QUOTE_ROUTES, '/api/v5/market/ticker': 'okx/error-50011.json' }));
    expectError(limited, 'rate-limited', '/api/v5/market/ticker', '50011');
    const other = await okxMarket.quote(
      BTC,
      okxHttp({ ...QUOTE_ROUTES, '/api/v5/market/ticker': { code: '50001', msg: 'Service temporarily unavailable', data: [] } }),
    );
    expectError(other, 'http', '/api/v5/market/ticker', 'Service temporarily unavailable');
  });

  it('passes a transport error through unchanged', async () => {
    const blocked = { ok: false, error: { kind: 'region-blocked', venue: 'okx', endpoint: '/api/v5/public/mark-price', message: 'blocked' } };
    const r = await okxMarket.quote(BTC, okxHttp({ ...QUOTE_ROUTES, '/api/v5/public/mark-price': blocked }));
    expectError(r, 'region-blocked', '/api/v5/public/mark-price', 'blocked');
  });
});

describe('okx funding history', () => {
  it('uses the realised rate, falls back to fundingRate, sorts ascending', async () => {
    const http = okxHttp({ '/api/v5/public/funding-rate-history': 'okx/funding-rate-history.json' });
    const r = await okxMarket.fundingHistory(BTC, http);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.points).toEqual([
      { time: 1743523200000, rate: -0.0000509 },
      { time: 1743552000000, rate: 0.000227985782722 },
      { time: 1743580800000, rate: 0.0000746572360545 },
    ]);
    expect(r.value.intervalHours).toBe(8);
    expect(r.value.source).toBe('/api/v5/public/funding-rate-history');
    // 400: OKX's per-request maximum for this endpoint.
    expect(http.served.map((s) => s.url.toString())).toEqual(['https://www.okx.com/api/v5/public/funding-rate-history?instId=BTC-USDT-SWAP&limit=400']);
  });

  function rows(newest: number, count: number, stepHours: number) {
    return Array.from({ length: count }, (_, i) => ({
      instId: 'BTC-USDT-SWAP',
      instType: 'SWAP',
      fundingTime: String(newest - i * stepHours * HOUR),
      fundingRate: '0.0001',
      realizedRate: '0.0001',
      method: 'current_period',
      formulaType: 'noRate',
    }));
  }

  const HISTORY_URL = 'https://www.okx.com/api/v5/public/funding-rate-history?instId=BTC-USDT-SWAP&limit=400';
  const DAY = 24 * HOUR;

  /** Serves `total` rows at `stepHours` from the current settlement back, 400 (or `limit`) per page by `after`. */
  function pagedHistory(stepHours: number, total: number) {
    const newest = Math.floor(Date.now() / (stepHours * HOUR)) * stepHours * HOUR;
    const all = rows(newest, total, stepHours);
    const http = fixtureHttp((req) => {
      const after = Number(req.url.searchParams.get('after') ?? Infinity);
      const limit = Number(req.url.searchParams.get('limit') ?? 100);
      return env(all.filter((r) => Number(r.fundingTime) < after).slice(0, limit));
    });
    return { http, newest };
  }

  it('asks once at 8 h, and keeps 31 days of the three months a page reaches back', async () => {
    // OKX keeps about three months: 270 rows at 8 h, fewer than a page.
    const { http, newest } = pagedHistory(8, 270);
    const r = await okxMarket.fundingHistory(BTC, http);
    expect(http.served.map((s) => s.url.toString())).toEqual([HISTORY_URL]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // 31 days = 93 intervals of 8 h: 94 settlements.
    expect(r.value.points).toHaveLength(94);
    expect(r.value.points[0]?.time).toBe(newest - 31 * DAY);
    expect(r.value.points.at(-1)?.time).toBe(newest);
    expect(r.value.intervalHours).toBe(8);
  });

  it('asks once at 2 h: 400 rows already reach 33 days back', async () => {
    const { http, newest } = pagedHistory(2, 1_080);
    const r = await okxMarket.fundingHistory(BTC, http);
    expect(http.served).toHaveLength(1);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.intervalHours).toBe(2);
    expect(r.value.points[0]?.time).toBeLessThanOrEqual(Date.now() - 30 * DAY);
    expect(r.value.points[0]?.time).toBe(newest - 31 * DAY);
  });

  it('covers 30 days at 1 h with a second page by `after`, and asks for no third', async () => {
    // Three months of hourly settlements: more than the two pages the span needs.
    const { http, newest } = pagedHistory(1, 2_160);
    const r = await okxMarket.fundingHistory(BTC, http);
    const oldestOfPage1 = newest - 399 * HOUR;
    expect(http.served.map((s) => s.url.toString())).toEqual([HISTORY_URL, `${HISTORY_URL}&after=${oldestOfPage1}`]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.intervalHours).toBe(1);
    expect(r.value.points[0]?.time).toBeLessThanOrEqual(Date.now() - 30 * DAY);
    expect(r.value.points[0]?.time).toBe(newest - 31 * DAY);
    expect(r.value.points).toHaveLength(31 * 24 + 1);
    expect(r.value.points.at(-1)?.time).toBe(newest);
  });

  it('stops at the end of the history: a short second page ends the paging', async () => {
    // A listing 20 days old at 1 h: 480 settlements, all of them.
    const { http } = pagedHistory(1, 480);
    const r = await okxMarket.fundingHistory(BTC, http);
    expect(http.served).toHaveLength(2);
    expect(r.ok && r.value.points).toHaveLength(480);
  });

  it('fails as a whole when the second page fails', async () => {
    const newest = Math.floor(Date.now() / HOUR) * HOUR;
    const http = fixtureHttp((req) => (req.url.searchParams.get('after') === null ? env(rows(newest, 400, 1)) : 'nope'));
    const r = await okxMarket.fundingHistory(BTC, http);
    expectError(r, 'schema', '/api/v5/public/funding-rate-history');
  });

  it('refuses a row with neither rate', async () => {
    const r = await okxMarket.fundingHistory(
      BTC,
      okxHttp({ '/api/v5/public/funding-rate-history': env([{ instId: 'BTC-USDT-SWAP', fundingTime: '1743580800000', fundingRate: '', realizedRate: '' }]) }),
    );
    expectError(r, 'schema', '/api/v5/public/funding-rate-history', 'realizedRate or fundingRate');
  });

  it('derives the interval from the median gap', () => {
    const pts = [0, 8, 16, 20, 28, 36].map((h) => ({ time: h * HOUR, rate: 0 }));
    expect(intervalHoursFromTimes(pts.map((p) => p.time))).toBe(8);
    expect(intervalHoursFromTimes(pts.slice(0, 1).map((p) => p.time))).toBeNull();
  });
});

describe('okx open-interest history', () => {
  it('reads coins from oiCcy, ascending', async () => {
    const http = okxHttp({ '/api/v5/rubik/stat/contracts/open-interest-history': 'okx/oi-history.json' });
    const history = okxMarket.oiHistory;
    expect(history).not.toBeNull();
    if (!history) return;
    const r = await history(BTC, http);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.points).toEqual([
      { time: 1743580800000, value: 28410.005 },
      { time: 1743584400000, value: 28500 },
      { time: 1743588000000, value: 28635.1643 },
    ]);
    expect(http.served.map((s) => s.url.toString())).toEqual([
      'https://www.okx.com/api/v5/rubik/stat/contracts/open-interest-history?instId=BTC-USDT-SWAP&period=1H&limit=30',
    ]);
  });

  it('converts contracts when oiCcy is ""', async () => {
    const r = await okxMarket.oiHistory?.(BTC, okxHttp({ '/api/v5/rubik/stat/contracts/open-interest-history': 'okx/oi-history-blank-ccy.json' }));
    expect(r?.ok).toBe(true);
    if (!r?.ok) return;
    expect(r.value.points[0]?.value).toBeCloseTo(28500, 8);
    expect(r.value.points[1]?.value).toBeCloseTo(28635.16, 8);
  });

  it('refuses negative open interest', async () => {
    const r = await okxMarket.oiHistory?.(BTC, okxHttp({ '/api/v5/rubik/stat/contracts/open-interest-history': env([['1743588000000', '-1', '-0.01', '0']]) }));
    expect(r && !r.ok && r.error.kind).toBe('schema');
  });
});

describe('okx candles', () => {
  it('serves hourly and UTC-daily closes ascending', async () => {
    const http = okxHttp({ '/api/v5/market/candles?bar=1H': 'okx/candles-1h.json', '/api/v5/market/candles?bar=1Dutc': 'okx/candles-1d.json' });
    const r = await okxMarket.candles(BTC, http);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.hourly).toEqual([
      { time: 1743580800000, value: 83950 },
      { time: 1743584400000, value: 84100.1 },
      { time: 1743588000000, value: 84210.4 },
    ]);
    expect(r.value.daily).toEqual([
      { time: 1743465600000, value: 83300 },
      { time: 1743552000000, value: 84210.4 },
    ]);
    expect(http.served.map((s) => s.url.toString()).sort()).toEqual([
      'https://www.okx.com/api/v5/market/candles?instId=BTC-USDT-SWAP&bar=1Dutc&limit=32',
      'https://www.okx.com/api/v5/market/candles?instId=BTC-USDT-SWAP&bar=1H&limit=30',
    ]);
  });

  it('refuses a malformed close', async () => {
    const bad = env([['1743588000000', '1', '1', '1', 'abc', '1', '1', '1', '0']]);
    const r = await okxMarket.candles(BTC, okxHttp({ '/api/v5/market/candles?bar=1H': bad, '/api/v5/market/candles?bar=1Dutc': 'okx/candles-1d.json' }));
    expectError(r, 'schema', '/api/v5/market/candles', 'data.0.4');
  });
});

describe('okx tiers', () => {
  it('converts contract bounds to notional at the mark price', async () => {
    const http = okxHttp({ '/api/v5/public/position-tiers': 'okx/position-tiers.json', '/api/v5/public/mark-price': 'okx/mark-price.json' });
    const r = await okxMarket.tiers(BTC, http);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // cap = maxSz × 0.01 BTC × 84210.4
    const caps = [1_684_208, 8_421_040, 33_684_160];
    expect(r.value.tiers.map((t) => t.notionalCap)).toEqual(caps.map((c) => expect.closeTo(c, 6)));
    expect(r.value.tiers.map((t) => t.notionalFloor)).toEqual([0, expect.closeTo(caps[0] ?? 0, 6), expect.closeTo(caps[1] ?? 0, 6)]);
    expect(r.value.tiers.map((t) => t.maintenanceRate)).toEqual([0.004, 0.005, 0.0065]);
    expect(r.value.tiers.every((t) => t.deduction === 0)).toBe(true);
    expect(r.value.fallback).toBe(false);
    expect(r.value.source).toBe('/api/v5/public/position-tiers');
    expect(http.served.map((s) => s.url.toString()).sort()).toEqual([
      'https://www.okx.com/api/v5/public/mark-price?instType=SWAP&instId=BTC-USDT-SWAP',
      'https://www.okx.com/api/v5/public/position-tiers?instType=SWAP&tdMode=isolated&instFamily=BTC-USDT',
    ]);
    // Same URL and share time as the quote's mark price: fetched together they are one request.
    expect(http.shared.get('https://www.okx.com/api/v5/public/mark-price?instType=SWAP&instId=BTC-USDT-SWAP')).toBe(10_000);
  });

  it('refuses tiers whose caps do not grow, and a rate of 100%', async () => {
    const rows = [
      { instFamily: 'BTC-USDT', tier: '1', minSz: '0', maxSz: '2000', mmr: '0.004' },
      { instFamily: 'BTC-USDT', tier: '2', minSz: '2001', maxSz: '1500', mmr: '0.005' },
    ];
    const r = await okxMarket.tiers(BTC, okxHttp({ '/api/v5/public/position-tiers': env(rows), '/api/v5/public/mark-price': 'okx/mark-price.json' }));
    expectError(r, 'schema', '/api/v5/public/position-tiers', 'tier 2');
    const full = await okxMarket.tiers(
      BTC,
      okxHttp({ '/api/v5/public/position-tiers': env([{ tier: '1', minSz: '0', maxSz: '10', mmr: '1' }]), '/api/v5/public/mark-price': 'okx/mark-price.json' }),
    );
    expectError(full, 'schema', '/api/v5/public/position-tiers', 'data.0.mmr');
  });

  it('sorts rows and keeps the first floor at 0', () => {
    const t = okxTiersToNotional(
      [
        { instFamily: 'X', tier: '2', minSz: 11, maxSz: 20, mmr: 0.02 },
        { instFamily: 'X', tier: '1', minSz: 0, maxSz: 10, mmr: 0.01 },
      ],
      1,
      100,
    );
    expect(t).toEqual([
      { notionalFloor: 0, notionalCap: 1000, maintenanceRate: 0.01, deduction: 0 },
      { notionalFloor: 1000, notionalCap: 2000, maintenanceRate: 0.02, deduction: 0 },
    ]);
    expect(okxTiersToNotional([], 1, 100)).toBe('no tiers');
  });
});
