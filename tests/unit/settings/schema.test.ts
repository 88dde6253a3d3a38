import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, defaultSettings } from '../../../src/settings/defaults';
import { parseSettings, type ParseResult } from '../../../src/settings/schema';
import { defaultsWith, DYDX_ADDRESS, DYDX_BAD_CHECKSUM, HL_ADDRESS } from './fixtures';

const ok = (r: ParseResult) => r.ok;
const errorsOf = (r: ParseResult) => (r.ok ? [] : r.errors);
const check = (path: string, value: unknown) => parseSettings(defaultsWith(path, value));

describe('defaults', () => {
  it('are valid and say what the brief promises', () => {
    expect(parseSettings(DEFAULT_SETTINGS)).toEqual({ ok: true, settings: DEFAULT_SETTINGS });
    const d = DEFAULT_SETTINGS;
    expect(d.version).toBe(1);
    expect(Object.values(d.venues)).toEqual([true, true, true, true, true, true, true, true]);
    expect(d.wallets).toEqual({});
    expect(d.bands).toEqual({
      basis: 'touch',
      touchDanger: 0.1,
      touchCaution: 0.01,
      sigmaDanger: 1.5,
      sigmaCaution: 2.5,
      dangerBelow: 0.03,
      cautionBelow: 0.1,
    });
    expect(d.defaultWindow).toBe('4h');
    expect(d.regimeThresholds).toEqual({ '1h': { price: 0.005, oi: 0.01 }, '4h': { price: 0.01, oi: 0.02 }, '24h': { price: 0.025, oi: 0.05 } });
    expect(d.refresh).toEqual({ quoteSeconds: 30, watchlistSeconds: 30 });
    expect(d.alerts).toEqual({ enabled: true, distanceBelow: 0.05, regimeFlip: true, extremeFunding: true, cooldownMinutes: 30 });
    expect(d.privacyMode).toBe(false);
  });

  it('watch BTC, ETH and SOL on every venue under its own symbol', () => {
    expect(DEFAULT_SETTINGS.watchlist).toHaveLength(24);
    const symbols = (venue: string) => DEFAULT_SETTINGS.watchlist.filter((w) => w.venue === venue).map((w) => w.symbol);
    expect(symbols('binance')).toEqual(['BTCUSDT', 'ETHUSDT', 'SOLUSDT']);
    expect(symbols('bybit')).toEqual(['BTCUSDT', 'ETHUSDT', 'SOLUSDT']);
    expect(symbols('okx')).toEqual(['BTC-USDT-SWAP', 'ETH-USDT-SWAP', 'SOL-USDT-SWAP']);
    expect(symbols('hyperliquid')).toEqual(['BTC', 'ETH', 'SOL']);
    expect(symbols('dydx')).toEqual(['BTC-USD', 'ETH-USD', 'SOL-USD']);
    expect(symbols('bitget')).toEqual(['BTCUSDT', 'ETHUSDT', 'SOLUSDT']);
    // GMX: the index alone, read as its deepest pool.
    expect(symbols('gmx')).toEqual(['BTC', 'ETH', 'SOL']);
    expect(symbols('lighter')).toEqual(['BTC', 'ETH', 'SOL']);
  });

  it('are frozen, and defaultSettings() hands out an independent copy', () => {
    expect(() => DEFAULT_SETTINGS.watchlist.push({ venue: 'okx', symbol: 'X' })).toThrow();
    const copy = defaultSettings();
    copy.bands.dangerBelow = 0.01;
    copy.watchlist.length = 0;
    expect(DEFAULT_SETTINGS.bands.dangerBelow).toBe(0.03);
    expect(DEFAULT_SETTINGS.watchlist).toHaveLength(24);
  });
});

describe('fractions: bands, regime thresholds, alert distance', () => {
  // cautionBelow is raised where needed so the bound, not danger < caution, is what is tested.
  const paths = [
    'bands.cautionBelow',
    'alerts.distanceBelow',
    ...(['1h', '4h', '24h'] as const).flatMap((w) => [`regimeThresholds.${w}.price`, `regimeThresholds.${w}.oi`]),
  ];
  it.each(paths)('%s is in (0, 0.5]', (path) => {
    expect(ok(check(path, 0.5))).toBe(true);
    expect(ok(check(path, 0.2))).toBe(true);
    for (const bad of [0, -0.01, 0.5000001, 1, Number.NaN, Number.POSITIVE_INFINITY, '0.1', null]) {
      const r = check(path, bad);
      expect(r.ok, `${path} = ${String(bad)}`).toBe(false);
      expect(errorsOf(r).join('\n')).toContain(path);
    }
  });

  it('bands.dangerBelow is above 0', () => {
    expect(ok(check('bands.dangerBelow', 1e-6))).toBe(true);
    expect(errorsOf(check('bands.dangerBelow', 0))).toEqual(['bands.dangerBelow: must be above 0% and at most 50% (as a fraction: above 0, at most 0.5)']);
    const wide = defaultsWith('bands.cautionBelow', 0.5);
    expect(parseSettings(defaultsWith('bands.dangerBelow', 0.49, wide)).ok).toBe(true);
    expect(parseSettings(defaultsWith('bands.dangerBelow', 0.51, wide)).ok).toBe(false);
  });

  it('danger must be below caution, reported on cautionBelow', () => {
    expect(errorsOf(check('bands.dangerBelow', 0.1))).toEqual(['bands.cautionBelow: must be above the danger band']);
    expect(errorsOf(check('bands.dangerBelow', 0.2))).toEqual(['bands.cautionBelow: must be above the danger band']);
    expect(ok(check('bands.dangerBelow', 0.09))).toBe(true);
  });
});

describe('whole-number bounds', () => {
  it.each([
    ['refresh.quoteSeconds', 15, 300],
    ['refresh.watchlistSeconds', 15, 600],
    ['alerts.cooldownMinutes', 5, 1440],
  ])('%s is a whole number in [%d, %d]', (path, min, max) => {
    expect(ok(check(path, min))).toBe(true);
    expect(ok(check(path, max))).toBe(true);
    for (const bad of [min - 1, max + 1, min + 0.5, Number.NaN, String(min), -1]) {
      const r = check(path, bad);
      expect(r.ok, `${path} = ${String(bad)}`).toBe(false);
      expect(errorsOf(r)[0]).toMatch(new RegExp(`^${path.replace('.', '\\.')}: must be a (number|whole number of \\w+ from ${min} to ${max})$`));
    }
  });
});

describe('choices and switches', () => {
  it('the default window is 1h, 4h or 24h', () => {
    for (const w of ['1h', '4h', '24h']) expect(ok(check('defaultWindow', w))).toBe(true);
    expect(errorsOf(check('defaultWindow', '2h'))).toEqual(['defaultWindow: must be one of 1h, 4h, 24h']);
  });
  it.each(['venues.binance', 'venues.dydx', 'alerts.enabled', 'alerts.regimeFlip', 'alerts.extremeFunding', 'privacyMode'])('%s is true or false', (path) => {
    expect(ok(check(path, false))).toBe(true);
    expect(errorsOf(check(path, 'yes'))).toEqual([`${path}: must be true or false`]);
    expect(check(path, undefined).ok).toBe(false);
  });
  it('knows exactly the five venues', () => {
    expect(errorsOf(check('venues.kraken', true))).toEqual(['venues.kraken: is not a known setting']);
  });
});

describe('wallet addresses', () => {
  it('Hyperliquid: 0x + 40 hex digits, stored lower case', () => {
    const r = check('wallets.hyperliquid', `  ${HL_ADDRESS} `);
    expect(r.ok && r.settings.wallets).toEqual({ hyperliquid: HL_ADDRESS.toLowerCase() });
    for (const bad of ['0x' + 'a'.repeat(39), '0x' + 'a'.repeat(41), '0x' + 'g'.repeat(40), 'a'.repeat(42), DYDX_ADDRESS, 42]) {
      expect(errorsOf(check('wallets.hyperliquid', bad))[0], String(bad)).toMatch(/^wallets\.hyperliquid: must be/);
    }
  });

  it('dYdX: bech32 with a verified checksum, stored lower case', () => {
    const r = check('wallets.dydx', DYDX_ADDRESS.toUpperCase());
    expect(r.ok && r.settings.wallets).toEqual({ dydx: DYDX_ADDRESS });
    expect(errorsOf(check('wallets.dydx', DYDX_BAD_CHECKSUM))).toEqual(['wallets.dydx: checksum does not match: the address has a typo']);
    for (const bad of [
      'cosmos1n88uc38xhjgxzw9nwre4ep2c8ga4fjxc565lnf',
      'dydx1n88uc38xhjgxzw9nwre4ep2c8ga4fjxc565ln',
      'dydx1b88uc38xhjgxzw9nwre4ep2c8ga4fjxc565lnf',
      HL_ADDRESS,
    ]) {
      expect(errorsOf(check('wallets.dydx', bad)), bad).toEqual(['wallets.dydx: must be dydx1 followed by 38 address characters']);
    }
    // Bech32 is never mixed-case: the checksum validator refuses it even though the letters match.
    expect(check('wallets.dydx', 'dydx1N88uc38xhjgxzw9nwre4ep2c8ga4fjxc565lnf').ok).toBe(false);
  });

  it('a blank address means none', () => {
    const r = parseSettings(defaultsWith('wallets', { hyperliquid: '', dydx: '  ' }));
    expect(r.ok && r.settings.wallets).toEqual({});
    expect(r.ok && 'hyperliquid' in r.settings.wallets).toBe(false);
  });
});

describe('watchlist', () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => ({ venue: 'binance', symbol: `C${i}USDT` }));

  it('holds at most 200 markets', () => {
    expect(ok(check('watchlist', many(200)))).toBe(true);
    expect(errorsOf(check('watchlist', many(201)))).toEqual(['watchlist: must hold at most 200 markets']);
    expect(ok(check('watchlist', []))).toBe(true);
  });

  it('refuses duplicates, naming the repeated row', () => {
    const list = [...DEFAULT_SETTINGS.watchlist, { venue: 'okx', symbol: 'ETH-USDT-SWAP' }];
    expect(errorsOf(check('watchlist', list))).toEqual(['watchlist[24]: is already in the watchlist']);
    // Same symbol on another venue is another market.
    expect(
      ok(
        check('watchlist', [
          { venue: 'binance', symbol: 'BTCUSDT' },
          { venue: 'bybit', symbol: 'BTCUSDT' },
        ]),
      ),
    ).toBe(true);
  });

  it('checks each row: a known venue and a plain symbol of 1–40 characters', () => {
    expect(ok(check('watchlist.0.symbol', 'kPEPE'))).toBe(true);
    expect(ok(check('watchlist.0.symbol', 'A'.repeat(40)))).toBe(true);
    for (const bad of ['', 'A'.repeat(41), 'BTC/USDT', 'BTC USDT', '<b>']) {
      expect(errorsOf(check('watchlist.0.symbol', bad)), bad).toEqual(['watchlist[0].symbol: must be 1 to 40 letters, digits or . _ : -']);
    }
    expect(errorsOf(check('watchlist.3.venue', 'kraken'))).toEqual([
      'watchlist[3].venue: must be one of binance, bybit, okx, hyperliquid, dydx, bitget, gmx, lighter',
    ]);
    expect(errorsOf(check('watchlist', [{ venue: 'okx', symbol: 'BTC-USDT-SWAP', note: 'x' }]))).toEqual(['watchlist[0].note: is not a known setting']);
  });
});

describe('the document', () => {
  it('carries version 1', () => {
    expect(errorsOf(check('version', 2))).toEqual(['version: must be 1']);
    expect(errorsOf(check('version', undefined))).toEqual(['version: is missing']);
  });
  it('names missing and unknown fields, and refuses a non-object', () => {
    expect(errorsOf(check('bands.cautionBelow', undefined))).toEqual(['bands.cautionBelow: is missing']);
    expect(errorsOf(check('theme', 'dark'))).toEqual(['theme: is not a known setting']);
    expect(errorsOf(parseSettings(null))).toEqual(['settings: must be an object']);
    expect(errorsOf(parseSettings([]))).toEqual(['settings: must be an object']);
  });
  it('reports every problem at once', () => {
    const doc = defaultsWith('refresh.quoteSeconds', 1, defaultsWith('wallets.dydx', DYDX_BAD_CHECKSUM));
    expect(errorsOf(parseSettings(doc))).toHaveLength(2);
  });
});
