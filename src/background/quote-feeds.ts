import { VENUE_NAMES } from '../venues/names';
import type { FetchError, Feeds, QuoteFeed, Result } from '../venues/market-types';
import type { FlowDeps, SocketLike } from './flow';
import { backoffMs, closeQuietly, MAX_GARBAGE, STABLE_MS } from './reconnect';

// Quote feeds: a venue's one websocket that pushes every market's live figures (Lighter's
// market_stats/all), kept open while views ask for any of its markets. One connection per feed,
// however many tabs, markets and alerts read it: the venue's REST limit is never spent on quotes.
// What a quote is given is only ever what the connection now open pushed; a payload from before a
// reconnect is dropped, so a quote cannot pass an old price off as live.

/** How long a quote waits for a starting feed's first message about its market. */
export const FEED_FIRST_WAIT_MS = 10_000;

export interface FeedDeps extends FlowDeps {
  /** A feed nobody asked for in this long is closed (the quote refresh follows the options page). */
  idleMs(): number;
}

interface Held {
  payload: unknown;
  receivedAt: number;
}

interface Connection {
  feed: QuoteFeed;
  socket: SocketLike | null;
  status: 'connecting' | 'open' | 'retrying';
  /** Why the last connection ended; null while none has. */
  why: string | null;
  items: Map<string, Held>;
  lastAsked: number;
  attempts: number;
  openedAt: number;
  heardAt: number;
  garbage: number;
  timers: unknown[];
  sweep: unknown;
  /** Quotes waiting for a message: told at every message and every change of state. */
  waiters: Set<() => void>;
  stopped: boolean;
}

export function createQuoteFeeds(deps: FeedDeps): Feeds & { stop(url: string): void; active(): string[] } {
  const connections = new Map<string, Connection>();
  const random = deps.random ?? Math.random;

  const wake = (c: Connection) => {
    for (const w of [...c.waiters]) w();
  };

  function clearTimers(c: Connection): void {
    for (const t of c.timers) deps.clearTimer(t);
    c.timers = [];
  }

  function drop(c: Connection): void {
    closeQuietly(c.socket);
    c.socket = null;
  }

  function stop(url: string): void {
    const c = connections.get(url);
    if (!c) return;
    c.stopped = true;
    clearTimers(c);
    if (c.sweep !== null) deps.clearTimer(c.sweep);
    drop(c);
    connections.delete(url);
    c.why = 'the feed was closed';
    wake(c);
  }

  function retry(c: Connection, why: string): void {
    if (c.stopped) return;
    clearTimers(c);
    drop(c);
    // Only a connection that was up and stayed up earns a fresh start; failing to connect keeps growing the wait.
    if (c.status === 'open' && deps.now() - c.openedAt >= STABLE_MS) c.attempts = 0;
    c.status = 'retrying';
    c.why = why;
    c.items.clear();
    c.timers.push(deps.setTimer(() => connect(c), backoffMs(c.attempts++, random)));
    wake(c);
  }

  function watchdog(c: Connection): void {
    const every = Math.max(1_000, Math.min(c.feed.stallMs / 2, c.feed.keepalive.everyMs));
    c.timers.push(
      deps.setTimer(() => {
        if (c.stopped || !c.socket || c.status !== 'open') return;
        const t = deps.now();
        if (t - c.heardAt > c.feed.stallMs) {
          retry(c, `the stream stalled: no figures for ${Math.round((t - c.heardAt) / 1000)} s`);
          return;
        }
        watchdog(c);
      }, every),
    );
  }

  function keepalive(c: Connection): void {
    c.timers.push(
      deps.setTimer(() => {
        if (c.stopped || !c.socket || c.status !== 'open') return;
        c.socket.send(c.feed.keepalive.message);
        keepalive(c);
      }, c.feed.keepalive.everyMs),
    );
  }

  function connect(c: Connection): void {
    if (c.stopped) return;
    c.status = 'connecting';
    let s: SocketLike;
    try {
      s = deps.socket(c.feed.url);
    } catch (e) {
      retry(c, e instanceof Error ? e.message : 'the stream could not be opened');
      return;
    }
    c.socket = s;
    s.onopen = () => {
      const t = deps.now();
      c.status = 'open';
      c.openedAt = t;
      c.heardAt = t;
      c.garbage = 0;
      c.items.clear();
      for (const m of c.feed.subscribe) s.send(m);
      watchdog(c);
      keepalive(c);
      wake(c);
    };
    s.onmessage = (ev) => {
      let body: unknown;
      try {
        body = typeof ev.data === 'string' ? JSON.parse(ev.data) : undefined;
      } catch {
        body = undefined;
      }
      const msg = body === undefined ? { kind: 'garbage' as const, why: 'not JSON' } : c.feed.read(body);
      if (msg.kind === 'garbage') {
        c.garbage++;
        if (c.garbage >= MAX_GARBAGE) retry(c, `the stream sent ${MAX_GARBAGE} unreadable messages (${msg.why})`);
        return;
      }
      c.garbage = 0;
      if (msg.kind === 'other') {
        if (msg.reply !== undefined) s.send(msg.reply);
        return;
      }
      // Only figures count as hearing from the feed: a connection that still answers pings but has
      // lost its subscription sends none, and is dropped like a silent one.
      c.heardAt = deps.now();
      for (const [key, payload] of msg.items) c.items.set(key, { payload, receivedAt: c.heardAt });
      wake(c);
    };
    s.onclose = () => retry(c, 'the stream closed');
    s.onerror = () => retry(c, 'the stream failed');
  }

  function start(feed: QuoteFeed): Connection {
    const t = deps.now();
    const c: Connection = {
      feed,
      socket: null,
      status: 'connecting',
      why: null,
      items: new Map(),
      lastAsked: t,
      attempts: 0,
      openedAt: t,
      heardAt: t,
      garbage: 0,
      timers: [],
      sweep: null,
      waiters: new Set(),
      stopped: false,
    };
    connections.set(feed.url, c);
    connect(c);
    // Closed once nobody asks: this timer is kept apart from the connection's (a reconnect clears those).
    const sweep = () => {
      if (c.stopped) return;
      const idle = deps.idleMs();
      if (deps.now() - c.lastAsked > idle) stop(feed.url);
      else c.sweep = deps.setTimer(sweep, Math.max(1_000, c.lastAsked + idle + 1 - deps.now()));
    };
    c.sweep = deps.setTimer(sweep, deps.idleMs());
    return c;
  }

  function failure(c: Connection, key: string): FetchError {
    const name = VENUE_NAMES[c.feed.venue];
    const message =
      c.status === 'open'
        ? `${name}'s stream sent no figures for market ${key} within ${FEED_FIRST_WAIT_MS / 1000} s`
        : `${name}'s stream is ${c.status === 'connecting' ? 'still connecting' : 'down'}${c.why ? ` (${c.why})` : ''}`;
    return { kind: c.status === 'open' ? 'schema' : 'network', venue: c.feed.venue, endpoint: c.feed.url, message };
  }

  async function latest(feed: QuoteFeed, key: string): Promise<Result<{ payload: unknown; receivedAt: number }>> {
    const c = connections.get(feed.url) ?? start(feed);
    c.lastAsked = deps.now();
    // On a live connection a market's last push stands until the venue pushes a change (a quiet
    // market may be left out of the updates): it is current as of the connection's last figures.
    const held = (): Held | undefined => {
      const item = c.status === 'open' ? c.items.get(key) : undefined;
      return item ? { payload: item.payload, receivedAt: c.heardAt } : undefined;
    };
    const now = held();
    if (now) return { ok: true, value: now };
    // A feed that is waiting out its backoff will not answer within a quote's wait: say so at once.
    if (c.status === 'retrying') return { ok: false, error: failure(c, key) };
    const got = await new Promise<Held | undefined>((resolve) => {
      const done = (h: Held | undefined) => {
        c.waiters.delete(check);
        deps.clearTimer(timer);
        resolve(h);
      };
      const check = () => {
        const h = held();
        if (h) done(h);
        else if (c.status === 'retrying' || c.stopped) done(undefined);
      };
      const timer = deps.setTimer(() => done(held()), FEED_FIRST_WAIT_MS);
      c.waiters.add(check);
    });
    return got ? { ok: true, value: got } : { ok: false, error: failure(c, key) };
  }

  return { latest, stop, active: () => [...connections.keys()] };
}
export type QuoteFeeds = ReturnType<typeof createQuoteFeeds>;
