import { flowTotals, mergeEvents } from '../core/liq-flow';
import type { FetchError, Http, Instrument, LiquidationEvent, LiquidationPoll, LiquidationStream, Result } from '../venues/market-types';
import type { FlowState, PartStatus } from '../venues/snapshot-types';
import { backoffMs, closeQuietly, MAX_GARBAGE, STABLE_MS } from './reconnect';

// Liquidation flow per market, while a visible panel or an open popup shows it: a venue's websocket
// (reconnected with backoff; a stalled one is told by its unanswered pings) or a REST history
// polled. Nothing runs for a market nobody looks at: it stops once no view has asked for a while.

const DAY = 24 * 3_600_000;
/** A market nobody asked for in this long is let go: the panel asks every 5 s, the popup every 30 s. */
export const FLOW_IDLE_MS = 75_000;

/** The part of the DOM WebSocket the flow uses; tests hand in a fake. */
export interface SocketLike {
  send(data: string): void;
  close(): void;
  onopen: (() => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: (() => void) | null;
  onerror: (() => void) | null;
}

export interface FlowDeps {
  now(): number;
  socket(url: string): SocketLike;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  random?(): number;
}

interface Market {
  inst: Instrument;
  feed: LiquidationStream | LiquidationPoll;
  http: Http;
  events: LiquidationEvent[];
  /** Since when the record is complete; null until the first connection or answer. */
  coveredFrom: number | null;
  connection: 'connecting' | 'open' | 'retrying' | 'polling';
  error: string | null;
  /** The last failure as the parts of a snapshot carry it (null once the feed works again). */
  failure: FetchError | null;
  /** When the feed last delivered: a poll's answer, a stream's opening or message. */
  dataAt: number | null;
  lastAsked: number;
  attempts: number;
  socket: SocketLike | null;
  timers: unknown[];
  openedAt: number;
  garbage: number;
  /** When the last message (a pong included) arrived: a pinged stream silent for two pings is stalled. */
  heardAt: number;
  /** When the last answered poll was asked. */
  lastPollAt: number | null;
  /** The idle check's timer. */
  sweep: unknown;
  /** The feed: the stream's URL, or the polled endpoint's path once it answered. */
  source: string;
  stopped: boolean;
}

export function createFlow(deps: FlowDeps) {
  const markets = new Map<string, Market>();
  const random = deps.random ?? Math.random;

  function clearTimers(m: Market): void {
    for (const t of m.timers) deps.clearTimer(t);
    m.timers = [];
  }

  function later(m: Market, fn: () => void, ms: number): void {
    m.timers.push(deps.setTimer(fn, ms));
  }

  function backoff(m: Market): number {
    return backoffMs(m.attempts++, random);
  }

  function stop(key: string): void {
    const m = markets.get(key);
    if (!m) return;
    m.stopped = true;
    clearTimers(m);
    if (m.sweep !== null) deps.clearTimer(m.sweep);
    closeQuietly(m.socket);
    m.socket = null;
    markets.delete(key);
  }

  /** Ends this connection and tries again after the backoff; what was missed meanwhile is not covered. */
  function retry(key: string, m: Market, why: string): void {
    if (m.stopped) return;
    clearTimers(m);
    closeQuietly(m.socket);
    m.socket = null;
    // Only a connection that was up and stayed up earns a fresh start; failing to connect keeps growing the wait.
    if (m.connection === 'open' && deps.now() - m.openedAt >= STABLE_MS) m.attempts = 0;
    m.connection = 'retrying';
    m.error = why;
    m.failure = { kind: 'network', venue: m.inst.venue, endpoint: m.source, message: why };
    later(m, () => connect(key, m), backoff(m));
  }

  function connect(key: string, m: Market): void {
    if (m.stopped || m.feed.kind !== 'stream') return;
    const feed = m.feed;
    m.connection = 'connecting';
    let s: SocketLike;
    try {
      s = deps.socket(feed.url(m.inst));
    } catch (e) {
      retry(key, m, e instanceof Error ? e.message : 'the stream could not be opened');
      return;
    }
    m.socket = s;
    s.onopen = () => {
      const t = deps.now();
      m.connection = 'open';
      m.error = null;
      m.failure = null;
      m.dataAt = t;
      m.openedAt = t;
      m.heardAt = t;
      m.garbage = 0;
      // Whatever happened while the socket was down is not in the record: it is complete from now.
      m.coveredFrom = t;
      if (feed.subscribe) s.send(feed.subscribe(m.inst));
      if (feed.ping) schedulePing(key, m, feed.ping);
    };
    s.onmessage = (ev) => {
      m.heardAt = deps.now();
      m.dataAt = m.heardAt;
      let body: unknown;
      try {
        body = typeof ev.data === 'string' ? JSON.parse(ev.data) : null;
      } catch {
        body = undefined;
      }
      const msg = body === undefined ? { kind: 'garbage' as const, why: 'not JSON' } : feed.read(body, m.inst);
      if (msg.kind === 'garbage') {
        m.garbage++;
        if (m.garbage >= MAX_GARBAGE) retry(key, m, `the stream sent ${MAX_GARBAGE} unreadable messages (${msg.why})`);
        return;
      }
      m.garbage = 0;
      if (msg.kind === 'events') m.events = mergeEvents(m.events, msg.events, deps.now(), DAY);
    };
    s.onclose = () => retry(key, m, 'the stream closed');
    s.onerror = () => retry(key, m, 'the stream failed');
  }

  function schedulePing(key: string, m: Market, ping: NonNullable<LiquidationStream['ping']>): void {
    later(
      m,
      () => {
        if (m.stopped || !m.socket) return;
        if (deps.now() - m.heardAt > 2 * ping.everyMs) {
          retry(key, m, 'the stream stalled: no answer to two pings');
          return;
        }
        m.socket.send(ping.message);
        schedulePing(key, m, ping);
      },
      ping.everyMs,
    );
  }

  async function poll(key: string, m: Market): Promise<void> {
    if (m.stopped || m.feed.kind !== 'poll') return;
    const feed = m.feed;
    const asked = deps.now();
    const since = m.events.at(-1)?.time ?? null;
    const r: Result<{ events: LiquidationEvent[]; coveredFrom: number; source: string }> = await feed
      .fetch(m.inst, m.http, m.coveredFrom === null ? null : (since ?? m.coveredFrom))
      .catch((e: unknown) => {
        const error: FetchError = { kind: 'network', venue: m.inst.venue, endpoint: '', message: e instanceof Error ? e.message : 'poll failed' };
        return { ok: false, error };
      });
    if (m.stopped) return;
    if (r.ok) {
      // A gap between what was held and this answer: the record is complete only from the answer on.
      const gap = m.coveredFrom === null || m.lastPollAt === null || r.value.coveredFrom > m.lastPollAt;
      if (gap) m.coveredFrom = r.value.coveredFrom;
      m.events = mergeEvents(m.events, r.value.events, deps.now(), DAY);
      m.connection = 'polling';
      m.error = null;
      m.failure = null;
      m.dataAt = deps.now();
      m.attempts = 0;
      m.lastPollAt = asked;
      m.source = r.value.source;
      later(m, () => void poll(key, m), feed.everyMs);
    } else {
      m.connection = 'retrying';
      m.error = r.error.message;
      m.failure = r.error;
      const wait = Math.max(feed.everyMs, (r.error.retryAt ?? 0) - deps.now(), backoff(m));
      later(m, () => void poll(key, m), wait);
    }
  }

  /** A view shows this market now: start its feed if it is not running. */
  function touch(key: string, inst: Instrument, feed: LiquidationStream | LiquidationPoll, http: Http): void {
    const t = deps.now();
    for (const [k, m] of markets) if (t - m.lastAsked > FLOW_IDLE_MS) stop(k);
    const held = markets.get(key);
    if (held) {
      held.lastAsked = t;
      return;
    }
    const m: Market = {
      inst,
      feed,
      http,
      events: [],
      coveredFrom: null,
      connection: 'connecting',
      error: null,
      failure: null,
      dataAt: null,
      lastAsked: t,
      attempts: 0,
      socket: null,
      timers: [],
      openedAt: t,
      garbage: 0,
      heardAt: t,
      lastPollAt: null,
      sweep: null,
      source: feed.kind === 'stream' ? feed.url(inst) : '',
      stopped: false,
    };
    markets.set(key, m);
    if (feed.kind === 'stream') connect(key, m);
    else void poll(key, m);
    // Let the market go once nobody asks: checked again at every ask, and by this timer, which is
    // kept apart from the connection's (a reconnect clears those, never this one).
    const sweep = () => {
      if (m.stopped) return;
      if (deps.now() - m.lastAsked > FLOW_IDLE_MS) stop(key);
      // Next look just after the idle time from the last ask: a stream lives no longer than that.
      else m.sweep = deps.setTimer(sweep, Math.max(1_000, m.lastAsked + FLOW_IDLE_MS + 1 - deps.now()));
    };
    m.sweep = deps.setTimer(sweep, FLOW_IDLE_MS);
  }

  function state(key: string): FlowState {
    const m = markets.get(key);
    if (!m) return { status: 'unavailable', reason: 'not watched' };
    const t = deps.now();
    const totals = (ms: number) => (m.coveredFrom === null ? null : flowTotals(m.events, t, ms, m.coveredFrom));
    return {
      status: 'live',
      connection: m.connection,
      coveredFrom: m.coveredFrom,
      error: m.error,
      source: m.source,
      '1h': totals(3_600_000),
      '24h': totals(DAY),
    };
  }

  /** The feed as a part of the snapshot: when it last delivered, from where, and its last failure. */
  function part(key: string): PartStatus {
    const m = markets.get(key);
    return { fetchedAt: m?.dataAt ?? null, source: m?.source || null, error: m?.failure ?? null };
  }

  return { touch, state, part, stop, active: () => [...markets.keys()] };
}
export type Flow = ReturnType<typeof createFlow>;
