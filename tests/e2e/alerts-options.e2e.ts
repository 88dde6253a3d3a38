import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeExchange, type FakeExchange } from '../fake-exchange/server';
import { drives, launch, waitFor, type E2EBrowser } from './browsers';
import { probePositions } from './probes';

// The service worker is reachable from the test driver in Chromium only: Firefox's WebDriver BiDi
// refuses to open moz-extension:// pages and offers no handle on the background, so the alerts'
// notifications and their record are read here, in Chromium. (The at-liquidation e2e checks the
// alert-relevant panel state in both browsers.) The functions below run
// there, where `chrome` is the extension API; only what they use is declared.
declare const chrome: {
  notifications: { getAll(): Promise<Record<string, unknown>>; clear(id: string): Promise<boolean> };
  alarms: { create(name: string, info: { when: number }): Promise<void> };
  action: { getBadgeText(details: Record<string, never>): Promise<string> };
  storage: { session: { get(key: string): Promise<Record<string, unknown>> } };
};
describe.skipIf(!drives('chromium'))('alerts and options in chromium', () => {
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

  /** The record of the last checks the background keeps in storage.session (alerts/recent.ts). */
  type Recent = { checkedAt: number; fired: { at: number; key: string; condition: string; title: string; message: string }[] };
  const recent = () =>
    worker().evaluate(
      async () => ((await chrome.storage.session.get('perplens.alerts.recent.v1'))['perplens.alerts.recent.v1'] ?? { checkedAt: 0, fired: [] }) as Recent,
    );
  /** Runs a check now and waits until it has finished (its time is recorded): no fixed sleep. */
  async function checkNow(): Promise<Recent> {
    const asked = Date.now();
    await runCheck();
    const end = Date.now() + 20_000;
    for (;;) {
      const r = await recent();
      if (r.checkedAt >= asked) return r;
      if (Date.now() > end) throw new Error(`no alert check finished since ${asked}; last ${r.checkedAt}`);
      await new Promise((res) => setTimeout(res, 100));
    }
  }
  /** Checks until a fired alert matches, or fails after `ms`. */
  async function checkUntil(match: (f: Recent['fired'][number]) => boolean, since: number, what: string, ms = 60_000): Promise<Recent['fired'][number]> {
    const end = Date.now() + ms;
    for (;;) {
      const hit = (await checkNow()).fired.find((f) => f.at >= since && match(f));
      if (hit) return hit;
      if (Date.now() > end) throw new Error(`no ${what} within ${ms} ms: ${JSON.stringify((await recent()).fired.slice(0, 3))}`);
      await new Promise((res) => setTimeout(res, 1_000));
    }
  }

  it('funding, regime and liquidation alerts fire once each, with their words, and not twice', async () => {
    const btc = fake.markets.get('BTC');
    if (!btc) throw new Error('no BTC');
    const page = await browser.newPage();
    try {
      await page.goto('https://www.binance.com/en/futures/BTCUSDT');
      await waitFor(page, probePositions, 'positions ok', (ps) => ps.length === 2 && ps.every((p) => p.state === 'ok'), 25_000);
      // The badge shows the nearest distance (the long: 6.17%).
      let badge = '';
      for (let i = 0; i < 40 && badge !== '6.1'; i++) {
        badge = await worker().evaluate(() => chrome.action.getBadgeText({}));
        if (badge !== '6.1') await new Promise((r) => setTimeout(r, 250));
      }
      expect(badge).toBe('6.1');
      // A finished check with nothing to say: balanced funding, 6.17% away (threshold 5%). It also
      // records the regime as not against the long, which a flip needs.
      const quiet = await checkNow();
      expect(quiet.fired).toEqual([]);
      expect(await ourNotifications()).toEqual([]);

      // Funding turns extreme and the long pays it (0.1% per 8 h): the funding alert, and the regime
      // turning against the long (longs are now the crowded side).
      const t1 = Date.now();
      btc.fundingRate8h = 0.001;
      const funding = await checkUntil((f) => f.condition === 'funding', t1, 'funding alert');
      expect(funding).toMatchObject({
        key: 'binance:BTCUSDT:long',
        title: 'Extreme funding: BTCUSDT long',
        message: 'BTCUSDT long on Binance pays extreme funding: 0.100% per 8h',
      });
      const regime = (await recent()).fired.find((f) => f.condition === 'regime' && f.at >= t1);
      expect(regime?.title).toBe('Market turned against you: BTCUSDT long');
      expect(regime?.message).toMatch(/^BTCUSDT long on Binance: .+ over 4h\. /);

      // The market falls to 57,000: the long is 1.23% from liquidation.
      const t2 = Date.now();
      btc.markPrice = 57_000;
      await page.evaluate(() => {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.nodeValue?.trim() === '60,000.12') n.nodeValue = '57,000.00';
      });
      const liq = await checkUntil((f) => f.condition === 'liquidation', t2, 'liquidation alert');
      expect(liq).toMatchObject({
        key: 'binance:BTCUSDT:long',
        title: 'Liquidation risk: BTCUSDT long',
        message: 'BTCUSDT long on Binance is 1.2% from liquidation',
      });
      // Each condition fired exactly once (headless Chromium closes a shown notification after a few
      // seconds, so the record is what tells; the newest notification is still up).
      const since = (await recent()).fired.filter((f) => f.at >= t1);
      expect(since.map((f) => f.condition).sort()).toEqual(['funding', 'liquidation', 'regime']);
      expect((await ourNotifications()).map(decodeURIComponent).some((id) => id.endsWith('|liquidation|binance:BTCUSDT:long'))).toBe(true);

      // Dismissed, the same conditions do not notify again on the next finished checks.
      await worker().evaluate(async () => {
        for (const id of Object.keys(await chrome.notifications.getAll())) await chrome.notifications.clear(id);
      });
      const t3 = Date.now();
      for (let i = 0; i < 3; i++) expect((await checkNow()).fired.filter((f) => f.at >= t3)).toEqual([]);
      expect(await ourNotifications()).toEqual([]);
    } finally {
      btc.fundingRate8h = 0.0001;
      btc.markPrice = 60_000.12;
      await page.close();
    }
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
    const invalid = await waitFor(
      page,
      () => {
        const input = document.querySelector('#f-wallets-dydx');
        const save = document.querySelector('button[type="submit"]') as HTMLButtonElement | null;
        return input && save ? { invalid: input.getAttribute('aria-invalid'), disabled: save.disabled } : null;
      },
      'validation',
      (x) => x.invalid === 'true',
    );
    expect(invalid).toEqual({ invalid: 'true', disabled: true });
    expect(page.errors()).toEqual([]);
    await page.close();
  });
});
