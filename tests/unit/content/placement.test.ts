import { describe, expect, it } from 'vitest';
import { freeSpot, type Rect } from '../../../src/content/placement';
import { quoteFromSymbol } from '../../../src/venues/quote-currency';

const rect = (left: number, top: number, w: number, h: number): Rect => ({ left, top, right: left + w, bottom: top + h });
const meets = (a: Rect, b: Rect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe('freeSpot', () => {
  const area = rect(0, 100, 900, 400);

  it('takes the lower-left corner of the area when nothing is there', () => {
    expect(freeSpot(area, 300, 150, [])).toEqual({ x: 0, y: 350 });
  });

  it('walks up, then right, around controls, and never meets one (with a gap)', () => {
    const controls = [rect(0, 420, 200, 80), rect(10, 110, 40, 300)];
    const spot = freeSpot(area, 300, 150, controls);
    if (!spot) throw new Error('no spot');
    const r = rect(spot.x, spot.y, 300, 150);
    for (const c of controls) expect(meets(r, { left: c.left - 4, top: c.top - 4, right: c.right + 4, bottom: c.bottom + 4 })).toBe(false);
    expect(r.left).toBeGreaterThanOrEqual(area.left);
    expect(r.right).toBeLessThanOrEqual(area.right);
    expect(r.top).toBeGreaterThanOrEqual(area.top);
    expect(r.bottom).toBeLessThanOrEqual(area.bottom);
  });

  it('is null when no spot of that size is free', () => {
    expect(freeSpot(area, 300, 150, [rect(0, 100, 900, 400)])).toBeNull();
    expect(freeSpot(rect(0, 0, 200, 100), 300, 150, [])).toBeNull();
  });
});

describe('quoteFromSymbol', () => {
  it('names the settlement currency a symbol states, and nothing it does not', () => {
    expect(quoteFromSymbol('binance', 'BTCUSDT')).toBe('USDT');
    expect(quoteFromSymbol('binance', 'BTCUSDC')).toBe('USDC');
    expect(quoteFromSymbol('bybit', 'ETHPERP')).toBe('USDC');
    expect(quoteFromSymbol('okx', 'BTC-USDT-SWAP')).toBe('USDT');
    expect(quoteFromSymbol('okx', 'BTC-USD-SWAP')).toBe('USD');
    expect(quoteFromSymbol('hyperliquid', 'BTC')).toBe('USDC');
    expect(quoteFromSymbol('dydx', 'BTC-USD')).toBe('USD');
    expect(quoteFromSymbol('binance', 'BTCDOM')).toBeNull();
  });
});
