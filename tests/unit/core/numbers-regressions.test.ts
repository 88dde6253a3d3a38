import { describe, expect, it } from 'vitest';
import { parseNumber, parsePercent } from '../../../src/core/numbers';

// Found by the property tests in tests/property/number-targets.ts.
describe('parseNumber regressions', () => {
  it('reads a Turkish leading percent sign', () => {
    expect(parseNumber('%12,5', { locale: 'tr-TR' })).toBe(12.5);
    expect(parseNumber('-%0,01', { locale: 'tr-TR' })).toBe(-0.01);
    expect(parsePercent('%12,5', { locale: 'tr-TR' })).toBe(0.125);
    expect(parseNumber('%%12')).toBeNull();
  });

  it('refuses a grouped number with a leading zero group', () => {
    expect(parseNumber('0.000,0')).toBeNull();
    expect(parseNumber('0,123.5')).toBeNull();
  });

  it('refuses thousands and lakh grouping mixed in one number', () => {
    expect(parseNumber('1,234,56,789.5')).toBeNull();
    expect(parseNumber('12,345,67.5')).toBeNull();
    expect(parseNumber('12,34,567.5')).toBe(1234567.5);
    expect(parseNumber('1,234,567.5')).toBe(1234567.5);
    expect(parseNumber('1.234.567,5', { locale: 'de-DE' })).toBe(1234567.5);
  });
});
