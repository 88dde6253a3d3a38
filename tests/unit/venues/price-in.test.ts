import { describe, expect, it } from 'vitest';
import { priceIn } from '../../../src/venues/page-kit/value-patterns';

describe('priceIn: a price only where the text is shaped like one', () => {
  it('reads plain and dollar prices in the page’s locale', () => {
    expect(priceIn('56,300.50', 'en')).toBe(56_300.5);
    expect(priceIn('$56,300.50', 'en')).toBe(56_300.5);
    expect(priceIn(' 0.0001234 ', 'en')).toBe(0.0001234);
    expect(priceIn('56.300,50', 'de-DE')).toBe(56_300.5);
    expect(priceIn('56 300,50', 'fr-FR')).toBe(56_300.5);
  });

  it('refuses a percentage, an amount with its unit, a signed figure, a dash and words', () => {
    for (const text of ['1.23%', '150.00 USDT', '+500.06 USDT (+33.90%)', '-1.20', '+56,300.50', '--', '', 'N/A', 'Market', '56,300.50 (Cross)']) {
      expect(priceIn(text, 'en'), text).toBeNull();
    }
  });
});
