import { describe, expect, it } from 'vitest';
import { createPositionStore, POSITIONS_STORAGE_KEY, REPORT_TTL_MS } from '../../../src/background/alerts/store';
import type { Position } from '../../../src/venues/position-types';
import { BINANCE_URL, memoryStorage, positionFixture } from '../alerts/fixtures';

// "Nothing a page shows is kept beyond what the panel and alerts need, in session storage, and it
// is cleared when the positions close." The store is what keeps reported positions.

/** Figures no default or fixture uses, so finding one in storage can only mean it was kept. */
const SHOWN: Position = positionFixture({
  size: 0.123457,
  entryPrice: 61_234.5,
  markPrice: 60_111.25,
  liqPrice: 58_765.75,
  margin: 1_777.25,
  walletMargin: 1_666.75,
  leverage: 17,
  unrealizedPnl: 4_321.98,
});

/** The fields the alerts' position view and the popup's list read (conditions.ts heldView, KnownPositions). */
const NEEDED = ['venue', 'symbol', 'side', 'size', 'entryPrice', 'markPrice', 'liqPrice', 'margin', 'walletMargin', 'marginMode', 'source'];

function setup() {
  let t = 5_000_000;
  const session = memoryStorage();
  const clock = { now: () => t, advance: (ms: number) => void (t += ms) };
  return { session, clock, store: createPositionStore(session, { now: clock.now }) };
}

const stored = (session: ReturnType<typeof memoryStorage>) =>
  session.data.get(POSITIONS_STORAGE_KEY) as { positions: Record<string, unknown>[]; url: string }[] | undefined;

describe('privacy: reported positions in the store', () => {
  it('keeps the fields the alerts need, and neither leverage nor the unrealised PnL', async () => {
    const { session, store } = setup();
    await store.report({ tabId: 3, url: BINANCE_URL }, 'binance', [SHOWN]);
    const [entry] = stored(session) ?? [];
    const [kept] = entry?.positions ?? [];
    expect(kept).toBeDefined();
    for (const field of NEEDED) expect(kept?.[field]).toEqual(SHOWN[field as keyof Position]);
    expect(kept?.leverage).toBeNull();
    expect(kept?.unrealizedPnl).toBeNull();
    const text = JSON.stringify([...session.data]);
    expect(text).not.toContain('4321.98');
    expect(text).not.toMatch(/"leverage":17\b/);
    // What the alerts read back is what they need, unchanged.
    const [held] = await store.held();
    expect(held?.position).toEqual({ ...SHOWN, leverage: null, unrealizedPnl: null });
  });

  it('keeps the page’s origin and path, not its query or fragment', async () => {
    const { session, store } = setup();
    await store.report({ tabId: 3, url: `${BINANCE_URL}?ref=AFF123&uid=998877#orders` }, 'binance', [SHOWN]);
    expect(stored(session)?.map((e) => e.url)).toEqual([BINANCE_URL]);
    expect(JSON.stringify([...session.data])).not.toMatch(/AFF123|998877|orders/);
  });

  it('cuts what an older version stored to the kept fields when it loads', async () => {
    const session = memoryStorage();
    await session.set({ [POSITIONS_STORAGE_KEY]: [{ tabId: 3, url: BINANCE_URL, venue: 'binance', positions: [SHOWN], reportedAt: 5_000_000 }] });
    const store = createPositionStore(session, { now: () => 5_000_000 });
    const [held] = await store.held();
    expect(held?.position.leverage).toBeNull();
    expect(held?.position.unrealizedPnl).toBeNull();
    expect(held?.position.size).toBe(SHOWN.size);
  });

  it('removes a tab’s positions when the tab reports none', async () => {
    const { session, store } = setup();
    await store.report({ tabId: 3, url: BINANCE_URL }, 'binance', [SHOWN]);
    await store.report({ tabId: 4, url: BINANCE_URL }, 'binance', [positionFixture({ side: 'short', liqPrice: 61_500 })]);
    await store.report({ tabId: 3, url: BINANCE_URL }, 'binance', []);
    const left = stored(session) ?? [];
    expect(left.flatMap((e) => e.positions.map((p) => p.side))).toEqual(['short']);
    expect(JSON.stringify(left)).not.toContain('61234.5');
    await store.report({ tabId: 4, url: BINANCE_URL }, 'binance', []);
    expect(stored(session)).toEqual([]);
  });

  it('removes a tab’s positions when the tab closes', async () => {
    const { session, store } = setup();
    await store.report({ tabId: 3, url: BINANCE_URL }, 'binance', [SHOWN]);
    expect(await store.removeTab(3)).toBe(true);
    expect(stored(session)).toEqual([]);
    expect(await store.held()).toEqual([]);
  });

  it('removes a report that was not renewed within the TTL, from storage as well as memory', async () => {
    const { session, clock, store } = setup();
    await store.report({ tabId: 3, url: BINANCE_URL }, 'binance', [SHOWN]);
    clock.advance(REPORT_TTL_MS - 1);
    expect(await store.prune()).toBe(false);
    expect(stored(session)?.length).toBe(1);
    clock.advance(2);
    expect(await store.prune()).toBe(true);
    expect(stored(session)).toEqual([]);
  });

  it('a report that expired is not restored by the next worker either', async () => {
    const { session, clock, store } = setup();
    await store.report({ tabId: 3, url: BINANCE_URL }, 'binance', [SHOWN]);
    clock.advance(REPORT_TTL_MS + 1);
    const next = createPositionStore(session, { now: clock.now });
    expect(await next.count()).toBe(0);
    expect(stored(session)).toEqual([]);
  });
});
