import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lighterMarketBySymbol } from '../fake-exchange/lighter-markets';
import { startFakeExchange, type FakeExchange } from '../fake-exchange/server';
import { launch, waitFor, type E2EBrowser, type E2EPage, E2E_BROWSERS } from './browsers';
import { knownNumber as num, NOT_A_NUMBER, probeMarket, probePositions } from './probes';

// Lighter end to end: its positions table (tests/pages/lighter/e2e-long-short.html, read by its test
// ids and captions), the fake REST API and the market_stats websocket under their real hostnames.
// The quote comes only on the socket: one connection for every Lighter market and tab. Every figure
// is worked out here from the fake's state.

const LONG = { size: 0.5, entry: 59_000, liq: 56_300.5, margin: 1_475 };
const SHORT = { size: 0.3, entry: 61_000, liq: 63_800, margin: 915 };
const HOUR = 3_600_000;

for (const name of E2E_BROWSERS) {
  describe(`Lighter in ${name}`, () => {
    let fake: FakeExchange;
    let browser: E2EBrowser;

    beforeAll(async () => {
      fake = await startFakeExchange({ port: name === 'firefox' ? 443 : 0 });
      browser = await launch(name, fake);
    });
    afterAll(async () => {
      await browser?.close();
      await fake?.close();
    });

    it('a long and a short on BTC: the quote from the websocket, hourly funding, the maintenance liquidation check', async () => {
      const page = await browser.newPage();
      await page.goto('https://app.lighter.xyz/trade/BTC');
      const ps = await waitFor(page, probePositions, 'lighter positions ok', (xs) => xs.length === 2 && xs.every((p) => p.state === 'ok'), 30_000);
      const btc = fake.markets.get('BTC');
      const market = lighterMarketBySymbol('BTC');
      if (!btc || !market) throw new Error('no BTC market in the fake');
      const mmf = market.mmf / 10_000;
      const hourly = btc.fundingRate8h / 8;
      for (const [pos, side] of [
        [LONG, 'long'],
        [SHORT, 'short'],
      ] as const) {
        const p = ps.find((x) => x.side === side);
        if (!p) throw new Error(`no ${side}`);
        expect([p.venue, p.symbol]).toEqual(['lighter', 'BTC']);
        // The mark the socket pushed (the page prints the same figure).
        expect(num(p, 'mark-price')).toBeCloseTo(btc.markPrice, 6);
        expect(num(p, 'liq-price')).toBeCloseTo(pos.liq, 6);
        expect(p.fields['liq-source']?.value).toBe('page');
        // PerpLens's check: maintenance valued at the liquidation price, one fraction for any size.
        const s = side === 'long' ? 1 : -1;
        const computed = (pos.entry * pos.size - s * pos.margin) / (pos.size * (1 - s * mmf));
        expect(num(p, 'liq-computed')).toBeCloseTo(computed, 4);
        expect(num(p, 'liq-distance')).toBeCloseTo((s * (btc.markPrice - pos.liq)) / btc.markPrice, 12);
        // Hourly funding, a signed percent on the socket: the fake's 8-hour rate ÷ 8.
        expect(num(p, 'funding-rate')).toBeCloseTo(hourly, 12);
        expect(num(p, 'funding-interval-hours')).toBe(1);
        expect(num(p, 'next-funding') % HOUR).toBe(0);
        expect(num(p, 'next-funding')).toBeGreaterThan(Date.now() - 5_000);
        expect(num(p, 'next-funding')).toBeLessThanOrEqual(Date.now() + HOUR);
        const perDay = s * hourly * pos.size * btc.markPrice * 24;
        expect(num(p, 'funding-per-day') / perDay).toBeCloseTo(1, 6);
        expect(p.fields['borrowing-rate']?.title).toMatch(/no borrowing fee/);
        expect(p.text).not.toMatch(NOT_A_NUMBER);
      }
      const m = await waitFor(page, probeMarket, 'lighter market block', (x) => x?.state === 'ok', 15_000);
      expect([m?.venue, m?.symbol]).toEqual(['lighter', 'BTC']);
      // Mark and index both from the socket: the premium between them.
      expect(Number(m?.fields.premium?.value)).toBeCloseTo((btc.markPrice - btc.indexPrice) / btc.indexPrice, 9);
      // No OI history is published: recorded from the socket's open interest while watched.
      expect(m?.fields['oi-change']?.text).toMatch(/since watching|not yet/);
      expect(fake.lighterStream.openNow()).toBe(1);
      await page.close();
    });

    it('ten tabs on three Lighter markets share one websocket', async () => {
      const before = fake.lighterStream.connections;
      const pages: E2EPage[] = [];
      for (let i = 0; i < 10; i++) {
        const page = await browser.newPage();
        void page.goto(`https://app.lighter.xyz/trade/${['BTC', 'ETH', 'SOL'][i % 3] ?? 'BTC'}`).catch(() => undefined);
        pages.push(page);
      }
      for (const page of pages) await waitFor(page, probeMarket, 'lighter tab ok', (p) => p?.state === 'ok', 45_000);
      expect(fake.lighterStream.openNow()).toBe(1);
      // The socket the first test opened is still up (its idle time outlasts this test's start).
      expect(fake.lighterStream.connections - before).toBeLessThanOrEqual(1);
      for (const page of pages) await page.close();
    }, 120_000);

    it('a socket that closes: the quote turns stale with the reason, and comes back once the venue does', async () => {
      const page = await browser.newPage();
      await page.goto('https://app.lighter.xyz/trade/SOL');
      await waitFor(page, probeMarket, 'lighter SOL ok', (p) => p?.state === 'ok', 30_000);
      const before = fake.lighterStream.connections;
      fake.lighterStream.setFault('close');
      try {
        const stale = await waitFor(page, probeMarket, 'lighter SOL stale after the socket closed', (p) => p?.state === 'stale', 70_000);
        // Stale at once, with the reason where the quote's source is told (the premium's hover).
        expect(stale?.fields.premium?.title).toMatch(/last refresh failed: Lighter's stream is (down|still connecting)/);
        expect(stale?.text).not.toMatch(NOT_A_NUMBER);
        // The last good mark stays on screen, with its age.
        expect(Number(stale?.fields['mark-price']?.value)).toBeGreaterThan(0);
      } finally {
        fake.lighterStream.setFault(null);
      }
      const healthy = await waitFor(page, probeMarket, 'lighter SOL live again', (p) => p?.state === 'ok', 120_000);
      expect(Number(healthy?.fields['mark-price']?.value)).toBeGreaterThan(0);
      // It tried again, with a backoff: a handful of connections, not one a second.
      const tries = fake.lighterStream.connections - before;
      expect(tries).toBeGreaterThanOrEqual(1);
      expect(tries).toBeLessThanOrEqual(8);
      expect(fake.lighterStream.openNow()).toBe(1);
      await page.close();
    }, 240_000);

    it('a stalled socket and one sending garbage are each told, dropped and connected again', async () => {
      const page = await browser.newPage();
      await page.goto('https://app.lighter.xyz/trade/ETH');
      await waitFor(page, probeMarket, 'lighter ETH ok', (p) => p?.state === 'ok', 30_000);
      for (const [fault, withinMs] of [
        // Silence (no update, no ping, no pong) for 45 s is a stalled socket.
        ['stall', 75_000],
        // Twenty unreadable messages in a row (the fake sends one a second).
        ['garbage', 50_000],
      ] as const) {
        const before = fake.lighterStream.connections;
        fake.lighterStream.setFault(fault);
        try {
          await expect
            .poll(() => fake.lighterStream.connections, { timeout: withinMs, interval: 1_000, message: `a new connection after ${fault}` })
            .toBeGreaterThan(before);
        } finally {
          fake.lighterStream.setFault(null);
        }
        // Healthy again: the connection it makes now gets the stats, and the quote is live.
        await expect.poll(() => fake.lighterStream.openNow(), { timeout: 60_000, interval: 1_000 }).toBe(1);
        const live = await waitFor(page, probeMarket, `lighter ETH live after ${fault}`, (p) => p?.state === 'ok', 90_000);
        expect(live?.text).not.toMatch(NOT_A_NUMBER);
      }
      await page.close();
    }, 400_000);
  });
}
