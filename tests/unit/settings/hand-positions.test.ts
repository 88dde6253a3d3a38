import { describe, expect, it } from 'vitest';
import {
  addHandPosition,
  checkHandPosition,
  HAND_KEY,
  handKey,
  handToPosition,
  loadHandPositions,
  MAX_HAND_POSITIONS,
  onHandPositionsChanged,
  removeHandPosition,
  type HandPosition,
} from '../../../src/settings/hand-positions';
import { withHandRows, HAND_NOTE } from '../../../src/background/panel/hand-rows';
import type { PageRead } from '../../../src/venues/page-reader-types';
import { memoryStorage } from './memory-storage';

const long: HandPosition = { venue: 'bybit', symbol: 'BTCUSDT', side: 'long', size: 0.5, entry: 60_000, leverage: 20, margin: null, liq: null, addedAt: 1 };

describe('positions tracked by hand', () => {
  it('takes a whole position, with either the leverage or the margin, and refuses anything else', () => {
    expect(checkHandPosition(long)).toEqual(long);
    expect(checkHandPosition({ ...long, leverage: null, margin: 1500 })).toEqual({ ...long, leverage: null, margin: 1500 });
    for (const bad of [
      { ...long, leverage: null },
      { ...long, margin: 1500 },
      { ...long, size: 0 },
      { ...long, entry: Number.NaN },
      { ...long, leverage: 1e9 },
      { ...long, venue: 'ftx' },
      { ...long, symbol: '<img src=x>' },
      { ...long, side: 'both' },
      { ...long, extra: true },
      null,
      'BTCUSDT',
    ])
      expect(checkHandPosition(bad)).toBeNull();
  });

  it('adds, replaces the same market and side, removes, and tells a watcher', async () => {
    const storage = memoryStorage();
    const seen: HandPosition[][] = [];
    const stop = onHandPositionsChanged((l) => seen.push(l), storage);
    await addHandPosition(long, storage);
    await addHandPosition({ ...long, side: 'short', leverage: 10 }, storage);
    await addHandPosition({ ...long, size: 1 }, storage);
    const list = await loadHandPositions(storage);
    expect(list.map((h) => [handKey(h), h.size])).toEqual([
      ['bybit:BTCUSDT:short', 0.5],
      ['bybit:BTCUSDT:long', 1],
    ]);
    await removeHandPosition('bybit:BTCUSDT:short', storage);
    expect((await loadHandPositions(storage)).map(handKey)).toEqual(['bybit:BTCUSDT:long']);
    await new Promise((r) => setTimeout(r, 0));
    expect(seen.at(-1)?.map(handKey)).toEqual(['bybit:BTCUSDT:long']);
    stop();
    await expect(addHandPosition({ ...long, size: -1 }, storage)).rejects.toThrow(/not a whole position/);
  });

  it('drops a stored entry that fails the check, never the whole list, and keeps at most the cap', async () => {
    const storage = memoryStorage();
    await storage.set({ [HAND_KEY]: [long, { ...long, side: 'short', entry: 'lots' }] });
    expect(await loadHandPositions(storage)).toEqual([long]);
    await storage.set({ [HAND_KEY]: 'not a list' });
    expect(await loadHandPositions(storage)).toEqual([]);
    await storage.set({ [HAND_KEY]: Array.from({ length: MAX_HAND_POSITIONS }, (_, i) => ({ ...long, symbol: `C${i}USDT` })) });
    await expect(addHandPosition({ ...long, symbol: 'ETHUSDT' }, storage)).rejects.toThrow(/at most 50/);
  });

  it('becomes an isolated position whose liquidation price PerpLens computes', () => {
    expect(handToPosition(long)).toMatchObject({
      venue: 'bybit',
      symbol: 'BTCUSDT',
      side: 'long',
      size: 0.5,
      entryPrice: 60_000,
      markPrice: null,
      liqPrice: null,
      margin: 1500,
      walletMargin: 1500,
      marginMode: 'isolated',
      leverage: 20,
      source: 'hand',
    });
    expect(handToPosition(long).liqNotServed).toMatch(/entered by hand/);
    expect(handToPosition({ ...long, leverage: null, margin: 3000 })).toMatchObject({ margin: 3000, leverage: 10 });
  });

  it("takes the venue's liquidation price too, or alone, on the right side of the entry only", () => {
    const typed = { ...long, liq: 57_300 };
    expect(checkHandPosition(typed)).toEqual(typed);
    expect(checkHandPosition({ ...typed, leverage: null })).toEqual({ ...typed, leverage: null });
    expect(checkHandPosition({ ...typed, liq: 61_000 })).toBeNull();
    expect(checkHandPosition({ ...typed, side: 'short' })).toBeNull();
    expect(checkHandPosition({ ...typed, side: 'short', liq: 63_000 })).not.toBeNull();
    expect(checkHandPosition({ ...typed, liq: -1 })).toBeNull();
    // Stored before the field existed: no liquidation price.
    const { liq: _none, ...old } = long;
    expect(checkHandPosition(old)?.liq).toBeNull();
  });

  it("with the venue's liquidation price, the card works from it and PerpLens's own is the check", () => {
    const p = handToPosition({ ...long, liq: 57_300 });
    expect(p).toMatchObject({ liqPrice: 57_300, liqSource: 'page', margin: 1500, leverage: 20 });
    expect(p.liqNotServed).toBeUndefined();
    expect(handToPosition({ ...long, leverage: null, liq: 57_300 })).toMatchObject({ liqPrice: 57_300, margin: null, leverage: null });
  });
});

describe('the panel with positions tracked by hand', () => {
  const row = { ok: true as const, position: { ...handToPosition(long), source: 'page' as const, markPrice: 60_100, liqPrice: 57_300 } };

  it('shows them on a page it cannot read, and says why', () => {
    const none: PageRead = { status: 'no-table', rows: [], notes: [] };
    const r = withHandRows(none, [long]);
    expect(r?.status).toBe('ok');
    expect(r?.rows.map((x) => x.ok && x.position.source)).toEqual(['hand']);
    expect(r?.notes).toEqual(["PerpLens cannot read this page's positions.", HAND_NOTE]);
    expect(withHandRows(null, [long])?.rows).toHaveLength(1);
    expect(withHandRows({ status: 'loading', rows: [], notes: [] }, [long])?.notes[0]).toMatch(/still loading/);
  });

  it('never doubles a position the page shows for the same market and side', () => {
    const read: PageRead = { status: 'ok', rows: [row], notes: [] };
    expect(withHandRows(read, [long])).toBe(read);
    const both = withHandRows(read, [long, { ...long, side: 'short' }]);
    expect(both?.rows.map((x) => x.ok && `${x.position.side} ${x.position.source}`)).toEqual(['long page', 'short hand']);
    expect(both?.notes).toEqual([HAND_NOTE]);
    expect(withHandRows(read, [])).toBe(read);
  });
});
