import type { HeldPosition } from '../../../src/background/alerts/conditions';
import type { StorageLike } from '../../../src/background/alerts/store';
import type { Position } from '../../../src/venues/position-types';

/** An isolated BTCUSDT long on Binance, 2% from liquidation at a 60 000 mark. */
export function positionFixture(over: Partial<Position> = {}): Position {
  return {
    venue: 'binance',
    symbol: 'BTCUSDT',
    side: 'long',
    size: 0.5,
    entryPrice: 60_000,
    markPrice: 60_000,
    liqPrice: 58_800,
    margin: 1500,
    walletMargin: 1500,
    marginMode: 'isolated',
    leverage: 20,
    unrealizedPnl: 0,
    source: 'page',
    ...over,
  };
}

export const BINANCE_URL = 'https://www.binance.com/en/futures/BTCUSDT';

export function heldFixture(over: Partial<Position> = {}, reportedAt = 0, origin: HeldPosition['origin'] = { tabId: 7, url: BINANCE_URL }): HeldPosition {
  return { position: positionFixture(over), origin, reportedAt };
}

/** A storage.session stand-in that copies values like the browser does. */
export function memoryStorage(): StorageLike & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    get: async (key) => (data.has(key) ? { [key]: structuredClone(data.get(key)) } : {}),
    set: async (items) => {
      for (const [k, v] of Object.entries(items)) data.set(k, structuredClone(v));
    },
  };
}
