import { describe, expect, it } from 'vitest';
import { waitFor, withBrowser, type BrowserName, type E2EPage, E2E_BROWSERS } from './browsers';
import { NOT_A_NUMBER, probeMarketRows, probePositions, type PositionProbe } from './probes';

// The options page and the popup in BOTH browsers, reached the way a trader reaches them from a
// trading tab: the panel's ⚙ opens the options page, whose "Open the overview in a tab" opens the
// popup's page. Firefox's driver will not navigate to a moz-extension:// address, but drives a page
// the extension opened itself (browsers.ts, extensionPage). The popup's own e2e (popup.e2e.ts) goes
// deeper in Chromium.

const BINANCE = 'https://www.binance.com/en/futures/BTCUSDT';
const bothOk = (ps: PositionProbe[]) => ps.length === 2 && ps.every((p) => p.state === 'ok');
const long = (ps: PositionProbe[]) => ps.find((p) => p.side === 'long');

/** The options form as a trader sees it: venue switches, wallet fields, a field's error, the save status. */
function probeOptions() {
  if (!document.querySelector('#f-bands-dangerBelow')) return null;
  const labelOf = (input: Element) =>
    input.id ? (document.querySelector(`label[for="${input.id}"]`)?.textContent ?? '') : (input.closest('label')?.textContent ?? '');
  return {
    venues: Array.from(document.querySelectorAll('#venues input[type="checkbox"]')).map((i) => labelOf(i).trim()),
    wallets: Array.from(document.querySelectorAll('#wallets input')).map((i) => ({
      id: i.id,
      label: labelOf(i).trim(),
      placeholder: i.getAttribute('placeholder'),
    })),
    dydxError: document.querySelector('#f-wallets-dydx')?.closest('.field')?.querySelector('[role="alert"], .error')?.textContent ?? null,
    status: document.querySelector('[role="status"]')?.textContent ?? '',
    overview: document.querySelector('button.overview')?.textContent ?? null,
  };
}

/** The overview's open positions and its tabs, read from the page's own DOM. */
function probeOverview() {
  const positions = Array.from(document.querySelectorAll('[data-perplens-position]')).map((el) => ({
    venue: el.getAttribute('data-venue'),
    side: el.getAttribute('data-side'),
    state: el.getAttribute('data-state'),
    distance: el.querySelector('[data-field="liq-distance"]')?.getAttribute('data-value') ?? null,
    text: el.textContent ?? '',
  }));
  return { positions, tabs: Array.from(document.querySelectorAll('[role="tab"]')).map((t) => t.textContent ?? '') };
}

/** The What if form's values. */
function probeWhatIfForm() {
  const form = document.querySelector('.whatif form');
  if (!form) return null;
  const value = (sel: string) => form.querySelector<HTMLInputElement | HTMLSelectElement>(sel)?.value ?? null;
  return {
    position: value('select[name="position"]'),
    size: value('input[name="size"]'),
    entry: value('input[name="entry"]'),
    amount: value('input[name="amount"]'),
  };
}

for (const name of E2E_BROWSERS) {
  describe(`the options page and the overview in ${name}`, () => {
    const env = withBrowser(name);
    const inPanel = (selector: string) => (name === 'firefox' ? `pierce/${selector}` : selector);

    it('the panel’s ⚙ opens the options page; a bad wallet is refused, and a saved setting reaches the panel', async () => {
      const page = await env.browser.newPage();
      await page.goto(BINANCE);
      let ps = await waitFor(page, probePositions, 'both positions ok', bothOk, 25_000);
      expect(long(ps)?.fields['funding-per-day']?.value).toMatch(/^-?\d/);

      await page.click(inPanel('[data-ask="options"]'));
      const options: E2EPage = await env.browser.extensionPage('src/options/index.html');
      const form = await waitFor(options, probeOptions, 'the options form');
      // The lists come from the venue registry, with each venue's name as it writes it.
      expect(form.venues).toEqual(['Binance', 'Bybit', 'OKX', 'Hyperliquid', 'dYdX', 'Bitget', 'GMX', 'Lighter']);
      expect(form.wallets).toEqual([
        { id: 'f-wallets-hyperliquid', label: 'Hyperliquid', placeholder: '0x…' },
        { id: 'f-wallets-dydx', label: 'dYdX', placeholder: 'dydx1…' },
        { id: 'f-wallets-gmx', label: 'GMX', placeholder: '0x…' },
        { id: 'f-wallets-lighter', label: 'Lighter', placeholder: '0x…' },
      ]);
      expect(form.overview).toBe('Open the overview in a tab');

      // A dYdX address of the right shape whose checksum does not match: refused as a typo.
      await options.fill('#f-wallets-dydx', `dydx1${'q'.repeat(38)}`);
      const refused = await waitFor(options, probeOptions, 'the wallet refused', (f) => f.dydxError !== null);
      expect(refused.dydxError).toMatch(/dYdX|dydx1|checksum/);
      await options.fill('#f-wallets-dydx', '');
      await waitFor(options, probeOptions, 'the wallet cleared', (f) => f.dydxError === null);

      // Privacy mode saved here hides the amounts on the trading tab's panel.
      await options.click('#f-privacyMode');
      await options.click('button[type="submit"]');
      await waitFor(options, probeOptions, 'saved', (f) => /Saved/.test(f.status));
      // Back to the trading tab, as a trader would: a tab in the background draws nothing (Firefox
      // opened the options page as a tab in front of it).
      await page.bringToFront();
      ps = await waitFor(page, probePositions, 'amounts hidden on the panel', (xs) => bothOk(xs) && long(xs)?.fields['funding-per-day']?.value === '', 25_000);
      expect(long(ps)?.fields['funding-per-day']?.title).toMatch(/hidden in privacy mode/);
      expect(long(ps)?.fields['liq-distance']?.value).toMatch(/^0\.\d+$/);

      // And back, so the next test starts from the defaults.
      await options.bringToFront();
      await options.click('#f-privacyMode');
      await options.click('button[type="submit"]');
      await waitFor(options, probeOptions, 'saved again', (f) => /Saved/.test(f.status));
      await page.bringToFront();
      await waitFor(page, probePositions, 'amounts shown again', (xs) => /^-?\d/.test(long(xs)?.fields['funding-per-day']?.value ?? ''), 25_000);
      expect(options.errors()).toEqual([]);
      expect(page.errors()).toEqual([]);
      await page.close();
    });

    it('the overview opens in a tab: the watchlist, the trading tab’s positions and What if', async () => {
      const page = await env.browser.newPage();
      await page.goto(BINANCE);
      await waitFor(page, probePositions, 'both positions ok', bothOk, 25_000);
      const options = await env.browser.extensionPage('src/options/index.html').catch(async () => {
        await page.click(inPanel('[data-ask="options"]'));
        return env.browser.extensionPage('src/options/index.html');
      });
      await waitFor(options, probeOptions, 'the options form');
      await options.bringToFront();
      await options.click('button.overview');
      const overview = await env.browser.extensionPage('src/popup/index.html');

      // The default watchlist: BTC, ETH and SOL on every venue, every row with market data.
      const rows = await waitFor(overview, probeMarketRows, 'every watchlist row ok', (rs) => rs.length === 24 && rs.every((r) => r.state === 'ok'), 30_000);
      expect(new Set(rows.map((r) => r.venue))).toEqual(new Set(['binance', 'bybit', 'okx', 'hyperliquid', 'dydx', 'bitget', 'gmx', 'lighter']));
      for (const r of rows) for (const f of Object.values(r.fields)) expect(f.text).not.toMatch(NOT_A_NUMBER);

      // The trading tab's two positions, above the tabs, with their distance.
      const seen = await waitFor(
        overview,
        probeOverview,
        'the Binance positions',
        (o) => o.positions.length === 2 && o.positions.every((p) => p.state === 'ok'),
        30_000,
      );
      expect(seen.positions.map((p) => `${p.venue} ${p.side}`).sort()).toEqual(['binance long', 'binance short']);
      for (const p of seen.positions) expect(Number(p.distance)).toBeGreaterThan(0);
      expect(seen.tabs).toEqual(['Watchlist', 'Compare', 'What if']);

      // What if, prefilled from the long.
      await overview.click('[data-perplens-position][data-side="long"] button.link');
      const form = await waitFor(overview, probeWhatIfForm, 'What if from the long', (f) => f.position === 'binance:BTCUSDT:long' && f.entry === '59000');
      expect(form).toMatchObject({ size: '0.5', entry: '59000', amount: '1475' });
      expect(overview.errors()).toEqual([]);
      await overview.close();
      await options.close();
      await page.close();
    });

    it('a page PerpLens cannot read: a position tracked by hand shows on its panel from live data, until removed', async () => {
      // A Bybit trading page in a layout no reader knows: no positions table at all.
      env.fake.setPage('www.bybit.com', '/trade/usdt/ETHUSDT', '<!doctype html><html><body><main><div class="x-grid">ETH 3,000.00</div></main></body></html>');
      const page = await env.browser.newPage();
      await page.goto('https://www.bybit.com/trade/usdt/ETHUSDT');
      const cannot = () => document.getElementById('perplens-root')?.shadowRoot?.querySelector('.status.error')?.textContent ?? null;
      expect(await waitFor(page, cannot, 'the cannot-read message', (t) => /can't find the positions table/.test(t), 25_000)).toMatch(/Track by hand/);

      // The layout report: the page's shape, shown for a preview on the options page before copying.
      await page.click(inPanel('[data-ask="layout-report"]'));
      const reportPage = await env.browser.extensionPage('src/options/index.html#layout-report');
      const report = await waitFor(
        reportPage,
        () => document.querySelector<HTMLTextAreaElement>('.layout-report textarea')?.value ?? null,
        'the report preview',
      );
      expect(report).toMatch(/^PerpLens layout report · www\.bybit\.com\/trade\/usdt\/ETHUSDT/);
      expect(report).toContain('div.x-grid "AAA #,###.##"');
      expect(report).not.toMatch(/3,000/);
      await reportPage.bringToFront();
      await reportPage.click('.layout-report button.primary');
      const copied = await waitFor(reportPage, () => document.querySelector('.layout-report [role="status"]')?.textContent ?? null, 'the copy outcome');
      expect(copied).toMatch(/^(Copied to the clipboard\.|The browser did not allow copying: select the text above and copy it\.)$/);
      expect(reportPage.errors()).toEqual([]);
      await reportPage.close();

      await page.bringToFront();
      await page.click(inPanel('[data-ask="options"]'));
      const options = await env.browser.extensionPage('src/options/index.html');
      await waitFor(options, probeOptions, 'the options form');
      await options.bringToFront();
      await options.click('button.overview');
      const overview = await env.browser.extensionPage('src/popup/index.html');
      await waitFor(overview, probeOverview, 'the overview', (o) => o.tabs.length === 3);
      await overview.click('[role="tab"]:nth-child(3)');
      await waitFor(overview, probeWhatIfForm, 'the What if form');
      await overview.select('.whatif select[name="market"]', 'bybit:ETHUSDT');
      await overview.fill('.whatif input[name="size"]', '2');
      await overview.fill('.whatif input[name="entry"]', '3000');
      await overview.fill('.whatif input[name="amount"]', '10');
      const enabled = () => (document.querySelector<HTMLButtonElement>('[data-action="track-hand"]')?.disabled === false ? true : null);
      await waitFor(overview, enabled, 'Track by hand enabled');
      await overview.click('[data-action="track-hand"]');
      const listed = () => Array.from(document.querySelectorAll('.hand-list li')).map((li) => li.getAttribute('data-hand'));
      expect(await waitFor(overview, listed, 'the tracked list', (l) => l.length === 1)).toEqual(['bybit:ETHUSDT:long']);

      // On the trading tab: one card, marked by hand, its figures from the venue's market data.
      await page.bringToFront();
      const ps = await waitFor(page, probePositions, 'the hand-tracked card', (xs) => xs.length === 1 && xs[0]?.state === 'ok', 25_000);
      const card = ps[0];
      expect(card?.symbol).toBe('ETHUSDT');
      expect(card?.side).toBe('long');
      expect(card?.fields['entry-price']?.value).toBe('3000');
      expect(card?.fields.leverage?.value).toBe('10');
      expect(card?.fields['liq-source']?.value).toBe('computed');
      const liq = Number(card?.fields['liq-price']?.value);
      expect(liq).toBeGreaterThan(2_600);
      expect(liq).toBeLessThan(3_000);
      expect(Number(card?.fields['liq-distance']?.value)).toBeGreaterThan(0);
      expect(card?.text).toMatch(/by hand/);
      const source = () => document.getElementById('perplens-root')?.shadowRoot?.querySelector('[data-perplens-position]')?.getAttribute('data-source') ?? null;
      expect(await waitFor(page, source, 'the card’s source')).toBe('hand');

      // Removed in the overview: the card goes, the page is again one PerpLens cannot read.
      await overview.bringToFront();
      await overview.click('.hand-list button');
      await waitFor(overview, listed, 'the list emptied', (l) => l.length === 0);
      await page.bringToFront();
      await waitFor(page, probePositions, 'no card', (xs) => xs.length === 0, 25_000);
      await waitFor(page, cannot, 'the cannot-read message again', (t) => /can't find/.test(t), 25_000);
      expect(overview.errors()).toEqual([]);
      expect(page.errors()).toEqual([]);
      env.fake.setPage('www.bybit.com', '/trade/usdt/ETHUSDT', null);
      await overview.close();
      await options.close();
      await page.close();
    });
  });
}
