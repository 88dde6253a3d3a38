import type { SocketLike } from '../../src/background/flow';
import { lighterListed, lighterStats } from './lighter-markets';
import type { FakeState } from './venue-handler';

// Lighter's quote websocket in process, for the unit fault world and the request bench, which run
// the background's modules on a fake or simulated clock with no server: it opens at once, answers
// `market_stats/all` with every market's stats from the fake state and updates them every second,
// as the fake exchange's real socket does (lighter-stream.ts). Counts what a trader's browser would
// open, so the bench can say how many sockets its tabs cost.

export interface InProcessTimers {
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export function inProcessLighterSocket(state: FakeState, timers: InProcessTimers, opened: { count: number } = { count: 0 }): SocketLike {
  opened.count++;
  const all = () => Object.fromEntries(lighterListed(state.markets).map(({ market, m }) => [String(market.marketId), lighterStats(market, m, Date.now())]));
  let timer: unknown = null;
  let closed = false;
  const push = (type: string) => s.onmessage?.({ data: JSON.stringify({ channel: 'market_stats:all', market_stats: all(), type }) });
  const tick = () => {
    if (closed) return;
    push('update/market_stats');
    timer = timers.setTimer(tick, 1_000);
  };
  const s: SocketLike = {
    send(data) {
      if (closed || !data.includes('market_stats/all')) return;
      push('subscribed/market_stats');
      timer = timers.setTimer(tick, 1_000);
    },
    close() {
      closed = true;
      if (timer !== null) timers.clearTimer(timer);
    },
    onopen: null,
    onmessage: null,
    onclose: null,
    onerror: null,
  };
  // Open at once (a local socket connects within the ask), after the feed has set its handlers.
  queueMicrotask(() => {
    if (!closed) s.onopen?.();
  });
  return s;
}
