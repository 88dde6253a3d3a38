import { describe, expect, it } from 'vitest';
import { lighterStatsFeed as feed } from '../../../src/venues/lighter/feed';

// Lighter's websocket messages as apidocs "WebSocket" documents them.
describe('Lighter market_stats feed', () => {
  it('subscribes to every market on one channel and keeps the connection with a ping a minute', () => {
    expect(feed.url).toBe('wss://mainnet.zklighter.elliot.ai/stream');
    expect(feed.subscribe.map((m) => JSON.parse(m) as unknown)).toEqual([{ type: 'subscribe', channel: 'market_stats/all' }]);
    expect(feed.keepalive).toEqual({ message: '{"type":"ping"}', everyMs: 60_000 });
  });

  it('splits the all channel’s stats by market id, and reads a one-market channel by the id it carries', () => {
    const eth = { market_id: 0, mark_price: '3335.09' };
    const btc = { market_id: 1, mark_price: '60000.1' };
    expect(feed.read({ channel: 'market_stats:all', market_stats: { '0': eth, '1': btc }, type: 'subscribed/market_stats' })).toEqual({
      kind: 'items',
      items: [
        ['0', eth],
        ['1', btc],
      ],
    });
    expect(feed.read({ channel: 'market_stats:1', market_stats: btc, type: 'update/market_stats' })).toEqual({ kind: 'items', items: [['1', btc]] });
  });

  it('answers the server’s ping with a pong, and takes the greeting and pongs as nothing to read', () => {
    expect(feed.read({ type: 'ping' })).toEqual({ kind: 'other', reply: '{"type":"pong"}' });
    expect(feed.read({ type: 'connected', session_id: 'x' })).toEqual({ kind: 'other' });
    expect(feed.read({ type: 'pong' })).toEqual({ kind: 'other' });
  });

  it('counts as garbage what is not Lighter’s: no type, an error, stats that name no market', () => {
    for (const body of [
      null,
      [],
      'x',
      { channel: 'market_stats:all' },
      { type: 'error', message: 'x' },
      { type: 'update/market_stats', market_stats: [] },
      { type: 'update/market_stats', market_stats: { eth: {} } },
    ]) {
      expect(feed.read(body).kind).toBe('garbage');
    }
  });
});
