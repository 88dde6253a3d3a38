// @vitest-environment happy-dom
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_REGIME_THRESHOLDS } from '../../../src/core';
import type { InstrumentsReply } from '../../../src/messages';
import type { MarketState } from '../../../src/ui/market-state';
import type { VenueId } from '../../../src/venues/types';
import { snapshotFixture } from '../helpers/snapshot';

const instruments = vi.hoisted(() => ({ reply: (_venue: string): Promise<unknown> => new Promise(() => {}) }));
vi.mock('../../../src/messages-client', () => ({
  requestSnapshot: () => new Promise(() => {}),
  requestInstruments: (venue: string) => instruments.reply(venue),
  requestPositions: () => new Promise(() => {}),
  requestKnownPositions: () => new Promise(() => {}),
}));

const { AddMarket } = await import('../../../src/popup/AddMarket');
const { WatchRow } = await import('../../../src/popup/WatchRow');

let container: HTMLElement;
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  render(null, container);
  container.remove();
});
const $ = <T extends Element = HTMLElement>(selector: string): T => {
  const el = container.querySelector<T>(selector);
  if (!el) throw new Error(`no ${selector}`);
  return el;
};

describe('popup add market', () => {
  it('lists only the enabled venues, and forgets a failed load when the venue changes', async () => {
    const replies: Record<string, InstrumentsReply> = {
      okx: { ok: false, error: { kind: 'network', venue: 'okx', endpoint: '/x', message: 'venue down' } },
      dydx: { ok: true, instruments: [{ symbol: 'BTC-USD', asset: 'BTC' }] },
    };
    instruments.reply = (venue) => Promise.resolve(replies[venue]);
    const venues: VenueId[] = ['okx', 'dydx'];
    await act(() => render(h(AddMarket, { existing: [], venues, onAdd: () => {} }), container));
    expect([...container.querySelectorAll('select option')].map((o) => o.getAttribute('value'))).toEqual(['okx', 'dydx']);
    await vi.waitFor(() => expect(container.querySelector('[role="alert"]')?.textContent).toMatch(/Cannot load OKX.*venue down/));
    await act(() => {
      const select = $<HTMLSelectElement>('select');
      select.value = 'dydx';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(container.querySelector('[role="alert"]')).toBeNull();
    await vi.waitFor(() => expect(container.querySelector('datalist option')?.getAttribute('value')).toBe('BTC-USD'));
  });

  it('adds a listed symbol on the chosen venue, and says so when no venue is on', async () => {
    instruments.reply = () => Promise.resolve({ ok: true, instruments: [{ symbol: 'ETHUSDT', asset: 'ETH' }] });
    const onAdd = vi.fn();
    await act(() => render(h(AddMarket, { existing: [], venues: ['bybit'], onAdd }), container));
    await vi.waitFor(() => expect(container.querySelector('datalist option')).not.toBeNull());
    await act(() => {
      const input = $<HTMLInputElement>('input');
      input.value = 'ethusdt';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(() => {
      $<HTMLButtonElement>('form button').click();
    });
    expect(onAdd).toHaveBeenCalledWith({ venue: 'bybit', symbol: 'ETHUSDT' });
    expect($<HTMLInputElement>('input').value).toBe('');
    await act(() => {
      const input = $<HTMLInputElement>('input');
      input.value = 'XRPUSDT';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(() => $<HTMLButtonElement>('form button').click());
    expect(container.querySelector('[role="alert"]')?.textContent).toMatch(/XRPUSDT is not a perpetual listed on Bybit/);
    expect(onAdd).toHaveBeenCalledTimes(1);

    await act(() => render(h(AddMarket, { existing: [], venues: [], onAdd }), container));
    expect(container.textContent).toMatch(/Every venue is switched off/);
  });
});

const row = async (state: MarketState | undefined) => {
  await act(() =>
    render(
      h(WatchRow, { item: { venue: 'binance', symbol: 'BTCUSDT' }, state, window: '24h', now: 2000, staleAfterMs: 65_000, thresholds: DEFAULT_REGIME_THRESHOLDS, onRemove: () => {} }),
      container,
    ),
  );
  return (name: string) => $(`[data-field="${name}"]`).getAttribute('data-value');
};

describe('popup watch row', () => {
  it('shows funding stretch and crowded side from funding alone when the regime is unknown', async () => {
    // Fixture: no 24h price change, so the 24h regime is unknown; funding 0.05% per 8h.
    const value = await row({ status: 'ready', snapshot: snapshotFixture({ quote: { ...snapshotFixture().quote, fundingRate: 0.0005 } }) });
    expect(value('regime')).toBe('');
    expect(value('funding-stretch')).toBe('stretched');
    expect(value('crowded-side')).toBe('longs');
    const balanced = await row({ status: 'ready', snapshot: snapshotFixture() });
    expect(balanced('funding-stretch')).toBe('balanced');
    expect(balanced('crowded-side')).toBe('none');
  });

  it('draws a loading row as a skeleton, keeping the contract', async () => {
    const value = await row(undefined);
    const article = $('[data-perplens-market]');
    expect(article.getAttribute('data-state')).toBe('loading');
    expect(article.getAttribute('aria-busy')).toBe('true');
    expect(article.classList.contains('state-loading')).toBe(true);
    expect(container.querySelector('.skeleton')?.getAttribute('aria-hidden')).toBe('true');
    expect(value('mark-price')).toBe('');
    expect(value('funding-stretch')).toBe('');
    expect($('[data-field="mark-price"]').getAttribute('title')).toMatch(/loading/);
    await row({ status: 'ready', snapshot: snapshotFixture({ quote: { ...snapshotFixture().quote, fetchedAt: 2000 } }) });
    expect($('[data-perplens-market]').getAttribute('data-state')).toBe('ok');
    expect(container.querySelector('.skeleton')).toBeNull();
  });
});
