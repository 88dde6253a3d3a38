import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNumber, parsePercent } from '../../../src/core';

const LOCALES = ['en-US', 'de-DE', 'fr-FR', 'ru-RU', 'zh-CN', 'ja-JP'] as const;

/** Values across magnitudes: plain doubles, decimal mantissas scaled by 10^e, integers. */
const value = fc.oneof(
  fc.double({ min: -1e15, max: 1e15, noNaN: true }),
  fc.tuple(fc.integer({ min: -999_999_999, max: 999_999_999 }), fc.integer({ min: -12, max: 12 })).map(([m, e]) => m * 10 ** e),
  fc.integer(),
);

/** What a formatted string means, read back through the locale-free en-US form. */
function meaning(v: number, options: Intl.NumberFormatOptions): number {
  const plain = new Intl.NumberFormat('en-US', { ...options, useGrouping: false, style: 'decimal' }).format(v);
  const n = Number(plain);
  return n === 0 ? 0 : n;
}

const isCleanResult = (n: number | null): boolean => n === null || (Number.isFinite(n) && !Object.is(n, -0));

describe('parseNumber round-trips Intl.NumberFormat output', () => {
  it('decimal style, with and without grouping, up to 8 fraction digits', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LOCALES), value, fc.integer({ min: 0, max: 8 }), fc.boolean(), (locale, v, digits, useGrouping) => {
        const options = { maximumFractionDigits: digits, useGrouping };
        const text = new Intl.NumberFormat(locale, options).format(v);
        expect(parseNumber(text, { locale }), `${locale} ${JSON.stringify(text)}`).toBe(meaning(v, options));
      }),
      { numRuns: 3000 },
    );
  });

  it('currency style, standard and accounting', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...LOCALES),
        value,
        fc.constantFrom('USD', 'EUR', 'JPY', 'BTC'),
        fc.constantFrom('standard' as const, 'accounting' as const),
        (locale, v, currency, currencySign) => {
          const format = new Intl.NumberFormat(locale, { style: 'currency', currency, currencySign });
          const { minimumFractionDigits, maximumFractionDigits } = format.resolvedOptions();
          const text = format.format(v);
          const expected = meaning(v, { minimumFractionDigits, maximumFractionDigits });
          expect(parseNumber(text, { locale }), `${locale} ${JSON.stringify(text)}`).toBe(expected);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('percent style: parseNumber gives percentage points, parsePercent the fraction', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LOCALES), fc.double({ min: -100, max: 100, noNaN: true }), fc.integer({ min: 0, max: 6 }), (locale, v, digits) => {
        const text = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: digits }).format(v);
        const points = new Intl.NumberFormat('en-US', {
          style: 'percent',
          maximumFractionDigits: digits,
          useGrouping: false,
        })
          .format(v)
          .replace('%', '');
        const expectedPoints = Number(points) + 0;
        const expectedFraction = Number(`${points}e-2`) + 0;
        expect(parseNumber(text, { locale }), JSON.stringify(text)).toBe(expectedPoints);
        expect(parsePercent(text, { locale }), JSON.stringify(text)).toBe(expectedFraction);
      }),
      { numRuns: 1000 },
    );
  });

  it('reads JavaScript number strings, exponent form included', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (v) => {
        expect(parseNumber(String(v))).toBe(v + 0);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('parseNumber never returns NaN, ±Infinity or −0', () => {
  const numberish = fc.string({
    unit: fc.constantFrom(
      ...'0123456789.,-+ ()$%×xKkMBTe'.split(''),
      '\u00a0',
      '\u202f',
      '\u2009',
      '\u200a',
      '\u2212',
      '₀',
      '₄',
      '₉',
      "'",
      '’',
      'USDT',
      '万',
      '٫',
      '١',
      '>',
      '—',
    ),
    maxLength: 30,
  });

  it.each([
    ['number-like strings', numberish],
    ['any string', fc.string()],
    ['any unicode string', fc.string({ unit: 'grapheme' })],
    ['any code units', fc.string({ unit: 'binary' })],
  ])('%s', (_name, arbitrary) => {
    fc.assert(
      fc.property(arbitrary, fc.constantFrom(undefined, ...LOCALES), (text, locale) => {
        const opts = locale === undefined ? undefined : { locale };
        return isCleanResult(parseNumber(text, opts)) && isCleanResult(parsePercent(text, opts));
      }),
      { numRuns: 2000 },
    );
  });
});
