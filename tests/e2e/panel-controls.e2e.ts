import { describe, expect, it } from 'vitest';
import { waitFor, withBrowser, type BrowserName, E2E_BROWSERS } from './browsers';
import { probePositions, type PositionProbe } from './probes';

// The panel's own controls on a Binance stand-in (long 0.5 BTC, mark 60,000.12, liq 56,300.50):
// privacy mode, the regime window by click and by arrow keys, Esc to collapse, and the collapsed
// pill following the page's mark live.

const URL_ = 'https://www.binance.com/en/futures/BTCUSDT';
const long = (ps: PositionProbe[]) => ps.find((p) => p.side === 'long');
const bothOk = (ps: PositionProbe[]) => ps.length === 2 && ps.every((p) => p.state === 'ok');

/** The collapsed pill's text, or null when the panel is not collapsed. */
function pill(): string | null {
  const panel = document.getElementById('perplens-root')?.shadowRoot?.querySelector('.panel.collapsed');
  return panel ? (panel.querySelector('header .where')?.textContent ?? '') : null;
}

for (const name of E2E_BROWSERS) {
  describe(`panel controls in ${name}`, () => {
    const env = withBrowser(name);
    const inPanel = (selector: string) => (name === 'firefox' ? `pierce/${selector}` : selector);

    it('privacy, the window switch (click and arrows), Esc to collapse, and a pill that follows the mark', async () => {
      const page = await env.browser.newPage();
      await page.goto(URL_);
      let ps = await waitFor(page, probePositions, 'both positions ok', bothOk, 25_000);
      expect(long(ps)?.fields['funding-per-day']?.value).toMatch(/^\d/);
      expect(long(ps)?.fields.size?.text).toBe('0.5000 BTC');

      // Privacy: amounts hidden (no text, no data-value, the title says why), percentages kept.
      await page.click(inPanel('[data-action="privacy"]'));
      ps = await waitFor(page, probePositions, 'amounts hidden', (xs) => bothOk(xs) && long(xs)?.fields['funding-per-day']?.value === '', 15_000);
      expect(long(ps)?.fields['funding-per-day']?.title).toMatch(/hidden in privacy mode/);
      expect(long(ps)?.fields.size?.value).toBe('');
      expect(long(ps)?.fields['funding-margin-share-per-day']?.value).toMatch(/^\d/);
      await page.click(inPanel('[data-action="privacy"]'));
      await waitFor(page, probePositions, 'amounts shown again', (xs) => /^\d/.test(long(xs)?.fields['funding-per-day']?.value ?? ''), 15_000);

      // The window by click, then by the arrow keys on the focused switch: it sits in a card's details.
      await page.click(inPanel('[data-perplens-position] [data-action="card"]'));
      await waitFor(
        page,
        () => (document.getElementById('perplens-root')?.shadowRoot?.querySelector('[data-action="card"][aria-expanded="true"]') ? true : null),
        'the first card open',
      );
      await page.click(inPanel('[data-action="window"][data-window="1h"]'));
      ps = await waitFor(page, probePositions, 'the 1h window', (xs) => bothOk(xs) && xs.every((p) => p.fields['regime-window']?.value === '1h'), 15_000);
      expect(long(ps)?.fields['price-change']?.title).toMatch(/1h ago/);
      await page.press('ArrowRight');
      await waitFor(
        page,
        probePositions,
        'the 4h window by the arrow key',
        (xs) => bothOk(xs) && xs.every((p) => p.fields['regime-window']?.value === '4h'),
        15_000,
      );
      await page.press('ArrowRight');
      await waitFor(
        page,
        probePositions,
        'the 24h window by the arrow key',
        (xs) => bothOk(xs) && xs.every((p) => p.fields['regime-window']?.value === '24h'),
        15_000,
      );

      // Esc collapses; the pill lists every position, worst (here: nearest) first, with its distance.
      await page.press('Escape');
      const collapsed = await waitFor(page, pill, 'the pill after Esc', (t) => t !== null && t.length > 0, 15_000);
      expect(collapsed).toBe('BTCUSDT L 6.17% BTCUSDT S 6.33%');
      // Collapsed, the fields keep their values (DOM contract).
      expect(long((await page.evaluate(probePositions)) ?? [])?.fields['liq-distance']?.value).toMatch(/^0\.06/);

      // The page's mark ticks: the pill follows within a tick of the page (1 s), not at the next
      // background refresh (every 5 s), three times in a row: (mark − 56,300.50) / mark.
      for (const [mark, text] of [
        ['59,000.00', '4.58%'],
        ['58,500.00', '3.76%'],
        ['58,000.00', '2.93%'],
      ] as const) {
        await page.evaluate(
          new Function(`
          const cell = document.querySelector('tr[data-row-key="BTCUSDT-LONG"] td[aria-colindex="5"] div');
          if (cell) cell.textContent = '${mark}';
        `) as () => void,
        );
        const moved = await waitFor(page, pill, `the pill at ${mark}`, (t) => t?.startsWith(`BTCUSDT L ${text} `) ?? false, 1_500);
        expect(moved).toContain(`BTCUSDT L ${text}`);
      }

      await page.click(inPanel('[data-action="collapse"]'));
      await waitFor(
        page,
        () => document.getElementById('perplens-root')?.shadowRoot?.querySelector('.panel.collapsed') === null || null,
        'expanded again',
        () => true,
        10_000,
      );
      expect(page.errors()).toEqual([]);
      await page.close();
    });
  });
}
