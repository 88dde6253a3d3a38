// Hostile and broken pages in real browsers (issue 7): the page's markup never becomes PerpLens's
// markup, the page cannot steer the panel or the background, and churn, route storms and huge
// tables cost no runaway CPU. Pages: tests/fake-exchange/hostile-pages.ts (?hostile=<kind>).
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INJECTED_SYMBOL } from '../fake-exchange/hostile-pages';
import { startFakeExchange, type FakeExchange } from '../fake-exchange/server';
import { launch, waitFor, type BrowserName, type E2EBrowser, type E2EPage, E2E_BROWSERS } from './browsers';
import { NOT_A_NUMBER, probeMarket, probePositions, type PositionProbe } from './probes';

const ARTIFACTS = 'artifacts/e2e';
mkdirSync(ARTIFACTS, { recursive: true });

const URL_BASE = 'https://www.binance.com/en/futures/BTCUSDT';
// The e2e page's positions (tests/pages/binance/e2e-long-short.html).
const LONG = { mark: 60_000.12, liq: 56_300.5 };
const SHORT = { mark: 60_000.12, liq: 63_800 };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const value = (p: PositionProbe | undefined, field: string): number => Number(p?.fields[field]?.value ?? NaN);

/** The hedge pair as the real table says, both ok. */
const pairOk = (ps: PositionProbe[]): boolean => {
  const long = ps.find((p) => p.symbol === 'BTCUSDT' && p.side === 'long');
  const short = ps.find((p) => p.symbol === 'BTCUSDT' && p.side === 'short');
  return long?.state === 'ok' && short?.state === 'ok';
};

function expectRealFigures(ps: PositionProbe[]): void {
  const long = ps.find((p) => p.symbol === 'BTCUSDT' && p.side === 'long');
  const short = ps.find((p) => p.symbol === 'BTCUSDT' && p.side === 'short');
  expect(value(long, 'liq-distance')).toBeCloseTo((LONG.mark - LONG.liq) / LONG.mark, 12);
  expect(value(short, 'liq-distance')).toBeCloseTo((SHORT.liq - SHORT.mark) / SHORT.mark, 12);
  expect(value(long, 'mark-price')).toBeCloseTo(LONG.mark, 6);
  for (const p of ps) {
    expect(p.symbol).not.toBe(INJECTED_SYMBOL);
    expect(p.text).not.toMatch(NOT_A_NUMBER);
  }
}

/** What ran in the page's main world because of the hostile text: nothing, if PerpLens wrote text only. */
const pwned = (): unknown => (window as unknown as { __pwned?: unknown }).__pwned ?? null;

/** Elements in the panel that the hostile text describes, and raw markup in its serialisation. */
function panelInjection(): { elements: number; raw: boolean } | null {
  const root = document.getElementById('perplens-root')?.shadowRoot;
  if (!root) return null;
  const elements = root.querySelectorAll('script, iframe, img, [onerror], [onload], a[href^="javascript:"], [srcdoc]').length;
  const html = root.innerHTML;
  return { elements, raw: /<img src=x|<script>window|<iframe srcdoc|<svg\/onload/.test(html) };
}

/** Main-thread time over a window, as a fraction of wall time (Chromium only; null elsewhere). */
async function busyFraction(page: E2EPage, during: () => Promise<void>): Promise<number | null> {
  if (!page.mainThreadSeconds) {
    await during();
    return null;
  }
  const t0 = Date.now();
  const a = await page.mainThreadSeconds();
  await during();
  const b = await page.mainThreadSeconds();
  const wall = (Date.now() - t0) / 1000;
  const fraction = (b - a) / wall;
  console.info(`main thread busy ${(fraction * 100).toFixed(1)}% of ${wall.toFixed(1)} s`);
  return fraction;
}

/** A main-world round trip: a tab whose main thread is stuck answers late. */
async function roundTripMs(page: E2EPage): Promise<number> {
  const t0 = Date.now();
  await page.evaluate(() => document.title.length);
  return Date.now() - t0;
}

const MAX_BUSY = 0.5;
// The churn page itself clones and lays out the table 60 times a second (about half of the main
// thread in Chromium here, PerpLens included): the bound there only catches a runaway.
const MAX_BUSY_CHURN = 0.75;

for (const name of E2E_BROWSERS) {
  describe(`hostile pages in ${name}`, () => {
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

    it('markup and script as text in every cell of a row: nothing runs, the panel holds text only', async () => {
      const page = await browser.newPage();
      await page.goto(`${URL_BASE}?hostile=markup`);
      const ps = await waitFor(
        page,
        probePositions,
        'the short read, the hostile long not ok',
        (xs) => xs.some((p) => p.side === 'short' && p.state === 'ok'),
        25_000,
      );
      // Long enough for a re-render or two after the first read.
      await sleep(3_000);
      expect(await page.evaluate(pwned)).toBeNull();
      const injected = await page.evaluate(panelInjection);
      expect(injected).toEqual({ elements: 0, raw: false });
      const after = (await page.evaluate(probePositions)) ?? ps;
      expect(after.some((p) => p.side === 'long' && p.state === 'ok')).toBe(false);
      const short = after.find((p) => p.side === 'short');
      expect(value(short, 'liq-distance')).toBeCloseTo((SHORT.liq - SHORT.mark) / SHORT.mark, 12);
      for (const p of after) expect(p.text).not.toMatch(NOT_A_NUMBER);
      expect(page.errors()).toEqual([]);
      await page.screenshot(`${ARTIFACTS}/${name}-hostile-markup.png`);
      await page.close();
    });

    it('look-alike messages, events, attributes and a decoy root: the panel shows the real table, no injected request', async () => {
      const from = Date.now();
      const page = await browser.newPage();
      await page.goto(`${URL_BASE}?hostile=lookalike`);
      const ps = await waitFor(page, probePositions, 'the real pair ok', pairOk, 25_000);
      expectRealFigures(ps);
      // The decoy is gone or is not what the contract finds first.
      const decoyFirst = await page.evaluate(() => document.getElementById('perplens-root')?.hasAttribute('data-decoy') ?? null);
      expect(decoyFirst).toBe(false);
      // Keep the page spamming for a while, then look again.
      await sleep(5_000);
      expect(await page.evaluate(() => (window as unknown as { __spams?: number }).__spams ?? 0)).toBeGreaterThan(10);
      const later = await waitFor(page, probePositions, 'the real pair still ok', pairOk, 10_000);
      expectRealFigures(later);
      expect((await page.evaluate(probeMarket))?.symbol).toBe('BTCUSDT');
      const injected = fake.log.filter(
        (r) => r.time >= from && (r.query.includes(INJECTED_SYMBOL) || r.body.includes(INJECTED_SYMBOL) || r.path.includes(INJECTED_SYMBOL)),
      );
      expect(injected).toEqual([]);
      // The spam asked for Hyperliquid positions of an address and for Bybit: nothing went there.
      expect(fake.log.filter((r) => r.time >= from && (r.host === 'api.hyperliquid.xyz' || r.host === 'api.bybit.com'))).toEqual([]);
      expect(page.errors()).toEqual([]);
      await page.close();
    });

    it("the page rewrites the panel's data-value attributes through the open shadow root: the panel restores the real figures", async () => {
      const page = await browser.newPage();
      await page.goto(`${URL_BASE}?hostile=lookalike`);
      await waitFor(page, probePositions, 'the real pair ok', pairOk, 25_000);
      const touched = await page.evaluate(() => (window as unknown as { __tamper(): number }).__tamper());
      expect(touched).toBeGreaterThan(0);
      const restored = await waitFor(
        page,
        probePositions,
        'the real figures back after tampering',
        (xs) => {
          const long = xs.find((p) => p.side === 'long');
          return pairOk(xs) && Math.abs(value(long, 'liq-distance') - (LONG.mark - LONG.liq) / LONG.mark) < 1e-12;
        },
        15_000,
      );
      expectRealFigures(restored);
      await page.close();
    });

    it('the positions container replaced every frame for 10 s: no errors, bounded CPU, figures right', async () => {
      const page = await browser.newPage();
      await page.goto(`${URL_BASE}?hostile=churn`);
      await waitFor(page, probePositions, 'the pair ok before the churn', pairOk, 25_000);
      const busy = await busyFraction(page, async () => {
        await page.evaluate(() => (window as unknown as { __startChurn(ms: number): void }).__startChurn(10_000));
        await sleep(10_000);
      });
      const churned = await page.evaluate(() => (window as unknown as { __churned?: number }).__churned ?? 0);
      expect(churned).toBeGreaterThan(50);
      if (busy !== null) expect(busy).toBeLessThan(MAX_BUSY_CHURN);
      const ps = await waitFor(page, probePositions, 'the pair ok after the churn', pairOk, 10_000);
      expectRealFigures(ps);
      expect(await roundTripMs(page)).toBeLessThan(2_000);
      expect(page.errors()).toEqual([]);
      await page.close();
    });

    it('20 route changes within 2 s, then settled: the panel ends on the final symbol with the right figures', async () => {
      const page = await browser.newPage();
      await page.goto(URL_BASE);
      await waitFor(page, probePositions, 'the pair ok before the routes', pairOk, 25_000);
      const from = Date.now();
      const busy = await busyFraction(page, async () => {
        await page.evaluate(async () => {
          const symbols = ['ETHUSDT', 'SOLUSDT', 'BTCUSDT', 'XRPUSDT', 'DOGEUSDT'];
          for (let i = 0; i < 20; i++) {
            // Listed, unlisted and the current symbol mixed; the last route is ETHUSDT.
            const s = symbols[(i + 1) % symbols.length] ?? 'ETHUSDT';
            history.pushState({}, '', `/en/futures/${i === 19 ? 'ETHUSDT' : s}`);
            await new Promise((r) => setTimeout(r, 95));
          }
        });
        await sleep(8_000);
      });
      if (busy !== null) expect(busy).toBeLessThan(MAX_BUSY);
      const market = await waitFor(page, probeMarket, 'the market block on ETHUSDT', (m) => m.symbol === 'ETHUSDT' && m.state === 'ok', 25_000);
      expect(Number(market.fields['mark-price']?.value)).toBeCloseTo(2_986.3, 6);
      expect(market.text).not.toMatch(NOT_A_NUMBER);
      // The page's table still shows the BTCUSDT pair: read right whatever the route.
      const ps = await waitFor(page, probePositions, 'the pair ok after the routes', pairOk, 15_000);
      expectRealFigures(ps);
      // Only the symbols the routes named were asked for; a symbol the venue does not list is not retried in a loop.
      const asked = fake.log.filter((r) => r.time >= from && r.host === 'fapi.binance.com' && /symbol=DOGEUSDT/.test(r.query));
      expect(asked.length).toBeLessThanOrEqual(10);
      expect(page.errors()).toEqual([]);
      await page.close();
    });

    it('a table of 10 000 positions rows: the panel shows, the tab stays responsive, CPU settles', async () => {
      const page = await browser.newPage();
      await page.goto(`${URL_BASE}?hostile=big`);
      expect(await page.evaluate(() => (window as unknown as { __rows?: number }).__rows ?? 0)).toBe(10_000);
      const t0 = Date.now();
      const ps = await waitFor(page, probePositions, 'positions from the big table', (xs) => xs.some((p) => p.side === 'long' && p.state === 'ok'), 40_000);
      console.info(`big table: panel up ${Date.now() - t0} ms after load`);
      const long = ps.find((p) => p.side === 'long' && p.state === 'ok');
      expect(value(long, 'liq-distance')).toBeCloseTo((LONG.mark - LONG.liq) / LONG.mark, 12);
      expect(ps.every((p) => p.symbol === 'BTCUSDT')).toBe(true);
      const rounds: number[] = [];
      const busy = await busyFraction(page, async () => {
        for (let i = 0; i < 10; i++) {
          rounds.push(await roundTripMs(page));
          await sleep(1_000);
        }
      });
      console.info(`big table: ${ps.length} positions shown, round trips ${rounds.join(', ')} ms`);
      expect(Math.max(...rounds)).toBeLessThan(2_000);
      if (busy !== null) expect(busy).toBeLessThan(MAX_BUSY);
      expect(page.errors()).toEqual([]);
      await page.screenshot(`${ARTIFACTS}/${name}-hostile-big.png`);
      await page.close();
    }, 180_000);
  });
}
