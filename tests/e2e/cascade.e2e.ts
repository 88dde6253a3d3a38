import { describe, expect, it } from 'vitest';
import { ACCOUNT_LONG_SHARE, pastTotals, TOP_LONG_SHARE } from '../fake-exchange/cascade';
import type { StreamHost } from '../fake-exchange/streams';
import { waitFor, withBrowser, type BrowserName, type E2EPage, E2E_BROWSERS } from './browsers';
import { NOT_A_NUMBER, probeMarket, type MarketProbe } from './probes';
import { CROWDING_FIELDS, FLOW_FIELD_NAMES } from '../contract-fields';

// Liquidation flow and crowding in the real extension, in both browsers, against the stand-in:
// Binance's and Bybit's liquidation websockets (served under their real hosts, a burst of five
// liquidations per connection), OKX's liquidation history and dYdX's LIQUIDATED trades (a fixed
// history), and the account ratios. Every expected figure comes from the stand-in's own tables.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const num = (p: MarketProbe, f: string) => Number(p.fields[f]?.value ?? NaN);
const known = (p: MarketProbe, f: string) => /^\d/.test(p.fields[f]?.value ?? '');

async function market(page: E2EPage, url: string, what: string, ok: (p: MarketProbe) => boolean, ms = 45_000): Promise<MarketProbe> {
  await page.goto(url);
  return waitFor(page, probeMarket, what, ok, ms);
}

/** What a stream sent on the symbol's connections so far, by side, in quote currency. */
function sentTotals(fake: ReturnType<typeof withBrowser>['fake'], host: StreamHost, symbol: string, since: number) {
  const mine = fake.streams.sent.filter((s) => s.host === host && s.symbol === symbol && s.time >= since);
  return {
    long: mine.filter((s) => s.side === 'long').reduce((a, s) => a + s.notional, 0),
    short: mine.filter((s) => s.side === 'short').reduce((a, s) => a + s.notional, 0),
  };
}

for (const name of E2E_BROWSERS) {
  describe(`liquidation flow and crowding in ${name}`, () => {
    const env = withBrowser(name);
    /** When each stream's page was closed: nobody shows its market from then on. */
    const closedAt = new Map<StreamHost, number>();

    for (const v of [
      { venue: 'binance', url: 'https://www.binance.com/en/futures/ETHUSDT', host: 'fstream.binance.com', symbol: 'ETHUSDT', asset: 'ETH' },
      { venue: 'bybit', url: 'https://www.bybit.com/trade/usdt/SOLUSDT', host: 'stream.bybit.com', symbol: 'SOLUSDT', asset: 'SOL' },
    ] as const) {
      it(`${v.venue}: the liquidation websocket's burst, summed by side, covered since it opened; a closed stream reconnects and its coverage restarts`, async () => {
        const { fake, browser } = env;
        const page = await browser.newPage();
        const started = Date.now();
        const burstIn = (p: MarketProbe) => {
          const sent = sentTotals(fake, v.host, v.symbol, started);
          return known(p, 'liquidations-long-1h') && sent.long > 0 && Math.abs(num(p, 'liquidations-long-1h') - sent.long) < 1e-6 * sent.long;
        };
        const first = await market(page, v.url, `${v.venue} stream totals`, (p) => burstIn(p) && num(p, 'liquidations-short-1h') > 0);
        const sent = sentTotals(fake, v.host, v.symbol, started);
        expect(num(first, 'liquidations-short-1h')).toBeCloseTo(sent.short, 6);
        expect(num(first, 'liquidations-long-24h')).toBeCloseTo(sent.long, 6);
        for (const f of FLOW_FIELD_NAMES) {
          const covered = Number(first.fields[f]?.covered ?? NaN);
          expect(covered, f).toBeGreaterThanOrEqual(0);
          expect(covered, f).toBeLessThan(5 * 60_000);
          expect(first.fields[f]?.text, f).toMatch(/ since \d/);
          expect(first.fields[f]?.title, f).toMatch(/a floor: the venue publishes at most about one liquidation per market per second/);
        }
        expect(fake.streams.openNow(v.host)).toBe(1);

        // The venue drops the connection and refuses new ones for a while: PerpLens retries with a
        // growing wait (2 s, then 4 s, 8 s …), not in a loop; once the venue is back, the stream resumes.
        const before = fake.streams.connections.get(v.host) ?? 0;
        fake.streams.setFault(v.host, 'close');
        await new Promise((r) => setTimeout(r, 12_000));
        const tries = (fake.streams.connections.get(v.host) ?? 0) - before;
        expect(tries, 'reconnects in 12 s while refused').toBeGreaterThanOrEqual(2);
        expect(tries, 'reconnects in 12 s while refused').toBeLessThanOrEqual(4);
        fake.streams.setFault(v.host, null);
        const reopened = Date.now();
        const again = await waitFor(
          page,
          probeMarket,
          `${v.venue} stream back`,
          (p) => {
            const s = sentTotals(fake, v.host, v.symbol, reopened);
            return s.long > 0 && Math.abs(num(p, 'liquidations-long-1h') - s.long) < 1e-6 * s.long;
          },
          60_000,
        );
        // Coverage restarted with the new connection: what was seen before the gap is not counted.
        expect(Number(again.fields['liquidations-long-1h']?.covered)).toBeLessThan(Date.now() - reopened + 5_000);
        expect(again.text).not.toMatch(NOT_A_NUMBER);
        await page.close();
        closedAt.set(v.host, Date.now());
      }, 150_000);
    }

    it('okx and dydx: the polled liquidation history, summed by side over 1 h and 24 h with what it covers', async () => {
      const { fake, browser } = env;
      for (const v of [
        { venue: 'okx' as const, url: 'https://www.okx.com/trade-swap/eth-usdt-swap', asset: 'ETH' },
        { venue: 'dydx' as const, url: 'https://dydx.trade/trade/ETH-USD', asset: 'ETH' },
      ]) {
        const m = fake.markets.get(v.asset);
        if (!m) throw new Error('asset');
        const page = await browser.newPage();
        const p = await market(page, v.url, `${v.venue} flow`, (x) => known(x, 'liquidations-long-1h') && known(x, 'liquidations-short-24h'));
        const hour = pastTotals(m, 60, v.venue);
        expect(num(p, 'liquidations-long-1h'), v.venue).toBeCloseTo(hour.long, 4);
        expect(num(p, 'liquidations-short-1h'), v.venue).toBeCloseTo(hour.short, 4);
        expect(Number(p.fields['liquidations-long-1h']?.covered)).toBe(HOUR);
        const dayCovered = Number(p.fields['liquidations-long-24h']?.covered);
        if (v.venue === 'okx') {
          // Fewer than a full page of orders: OKX's whole last day is in the answer.
          expect(dayCovered).toBe(DAY);
          const day = pastTotals(m, 24 * 60, 'okx');
          expect(num(p, 'liquidations-long-24h')).toBeCloseTo(day.long, 4);
          expect(num(p, 'liquidations-short-24h')).toBeCloseTo(day.short, 4);
        } else {
          // A full page of trades reaches back about 16 hours: the day is covered only that far, and said so.
          expect(dayCovered).toBeGreaterThan(14 * HOUR);
          expect(dayCovered).toBeLessThan(18 * HOUR);
          expect(p.fields['liquidations-long-24h']?.text).toMatch(/ since \d/);
        }
        await page.close();
      }
    }, 120_000);

    it('crowding: the accounts and top traders where the venue publishes them, "not published" elsewhere', async () => {
      const { browser } = env;
      const page = await browser.newPage();
      const b = await market(
        page,
        'https://www.binance.com/en/futures/ETHUSDT',
        'binance crowding',
        (x) => known(x, 'long-share-accounts') && known(x, 'taker-buy-share'),
      );
      const eth = ACCOUNT_LONG_SHARE.ETH ?? [];
      expect(num(b, 'long-share-accounts')).toBeCloseTo(eth[5] ?? NaN, 4);
      expect(Number(b.fields['long-share-accounts']?.change4h)).toBeCloseTo((eth[5] ?? 0) - (eth[1] ?? 0), 4);
      expect(num(b, 'long-share-top-positions')).toBeCloseTo(TOP_LONG_SHARE.ETH?.[5] ?? NaN, 4);
      expect(num(b, 'taker-buy-share')).toBeGreaterThan(0);
      expect(num(b, 'taker-buy-share')).toBeLessThan(1);

      const y = await market(page, 'https://www.bybit.com/trade/usdt/SOLUSDT', 'bybit crowding', (x) => known(x, 'long-share-accounts'));
      expect(num(y, 'long-share-accounts')).toBeCloseTo(ACCOUNT_LONG_SHARE.SOL?.[5] ?? NaN, 4);
      for (const f of ['long-share-top-positions', 'taker-buy-share']) expect(y.fields[f]?.title, f).toMatch(/^not published by Bybit/);

      const o = await market(
        page,
        'https://www.okx.com/trade-swap/sol-usdt-swap',
        'okx crowding',
        (x) => known(x, 'long-share-accounts') && known(x, 'long-share-top-positions'),
      );
      // OKX publishes ratios (long ÷ short, four decimals): read back as shares.
      expect(num(o, 'long-share-accounts')).toBeCloseTo(ACCOUNT_LONG_SHARE.SOL?.[5] ?? NaN, 3);
      expect(num(o, 'long-share-top-positions')).toBeCloseTo(TOP_LONG_SHARE.SOL?.[5] ?? NaN, 3);

      // Bitget publishes the accounts' shares only: no top-trader share, no taker split, no liquidations.
      const bg = await market(page, 'https://www.bitget.com/futures/usdt/SOLUSDT', 'bitget crowding', (x) => known(x, 'long-share-accounts'));
      expect(num(bg, 'long-share-accounts')).toBeCloseTo(ACCOUNT_LONG_SHARE.SOL?.[5] ?? NaN, 3);
      for (const f of ['long-share-top-positions', 'taker-buy-share']) expect(bg.fields[f]?.title, f).toMatch(/^not published by Bitget/);
      for (const f of FLOW_FIELD_NAMES) expect(bg.fields[f]?.title, f).toMatch(/^not published by Bitget/);

      for (const [url, venue] of [
        ['https://app.hyperliquid.xyz/trade/ETH', 'Hyperliquid'],
        ['https://dydx.trade/trade/ETH-USD', 'dYdX'],
        // GMX publishes both sides' open interest instead, which the regime's crowded side reads (gmx.e2e.ts).
        ['https://app.gmx.io/trade?market=ETH&pool=WETH-USDC', 'GMX'],
        ['https://app.lighter.xyz/trade/ETH', 'Lighter'],
      ] as const) {
        const x = await market(page, url, `${venue} crowding`, (p) => p.state === 'ok' && p.fields['long-share-accounts'] !== undefined);
        for (const f of CROWDING_FIELDS) {
          expect(x.fields[f]?.value, `${venue} ${f}`).toBe('');
          expect(x.fields[f]?.title, `${venue} ${f}`).toMatch(new RegExp(`^not published by ${venue}`));
        }
        if (venue === 'Hyperliquid')
          for (const f of FLOW_FIELD_NAMES) expect(x.fields[f]?.title, f).toMatch(/^not published by Hyperliquid: it has no market-wide liquidation feed/);
      }
      await page.close();
      // This page showed the Binance and Bybit markets again: their streams live 75 s from then at most.
      for (const host of ['fstream.binance.com', 'stream.bybit.com'] as const) closedAt.set(host, Date.now());
    }, 180_000);

    it('a stream is let go once no view shows its market (75 s after the last ask)', async () => {
      const { fake } = env;
      for (const host of ['fstream.binance.com', 'stream.bybit.com'] as const) {
        const closed = closedAt.get(host);
        if (closed === undefined) throw new Error(`${host}'s test did not run`);
        await expect.poll(() => fake.streams.openNow(host), { timeout: Math.max(1_000, closed + 100_000 - Date.now()), interval: 1_000 }).toBe(0);
      }
    }, 120_000);
  });
}
