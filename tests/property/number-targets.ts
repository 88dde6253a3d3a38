import fc from 'fast-check';
import { parseNumber } from '../../src/core/numbers';
import { fail, type Target } from './target';

// parseNumber against Intl.NumberFormat: the reference value is rebuilt from formatToParts (the
// digits Intl says it wrote), never from parseNumber's own grammar.

/** Locales whose digits parseNumber folds (ASCII, Arabic-Indic, Extended Arabic-Indic). */
const LOCALES = [
  'en-US',
  'en-GB',
  'de-DE',
  'fr-FR',
  'ru-RU',
  'ja-JP',
  'en-IN',
  'hi-IN',
  'de-CH',
  'ar-EG',
  'fa-IR',
  'es-ES',
  'it-IT',
  'pt-BR',
  'sv-SE',
  'pl-PL',
  'zh-CN',
  'ko-KR',
  'tr-TR',
  'uk-UA',
  'he-IL',
  'th-TH',
  'vi-VN',
  'id-ID',
  'nl-NL',
  'cs-CZ',
  'fi-FI',
  'nb-NO',
] as const;

/** Magnitude words parseNumber knows, by the compact form Intl writes; the rest (Mio., L, 兆…) are not claimed. */
const COMPACT: Record<string, { locales: readonly string[]; max: number }> = {
  latin: { locales: ['en-US', 'th-TH', 'he-IL'], max: 1e15 },
  cjk: { locales: ['zh-CN', 'ja-JP'], max: 1e12 },
};
const COMPACT_WORDS: Record<string, number> = { K: 3, M: 6, B: 9, T: 12, 万: 4, 亿: 8, 億: 8 };

const ZEROS = [0x30, 0x660, 0x6f0];
function asciiDigits(s: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    const zero = ZEROS.find((z) => code >= z && code <= z + 9);
    if (zero === undefined) return fail('unexpected digit from Intl', s);
    out += String(code - zero);
  }
  return out;
}

/** What Intl wrote, as a number: its integer, fraction and compact parts, and the sign of the input. */
function reference(parts: Intl.NumberFormatPart[], negative: boolean): number {
  let whole = '';
  let fraction = '';
  let exponent = 0;
  for (const p of parts) {
    if (p.type === 'integer') whole += asciiDigits(p.value);
    else if (p.type === 'fraction') fraction += asciiDigits(p.value);
    else if (p.type === 'compact') exponent = COMPACT_WORDS[p.value.trim()] ?? fail('compact word the property did not expect', p.value);
  }
  const v = Number(`${negative ? '-' : ''}${whole || '0'}.${fraction || '0'}e${exponent}`);
  return v === 0 ? 0 : v;
}

const SPACES = ['\u0020', '\u00a0', '\u202f', '\u2009', '\u2007'];
const MINUSES = ['-', '\u2212', '\u2013', '\ufe63', '\uff0d'];

/** Rewrites what the venues write differently from Intl: the grouping space and the minus sign. */
const respell = (parts: Intl.NumberFormatPart[], space: string, minus: string): string =>
  parts
    .map((p) => {
      if (p.type === 'group' && /\s/u.test(p.value)) return space;
      if (p.type === 'minusSign') return minus;
      return p.value;
    })
    .join('');

interface Formatted {
  text: string;
  expected: number;
  options: Intl.NumberFormatOptions;
  locale: string;
}

const formatOptions = fc.oneof(
  fc.record({
    style: fc.constant('decimal' as const),
    maximumFractionDigits: fc.integer({ min: 0, max: 8 }),
    useGrouping: fc.boolean(),
    signDisplay: fc.constantFrom('auto' as const, 'always' as const, 'exceptZero' as const),
  }),
  fc.record({
    style: fc.constant('currency' as const),
    currency: fc.constantFrom('USD', 'EUR', 'JPY', 'GBP', 'CHF', 'RUB', 'INR'),
    currencyDisplay: fc.constantFrom('symbol' as const, 'narrowSymbol' as const, 'code' as const),
    currencySign: fc.constantFrom('standard' as const, 'accounting' as const),
    signDisplay: fc.constantFrom('auto' as const, 'always' as const),
  }),
  fc.record({ style: fc.constant('percent' as const), maximumFractionDigits: fc.integer({ min: 0, max: 4 }) }),
);

const finiteValue = fc.oneof(
  fc.double({ min: -1e15, max: 1e15, noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }).map((cents) => cents / 100),
  fc.double({ min: -1, max: 1, noNaN: true }),
);

const formatted: fc.Arbitrary<Formatted> = fc
  .tuple(fc.constantFrom(...LOCALES), formatOptions, finiteValue, fc.constantFrom(...SPACES), fc.constantFrom(...MINUSES))
  .map(([locale, options, value, space, minus]) => {
    const parts = new Intl.NumberFormat(locale, options).formatToParts(value);
    const negative = value < 0 || Object.is(value, -0);
    return { text: respell(parts, space, minus), expected: reference(parts, negative), options, locale };
  });

const compactFormatted: fc.Arbitrary<Formatted> = fc
  .constantFrom(...Object.values(COMPACT))
  .chain(({ locales, max }) =>
    fc.tuple(
      fc.constantFrom(...locales),
      fc.double({ min: -max * 0.9, max: max * 0.9, noNaN: true }),
      fc.integer({ min: 0, max: 3 }),
      fc.constantFrom(...MINUSES),
    ),
  )
  .map(([locale, value, digits, minus]) => {
    const options: Intl.NumberFormatOptions = { notation: 'compact', maximumFractionDigits: digits };
    const parts = new Intl.NumberFormat(locale, options).formatToParts(value);
    return { text: respell(parts, ' ', minus), expected: reference(parts, value < 0 || Object.is(value, -0)), options, locale };
  });

/** Units and tickers the readers leave in cells around numbers. */
const decorated = fc
  .tuple(formatted, fc.constantFrom('', ' USDT', ' BTC', ' USDC', 'x', '×', ' ETH'), fc.constantFrom('', '≈ ', '~', '> '))
  .filter(([f]) => f.options.style === 'decimal')
  .map(([f, suffix, prefix]) => ({ ...f, text: `${prefix}${f.text}${suffix}` }));

/** parseNumber's documented refusal: a sign right after a letter is a hyphen ('BTC-5', 'CHF-12'), unreadable. */
const signAfterLetter = (text: string): boolean => /\p{L}[+\-\u2212\u2013\ufe63\uff0d]/u.test(text);

function checkFormatted(f: Formatted): void {
  const got = parseNumber(f.text, { locale: f.locale });
  if (signAfterLetter(f.text)) {
    if (got !== null) fail(`parseNumber(${JSON.stringify(f.text)}, ${f.locale}) = ${String(got)}: a sign after a letter must be refused`);
    return;
  }
  if (!Object.is(got, f.expected)) fail(`parseNumber(${JSON.stringify(f.text)}, ${f.locale}) = ${String(got)}, Intl wrote ${f.expected}`, f.options);
}

const NUMBERISH = [..."0123456789.,'-+ eE%KkMBT()$€₀₄₁万亿", '\u00a0', '\u202f', '\u2212', '\u200e', '١', '٫', '٬'];

const anyText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(...NUMBERISH), maxLength: 30 }),
  fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e400', '-1e400', '9'.repeat(400), '1e-400', '0.0₉₉₉₉1', '--', '—', '', '-0', '(0)', '0e999999999'),
);
const anyLocale = fc.option(fc.oneof(fc.constantFrom(...LOCALES, 'xx', 'not a locale', '', 'de-DE-u-nu-arab', 'en-u-nu-deva'), fc.string({ maxLength: 12 })), {
  nil: undefined,
});

const digitRun = (min: number, max: number): fc.Arbitrary<string> => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });

/**
 * The one reading a string of digit runs joined by '.' and ',' (both present) can have: the last
 * separator is the decimal, every earlier one the same other mark, a first group of 1–3 digits
 * without a leading zero, then groups of 3 (or, Indian lakh style, 2s ending in a 3). Else null.
 */
function groupedReading(runs: string[], seps: string[]): number | null {
  const decimal = seps[seps.length - 1];
  const groupSeps = seps.slice(0, -1);
  if (groupSeps.some((s) => s === decimal) || groupSeps.length === 0) return null;
  const groups = runs.slice(0, -1);
  const [first = '', ...rest] = groups;
  if (!/^[1-9]\d{0,2}$/.test(first)) return null;
  const last = rest[rest.length - 1];
  const middle = rest.slice(0, -1);
  const western = rest.every((g) => g.length === 3);
  const lakh = last?.length === 3 && middle.every((g) => g.length === 2) && first.length <= 2;
  if (!western && !lakh) return null;
  return Number(`${groups.join('')}.${runs[runs.length - 1]}`);
}

export const NUMBER_TARGETS: Target[] = [
  {
    name: 'parseNumber: Intl-formatted numbers read back exactly',
    property: () => fc.property(fc.oneof(formatted, decorated), checkFormatted),
  },
  {
    name: 'parseNumber: compact K/M/B/T and 万/亿/億 read back exactly',
    property: () => fc.property(compactFormatted, checkFormatted),
  },
  {
    name: 'parseNumber: digits it does not fold (Devanagari, Bengali) are not a number',
    property: () =>
      fc.property(fc.constantFrom('mr-IN', 'bn-BD', 'ne-NP'), fc.double({ min: -1e9, max: 1e9, noNaN: true }), (locale, value) => {
        const text = new Intl.NumberFormat(locale).format(value);
        if (/[0-9]/.test(text)) return;
        const got = parseNumber(text, { locale });
        if (got !== null) fail(`parseNumber(${JSON.stringify(text)}) = ${got}, expected null`);
      }),
  },
  {
    name: 'parseNumber: any text gives a finite number or null, never throws, never -0',
    property: () =>
      fc.property(anyText, anyLocale, (text, locale) => {
        const got = locale === undefined ? parseNumber(text) : parseNumber(text, { locale });
        if (got === null) return;
        if (typeof got !== 'number' || !Number.isFinite(got) || Object.is(got, -0)) fail(`parseNumber(${JSON.stringify(text)}) = ${String(got)}`);
      }),
  },
  {
    name: 'parseNumber: mixed "." and "," are read only as grouping + decimal, else null',
    property: () =>
      fc.property(
        fc.array(fc.tuple(digitRun(1, 4), fc.constantFrom('.', ',')), { minLength: 2, maxLength: 5 }),
        digitRun(1, 4),
        fc.option(fc.constantFrom('en-US', 'de-DE', 'fr-FR', 'de-CH', 'en-IN'), { nil: undefined }),
        (pairs, tail, locale) => {
          const seps = pairs.map(([, s]) => s);
          fc.pre(seps.includes('.') && seps.includes(','));
          const runs = [...pairs.map(([d]) => d), tail];
          const text = pairs.map(([d, s]) => d + s).join('') + tail;
          const want = groupedReading(runs, seps);
          const got = locale === undefined ? parseNumber(text) : parseNumber(text, { locale });
          if (!Object.is(got, want === 0 ? 0 : want))
            fail(`parseNumber(${JSON.stringify(text)}, ${String(locale)}) = ${String(got)}, expected ${String(want)}`);
        },
      ),
  },
];
