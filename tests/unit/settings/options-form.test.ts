// @vitest-environment happy-dom
import { h, render } from 'preact';
import { DEFAULT_BANDS } from '../../../src/core/bands';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OptionsPage, type OptionsDeps } from '../../../src/options/OptionsPage';
import type { HostAccess } from '../../../src/options/host-access';
import { defaultSettings } from '../../../src/settings/defaults';
import { exportSettings, loadSettings, onSettingsChanged, saveSettings } from '../../../src/settings/store';
import { DYDX_BAD_CHECKSUM, HL_ADDRESS } from './fixtures';
import { memoryStorage } from './memory-storage';

const ORIGINS = ['https://fapi.binance.com/*', 'https://www.binance.com/*', 'https://indexer.dydx.trade/*', 'https://dydx.trade/*'];

function fakeHostAccess(granted: Set<string>): HostAccess & { requests: string[][] } {
  const listeners = new Set<() => void>();
  return {
    origins: ORIGINS,
    requests: [],
    contains: async (o) => granted.has(o),
    request(origins) {
      this.requests.push(origins);
      for (const o of origins) granted.add(o);
      return Promise.resolve(true);
    },
    watch(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
  };
}

let container: HTMLElement;
let storage: ReturnType<typeof memoryStorage>;

async function mount(hostAccess: HostAccess | null = null) {
  const deps: OptionsDeps = {
    load: () => loadSettings(storage),
    save: (s) => saveSettings(s, storage),
    watch: (cb) => onSettingsChanged(cb, storage),
    hostAccess,
    version: '0.1.0',
  };
  await act(() => render(h(OptionsPage, { deps }), container));
  await vi.waitFor(() => expect(container.querySelector('form')).not.toBeNull());
}

const $ = <T extends Element = HTMLElement>(selector: string): T => {
  const el = container.querySelector<T>(selector);
  if (!el) throw new Error(`no ${selector}`);
  return el;
};
const saveButton = () => $<HTMLButtonElement>('button[type="submit"]');
const status = () => $('.save-bar [role="status"]').textContent;

async function type(selector: string, value: string) {
  await act(() => {
    const input = $<HTMLInputElement | HTMLTextAreaElement>(selector);
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
const click = (selector: string) => act(() => $<HTMLElement>(selector).click());
const errorFor = (input: Element) => {
  const ids = (input.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id.endsWith('-error'));
  return ids.map((id) => container.querySelector(`#${CSS.escape(id)}`)?.textContent).join(' ');
};

beforeEach(() => {
  storage = memoryStorage();
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  render(null, container);
  container.remove();
});

describe('options form', () => {
  it('shows every section, labelled, with the stored values', async () => {
    const s = defaultSettings();
    s.bands.dangerBelow = 0.025;
    await saveSettings(s, storage);
    await mount();
    const legends = [...container.querySelectorAll('fieldset.section > legend')].map((l) => l.textContent);
    expect(legends).toEqual([
      'Venues',
      'Wallet addresses',
      'Risk bands',
      'Regime thresholds',
      'Refresh intervals',
      'Alerts',
      'Privacy',
      'Watchlist',
      'Export',
      'Import',
    ]);
    expect($<HTMLInputElement>('#f-bands-dangerBelow').value).toBe('2.5');
    // Every form control has a label.
    for (const input of container.querySelectorAll('input, select, textarea')) {
      expect(container.querySelector(`label[for="${input.id}"]`), input.id).not.toBeNull();
    }
    expect(saveButton().disabled).toBe(false);
    expect(container.querySelector('.host-access')).toBeNull();
  });

  it('marks an invalid address, explains it beside the field and disables Save', async () => {
    await mount();
    await type('#f-wallets-hyperliquid', '0x1234');
    const input = $('#f-wallets-hyperliquid');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(errorFor(input)).toBe('must be 0x followed by 40 hexadecimal digits');
    expect(saveButton().disabled).toBe(true);
    expect($('#save-hint').textContent).toBe('Fix the field marked above to save.');

    await type('#f-wallets-dydx', DYDX_BAD_CHECKSUM);
    expect(errorFor($('#f-wallets-dydx'))).toBe('checksum does not match: the address has a typo');
    expect($('#save-hint').textContent).toBe('Fix the 2 fields marked above to save.');

    await type('#f-wallets-dydx', '');
    await type('#f-wallets-hyperliquid', HL_ADDRESS);
    expect(input.getAttribute('aria-invalid')).toBe('false');
    expect(saveButton().disabled).toBe(false);
    await click('button[type="submit"]');
    await vi.waitFor(() => expect(status()).toBe('Saved'));
    expect((await loadSettings(storage)).wallets).toEqual({ hyperliquid: HL_ADDRESS.toLowerCase() });
    expect($<HTMLInputElement>('#f-wallets-hyperliquid').value).toBe(HL_ADDRESS.toLowerCase());
  });

  it('shows percentages, checks danger below caution, and saves fractions', async () => {
    await mount();
    await type('#f-bands-dangerBelow', '12');
    expect($('#f-bands-cautionBelow').getAttribute('aria-invalid')).toBe('true');
    expect(errorFor($('#f-bands-cautionBelow'))).toBe('must be above the danger band');
    await type('#f-bands-cautionBelow', '60');
    expect(errorFor($('#f-bands-cautionBelow'))).toBe('must be above 0% and at most 50%');
    await type('#f-bands-cautionBelow', '15');
    await type('#f-refresh-quoteSeconds', '10');
    expect(errorFor($('#f-refresh-quoteSeconds'))).toBe('must be a whole number of seconds from 15 to 300');
    expect(saveButton().disabled).toBe(true);
    await type('#f-refresh-quoteSeconds', 'abc');
    expect(errorFor($('#f-refresh-quoteSeconds'))).toBe('must be a number');
    await type('#f-refresh-quoteSeconds', '45');
    await click('button[type="submit"]');
    await vi.waitFor(() => expect(status()).toBe('Saved'));
    const saved = await loadSettings(storage);
    expect(saved.bands).toEqual({ ...DEFAULT_BANDS, dangerBelow: 0.12, cautionBelow: 0.15 });
    expect(saved.refresh.quoteSeconds).toBe(45);
  });

  it('adds and removes watchlist rows, refusing bad and duplicate symbols', async () => {
    await mount();
    const rows = () => container.querySelectorAll('.watchlist li').length;
    expect(rows()).toBe(24);
    await type('#add-symbol', 'BTC/USDT');
    await click('button.add');
    expect($('#add-symbol').getAttribute('aria-invalid')).toBe('true');
    expect($('#add-symbol-error').textContent).toBe('must be 1 to 40 letters, digits or . _ : -');
    await type('#add-symbol', 'BTCUSDT');
    await click('button.add');
    expect($('#add-symbol-error').textContent).toBe('is already in the watchlist');
    await type('#add-symbol', ' DOGEUSDT ');
    await click('button.add');
    expect(rows()).toBe(25);
    expect(container.querySelector('.watchlist li:last-child .symbol')?.textContent).toBe('DOGEUSDT');
    await click('button[aria-label="Remove BTCUSDT on Binance"]');
    expect(rows()).toBe(24);
    // Focus stays in the list, on the row that moved up.
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Remove ETHUSDT on Binance');
    await click('button[type="submit"]');
    await vi.waitFor(() => expect(status()).toBe('Saved'));
    const symbols = (await loadSettings(storage)).watchlist.map((w) => `${w.venue}:${w.symbol}`);
    expect(symbols).toContain('binance:DOGEUSDT');
    expect(symbols).not.toContain('binance:BTCUSDT');
  });

  it('imports all or nothing', async () => {
    await mount();
    const before = structuredClone(storage.data);
    const half = JSON.parse(exportSettings(defaultSettings())) as Record<string, unknown>;
    half['privacyMode'] = true;
    half['refresh'] = { quoteSeconds: 1, watchlistSeconds: 30 };
    await type('#import-text', JSON.stringify(half));
    await click('#import button');
    expect($('#import [role="alert"]').textContent).toContain('refresh.quoteSeconds: must be a whole number of seconds from 15 to 300');
    expect(storage.data).toEqual(before);
    expect($<HTMLInputElement>('#f-privacyMode').checked).toBe(false);

    half['refresh'] = { quoteSeconds: 60, watchlistSeconds: 30 };
    await type('#import-text', JSON.stringify(half));
    await click('#import button');
    await vi.waitFor(() => expect($('#import [role="status"]').textContent).toBe('Imported and saved.'));
    expect(container.querySelector('#import [role="alert"]')).toBeNull();
    expect($<HTMLInputElement>('#f-privacyMode').checked).toBe(true);
    expect($<HTMLInputElement>('#f-refresh-quoteSeconds').value).toBe('60');
    expect((await loadSettings(storage)).privacyMode).toBe(true);
  });

  it('offers the saved settings as a JSON download', async () => {
    await mount();
    // The link appears once the saved settings have loaded: on a busy machine, after mount returns.
    const link = await vi.waitFor(() => $<HTMLAnchorElement>('#export a[download]'));
    expect(link.getAttribute('download')).toBe('perplens-settings.json');
    expect(link.href).toMatch(/^blob:/);
    await click('#export button');
    expect(JSON.parse($<HTMLTextAreaElement>('#export-text').value)).toEqual(defaultSettings());
  });

  it('lists venue hosts not granted and requests exactly those from the click', async () => {
    const access = fakeHostAccess(new Set(ORIGINS.slice(0, 2)));
    await mount(access);
    await vi.waitFor(() => expect(container.querySelector('.host-access')).not.toBeNull());
    expect($('.host-access ul').textContent).toBe('dYdX: indexer.dydx.trade, dydx.trade');
    await click('.host-access button');
    expect(access.requests).toEqual([['https://indexer.dydx.trade/*', 'https://dydx.trade/*']]);
    await vi.waitFor(() => expect(container.querySelector('.host-access')).toBeNull());
  });
});
