// @vitest-environment happy-dom
// The fault matrix: every venue × every endpoint its market client uses × every way a venue fails,
// through the real fetchJson, venue gate, caches, buildSnapshot and router, with the popup's own state
// step and its row component. Each case checks: a typed error or the last good value with its age,
// never junk in the state or the DOM, a bounded number of requests over ten minutes of refreshes,
// and recovery within one refresh period once the venue is healthy again.
import { h, render } from 'preact';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_REGIME_THRESHOLDS } from '../../src/core/regime';
import { DEFAULT_BANDS } from '../../src/core/bands';
import { WatchRow } from '../../src/popup/WatchRow';
import { patchChildren } from '../../src/content/patch';
import { panelTree } from '../../src/ui/panel/panel';
import { contractState, type MarketState } from '../../src/ui/market-state';
import { QUOTE_REFRESH_MS, staleAfterMs } from '../../src/venues/snapshot-types';
import { VENUE_IDS, type VenueId } from '../../src/venues/registry';
import { ENDPOINTS, faultsFor, STRAY_EXPECTATIONS, SYMBOL, type Endpoint, type FaultCase, type Part } from './matrix';
import { junkIn, nonFiniteIn, snapshotProblems } from './no-junk';
import { createWorld, type World } from './world';

const MIN = 60_000;
/** Each open view asks every quote refresh period after its last answer (use-markets.ts). */
const POLL_MS = QUOTE_REFRESH_MS;
const WINDOW_MS = 10 * MIN;
const STALE_AFTER = staleAfterMs(QUOTE_REFRESH_MS);
/** No failed part waits longer than this to be asked again (the tier table's error hold, the longest). */
const PART_RETRY_MS = 5 * MIN;

const T0 = Date.UTC(2026, 10, 20, 12, 0, 0);

/** Lets every pending promise settle: a real macrotask, which the fake clock does not touch. */
const settle = () => new Promise<void>((r) => setImmediate(r));

/** One ask from a view, with the clock moving while a request hangs (fetchJson aborts at 10 s). */
async function ask(world: World): Promise<void> {
  let done = false;
  const p = world.ask(SYMBOL[world.venue]).finally(() => (done = true));
  for (let i = 0; i < 120 && !done; i++) {
    await settle();
    if (!done) vi.advanceTimersByTime(1_000);
  }
  await p;
}

function checkState(state: MarketState, where: string): void {
  expect(nonFiniteIn(state), `${where}: non-finite numbers`).toEqual([]);
  if (state.status === 'ready') expect(snapshotProblems(state.snapshot), `${where}: implausible snapshot`).toEqual([]);
}

const row = document.createElement('div');
const panel = document.createElement('div');
document.body.append(row);

/** Renders the popup's row for the state and reads it through the DOM contract. */
function renderRow(world: World): { state: string | null; reason: string | null; age: string | null; junk: string[]; text: string } {
  render(
    h(WatchRow, {
      item: { venue: world.venue, symbol: SYMBOL[world.venue] },
      state: world.view.state,
      window: '4h',
      now: Date.now(),
      staleAfterMs: STALE_AFTER,
      thresholds: DEFAULT_REGIME_THRESHOLDS,
      onRemove: () => undefined,
    }),
    row,
  );
  const el = row.querySelector('[data-perplens-market]');
  if (!el) throw new Error('no [data-perplens-market] rendered');
  const panelJunk = renderPanel(world);
  return {
    state: el.getAttribute('data-state'),
    reason: el.getAttribute('data-reason'),
    age: el.getAttribute('data-age-ms'),
    junk: [...junkIn(row), ...panelJunk],
    text: row.textContent ?? '',
  };
}

/**
 * The same market state through the page's panel: a long on the venue's symbol, drawn by the
 * background's tree and patched into the DOM by the content script's renderer. The card must be in a
 * defined state (ok, stale with its age, unavailable with the reason) with no junk anywhere.
 */
function renderPanel(world: World): string[] {
  const symbol = SYMBOL[world.venue];
  const position = {
    venue: world.venue,
    symbol,
    side: 'long' as const,
    size: 0.5,
    entryPrice: 59_000,
    markPrice: 60_000.12,
    liqPrice: 56_300.5,
    margin: 1_475,
    walletMargin: null,
    marginMode: 'isolated' as const,
    leverage: 20,
    unrealizedPnl: 500.06,
    source: 'page' as const,
  };
  const { tree } = panelTree({
    venue: world.venue,
    symbol,
    read: { status: 'ok', rows: [{ ok: true, position }], notes: [] },
    positionSource: 'page',
    markets: new Map([[symbol, world.view.state]]),
    now: Date.now(),
    staleAfterMs: STALE_AFTER,
    prefs: { collapsed: false, window: '4h', privacy: false, expanded: [] },
    view: { ...DEFAULT_BANDS, dangerBelow: 0.05, cautionBelow: 0.15, thresholds: DEFAULT_REGIME_THRESHOLDS },
  });
  patchChildren(panel, [tree]);
  const card = panel.querySelector('[data-perplens-position]');
  const state = card?.getAttribute('data-state');
  const problems = junkIn(panel);
  if (state !== 'ok' && state !== 'stale' && state !== 'unavailable') problems.push(`panel card in state ${String(state)}`);
  if (state === 'stale' && !card?.getAttribute('data-age-ms')) problems.push('stale panel card without data-age-ms');
  if (state === 'unavailable' && !card?.getAttribute('data-reason')) problems.push('unavailable panel card without data-reason');
  // The page's own figures stay: the distance is known whatever the market data did.
  if (!card?.querySelector('[data-field="liq-distance"]')?.getAttribute('data-value')) problems.push('panel lost the page distance');
  return problems;
}

/** Asks every POLL_MS for `ms`, checking every state on the way. */
async function runFor(world: World, ms: number, label: string): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() <= end) {
    await ask(world);
    checkState(world.view.state, `${label} at +${Math.round((Date.now() - T0) / 1000)} s`);
    // Async: the parts that load behind the snapshot (the zone history's paced pages, the polled
    // liquidation feed) go on between asks, as they do in the worker.
    await vi.advanceTimersByTimeAsync(POLL_MS);
  }
}

function partError(world: World, part: Part) {
  const s = world.view.state;
  if (s.status !== 'ready' || part === 'instruments') return null;
  return s.snapshot.parts[part].error;
}

function rowOk(world: World): boolean {
  return contractState(world.view.state, Date.now(), STALE_AFTER).state === 'ok';
}

/** Healthy again: the row is ok and every part the endpoint feeds is back without an error. */
function healthy(world: World, endpoint: Endpoint | null): boolean {
  const s = world.view.state;
  if (!rowOk(world) || s.status !== 'ready') return false;
  if (!endpoint) return true;
  // The bundled table is a good value: the live one comes back at the tier refresh (6 h), not sooner.
  if (endpoint.absorbed === 'fallback-tiers') return true;
  return endpoint.parts.every((p) => partError(world, p) === null);
}

/**
 * Clears the fault and asks until healthy. The row must be ok one refresh period after the venue is
 * healthy AND any hold the venue named (Retry-After) or the gate chose has ended. A part of its own
 * (funding, candles, tiers) waits out its error hold too, never more than PART_RETRY_MS.
 */
async function recover(world: World, endpoint: Endpoint | null, clear: () => void): Promise<void> {
  clear();
  const cleared = Date.now();
  const from = Math.max(cleared, world.gate.status().heldUntil ?? cleared);
  const rowDeadline = from + POLL_MS;
  const partsDeadline = from + POLL_MS + PART_RETRY_MS;
  let rowOkAt = rowOk(world) ? cleared : null;
  while (!healthy(world, endpoint) && Date.now() <= partsDeadline) {
    await vi.advanceTimersByTimeAsync(POLL_MS);
    await ask(world);
    checkState(world.view.state, 'recovery');
    if (rowOkAt === null && rowOk(world)) rowOkAt = Date.now();
  }
  expect(rowOkAt, 'the row is ok again').not.toBeNull();
  expect(((rowOkAt ?? Infinity) - cleared) / 1000, 'seconds until the row is ok').toBeLessThanOrEqual((rowDeadline - cleared) / 1000);
  expect(healthy(world, endpoint), `every part healthy by ${(partsDeadline - cleared) / 1000} s after the fault cleared`).toBe(true);
  const dom = renderRow(world);
  expect(dom.state).toBe('ok');
  expect(dom.junk).toEqual([]);
}

/** Requests that reach the venue in ten minutes of refreshes, at most, for the endpoint under fault. */
function bound(fault: FaultCase, perBuild: number, parts: number): number {
  switch (fault.name) {
    // The gate holds the whole venue for 30 min: one round of requests, then silence.
    case '403 WAF block (HTML)':
    case '451 restricted location':
      return perBuild;
    // Retry-After 30 is obeyed, and the gate's own backoff for that endpoint (2 s doubling, ×0.8
    // jitter at worst) outgrows it after five strikes: asks at 0, 30, 60, 90, 120, 150 (held 51 s),
    // 210 (102 s), 330 (204 s), 540 → at most 9 rounds.
    case '429 with Retry-After 30':
    // Backoff alone, asks every 30 s: the same nine rounds (holds 1.6, 3.2 … 26, 51, 102, 204 s).
    case '429 without Retry-After':
      return 9 * perBuild;
    // A ban: never asked again within 2 minutes (0, 120, 240, 360, 480, 600 s) → at most 6 rounds.
    case '418 IP ban':
      return 6 * perBuild;
    // The venue's own "too many" code inside a 200 (Bybit 10006, OKX 50011) backs off as a 429 does.
    case 'venue code 10006':
    case 'venue code 50011':
      return 9 * perBuild;
    // Not the venue's choice to refuse: asked again at most once per refresh (21 asks in 10 min) by
    // each part the endpoint feeds (each part is its own cache with its own retry).
    default:
      return Math.floor(WINDOW_MS / POLL_MS + 1) * perBuild * parts;
  }
}

const measured: string[] = [];

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
  vi.setSystemTime(T0);
});
afterEach(() => {
  render(null, row);
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** Healthy requests per cold build, per endpoint: the unit the bounds are counted in. */
const perBuild = new Map<string, number>();

describe.each(VENUE_IDS.map((v) => [v]))('%s', (venue: VenueId) => {
  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    vi.setSystemTime(T0);
    const world = createWorld(venue);
    await ask(world);
    // The parts that load behind the snapshot count in a build too.
    await vi.advanceTimersByTimeAsync(MIN);
    for (const [id, n] of world.counts) perBuild.set(id, n);
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("the venue's record lists every endpoint the client uses, and a healthy venue gives an ok row", async () => {
    expect(STRAY_EXPECTATIONS).toEqual([]);
    const world = createWorld(venue);
    await ask(world);
    await vi.advanceTimersByTimeAsync(MIN);
    expect([...world.counts.keys()].sort()).toEqual(ENDPOINTS[venue].map((e) => e.id).sort());
    expect(healthy(world, null)).toBe(true);
    checkState(world.view.state, 'healthy');
    expect(renderRow(world).junk).toEqual([]);
  });

  describe.each(ENDPOINTS[venue].map((e) => [e.id.replace(/^[^/]+/, ''), e] as const))('%s', (_name, endpoint) => {
    const critical = endpoint.parts.some((p) => p === 'quote' || p === 'instruments') && endpoint.absorbed === undefined;

    it.each(faultsFor(venue).map((f) => [f.name, f] as const))('%s from a cold start', async (_f, fault) => {
      const world = createWorld(venue);
      world.setFault(endpoint.id, fault.fault);
      await runFor(world, WINDOW_MS, fault.name);

      const n = world.counts.get(endpoint.id) ?? 0;
      const per = perBuild.get(endpoint.id) ?? 1;
      measured.push(`${venue} ${endpoint.id} ${fault.name} cold: ${n} (bound ${bound(fault, per, endpoint.parts.length)}), venue ${world.total()}`);
      expect(n, 'requests to the faulted endpoint in 10 min').toBeLessThanOrEqual(bound(fault, per, endpoint.parts.length));
      expect(n).toBeGreaterThan(0);

      const dom = renderRow(world);
      expect(dom.junk).toEqual([]);
      const s = world.view.state;
      const expected = endpoint.outcome?.[fault.name] ?? fault.kind;
      if (expected === 'accepted') {
        expect(dom.state).toBe('ok');
        for (const p of endpoint.parts) expect(partError(world, p), `${p} error`).toBeNull();
      } else if (critical) {
        expect(s.status).toBe('failed');
        expect(dom.state).toBe('unavailable');
        expect(dom.reason).toBe(expected);
        expect(dom.text).toMatch(new RegExp(venue, 'i'));
      } else {
        expect(s.status).toBe('ready');
        expect(['ok', 'stale']).toContain(dom.state);
        // Stale when the quote aged out, or at once when its refresh failed (a venue-wide hold).
        if (dom.state === 'stale') expect(Number(dom.age) > STALE_AFTER || (s.status === 'ready' && s.snapshot.parts.quote.error !== null)).toBe(true);
        if (endpoint.absorbed === 'fallback-tiers') expect(s.status === 'ready' && s.snapshot.tiers?.fallback).toBe(true);
        for (const p of endpoint.parts) {
          if (p === 'instruments' || endpoint.absorbed) continue;
          expect(partError(world, p)?.kind, `${p} error`).toBe(expected);
        }
      }
      await recover(world, endpoint, () => world.setFault(endpoint.id, null));
    });

    it.each(faultsFor(venue).map((f) => [f.name, f] as const))('%s after a good snapshot', async (_f, fault) => {
      const world = createWorld(venue);
      await ask(world);
      expect(healthy(world, null)).toBe(true);
      const good = world.view.state.status === 'ready' ? world.view.state.snapshot.quote.markPrice : NaN;
      // Let the endpoint's parts come due, so the fault is met on a refresh.
      const due =
        Math.max(
          ...endpoint.parts.map((p) => ({ instruments: 60, quote: 0.5, funding: 60, oi: 5, candles: 30, tiers: 360, zones: 17, crowding: 16, flow: 1 })[p]),
        ) * MIN;
      // The parts that load behind the snapshot (the zone history's paced pages, the account ratios,
      // the polled liquidations) come in within a minute: one more ask puts them in the view.
      await vi.advanceTimersByTimeAsync(MIN);
      await ask(world);
      await vi.advanceTimersByTimeAsync(due);
      world.setFault(endpoint.id, fault.fault);
      world.resetCounts();
      await runFor(world, WINDOW_MS, fault.name);

      const n = world.counts.get(endpoint.id) ?? 0;
      const per = perBuild.get(endpoint.id) ?? 1;
      measured.push(`${venue} ${endpoint.id} ${fault.name} warm: ${n} (bound ${bound(fault, per, endpoint.parts.length)}), venue ${world.total()}`);
      expect(n, 'requests to the faulted endpoint in 10 min').toBeLessThanOrEqual(bound(fault, per, endpoint.parts.length));

      const s = world.view.state;
      const dom = renderRow(world);
      expect(dom.junk).toEqual([]);
      const expected = endpoint.outcome?.[fault.name] ?? fault.kind;
      expect(s.status).toBe('ready');
      if (expected === 'accepted') {
        for (const p of endpoint.parts) expect(partError(world, p), `${p} error`).toBeNull();
      } else if (endpoint.parts.includes('quote') && !endpoint.absorbed) {
        // The last good quote stays, never a broken one, shown as stale with its age.
        expect(s.status === 'ready' && s.snapshot.quote.markPrice).toBe(good);
        expect(dom.state).toBe('stale');
        expect(Number(dom.age)).toBeGreaterThan(WINDOW_MS);
        expect(dom.text).toMatch(/old/);
      } else {
        expect(['ok', 'stale']).toContain(dom.state);
        if (dom.state === 'stale') expect(Number(dom.age) > STALE_AFTER || (s.status === 'ready' && s.snapshot.parts.quote.error !== null)).toBe(true);
        for (const p of endpoint.parts) {
          if (p === 'instruments' || p === 'quote' || endpoint.absorbed) continue;
          expect(partError(world, p)?.kind, `${p} error`).toBe(expected);
          // Its last good value is kept, with its time.
          expect(s.status === 'ready' && s.snapshot.parts[p].fetchedAt).toBeLessThan(Date.now() - WINDOW_MS);
        }
      }
      await recover(world, endpoint, () => world.setFault(endpoint.id, null));
    });
  });

  describe('absurd values', () => {
    const cases = [
      [
        'negative open interest',
        (w: World) => {
          const m = w.state.markets.get('BTC');
          if (!m) throw new Error('no BTC');
          const oi = m.openInterest;
          m.openInterest = -oi;
          return () => (m.openInterest = oi);
        },
      ],
      [
        'a mark price 100× the index',
        (w: World) => {
          const m = w.state.markets.get('BTC');
          if (!m) throw new Error('no BTC');
          const mark = m.markPrice;
          m.markPrice = mark * 100;
          return () => (m.markPrice = mark);
        },
      ],
    ] as const;

    it.each(cases)('%s from a cold start is refused, never shown', async (_name, corrupt) => {
      const world = createWorld(venue);
      const restore = corrupt(world);
      await runFor(world, WINDOW_MS, _name);
      const dom = renderRow(world);
      expect(dom.junk).toEqual([]);
      expect(world.view.state.status).toBe('failed');
      expect(dom.state).toBe('unavailable');
      expect(dom.reason).toBe('schema');
      expect(world.total()).toBeLessThanOrEqual(21 * [...world.counts.keys()].reduce((a, id) => a + (perBuild.get(id) ?? 1), 0));
      await recover(world, null, restore);
    });

    it.each(cases)('%s after a good snapshot keeps the good one, stale', async (_name, corrupt) => {
      const world = createWorld(venue);
      await ask(world);
      const good = world.view.state.status === 'ready' ? world.view.state.snapshot.quote : null;
      const restore = corrupt(world);
      await runFor(world, WINDOW_MS, _name);
      const dom = renderRow(world);
      expect(dom.junk).toEqual([]);
      expect(dom.state).toBe('stale');
      expect(world.view.state.status === 'ready' && world.view.state.snapshot.quote).toEqual(good);
      await recover(world, null, restore);
    });
  });
});

describe('request counts', () => {
  it('were measured', () => {
    // Printed for the report; the bounds are asserted case by case above.
    console.log(measured.join('\n'));
    expect(measured.length).toBeGreaterThan(0);
  });
});
