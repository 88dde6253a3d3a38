import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertOnlyVenueHosts, startFakeExchange, type FakeExchange } from '../fake-exchange/server';
import { launch, waitFor, type E2EBrowser } from './browsers';
import { probeMarket } from './probes';

// The other e2e files rely on this: Chromium sends EVERY hostname to the fake exchange, which
// records the ones it does not serve, and closing it fails their suite when there were any. Here the
// stray requests are made on purpose, so this file empties the record before it closes.
// (Firefox: see SECURITY.md, "What the tests check": its stray requests are not recorded.)

describe('network hosts in chromium', () => {
  let fake: FakeExchange;
  let browser: E2EBrowser;

  beforeAll(async () => {
    fake = await startFakeExchange({ port: 0 });
    browser = await launch('chromium', fake.hosts, fake.port);
  });
  afterAll(async () => {
    await browser?.close();
    fake?.unexpectedHosts.clear();
    await fake?.close();
  });

  it('a venue page and the extension’s own requests are not unexpected', async () => {
    const page = await browser.newPage();
    await page.goto('https://www.binance.com/en/futures/BTCUSDT');
    await waitFor(page, probeMarket, 'the market block in state ok', (p) => p.state === 'ok', 25_000);
    await page.close();
    expect(fake.seenHosts.has('www.binance.com')).toBe(true);
    expect(fake.seenHosts.has('fapi.binance.com')).toBe(true);
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

  it('the service worker’s requests to another host are recorded', async () => {
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
  });

  it('only the exact requests of Chromium’s own services are kept apart', async () => {
    const ask = (host: string, method: string, path: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: fake.port, path, method, servername: 'localhost', rejectUnauthorized: false, headers: { host } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    expect(await ask('android.clients.google.com', 'POST', '/checkin')).toBe(404);
    expect(await ask('android.clients.google.com', 'GET', '/checkin')).toBe(404);
    expect(await ask('accounts.google.com', 'POST', '/ListAccounts/x')).toBe(404);
    expect(fake.browserHosts.get('android.clients.google.com')).toContain('POST /checkin');
    expect(fake.unexpectedHosts.get('android.clients.google.com')).toEqual(['GET /checkin']);
    expect(fake.unexpectedHosts.get('accounts.google.com')).toEqual(['POST /ListAccounts/x']);
  });

  it('the check every e2e file runs when it closes its fake exchange names them', () => {
    expect(() => assertOnlyVenueHosts(fake)).toThrow(/fonts\.googleapis\.com \(GET \/x\).*stream\.tracker\.example.*telemetry\.example\.net.*android\.clients\.google\.com \(GET \/checkin\)/);
    expect(() => assertOnlyVenueHosts({ unexpectedHosts: new Map() })).not.toThrow();
  });
});
