import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { waitFor, withBrowser, type BrowserName, type E2EPage, E2E_BROWSERS } from './browsers';
import { probePositions, type PositionProbe } from './probes';

// The panel's default place must cover nothing a trader clicks on the venue's page: no button,
// input, link, [role=button], [role=tab] or order-form element may meet its rectangle, with one
// position and with two, at 1280×720 and 1440×900, on every venue's stand-in page, in both browsers.
// The page's own layout is real (each stand-in copies its venue's grid: chart, order book, order
// form, positions table); the order-form containers are named per venue below because they are not
// all <form> elements.

const ARTIFACTS = 'artifacts/e2e';
mkdirSync(ARTIFACTS, { recursive: true });

interface Case {
  venue: string;
  url: string;
  /** The order form's container on the stand-in page, when it has one. */
  orderForm: string | null;
  /** Text of the short's entry price in its row: removing that row leaves one position. */
  shortEntry: string;
}

const CASES: Case[] = [
  { venue: 'binance', url: 'https://www.binance.com/en/futures/BTCUSDT', orderForm: '.orderform', shortEntry: '61,000.00' },
  { venue: 'bybit', url: 'https://www.bybit.com/trade/usdt/BTCUSDT', orderForm: '.order', shortEntry: '61,000.00' },
  { venue: 'okx', url: 'https://www.okx.com/trade-swap/btc-usdt-swap', orderForm: '.place-order-container-common', shortEntry: '61,000.00' },
  { venue: 'hyperliquid', url: 'https://app.hyperliquid.xyz/trade/BTC', orderForm: '.sc-form', shortEntry: '3,050.00' },
  { venue: 'dydx', url: 'https://dydx.trade/trade/BTC-USD', orderForm: null, shortEntry: '$3,050.00' },
  { venue: 'bitget', url: 'https://www.bitget.com/futures/usdt/BTCUSDT', orderForm: '.bg-order', shortEntry: '61,000.00' },
  // GMX's positions table as its interface renders it (no trade box in the saved page).
  { venue: 'gmx', url: 'https://app.gmx.io/trade?market=BTC&pool=BTC-USDC', orderForm: null, shortEntry: '$\u200a61,000.00' },
  // Lighter's positions table (a hand-made page on its test ids; the order form beside the chart).
  { venue: 'lighter', url: 'https://app.lighter.xyz/trade/BTC', orderForm: '.lt-order-form', shortEntry: '61,000.00' },
];

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
];

interface Seen {
  panel: { left: number; top: number; right: number; bottom: number } | null;
  covered: string[];
  viewport: { width: number; height: number };
}

/** The panel's rectangle and every page control (or order form) that meets it, as the page lays them out. */
function coverage(orderForm: string | null): Seen {
  const host = document.getElementById('perplens-root');
  const panel = host?.shadowRoot?.querySelector('.panel')?.getBoundingClientRect() ?? null;
  const covered: string[] = [];
  if (panel) {
    const controls = document.querySelectorAll(`a[href], button, input, select, textarea, [role=button], [role=tab]${orderForm ? `, ${orderForm}` : ''}`);
    for (const el of Array.from(controls)) {
      if (el === host) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.left < panel.right && panel.left < r.right && r.top < panel.bottom && panel.top < r.bottom) {
        covered.push(
          `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${String(el.getAttribute('class') ?? '').slice(0, 40)} "${(el.textContent ?? '').trim().slice(0, 20)}"`,
        );
      }
    }
  }
  return {
    panel: panel && { left: panel.left, top: panel.top, right: panel.right, bottom: panel.bottom },
    covered,
    viewport: { width: innerWidth, height: innerHeight },
  };
}

/** `coverage` for one venue as a self-contained function: probes are serialised into the page. */
const coverageProbe = (orderForm: string | null) => new Function(`return (${coverage.toString()})(${JSON.stringify(orderForm)})`) as () => Seen;

/** The panel placed and settled: the same rectangle for half a second (a resize is handled 150 ms after it ends). */
async function settled(page: E2EPage, c: Case, what: string): Promise<Seen> {
  let last = '';
  let since = 0;
  return waitFor(
    page,
    coverageProbe(c.orderForm),
    what,
    (v) => {
      const key = JSON.stringify(v.panel);
      if (key !== last || v.panel === null) {
        last = key;
        since = Date.now();
        return false;
      }
      return Date.now() - since >= 500;
    },
    10_000,
  );
}

function expectFree(seen: Seen, label: string): void {
  const p = seen.panel;
  if (!p) throw new Error(`${label}: no panel`);
  expect(seen.covered, `${label}: the panel covers page controls`).toEqual([]);
  expect(p.left, `${label}: inside the window`).toBeGreaterThanOrEqual(0);
  expect(p.top, `${label}: inside the window`).toBeGreaterThanOrEqual(0);
  expect(p.right, `${label}: inside the window`).toBeLessThanOrEqual(seen.viewport.width);
  expect(p.bottom, `${label}: inside the window`).toBeLessThanOrEqual(seen.viewport.height);
}

const ready = (n: number) => (ps: PositionProbe[]) => ps.length === n && ps.every((p) => p.state === 'ok');

for (const name of E2E_BROWSERS) {
  describe(`default placement in ${name}`, () => {
    const env = withBrowser(name);

    for (const c of CASES) {
      it(`${c.venue}: covers no control with two positions and with one, at 1440×900 and 1280×720 (resized)`, async () => {
        const page = await env.browser.newPage();
        const sizes: string[] = [];
        for (const size of SIZES.slice().reverse()) {
          await page.setSize(size.width, size.height);
          if (sizes.length === 0) {
            await page.goto(c.url);
            await waitFor(page, probePositions, `${c.venue} positions`, ready(2), 25_000);
          }
          const two = await settled(page, c, `${c.venue} panel settled at ${size.width}×${size.height}`);
          expectFree(two, `${name} ${c.venue} ${size.width}×${size.height}, two positions`);
          const p = two.panel;
          if (p)
            sizes.push(
              `${size.width}×${size.height}: ${Math.round(p.right - p.left)}×${Math.round(p.bottom - p.top)} at (${Math.round(p.left)}, ${Math.round(p.top)})`,
            );
          if (size.width === 1280) await page.screenshot(`${ARTIFACTS}/${name}-placement-${c.venue}.png`);
        }
        // One position: the page drops the short's row; the panel shrinks and stays clear.
        await page.evaluate(
          new Function(
            `for (const tr of document.querySelectorAll('tr')) if ((tr.textContent || '').includes(${JSON.stringify(c.shortEntry)})) { tr.remove(); break; }`,
          ) as () => void,
        );
        await waitFor(page, probePositions, `${c.venue} one position`, ready(1), 15_000);
        for (const size of SIZES) {
          await page.setSize(size.width, size.height);
          const one = await settled(page, c, `${c.venue} one-position panel at ${size.width}×${size.height}`);
          expectFree(one, `${name} ${c.venue} ${size.width}×${size.height}, one position`);
        }
        console.log(`${name} ${c.venue} panel (two positions): ${sizes.join('; ')}`);
        expect(page.errors()).toEqual([]);
        await page.close();
      });
    }

    it('a dragged panel is kept inside the window when the window shrinks', async () => {
      const page = await env.browser.newPage();
      await page.setSize(1440, 900);
      await page.goto(CASES[2]?.url ?? '');
      await waitFor(page, probePositions, 'okx positions', ready(2), 25_000);
      const before = await settled(page, CASES[2] as Case, 'okx panel');
      const p = before.panel;
      if (!p) throw new Error('no panel');
      // Drag it by its header to the bottom-right corner of the large window.
      await page.drag({ x: p.left + 40, y: p.top + 10 }, { x: 1400, y: 860 });
      await page.setSize(1280, 720);
      const after = await waitFor(
        page,
        () => {
          const r = document.getElementById('perplens-root')?.shadowRoot?.querySelector('.panel')?.getBoundingClientRect();
          return r && r.right <= innerWidth && r.top <= innerHeight - 32 ? { right: r.right, top: r.top } : null;
        },
        'the dragged panel back inside the window',
      );
      expect(after.right).toBeLessThanOrEqual(1280);
      expect(page.errors()).toEqual([]);
      await page.close();
    });
  });
}
