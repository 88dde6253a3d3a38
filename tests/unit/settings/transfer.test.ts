import { describe, expect, it } from 'vitest';
import { DEFAULT_BANDS } from '../../../src/core/bands';
import { DEFAULT_SETTINGS, defaultSettings } from '../../../src/settings/defaults';
import { exportSettings, importSettings, loadSettings, saveSettings } from '../../../src/settings/store';
import { DYDX_ADDRESS, DYDX_BAD_CHECKSUM, HL_ADDRESS } from './fixtures';
import { memoryStorage } from './memory-storage';

function custom() {
  const s = defaultSettings();
  s.wallets = { hyperliquid: HL_ADDRESS.toLowerCase(), dydx: DYDX_ADDRESS };
  s.bands = { ...DEFAULT_BANDS, basis: 'sigma', dangerBelow: 0.05, cautionBelow: 0.2 };
  s.defaultWindow = '1h';
  s.watchlist = [{ venue: 'okx', symbol: 'DOGE-USDT-SWAP' }];
  s.privacyMode = true;
  return s;
}

describe('export and import', () => {
  it('round-trips exactly', () => {
    const s = custom();
    const text = exportSettings(s);
    expect(text).toContain('\n  "version": 1,');
    expect(importSettings(text)).toEqual({ ok: true, settings: s });
    expect(importSettings(exportSettings(DEFAULT_SETTINGS))).toEqual({ ok: true, settings: DEFAULT_SETTINGS });
  });

  it('refuses text that is not JSON', () => {
    const r = importSettings('{"version": 1,');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0]).toMatch(/^not a JSON file: /);
  });

  it('refuses a half-valid file whole, listing every problem with its path', () => {
    const doc = JSON.parse(exportSettings(custom())) as Record<string, Record<string, unknown>>;
    doc['wallets'] = { dydx: DYDX_BAD_CHECKSUM };
    doc['refresh'] = { quoteSeconds: 2, watchlistSeconds: 60 };
    const r = importSettings(JSON.stringify(doc));
    expect(r).toEqual({
      ok: false,
      errors: ['wallets.dydx: checksum does not match: the address has a typo', 'refresh.quoteSeconds: must be a whole number of seconds from 15 to 300'],
    });
    expect(r).not.toHaveProperty('settings');
  });

  it('a refused import changes nothing in storage', async () => {
    const storage = memoryStorage();
    await saveSettings(custom(), storage);
    const before = structuredClone(storage.data);
    const doc = { ...defaultSettings(), privacyMode: false, bands: { dangerBelow: 0.3, cautionBelow: 0.2 } };
    const r = importSettings(JSON.stringify(doc));
    if (r.ok) await saveSettings(r.settings, storage);
    expect(r.ok).toBe(false);
    expect(storage.data).toEqual(before);
    expect(await loadSettings(storage)).toEqual(custom());
  });

  it('an accepted import replaces every field', async () => {
    const storage = memoryStorage();
    await saveSettings(custom(), storage);
    const r = importSettings(exportSettings(DEFAULT_SETTINGS));
    expect(r.ok).toBe(true);
    if (r.ok) await saveSettings(r.settings, storage);
    expect(await loadSettings(storage)).toEqual(DEFAULT_SETTINGS);
  });
});
