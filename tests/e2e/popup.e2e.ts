import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeExchange, type FakeExchange } from '../fake-exchange/server';
import { launch, waitFor, type E2EBrowser, type E2EPage } from './browsers';
import { NOT_A_NUMBER, probeMarketRows, probeWhatIf } from './probes';

// Firefox's driver cannot open moz-extension:// pages: the popup is covered in Chromium here and by
// the page-level e2e in both browsers (README, "Testing").
const ARTIFACTS = 'artifacts/e2e';
mkdirSync(ARTIFACTS, { recursive: true });

describe('popup in chromium', () => {
  let fake: FakeExchange;
  let browser: E2EBrowser;
  let popupUrl = '';

  beforeAll(async () => {
    fake = await startFakeExchange({ port: 0 });
    browser = await launch('chromium', fake);
    popupUrl = `chrome-extension://${browser.extensionId}/src/popup/index.html`;
  });
  afterAll(async () => {
    await browser?.close();
    await fake?.close();
  });

  it('fills the default watchlist (BTC, ETH, SOL on every venue) from the venues', async () => {
    const page: E2EPage = await browser.newPage();
    const started = Date.now();
    await page.goto(popupUrl);
    const first = await waitFor(page, probeMarketRows, 'a first complete row', (rows) => rows.some((r) => r.state === 'ok'), 20_000);
    const firstRowMs = Date.now() - started;
    expect(first).toHaveLength(15);
    const rows = await waitFor(page, probeMarketRows, 'every row ok', (rs) => rs.length === 15 && rs.every((r) => r.state === 'ok'), 90_000);
    const btc = rows.find((r) => r.venue === 'binance' && r.symbol === 'BTCUSDT');
    if (!btc) throw new Error('no Binance BTCUSDT row');
    expect(Number(btc.fields['mark-price']?.value)).toBeCloseTo(60_000.12, 6);
    expect(Number(btc.fields['funding-rate-8h']?.value)).toBeCloseTo(0.0001, 12);
    expect(Number(btc.fields['funding-apr']?.value)).toBeCloseTo(0.0001 * 3 * 365, 9);
    expect(btc.fields['funding-interval-hours']?.value).toBe('8');
    const hl = rows.find((r) => r.venue === 'hyperliquid' && r.symbol === 'BTC');
    expect(hl?.fields['funding-interval-hours']?.value).toBe('1');
    expect(Number(hl?.fields['funding-rate-8h']?.value)).toBeCloseTo(0.0001, 12);
    for (const r of rows) {
      // Present and a number: a missing field (undefined) fails as surely as an unknown one ('').
      expect(r.fields['oi-change-4h']?.value, `${r.venue} ${r.symbol} oi-change-4h: ${r.fields['oi-change-4h']?.title ?? 'missing'}`).toMatch(/^-?\d/);
      expect(r.text).not.toMatch(NOT_A_NUMBER);
    }
    console.log(`popup: first complete row after ${firstRowMs} ms (cold cache)`);
    await page.screenshot(`${ARTIFACTS}/chromium-popup-watchlist.png`);
    await page.close();

    // Warm: the background has every snapshot cached.
    const warm = await browser.newPage();
    const t0 = Date.now();
    await warm.goto(popupUrl);
    await waitFor(warm, probeMarketRows, 'a first complete row (warm)', (rs) => rs.some((r) => r.state === 'ok'), 10_000);
    console.log(`popup: first complete row after ${Date.now() - t0} ms (warm cache)`);
    await warm.close();
  });

  it('what-if reproduces the worked examples of risk-math.md from the venue tiers', async () => {
    const page = await browser.newPage();
    await page.goto(popupUrl);
    await waitFor(page, probeMarketRows, 'Binance BTCUSDT ok', (rs) => rs.some((r) => r.venue === 'binance' && r.symbol === 'BTCUSDT' && r.state === 'ok'), 30_000);
    await page.click('nav [role="tab"]:nth-child(3)');
    await page.select('.whatif select[name="market"]', 'binance:BTCUSDT');
    const cases: [string, string, string, string, number][] = [
      ['long', '0.5', '60000', '20', 57_228.92],
      ['long', '10', '60000', '20', 57_281.41],
      ['short', '10', '60000', '20', 62_687.53],
      ['long', '100', '60000', '10', 54_429.8],
    ];
    for (const [side, size, entry, lev, lp] of cases) {
      await page.click(`.whatif input[name="side"][value="${side}"]`);
      await page.fill('.whatif input[name="size"]', size);
      await page.fill('.whatif input[name="entry"]', entry);
      await page.fill('.whatif input[name="amount"]', lev);
      const r = await waitFor(page, probeWhatIf, `what-if ${side} ${size}`, (x) => Math.abs(Number(x['liq-price']) - lp) < 0.01, 5_000);
      expect(Number(r['liq-price'])).toBeCloseTo(lp, 2);
    }
    await page.screenshot(`${ARTIFACTS}/chromium-popup-whatif.png`);
    expect(page.errors()).toEqual([]);
    await page.close();
  });
});
