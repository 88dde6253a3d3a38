import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeExchange, type FakeExchange } from '../fake-exchange/server';
import { launch, waitFor, type E2EBrowser } from './browsers';
import { probePositions } from './probes';

// The service worker is reachable from the test driver in Chromium only. The functions below run
// there, where `chrome` is the extension API; only what they use is declared.
declare const chrome: {
  notifications: { getAll(): Promise<Record<string, unknown>>; clear(id: string): Promise<boolean> };
  alarms: { create(name: string, info: { when: number }): Promise<void> };
  action: { getBadgeText(details: Record<string, never>): Promise<string> };
};
describe('alerts and options in chromium', () => {
  let fake: FakeExchange;
  let browser: E2EBrowser;

  beforeAll(async () => {
    fake = await startFakeExchange({ port: 0 });
    browser = await launch('chromium', fake);
  });
  afterAll(async () => {
    await browser?.close();
    await fake?.close();
  });

  const worker = () => {
    if (!browser.worker) throw new Error('no service worker handle');
    return browser.worker;
  };
  const ourNotifications = () =>
    worker().evaluate(async () => Object.keys(await chrome.notifications.getAll()).filter((id) => id.startsWith('perplens-alert|')));
  // A one-shot alarm under the alerts' name makes the background run its check now.
  const runCheck = () => worker().evaluate(async () => void (await chrome.alarms.create('perplens-alerts', { when: Date.now() })));

  it('notifies once when the mark moves toward a held position’s liquidation price, and not twice', async () => {
    const page = await browser.newPage();
    await page.goto('https://www.binance.com/en/futures/BTCUSDT');
    await waitFor(page, probePositions, 'positions ok', (ps) => ps.length === 2 && ps.every((p) => p.state === 'ok'), 25_000);
    // The badge shows the nearest distance (the long: 6.17%).
    let badge = '';
    for (let i = 0; i < 20 && badge !== '6.1'; i++) {
      badge = await worker().evaluate(() => chrome.action.getBadgeText({}));
      if (badge !== '6.1') await new Promise((r) => setTimeout(r, 250));
    }
    expect(badge).toBe('6.1');
    await runCheck();
    await new Promise((r) => setTimeout(r, 1500));
    expect(await ourNotifications()).toEqual([]);

    // The market falls to 57,000: the long is 1.23% from liquidation (alert threshold 5%).
    const btc = fake.markets.get('BTC');
    if (!btc) throw new Error('no BTC');
    btc.markPrice = 57_000;
    await page.evaluate(() => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.nodeValue?.trim() === '60,000.12') n.nodeValue = '57,000.00';
    });
    // The fall may also flip the 4h regime against the long: that is a separate alert.
    const liquidationAlerts = async () => (await ourNotifications()).filter((id) => id.includes('|liquidation|'));
    let fired: string[] = [];
    const end = Date.now() + 45_000;
    while (Date.now() < end && fired.length === 0) {
      await runCheck();
      await new Promise((r) => setTimeout(r, 2000));
      fired = await liquidationAlerts();
    }
    expect(fired).toHaveLength(1);
    expect(decodeURIComponent(fired[0] ?? '')).toContain('binance:BTCUSDT:long');
    const text = await worker().evaluate(async () => JSON.stringify(await chrome.notifications.getAll()));
    expect(text).toContain('perplens-alert|');

    // Dismissed, the same condition does not notify again on the next checks.
    await worker().evaluate(async () => {
      for (const id of Object.keys(await chrome.notifications.getAll())) await chrome.notifications.clear(id);
    });
    for (let i = 0; i < 3; i++) {
      await runCheck();
      await new Promise((r) => setTimeout(r, 1500));
    }
    expect(await ourNotifications()).toEqual([]);
    await page.close();
  });

  it('options persist across a reload', async () => {
    const page = await browser.newPage();
    const url = `chrome-extension://${browser.extensionId}/src/options/index.html`;
    await page.goto(url);
    const address = '0x' + 'ab12'.repeat(10);
    await waitFor(page, () => document.querySelector('#f-wallets-hyperliquid') !== null || null, 'the options form');
    await page.fill('#f-wallets-hyperliquid', address);
    await page.click('button[type="submit"]');
    await waitFor(page, () => document.querySelector('[role="status"]')?.textContent?.includes('Saved') || null, 'saved');
    await page.goto(url);
    const value = await waitFor(page, () => (document.querySelector('#f-wallets-hyperliquid') as HTMLInputElement | null)?.value || null, 'the stored address');
    expect(value).toBe(address);
    // An invalid dYdX address is refused and Save is disabled.
    await page.fill('#f-wallets-dydx', 'dydx1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq');
    const invalid = await waitFor(page, () => {
      const input = document.querySelector('#f-wallets-dydx');
      const save = document.querySelector('button[type="submit"]') as HTMLButtonElement | null;
      return input && save ? { invalid: input.getAttribute('aria-invalid'), disabled: save.disabled } : null;
    }, 'validation', (x) => x.invalid === 'true');
    expect(invalid).toEqual({ invalid: 'true', disabled: true });
    expect(page.errors()).toEqual([]);
    await page.close();
  });
});
