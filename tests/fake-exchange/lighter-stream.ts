import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { LIGHTER_API_HOST, lighterListed, lighterStats } from './lighter-markets';
import type { FakeMarkets } from './market-state';
import type { StreamFault } from './streams';

// Lighter's websocket, wss://mainnet.zklighter.elliot.ai/stream, in its documented protocol: the
// server greets ({"type":"connected"}), a client subscribes to `market_stats/all` (or one market,
// `market_stats/<id>`), gets every market's stats at once (`subscribed/market_stats`), then updates
// every second (`update/market_stats`) carrying half the markets in turn, so each market comes at
// least every two seconds and a client must merge. It is the only source of the mark, the index and
// the running hour's funding, read from the fake state when each message is sent. The server pings
// every 30 s and answers a client's ping with a pong.
//
// Faults, as on the liquidation streams (streams.ts): `close` closes every connection at once and
// each new one as soon as it opens; `stall` keeps sockets open and neither reads nor sends anything
// (no updates, no pings, no pongs); `garbage` sends non-JSON in place of every message.

export const LIGHTER_STREAM_PATH = '/stream';
const GARBAGE = '<html>502</html>';

export interface FakeLighterStream {
  handleUpgrade(host: string, req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  setFault(fault: StreamFault | null): void;
  readonly fault: StreamFault | null;
  /** Update and ping periods (ms) of the connections opened from now on: tests shorten them (set the fields). */
  readonly timing: { updateMs: number; pingMs: number };
  /** Connections opened (a reconnect counts again): ten tabs sharing one socket keep it at 1. */
  readonly connections: number;
  /** Open sockets now. */
  openNow(): number;
  /** Every frame the server sent (greetings, stats, pings, pongs, garbage). */
  readonly messagesSent: number;
  /** Every frame the clients sent. */
  readonly messagesReceived: number;
  /** Subscriptions answered. */
  readonly subscriptions: number;
  close(): void;
}

/** `all`, or a market id. */
type Sub = 'all' | number;

export function createLighterStream(markets: FakeMarkets): FakeLighterStream {
  const wss = new WebSocketServer({ noServer: true });
  const open = new Set<WebSocket>();
  let fault: StreamFault | null = null;
  let connections = 0;
  let sent = 0;
  let received = 0;
  let subscriptions = 0;
  const timing = { updateMs: 1_000, pingMs: 30_000 };

  function send(ws: WebSocket, message: unknown): void {
    if (ws.readyState !== ws.OPEN || fault === 'stall' || fault === 'close') return;
    ws.send(fault === 'garbage' ? GARBAGE : JSON.stringify(message));
    sent++;
  }

  const channelOf = (sub: Sub) => `market_stats:${sub}`;

  /** The stats a message carries: one market's object for a single-market channel, else keyed by id. */
  function stats(sub: Sub, pick: (index: number) => boolean): unknown {
    const now = Date.now();
    const listed = lighterListed(markets);
    if (sub !== 'all') {
      const one = listed.find((x) => x.market.marketId === sub);
      return one ? lighterStats(one.market, one.m, now) : null;
    }
    return Object.fromEntries(listed.filter((_, i) => pick(i)).map(({ market, m }) => [String(market.marketId), lighterStats(market, m, now)]));
  }

  function serve(ws: WebSocket): void {
    const subs = new Set<Sub>();
    let tick = 0;
    send(ws, { type: 'connected', session_id: randomUUID() });
    const updates = setInterval(() => {
      tick++;
      for (const sub of subs) send(ws, { channel: channelOf(sub), market_stats: stats(sub, (i) => i % 2 === tick % 2), type: 'update/market_stats' });
    }, timing.updateMs);
    const pings = setInterval(() => send(ws, { type: 'ping' }), timing.pingMs);
    ws.on('close', () => {
      clearInterval(updates);
      clearInterval(pings);
    });
    ws.on('message', (raw: Buffer) => {
      if (fault === 'stall') return;
      received++;
      let msg: { type?: unknown; channel?: unknown } = {};
      try {
        msg = JSON.parse(raw.toString()) as typeof msg;
      } catch {
        return;
      }
      if (msg.type === 'ping') return send(ws, { type: 'pong' });
      if (msg.type === 'pong') return;
      const found = typeof msg.channel === 'string' ? /^market_stats\/(all|\d{1,6})$/.exec(msg.channel) : null;
      const sub: Sub | null = found?.[1] === undefined ? null : found[1] === 'all' ? 'all' : Number(found[1]);
      const known = sub === 'all' || lighterListed(markets).some((x) => x.market.marketId === sub);
      // UNSURE: the error body Lighter sends for a channel it does not know.
      if (sub === null || !known || (msg.type !== 'subscribe' && msg.type !== 'unsubscribe')) {
        return send(ws, { error: { code: 30005, message: `Invalid Channel: ${String(msg.channel)}` } });
      }
      if (msg.type === 'unsubscribe') {
        subs.delete(sub);
        return send(ws, { channel: channelOf(sub), type: 'unsubscribed' });
      }
      subs.add(sub);
      subscriptions++;
      send(ws, { channel: channelOf(sub), market_stats: stats(sub, () => true), type: 'subscribed/market_stats' });
    });
  }

  return {
    handleUpgrade(host, req, socket, head) {
      if (host !== LIGHTER_API_HOST || new URL(req.url ?? '/', 'https://x.invalid').pathname !== LIGHTER_STREAM_PATH) return false;
      wss.handleUpgrade(req, socket, head, (ws) => {
        connections++;
        open.add(ws);
        ws.on('close', () => open.delete(ws));
        ws.on('error', () => open.delete(ws));
        if (fault === 'close') {
          ws.close(1011, 'fake exchange: closed');
          return;
        }
        serve(ws);
      });
      return true;
    },
    setFault(next) {
      fault = next;
      // A new fault reaches the open connections too: they close, or turn to garbage from now on.
      for (const ws of open) {
        if (next === 'close') ws.close(1011, 'fake exchange: closed');
        if (next === 'garbage') send(ws, null);
      }
    },
    get fault() {
      return fault;
    },
    timing,
    get connections() {
      return connections;
    },
    openNow: () => open.size,
    get messagesSent() {
      return sent;
    },
    get messagesReceived() {
      return received;
    },
    get subscriptions() {
      return subscriptions;
    },
    close() {
      for (const ws of open) ws.terminate();
      wss.close();
    },
  };
}
