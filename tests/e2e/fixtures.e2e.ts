import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeExchange, type FakeExchange } from '../fake-exchange/server';
import { launch, waitFor, type BrowserName, type E2EBrowser, E2E_BROWSERS } from './browsers';
import { NOT_A_NUMBER, probePositions, type PositionProbe } from './probes';

// Every reader fixture (tests/pages/<venue>/*.html) in the real browsers with the built extension,
// under the venue's real hostname: the panel shows what the unit tests read (the same rows, the
// same unreadable ones), and no fixture page gets a console error or an uncaught exception.

const DEFAULT_URL: Record<string, string> = {
  binance: 'https://www.binance.com/en/futures/BTCUSDT',
  bybit: 'https://www.bybit.com/trade/usdt/BTCUSDT',
  okx: 'https://www.okx.com/trade-swap/btc-usdt-swap',
  hyperliquid: 'https://app.hyperliquid.xyz/trade/BTC',
  dydx: 'https://dydx.trade/trade/BTC-USD',
  bitget: 'https://www.bitget.com/futures/usdt/BTCUSDT',
  gmx: 'https://app.gmx.io/trade?market=BTC&pool=BTC-USDC',
  lighter: 'https://app.lighter.xyz/trade/BTC',
};

interface ExpectedRow {
  ok: boolean;
  position?: { symbol: string; side: string };
  symbol?: string | null;
  side?: string | null;
  reason?: string;
}
interface Expected {
  status: 'ok' | 'loading' | 'no-table';
  rows: ExpectedRow[];
}
interface Fixture {
  venue: string;
  name: string;
  url: URL;
  html: string;
  expected: Expected;
}

function fixtures(): Fixture[] {
  const out: Fixture[] = [];
  for (const venue of Object.keys(DEFAULT_URL)) {
    const dir = `tests/pages/${venue}`;
    for (const file of readdirSync(dir)
      .filter((f) => f.endsWith('.html'))
      .sort()) {
      const name = file.replace(/\.html$/, '');
      const html = readFileSync(`${dir}/${file}`, 'utf8');
      const expected = JSON.parse(readFileSync(`${dir}/${name}.expected.json`, 'utf8')) as Expected;
      const canonical = /<link[^>]*rel="canonical"[^>]*href="([^"]+)"/.exec(html)?.[1] ?? /<link[^>]*href="([^"]+)"[^>]*rel="canonical"/.exec(html)?.[1];
      out.push({ venue, name, url: new URL(canonical ?? DEFAULT_URL[venue] ?? ''), html, expected });
    }
  }
  return out;
}

/**
 * `symbol side`, `unreadable` for a row the panel must refuse. A row the unit test could not read
 * for want of the contract's size (the test gives no contract value) is read in the browser: the
 * background knows it from the venue's instruments.
 */
const rowKey = (r: ExpectedRow): string =>
  r.ok ? `${r.position?.symbol} ${r.position?.side}` : /contract value is unknown/.test(r.reason ?? '') ? `${r.symbol} ${r.side}` : 'unreadable';
const panelKeys = (ps: PositionProbe[]): string[] => ps.map((p) => (p.state === 'unreadable' ? 'unreadable' : `${p.symbol} ${p.side}`)).sort();

/** The panel's body text, for the states that show no position card. */
function panelText(): string | null {
  return document.getElementById('perplens-root')?.shadowRoot?.textContent ?? null;
}

const FIXTURES = fixtures();

for (const name of E2E_BROWSERS) {
  describe(`every reader fixture in ${name}`, () => {
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

    it(`reads all ${FIXTURES.length} fixtures as the unit tests do, with no console error`, async () => {
      expect(FIXTURES.length).toBeGreaterThan(40);
      const failures: string[] = [];
      for (const f of FIXTURES) {
        const what = `${f.venue}/${f.name}`;
        fake.setPage(f.url.hostname, f.url.pathname, f.html);
        const page = await browser.newPage();
        try {
          await page.goto(f.url.href);
          const { status, rows } = f.expected;
          if (status === 'ok' && rows.length > 0) {
            const want = rows.map(rowKey).sort();
            // Settled: the rows as expected (a row may wait for market data, e.g. a contract's size).
            const got = await waitFor(
              page,
              probePositions,
              `${what}: ${want.join(', ')}`,
              (ps) => JSON.stringify(panelKeys(ps)) === JSON.stringify(want),
              20_000,
            ).catch(async () => {
              const last = (await page.evaluate(probePositions)) ?? [];
              failures.push(`${what}: panel ${panelKeys(last).join(', ')}; expected ${want.join(', ')}`);
              return last;
            });
            for (const p of got) if (NOT_A_NUMBER.test(p.text)) failures.push(`${what}: ${p.symbol} ${p.side} shows ${p.text}`);
          } else {
            const says =
              status === 'loading'
                ? 'Waiting for the positions table to load'
                : status === 'no-table'
                  ? "can't find the positions table"
                  : 'No open position on this page';
            await waitFor(page, panelText, `${what}: "${says}"`, (t) => t.includes(says), 20_000);
          }
          const errors = page.errors();
          if (errors.length) failures.push(`${what}: console errors ${errors.join(' | ')}`);
        } catch (e) {
          failures.push(`${what}: ${e instanceof Error ? e.message : String(e)}`);
        } finally {
          await page.close();
          fake.setPage(f.url.hostname, f.url.pathname, null);
        }
      }
      expect(failures).toEqual([]);
    }, 600_000);
  });
}
