import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchJson } from '../../../src/background/http';

const url = new URL('https://fapi.binance.com/fapi/v1/premiumIndex?symbol=BTCUSDT');

function respond(body: string, init: ResponseInit = {}) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(body, init)),
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('fetchJson', () => {
  it('parses a JSON body', async () => {
    respond('{"a":1}');
    expect(await fetchJson({ venue: 'binance', url })).toEqual({ ok: true, value: { a: 1 } });
  });

  it.each([
    [451, 'region-blocked'],
    [403, 'region-blocked'],
    [429, 'rate-limited'],
    [418, 'rate-limited'],
    [400, 'bad-request'],
    [500, 'http'],
    [502, 'http'],
  ] as const)('maps HTTP %i to %s', async (status, kind) => {
    respond('<html>bad gateway</html>', { status });
    const r = await fetchJson({ venue: 'binance', url });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe(kind);
      expect(r.error.status).toBe(status);
      expect(r.error.endpoint).toBe('/fapi/v1/premiumIndex');
    }
  });

  it.each([
    ['{"code":-1121,"msg":"Invalid symbol."}', '-1121'],
    ['{"code":"51001","msg":"x"}', '51001'],
    ['{"code":"NaN"}', undefined],
    ['{"msg":"no code"}', undefined],
    ['<html>bad request</html>', undefined],
  ] as const)('keeps the venue code of an error body %s', async (body, code) => {
    respond(body, { status: 400 });
    const r = await fetchJson({ venue: 'binance', url });
    expect(r.ok || r.error.venueCode).toBe(code);
  });

  it("tells Bybit's 403 rate ban from a region block", async () => {
    respond('{"retCode":10006,"retMsg":"access too frequent"}', { status: 403 });
    const r = await fetchJson({ venue: 'bybit', url });
    expect(r.ok || r.error.kind).toBe('rate-limited');
  });

  it('turns Retry-After seconds into a retry time', async () => {
    const before = Date.now();
    respond('', { status: 429, headers: { 'retry-after': '30' } });
    const r = await fetchJson({ venue: 'binance', url });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.retryAt).toBeGreaterThanOrEqual(before + 30_000);
  });

  it('reports a truncated body as malformed', async () => {
    respond('{"symbol":"BTC');
    const r = await fetchJson({ venue: 'binance', url });
    expect(r.ok || r.error.kind).toBe('malformed');
  });

  it('aborts and reports a timeout', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        (_u: URL, init: RequestInit) =>
          new Promise((_, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))),
      ),
    );
    const r = await fetchJson({ venue: 'binance', url, timeoutMs: 20 });
    expect(r.ok || r.error.kind).toBe('timeout');
  });

  it('reports a network failure', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const r = await fetchJson({ venue: 'binance', url });
    expect(r.ok || r.error.kind).toBe('network');
  });

  it('sends a JSON body with its content type and no credentials', async () => {
    const spy = vi.fn(async () => new Response('[]'));
    vi.stubGlobal('fetch', spy);
    await fetchJson({ venue: 'hyperliquid', url: new URL('https://api.hyperliquid.xyz/info'), method: 'POST', body: { type: 'meta' } });
    const init = (spy.mock.calls[0] as unknown as [URL, RequestInit])[1];
    expect(init.method).toBe('POST');
    expect(init.body).toBe('{"type":"meta"}');
    expect(init.credentials).toBe('omit');
  });
});
