import { describe, expect, it } from 'vitest';
import { createPositionStore, POSITIONS_STORAGE_KEY, REPORT_TTL_MS } from '../../../src/background/alerts/store';
import { BINANCE_URL, memoryStorage, positionFixture } from './fixtures';

const BYBIT_URL = 'https://www.bybit.com/trade/usdt/BTCUSDT';
const many = (n: number, prefix = 'S') => Array.from({ length: n }, (_, i) => positionFixture({ symbol: `${prefix}${i}USDT` }));

function setup() {
  let t = 1_000_000;
  const storage = memoryStorage();
  const clock = { now: () => t, advance: (ms: number) => void (t += ms) };
  return { storage, clock, store: createPositionStore(storage, { now: clock.now }) };
}

describe('createPositionStore', () => {
  it('keeps what each tab reported, with its origin, newest first', async () => {
    const { store, clock } = setup();
    await store.report({ tabId: 1, url: BINANCE_URL }, 'binance', [positionFixture()]);
    clock.advance(1000);
    await store.report({ tabId: 2, url: BYBIT_URL }, 'bybit', [positionFixture({ venue: 'bybit', side: 'short', liqPrice: 61_200 })]);
    const held = await store.held();
    expect(held.map((h) => [h.position.venue, h.origin.tabId, h.origin.url])).toEqual([
      ['bybit', 2, BYBIT_URL],
      ['binance', 1, BINANCE_URL],
    ]);
    expect(held[0]?.reportedAt).toBe(1_001_000);
    expect(await store.count()).toBe(2);
  });

  it("replaces a tab's previous report, and forgets it when the tab reports zero positions", async () => {
    const { store } = setup();
    await store.report({ tabId: 1, url: BINANCE_URL }, 'binance', many(3));
    await store.report({ tabId: 1, url: BINANCE_URL }, 'binance', many(2));
    expect(await store.count()).toBe(2);
    await store.report({ tabId: 1, url: BINANCE_URL }, 'binance', []);
    expect(await store.held()).toEqual([]);
  });

  it('drops what a tab showed for another venue when it reports a new one', async () => {
    const { store } = setup();
    await store.report({ tabId: 1, url: BINANCE_URL }, 'binance', many(2));
    await store.report({ tabId: 1, url: BYBIT_URL }, 'bybit', [positionFixture({ venue: 'bybit' })]);
    expect((await store.held()).map((h) => h.position.venue)).toEqual(['bybit']);
  });

  it('forgets a closed tab', async () => {
    const { store } = setup();
    await store.report({ tabId: 1, url: BINANCE_URL }, 'binance', many(2));
    await store.report({ tabId: 2, url: BINANCE_URL }, 'binance', many(1));
    expect(await store.removeTab(1)).toBe(true);
    expect(await store.removeTab(1)).toBe(false);
    expect((await store.held()).map((h) => h.origin.tabId)).toEqual([2]);
  });

  it('holds at most 100 positions, dropping the oldest reports first', async () => {
    const { store, clock } = setup();
    await store.report({ tabId: 1, url: BINANCE_URL }, 'binance', many(60, 'A'));
    clock.advance(1000);
    await store.report({ tabId: 2, url: BINANCE_URL }, 'binance', many(30, 'B'));
    clock.advance(1000);
    await store.report({ tabId: 3, url: BINANCE_URL }, 'binance', many(30, 'C'));
    const held = await store.held();
    expect(held.length).toBeLessThanOrEqual(100);
    expect(new Set(held.map((h) => h.origin.tabId))).toEqual(new Set([2, 3]));
  });

  it('truncates a single oversized report to the bound', async () => {
    const { store } = setup();
    await store.report({ tabId: 1, url: BINANCE_URL }, 'binance', many(150));
    expect(await store.count()).toBe(100);
  });

  it('prunes reports older than 10 minutes; a fresh report keeps a page alive', async () => {
    const { store, clock } = setup();
    await store.report({ tabId: 1, url: BINANCE_URL }, 'binance', many(1, 'A'));
    await store.report({ tabId: 2, url: BINANCE_URL }, 'binance', many(1, 'B'));
    clock.advance(REPORT_TTL_MS - 1000);
    await store.report({ tabId: 2, url: BINANCE_URL }, 'binance', many(1, 'B'));
    expect(await store.prune()).toBe(false);
    clock.advance(2000);
    expect(await store.prune()).toBe(true);
    expect((await store.held()).map((h) => h.origin.tabId)).toEqual([2]);
    clock.advance(REPORT_TTL_MS + 1);
    expect(await store.count()).toBe(0);
  });

  it('keeps a silent tab past the TTL while the browser says it still shows the venue (a hidden tab does not read its page)', async () => {
    let t = 1_000_000;
    const urls = new Map<number, string | undefined>([
      [1, 'https://www.binance.com/en/futures/BTCUSDT'],
      [2, 'https://www.binance.com/en/futures/ETHUSDT'],
      [3, 'https://www.bybit.com/trade/usdt/BTCUSDT'],
      [4, undefined],
    ]);
    const asked: number[] = [];
    const store = createPositionStore(memoryStorage(), {
      now: () => t,
      tabStillShows: async (tabId, venue) => {
        asked.push(tabId);
        if (tabId === 5) throw new Error('No tab with id: 5');
        const url = urls.get(tabId);
        return url !== undefined && url.startsWith(venue === 'binance' ? 'https://www.binance.com/' : 'https://www.bybit.com/');
      },
    });
    // 1: still on Binance (another symbol: still that venue's page); 2: gone off to Bybit in-place;
    // 3: on Bybit but reported Binance; 4: on a host the extension cannot see; 5: closed.
    for (const tabId of [1, 3, 4, 5]) await store.report({ tabId, url: BINANCE_URL }, 'binance', many(1, `T${tabId}`));
    await store.report({ tabId: 2, url: BYBIT_URL }, 'bybit', many(1, 'T2'));
    urls.set(2, 'https://www.binance.com/en/futures/BTCUSDT');
    await store.report({ url: BINANCE_URL }, 'binance', many(1, 'U'));
    t += REPORT_TTL_MS - 1;
    expect(await store.prune()).toBe(false);
    expect(asked).toEqual([]);
    t += 2;
    expect(await store.prune()).toBe(true);
    expect((await store.held()).map((h) => h.origin.tabId ?? null)).toEqual([1]);
    t += 24 * 3_600_000;
    expect(await store.count()).toBe(1);
  });

  it('keys a report without a tab by its URL', async () => {
    const { store } = setup();
    await store.report({ url: BINANCE_URL }, 'binance', many(1));
    const [h] = await store.held();
    expect(h?.origin).toEqual({ url: BINANCE_URL });
  });

  it('lives in storage.session across a worker restart, and ignores garbage there', async () => {
    const { store, storage, clock } = setup();
    await store.report({ tabId: 1, url: BINANCE_URL }, 'binance', many(2));
    const again = createPositionStore(storage, { now: clock.now });
    expect(await again.count()).toBe(2);

    storage.data.set(POSITIONS_STORAGE_KEY, [{ tabId: 'x', positions: 'nonsense' }]);
    expect(await createPositionStore(storage, { now: clock.now }).count()).toBe(0);
  });

  it('serialises concurrent reports', async () => {
    const { store } = setup();
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.report({ tabId: i, url: BINANCE_URL }, 'binance', many(1, `T${i}`))));
    expect(await store.count()).toBe(20);
  });
});

describe('a row that turned unreadable', () => {
  it('keeps the position last known for it until it is gone or reads again', async () => {
    const { store } = setup();
    const near = positionFixture({ markPrice: 58_900 });
    const other = positionFixture({ symbol: 'ETHUSDT', entryPrice: 3_000, markPrice: 3_000, liqPrice: 2_900 });
    await store.report({ tabId: 1, url: BINANCE_URL }, 'binance', [near, other]);
    // The BTC row cannot be read now: what was known of it stays; ETH reads on.
    await store.report({ tabId: 1, url: BINANCE_URL }, 'binance', [other], [{ symbol: 'BTCUSDT', side: 'long' }]);
    expect((await store.held()).map((h) => [h.position.symbol, h.position.markPrice])).toEqual([
      ['ETHUSDT', 3_000],
      ['BTCUSDT', 58_900],
    ]);
    // Another side of the same market is another position: not kept for it.
    await store.report({ tabId: 1, url: BINANCE_URL }, 'binance', [other], [{ symbol: 'BTCUSDT', side: 'short' }]);
    expect((await store.held()).map((h) => h.position.symbol)).toEqual(['ETHUSDT']);
  });

  it('a row read again replaces what was kept; a row gone from the page is gone', async () => {
    const { store } = setup();
    await store.report({ tabId: 1, url: BINANCE_URL }, 'binance', [positionFixture({ markPrice: 58_900 })]);
    await store.report({ tabId: 1, url: BINANCE_URL }, 'binance', [], [{ symbol: 'BTCUSDT', side: 'long' }]);
    expect(await store.count()).toBe(1);
    await store.report({ tabId: 1, url: BINANCE_URL }, 'binance', [positionFixture({ markPrice: 59_500 })], []);
    expect((await store.held()).map((h) => h.position.markPrice)).toEqual([59_500]);
    await store.report({ tabId: 1, url: BINANCE_URL }, 'binance', []);
    expect(await store.held()).toEqual([]);
  });
});
