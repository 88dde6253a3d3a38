import { expect, vi } from 'vitest';
import type { ZoneBar } from '../../../src/core/liq-zones';
import type { HttpRequest, Result, ZoneBarRow, ZoneBars } from '../../../src/venues/market-types';
import type { VenueId } from '../../../src/venues/types';
import { defaultMarkets, type FakeAsset } from '../../fake-exchange/market-state';
import type { FakeRequest, FakeState, VenueHandler } from '../../fake-exchange/venue-handler';
import { handlerHttp } from '../../market/handler-http';

// What the zone-bars tests of every venue share: a pinned clock (the fake's 15-minute history is
// built from it, so the client and the fake agree on which bar is running), a fake venue whose
// answers a test may rewrite, and the comparison of bars with the fake's own history.

export const QUARTER = 15 * 60_000;
/** 7.5 minutes into the 12:00 bar: the running bar opened at 12:00, the newest closed one at 11:45. */
export const NOW = Date.UTC(2026, 10, 20, 12, 7, 30);
export const RUNNING = Date.UTC(2026, 10, 20, 12, 0, 0);
const HALF = QUARTER / 2;

export function pinClock(): void {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
}

/** A rewrite of a JSON answer: the new body, or undefined to leave it. */
export type Rewrite = (req: FakeRequest, body: unknown) => unknown;

export function fakeVenue(venue: VenueId, handler: VenueHandler, rewrite?: Rewrite) {
  const state: FakeState = { markets: defaultMarkets(Date.now()), accounts: new Map() };
  const wrapped: VenueHandler = (req, s) => {
    const reply = handler(req, s);
    if (!reply || !rewrite || reply.status !== 200) return reply;
    const next = rewrite(req, JSON.parse(reply.body) as unknown);
    return next === undefined ? reply : { ...reply, body: JSON.stringify(next) };
  };
  const http = handlerHttp(venue, wrapped, state);
  const btc = state.markets.get('BTC');
  if (!btc) throw new Error('no BTC in the fake');
  return { state, http, btc };
}

/** The requests that went to `path`, as URLs. */
export function urlsOf(requests: readonly HttpRequest[], path: string): URL[] {
  return requests.filter((r) => r.url.pathname === path).map((r) => r.url);
}

/** The bars a cold start must return: the last 672 closed bars of the fake's 673 (its first only sets the starting OI). */
export function coldQuarters(m: FakeAsset): ZoneBar[] {
  expect(m.quarters).toHaveLength(673);
  expect(m.quarters.at(-1)?.time).toBe(RUNNING - QUARTER);
  return m.quarters.slice(1);
}

export function barsOf(r: Result<ZoneBars>): ZoneBarRow[] {
  if (!r.ok) throw new Error(`expected bars, got ${r.error.kind}: ${r.error.message}`);
  return r.value.bars;
}

/** Each bar against the fake's bar of the same time: prices, volume and OI exactly, the taker split as the venue publishes it. */
export function expectBars(bars: readonly ZoneBarRow[], quarters: readonly ZoneBar[], taker: 'published' | 'none', oi: 'venue' | 'none' = 'venue'): void {
  expect(bars.map((b) => b.time)).toEqual(quarters.map((q) => q.time));
  bars.forEach((b, i) => {
    const q = quarters[i];
    if (!q) throw new Error('more bars than quarters');
    expect([b.high, b.low, b.close], `prices at ${b.time}`).toEqual([q.high, q.low, q.close]);
    expect(b.volume, `volume at ${b.time}`).toBeCloseTo(q.volume, 9);
    if (taker === 'published') expect(b.takerBuy, `takerBuy at ${b.time}`).toBeCloseTo(q.takerBuy ?? NaN, 9);
    else expect(b.takerBuy).toBeNull();
    // The OI at the bar's CLOSE, to the digit: the fake's bar carries the OI at its close.
    expect(b.oi, `oi at ${b.time}`).toBe(oi === 'venue' ? q.oi : null);
  });
}

/** A request bound half a bar off the grid time `t` (the clients bound every page so). */
export const before = (t: number): string => String(t - HALF);
export const after = (t: number): string => String(t + HALF);
