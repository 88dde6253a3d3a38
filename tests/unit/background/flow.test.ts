import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFlow, FLOW_IDLE_MS } from '../../../src/background/flow';
import { FakeSocket, fakeSocketDeps } from './fake-socket';
import { flowTotals, mergeEvents } from '../../../src/core/liq-flow';
import type { Instrument, LiquidationPoll, LiquidationStream, StreamMessage } from '../../../src/venues/market-types';

const inst: Instrument = { venue: 'bybit', symbol: 'BTCUSDT', asset: 'BTC', quote: 'USDT', contractValue: 1, tickSize: 0.1, fundingIntervalHours: 8 };
const T0 = Date.UTC(2026, 11, 7, 12);

/** A stream whose messages are `{liq: [side, notional]}`, `{pong: 1}` or anything else (garbage). */
const stream: LiquidationStream = {
  kind: 'stream',
  url: (i) => `wss://stream.example/${i.symbol}`,
  subscribe: (i) => JSON.stringify({ sub: i.symbol }),
  ping: { message: '{"ping":1}', everyMs: 20_000 },
  read(d): StreamMessage {
    if (d && typeof d === 'object' && 'liq' in d) {
      const [side, notional] = (d as { liq: ['long' | 'short', number] }).liq;
      return { kind: 'events', events: [{ time: Date.now(), side, notional }] };
    }
    if (d && typeof d === 'object' && 'pong' in d) return { kind: 'other', pong: true };
    return { kind: 'garbage', why: 'unknown message' };
  },
};

function world() {
  const sockets: FakeSocket[] = [];
  const flow = createFlow(fakeSocketDeps(sockets));
  const http = vi.fn();
  return { flow, sockets, touch: () => flow.touch('bybit:BTCUSDT', inst, stream, http), last: () => sockets[sockets.length - 1] };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => vi.useRealTimers());

describe('liquidation flow: a stream', () => {
  it('opens on the first ask, subscribes, sums what it sees, and says since when it covers', () => {
    const w = world();
    w.touch();
    w.touch();
    expect(w.sockets).toHaveLength(1);
    const s = w.last();
    expect(s?.url).toBe('wss://stream.example/BTCUSDT');
    expect(w.flow.state('bybit:BTCUSDT')).toMatchObject({ status: 'live', connection: 'connecting', '1h': null });
    s?.onopen?.();
    expect(s?.sent).toEqual(['{"sub":"BTCUSDT"}']);
    vi.advanceTimersByTime(10_000);
    s?.push({ liq: ['long', 1000] });
    s?.push({ liq: ['short', 250] });
    s?.push({ liq: ['long', 500] });
    const st = w.flow.state('bybit:BTCUSDT');
    expect(st).toMatchObject({ status: 'live', connection: 'open', coveredFrom: T0, '1h': { long: 1500, short: 250, coveredMs: 10_000 } });
    expect(st.status === 'live' && st['24h']?.coveredMs).toBe(10_000);
  });

  it('pings, and a stream silent for two pings is stalled: it reconnects after a backoff, covering anew', () => {
    const w = world();
    w.touch();
    w.last()?.onopen?.();
    vi.advanceTimersByTime(20_000);
    expect(w.last()?.sent).toContain('{"ping":1}');
    w.last()?.push({ pong: 1 });
    vi.advanceTimersByTime(20_000);
    expect(w.sockets).toHaveLength(1);
    // Keep asking (a view is open) but the venue says nothing more.
    for (let i = 0; i < 4; i++) {
      w.touch();
      vi.advanceTimersByTime(10_000);
    }
    expect(w.sockets[0]?.closed).toBe(true);
    const st = w.flow.state('bybit:BTCUSDT');
    expect(st).toMatchObject({ connection: expect.stringMatching(/retrying|connecting/) });
    vi.advanceTimersByTime(3_000);
    expect(w.sockets).toHaveLength(2);
    w.last()?.onopen?.();
    expect(w.flow.state('bybit:BTCUSDT')).toMatchObject({ connection: 'open', coveredFrom: Date.now() });
  });

  it('a closed stream reconnects with a growing backoff, never in a loop', () => {
    const w = world();
    w.touch();
    const opened: number[] = [];
    for (let i = 0; i < 6; i++) {
      w.last()?.onclose?.();
      const before = w.sockets.length;
      let waited = 0;
      while (w.sockets.length === before && waited < 600_000) {
        vi.advanceTimersByTime(1_000);
        waited += 1_000;
        if (waited % 30_000 === 0) w.touch();
      }
      opened.push(waited);
    }
    expect(opened).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 64_000]);
    expect(w.flow.state('bybit:BTCUSDT')).toMatchObject({ error: 'the stream closed' });
  });

  it('garbage is skipped; twenty unreadable messages in a row end the connection', () => {
    const w = world();
    w.touch();
    w.last()?.onopen?.();
    w.last()?.push('not json');
    w.last()?.push({ liq: ['long', 10] });
    for (let i = 0; i < 19; i++) w.last()?.push({ what: i });
    expect(w.sockets[0]?.closed).toBe(false);
    w.last()?.push('}{');
    expect(w.sockets[0]?.closed).toBe(true);
    expect(w.flow.state('bybit:BTCUSDT')).toMatchObject({ connection: 'retrying', error: expect.stringMatching(/20 unreadable messages/) });
  });

  it('closes once no view has asked for a while', () => {
    const w = world();
    w.touch();
    w.last()?.onopen?.();
    vi.advanceTimersByTime(FLOW_IDLE_MS + 1);
    // A view of another market asks: the idle one is let go at once.
    w.flow.touch('bybit:ETHUSDT', { ...inst, symbol: 'ETHUSDT' }, stream, vi.fn());
    expect(w.sockets[0]?.closed).toBe(true);
    expect(w.flow.active()).toEqual(['bybit:ETHUSDT']);
    // Without any ask, the sweep timer lets it go too.
    vi.advanceTimersByTime(2 * FLOW_IDLE_MS + 1);
    expect(w.flow.active()).toEqual([]);
  });
});

it('lets a stream go when nobody asks, even after it reconnected', () => {
  const w = world();
  w.touch();
  w.last()?.onopen?.();
  w.last()?.onclose?.();
  vi.advanceTimersByTime(3_000);
  w.last()?.onopen?.();
  expect(w.sockets).toHaveLength(2);
  vi.advanceTimersByTime(2 * FLOW_IDLE_MS + 1);
  expect(w.sockets[1]?.closed).toBe(true);
  expect(w.flow.active()).toEqual([]);
});

describe('liquidation flow: a polled history', () => {
  it('polls while watched, merges answers once each, and restarts its coverage after a gap', async () => {
    const answers = [
      { ok: true as const, value: { events: [{ time: T0 - 60_000, side: 'long' as const, notional: 100 }], coveredFrom: T0 - 3_600_000, source: '/liq' } },
      { ok: false as const, error: { kind: 'http' as const, venue: 'okx' as const, endpoint: '/liq', message: 'HTTP 502' } },
      {
        ok: true as const,
        value: {
          events: [
            { time: T0 - 60_000, side: 'long' as const, notional: 100 },
            { time: T0 + 30_000, side: 'short' as const, notional: 50 },
          ],
          coveredFrom: T0 - 3_600_000,
          source: '/liq',
        },
      },
    ];
    const since: (number | null)[] = [];
    const poll: LiquidationPoll = {
      kind: 'poll',
      everyMs: 30_000,
      fetch: async (_i, _h, s) => {
        since.push(s);
        return answers.shift() ?? { ok: true, value: { events: [], coveredFrom: Date.now() - 60_000, source: '/liq' } };
      },
    };
    const w = world();
    w.flow.touch('okx:BTC-USDT-SWAP', inst, poll, vi.fn());
    await vi.advanceTimersByTimeAsync(0);
    expect(w.flow.state('okx:BTC-USDT-SWAP')).toMatchObject({
      connection: 'polling',
      coveredFrom: T0 - 3_600_000,
      '1h': { long: 100, short: 0, coveredMs: 3_600_000 },
    });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(w.flow.state('okx:BTC-USDT-SWAP')).toMatchObject({ connection: 'retrying', error: 'HTTP 502' });
    w.flow.touch('okx:BTC-USDT-SWAP', inst, poll, vi.fn());
    await vi.advanceTimersByTimeAsync(30_000);
    expect(w.flow.state('okx:BTC-USDT-SWAP')).toMatchObject({ connection: 'polling', '1h': { long: 100, short: 50 } });
    expect(since).toEqual([null, T0 - 60_000, T0 - 60_000]);
  });
});

describe('flow sums', () => {
  it('count only what the record covers, within the window', () => {
    const ev = [
      { time: 0, side: 'long' as const, notional: 1 },
      { time: 50, side: 'short' as const, notional: 2 },
      { time: 90, side: 'long' as const, notional: 4 },
    ];
    expect(flowTotals(ev, 100, 60, 0)).toEqual({ long: 4, short: 2, coveredMs: 60 });
    expect(flowTotals(ev, 100, 60, 80)).toEqual({ long: 4, short: 0, coveredMs: 20 });
    expect(mergeEvents(ev, [ev[1] ?? ev[0]!, { time: 95, side: 'short', notional: 1 }], 100, 1_000)).toHaveLength(4);
  });
});
