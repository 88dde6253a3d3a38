import { afterEach, describe, expect, it } from 'vitest';
import { startFakeExchange, type FakeExchange } from '../fake-exchange/server';
import { launch, waitFor, type BrowserName, type E2EBrowser, E2E_BROWSERS } from './browsers';
import { NOT_A_NUMBER, probePositions, type PositionProbe } from './probes';

// When Binance's bracket table cannot be fetched, PerpLens's bundled copy (possibly outdated) can
// become the liquidation price behind the distance. The card must say so where the trader looks,
// with the copy's date. The fake exchange serves a live table that differs from the bundled one
// (first bracket 0.5% instead of 0.4%), so the figure tells which table it came from.

const URL_ = 'https://www.binance.com/en/futures/BTCUSDT';
const BRACKETS_PATH = '/bapi/futures/v1/friendly/future/common/brackets';
/** Each row: floor, cap, maintenance rate, cum (cum(n) = cum(n−1) + floor(n)·(m(n) − m(n−1))). */
const LIVE_TABLE = [
  [0, 300_000, 0.005, 0],
  [300_000, 800_000, 0.0065, 450],
] as const;

// The page's isolated long: 0.5 BTC at 59,000 with 1,475 USDT margin. Its liquidation cell is blanked,
// so PerpLens computes the price (risk-math: LP = (Q·EP − WB − cum) / (Q·(1 − MMR)) for a long).
const lp = (mmr: number) => (0.5 * 59_000 - 1_475) / (0.5 * (1 - mmr));
const LIVE_LP = lp(0.005); // 56,331.66
const BUNDLED_LP = lp(0.004); // 56,275.10

const long = (ps: PositionProbe[]) => ps.find((p) => p.side === 'long');

for (const name of E2E_BROWSERS) {
  describe(`bundled margin tiers in ${name}`, () => {
    let fake: FakeExchange | undefined;
    let browser: E2EBrowser | undefined;
    afterEach(async () => {
      await browser?.close();
      await fake?.close();
      browser = undefined;
      fake = undefined;
    });

    async function computedLong(f: FakeExchange, b: E2EBrowser) {
      const page = await b.newPage();
      await page.goto(URL_);
      await waitFor(page, probePositions, 'both positions ok', (ps) => ps.length === 2 && ps.every((p) => p.state === 'ok'), 25_000);
      await page.evaluate(() => {
        const cell = document.querySelector('tr[data-row-key="BTCUSDT-LONG"] td[aria-colindex="6"] div');
        if (cell) cell.textContent = '';
      });
      const ps = await waitFor(
        page,
        probePositions,
        'the long with a computed liquidation price',
        (xs) => long(xs)?.fields['liq-source']?.value === 'computed' && long(xs)?.fields['liq-price']?.value !== '',
        25_000,
      );
      const note = await page.evaluate(() => {
        const el = document
          .getElementById('perplens-root')
          ?.shadowRoot?.querySelector('[data-perplens-position][data-side="long"] [data-tiers="bundled"]') as HTMLElement | null;
        return el ? { text: el.textContent ?? '', visible: el.checkVisibility() && el.getBoundingClientRect().height > 0 } : null;
      });
      expect(page.errors()).toEqual([]);
      await page.close();
      void f;
      return { card: long(ps), note };
    }

    it('the venue’s live table is used and nothing is flagged', async () => {
      fake = await startFakeExchange({ port: name === 'firefox' ? 443 : 0 });
      fake.state.binanceBrackets = LIVE_TABLE;
      browser = await launch(name, fake);
      const { card, note } = await computedLong(fake, browser);
      expect(Number(card?.fields['liq-price']?.value)).toBeCloseTo(LIVE_LP, 6);
      expect(note).toBeNull();
      expect(card?.text).not.toMatch(NOT_A_NUMBER);
    });

    it('PerpLens’s own check of the page’s liquidation prices, and its flag when they disagree by more than 0.5%', async () => {
      // The fake's default table is risk-math.md's (0.4% first bracket): long 56,275.10 against the
      // page's 56,300.50 (0.045% apart), short (Q·EP + WB) / (Q·(1 + MMR)) = 63,794.82 against 63,800.00.
      fake = await startFakeExchange({ port: name === 'firefox' ? 443 : 0 });
      browser = await launch(name, fake);
      const page = await browser.newPage();
      await page.goto(URL_);
      const ps = await waitFor(
        page,
        probePositions,
        'both checks computed',
        (xs) => xs.length === 2 && xs.every((p) => p.state === 'ok' && (p.fields['liq-computed']?.value ?? '') !== ''),
        25_000,
      );
      const shortLp = (0.3 * 61_000 + 915) / (0.3 * 1.004);
      expect(Number(long(ps)?.fields['liq-computed']?.value)).toBeCloseTo(BUNDLED_LP, 6);
      expect(Number(ps.find((p) => p.side === 'short')?.fields['liq-computed']?.value)).toBeCloseTo(shortLp, 6);
      expect(long(ps)?.fields['liq-computed']?.title).toMatch(/differs from the venue's by 0\.05%$/);
      for (const p of ps) expect(p.text).not.toMatch(/own liquidation price is [\d.]+% away from the venue's/);
      // The page now shows 57,000.00 for the long: 1.27% from PerpLens's 56,275.10, flagged on the card.
      await page.evaluate(() => {
        const cell = document.querySelector('tr[data-row-key="BTCUSDT-LONG"] td[aria-colindex="6"] div');
        if (cell) cell.textContent = '57,000.00';
      });
      const flagged = await waitFor(
        page,
        probePositions,
        'the mismatch flagged',
        (xs) => /own liquidation price is [\d.]+% away from the venue's/.test(long(xs)?.text ?? ''),
        20_000,
      );
      const l = long(flagged);
      const gap = Math.abs(BUNDLED_LP - 57_000) / 57_000;
      expect(l?.fields['liq-price']?.value).toBe('57000');
      expect(l?.text).toContain(`PerpLens's own liquidation price is ${(gap * 100).toFixed(2)}% away from the venue's.`);
      expect(l?.fields['liq-computed']?.title).toMatch(/more than 0\.5%, check the position on the venue/);
      expect(page.errors()).toEqual([]);
      await page.close();
    });

    it('the bundled table, when the live one fails, is named on the card with its date', async () => {
      fake = await startFakeExchange({ port: name === 'firefox' ? 443 : 0 });
      fake.state.binanceBrackets = LIVE_TABLE;
      fake.setFault('www.binance.com', BRACKETS_PATH, { kind: 'status', status: 503, body: '<html>Service Unavailable</html>', contentType: 'text/html' });
      browser = await launch(name, fake);
      const { card, note } = await computedLong(fake, browser);
      expect(Number(card?.fields['liq-price']?.value)).toBeCloseTo(BUNDLED_LP, 6);
      expect(note?.visible).toBe(true);
      expect(note?.text).toMatch(
        /^Liquidation price computed from PerpLens's bundled margin tiers of 2024-10-24 \(\d+ days old\): Binance's live table is unavailable \(.+\)\. It may be off; check it on Binance\.$/,
      );
    });
  });
}
