// Venue faults in real browsers: a slice of the unit fault matrix (tests/faults/) through the real
// extension. Three rounds; in each, the five venues' BTC pages (one long, one short) are open in
// parallel tabs, each venue with another fault on its quote endpoint, so after three rounds every
// venue has met a 502 with an HTML body, a truncated JSON body and a 429 with Retry-After 30. The
// browser starts afresh each round: a cold background meets the fault, as after a browser restart.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fault } from '../fake-exchange/faults';
import { startFakeExchange, type FakeExchange, type RequestRecord } from '../fake-exchange/server';
import { junkIn } from '../faults/no-junk';
import { launch, waitFor, type BrowserName, type E2EBrowser, type E2EPage, E2E_BROWSERS } from './browsers';
import { probeMarketRows, type MarketProbe } from './probes';

const ARTIFACTS = 'artifacts/e2e';
mkdirSync(ARTIFACTS, { recursive: true });

/** The background's quote refresh (QUOTE_REFRESH_MS); the page asks twice per refresh. */
const REFRESH_MS = 30_000;
/** Slack for a busy machine: page reloads, the worker waking, the fake's own latency. */
const MARGIN_MS = 15_000;
/** How long each fault lasts from the round's start. */
const FAULT_MS = 20_000;
/** The background's hold after a failed quote (snapshot.ts): at most one request per this, per endpoint. */
const QUOTE_ERROR_HOLD_MS = 15_000;

interface VenueCase {
  venue: string;
  url: string;
  symbol: string;
  /** The quote endpoint the fault is set on (host + path, as the fake keys faults). */
  host: string;
  path: string;
  /** Requests to host+path in one healthy cold build (Hyperliquid's /info serves every kind of read). */
  perBuild: number;
}

const VENUES: VenueCase[] = [
  {
    venue: 'binance',
    url: 'https://www.binance.com/en/futures/BTCUSDT',
    symbol: 'BTCUSDT',
    host: 'fapi.binance.com',
    path: '/fapi/v1/premiumIndex',
    perBuild: 1,
  },
  { venue: 'bybit', url: 'https://www.bybit.com/trade/usdt/BTCUSDT', symbol: 'BTCUSDT', host: 'api.bybit.com', path: '/v5/market/tickers', perBuild: 1 },
  {
    venue: 'okx',
    url: 'https://www.okx.com/trade-swap/btc-usdt-swap',
    symbol: 'BTC-USDT-SWAP',
    host: 'www.okx.com',
    path: '/api/v5/public/mark-price',
    perBuild: 1,
  },
  { venue: 'hyperliquid', url: 'https://app.hyperliquid.xyz/trade/BTC', symbol: 'BTC', host: 'api.hyperliquid.xyz', path: '/info', perBuild: 6 },
  { venue: 'dydx', url: 'https://dydx.trade/trade/BTC-USD', symbol: 'BTC-USD', host: 'indexer.dydx.trade', path: '/v4/perpetualMarkets', perBuild: 2 },
  {
    venue: 'bitget',
    url: 'https://www.bitget.com/futures/usdt/BTCUSDT',
    symbol: 'BTCUSDT',
    host: 'api.bitget.com',
    path: '/api/v2/mix/market/ticker',
    perBuild: 1,
  },
  // The markets' state every GMX part starts from (shared for 25 s): one request a build. A trade page
  // whose title names BTC: its market is the index's deepest pool, under the watchlist's name.
  {
    venue: 'gmx',
    url: 'https://app.gmx.io/trade',
    symbol: 'BTC',
    host: 'arbitrum.gmxapi.io',
    path: '/v1/markets/info',
    perBuild: 1,
  },
  // Lighter's quote comes on its websocket; the market list it needs first (ids, margin fractions;
  // shared for an hour) is the REST endpoint every part starts from: one request a build.
  {
    venue: 'lighter',
    url: 'https://app.lighter.xyz/trade/BTC',
    symbol: 'BTC',
    host: 'mainnet.zklighter.elliot.ai',
    path: '/api/v1/orderBookDetails',
    perBuild: 1,
  },
];

interface FaultCase {
  name: string;
  fault: Fault;
  reason: string;
  /** Seconds the venue asked us to wait, if any. */
  retryAfterS?: number;
}

const FAULTS: FaultCase[] = [
  {
    name: '502 with an HTML body',
    fault: {
      kind: 'status',
      status: 502,
      contentType: 'text/html',
      body: '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>cloudflare</center></body></html>',
    },
    reason: 'http',
  },
  { name: 'truncated JSON', fault: { kind: 'truncated' }, reason: 'malformed' },
  {
    name: '429 with Retry-After 30',
    fault: { kind: 'status', status: 429, retryAfter: '30', body: '{"code":-1003,"msg":"Too many requests"}' },
    reason: 'rate-limited',
    retryAfterS: 30,
  },
];

interface BlockProbe {
  state: string | null;
  reason: string | null;
  age: string | null;
  side: string | null;
}

/** The panel's market block and position blocks: state, reason, age. Serialised into the page. */
function probeBlocks(): { market: BlockProbe | null; positions: BlockProbe[] } | null {
  const root = document.getElementById('perplens-root')?.shadowRoot;
  if (!root) return null;
  const read = (el: Element | null) =>
    el && {
      state: el.getAttribute('data-state'),
      reason: el.getAttribute('data-reason'),
      age: el.getAttribute('data-age-ms'),
      side: el.getAttribute('data-side'),
    };
  return {
    market: read(root.querySelector('[data-perplens-market]')),
    positions: Array.from(root.querySelectorAll('[data-perplens-position]')).map((el) => read(el) as BlockProbe),
  };
}

/** Stale with its age, or unavailable with its reason: the two defined states of a failed venue. */
function defined(b: BlockProbe | null, reason: string): boolean {
  if (!b) return false;
  if (b.state === 'unavailable') return b.reason === reason;
  return b.state === 'stale' && b.age !== null && Number(b.age) > 0;
}

const toVenue = (log: readonly RequestRecord[], v: VenueCase, from: number, to: number) =>
  log.filter((r) => r.host === v.host && r.path === v.path && r.time >= from && r.time <= to);

for (const name of E2E_BROWSERS) {
  describe(`venue faults in ${name}`, () => {
    let fake: FakeExchange;
    let browser: E2EBrowser | undefined;

    beforeAll(async () => {
      fake = await startFakeExchange({ port: name === 'firefox' ? 443 : 0 });
    });
    afterAll(async () => {
      await browser?.close();
      await fake?.close();
    });

    for (const round of [0, 1, 2]) {
      const cases = VENUES.map((v, i) => ({ v, f: FAULTS[(i + round) % FAULTS.length] as FaultCase }));
      it(`round ${round + 1}: ${cases.map((c) => `${c.v.venue} ${c.f.name}`).join(', ')}`, async () => {
        // A round that failed left its browser running: its tabs would keep asking the venues.
        await browser?.close();
        browser = undefined;
        for (const { v, f } of cases) fake.setFault(v.host, v.path, f.fault);
        const start = Date.now();
        browser = await launch(name, fake);
        const tabs: E2EPage[] = await Promise.all(cases.map(() => (browser as E2EBrowser).newPage()));
        await Promise.all(tabs.map((t, i) => t.goto(cases[i]?.v.url ?? '')));
        // Firefox's driver cannot open moz-extension:// pages: the popup is checked in Chromium.
        const popup = name === 'chromium' && browser.extensionId ? await browser.newPage() : null;
        await popup?.goto(`chrome-extension://${browser.extensionId}/src/popup/index.html`);

        const clearedAt = new Map<string, number>();
        const clear = (v: VenueCase) => {
          if (clearedAt.has(v.venue)) return;
          fake.setFault(v.host, v.path, null);
          clearedAt.set(v.venue, Date.now());
        };

        // Every venue's panel reaches a defined state, with nothing broken on screen.
        await Promise.all(
          cases.map(async ({ v, f }, i) => {
            const tab = tabs[i] as E2EPage;
            const seen = await waitFor(
              tab,
              probeBlocks,
              `${v.venue} (${f.name}): market and positions stale or unavailable`,
              (p) => defined(p.market, f.reason) && p.positions.length === 2 && p.positions.every((b) => defined(b, f.reason)),
              30_000,
            );
            expect(seen.market?.state).toBe('unavailable');
            expect(await tab.evaluate(junkIn), `${v.venue}: junk in the panel`).toEqual([]);
            await tab.screenshot(`${ARTIFACTS}/${name}-fault-${v.venue}-${f.name.replace(/\W+/g, '-')}.png`);
          }),
        );

        if (popup) {
          const rows = await waitFor(
            popup,
            probeMarketRows,
            'the popup rows of the five faulted BTC markets unavailable',
            (rs) =>
              cases.every(({ v, f }) => rs.some((r) => r.venue === v.venue && r.symbol === v.symbol && r.state === 'unavailable' && r.reason === f.reason)),
            30_000,
          );
          expect(rows.length).toBeGreaterThanOrEqual(cases.length);
          expect(await popup.evaluate(junkIn), 'junk in the popup').toEqual([]);
        }
        // The faults last past the page's next ask (every 15 s), so the counts below see the retries;
        // then the venues are healthy again (a 429's Retry-After still runs from its first answer).
        await new Promise((r) => setTimeout(r, Math.max(0, start + FAULT_MS - Date.now())));
        for (const { v } of cases) clear(v);

        // Recovery: within one refresh after the venue is healthy and its Retry-After has passed.
        await Promise.all(
          cases.map(async ({ v, f }, i) => {
            const tab = tabs[i] as E2EPage;
            const first = toVenue(fake.log, v, start, Date.now()).find((r) => r.fault !== null);
            if (!first) throw new Error(`${v.venue}: the fault was never hit`);
            const cleared = clearedAt.get(v.venue) ?? Date.now();
            const healthyFrom = Math.max(cleared, first.time + (f.retryAfterS ?? 0) * 1000);
            const deadline = healthyFrom + REFRESH_MS + MARGIN_MS;
            const ok = await waitFor(
              tab,
              probeBlocks,
              `${v.venue} (${f.name}) back to ok`,
              (p) => p.market?.state === 'ok' && p.positions.length === 2 && p.positions.every((b) => b.state === 'ok'),
              Math.max(1_000, deadline - Date.now()),
            );
            expect(ok.market?.state).toBe('ok');
            expect(await tab.evaluate(junkIn), `${v.venue}: junk after recovery`).toEqual([]);

            // Requests while the fault was on: the venue's wait obeyed, otherwise one per error hold.
            const during = toVenue(fake.log, v, start, cleared);
            const spanMs = Math.max(0, cleared - first.time);
            if (f.retryAfterS) {
              // Inside Retry-After no request may be asked again: not the faulted one, nor any other
              // already asked. The first request of each other endpoint of the cold load was sent with
              // the faulted one, before its answer, and on a loaded machine may arrive a second later.
              const asked = new Set<string>();
              const early = fake.log.filter((r) => {
                if (r.host !== v.host || r.time < start) return false;
                const key = `${r.path}?${r.query}${r.body}`;
                const repeat = asked.has(key) || r.path === v.path;
                asked.add(key);
                return repeat && r.time > first.time + 1_000 && r.time < first.time + (f.retryAfterS ?? 0) * 1000 - 500;
              });
              const timeline = fake.log
                .filter((r) => r.host === v.host && r.time >= start)
                .map((r) => `${r.time - first.time} ${r.fault ?? 'ok'} ${r.path} ${r.body.slice(0, 30)}`);
              expect(early.length, `${v.venue}: requests inside Retry-After; cleared at ${cleared - first.time}:\n${timeline.join('\n')}`).toBe(0);
            }
            const bound = v.perBuild * (Math.ceil(spanMs / QUOTE_ERROR_HOLD_MS) + 2);
            console.log(`${name} ${v.venue} ${f.name}: ${during.length} requests to ${v.host}${v.path} in ${Math.round(spanMs / 1000)} s (bound ${bound})`);
            expect(during.length, `${v.venue}: requests to ${v.path} while faulted`).toBeLessThanOrEqual(bound);
          }),
        );

        if (popup) {
          const rows = await waitFor(
            popup,
            probeMarketRows,
            'popup rows ok again',
            (rs: MarketProbe[]) => cases.every(({ v }) => rs.some((r) => r.venue === v.venue && r.symbol === v.symbol && r.state === 'ok')),
            REFRESH_MS + MARGIN_MS,
          );
          expect(rows.length).toBeGreaterThan(0);
          expect(await popup.evaluate(junkIn), 'junk in the popup after recovery').toEqual([]);
          expect(popup.errors(), 'errors in the popup').toEqual([]);
        }
        for (const [i, tab] of tabs.entries()) expect(tab.errors(), `${cases[i]?.v.venue}: errors on the page`).toEqual([]);
        await browser.close();
        browser = undefined;
      }, 180_000);
    }
  });
}
