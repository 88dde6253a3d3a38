import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_BANDS } from '../../../src/core/bands';
import { DEFAULT_SETTINGS, defaultSettings } from '../../../src/settings/defaults';
import type { Settings } from '../../../src/settings/schema';
import { loadSettings, onSettingsChanged, saveSettings } from '../../../src/settings/store';
import { SETTINGS_KEY } from '../../../src/settings/sync-layout';
import { DYDX_BAD_CHECKSUM, HL_ADDRESS } from './fixtures';
import { memoryStorage } from './memory-storage';

const KEY = 'perplens.settings';

describe('loadSettings', () => {
  it('uses the perplens.settings key', () => {
    expect(SETTINGS_KEY).toBe(KEY);
  });

  it('gives the defaults when nothing is stored', async () => {
    expect(await loadSettings(memoryStorage())).toEqual(DEFAULT_SETTINGS);
  });

  it.each([['nonsense'], [42], [null], [[1, 2, 3]], [{ version: 'x', bands: 7, watchlist: 'BTC' }], [{}]])(
    'gives the defaults for garbage: %j',
    async (garbage) => {
      const storage = memoryStorage();
      storage.data.set(KEY, garbage);
      expect(await loadSettings(storage)).toEqual(DEFAULT_SETTINGS);
    },
  );

  it('gives the defaults when storage itself fails', async () => {
    const storage = memoryStorage();
    storage.get = () => Promise.reject(new Error('sync is disabled'));
    expect(await loadSettings(storage)).toEqual(DEFAULT_SETTINGS);
  });

  it('settings stored before a venue was added keep every choice, and the new venue starts on', async () => {
    const storage = memoryStorage();
    const before = defaultSettings();
    const { bitget: _added, ...olderVenues } = { ...before.venues, okx: false };
    const olderList = before.watchlist.filter((w) => w.venue !== 'bitget').slice(0, 4);
    storage.data.set(KEY, { ...before, venues: olderVenues, watchlist: olderList });
    const loaded = await loadSettings(storage);
    expect(loaded.venues).toEqual({ ...before.venues, okx: false, bitget: true });
    // The trader's own watchlist stays as it was: a new venue adds no rows to it.
    expect(loaded.watchlist).toEqual(olderList);
  });

  it('keeps each valid stored field and defaults only the invalid ones', async () => {
    const storage = memoryStorage();
    storage.data.set(KEY, {
      version: 1,
      venues: { okx: false, kraken: true, bybit: 'no' },
      wallets: { hyperliquid: HL_ADDRESS, dydx: DYDX_BAD_CHECKSUM },
      bands: { dangerBelow: 0.02, cautionBelow: 'ten percent' },
      regimeThresholds: { '1h': { price: 0.002, oi: -1 } },
      defaultWindow: '24h',
      refresh: { quoteSeconds: 60, watchlistSeconds: 5 },
      alerts: { enabled: false, cooldownMinutes: 2 },
      privacyMode: 'yes',
      watchlist: [
        { venue: 'okx', symbol: 'BTC-USDT-SWAP' },
        { venue: 'kraken', symbol: 'XBT' },
        { venue: 'okx', symbol: 'BTC-USDT-SWAP' },
        'ETH',
        { venue: 'hyperliquid', symbol: 'kPEPE' },
      ],
      theme: 'dark',
    });
    const s = await loadSettings(storage);
    const d = defaultSettings();
    expect(s).toEqual<Settings>({
      version: 1,
      venues: { ...d.venues, okx: false },
      wallets: { hyperliquid: HL_ADDRESS.toLowerCase() },
      bands: { ...DEFAULT_BANDS, dangerBelow: 0.02, cautionBelow: 0.1 },
      regimeThresholds: { ...d.regimeThresholds, '1h': { price: 0.002, oi: d.regimeThresholds['1h'].oi } },
      defaultWindow: '24h',
      refresh: { quoteSeconds: 60, watchlistSeconds: 30 },
      alerts: { ...d.alerts, enabled: false },
      privacyMode: false,
      watchlist: [
        { venue: 'okx', symbol: 'BTC-USDT-SWAP' },
        { venue: 'hyperliquid', symbol: 'kPEPE' },
      ],
    });
  });

  it('takes fields that are only valid together (danger below caution)', async () => {
    const storage = memoryStorage();
    // Each alone conflicts with the other's default; the section as a whole fails on the extra key.
    storage.data.set(KEY, { bands: { dangerBelow: 0.2, cautionBelow: 0.3, extra: 1 } });
    // Saved before the bands had a basis: the % thresholds are kept, the rest take the defaults.
    expect((await loadSettings(storage)).bands).toEqual({ ...DEFAULT_BANDS, dangerBelow: 0.2, cautionBelow: 0.3 });
  });

  it('drops a stored pair that conflicts', async () => {
    const storage = memoryStorage();
    storage.data.set(KEY, { bands: { dangerBelow: 0.3, cautionBelow: 0.2 } });
    const bands = (await loadSettings(storage)).bands;
    expect(bands.dangerBelow).toBeLessThan(bands.cautionBelow);
  });
});

function fullSettings(): Settings {
  // The largest settings a user can make: 200 markets with 40-character symbols on the venue with
  // the longest name, addresses set, numbers that print at full precision.
  const s = defaultSettings();
  s.wallets = { hyperliquid: HL_ADDRESS.toLowerCase(), dydx: 'dydx1n88uc38xhjgxzw9nwre4ep2c8ga4fjxc565lnf' };
  s.bands = { ...DEFAULT_BANDS, dangerBelow: 0.1 + 0.2 - 0.29999999999999, cautionBelow: 0.1 + 0.2 };
  s.alerts.distanceBelow = 0.1 + 0.2;
  for (const w of ['1h', '4h', '24h'] as const) s.regimeThresholds[w] = { price: 0.1 + 0.2, oi: 0.2 + 0.1 + 1e-17 };
  s.watchlist = Array.from({ length: 200 }, (_, i) => ({ venue: 'hyperliquid', symbol: `${String(i).padStart(3, '0')}${'X'.repeat(37)}` }));
  return s;
}

describe('saveSettings', () => {
  it('stores valid settings, normalised, and loads them back', async () => {
    const storage = memoryStorage();
    const s = defaultSettings();
    s.wallets = { hyperliquid: HL_ADDRESS };
    s.venues.binance = false;
    const r = await saveSettings(s, storage);
    expect(r.ok).toBe(true);
    const loaded = await loadSettings(storage);
    expect(loaded.wallets.hyperliquid).toBe(HL_ADDRESS.toLowerCase());
    expect(loaded).toEqual({ ...s, wallets: { hyperliquid: HL_ADDRESS.toLowerCase() } });
    expect(storage.data.get(KEY)).toEqual(loaded);
  });

  it('refuses invalid settings and writes nothing', async () => {
    const storage = memoryStorage();
    const s = defaultSettings();
    s.bands.dangerBelow = 0.2;
    s.refresh.quoteSeconds = 5;
    const r = await saveSettings(s, storage);
    expect(r).toEqual({
      ok: false,
      errors: ['bands.cautionBelow: must be above the danger band', 'refresh.quoteSeconds: must be a whole number of seconds from 15 to 300'],
    });
    expect(storage.writes).toBe(0);
    expect(storage.data.size).toBe(0);
  });

  it('fits the largest possible settings into sync storage items of at most 8 KB', async () => {
    const storage = memoryStorage();
    const big = fullSettings();
    const r = await saveSettings(big, storage);
    expect(r.ok ? 'saved' : r.errors).toBe('saved');
    expect(storage.data.size).toBeGreaterThan(1);
    expect(await loadSettings(storage)).toEqual(big);

    // A shorter list later leaves no part behind that could be read back.
    const small = defaultSettings();
    expect((await saveSettings(small, storage)).ok).toBe(true);
    expect([...storage.data.keys()]).toEqual([KEY]);
    expect(await loadSettings(storage)).toEqual(small);
  });

  it('reads only the parts the main item counts', async () => {
    const storage = memoryStorage();
    await saveSettings(fullSettings(), storage);
    const head = storage.data.get(KEY) as Record<string, unknown>;
    storage.data.set(KEY, { ...head, watchlistParts: 1 });
    expect((await loadSettings(storage)).watchlist).toHaveLength(180);
  });

  it('reports a storage failure instead of throwing', async () => {
    const storage = memoryStorage();
    storage.set = () => Promise.reject(new Error('MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded'));
    expect(await saveSettings(defaultSettings(), storage)).toEqual({ ok: false, errors: ['could not save: MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded'] });
  });
});

describe('onSettingsChanged', () => {
  it('delivers the reloaded settings after a save, and stops when asked', async () => {
    const storage = memoryStorage();
    const seen: Settings[] = [];
    const stop = onSettingsChanged((s) => seen.push(s), storage);
    const s = defaultSettings();
    s.privacyMode = true;
    await saveSettings(s, storage);
    await vi.waitFor(() => expect(seen.at(-1)?.privacyMode).toBe(true));
    stop();
    const count = seen.length;
    await saveSettings(defaultSettings(), storage);
    await new Promise((r) => setTimeout(r, 10));
    expect(seen).toHaveLength(count);
  });

  it('ignores other keys', async () => {
    const storage = memoryStorage();
    const cb = vi.fn();
    onSettingsChanged(cb, storage);
    await storage.set({ 'perplens.panel.okx': { x: 1 } });
    await new Promise((r) => setTimeout(r, 10));
    expect(cb).not.toHaveBeenCalled();
  });
});
