import type { FeedMessage, QuoteFeed } from '../market-types';
import { LIGHTER_STATS_CHANNEL, LIGHTER_STREAM } from './descriptor';

// Lighter's websocket (apidocs "WebSocket"): the server greets with {"type":"connected"}, a client
// subscribes with {"type":"subscribe","channel":"market_stats/all"}, and the channel answers
// `subscribed/market_stats` then `update/market_stats`, `market_stats` holding either one market's
// stats (a single-market channel) or an object of them keyed by market id (the `all` channel). The
// server pings ({"type":"ping"}) and wants a pong; the docs ask a client to send something at least
// every two minutes.

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function readStats(body: unknown): FeedMessage {
  if (!isObject(body)) return { kind: 'garbage', why: 'not an object' };
  const type = body.type;
  if (type === 'ping') return { kind: 'other', reply: '{"type":"pong"}' };
  if (typeof type !== 'string') return { kind: 'garbage', why: 'no message type' };
  if (type !== 'subscribed/market_stats' && type !== 'update/market_stats') {
    // The greeting, a pong, a subscription answer of its own kind, or an error the venue explains.
    return type === 'error' ? { kind: 'garbage', why: `the stream answered an error` } : { kind: 'other' };
  }
  const stats = body.market_stats;
  if (!isObject(stats)) return { kind: 'garbage', why: 'market_stats is not an object' };
  // One market's stats carry their own id; the `all` channel keys each market's stats by its id.
  if ('market_id' in stats) return { kind: 'items', items: [[String(stats.market_id), stats]] };
  const items: [string, unknown][] = [];
  for (const [key, value] of Object.entries(stats)) if (/^\d{1,6}$/.test(key) && isObject(value)) items.push([key, value]);
  return items.length > 0 ? { kind: 'items', items } : { kind: 'garbage', why: 'market_stats names no market' };
}

export const lighterStatsFeed: QuoteFeed = {
  venue: 'lighter',
  url: LIGHTER_STREAM,
  subscribe: [JSON.stringify({ type: 'subscribe', channel: LIGHTER_STATS_CHANNEL })],
  keepalive: { message: '{"type":"ping"}', everyMs: 60_000 },
  // market_stats/all pushes whenever any market's price moves: 45 s without figures is a stalled socket.
  stallMs: 45_000,
  read: readStats,
};
