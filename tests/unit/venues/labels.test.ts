import { describe, expect, it } from 'vitest';
import { looksLikeHeader, mapColumns } from '../../../src/venues/page-kit/labels';

describe('header rows', () => {
  it('takes a row of four or more captions without a digit as a header, in any language', () => {
    expect(looksLikeHeader(['Symbole', 'Taille', "Prix d'entrée", 'Prix de marque', 'Liq.'])).toBe(true);
    expect(looksLikeHeader(['', 'Pozycja', 'Rozmiar', 'Wejście', 'Znak'])).toBe(true);
  });

  it('refuses a data row or a short row', () => {
    expect(looksLikeHeader(['BTCUSDT', '0.5 BTC', '59,000.00', '60,000.12'])).toBe(false);
    expect(looksLikeHeader(['Symbol', 'Size', 'Entry'])).toBe(false);
    expect(looksLikeHeader(['Symbol', '', ' ', 'Entry', 'Mark'])).toBe(false);
  });

  it('maps known captions to columns', () => {
    expect(mapColumns(['Symbol', 'Size', 'Entry Price'], { symbol: ['symbol'], size: ['size'], entry: ['entry price'] })).toEqual({
      symbol: 0,
      size: 1,
      entry: 2,
    });
  });
});

describe("dYdX's caption rows", () => {
  it('hold a number locale and one non-empty entry per field, in every language', async () => {
    const { DYDX_CAPTION_ROWS, DYDX_CAPTIONS, DYDX_LANGUAGES } = await import('../../../src/venues/dydx/captions');
    for (const l of DYDX_LANGUAGES) {
      expect(DYDX_CAPTION_ROWS[l].length, l).toBe(21);
      expect(
        DYDX_CAPTION_ROWS[l].every((t) => t !== '' && !t.startsWith('|') && !t.endsWith('|') && !t.includes('||')),
        l,
      ).toBe(true);
      expect(DYDX_CAPTIONS[l].numberLocale).toMatch(/^[a-z]{2}-[A-Z]{2}$/);
    }
    expect(DYDX_CAPTIONS['zh-CN'].market).toEqual(['市场', '市价', '交易对']);
    expect(DYDX_CAPTIONS.en.emptyState).toEqual(['You have no open positions.']);
  });
});
