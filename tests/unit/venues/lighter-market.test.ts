import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { lighterStatsFeed } from '../../../src/venues/lighter/feed';
import { lighterMarketClient as client } from '../../../src/venues/lighter/market';
import { fetchLighterPositions } from '../../../src/venues/lighter/positions';
import type { Feeds, Http, HttpRequest, Instrument, Result } from '../../../src/venues/market-types';
import { liquidationPrice } from '../../../src/core';

// Lighter's client against answers in the venue's own shapes (an ETH row of orderBookDetails as the
// API served it in 2025; a market_stats message as apidocs "WebSocket" documents it).

const T0 = Date.UTC(2026, 11, 8, 12, 20);
const HOUR = 3_600_000;

const ETH_ROW = {
  symbol: 'ETH',
  market_id: 0,
  market_type: 'perp',
  status: 'active',
  taker_fee: '0.0000',
  maker_fee: '0.0000',
  liquidation_fee: '1.0000',
  size_decimals: 4,
  price_decimals: 2,
  default_initial_margin_fraction: 500,
  min_initial_margin_fraction: 200,
  maintenance_margin_fraction: 120,
  closeout_margin_fraction: 80,
  last_trade_price: 3090.49,
  open_interest: 67894.5544,
  daily_chart: {},
};
const SPOT_ROW = { ...ETH_ROW, symbol: 'ETH/USDC', market_id: 2048, market_type: 'spot' };
const ODD_ROW = { ...ETH_ROW, symbol: 'ODD', market_id: 9, maintenance_margin_fraction: 600 };

const STATS = {
  market_id: 0,
  index_price: '3335.04',
  mark_price: '3335.09',
  open_interest: '226435094.4296',
  last_trade_price: '3335.65',
  current_funding_rate: '-0.0057',
  funding_rate: '0.0005',
  funding_timestamp: Date.UTC(2026, 11, 8, 13),
};

type Answer = (url: URL) => unknown;

function httpOf(answers: Record<string, Answer>): Http & { asked: URL[] } {
  const asked: URL[] = [];
  const http = (async (req: HttpRequest): Promise<Result<unknown>> => {
    asked.push(req.url);
    const answer = answers[req.url.pathname];
    if (!answer) return { ok: false, error: { kind: 'http', venue: 'lighter', endpoint: req.url.pathname, message: 'no such path', status: 404 } };
    return { ok: true, value: answer(req.url) };
  }) as Http & { asked: URL[] };
  http.asked = asked;
  return http;
}

const details: Answer = () => ({ code: 200, order_book_details: [ETH_ROW, SPOT_ROW, ODD_ROW, { symbol: 'X' }], spot_order_book_details: [] });

function feedsOf(payload: unknown): Feeds & { keys: string[] } {
  const keys: string[] = [];
  return {
    keys,
    latest: async (feed, key) => {
      expect(feed).toBe(lighterStatsFeed);
      keys.push(key);
      return { ok: true, value: { payload, receivedAt: T0 - 500 } };
    },
  };
}

const ETH: Instrument = { venue: 'lighter', symbol: 'ETH', asset: 'ETH', quote: 'USDC', contractValue: 1, tickSize: 0.01, fundingIntervalHours: 1 };

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => vi.useRealTimers());

describe('Lighter market list', () => {
  it('lists the active perpetuals with their tick, in USDC, hourly; spot books and unreadable rows are left out', async () => {
    const r = await client.instruments(httpOf({ '/api/v1/orderBookDetails': details }));
    expect(r).toEqual({
      ok: true,
      value: [{ venue: 'lighter', symbol: 'ETH', asset: 'ETH', quote: 'USDC', contractValue: 1, tickSize: 0.01, fundingIntervalHours: 1 }],
    });
  });

  it('reads the margin fractions as 10,000 = 100 %: ETH maintenance 1.2 %, 50× at most', async () => {
    const r = await client.tiers(ETH, httpOf({ '/api/v1/orderBookDetails': details }));
    expect(r.ok && r.value).toMatchObject({
      tiers: [{ notionalFloor: 0, maintenanceRate: 0.012, deduction: 0 }],
      maxLeverage: 50,
      fallback: false,
      source: '/api/v1/orderBookDetails',
    });
  });
});

describe('Lighter quote from the market_stats websocket', () => {
  it('reads mark, index and last, open interest from USD to coins, funding as a signed percent an hour, and asks the feed by market id', async () => {
    const feeds = feedsOf(STATS);
    const r = await client.quote(ETH, httpOf({ '/api/v1/orderBookDetails': details }), feeds);
    expect(feeds.keys).toEqual(['0']);
    expect(r.ok && r.value).toMatchObject({
      venue: 'lighter',
      symbol: 'ETH',
      markPrice: 3335.09,
      indexPrice: 3335.04,
      lastPrice: 3335.65,
      fundingIntervalHours: 1,
      nextFundingTime: Date.UTC(2026, 11, 8, 13),
      fundingCap: null,
      fundingFloor: null,
      fetchedAt: T0 - 500,
      source: '/api/v1/orderBookDetails + /stream market_stats/all',
    });
    expect(r.ok && r.value.fundingRate).toBeCloseTo(-0.000057, 12);
    // Open interest: the stream's USD at the mark, in coins.
    expect(r.ok && r.value.openInterest).toBeCloseTo(226435094.4296 / 3335.09, 9);
    expect(r.ok && r.value.figureSources.markPrice).toBe('/stream market_stats/all');
  });

  it('takes the next whole hour when the stream’s settlement time is missing, past or in seconds beyond the hour', async () => {
    const http = httpOf({ '/api/v1/orderBookDetails': details });
    const next = Date.UTC(2026, 11, 8, 13);
    for (const stamp of [null, T0 - HOUR, next + 2 * HOUR]) {
      const r = await client.quote(ETH, http, feedsOf({ ...STATS, funding_timestamp: stamp }));
      expect(r.ok && r.value.nextFundingTime).toBe(next);
    }
    const seconds = await client.quote(ETH, http, feedsOf({ ...STATS, funding_timestamp: next / 1000 }));
    expect(seconds.ok && seconds.value.nextFundingTime).toBe(next);
  });

  it('refuses a rate beyond Lighter’s 4 % an hour, a mark twice the index, another market’s stats and a broken payload', async () => {
    const http = httpOf({ '/api/v1/orderBookDetails': details });
    const bad = [
      [{ ...STATS, current_funding_rate: '4.5' }, /beyond any rate Lighter allows/],
      [{ ...STATS, mark_price: '7000' }, /implausibly far from the index/],
      [{ ...STATS, market_id: 1 }, /asked for market 0, got 1/],
      [{ ...STATS, mark_price: 'NaN' }, /unexpected response at mark_price/],
      [{ ...STATS, current_funding_rate: undefined }, /current_funding_rate/],
    ] as const;
    for (const [payload, message] of bad) {
      const r = await client.quote(ETH, http, feedsOf(payload));
      expect(r.ok).toBe(false);
      expect(r.ok ? '' : r.error.message).toMatch(message);
      expect(r.ok ? '' : r.error.kind).toBe('schema');
    }
  });

  it('passes the feed’s failure on, and says the quote needs the websocket where none is handed in', async () => {
    const http = httpOf({ '/api/v1/orderBookDetails': details });
    const down: Feeds = {
      latest: async () => ({ ok: false, error: { kind: 'network', venue: 'lighter', endpoint: 'wss://x', message: "Lighter's stream is down" } }),
    };
    expect(await client.quote(ETH, http, down)).toMatchObject({ ok: false, error: { kind: 'network', message: "Lighter's stream is down" } });
    expect(await client.quote(ETH, http)).toMatchObject({ ok: false, error: { kind: 'unsupported' } });
  });

  it('says a ticker Lighter does not list is unknown, without opening the feed', async () => {
    const feeds = feedsOf(STATS);
    const r = await client.quote({ ...ETH, symbol: 'NOPE' }, httpOf({ '/api/v1/orderBookDetails': details }), feeds);
    expect(r).toMatchObject({ ok: false, error: { kind: 'unknown-symbol' } });
    expect(feeds.keys).toEqual([]);
  });
});

describe('Lighter funding history', () => {
  it('signs each settled rate by the side that paid, scales percent and seconds, and asks 31 days in two pages of at most 500 hours', async () => {
    const http = httpOf({
      '/api/v1/orderBookDetails': details,
      '/api/v1/fundings': (url) => {
        const end = Number(url.searchParams.get('end_timestamp'));
        return {
          code: 200,
          resolution: '1h',
          fundings: [
            { timestamp: end - 3600, value: '0.036', rate: '0.0012', direction: 'long' },
            { timestamp: end, value: '0.01', rate: '0.0003', direction: 'short' },
          ],
        };
      },
    });
    const r = await client.fundingHistory(ETH, http);
    const asked = http.asked.filter((u) => u.pathname === '/api/v1/fundings');
    expect(asked).toHaveLength(2);
    const hour = Date.UTC(2026, 11, 8, 12) / 1000;
    expect(asked.map((u) => [u.searchParams.get('end_timestamp'), u.searchParams.get('count_back'), u.searchParams.get('market_id')])).toEqual([
      [String(hour), '500', '0'],
      [String(hour - 500 * 3600), '244', '0'],
    ]);
    const points = r.ok ? r.value.points : [];
    expect(points.map((p) => p.time)).toEqual([(hour - 501 * 3600) * 1000, (hour - 500 * 3600) * 1000, (hour - 3600) * 1000, hour * 1000]);
    [0.000012, -0.000003, 0.000012, -0.000003].forEach((rate, i) => expect(points[i]?.rate).toBeCloseTo(rate, 15));
  });

  it('refuses a settled rate beyond any Lighter allows (a rescaled answer)', async () => {
    const http = httpOf({
      '/api/v1/orderBookDetails': details,
      '/api/v1/fundings': () => ({ code: 200, fundings: [{ timestamp: 1_765_000_000, value: '1', rate: '12', direction: 'long' }] }),
    });
    expect(await client.fundingHistory(ETH, http)).toMatchObject({ ok: false, error: { kind: 'schema' } });
  });

  it('reads a body code other than 200 as Lighter refusing', async () => {
    const http = httpOf({ '/api/v1/orderBookDetails': details, '/api/v1/fundings': () => ({ code: 20001, message: 'invalid param' }) });
    const r = await client.fundingHistory(ETH, http);
    expect(r.ok ? '' : r.error.message).toMatch(/code 20001 \(invalid param\)/);
  });
});

describe('Lighter candles', () => {
  const candle = (t: number, c: number) => ({ t, o: c, h: c + 1, l: c - 1, c, O: c, H: c + 1, L: c - 1, C: c, v: 2, V: 2 * c, i: 1 });

  it('reads hourly and daily closes by their open time in ms, oldest first, asking seconds bounds and counts', async () => {
    const http = httpOf({
      '/api/v1/orderBookDetails': details,
      '/api/v1/candles': (url) => {
        const r = url.searchParams.get('resolution');
        return { code: 200, r, c: r === '1h' ? [candle(T0 - HOUR, 20), candle(T0 - 2 * HOUR, 10)] : [candle(T0 - 86_400_000, 50)] };
      },
    });
    const r = await client.candles(ETH, http);
    expect(r.ok && r.value.hourly).toEqual([
      { time: T0 - 2 * HOUR, value: 10 },
      { time: T0 - HOUR, value: 20 },
    ]);
    expect(r.ok && r.value.daily).toEqual([{ time: T0 - 86_400_000, value: 50 }]);
    const hourly = http.asked.find((u) => u.searchParams.get('resolution') === '1h');
    expect(hourly?.searchParams.get('count_back')).toBe('30');
    expect(hourly?.searchParams.get('end_timestamp')).toBe(String(T0 / 1000));
  });

  it('refuses a candle whose close lies outside its range', async () => {
    const http = httpOf({
      '/api/v1/orderBookDetails': details,
      '/api/v1/candles': () => ({ code: 200, c: [{ ...candle(T0 - HOUR, 20), c: 90 }] }),
    });
    expect(await client.candles(ETH, http)).toMatchObject({ ok: false, error: { kind: 'schema' } });
  });

  it('reads 7 days of 15-minute bars in two pages of 500, volume in coins, no taker split and no open interest', async () => {
    const http = httpOf({
      '/api/v1/orderBookDetails': details,
      '/api/v1/candles': (url) => {
        const from = Number(url.searchParams.get('start_timestamp')) * 1000;
        const to = Number(url.searchParams.get('end_timestamp')) * 1000;
        const out = [];
        for (let t = Math.ceil(from / 900_000) * 900_000; t <= to; t += 900_000) out.push(candle(t, 100));
        return { code: 200, r: '15m', c: out };
      },
    });
    const r = await client.zoneBars(ETH, http, null);
    const asked = http.asked.filter((u) => u.pathname === '/api/v1/candles');
    expect(asked.map((u) => u.searchParams.get('count_back'))).toEqual(['500', '172']);
    expect(r.ok && r.value.bars).toHaveLength(672);
    expect(r.ok && r.value.bars[0]).toMatchObject({ volume: 2, takerBuy: null, oi: null, close: 100 });
  });
});

describe('Lighter wallet positions', () => {
  const ADDRESS = '0x8ba1f109551bD432803012645Ac136ddd64DBA72';
  const position = {
    market_id: 0,
    symbol: 'ETH',
    initial_margin_fraction: '5.00',
    sign: 1,
    position: '2.0000',
    avg_entry_price: '3000.00',
    position_value: '6200.00',
    unrealized_pnl: '200.00',
    liquidation_price: '1580.25',
    margin_mode: 1,
    allocated_margin: '600.000000',
  };

  it('reads every account’s positions: side from sign, isolated margin before PnL, leverage from the percent fraction', async () => {
    const http = httpOf({
      '/api/v1/account': (url) => {
        expect(url.searchParams.get('by')).toBe('l1_address');
        expect(url.searchParams.get('value')).toBe(ADDRESS);
        return {
          code: 200,
          total: 2,
          accounts: [
            { index: 1, positions: [position, { ...position, symbol: 'BTC', market_id: 1, position: '0.0000', sign: 1 }] },
            { index: 2, positions: [{ ...position, sign: -1, margin_mode: 0, allocated_margin: '0', liquidation_price: '0' }, { junk: true }] },
          ],
        };
      },
    });
    const r = await fetchLighterPositions(ADDRESS, http);
    expect(r).toEqual({
      ok: true,
      value: [
        {
          venue: 'lighter',
          symbol: 'ETH',
          side: 'long',
          size: 2,
          entryPrice: 3000,
          markPrice: 3100,
          liqPrice: 1580.25,
          margin: 800,
          walletMargin: 600,
          marginMode: 'isolated',
          leverage: 20,
          unrealizedPnl: 200,
          source: 'api',
        },
        {
          venue: 'lighter',
          symbol: 'ETH',
          side: 'short',
          size: 2,
          entryPrice: 3000,
          markPrice: 3100,
          liqPrice: null,
          margin: null,
          walletMargin: null,
          marginMode: 'cross',
          leverage: 20,
          unrealizedPnl: 200,
          source: 'api',
        },
      ],
    });
  });

  it('treats an address Lighter has no account for as holding nothing, and refuses a malformed address without asking', async () => {
    const notFound: Http = async () => ({
      ok: false,
      error: { kind: 'http', venue: 'lighter', endpoint: '/api/v1/account', message: 'HTTP 400', status: 400 },
    });
    expect(await fetchLighterPositions(ADDRESS, notFound)).toEqual({ ok: true, value: [] });
    const http = httpOf({});
    expect(await fetchLighterPositions('0x123', http)).toMatchObject({ ok: false, error: { kind: 'bad-request' } });
    expect(http.asked).toEqual([]);
  });

  it('computes the isolated liquidation price Lighter shows: maintenance on the mark, (E·Q − M) / (Q·(1 − mmf)) for a long', () => {
    // The fixture row above: 2 ETH long at 3,000 with 600 allocated, maintenance 1.2 %.
    const tiers = [{ notionalFloor: 0, notionalCap: Number.MAX_SAFE_INTEGER, maintenanceRate: 0.012, deduction: 0 }];
    const long = liquidationPrice({ side: 'long', size: 2, entryPrice: 3000, margin: 600, tiers, valuation: 'liquidation', feeRate: 0 });
    expect(long).toBeCloseTo((3000 * 2 - 600) / (2 * (1 - 0.012)), 6);
    const short = liquidationPrice({ side: 'short', size: 2, entryPrice: 3000, margin: 600, tiers, valuation: 'liquidation', feeRate: 0 });
    expect(short).toBeCloseTo((3000 * 2 + 600) / (2 * (1 + 0.012)), 6);
  });
});
