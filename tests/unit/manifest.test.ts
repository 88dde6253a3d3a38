import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contentEntry, firefoxManifest, withVenues, type Manifest } from '../../scripts/manifest-variants';
import { VENUE_RECORDS } from '../../src/venues/registry';

const file = JSON.parse(readFileSync('manifest.json', 'utf8')) as Manifest;
const base = withVenues(file, VENUE_RECORDS);

describe('manifest.json', () => {
  it('is MV3 with a service worker and no web_accessible_resources', () => {
    expect(base.manifest_version).toBe(3);
    expect(base.background?.service_worker).toBe('src/background/index.ts');
    expect(base).not.toHaveProperty('web_accessible_resources');
  });
  it('takes its hosts and content scripts from the venue registry', () => {
    // Written by hand: the independent check of what the registry derives (least-privilege.e2e.ts
    // checks the built extensions the same way).
    expect(base.host_permissions).toEqual([
      'https://fapi.binance.com/*',
      'https://www.binance.com/*',
      'wss://fstream.binance.com/*',
      'https://api.bybit.com/*',
      'https://www.bybit.com/*',
      'wss://stream.bybit.com/*',
      'https://www.okx.com/*',
      'https://api.hyperliquid.xyz/*',
      'https://app.hyperliquid.xyz/*',
      'https://indexer.dydx.trade/*',
      'https://dydx.trade/*',
      'https://api.bitget.com/*',
      'https://www.bitget.com/*',
      'https://arbitrum.gmxapi.io/*',
      'https://arbitrum-api.gmxinfra.io/*',
      'https://app.gmx.io/*',
      'https://mainnet.zklighter.elliot.ai/*',
      'https://app.lighter.xyz/*',
      'wss://mainnet.zklighter.elliot.ai/*',
    ]);
    expect(base.content_scripts).toEqual([
      { matches: ['https://www.binance.com/*futures/*'], js: ['src/venues/binance/content.ts'], run_at: 'document_idle' },
      { matches: ['https://www.bybit.com/*'], js: ['src/venues/bybit/content.ts'], run_at: 'document_idle' },
      { matches: ['https://www.okx.com/*'], js: ['src/venues/okx/content.ts'], run_at: 'document_idle' },
      { matches: ['https://app.hyperliquid.xyz/*'], js: ['src/venues/hyperliquid/content.ts'], run_at: 'document_idle' },
      { matches: ['https://dydx.trade/*'], js: ['src/venues/dydx/content.ts'], run_at: 'document_idle' },
      { matches: ['https://www.bitget.com/*futures/*'], js: ['src/venues/bitget/content.ts'], run_at: 'document_idle' },
      { matches: ['https://app.gmx.io/*'], js: ['src/venues/gmx/content.ts'], run_at: 'document_idle' },
      { matches: ['https://app.lighter.xyz/*'], js: ['src/venues/lighter/content.ts'], run_at: 'document_idle' },
    ]);
    for (const v of VENUE_RECORDS) expect(readFileSync(contentEntry(v.id), 'utf8')).toMatch(/startContent\(/);
  });
  it('refuses a manifest.json that lists hosts itself, and a host that is not https or wss', () => {
    expect(() => withVenues({ ...file, host_permissions: [] }, VENUE_RECORDS)).toThrow(/registry/);
    const odd = { id: 'odd', pages: ['http://odd.example/*'], websockets: [], descriptor: { apiBase: 'https://api.odd.example' } };
    expect(() => withVenues(file, [odd])).toThrow(/not an https or wss origin/);
    const ws = { ...odd, pages: ['https://odd.example/*'], websockets: ['wss://ws.odd.example'] };
    expect(withVenues(file, [ws]).host_permissions).toEqual(['https://api.odd.example/*', 'https://odd.example/*', 'wss://ws.odd.example/*']);
  });
  it('derives a Firefox manifest with background.scripts, a gecko id and no data collection', () => {
    const ff = firefoxManifest(base);
    expect(ff.background).toEqual({ scripts: ['src/background/index.ts'], type: 'module' });
    expect(ff).not.toHaveProperty('minimum_chrome_version');
    expect(ff.browser_specific_settings).toMatchObject({
      gecko: { id: expect.stringMatching(/@/), strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
    });
    expect(ff.host_permissions).toEqual(base.host_permissions);
    expect(ff.content_scripts).toEqual(base.content_scripts);
  });
});
