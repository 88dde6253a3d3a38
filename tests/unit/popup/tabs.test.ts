// @vitest-environment happy-dom
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_BANDS, DEFAULT_REGIME_THRESHOLDS } from '../../../src/core';
import type { VenueId } from '../../../src/venues/types';
import { positionFixture } from '../alerts/fixtures';

// No background in a unit test: every request stays pending, so rows stay loading; a test may
// answer the known positions.
const known = vi.hoisted(() => ({ reply: (): Promise<unknown> => new Promise(() => {}), asked: [] as string[] }));
vi.mock('../../../src/platform/messages-client', () => ({
  requestSnapshot: () => new Promise(() => {}),
  requestInstruments: () => new Promise(() => {}),
  requestPositions: (venue: string) => {
    known.asked.push(venue);
    return new Promise(() => {});
  },
  requestKnownPositions: () => known.reply(),
}));

const { App, tabForKey } = await import('../../../src/popup/App');

let container: HTMLElement;
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  render(null, container);
  container.remove();
});

async function mount(over: { venues?: VenueId[]; wallets?: { hyperliquid?: string; dydx?: string } } = {}) {
  await act(() =>
    render(
      h(App, {
        version: '0.1.0',
        watchlist: [{ venue: 'binance', symbol: 'BTCUSDT' }],
        venues: over.venues ?? ['binance'],
        onWatchlist: () => {},
        refreshMs: 60_000,
        staleAfter: 65_000,
        initialWindow: '4h',
        bands: { ...DEFAULT_BANDS, basis: 'percent', dangerBelow: 0.05, cautionBelow: 0.15 },
        thresholds: DEFAULT_REGIME_THRESHOLDS,
        wallets: over.wallets ?? {},
        onOptions: () => {},
      }),
      container,
    ),
  );
}

const tabs = () => [...container.querySelectorAll<HTMLButtonElement>('[role="tablist"] [role="tab"]')];
const selected = () => tabs().find((t) => t.getAttribute('aria-selected') === 'true')?.textContent;
async function press(key: string) {
  const target = document.activeElement;
  if (!(target instanceof HTMLElement)) throw new Error('nothing focused');
  await act(() => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  });
}

describe('popup tabs', () => {
  it('tabForKey: arrows wrap, Home and End jump, other keys do nothing', () => {
    expect(tabForKey('watchlist', 'ArrowRight')).toBe('compare');
    expect(tabForKey('whatif', 'ArrowRight')).toBe('watchlist');
    expect(tabForKey('watchlist', 'ArrowLeft')).toBe('whatif');
    expect(tabForKey('compare', 'ArrowLeft')).toBe('watchlist');
    expect(tabForKey('compare', 'Home')).toBe('watchlist');
    expect(tabForKey('compare', 'End')).toBe('whatif');
    expect(tabForKey('compare', 'Enter')).toBeNull();
    expect(tabForKey('compare', 'ArrowDown')).toBeNull();
  });

  it('follows the WAI-ARIA tabs pattern: tablist, tabs controlling their panels, one tab in the tab order', async () => {
    await mount();
    expect(container.querySelector('[role="tablist"]')?.getAttribute('aria-label')).toBe('Views');
    expect(tabs().map((t) => t.textContent)).toEqual(['Watchlist', 'Compare', 'What if']);
    expect(tabs().map((t) => t.getAttribute('aria-selected'))).toEqual(['true', 'false', 'false']);
    expect(tabs().map((t) => t.tabIndex)).toEqual([0, -1, -1]);
    for (const tab of tabs()) {
      const panel = container.querySelector(`#${tab.getAttribute('aria-controls') ?? 'missing'}`);
      expect(panel?.getAttribute('role')).toBe('tabpanel');
      expect(panel?.getAttribute('aria-labelledby')).toBe(tab.id);
      expect(panel?.hasAttribute('hidden')).toBe(tab.getAttribute('aria-selected') !== 'true');
    }
    const visible = container.querySelector('[role="tabpanel"]:not([hidden])');
    expect(visible?.querySelector('table.watch-table [data-perplens-market]')).not.toBeNull();
  });

  it('labels the regime window switch in view', async () => {
    await mount();
    const label = container.querySelector('.top .window-label');
    expect(label?.textContent).toBe('Regime window');
    expect(label?.nextElementSibling?.getAttribute('role')).toBe('radiogroup');
    expect(label?.nextElementSibling?.getAttribute('aria-label')).toBe('Regime window');
  });

  it('moves selection and focus with Left/Right (wrapping), Home and End', async () => {
    await mount();
    tabs()[0]!.focus();
    await press('ArrowRight');
    expect(selected()).toBe('Compare');
    expect(document.activeElement).toBe(tabs()[1]);
    expect(tabs().map((t) => t.tabIndex)).toEqual([-1, 0, -1]);
    expect(container.querySelector('[role="tabpanel"]:not([hidden])')?.getAttribute('aria-labelledby')).toBe(tabs()[1]!.id);

    await press('ArrowRight');
    expect(selected()).toBe('What if');
    expect(container.querySelector('[role="tabpanel"]:not([hidden]) .whatif')).not.toBeNull();
    await press('ArrowRight');
    expect(selected()).toBe('Watchlist');
    expect(document.activeElement).toBe(tabs()[0]);
    await press('ArrowLeft');
    expect(selected()).toBe('What if');
    expect(document.activeElement).toBe(tabs()[2]);
    await press('Home');
    expect(selected()).toBe('Watchlist');
    expect(document.activeElement).toBe(tabs()[0]);
    await press('End');
    expect(selected()).toBe('What if');
    expect(document.activeElement).toBe(tabs()[2]);
    await press('a');
    expect(selected()).toBe('What if');
  });

  it('selects a tab on click', async () => {
    await mount();
    await act(() => tabs()[1]!.click());
    expect(selected()).toBe('Compare');
    expect(tabs()[1]!.tabIndex).toBe(0);
  });

  it('keeps what was typed in What if across a switch to another tab and back', async () => {
    await mount();
    await act(() => tabs()[2]!.click());
    const size = () => container.querySelector<HTMLInputElement>('.whatif input[name="size"]');
    const input = size();
    if (!input) throw new Error('no size input');
    await act(() => {
      input.value = '3.25';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(() => tabs()[0]!.click());
    expect(container.querySelector('[role="tabpanel"]:not([hidden]) .whatif')).toBeNull();
    await act(() => tabs()[2]!.click());
    expect(size()?.value).toBe('3.25');
  });
});

describe('popup open positions', () => {
  afterEach(() => {
    known.reply = () => new Promise(() => {});
    known.asked.length = 0;
  });

  it('lists only the venues switched on, and asks no wallet positions of a venue switched off', async () => {
    known.reply = async () => ({
      ok: true,
      positions: [
        { ...positionFixture(), venue: 'binance', symbol: 'BTCUSDT' },
        { ...positionFixture(), venue: 'bybit', symbol: 'ETHUSDT' },
      ],
    });
    await mount({ venues: ['binance', 'dydx'], wallets: { hyperliquid: '0x' + 'a'.repeat(40), dydx: 'dydx1' + 'q'.repeat(38) } });
    await act(async () => {
      await Promise.resolve();
    });
    const rows = [...container.querySelectorAll('.known [data-perplens-position]')].map(
      (r) => `${r.getAttribute('data-venue')} ${r.getAttribute('data-symbol')}`,
    );
    expect(rows).toEqual(['binance BTCUSDT']);
    expect(known.asked).toEqual(['dydx']);
  });
});

describe('popup open positions: figures, order and What if', () => {
  afterEach(() => {
    known.reply = () => new Promise(() => {});
  });

  it('shows each with leverage, entry, money to liquidation in the quote currency and band, worst band first; What if opens filled from one', async () => {
    known.reply = async () => ({
      ok: true,
      positions: [
        // 10% from liquidation: caution under the test's % bands (danger under 5%, caution under 15%).
        {
          ...positionFixture(),
          symbol: 'ETHUSDT',
          side: 'short',
          size: 2,
          entryPrice: 3100,
          markPrice: 3000,
          liqPrice: 3300,
          margin: 310,
          walletMargin: null,
          leverage: null,
        },
        // 2% from liquidation: danger.
        { ...positionFixture(), symbol: 'BTCUSDT', side: 'long', size: 0.5, entryPrice: 60_000, markPrice: 60_000, liqPrice: 58_800 },
      ],
    });
    await mount();
    await act(async () => {
      await Promise.resolve();
    });
    const cards = [...container.querySelectorAll<HTMLElement>('.known [data-perplens-position]')];
    expect(cards.map((c) => `${c.getAttribute('data-symbol')} ${c.getAttribute('data-side')}`)).toEqual(['BTCUSDT long', 'ETHUSDT short']);
    const fields = (c: HTMLElement) =>
      Object.fromEntries(
        [...c.querySelectorAll('[data-field]')].map((f) => [
          f.getAttribute('data-field'),
          { value: f.getAttribute('data-value'), text: f.textContent, title: f.getAttribute('title') },
        ]),
      );
    const [long, short] = cards.map(fields);
    expect(long).toMatchObject({
      'entry-price': { value: '60000', text: '60,000.00' },
      leverage: { value: '20', text: '20×' },
      'liq-price': { value: '58800', text: '58,800.00' },
      'liq-distance': { value: '0.02', text: '2.00%' },
      // distance × mark × size = 0.02 × 60,000 × 0.5: what the long loses on its way to liquidation.
      'liq-distance-money': { value: '600', text: '−600.00 USDT' },
      band: { value: 'danger', text: 'danger', title: 'judged by % of price: danger under 5%, caution under 15%' },
    });
    expect(cards[0]!.classList.contains('band-danger')).toBe(true);
    expect(cards[0]!.querySelector('[data-field="liq-distance"]')?.classList.contains('tone-danger')).toBe(true);
    // The report kept no leverage: the short's own margin gives it, marked as worked out.
    expect(short).toMatchObject({
      leverage: { value: '20', text: '≈20×' },
      band: { value: 'caution' },
      'liq-distance-money': { value: '600', text: '−600.00 USDT' },
    });
    expect(short!['leverage']!.title).toMatch(/entry notional over the margin/);

    await act(() => cards[1]!.querySelector<HTMLButtonElement>('button.link')!.click());
    expect(tabs().find((t) => t.getAttribute('aria-selected') === 'true')?.textContent).toBe('What if');
    const whatif = container.querySelector('[role="tabpanel"]:not([hidden]) .whatif');
    expect(whatif?.querySelector<HTMLSelectElement>('select[name="position"]')?.value).toBe('binance:ETHUSDT:short');
    expect(whatif?.querySelector<HTMLInputElement>('input[name="side"]:checked')?.value).toBe('short');
    expect(whatif?.querySelector<HTMLInputElement>('input[name="size"]')?.value).toBe('2');
    expect(whatif?.querySelector<HTMLInputElement>('input[name="entry"]')?.value).toBe('3100');
    expect(whatif?.querySelector<HTMLInputElement>('input[name="amount"]')?.value).toBe('310');
  });
});
