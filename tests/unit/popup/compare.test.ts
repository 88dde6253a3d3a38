// @vitest-environment happy-dom
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MarketState } from '../../../src/ui/market-state';
import type { PageMatch, VenueId } from '../../../src/venues/types';
import { snapshotFixture } from '../helpers/snapshot';

// No background in a unit test: the component is given its market states.
vi.mock('../../../src/platform/messages-client', () => ({ requestSnapshot: () => new Promise(() => {}) }));
const { Compare } = await import('../../../src/popup/Compare');

const ITEMS: PageMatch[] = [
  { venue: 'binance', symbol: 'BTCUSDT' },
  { venue: 'bybit', symbol: 'BTCUSDT' },
  { venue: 'okx', symbol: 'BTC-USDT-SWAP' },
  { venue: 'hyperliquid', symbol: 'BTC' },
  { venue: 'dydx', symbol: 'BTC-USD' },
];

function states(rates8h: number[]): Map<string, MarketState> {
  return new Map(
    ITEMS.map((item, i) => {
      const base = snapshotFixture();
      const snapshot = {
        ...base,
        venue: item.venue as VenueId,
        symbol: item.symbol,
        quote: { ...base.quote, venue: item.venue as VenueId, symbol: item.symbol, fundingRate: rates8h[i] ?? 0, fundingIntervalHours: 8 },
        fundingIntervalHours: 8,
      };
      return [`${item.venue}:${item.symbol}`, { status: 'ready', snapshot } as MarketState];
    }),
  );
}

let container: HTMLElement;
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  render(null, container);
  container.remove();
});

const verdict = () => {
  const el = container.querySelector('[data-field="funding-outlier"]');
  return { value: el?.getAttribute('data-value') ?? null, text: el?.textContent ?? null };
};
const outliers = () => [...container.querySelectorAll('tr.outlier')].map((tr) => tr.getAttribute('data-venue'));

describe('Compare names an outlier only when one venue stands apart', () => {
  it('five venues at the same rate: no outlier', async () => {
    await act(() =>
      render(
        h(Compare, { items: ITEMS, states: states([0.0001, 0.0001, 0.0001, 0.0001, 0.0001]), asset: 'BTC', assets: ['BTC'], onAsset: () => undefined }),
        container,
      ),
    );
    expect(container.querySelectorAll('tbody tr')).toHaveLength(5);
    expect(outliers()).toEqual([]);
    expect(container.querySelector('table')?.textContent).not.toMatch(/outlier/);
    expect(verdict()).toEqual({ value: 'none', text: 'No outlier: no single venue stands apart from the others.' });
    // How it is decided is said beside the verdict.
    expect(container.querySelector('.note')?.textContent).toBe(
      "A venue is named an outlier only when it alone stands apart: its rate per 8h is more than 3 robust standard deviations (from the median absolute deviation of the other venues) and more than 0.0025% per 8h away from the other venues' median. Venues that all agree, or two camps, name none.",
    );
  });

  it('two camps, or venues a few hundred-thousandths apart, name none', async () => {
    await act(() =>
      render(
        h(Compare, { items: ITEMS, states: states([0.0001, 0.0001, 0.0005, 0.0005, 0.0001]), asset: 'BTC', assets: ['BTC'], onAsset: () => undefined }),
        container,
      ),
    );
    expect(outliers()).toEqual([]);
    await act(() =>
      render(
        h(Compare, { items: ITEMS, states: states([0.0001, 0.00011, 0.000102, 0.000098, 0.00012]), asset: 'BTC', assets: ['BTC'], onAsset: () => undefined }),
        container,
      ),
    );
    expect(outliers()).toEqual([]);
    expect(verdict().value).toBe('none');
  });

  it('two venues are too few to tell one apart', async () => {
    await act(() =>
      render(h(Compare, { items: ITEMS.slice(0, 2), states: states([0.0001, 0.0009]), asset: 'BTC', assets: ['BTC'], onAsset: () => undefined }), container),
    );
    expect(outliers()).toEqual([]);
    expect(verdict().text).toBe('No outlier: it takes at least three venues to tell one apart.');
  });

  it('one venue at 0.05% while the others are at 0.01%: that venue', async () => {
    await act(() =>
      render(
        h(Compare, { items: ITEMS, states: states([0.0001, 0.0001, 0.0005, 0.0001, 0.0001]), asset: 'BTC', assets: ['BTC'], onAsset: () => undefined }),
        container,
      ),
    );
    expect(outliers()).toEqual(['okx']);
    expect(container.textContent).toContain('OKX (outlier)');
    expect(verdict()).toEqual({ value: 'okx', text: "Outlier: OKX, +0.0400% per 8h from the others' median." });
  });
});
