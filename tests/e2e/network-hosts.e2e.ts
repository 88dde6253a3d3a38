import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertOnlyVenueHosts, startFakeExchange, type FakeExchange } from '../fake-exchange/server';
import { drives, launch, waitFor, type E2EBrowser } from './browsers';
import { probeMarket } from './probes';

// The other e2e files rely on this: Chromium sends EVERY hostname to the fake exchange, which keeps
// the requests for hosts it does not serve and attributes each one (tests/fake-exchange/attribution.ts):
// made by PerpLens or a page (the DevTools protocol saw one of the browser's pages or workers ask
// that host, or the request names an extension or venue origin) fails the file that saw it when it
// closes its fake exchange; made by the browser on its own (no page or worker asked) is printed and
// kept apart. Here the stray requests are made on purpose, so this file forgets them before it closes.
// Firefox maps only the venue names to this machine; every other host goes through the fake
// exchange's HTTP proxy, and the request inside the tunnel is recorded the same way (the Firefox
// block at the end).

/** A request from outside any browser, as the browser's own services would make it: no origin. */
function askFromOutside(port: number, host: string, method: string, path: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, servername: 'localhost', rejectUnauthorized: false, headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe.skipIf(!drives('chromium'))('network hosts in chromium', () => {
  let fake: FakeExchange;
  let browser: E2EBrowser;

  beforeAll(async () => {
    fake = await startFakeExchange({ port: 0 });
    browser = await launch('chromium', fake);
  });
  afterAll(async () => {
    await browser?.close();
    fake?.forgetStrayRequests();
    await fake?.close();
  });

  it('a venue page and the extension’s own requests are not unexpected, and the witness saw the worker’s', async () => {
    const page = await browser.newPage();
    await page.goto('https://www.binance.com/en/futures/BTCUSDT');
    await waitFor(page, probeMarket, 'the market block in state ok', (p) => p.state === 'ok', 25_000);
    await page.close();
    expect(fake.seenHosts.has('www.binance.com')).toBe(true);
    expect(fake.seenHosts.has('fapi.binance.com')).toBe(true);
    // The page's load and the service worker's market requests, as the DevTools protocol reported them.
    expect(browser.targetHosts?.().has('www.binance.com')).toBe(true);
    expect(browser.targetHosts?.().has('fapi.binance.com')).toBe(true);
    expect([...fake.unexpectedHosts.keys()]).toEqual([]);
  });

  it('a page’s fetch to another host reaches the fake exchange and is recorded as unexpected (404)', async () => {
    const page = await browser.newPage();
    await page.goto('https://www.binance.com/en/futures/BTCUSDT');
    const status = await page.evaluate(() =>
      fetch('https://fonts.googleapis.com/x?family=Inter').then(
        (r) => r.status,
        (e: unknown) => String(e),
      ),
    );
    await page.close();
    expect(status).toBe(404);
    expect(fake.unexpectedHosts.get('fonts.googleapis.com')).toEqual(['GET /x']);
  });

  it('a WebSocket to another host is recorded too', async () => {
    const page = await browser.newPage();
    await page.goto('https://www.bybit.com/trade/usdt/BTCUSDT');
    await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket('wss://stream.tracker.example/feed');
          ws.onerror = () => resolve('error');
          ws.onopen = () => resolve('open');
        }),
    );
    await page.close();
    expect(fake.unexpectedHosts.get('stream.tracker.example')).toEqual(['UPGRADE /feed']);
  });

  it('the service worker’s requests to another host are recorded, a no-cors one without an origin too', async () => {
    const worker = browser.worker;
    if (!worker) throw new Error('no service worker handle');
    const status = await worker.evaluate(() =>
      fetch('https://telemetry.example.net/collect', { method: 'POST', body: '{}' }).then(
        (r) => r.status,
        (e: unknown) => String(e),
      ),
    );
    expect(status).toBe(404);
    expect(fake.unexpectedHosts.get('telemetry.example.net')).toEqual(['POST /collect']);
    // No Origin header on a no-cors GET: only the per-target network events tell who made it.
    const opaque = await worker.evaluate(() =>
      fetch('https://pixel.example.org/p.gif', { mode: 'no-cors' }).then(
        (r) => r.type,
        (e: unknown) => String(e),
      ),
    );
    expect(opaque).toBe('opaque');
    await expect.poll(() => fake.unexpectedHosts.get('pixel.example.org')).toEqual(['GET /p.gif']);
    // ...and a WebSocket the worker opens.
    await worker.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket('wss://ws.example.org/feed');
          ws.onerror = () => resolve('error');
          ws.onopen = () => resolve('open');
        }),
    );
    expect(fake.unexpectedHosts.get('ws.example.org')).toEqual(['UPGRADE /feed']);
  });

  it('an extension page’s request to another host is recorded', async () => {
    const page = await browser.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/src/options/index.html`);
    await page.evaluate(() => fetch('https://cdn.example.com/lib.js', { mode: 'no-cors' }).then(() => 'done', String));
    await page.close();
    await expect.poll(() => fake.unexpectedHosts.get('cdn.example.com')).toEqual(['GET /lib.js']);
  });

  it('a request no page or worker made is the browser’s own: kept apart, until PerpLens asks the same host', async () => {
    expect(await askFromOutside(fake.port, 'update.example.com', 'POST', '/service/update2/json')).toBe(404);
    expect(fake.browserHosts.get('update.example.com')).toEqual(['POST /service/update2/json']);
    expect(fake.unexpectedHosts.has('update.example.com')).toBe(false);
    expect(fake.seenHosts.has('update.example.com')).toBe(false);
    // Once the extension has asked that host, nothing sent there can be told apart: all of it counts.
    const worker = browser.worker;
    if (!worker) throw new Error('no service worker handle');
    await worker.evaluate(() => fetch('https://update.example.com/ping', { mode: 'no-cors' }).then(() => 'done', String));
    await expect.poll(() => fake.unexpectedHosts.get('update.example.com')).toEqual(['POST /service/update2/json', 'GET /ping']);
    expect(fake.browserHosts.has('update.example.com')).toBe(false);
  });

  it('a request naming the extension’s origin counts against PerpLens even if no witness saw it', async () => {
    const origin = `chrome-extension://${browser.extensionId}`;
    await new Promise<void>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: fake.port,
          path: '/beacon',
          method: 'POST',
          servername: 'localhost',
          rejectUnauthorized: false,
          headers: { host: 'beacon.example.net', origin },
        },
        (res) => {
          res.resume();
          resolve();
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(fake.unexpectedHosts.get('beacon.example.net')).toEqual(['POST /beacon']);
  });

  it('the check every e2e file runs when it closes its fake exchange names them', () => {
    expect(() => assertOnlyVenueHosts(fake)).toThrow(
      /fonts\.googleapis\.com \(GET \/x\).*stream\.tracker\.example.*telemetry\.example\.net.*pixel\.example\.org.*ws\.example\.org.*cdn\.example\.com.*update\.example\.com/,
    );
    expect(() => assertOnlyVenueHosts({ unexpectedHosts: new Map() })).not.toThrow();
  });
});

describe.skipIf(!drives('chromium'))('closing the fake exchange in chromium', () => {
  it('passes on what the browser asks on its own, and fails on a stray request of the extension', async () => {
    const fake = await startFakeExchange({ port: 0 });
    const browser = await launch('chromium', fake);
    try {
      const page = await browser.newPage();
      await page.goto('https://www.okx.com/trade-swap/btc-usdt-swap');
      await waitFor(page, probeMarket, 'the market block in state ok', (p) => p.state === 'ok', 25_000);
      await page.close();
    } finally {
      await browser.close();
    }
    // Whatever this Chromium asked by itself (its update check, its account list...) is no failure.
    console.info(`browser's own requests seen: ${JSON.stringify([...fake.browserHosts.keys()])}`);
    await fake.close();

    const fake2 = await startFakeExchange({ port: 0 });
    const browser2 = await launch('chromium', fake2);
    try {
      await browser2.worker?.evaluate(() => fetch('https://collector.example.io/v1', { mode: 'no-cors' }).then(() => 'done', String));
      await expect.poll(() => fake2.unexpectedHosts.has('collector.example.io')).toBe(true);
    } finally {
      await browser2.close();
    }
    await expect(fake2.close()).rejects.toThrow(/requests left the venues: collector\.example\.io \(GET \/v1\)/);
  });
});

describe.skipIf(!drives('firefox'))('network hosts in firefox', () => {
  let fake: FakeExchange;
  let browser: E2EBrowser;

  beforeAll(async () => {
    fake = await startFakeExchange({ port: 443 });
    browser = await launch('firefox', fake);
  });
  afterAll(async () => {
    await browser?.close();
    fake?.forgetStrayRequests();
    await fake?.close();
  });

  it('a venue page and the extension’s market requests stay on the venue hosts', async () => {
    const page = await browser.newPage();
    await page.goto('https://www.binance.com/en/futures/BTCUSDT');
    await waitFor(page, probeMarket, 'the market block in state ok', (p) => p.state === 'ok', 25_000);
    expect(fake.seenHosts.has('www.binance.com')).toBe(true);
    expect(fake.seenHosts.has('fapi.binance.com')).toBe(true);
    expect([...fake.unexpectedHosts.keys()]).toEqual([]);
    await page.close();
  });

  it('a page’s fetch and WebSocket to other hosts go through the proxy and are recorded as unexpected', async () => {
    const page = await browser.newPage();
    await page.goto('https://www.binance.com/en/futures/BTCUSDT');
    const status = await page.evaluate(() =>
      fetch('https://fonts.googleapis.com/x?family=Inter').then(
        (r) => r.status,
        (e: unknown) => String(e),
      ),
    );
    expect(status).toBe(404);
    expect(fake.tunnelledHosts.has('fonts.googleapis.com')).toBe(true);
    expect(fake.unexpectedHosts.get('fonts.googleapis.com')).toEqual(['GET /x']);
    await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket('wss://stream.tracker.example/feed');
          ws.onerror = () => resolve('error');
          ws.onopen = () => resolve('open');
        }),
    );
    await expect.poll(() => fake.unexpectedHosts.get('stream.tracker.example')).toEqual(['UPGRADE /feed']);
    await page.close();
  });

  it('an extension page’s request to another host is recorded', async () => {
    const page = await browser.newPage();
    await page.goto('https://www.binance.com/en/futures/BTCUSDT');
    await waitFor(page, probeMarket, 'the market block', (p) => p.state === 'ok', 25_000);
    await page.click('pierce/[data-ask="options"]');
    const options = await browser.extensionPage('src/options/index.html');
    // A cross-origin fetch from the extension names its moz-extension:// origin.
    await options.evaluate(() => fetch('https://cdn.example.com/lib.js').then(() => 'done', String));
    await expect.poll(() => fake.unexpectedHosts.get('cdn.example.com')).toEqual(['GET /lib.js']);
    await options.close();
    await page.close();
  });

  it('the check every e2e file runs when it closes its fake exchange names them', () => {
    expect(() => assertOnlyVenueHosts(fake)).toThrow(/fonts\.googleapis\.com \(GET \/x\).*stream\.tracker\.example.*cdn\.example\.com/);
  });
});
