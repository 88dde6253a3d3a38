// @vitest-environment happy-dom
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_BANDS, DEFAULT_REGIME_THRESHOLDS, whatIf, type BandRules, type RegimeThresholds, type RegimeWindow } from '../../../src/core';
import { marginToBand } from '../../../src/popup/margin-to-band';
import type { Position } from '../../../src/venues/position-types';
import { positionFixture } from '../alerts/fixtures';
import type { MarketState } from '../../../src/ui/market-state';
import type { PageMatch, VenueId } from '../../../src/venues/types';
import { snapshotFixture } from '../helpers/snapshot';

// The popup's modules reach the background through messages-client (webextension-polyfill, which
// refuses to load outside an extension).
// Markets typed in outside the watchlist are asked of the (fake) background through it.
const background = vi.hoisted(() => ({
  snapshot: (_venue: string, _symbol: string): Promise<unknown> => new Promise(() => {}),
  instruments: (_venue: string): Promise<unknown> => new Promise(() => {}),
  asked: [] as string[],
}));
vi.mock('../../../src/platform/messages-client', () => ({
  requestSnapshot: (venue: string, symbol: string) => {
    background.asked.push(`${venue}:${symbol}`);
    return background.snapshot(venue, symbol);
  },
  requestInstruments: (venue: string) => background.instruments(venue),
  requestPositions: () => new Promise(() => {}),
  requestKnownPositions: () => new Promise(() => {}),
}));

const { WhatIf } = await import('../../../src/popup/WhatIf');

const BTC: PageMatch = { venue: 'binance', symbol: 'BTCUSDT' };
const ETH: PageMatch = { venue: 'bybit', symbol: 'ETHUSDT' };
const ready = (over: Parameters<typeof snapshotFixture>[0] = {}): MarketState => ({ status: 'ready', snapshot: snapshotFixture(over) });

let container: HTMLElement;
beforeEach(() => {
  background.asked = [];
  background.snapshot = () => new Promise(() => {});
  background.instruments = () => new Promise(() => {});
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  render(null, container);
  container.remove();
});

interface MountOptions {
  positions?: Position[];
  positionStates?: Map<string, MarketState>;
  from?: string;
  onFrom?: (key: string) => void;
  bands?: BandRules;
  items?: PageMatch[];
  states?: Map<string, MarketState>;
  window?: RegimeWindow;
  thresholds?: RegimeThresholds;
  venues?: VenueId[];
}
async function mount({
  items = [BTC],
  states = new Map([['binance:BTCUSDT', ready()]]),
  window = '4h',
  thresholds = DEFAULT_REGIME_THRESHOLDS,
  venues = ['binance', 'okx'],
  positions = [],
  positionStates = new Map(),
  from = '',
  onFrom = () => {},
  bands = DEFAULT_BANDS,
}: MountOptions = {}) {
  await act(() =>
    render(h(WhatIf, { items, states, window, thresholds, venues, refreshMs: 60_000, bands, positions, positionStates, from, onFrom }), container),
  );
}

const $ = <T extends Element = HTMLElement>(selector: string): T => {
  const el = container.querySelector<T>(selector);
  if (!el) throw new Error(`no ${selector}`);
  return el;
};
const value = (field: string) => $(`[data-field="${field}"]`).getAttribute('data-value');
const errorText = () => container.querySelector('.whatif-result .status.error:not([data-whatif-warning])')?.textContent ?? null;
async function type(selector: string, text: string) {
  await act(() => {
    const input = $<HTMLInputElement>(selector);
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
async function choose(selector: string) {
  await act(() => {
    const input = $<HTMLInputElement>(selector);
    input.checked = true;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}
async function select(selector: string, v: string) {
  await act(() => {
    const el = $<HTMLSelectElement>(selector);
    el.value = v;
    el.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

const expected = (over: Partial<Parameters<typeof whatIf>[0]>) => {
  const s = snapshotFixture();
  return whatIf({
    side: 'long',
    size: 0.5,
    entryPrice: s.quote.markPrice,
    markPrice: s.quote.markPrice,
    leverage: 20,
    tiers: s.tiers!.tiers,
    valuation: s.liquidation.valuation,
    feeRate: s.liquidation.feeRate,
    fundingRate: s.quote.fundingRate,
    fundingIntervalHours: s.fundingIntervalHours,
    fundingPrice: s.quote.markPrice,
    ...over,
  });
};

describe('popup what-if', () => {
  it('takes the mark price as the entry until one is typed', async () => {
    await mount();
    expect($<HTMLInputElement>('input[name="entry"]').value).toBe('');
    expect($<HTMLInputElement>('input[name="entry"]').placeholder).toContain('mark');
    expect($<HTMLInputElement>('input[name="entry"]').placeholder).toContain('60,000');
    const atMark = expected({});
    expect(Number(value('liq-price'))).toBeCloseTo(atMark.liqPrice!, 8);
    expect(Number(value('margin'))).toBeCloseTo(1500, 8);

    await type('input[name="entry"]', '50000');
    expect(Number(value('liq-price'))).toBeCloseTo(expected({ entryPrice: 50000 }).liqPrice!, 8);
    await type('input[name="entry"]', '');
    expect(Number(value('liq-price'))).toBeCloseTo(atMark.liqPrice!, 8);
  });

  it('shows every result worked by hand (risk-math): 0.5 BTC long at 20× on a 0.4% tier, mark 60,000, 0.01% per 8 h', async () => {
    await mount();
    // margin 30,000 / 20 = 1,500; LP = (30,000 − 1,500) / (0.5 × (1 − 0.004)) = 57,228.9157
    expect(Number(value('margin'))).toBe(1500);
    expect(Number(value('liq-price'))).toBeCloseTo(57_228.915_662_65, 6);
    // distance (60,000 − 57,228.9157) / 60,000 = 4.6185%
    expect(Number(value('liq-distance'))).toBeCloseTo(0.046_184_738_955_8, 10);
    // funding 0.5 × 60,000 × 0.0001 × 3 a day = 9 paid; 9 / 1,500 = 0.6% of the margin a day
    expect(Number(value('funding-per-day'))).toBeCloseTo(9, 10);
    expect(Number(value('funding-margin-share-per-day'))).toBeCloseTo(0.006, 12);
    expect(container.textContent).toMatch(/You would pay \/ day/);
  });

  it('takes the trader’s decimal comma', async () => {
    await mount();
    await type('input[name="size"]', '0,25');
    expect(errorText()).toBeNull();
    expect(Number(value('margin'))).toBe(750);
    expect(Number(value('funding-per-day'))).toBeCloseTo(4.5, 10);
    await type('input[name="amount"]', '12,5');
    expect(Number(value('margin'))).toBe(1200);
  });

  it('warns that leverage the tier cannot carry would be liquidated at once', async () => {
    await mount();
    await type('input[name="amount"]', '250');
    expect(container.querySelector('[data-whatif-warning]')?.textContent).toBe(
      'the margin (120.00) does not cover the maintenance margin (120.00) at 250×: the position would be liquidated at once',
    );
    await type('input[name="amount"]', '20');
    expect(container.querySelector('[data-whatif-warning]')).toBeNull();
  });

  it('switches between leverage and margin given outright, and between sides', async () => {
    await mount();
    expect($('input[name="amount"]').parentElement?.textContent).toContain('Leverage');
    await choose('input[name="mode"]:not(:checked)');
    expect($('input[name="amount"]').parentElement?.textContent).toContain('Margin');
    // The field keeps "20", now read as 20 quote units of margin.
    expect(Number(value('margin'))).toBe(20);
    expect(Number(value('liq-price'))).toBeCloseTo(expected({ leverage: undefined, margin: 20 }).liqPrice!, 8);
    await type('input[name="amount"]', '3000');
    expect(Number(value('margin'))).toBe(3000);
    expect(Number(value('liq-price'))).toBeCloseTo(expected({ leverage: undefined, margin: 3000 }).liqPrice!, 8);

    await choose('input[name="side"][value="short"]');
    const short = expected({ side: 'short', leverage: undefined, margin: 3000 });
    expect(Number(value('liq-price'))).toBeCloseTo(short.liqPrice!, 8);
    expect(short.liqPrice!).toBeGreaterThan(60000);
  });

  it('says what is wrong with the input instead of a result', async () => {
    await mount();
    await type('input[name="size"]', 'abc');
    expect(errorText()).toMatch(/size must be a positive number/);
    expect(container.querySelector('[data-field="liq-price"]')).toBeNull();
    await type('input[name="size"]', '1');
    await type('input[name="amount"]', '999');
    expect(errorText()).toMatch(/leverage must be between 1 and 250/);
    await choose('input[name="mode"]:not(:checked)');
    await type('input[name="amount"]', '-5');
    expect(errorText()).toMatch(/margin must be a positive number/);
    await type('input[name="amount"]', '100');
    expect(errorText()).toBeNull();
  });

  it('says why a market cannot be used: failed load, no tiers, still loading', async () => {
    const failed: MarketState = {
      status: 'failed',
      error: { kind: 'region-blocked', venue: 'binance', endpoint: '/x', message: 'Binance blocks this region' },
    };
    await mount({ states: new Map([['binance:BTCUSDT', failed]]) });
    expect(errorText()).toBe('Binance blocks this region');
    await mount({ states: new Map([['binance:BTCUSDT', ready({ tiers: null })]]) });
    expect(errorText()).toMatch(/No margin tiers/);
    await mount({ states: new Map() });
    expect(errorText()).toMatch(/Loading market data/);
  });

  it('with an empty watchlist says so and offers a venue and symbol to type in, not "Loading…" forever', async () => {
    await mount({ items: [], states: new Map() });
    expect(container.textContent).toMatch(/watchlist is empty/);
    expect(container.textContent).not.toMatch(/Loading/);
    expect($<HTMLSelectElement>('select[name="market"]').value).toBe('other');
    expect([...container.querySelectorAll('select[name="venue"] option')].map((o) => o.getAttribute('value'))).toEqual(['binance', 'okx']);
    expect(errorText()).toMatch(/Pick a venue and one of its symbols/);
    expect(background.asked).toEqual([]);
  });

  it('tries any listed market of an enabled venue, validated against its instruments', async () => {
    const okx = snapshotFixture({
      venue: 'okx',
      symbol: 'BTC-USDT-SWAP',
      quote: { ...snapshotFixture().quote, venue: 'okx', symbol: 'BTC-USDT-SWAP', markPrice: 61000 },
    });
    background.instruments = (venue) =>
      Promise.resolve(
        venue === 'okx'
          ? { ok: true, instruments: [{ symbol: 'BTC-USDT-SWAP', asset: 'BTC' }] }
          : { ok: false, error: { kind: 'network', venue, endpoint: '/x', message: 'venue down' } },
      );
    background.snapshot = () => Promise.resolve({ ok: true, snapshot: okx });
    await mount();
    await select('select[name="market"]', 'other');
    await vi.waitFor(() => expect(container.querySelector('[role="alert"]')?.textContent).toMatch(/Cannot load Binance.*venue down/));
    await select('select[name="venue"]', 'okx');
    expect(container.querySelector('[role="alert"]')).toBeNull();
    await vi.waitFor(() => expect(container.querySelector('datalist option')?.getAttribute('value')).toBe('BTC-USDT-SWAP'));

    await type('input[name="symbol"]', 'ETH-USDT-SWAP');
    await act(() => $<HTMLButtonElement>('fieldset.pick button').click());
    expect(container.querySelector('[role="alert"]')?.textContent).toMatch(/not a perpetual listed on OKX/);
    expect(background.asked).toEqual([]);

    await type('input[name="symbol"]', 'btc-usdt-swap');
    await act(() => {
      $<HTMLInputElement>('input[name="symbol"]').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    });
    expect(container.querySelector('[role="alert"]')).toBeNull();
    await vi.waitFor(() => expect(Number(value('margin'))).toBeCloseTo((0.5 * 61000) / 20, 8));
    expect(background.asked).toEqual(['okx:BTC-USDT-SWAP']);
    expect($<HTMLInputElement>('input[name="entry"]').placeholder).toContain('61,000');
  });

  it('does not fetch a typed-in market again when the watchlist already has it', async () => {
    background.instruments = () => Promise.resolve({ ok: true, instruments: [{ symbol: 'BTCUSDT', asset: 'BTC' }] });
    await mount();
    await select('select[name="market"]', 'other');
    await vi.waitFor(() => expect(container.querySelector('datalist option')).not.toBeNull());
    await type('input[name="symbol"]', 'BTCUSDT');
    await act(() => $<HTMLButtonElement>('fieldset.pick button').click());
    expect(Number(value('margin'))).toBeCloseTo(1500, 8);
    expect(background.asked).toEqual([]);
  });

  it('uses the popup’s chosen window and the settings’ thresholds for the regime', async () => {
    // Fixture: 1h price +0.1%, OI +0.2%; 4h price +1.2%, OI +3%.
    await mount({ window: '4h' });
    expect(value('regime')).toBe('long-buildup');
    expect($('[data-field="regime"]').getAttribute('data-window')).toBe('4h');
    expect(container.textContent).toContain('Regime (4h)');

    await mount({ window: '1h' });
    expect(value('regime')).toBe('quiet');
    expect(container.textContent).toContain('Regime (1h)');

    const tight: RegimeThresholds = { ...DEFAULT_REGIME_THRESHOLDS, '1h': { price: 0.0005, oi: 0.001 } };
    await mount({ window: '1h', thresholds: tight });
    expect(value('regime')).toBe('long-buildup');

    await mount({ window: '24h' });
    expect(value('regime')).toBe('');
    expect($('[data-field="regime"]').textContent).toMatch(/price change: no candles yet/);
  });

  it('follows the market picked from the watchlist, and the watchlist arriving late', async () => {
    const states = new Map<string, MarketState>([
      ['binance:BTCUSDT', ready()],
      [
        'bybit:ETHUSDT',
        ready({ venue: 'bybit', symbol: 'ETHUSDT', quote: { ...snapshotFixture().quote, venue: 'bybit', symbol: 'ETHUSDT', markPrice: 3000 } }),
      ],
    ]);
    await mount({ items: [], states });
    await mount({ items: [BTC, ETH], states });
    expect($<HTMLSelectElement>('select[name="market"]').value).toBe('binance:BTCUSDT');
    expect(errorText()).toBeNull();
    await select('select[name="market"]', 'bybit:ETHUSDT');
    expect($<HTMLInputElement>('input[name="entry"]').placeholder).toContain('3,000');
    expect(Number(value('margin'))).toBeCloseTo((0.5 * 3000) / 20, 8);
  });
});

describe('popup what-if from an open position', () => {
  const LONG = positionFixture({ entryPrice: 59_000, margin: 1475, walletMargin: null, leverage: null });
  const SHORT_ETH = positionFixture({
    venue: 'okx',
    symbol: 'ETH-USDT-SWAP',
    side: 'short',
    size: 2,
    entryPrice: 3100,
    margin: 300,
    walletMargin: null,
    marginMode: 'cross',
  });
  const ethSnapshot = ready({
    venue: 'okx',
    symbol: 'ETH-USDT-SWAP',
    asset: 'ETH',
    quote: { ...snapshotFixture().quote, venue: 'okx', symbol: 'ETH-USDT-SWAP', markPrice: 3000 },
  });
  const form = () => ({
    position: $<HTMLSelectElement>('select[name="position"]').value,
    market: $<HTMLSelectElement>('select[name="market"]').value,
    side: $<HTMLInputElement>('input[name="side"]:checked').value,
    size: $<HTMLInputElement>('input[name="size"]').value,
    entry: $<HTMLInputElement>('input[name="entry"]').value,
    mode: $<HTMLInputElement>('input[name="mode"]:checked').value,
    amount: $<HTMLInputElement>('input[name="amount"]').value,
  });

  it('offers no position menu without positions', async () => {
    await mount();
    expect(container.querySelector('select[name="position"]')).toBeNull();
  });

  it('lists the open positions; picking one asks for it, and the form is filled from it', async () => {
    const onFrom = vi.fn();
    const positions = [LONG, SHORT_ETH];
    const positionStates = new Map([['okx:ETH-USDT-SWAP', ethSnapshot]]);
    await mount({ positions, positionStates, onFrom });
    expect([...container.querySelectorAll('select[name="position"] option')].map((o) => o.textContent)).toEqual([
      '— none: type a position —',
      'Long BTCUSDT · Binance',
      'Short ETH-USDT-SWAP · OKX',
    ]);
    // The market of a position outside the watchlist is offered too.
    expect([...container.querySelectorAll('select[name="market"] option')].map((o) => o.getAttribute('value'))).toEqual([
      'binance:BTCUSDT',
      'okx:ETH-USDT-SWAP',
      'other',
    ]);
    await select('select[name="position"]', 'okx:ETH-USDT-SWAP:short');
    expect(onFrom).toHaveBeenCalledWith('okx:ETH-USDT-SWAP:short');

    await mount({ positions, positionStates, onFrom, from: 'okx:ETH-USDT-SWAP:short' });
    expect(form()).toEqual({
      position: 'okx:ETH-USDT-SWAP:short',
      market: 'okx:ETH-USDT-SWAP',
      side: 'short',
      size: '2',
      entry: '3100',
      mode: 'margin',
      amount: '300',
    });
    expect(container.textContent).toMatch(/cross margin: What if treats the position as isolated/);
    // Computed from the position's market, which the positions' list fetched, not the watchlist.
    expect(Number(value('margin'))).toBe(300);
    expect($('[data-field="margin"]').textContent).toBe('300.00 USDT');
    expect(background.asked).toEqual([]);

    await mount({ positions, positionStates, onFrom, from: 'binance:BTCUSDT:long' });
    expect(form()).toEqual({
      position: 'binance:BTCUSDT:long',
      market: 'binance:BTCUSDT',
      side: 'long',
      size: '0.5',
      entry: '59000',
      mode: 'margin',
      amount: '1475',
    });
    // The trader's edits after the fill are kept through later renders.
    await type('input[name="amount"]', '900');
    await mount({ positions, positionStates, onFrom, from: 'binance:BTCUSDT:long' });
    expect(form().amount).toBe('900');
  });

  it('fills the form when the position arrives after it was asked for', async () => {
    await mount({ from: 'binance:BTCUSDT:long' });
    expect(container.querySelector('select[name="position"]')).toBeNull();
    expect($<HTMLInputElement>('input[name="entry"]').value).toBe('');
    await mount({ from: 'binance:BTCUSDT:long', positions: [LONG] });
    expect(form()).toMatchObject({ entry: '59000', mode: 'margin', amount: '1475' });
  });

  it('answers how much margin gets the position back to the chosen band, in the quote currency', async () => {
    const rules: BandRules = { ...DEFAULT_BANDS, basis: 'percent', dangerBelow: 0.03, cautionBelow: 0.1 };
    await mount({ positions: [LONG], from: 'binance:BTCUSDT:long', bands: rules });
    // 0.5 BTC long from 59,000 on 1,475: liquidated at 56,275.10, 6.2% below the 60,000 mark: caution.
    expect(value('band')).toBe('caution');
    expect($<HTMLInputElement>('input[name="target"]:checked').value).toBe('calm');
    const liq = Number(value('liq-price'));
    const expected = marginToBand({
      side: 'long',
      size: 0.5,
      markPrice: 60_000,
      liqPrice: liq,
      dailyVol: 0.025,
      target: 'calm',
      rules,
      tiers: snapshotFixture().tiers!.tiers,
      feeRate: 0,
      valuation: 'liquidation',
    });
    if (!('add' in expected)) throw new Error('expected margin to add');
    // By hand: calm's edge 60,000 × 0.9 = 54,000; (56,275.10 − 54,000) × 0.5 × 0.996 = 1,133.00.
    expect(expected.add).toBeCloseTo((liq - 54_000) * 0.5 * 0.996, 9);
    expect(Number(value('margin-to-band'))).toBeCloseTo(expected.add, 9);
    expect($('[data-field="margin-to-band"]').textContent).toBe('Add ≈ 1,133.00 USDT margin');
    expect($('[data-field="margin-to-band"]').getAttribute('title')).toMatch(
      /^moves the liquidation price to 54,000.00, the edge of calm; judged by % of price/,
    );
    expect(container.textContent).toContain('Get back to calm');

    await choose('input[name="target"][value="caution"]');
    expect(value('margin-to-band')).toBe('0');
    expect($('[data-field="margin-to-band"]').textContent).toBe('already in that band (caution)');
    expect($('[data-field="margin-to-band"]').getAttribute('data-target')).toBe('caution');

    // More margin than the position is worth (0.5 × 59,000): no liquidation price at all.
    await type('input[name="amount"]', '30000');
    expect(value('liq-price')).toBe('none');
    expect($('[data-field="margin-to-band"]').textContent).toBe('nothing to add: no liquidation price');
    expect(container.textContent).not.toMatch(/\$|NaN/);
  });
});
