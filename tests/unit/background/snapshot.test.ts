import { describe, expect, it } from 'vitest';
import { createOiRecorder } from '../../../src/background/oi-recorder';
import { buildSnapshot, createSnapshotCaches, type SnapshotDeps } from '../../../src/background/snapshot';
import type { Instrument, MarketQuote, Result, VenueMarketClient } from '../../../src/venues/market-types';

const H = 3_600_000;
const NOW = 1_000 * H;

const inst: Instrument = { venue: 'hyperliquid', symbol: 'BTC', asset: 'BTC', quote: 'USDC', contractValue: 1, tickSize: null, fundingIntervalHours: null };

function quote(over: Partial<MarketQuote> = {}): MarketQuote {
  return {
    venue: 'hyperliquid',
    symbol: 'BTC',
    markPrice: 110,
    indexPrice: 110,
    lastPrice: null,
    fundingRate: 0.0002,
    fundingIntervalHours: null,
    nextFundingTime: NOW + H,
    fundingCap: null,
    fundingFloor: null,
    openInterest: 1000,
    figureSources: { markPrice: '/info', indexPrice: '/info', fundingRate: '/info', nextFundingTime: '/info', openInterest: '/info' },
    source: '/info',
    fetchedAt: NOW,
    ...over,
  };
}

function client(over: Partial<VenueMarketClient> = {}): VenueMarketClient {
  const ok = <T>(value: T): Promise<Result<T>> => Promise.resolve({ ok: true, value });
  return {
    venue: 'hyperliquid',
    instruments: () => ok([inst]),
    quote: () => ok(quote()),
    // Hourly settlements over 30 days, rate rising with time: the current 0.0002 ranks high.
    fundingHistory: () =>
      ok({
        points: Array.from({ length: 720 }, (_, i) => ({ time: NOW - (720 - i) * H, rate: 0.00001 * (i % 20) })),
        intervalHours: 1,
        source: '/info',
        fetchedAt: NOW,
      }),
    oiHistory: () => ok({ points: Array.from({ length: 30 }, (_, i) => ({ time: NOW - (30 - i) * H, value: 800 + i })), source: '/oi', fetchedAt: NOW }),
    // Hourly closes 100 … 129 (candle open times), daily closes steady growth.
    candles: () =>
      ok({
        hourly: Array.from({ length: 30 }, (_, i) => ({ time: NOW - (30 - i) * H, value: 100 + i })),
        daily: Array.from({ length: 32 }, (_, i) => ({ time: NOW - (32 - i) * 24 * H, value: 100 * 1.01 ** i * (i % 2 ? 1.02 : 1) })),
        source: '/candles',
        fetchedAt: NOW,
      }),
    tiers: () => ok({ tiers: [{ notionalFloor: 0, notionalCap: 1e9, maintenanceRate: 0.01, deduction: 0 }], fallback: false, source: '/info', fetchedAt: NOW }),
    // A day of 15-minute bars around 129 with open interest rising: the zone model has levels to bin.
    zoneBars: () =>
      ok({
        bars: Array.from({ length: 96 }, (_, i) => ({
          time: Math.floor(NOW / 900_000) * 900_000 - (96 - i) * 900_000,
          high: 130,
          low: 128,
          close: 129,
          volume: 10,
          takerBuy: null,
          oi: 500 + i * 5,
        })),
        source: '/zones',
        fetchedAt: NOW,
      }),
    ...over,
  };
}

function deps(c: VenueMarketClient, now = () => NOW): SnapshotDeps {
  return {
    client: c,
    liquidation: { valuation: 'liquidation', feeRate: 0 },
    http: async () => ({ ok: true, value: null }),
    caches: createSnapshotCaches(now),
    recorder: createOiRecorder(),
    now,
  };
}

describe('buildSnapshot', () => {
  it('takes σ_day from the last 31 completed daily closes, leaving out today’s open candle', async () => {
    // Days opening 40 … 1 days ago are complete; the one opening 1 h ago is today's, still open, with a wild close.
    const closes = Array.from({ length: 40 }, (_, i) => ({ time: NOW - (40 - i) * 24 * H, value: 100 * (i % 2 ? 1.03 : 1) }));
    const open = { time: NOW - H, value: 500 };
    const r = await buildSnapshot(
      deps(client({ candles: () => Promise.resolve({ ok: true, value: { hourly: [], daily: [...closes, open], source: '/candles', fetchedAt: NOW } }) })),
      'BTC',
    );
    if (!r.ok) throw new Error(r.error.message);
    // 30 returns alternating ±ln(1.03): sample σ = ln(1.03)·sqrt(30/29).
    expect(r.value.dailyVol).toBeCloseTo(Math.log(1.03) * Math.sqrt(30 / 29), 12);
  });

  it('derives interval, funding average and percentile, volatility and window changes', async () => {
    const r = await buildSnapshot(deps(client()), 'BTC');
    if (!r.ok) throw new Error(r.error.message);
    const s = r.value;
    expect(s.fundingIntervalHours).toBe(1);
    expect(s.fundingIntervalSource).toBe('history');
    // 168 hourly settlements (i = 552…719) of 0.00001·(i mod 20).
    expect(s.fundingAvg7d).toBeCloseTo(0.00009785714, 10);
    expect(s.fundingPercentile30d).toBeGreaterThan(0.9);
    expect(s.dailyVol).toBeGreaterThan(0);
    // Close of the candle opened 4h+1h ago is the price 4h ago: 125 → mark 110.
    expect(s.priceChange['4h']).toEqual({ change: 110 / 125 - 1, basis: 'window', from: NOW - 4 * H });
    expect(s.oiChange['1h']).toEqual({ change: 1000 / 829 - 1, basis: 'window', from: NOW - H });
    expect(s.oiBasis).toBe('venue');
    expect(s.sparkline.price).toHaveLength(24);
    expect(s.parts.quote).toEqual({ fetchedAt: NOW, source: '/info', error: null });
  });

  it('prefers the venue interval over history', async () => {
    const r = await buildSnapshot(deps(client({ quote: async () => ({ ok: true, value: quote({ fundingIntervalHours: 4 }) }) })), 'BTC');
    expect(r.ok && [r.value.fundingIntervalHours, r.value.fundingIntervalSource]).toEqual([4, 'venue']);
  });

  it('says an unknown symbol clearly', async () => {
    const r = await buildSnapshot(deps(client()), 'NOPE');
    expect(r.ok || r.error.kind).toBe('unknown-symbol');
  });

  it('asks the client for a market its list leaves out (a HIP-3 dex), and takes its answer', async () => {
    const asked: string[] = [];
    const c = client({
      instrument: async (symbol) => {
        asked.push(symbol);
        return symbol === 'xyz:TSLA'
          ? { ok: true, value: { venue: 'hyperliquid', symbol, asset: 'TSLA', quote: 'USDH', contractValue: 1, tickSize: null, fundingIntervalHours: 1 } }
          : { ok: true, value: null };
      },
    });
    const found = await buildSnapshot(deps(c), 'xyz:TSLA');
    expect(found.ok && [found.value.symbol, found.value.quoteCurrency]).toEqual(['xyz:TSLA', 'USDH']);
    const unknown = await buildSnapshot(deps(c), 'xyz:NOPE');
    expect(unknown.ok || unknown.error.kind).toBe('unknown-symbol');
    // The listed market needs no look-up.
    await buildSnapshot(deps(c), 'BTC');
    expect(asked).toEqual(['xyz:TSLA', 'xyz:NOPE']);
  });

  it('fails without a quote, but survives a failed part with its reason', async () => {
    const error = { kind: 'timeout', venue: 'hyperliquid', endpoint: '/info', message: 'hyperliquid did not answer in time' } as const;
    const noQuote = await buildSnapshot(deps(client({ quote: async () => ({ ok: false, error }) })), 'BTC');
    expect(noQuote.ok || noQuote.error.kind).toBe('timeout');
    const noCandles = await buildSnapshot(deps(client({ candles: async () => ({ ok: false, error }) })), 'BTC');
    if (!noCandles.ok) throw new Error('expected a snapshot');
    expect(noCandles.value.priceChange['1h']).toEqual({ change: null, reason: error.message });
    expect(noCandles.value.parts.candles.error).toEqual(error);
    expect(noCandles.value.dailyVol).toBeNull();
  });

  it('records OI for a venue without history and labels it since watching', async () => {
    let t = NOW;
    let oi = 1000;
    const c = client({ oiHistory: null, quote: async () => ({ ok: true, value: quote({ openInterest: oi, fetchedAt: t }) }) });
    const d = deps(c, () => t);
    const first = await buildSnapshot(d, 'BTC');
    expect(first.ok && first.value.oiChange['1h']).toEqual({ change: 0, basis: 'since-watching', from: NOW });
    t += 20 * 60_000;
    oi = 1100;
    const later = await buildSnapshot(d, 'BTC');
    expect(later.ok && later.value.oiBasis).toBe('recorded');
    const c1h = later.ok ? later.value.oiChange['1h'] : null;
    expect(c1h && c1h.change).toBeCloseTo(0.1, 12);
    expect(c1h && 'basis' in c1h && c1h.basis).toBe('since-watching');
  });
});
