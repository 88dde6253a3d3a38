import { describe, expect, it } from 'vitest';
import { typedNumber } from '../../../src/core/typed-number';

describe('typedNumber: what a trader types', () => {
  it('reads a decimal point or a decimal comma', () => {
    expect(typedNumber('0.5', 'en-US')).toBe(0.5);
    expect(typedNumber('0,5', 'en-US')).toBe(0.5);
    expect(typedNumber('0,5', 'de-DE')).toBe(0.5);
    expect(typedNumber(' 12,25 ', 'en-GB')).toBe(12.25);
    expect(typedNumber('1 500,75', 'fr-FR')).toBe(1500.75);
  });

  it('reads a comma before exactly three digits as the trader’s locale writes it', () => {
    expect(typedNumber('1,000', 'en-US')).toBe(1000);
    expect(typedNumber('1,000', 'de-DE')).toBe(1);
    expect(typedNumber('1,234.5', 'en-US')).toBe(1234.5);
    expect(typedNumber('12,345,678', 'en-US')).toBe(12_345_678);
  });

  it('empty is undefined; anything else not a plain number is NaN', () => {
    expect(typedNumber('  ', 'en')).toBeUndefined();
    for (const t of ['abc', '1,2,3', '1.2.3', '0x10', '1e3', '1,23.4', '--1']) expect(typedNumber(t, 'en-US'), t).toBeNaN();
  });
});
