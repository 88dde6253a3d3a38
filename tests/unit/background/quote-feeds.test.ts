import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSocket, fakeSocketDeps } from './fake-socket';
import { createQuoteFeeds, FEED_FIRST_WAIT_MS } from '../../../src/background/quote-feeds';
import type { FeedMessage, QuoteFeed } from '../../../src/venues/market-types';

const T0 = Date.UTC(2026, 11, 8, 12);

/** Messages `{m: {id: payload}}`, `{ping: 1}` (wants `{pong:1}`), `{hello: 1}`; anything else is garbage. */
const feed: QuoteFeed = {
  venue: 'lighter',
  url: 'wss://feed.example/stream',
  subscribe: ['{"sub":"all"}'],
  keepalive: { message: '{"keep":1}', everyMs: 60_000 },
  stallMs: 45_000,
  read(d): FeedMessage {
    if (d && typeof d === 'object' && 'm' in d) return { kind: 'items', items: Object.entries((d as { m: Record<string, unknown> }).m) };
    if (d && typeof d === 'object' && 'ping' in d) return { kind: 'other', reply: '{"pong":1}' };
    if (d && typeof d === 'object' && 'hello' in d) return { kind: 'other' };
    return { kind: 'garbage', why: 'unknown message' };
  },
};

function world(idleMs = 90_000) {
  const sockets: FakeSocket[] = [];
  const feeds = createQuoteFeeds({ ...fakeSocketDeps(sockets), idleMs: () => idleMs });
  return { feeds, sockets, last: () => sockets[sockets.length - 1] as FakeSocket };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => vi.useRealTimers());

describe('quote feeds', () => {
  it('opens one socket for every market and asker, subscribes once open, and hands each market its newest payload', async () => {
    const w = world();
    const a = w.feeds.latest(feed, '0');
    const b = w.feeds.latest(feed, '1');
    const c = w.feeds.latest(feed, '0');
    expect(w.sockets).toHaveLength(1);
    const s = w.last();
    s.onopen?.();
    expect(s.sent).toEqual(['{"sub":"all"}']);
    s.push({ hello: 1 });
    s.push({ m: { '0': { px: 1 }, '1': { px: 2 } } });
    s.push({ m: { '0': { px: 3 } } });
    await expect(a).resolves.toMatchObject({ ok: true, value: { payload: { px: 1 }, receivedAt: T0 } });
    await expect(b).resolves.toMatchObject({ ok: true, value: { payload: { px: 2 } } });
    await expect(c).resolves.toMatchObject({ ok: true, value: { payload: { px: 1 } } });
    // Asked again later: the newest, at once, on the same socket.
    await expect(w.feeds.latest(feed, '0')).resolves.toMatchObject({ ok: true, value: { payload: { px: 3 } } });
    // A quiet market (left out of the updates) is current as of the connection's last figures.
    vi.advanceTimersByTime(30_000);
    s.push({ m: { '0': { px: 4 } } });
    await expect(w.feeds.latest(feed, '1')).resolves.toMatchObject({ ok: true, value: { payload: { px: 2 }, receivedAt: T0 + 30_000 } });
    expect(w.sockets).toHaveLength(1);
  });

  it('answers the venue’s ping and keeps the connection alive with its own message', () => {
    const w = world();
    void w.feeds.latest(feed, '0');
    const s = w.last();
    s.onopen?.();
    s.push({ ping: 1 });
    expect(s.sent).toContain('{"pong":1}');
    s.push({ m: { '0': {} } });
    vi.advanceTimersByTime(60_000);
    expect(s.sent.filter((m) => m === '{"keep":1}')).toHaveLength(1);
  });

  it('says the stream sent nothing for a market it stays silent about, after the first wait only', async () => {
    const w = world();
    const asked = w.feeds.latest(feed, '7');
    w.last().onopen?.();
    w.last().push({ m: { '0': {} } });
    await vi.advanceTimersByTimeAsync(FEED_FIRST_WAIT_MS);
    const r = await asked;
    expect(r).toMatchObject({ ok: false, error: { kind: 'schema', venue: 'lighter', endpoint: feed.url } });
    expect(r.ok ? '' : r.error.message).toMatch(/Lighter's stream sent no figures for market 7 within 10 s/);
  });

  it('fails a waiting quote at once when the socket closes, and reconnects after a backoff with nothing old kept', async () => {
    const w = world();
    void w.feeds.latest(feed, '0');
    const first = w.last();
    first.onopen?.();
    first.push({ m: { '0': { px: 1 } } });
    first.onclose?.();
    const r = await w.feeds.latest(feed, '0');
    expect(r).toMatchObject({ ok: false, error: { kind: 'network' } });
    expect(r.ok ? '' : r.error.message).toMatch(/Lighter's stream is down \(the stream closed\)/);
    expect(first.closed).toBe(true);
    // Backoff 2 s × (0.75 + 0.5 × 0.5) = 2 s.
    await vi.advanceTimersByTimeAsync(1_999);
    expect(w.sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(w.sockets).toHaveLength(2);
    const second = w.last();
    const pending = w.feeds.latest(feed, '0');
    second.onopen?.();
    // The payload from before the reconnect is not served: the quote waits for the new connection's.
    second.push({ m: { '0': { px: 9 } } });
    await expect(pending).resolves.toMatchObject({ ok: true, value: { payload: { px: 9 } } });
  });

  it('grows the backoff while connecting keeps failing, and resets it after a connection stayed up', async () => {
    const w = world(10 * 60_000);
    void w.feeds.latest(feed, '0');
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const before = w.sockets.length;
      w.last().onerror?.();
      const start = Date.now();
      while (w.sockets.length === before) await vi.advanceTimersByTimeAsync(100);
      waits.push(Date.now() - start);
    }
    expect(waits).toEqual([2_000, 4_000, 8_000, 16_000]);
    w.last().onopen?.();
    w.last().push({ m: { '0': {} } });
    // Stable for a minute, then dropped: the next try comes after the first step again.
    for (let t = 0; t < 6; t++) {
      await vi.advanceTimersByTimeAsync(10_000);
      w.last().push({ m: { '0': {} } });
    }
    const before = w.sockets.length;
    w.last().onclose?.();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(w.sockets.length).toBe(before + 1);
  });

  it('tells a stalled socket by its silence and connects again', async () => {
    const w = world(10 * 60_000);
    void w.feeds.latest(feed, '0');
    const s = w.last();
    s.onopen?.();
    s.push({ m: { '0': {} } });
    await vi.advanceTimersByTimeAsync(45_000);
    expect(s.closed).toBe(false);
    await vi.advanceTimersByTimeAsync(22_500);
    expect(s.closed).toBe(true);
    const r = await w.feeds.latest(feed, '0');
    expect(r.ok ? '' : r.error.message).toMatch(/stalled: no figures for \d+ s/);
  });

  it('drops a connection that answers pings but sends no figures (its subscription lost)', async () => {
    const w = world(10 * 60_000);
    void w.feeds.latest(feed, '0');
    const s = w.last();
    s.onopen?.();
    s.push({ m: { '0': {} } });
    for (let t = 0; t < 7; t++) {
      await vi.advanceTimersByTimeAsync(10_000);
      s.push({ ping: 1 });
      s.push({ hello: 1 });
    }
    expect(s.closed).toBe(true);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(w.sockets).toHaveLength(2);
  });

  it('ends a connection that sends 20 unreadable messages in a row, and not one with a readable message between', () => {
    const w = world();
    void w.feeds.latest(feed, '0');
    const s = w.last();
    s.onopen?.();
    for (let i = 0; i < 19; i++) s.push('<html>502</html>');
    s.push({ m: { '0': {} } });
    for (let i = 0; i < 19; i++) s.push({ what: i });
    expect(s.closed).toBe(false);
    s.push('not json');
    expect(s.closed).toBe(true);
  });

  it('closes the socket once nobody has asked for the idle time, and opens a new one on the next ask', async () => {
    const w = world(90_000);
    void w.feeds.latest(feed, '0');
    const s = w.last();
    s.onopen?.();
    s.push({ m: { '0': {} } });
    await vi.advanceTimersByTimeAsync(60_000);
    s.push({ m: { '0': {} } });
    await w.feeds.latest(feed, '0');
    // The venue keeps pushing: only the askers' silence closes the socket.
    for (let t = 0; t < 89; t++) {
      await vi.advanceTimersByTimeAsync(1_000);
      s.push({ m: { '0': {} } });
    }
    expect(s.closed).toBe(false);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(s.closed).toBe(true);
    expect(w.feeds.active()).toEqual([]);
    void w.feeds.latest(feed, '0');
    expect(w.sockets).toHaveLength(2);
  });

  it('says a socket that cannot even be created is down, and tries again later', async () => {
    let fail = true;
    const sockets: FakeSocket[] = [];
    const feeds = createQuoteFeeds({
      now: () => Date.now(),
      socket: (url) => {
        if (fail) throw new Error('blocked by the browser');
        const s = new FakeSocket(url);
        sockets.push(s);
        return s;
      },
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
      random: () => 0.5,
      idleMs: () => 90_000,
    });
    const r = await feeds.latest(feed, '0');
    expect(r.ok ? '' : r.error.message).toMatch(/down \(blocked by the browser\)/);
    fail = false;
    await vi.advanceTimersByTimeAsync(2_000);
    expect(sockets).toHaveLength(1);
  });
});
