import { describe, expect, it } from 'vitest';
import { attribute, byHost, type RequestWitness, type StrayRequest } from '../../fake-exchange/attribution';

const VENUES = new Set(['www.binance.com', 'fapi.binance.com']);
const witness = (label: string, hosts: string[]): RequestWitness => ({ label, hostsAskedByTargets: () => new Set(hosts) });
const req = (over: Partial<StrayRequest>): StrayRequest => ({
  method: 'POST',
  host: 'update.googleapis.com',
  path: '/service/update2/json',
  origin: null,
  ...over,
});

describe('who made a stray request', () => {
  it('a request no page or worker made is the browser’s own', () => {
    expect(attribute(req({}), VENUES, [witness('chromium', ['www.binance.com', 'fapi.binance.com'])]).maker).toBe('browser');
  });

  it('a host a page or worker asked counts against PerpLens, whatever the path', () => {
    const a = attribute(req({ method: 'GET', path: '/other' }), VENUES, [witness('a', []), witness('b', ['update.googleapis.com'])]);
    expect(a).toEqual({ maker: 'extension-or-page', why: 'b: a page or worker asked update.googleapis.com' });
  });

  it('with no witness nothing can be told apart, so everything counts against PerpLens', () => {
    expect(attribute(req({}), VENUES, []).maker).toBe('extension-or-page');
  });

  it('a WebSocket handshake always counts against PerpLens', () => {
    expect(attribute(req({ method: 'UPGRADE', path: '/ws' }), VENUES, [witness('chromium', [])]).maker).toBe('extension-or-page');
  });

  it('an extension origin or a venue page origin counts against PerpLens even if no witness saw it', () => {
    const w = [witness('chromium', [])];
    expect(attribute(req({ origin: 'chrome-extension://abcdef' }), VENUES, w).maker).toBe('extension-or-page');
    expect(attribute(req({ origin: 'moz-extension://1234-5678' }), VENUES, w).maker).toBe('extension-or-page');
    expect(attribute(req({ origin: 'https://www.binance.com' }), VENUES, w).maker).toBe('extension-or-page');
    // Chromium's account list names google.com as its origin: that is not a page PerpLens runs in.
    expect(attribute(req({ host: 'accounts.google.com', origin: 'https://www.google.com' }), VENUES, w).maker).toBe('browser');
  });

  it('byHost keeps the first paths per host', () => {
    const m = byHost([req({}), req({ path: '/b' }), req({ path: '/c' }), req({ host: 'x.test', method: 'GET', path: '/' })], 2);
    expect([...m]).toEqual([
      ['update.googleapis.com', ['POST /service/update2/json', 'POST /b']],
      ['x.test', ['GET /']],
    ]);
  });
});
