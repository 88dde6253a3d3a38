import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import puppeteer, { type Browser, type Page as FirefoxPage, type Target } from 'puppeteer-core';
import { afterAll, beforeAll } from 'vitest';
import type { RequestWitness } from '../fake-exchange/attribution';
import { startFakeExchange, type FakeExchange } from '../fake-exchange/server';

export type BrowserName = 'chromium' | 'firefox';

/**
 * The browsers this run drives. `npm run test:e2e` (scripts/e2e.mjs) runs one vitest process per
 * browser at the same time, naming it in PERPLENS_E2E_BROWSERS; a plain `vitest run` drives both.
 */
export const E2E_BROWSERS: readonly BrowserName[] = (() => {
  const asked = (process.env['PERPLENS_E2E_BROWSERS'] ?? '').split(',').filter((b): b is BrowserName => b === 'chromium' || b === 'firefox');
  return asked.length > 0 ? asked : ['chromium', 'firefox'];
})();

/** For suites written for one browser: skipped in a run that does not drive it. */
export const drives = (name: BrowserName): boolean => E2E_BROWSERS.includes(name);

const PAGE_RESOURCE_ERROR = /^Failed to load resource/;

export interface E2EPage {
  goto(url: string): Promise<void>;
  /** Runs a self-contained function in the page and returns its (serialisable) result. */
  evaluate<T>(fn: () => T): Promise<T>;
  screenshot(path: string): Promise<void>;
  /**
   * Console errors and uncaught exceptions seen on the page so far (PerpLens must cause none). A
   * resource the stand-in page itself fails to load (an icon it links) is the page's, not ours.
   */
  errors(): string[];
  click(selector: string): Promise<void>;
  /** A real mouse drag, in steps, between two viewport points. */
  drag(from: { x: number; y: number }, to: { x: number; y: number }): Promise<void>;
  /** Presses a key on the focused element, as a user would (keydown, keyup). */
  press(key: string): Promise<void>;
  /** Replaces an input's value as a user would (input events fire). */
  fill(selector: string, value: string): Promise<void>;
  select(selector: string, value: string): Promise<void>;
  /** Sets the page's viewport to `width` × `height` CSS pixels (a window resize, as the page sees it). */
  setSize(width: number, height: number): Promise<void>;
  close(): Promise<void>;
  /**
   * Makes this the active tab. In Firefox the tab that was in front is then hidden (document.hidden);
   * headless Chromium keeps every tab visible (tried: bringToFront, a minimised window, a new tab
   * in the same window), so a hidden tab can only be tested in Firefox.
   */
  bringToFront(): Promise<void>;
  /**
   * Chromium only (CDP Performance.getMetrics): seconds the page's renderer main thread has spent
   * on tasks so far (TaskDuration), content scripts included. Compare two readings for a window.
   */
  mainThreadSeconds?(): Promise<number>;
}

export interface E2EBrowser {
  name: BrowserName;
  /**
   * A page in a window of its own, so that every open page stays visible (a hidden tab's content
   * script does nothing: issue 4), as Chromium's headless pages always are. `tab`: in Firefox, a
   * tab in the current window instead, to hide the page in front of it (see bringToFront).
   */
  newPage(opts?: { tab?: boolean }): Promise<E2EPage>;
  /**
   * A page of the extension's own (`src/options/index.html`) that the extension opened in a tab,
   * once it has loaded. Firefox's driver refuses to navigate to a moz-extension:// address, but
   * drives a page the extension opened itself.
   */
  extensionPage(path: string, timeoutMs?: number): Promise<E2EPage>;
  extensionId?: string;
  /** Chromium only: the hosts its pages and workers asked, as the DevTools protocol reported them. */
  targetHosts?(): ReadonlySet<string>;
  /** Chromium only: runs a self-contained function inside the extension's service worker. */
  worker?: { evaluate<T>(fn: () => T | Promise<T>): Promise<T> };
  close(): Promise<void>;
}

/** `href` is the page `wanted` names: the same file, and the same #anchor when `wanted` names one. */
function sameExtensionPage(href: string, wanted: string): boolean {
  const [file, anchor] = wanted.split('#');
  const [hrefFile, hrefAnchor] = href.split('#');
  return hrefFile === file && (anchor === undefined || hrefAnchor === anchor);
}

const EXECUTABLES: Record<BrowserName, { env: string; path: string; pkg: string }> = {
  chromium: { env: 'PERPLENS_CHROMIUM', path: '/usr/bin/chromium', pkg: 'chromium' },
  firefox: { env: 'PERPLENS_FIREFOX', path: '/usr/bin/firefox-esr', pkg: 'firefox-esr' },
};

/** The browser binary, or an error that says how to install it: a missing browser never skips tests. */
export function executableFor(name: BrowserName): string {
  const e = EXECUTABLES[name];
  const path = process.env[e.env] ?? e.path;
  if (!existsSync(path)) {
    throw new Error(
      `${name} is not installed at ${path}. Install Debian's package: \`apt-get update && apt-get install -y ${e.pkg}\` ` +
        `(or set ${e.env} to its binary). The e2e tests need it and are not skipped.`,
    );
  }
  return path;
}

export function builtExtension(name: BrowserName): string {
  const dir = resolve(process.env.PERPLENS_OUT ?? 'dist', name === 'chromium' ? 'chrome' : 'firefox');
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`No build at ${dir}: run \`npm run build\` first.`);
  return dir;
}

/** Chromium flags that load the built extension and send every hostname to the fake exchange. */
export function chromiumArgs(ext: string, hosts: readonly string[], port: number): string[] {
  return [
    `--disable-extensions-except=${ext}`,
    `--load-extension=${ext}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    // The venue names first, then every other name: nothing leaves the machine, and whatever asks
    // for a host the fake exchange does not serve is recorded there (FakeExchange.unexpectedHosts).
    `--host-resolver-rules=${[...hosts.map((h) => `MAP ${h} 127.0.0.1:${port}`), `MAP * 127.0.0.1:${port}`].join(', ')}`,
    '--ignore-certificate-errors',
  ];
}

/**
 * Records the host of every request the context's pages and workers make, as the DevTools protocol
 * reports them per target: the extension's service worker (Playwright follows service workers'
 * network events since it attaches to them at start), its pages, and the pages its content scripts
 * run in, frames and WebSockets included. The browser's own services are no target and never appear.
 */
export function witnessTargets(ctx: BrowserContext, label: string): RequestWitness {
  const hosts = new Set<string>();
  const note = (url: string) => {
    const host = /^(?:https?|wss?):\/\/([^/:?#]+)/.exec(url)?.[1];
    if (host) hosts.add(host.toLowerCase());
  };
  ctx.on('request', (r) => note(r.url()));
  const watchPage = (p: Page) => p.on('websocket', (ws) => note(ws.url()));
  ctx.pages().forEach(watchPage);
  ctx.on('page', watchPage);
  return { label, hostsAskedByTargets: () => hosts };
}

/** Playwright's page as the tests drive it. */
function chromiumPage(page: Page): E2EPage {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !PAGE_RESOURCE_ERROR.test(m.text())) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  let cdp: CDPSession | null = null;
  return {
    async mainThreadSeconds() {
      if (!cdp) {
        cdp = await page.context().newCDPSession(page);
        await cdp.send('Performance.enable');
      }
      const { metrics } = await cdp.send('Performance.getMetrics');
      const task = metrics.find((m) => m.name === 'TaskDuration');
      if (!task) throw new Error('CDP reported no TaskDuration');
      return task.value;
    },
    errors: () => [...errors],
    click: (sel) => page.click(sel),
    async drag(from, to) {
      await page.mouse.move(from.x, from.y);
      await page.mouse.down();
      await page.mouse.move(to.x, to.y, { steps: 8 });
      await page.mouse.up();
    },
    fill: (sel, value) => page.fill(sel, value),
    press: (key) => page.keyboard.press(key),
    async select(sel, value) {
      await page.selectOption(sel, value);
    },
    setSize: (width, height) => page.setViewportSize({ width, height }),
    async goto(url) {
      await page.goto(url, { waitUntil: 'load' });
    },
    evaluate: (fn) => page.evaluate(fn),
    async screenshot(path) {
      await page.screenshot({ path });
    },
    close: () => page.close(),
    bringToFront: () => page.bringToFront(),
  };
}

export async function launchChromium(fake: Pick<FakeExchange, 'hosts' | 'port' | 'witness'>): Promise<E2EBrowser> {
  const { hosts, port } = fake;
  const ext = builtExtension('chromium');
  const profile = mkdtempSync(join(tmpdir(), 'perplens-chromium-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: executableFor('chromium'),
    headless: true,
    args: chromiumArgs(ext, hosts, port),
    ignoreHTTPSErrors: true,
    viewport: { width: 1280, height: 800 },
  });
  const witness = witnessTargets(ctx, 'chromium');
  fake.witness(witness);
  let [sw] = ctx.serviceWorkers();
  if (!sw) sw = await ctx.waitForEvent('serviceworker', { timeout: 15_000 });
  const extensionId = new URL(sw.url()).host;
  const worker = sw;
  return {
    name: 'chromium',
    extensionId,
    targetHosts: () => witness.hostsAskedByTargets(),
    worker: { evaluate: (fn) => worker.evaluate(fn) },
    async newPage() {
      return chromiumPage(await ctx.newPage());
    },
    async extensionPage(path, timeoutMs = 15_000) {
      const url = `chrome-extension://${extensionId}/${path}`;
      const end = Date.now() + timeoutMs;
      for (;;) {
        const page = ctx.pages().find((p) => sameExtensionPage(p.url(), url));
        if (page) {
          await page.waitForLoadState('load');
          return chromiumPage(page);
        }
        if (Date.now() > end) throw new Error(`the extension opened no ${path} within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    async close() {
      await ctx.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Puppeteer's Firefox page as the tests drive it. */
function firefoxPage(page: FirefoxPage): E2EPage {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !PAGE_RESOURCE_ERROR.test(m.text())) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e instanceof Error ? e.message : String(e)));
  return {
    errors: () => [...errors],
    click: (sel) => page.click(sel),
    async drag(from, to) {
      await page.mouse.move(from.x, from.y);
      await page.mouse.down();
      await page.mouse.move(to.x, to.y, { steps: 8 });
      await page.mouse.up();
    },
    press: (key) => page.keyboard.press(key as Parameters<typeof page.keyboard.press>[0]),
    async fill(sel, value) {
      // Firefox can hand the last keys to the page after the driver's command has returned (a CI run
      // clicked the next button with "1" of "10" typed), and on a loaded machine it has lost one (the
      // field stayed at "1"): the caller's next step must see every key, so a field that does not
      // show the value within 3 s is typed again, as a trader would, up to three times.
      // Polled with evaluate: Firefox ESR 140 runs waitForFunction's predicate through Function(), which an
      // extension page's content security policy refuses ("call to Function() blocked by CSP").
      const typed = (s: string) => document.querySelector<HTMLInputElement>(s)?.value ?? null;
      for (let attempt = 0; attempt < 3; attempt++) {
        await page.click(sel, { count: 3 });
        await page.keyboard.press('Backspace');
        await page.type(sel, value);
        for (let i = 0; i < 30; i++) {
          if ((await page.evaluate(typed, sel)) === value) return;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      throw new Error(`${sel} never showed "${value}" (shows "${String(await page.evaluate(typed, sel))}")`);
    },
    async select(sel, value) {
      await page.select(sel, value);
    },
    async setSize(width, height) {
      try {
        await page.setViewport({ width, height });
      } catch (err) {
        // Puppeteer sets the viewport, then the screen orientation, which Firefox ESR 140's BiDi does
        // not know ("unknown command emulation.setScreenOrientationOverride"). The size is what the
        // tests need, and the check below says whether it took.
        if (!(err instanceof Error && /setScreenOrientationOverride/.test(err.message))) throw err;
      }
      // The two commands go out together: the size may land a moment after the orientation's refusal.
      let got = await page.evaluate(() => [innerWidth, innerHeight]);
      for (let i = 0; i < 20 && (got[0] !== width || got[1] !== height); i++) {
        await new Promise((r) => setTimeout(r, 100));
        got = await page.evaluate(() => [innerWidth, innerHeight]);
      }
      if (got[0] !== width || got[1] !== height) throw new Error(`Firefox kept a ${got.join('×')} viewport, not ${width}×${height}`);
    },
    async goto(url) {
      await page.goto(url, { waitUntil: 'load' });
    },
    evaluate: (fn) => page.evaluate(fn),
    async screenshot(path) {
      await page.screenshot({ path });
    },
    close: () => page.close(),
    bringToFront: () => page.bringToFront(),
  };
}

/**
 * Firefox's witness: the hosts its pages asked, as the driver's network events reported them. The
 * extension's own pages and background are no page the driver sees, but whatever they ask outside
 * their host permissions is a cross-origin request that names the extension's origin (attribution.ts).
 */
function witnessFirefoxPages(browser: Browser, label: string): RequestWitness {
  const hosts = new Set<string>();
  const watch = (page: FirefoxPage | null) =>
    page?.on('request', (r) => {
      const host = /^(?:https?|wss?):\/\/([^/:?#]+)/.exec(r.url())?.[1];
      if (host) hosts.add(host.toLowerCase());
    });
  browser.on('targetcreated', (t: Target) => void t.page().then(watch, () => undefined));
  return { label, hostsAskedByTargets: () => hosts };
}

export async function launchFirefox(fake: Pick<FakeExchange, 'hosts' | 'proxyPort' | 'witness'>): Promise<E2EBrowser> {
  const { hosts } = fake;
  const ext = builtExtension('firefox');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: executableFor('firefox'),
    headless: true,
    acceptInsecureCerts: true,
    defaultViewport: null,
    args: ['--width=1280', '--height=800'],
    extraPrefsFirefox: {
      // Firefox cannot remap ports: the venue names resolve to this machine and the fake exchange
      // listens on 443. Only these exact names can be mapped (no wildcard), so every other host goes
      // through the fake exchange's HTTP proxy (its CONNECT names the host, and the request inside
      // is recorded): nothing Firefox asks leaves the machine unseen, as with Chromium's host rules.
      'network.dns.localDomains': hosts.join(','),
      'network.dns.disableIPv6': true,
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': fake.proxyPort,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': fake.proxyPort,
      'network.proxy.no_proxies_on': hosts.join(','),
      'network.proxy.allow_hijacking_localhost': false,
    },
  });
  fake.witness(witnessFirefoxPages(browser, 'firefox'));
  await browser.installExtension(ext);
  return {
    name: 'firefox',
    async newPage(opts) {
      const page = await browser.newPage(opts?.tab ? { type: 'tab' } : { type: 'window', windowBounds: { width: 1280, height: 800 } });
      // Firefox ESR 140 (Debian's package on some machines) lacks the BiDi screen-orientation
      // command puppeteer's setViewport sends after sizing: the window size from the launch stands.
      await page.setViewport({ width: 1280, height: 800 }).catch(() => undefined);
      return firefoxPage(page);
    },
    async extensionPage(path, timeoutMs = 15_000) {
      // The driver reports an extension page's address as about:blank: ask the page itself.
      const end = Date.now() + timeoutMs;
      for (;;) {
        for (const page of await browser.pages()) {
          const at = await page.evaluate(() => [location.href, document.readyState]).catch(() => null);
          const href = at?.[0] ?? '';
          if (href.startsWith('moz-extension://') && sameExtensionPage(href, `moz-extension://${new URL(href).host}/${path}`) && at?.[1] === 'complete')
            return firefoxPage(page);
        }
        if (Date.now() > end) throw new Error(`the extension opened no ${path} within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    close: () => browser.close(),
  };
}

export async function launch(name: BrowserName, fake: Pick<FakeExchange, 'hosts' | 'port' | 'proxyPort' | 'witness'>): Promise<E2EBrowser> {
  if (name === 'firefox' && fake.port !== 443) throw new Error('Firefox e2e needs the fake exchange on port 443');
  return name === 'chromium' ? launchChromium(fake) : launchFirefox(fake);
}

/** Polls `get` (in Node: a worker's state, the fake's log) every 250 ms until `ok` takes its value. */
export async function eventually<T>(get: () => Promise<T>, ok: (v: T) => boolean, what: string, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  let last = await get();
  while (!ok(last) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 250));
    last = await get();
  }
  if (!ok(last)) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
  return last;
}

/**
 * Polls `probe` in the page until it returns a value that `accept` (checked here, in Node) takes.
 * The probe is serialised into the page, so it must not close over anything.
 */
export async function waitFor<T>(
  page: E2EPage,
  probe: () => T | null,
  what: string,
  accept: (value: T) => boolean = () => true,
  timeoutMs = 15_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T | null = null;
  while (Date.now() < end) {
    last = await page.evaluate(probe).catch(() => null);
    if (last !== null && last !== undefined && accept(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${JSON.stringify(last)?.slice(0, 1500)}`);
}

/**
 * One fake exchange and one browser for a describe block (Firefox's fake exchange on port 443),
 * closed after it; closing the fake exchange runs the host check. Read `fake` and `browser` inside
 * the tests: they are set once the block's setup has run.
 */
export function withBrowser(name: BrowserName): { readonly fake: FakeExchange; readonly browser: E2EBrowser } {
  const env: { fake?: FakeExchange; browser?: E2EBrowser } = {};
  beforeAll(async () => {
    env.fake = await startFakeExchange({ port: name === 'firefox' ? 443 : 0 });
    env.browser = await launch(name, env.fake);
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.fake?.close();
  });
  const need = <T>(x: T | undefined, what: string): T => {
    if (x === undefined) throw new Error(`no ${what}: the block's setup has not run`);
    return x;
  };
  return {
    get fake() {
      return need(env.fake, 'fake exchange');
    },
    get browser() {
      return need(env.browser, 'browser');
    },
  };
}
