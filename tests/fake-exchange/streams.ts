import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { FakeMarkets } from './market-state';

// The venues' public liquidation websockets, under their real host names: Binance's
// `wss://fstream.binance.com/ws/<symbol>@forceOrder` and Bybit's `wss://stream.bybit.com/v5/public/linear`
// topic `allLiquidation.<SYMBOL>`, in their documented message shapes (shared/reference/cascade-data.md).
// Each connection gets a burst of liquidations once it is subscribed and then stays quiet (the venues
// push only when something is liquidated), so a test knows exactly what the extension was sent.
// Faults per host: close every connection at once, stall (accept, then never answer, pings included),
// or send garbage.

export const STREAM_HOSTS = ['fstream.binance.com', 'stream.bybit.com'] as const;
export type StreamHost = (typeof STREAM_HOSTS)[number];
export type StreamFault = 'close' | 'stall' | 'garbage';

export interface SentLiquidation {
  host: StreamHost;
  symbol: string;
  time: number;
  side: 'long' | 'short';
  notional: number;
}

/** The burst each subscription gets: sides and sizes in base units, at the market's mark. */
const BURST: readonly ['long' | 'short', number][] = [
  ['long', 0.5],
  ['short', 0.2],
  ['long', 1.25],
  ['long', 0.05],
  ['short', 0.6],
];

export interface FakeStreams {
  handleUpgrade(host: string, req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  setFault(host: StreamHost, fault: StreamFault | null): void;
  /** Every liquidation pushed, in order. */
  sent: SentLiquidation[];
  /** Connections opened, per host (a reconnect counts again). */
  connections: Map<string, number>;
  /** Open sockets now, per host. */
  openNow(host: StreamHost): number;
  close(): void;
}

export function createFakeStreams(markets: FakeMarkets): FakeStreams {
  const wss = new WebSocketServer({ noServer: true });
  const faults = new Map<string, StreamFault>();
  const sent: SentLiquidation[] = [];
  const connections = new Map<string, number>();
  const open = new Map<string, Set<WebSocket>>();

  const assetOf = (symbol: string) => markets.get(symbol.toUpperCase().replace(/USDT$/, ''));

  function burst(host: StreamHost, symbol: string, ws: WebSocket, write: (side: 'long' | 'short', qty: number, price: number, time: number) => unknown): void {
    const m = assetOf(symbol);
    if (!m) return;
    BURST.forEach(([side, qty], i) => {
      setTimeout(
        () => {
          if (ws.readyState !== ws.OPEN || faults.get(host)) return;
          const time = Date.now();
          const price = m.markPrice;
          ws.send(JSON.stringify(write(side, qty, price, time)));
          sent.push({ host, symbol: symbol.toUpperCase(), time, side, notional: qty * price });
        },
        300 * (i + 1),
      );
    });
  }

  function binance(ws: WebSocket, path: string): void {
    const symbol = /^\/ws\/([a-z0-9]+)@forceOrder$/.exec(path)?.[1];
    if (!symbol) {
      ws.close(1008, 'unknown stream');
      return;
    }
    ws.on('message', (raw: Buffer) => {
      if (faults.get('fstream.binance.com') === 'stall') return;
      let msg: { method?: string; id?: number } = {};
      try {
        msg = JSON.parse(raw.toString()) as typeof msg;
      } catch {
        return;
      }
      if (msg.method === 'LIST_SUBSCRIPTIONS') ws.send(JSON.stringify({ result: [`${symbol}@forceOrder`], id: msg.id ?? null }));
    });
    // A SELL order closes a long: `S` is the liquidation order's side.
    burst('fstream.binance.com', symbol, ws, (side, qty, price, time) => ({
      e: 'forceOrder',
      E: time,
      o: {
        s: symbol.toUpperCase(),
        S: side === 'long' ? 'SELL' : 'BUY',
        o: 'LIMIT',
        f: 'IOC',
        q: String(qty),
        p: (price * (side === 'long' ? 0.999 : 1.001)).toFixed(2),
        ap: price.toFixed(2),
        X: 'FILLED',
        l: String(qty),
        z: String(qty),
        T: time,
      },
    }));
  }

  function bybit(ws: WebSocket, path: string): void {
    if (path !== '/v5/public/linear') {
      ws.close(1008, 'unknown path');
      return;
    }
    ws.on('message', (raw: Buffer) => {
      if (faults.get('stream.bybit.com') === 'stall') return;
      let msg: { op?: string; args?: unknown; req_id?: string } = {};
      try {
        msg = JSON.parse(raw.toString()) as typeof msg;
      } catch {
        return;
      }
      if (msg.op === 'ping') {
        ws.send(JSON.stringify({ success: true, ret_msg: 'pong', conn_id: 'fake', op: 'ping' }));
        return;
      }
      if (msg.op !== 'subscribe' || !Array.isArray(msg.args)) return;
      ws.send(JSON.stringify({ success: true, ret_msg: '', conn_id: 'fake', req_id: msg.req_id ?? '', op: 'subscribe' }));
      for (const topic of msg.args) {
        const symbol = typeof topic === 'string' ? /^allLiquidation\.([A-Z0-9]+)$/.exec(topic)?.[1] : undefined;
        if (!symbol) continue;
        // `S` Buy: a long position was liquidated (Bybit's convention for this topic).
        burst('stream.bybit.com', symbol, ws, (side, qty, price, time) => ({
          topic: `allLiquidation.${symbol}`,
          type: 'snapshot',
          ts: time,
          data: [{ T: time, s: symbol, S: side === 'long' ? 'Buy' : 'Sell', v: String(qty), p: price.toFixed(2) }],
        }));
      }
    });
  }

  return {
    handleUpgrade(host, req, socket, head) {
      if (!(STREAM_HOSTS as readonly string[]).includes(host)) return false;
      const fault = faults.get(host);
      const path = new URL(req.url ?? '/', 'https://x.invalid').pathname;
      wss.handleUpgrade(req, socket, head, (ws) => {
        connections.set(host, (connections.get(host) ?? 0) + 1);
        const mine = open.get(host) ?? new Set<WebSocket>();
        open.set(host, mine);
        mine.add(ws);
        ws.on('close', () => mine.delete(ws));
        ws.on('error', () => mine.delete(ws));
        if (fault === 'close') {
          ws.close(1011, 'fake exchange: closed');
          return;
        }
        if (fault === 'garbage') {
          const timer = setInterval(() => (ws.readyState === ws.OPEN ? ws.send('<html>502</html>') : clearInterval(timer)), 50);
          return;
        }
        if (host === 'fstream.binance.com') binance(ws, path);
        else bybit(ws, path);
      });
      return true;
    },
    setFault(host, fault) {
      if (fault) faults.set(host, fault);
      else faults.delete(host);
      // A new fault reaches the open connections too: they close, stall or turn to garbage from now on.
      for (const ws of open.get(host) ?? []) {
        if (fault === 'close') ws.close(1011, 'fake exchange: closed');
        if (fault === 'garbage') ws.send('<html>502</html>');
      }
    },
    sent,
    connections,
    openNow: (host) => open.get(host)?.size ?? 0,
    close() {
      for (const set of open.values()) for (const ws of set) ws.terminate();
      wss.close();
    },
  };
}
