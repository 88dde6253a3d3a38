// A whole background for one venue, with nothing faked but the network and the clock: the real
// fetchJson (over a fake `fetch` that asks the fake exchange's handler, or serves a fault instead),
// the real venue gate, the real caches and buildSnapshot behind the real router, and the popup's own
// state step (nextMarketState). Tests drive it with vi's fake timers.
import { vi } from 'vitest';
import { fetchJson } from '../../src/background/http';
import { createOiRecorder } from '../../src/background/oi-recorder';
import { createFlow } from '../../src/background/flow';
import { createQuoteFeeds } from '../../src/background/quote-feeds';
import { createRouter } from '../../src/background/router';
import { createSnapshotCaches } from '../../src/background/snapshot';
import { createVenueGate, type VenueGate } from '../../src/background/venue-gate';
import type { SnapshotReply } from '../../src/protocol/messages';
import { nextMarketState, type MarketState } from '../../src/ui/market-state';
import { VENUE_MARKETS } from '../../src/venues/markets';
import { VENUE_IDS, type VenueId } from '../../src/venues/registry';
import { defaultMarkets } from '../fake-exchange/market-state';
import type { FakeState } from '../fake-exchange/venue-handler';
import { API_HANDLERS } from '../fake-exchange/venues';
import { inProcessLighterSocket } from '../fake-exchange/lighter-socket';

/** What the venue does instead of answering normally. */
export type Fault =
  | { kind: 'status'; status: number; body: string; contentType: string; retryAfter?: string }
  | { kind: 'hang' }
  | { kind: 'truncated' }
  | { kind: 'rewrite'; rewrite: (body: unknown) => string };

/** `host/path`, and for Hyperliquid's one POST endpoint `/info#type`: the unit a fault and a count apply to. */
export function endpointOf(url: URL, body: string | undefined): string {
  if (url.hostname === 'api.hyperliquid.xyz' && body) {
    const type = (JSON.parse(body) as { type?: unknown }).type;
    return `${url.hostname}${url.pathname}#${String(type)}`;
  }
  return `${url.hostname}${url.pathname}`;
}

export interface World {
  venue: VenueId;
  state: FakeState;
  gate: VenueGate;
  /** Requests that reached the (fake) venue, per endpoint, since the last `resetCounts`. */
  counts: Map<string, number>;
  total(): number;
  resetCounts(): void;
  setFault(endpoint: string, fault: Fault | null): void;
  /** One request from a view (panel or popup) as the router answers it, folded into that view's state. */
  ask(symbol: string): Promise<SnapshotReply>;
  view: { state: MarketState };
}

/**
 * The part of a Response fetchJson reads. Not the environment's Response class: happy-dom's (the
 * render tests run under it) reads bodies on its own timers, which the fake clock would stall.
 */
function response(body: string, status: number, headers: Record<string, string> = {}): Response {
  const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const res = { ok: status >= 200 && status < 300, status, headers: { get: (name: string) => lower.get(name.toLowerCase()) ?? null }, text: async () => body };
  return res as unknown as Response;
}

function requestBody(init: RequestInit | undefined): string | undefined {
  return typeof init?.body === 'string' ? init.body : undefined;
}

export function createWorld(venue: VenueId): World {
  const state: FakeState = { markets: defaultMarkets(Date.now()), accounts: new Map() };
  const faults = new Map<string, Fault>();
  const counts = new Map<string, number>();

  const fakeFetch = async (input: URL | string, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    const raw = requestBody(init);
    const endpoint = endpointOf(url, raw);
    counts.set(endpoint, (counts.get(endpoint) ?? 0) + 1);
    const handler = API_HANDLERS[url.hostname];
    const normal = handler?.(
      {
        host: url.hostname,
        method: init?.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        body: raw === undefined ? undefined : (JSON.parse(raw) as unknown),
        now: Date.now(),
      },
      state,
    );
    const fault = faults.get(endpoint);
    if (fault?.kind === 'hang') {
      // Never answers; only the caller's abort (fetchJson's timeout) ends it, as a real hung socket.
      return new Promise<Response>((_, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')));
      });
    }
    if (fault?.kind === 'status') {
      const headers: Record<string, string> = { 'content-type': fault.contentType };
      if (fault.retryAfter !== undefined) headers['retry-after'] = fault.retryAfter;
      return response(fault.body, fault.status, headers);
    }
    if (!normal) return response(`fake exchange: nothing at ${endpoint}`, 404);
    if (fault?.kind === 'truncated') return response(normal.body.slice(0, Math.floor(normal.body.length / 2)), 200);
    if (fault?.kind === 'rewrite' && normal.status === 200) return response(fault.rewrite(JSON.parse(normal.body) as unknown), 200);
    return response(normal.body, normal.status, { 'content-type': normal.contentType });
  };
  vi.stubGlobal('fetch', fakeFetch);

  const { descriptor } = VENUE_MARKETS[venue];
  // random() = 0 puts every backoff at its shortest: the request counts below are the worst case.
  const gate = createVenueGate(descriptor, { fetchJson, now: () => Date.now(), random: () => 0 });
  const gates = Object.fromEntries(VENUE_IDS.map((id) => [id, gate])) as Record<VenueId, VenueGate>;
  const { route } = createRouter({
    venues: VENUE_MARKETS,
    gates,
    caches: createSnapshotCaches(() => Date.now()),
    recorder: createOiRecorder(),
    // The polled liquidation histories run on the test's fake clock; no websocket exists here (the
    // streams are faulted in the e2e tests against real sockets).
    flow: createFlow({
      now: () => Date.now(),
      socket: () => {
        throw new Error('no websocket in the unit world');
      },
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
      random: () => 0,
    }),
    feeds: createQuoteFeeds({
      now: () => Date.now(),
      // Lighter's quote socket, in process (the matrix faults the REST endpoints; the socket's own
      // faults are tested in quote-feeds.test.ts and lighter.e2e.ts).
      socket: () =>
        inProcessLighterSocket(state, { setTimer: (fn, ms) => setTimeout(fn, ms), clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) }),
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
      random: () => 0,
      idleMs: () => 90_000,
    }),
    now: () => Date.now(),
  });
  const view: { state: MarketState } = { state: { status: 'loading' } };

  return {
    venue,
    state,
    gate,
    counts,
    total: () => [...counts.values()].reduce((a, b) => a + b, 0),
    resetCounts: () => counts.clear(),
    setFault(endpoint, fault) {
      if (fault) faults.set(endpoint, fault);
      else faults.delete(endpoint);
    },
    async ask(symbol) {
      const reply = (await route({ type: 'market.snapshot', venue, symbol })) as SnapshotReply;
      view.state = nextMarketState(view.state, reply);
      return reply;
    },
    view,
  };
}
