import { describe, expect, it } from 'vitest';
import { drives, eventually, waitFor, withBrowser, type E2EPage } from './browsers';
import { probeMarketRows, probePositions, type PositionProbe } from './probes';
import { gmxPositionRow } from '../fake-exchange/gmx';
import { LIGHTER_DEMO_ADDRESS, LIGHTER_DEMO_POSITIONS } from '../fake-exchange/lighter-account';

// Every option takes effect where a trader sees it: the panel (also on a venue whose panel was
// dragged and collapsed before: its saved place must not freeze the options), the popup and the
// alerts. The options page is an extension page, which only Chromium's driver opens.

declare const chrome: {
  action: { getBadgeText(d: Record<string, never>): Promise<string>; getBadgeBackgroundColor(d: Record<string, never>): Promise<number[]> };
  alarms: { create(name: string, info: { when: number }): Promise<void> };
  notifications: { getAll(): Promise<Record<string, unknown>>; clear(id: string): Promise<boolean> };
};

const BINANCE = 'https://www.binance.com/en/futures/BTCUSDT';
const long = (ps: PositionProbe[]) => ps.find((p) => p.side === 'long');
const bothOk = (ps: PositionProbe[]) => ps.length === 2 && ps.every((p) => p.state === 'ok');

describe.skipIf(!drives('chromium'))('options take effect in chromium', () => {
  const env = withBrowser('chromium');
  const optionsUrl = () => `chrome-extension://${env.browser.extensionId}/src/options/index.html`;
  const popupUrl = () => `chrome-extension://${env.browser.extensionId}/src/popup/index.html`;

  const worker = () => {
    if (!env.browser.worker) throw new Error('no service worker handle');
    return env.browser.worker;
  };
  const liquidationAlerts = async () => {
    await worker().evaluate(async () => void (await chrome.alarms.create('perplens-alerts', { when: Date.now() })));
    return (await worker().evaluate(async () => Object.keys(await chrome.notifications.getAll()))).filter((id) => id.includes('|liquidation|'));
  };

  /** Sets form fields (`#f-…` ids) and ticks/unticks checkboxes on the options page, then saves. */
  async function saveOptions(
    fields: Record<string, string>,
    boxes: Record<string, boolean> = {},
    windowChoice?: string,
    selects: Record<string, string> = {},
  ): Promise<void> {
    const page = await env.browser.newPage();
    await page.goto(optionsUrl());
    await waitFor(page, () => document.querySelector('#f-bands-dangerBelow') !== null || null, 'the options form');
    for (const [id, value] of Object.entries(fields)) await page.fill(`#${id}`, value);
    for (const [id, on] of Object.entries(boxes)) {
      const checked = await page.evaluate(new Function(`return document.getElementById('${id}').checked;`) as () => boolean);
      if (checked !== on) await page.click(`#${id}`);
    }
    if (windowChoice) await page.select('#f-defaultWindow', windowChoice);
    for (const [id, value] of Object.entries(selects)) await page.select(`#${id}`, value);
    await page.click('button[type="submit"]');
    await waitFor(page, () => document.querySelector('[role="status"]')?.textContent?.includes('Saved') || null, 'saved');
    expect(page.errors()).toEqual([]);
    await page.close();
  }

  it('bands, default window, privacy, alert threshold and switch, refresh and wallets each take effect', async () => {
    const page: E2EPage = await env.browser.newPage();
    await page.goto(BINANCE);
    let ps = await waitFor(page, probePositions, 'both positions ok', bothOk, 25_000);
    // Defaults: the long 6.17% away is calm by its touch chance (3.4σ: under 0.1% in 24 h), 4h window, amounts shown, no alert (< 5%).
    expect(long(ps)?.band).toBe('calm');
    expect(long(ps)?.fields['regime-window']?.value).toBe('4h');
    expect(long(ps)?.fields['funding-per-day']?.value).toMatch(/^-?\d/);
    expect(
      await eventually(
        () => worker().evaluate(() => chrome.action.getBadgeText({})),
        (b) => b === '6.1',
        'the badge',
      ),
    ).toBe('6.1');
    expect(await liquidationAlerts()).toEqual([]);

    // The trader collapses and reopens this venue's panel: its prefs are saved from now on.
    await page.click('[data-action="collapse"]');
    await waitFor(page, () => (document.getElementById('perplens-root')?.shadowRoot?.querySelector('.panel.collapsed') ? true : null), 'collapsed');
    await page.click('[data-action="collapse"]');
    await waitFor(page, () => (document.getElementById('perplens-root')?.shadowRoot?.querySelector('.panel.collapsed') === null ? true : null), 'opened again');

    // Options: bands by % of price, danger below 7%, caution below 12%, window 24h, hide amounts, alert below 7%, 15 s refresh.
    await saveOptions(
      { 'f-bands-dangerBelow': '7', 'f-bands-cautionBelow': '12', 'f-alerts-distanceBelow': '7', 'f-refresh-quoteSeconds': '15' },
      { 'f-privacyMode': true },
      '24h',
      { 'f-bands-basis': 'percent' },
    );
    await page.goto(BINANCE);
    ps = await waitFor(page, probePositions, 'the options on the panel', (xs) => bothOk(xs) && long(xs)?.fields['regime-window']?.value === '24h', 25_000);
    const l = long(ps);
    expect(l?.band).toBe('danger');
    expect(l?.fields['liq-distance']?.title).toMatch(/by % of price: danger under 7%, caution under 12%/);
    expect(l?.fields['funding-per-day']?.value).toBe('');
    expect(l?.fields['funding-per-day']?.title).toMatch(/hidden in privacy mode/);
    // The badge takes the danger colour of the new bands (#D93025), and the 7% alert fires for the long.
    expect(
      await eventually(
        () => worker().evaluate(() => chrome.action.getBadgeBackgroundColor({})),
        (c) => c.slice(0, 3).join() === '217,48,37',
        'the danger colour',
      ),
    ).toEqual([217, 48, 37, 255]);
    const fired = await eventually(liquidationAlerts, (a) => a.length > 0, 'a liquidation alert at 7%');
    expect(decodeURIComponent(fired[0] ?? '')).toContain('binance:BTCUSDT:long');
    await worker().evaluate(async () => {
      for (const id of Object.keys(await chrome.notifications.getAll())) await chrome.notifications.clear(id);
    });

    // Refresh every 15 s: two quote requests for the market come about 15 s apart (30 s by default).
    const quotes = () => env.fake.log.filter((r) => r.path === '/fapi/v1/premiumIndex' && r.query.includes('BTCUSDT')).map((r) => r.time);
    const from = quotes().length;
    const times = await eventually(
      async () => quotes().slice(from),
      (t) => t.length >= 3,
      'three quote refreshes',
      60_000,
    );
    const gaps = times.slice(1).map((t, i) => t - (times[i] ?? t));
    expect(Math.max(...gaps)).toBeLessThan(25_000);

    // The popup opens on the default window and colours the position by the new bands.
    const popup = await env.browser.newPage();
    await popup.goto(popupUrl());
    const selected = await waitFor(popup, () => document.querySelector('.window-switch [aria-checked="true"]')?.textContent ?? null, 'the popup’s window');
    expect(selected).toBe('24h');
    const tone = await waitFor(
      popup,
      () => document.querySelector('[data-perplens-position][data-side="long"] [data-field="liq-distance"]')?.className ?? null,
      'the popup’s long',
      (c) => /tone-/.test(c),
    );
    expect(tone).toMatch(/tone-danger/);
    await popup.close();

    // Alerts switched off: the same condition notifies nothing.
    await saveOptions({}, { 'f-alerts-enabled': false });
    for (let i = 0; i < 3; i++) expect(await liquidationAlerts()).toEqual([]);

    // A Hyperliquid wallet: its positions reach the popup from the venue's API.
    const address = `0x${'4b'.repeat(20)}`;
    const summary = { accountValue: '1000.0', totalNtlPos: '6000.0', totalRawUsd: '0.0', totalMarginUsed: '300.0' };
    env.fake.state.accounts.set(address, {
      assetPositions: [
        {
          type: 'oneWay',
          position: {
            coin: 'SOL',
            szi: '-40.0',
            entryPx: '150.0',
            liquidationPx: '160.5',
            marginUsed: '300.0',
            unrealizedPnl: '0.0',
            positionValue: '6000.0',
            leverage: { type: 'isolated', value: 20, rawUsd: '0.0' },
            cumFunding: { allTime: '0.0', sinceChange: '0.0', sinceOpen: '0.0' },
            maxLeverage: 20,
            returnOnEquity: '0.0',
          },
        },
      ],
      marginSummary: summary,
      crossMarginSummary: summary,
      crossMaintenanceMarginUsed: '0.0',
      withdrawable: '0.0',
      time: Date.now(),
    });
    try {
      await saveOptions({ 'f-wallets-hyperliquid': address });
      const withWallet = await env.browser.newPage();
      await withWallet.goto(popupUrl());
      const hl = await waitFor(
        withWallet,
        () => document.querySelector('[data-perplens-position][data-venue="hyperliquid"]')?.getAttribute('data-symbol') ?? null,
        'the wallet’s position in the popup',
      );
      expect(hl).toBe('SOL');
      expect((await withWallet.evaluate(probeMarketRows)).length).toBeGreaterThan(0);
      await withWallet.close();
    } finally {
      env.fake.state.accounts.delete(address);
    }

    // A GMX account: its positions (GMX's own figures) reach the popup from /v1/positions.
    const gmxAccount = `0x${'6d'.repeat(20)}`;
    env.fake.state.accounts.set(`gmx|${gmxAccount}`, [
      gmxPositionRow({
        market: 'SOL:SOL-USDC',
        isLong: false,
        sizeTokens: 40,
        entry: 150,
        mark: 140.25,
        liq: 160.5,
        collateral: 'short',
        remainingCollateralUsd: 300,
        remainingCollateralTokens: 300,
        pnl: 390,
        leverage: 8.8,
      }),
    ]);
    try {
      await saveOptions({ 'f-wallets-gmx': gmxAccount });
      const withWallet = await env.browser.newPage();
      await withWallet.goto(popupUrl());
      const gmx = await waitFor(
        withWallet,
        () => document.querySelector('[data-perplens-position][data-venue="gmx"]')?.getAttribute('data-symbol') ?? null,
        'the GMX account’s position in the popup',
      );
      expect(gmx).toBe('SOL:SOL-USDC');
      await withWallet.close();
    } finally {
      env.fake.state.accounts.delete(`gmx|${gmxAccount}`);
    }

    // A Lighter address: every position of its accounts (Lighter's own figures) reaches the popup
    // from /api/v1/account?by=l1_address.
    await saveOptions({ 'f-wallets-lighter': LIGHTER_DEMO_ADDRESS });
    const withLighter = await env.browser.newPage();
    await withLighter.goto(popupUrl());
    const lighter = await waitFor(
      withLighter,
      () =>
        Array.from(document.querySelectorAll('[data-perplens-position][data-venue="lighter"]'))
          .map((el) => `${el.getAttribute('data-symbol') ?? ''} ${el.getAttribute('data-side') ?? ''}`)
          .sort()
          .join(', ') || null,
      'the Lighter address’s positions in the popup',
      (x) => x !== null && x.split(', ').length === LIGHTER_DEMO_POSITIONS.length,
    );
    expect(lighter).toBe(
      LIGHTER_DEMO_POSITIONS.map((p) => `${p.symbol} ${p.side}`)
        .sort()
        .join(', '),
    );
    await withLighter.close();
    await saveOptions({ 'f-wallets-lighter': '' });
    expect(page.errors()).toEqual([]);
    await page.close();
  });
});
