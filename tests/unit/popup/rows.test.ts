import { CROWDING_FIELDS, FLOW_FIELD_NAMES, MARKET_ZONE_FIELDS } from '../../contract-fields';
// @vitest-environment happy-dom
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_REGIME_THRESHOLDS } from '../../../src/core';
import type { InstrumentsReply } from '../../../src/protocol/messages';
import type { MarketState } from '../../../src/ui/market-state';
import type { PageMatch, VenueId } from '../../../src/venues/types';
import { snapshotFixture } from '../helpers/snapshot';

const instruments = vi.hoisted(() => ({ reply: (_venue: string): Promise<unknown> => new Promise(() => {}) }));
vi.mock('../../../src/platform/messages-client', () => ({
  requestSnapshot: () => new Promise(() => {}),
  requestInstruments: (venue: string) => instruments.reply(venue),
  requestPositions: () => new Promise(() => {}),
  requestKnownPositions: () => new Promise(() => {}),
}));

const { AddMarket } = await import('../../../src/popup/AddMarket');
const { WatchTable } = await import('../../../src/popup/WatchTable');

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

const BTC: PageMatch = { venue: 'binance', symbol: 'BTCUSDT' };
const withRate = (fundingRate: number) => snapshotFixture({ quote: { ...snapshotFixture().quote, fundingRate } });

async function table(states: [PageMatch, MarketState | undefined][], over: { window?: '1h' | '4h' | '24h'; onRemove?: (m: PageMatch) => void } = {}) {
  const map = new Map<string, MarketState>();
  for (const [m, st] of states) if (st) map.set(`${m.venue}:${m.symbol}`, st);
  await act(() =>
    render(
      h(WatchTable, {
        items: states.map(([m]) => m),
        states: map,
        window: over.window ?? '24h',
        now: 2000,
        staleAfterMs: 65_000,
        thresholds: DEFAULT_REGIME_THRESHOLDS,
        onRemove: over.onRemove ?? (() => {}),
      }),
      container,
    ),
  );
}
const market = (m: PageMatch = BTC) => $(`[data-perplens-market][data-venue="${m.venue}"][data-symbol="${m.symbol}"]`);
const field = (name: string, m: PageMatch = BTC) => {
  const el = market(m).querySelector(`[data-field="${name}"]`);
  if (!el) throw new Error(`no ${name}`);
  return el;
};
const value = (name: string, m?: PageMatch) => field(name, m).getAttribute('data-value');

/** Every field the market rows carried as cards (the DOM contract the e2e and outside checks read). */
const ROW_FIELDS = [
  'mark-price',
  'funding-rate',
  'funding-interval-hours',
  'funding-rate-8h',
  'funding-apr',
  'next-funding',
  'regime',
  'regime-window',
  'price-change',
  'price-change-24h',
  'oi-change',
  'oi-change-1h',
  'oi-change-4h',
  'oi-change-24h',
  'funding-stretch',
  'funding-percentile-30d',
  'crowded-side',
  'premium',
  ...MARKET_ZONE_FIELDS,
  ...CROWDING_FIELDS,
  ...FLOW_FIELD_NAMES,
];

describe('popup watchlist table', () => {
  it('is a table with a caption and column headers naming the window, one row group per market', async () => {
    const ETH: PageMatch = { venue: 'okx', symbol: 'ETH-USDT-SWAP' };
    await table(
      [
        [BTC, { status: 'ready', snapshot: snapshotFixture() }],
        [ETH, undefined],
      ],
      { window: '4h' },
    );
    expect($('table caption').textContent).toBe('Funding per 8 h: amber stretched, red extreme · OI and regime over 4h');
    expect([...container.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual([
      'Details',
      'Venue',
      'Symbol',
      'Mark',
      'Per 8h',
      'APR',
      'OI 4h',
      'Regime 4h',
      'Crowded',
    ]);
    expect([...container.querySelectorAll('thead th')].every((th) => th.getAttribute('scope') === 'col')).toBe(true);
    const groups = [...container.querySelectorAll('table > tbody[data-perplens-market]')];
    expect(groups.map((g) => `${g.getAttribute('data-venue')} ${g.getAttribute('data-symbol')} ${g.getAttribute('data-state')}`)).toEqual([
      'binance BTCUSDT ok',
      'okx ETH-USDT-SWAP loading',
    ]);
    expect(market().querySelector('th[scope="row"]')?.textContent).toBe('BTCUSDT');
    for (const g of groups) {
      expect([...g.querySelectorAll('[data-field]')].map((f) => f.getAttribute('data-field')).sort()).toEqual([...ROW_FIELDS].sort());
    }
    // The summary row: the figures the issue asks to scan across markets.
    expect([...market().querySelectorAll('tr.summary [data-field]')].map((f) => f.getAttribute('data-field'))).toEqual([
      'mark-price',
      'funding-rate-8h',
      'funding-apr',
      'oi-change',
      'regime',
      'crowded-side',
    ]);
    expect(value('oi-change')).toBe('0.03');
    expect(value('regime')).toBe('long-buildup');
    expect(field('regime').textContent).toBe('long build-up');
    expect(field('regime').getAttribute('title')).toBe('long build-up: price up, open interest up: new positions enter long');
  });

  it('keeps the details in the DOM while closed; the expand button opens and closes them, and so does a click on the row', async () => {
    await table([[BTC, { status: 'ready', snapshot: snapshotFixture() }]]);
    const button = $<HTMLButtonElement>('button.expand');
    const details = $('tr.details');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(button.getAttribute('aria-label')).toBe('Details of BTCUSDT on Binance');
    expect(button.getAttribute('aria-controls')).toBe(details.id);
    expect(details.hidden).toBe(true);
    // Closed, and every figure still there with its raw value.
    expect(value('next-funding')).toBe('28800000');
    expect(value('funding-percentile-30d')).toBe('0.5');
    expect(field('funding-percentile-30d').textContent).toBe('50th pct.');
    await act(() => button.click());
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(details.hidden).toBe(false);
    expect([...details.querySelectorAll('figcaption')].map((c) => c.textContent)).toEqual(['liquidation clusters, modelled (est.)', 'price 24 h', 'OI 24 h']);
    expect(details.querySelector('[data-ladder]')?.getAttribute('aria-label')).toMatch(/^Modelled liquidations from −6\.0% to \+6\.0% around the mark/);
    expect([...details.querySelectorAll('svg[role="img"]')].map((s) => s.getAttribute('aria-label'))).toEqual([
      'BTCUSDT price, last 24 hours',
      'BTCUSDT open interest, last 24 hours',
    ]);
    await act(() => $('tr.summary td.venue').click());
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(details.hidden).toBe(true);
  });

  it('removes a market from its details', async () => {
    const onRemove = vi.fn();
    await table([[BTC, { status: 'ready', snapshot: snapshotFixture() }]], { onRemove });
    await act(() => $<HTMLButtonElement>('button.remove').click());
    expect(onRemove).toHaveBeenCalledWith(BTC);
    expect($('button.remove').getAttribute('aria-label')).toBe('Remove BTCUSDT on Binance from the watchlist');
    // Removing does not open or close the row.
    expect($('button.expand').getAttribute('aria-expanded')).toBe('false');
  });

  it('colours the funding per 8 h by stretch, and says the stretch in words too', async () => {
    const at = (symbol: string): PageMatch => ({ venue: 'bybit', symbol });
    await table([
      [at('A'), { status: 'ready', snapshot: withRate(0.0001) }],
      [at('B'), { status: 'ready', snapshot: withRate(-0.0003) }],
      [at('C'), { status: 'ready', snapshot: withRate(0.0004) }],
      [at('D'), { status: 'ready', snapshot: withRate(-0.0007) }],
    ]);
    const look = (s: string) => {
      const el = field('funding-rate-8h', at(s));
      return {
        cls: el.getAttribute('class'),
        stretch: value('funding-stretch', at(s)),
        crowded: field('crowded-side', at(s)).textContent,
        said: el.parentElement?.querySelector('.sr-only')?.textContent ?? null,
      };
    };
    expect(look('A')).toEqual({ cls: 'value stretch-balanced', stretch: 'balanced', crowded: 'none', said: null });
    expect(look('B')).toEqual({ cls: 'value stretch-elevated', stretch: 'elevated', crowded: 'shorts', said: null });
    expect(look('C')).toEqual({ cls: 'value stretch-stretched', stretch: 'stretched', crowded: 'longs', said: ' (stretched)' });
    expect(look('D')).toEqual({ cls: 'value stretch-extreme', stretch: 'extreme', crowded: 'shorts', said: ' (extreme)' });
    expect(field('funding-rate-8h', at('D')).getAttribute('title')).toBe('extreme: beyond 0.05% per 8 h');
  });

  it('shows stretch and crowded side from funding alone when the regime is unknown', async () => {
    // Fixture: no 24h price change, so the 24h regime is unknown; funding 0.05% per 8h.
    await table([[BTC, { status: 'ready', snapshot: withRate(0.0005) }]], { window: '24h' });
    expect(value('regime')).toBe('');
    expect(field('regime').getAttribute('title')).toBe('price change: no candles yet');
    expect(value('funding-stretch')).toBe('stretched');
    expect(value('crowded-side')).toBe('longs');
  });

  it('draws a loading row as a skeleton, keeping the contract', async () => {
    await table([[BTC, undefined]]);
    expect(market().getAttribute('data-state')).toBe('loading');
    expect(market().getAttribute('aria-busy')).toBe('true');
    expect(market().classList.contains('state-loading')).toBe(true);
    expect(container.querySelector('.skeleton')?.getAttribute('aria-hidden')).toBe('true');
    expect(value('mark-price')).toBe('');
    expect(value('funding-stretch')).toBe('');
    expect(field('mark-price').getAttribute('title')).toMatch(/loading/);
    await table([[BTC, { status: 'ready', snapshot: snapshotFixture({ quote: { ...snapshotFixture().quote, fetchedAt: 2000 } }) }]]);
    expect(market().getAttribute('data-state')).toBe('ok');
    expect(container.querySelector('.skeleton')).toBeNull();
  });

  it('marks a failed market unavailable in its row, every figure unknown with the venue’s reason', async () => {
    await table([[BTC, { status: 'failed', error: { kind: 'region-blocked', venue: 'binance', endpoint: '/x', message: 'Binance blocks this region' } }]]);
    expect(market().getAttribute('data-state')).toBe('unavailable');
    expect(market().getAttribute('data-reason')).toBe('region-blocked');
    expect($('tr.summary .flag').textContent).toBe(' unavailable');
    expect($('tr.summary .flag').getAttribute('title')).toBe('Binance blocks this region');
    for (const name of ROW_FIELDS.filter((n) => n !== 'regime-window')) {
      expect(value(name), name).toBe('');
      expect(field(name).getAttribute('title'), name).toMatch(/Binance blocks this region/);
      expect(field(name).textContent, name).toBe('—');
    }
  });

  it('flags a stale quote with its age in the row', async () => {
    await table([[BTC, { status: 'ready', snapshot: snapshotFixture({ quote: { ...snapshotFixture().quote, fetchedAt: 2000 - 180_000 } }) }]]);
    expect(market().getAttribute('data-state')).toBe('stale');
    expect($('tr.summary .flag').textContent).toBe(' 3m old');
  });
});
