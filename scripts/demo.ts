// `npm run demo`: the built extension in Chromium on fake-exchange pages of every venue, with a
// ticking mark price and market data served locally — PerpLens at work without an exchange account.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { POSITIONS_PAGE_URLS, tickMarks } from '../tests/fake-exchange/demo-pages';
import { startFakeExchange } from '../tests/fake-exchange/server';
import { builtExtension, chromiumArgs, executableFor } from '../tests/e2e/browsers';

async function main(): Promise<void> {
  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.error('npm run demo needs a display to open a browser window (no DISPLAY or WAYLAND_DISPLAY is set).');
    console.error('On a desktop, run it from a terminal in your session; on a server, `xvfb-run -a npm run demo`.');
    process.exit(2);
  }
  // Both throw with the command that fixes them (install the browser, build the extension).
  const executablePath = executableFor('chromium');
  const ext = builtExtension('chromium');
  // A headed browser fetches its own things (safe browsing lists, fonts): the demo does not judge them.
  const fake = await startFakeExchange({ strictHosts: false });
  const ctx = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'perplens-demo-')), {
    executablePath,
    headless: false,
    args: chromiumArgs(ext, fake.hosts, fake.port),
    viewport: null,
  });
  const pages = [];
  for (const url of POSITIONS_PAGE_URLS) {
    const page = await ctx.newPage();
    await page.goto(url);
    pages.push(page);
  }
  console.log('PerpLens demo: a page of every venue is open. Close the browser window to stop.');
  const stop = tickMarks(pages, fake);
  // PERPLENS_DEMO_SECONDS closes the demo by itself (a smoke run of `npm run demo` under xvfb).
  const seconds = Number(process.env.PERPLENS_DEMO_SECONDS);
  if (seconds > 0) setTimeout(() => void ctx.close(), seconds * 1000);
  await new Promise<void>((resolveClose) => ctx.on('close', () => resolveClose()));
  stop();
  await fake.close();
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
