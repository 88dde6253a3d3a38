// Pages write the same number with many look-alike characters (NBSP and thin spaces for grouping,
// U+2212 for minus, fullwidth or Arabic-Indic digits, bidi marks around signs). Folding them into
// a small ASCII alphabet first keeps the parser's grammar short.

const INVISIBLE = /[\u00AD\u061C\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/u;
const MINUS = /[\u2012\u2013\u2212\u2796\uFE63\uFF0D]/u;
const PLUS = /[\uFE62\uFF0B]/u;
const APOSTROPHE = /[\u2019\u02BC\u2032\uFF07]/u;

const DIGIT_ZEROS = [0xff10, 0x0660, 0x06f0] as const;

function foldDigit(code: number): string | null {
  for (const zero of DIGIT_ZEROS) {
    if (code >= zero && code <= zero + 9) return String(code - zero);
  }
  return null;
}

/** Folds one character; '' drops it. Spaces become ' ', apostrophes "'", minus signs '-'. */
export function foldChar(ch: string): string {
  if (INVISIBLE.test(ch)) return '';
  if (/\s/u.test(ch)) return ' ';
  if (MINUS.test(ch)) return '-';
  if (PLUS.test(ch)) return '+';
  if (APOSTROPHE.test(ch)) return "'";
  const digit = foldDigit(ch.codePointAt(0) ?? 0);
  if (digit !== null) return digit;
  switch (ch) {
    case '\uFF0E':
    case '\u066B':
      return '.';
    case '\uFF0C':
    case '\u066C':
      return ',';
    case '\uFF05':
    case '\u066A':
      return '%';
    default:
      return ch;
  }
}

export function foldText(text: string): string {
  let out = '';
  for (const ch of text) out += foldChar(ch);
  return out;
}

export interface Separators {
  decimal: string;
  group: string;
}

const separatorCache = new Map<string, Separators | null>();

/** Decimal and grouping characters Intl uses for a locale (folded); null for an unknown locale. */
export function localeSeparators(locale: string): Separators | null {
  const cached = separatorCache.get(locale);
  if (cached !== undefined) return cached;
  let result: Separators | null = null;
  try {
    const parts = new Intl.NumberFormat(locale, { useGrouping: true }).formatToParts(1234567.5);
    const decimal = parts.find((part) => part.type === 'decimal')?.value;
    const group = parts.find((part) => part.type === 'group')?.value;
    if (decimal !== undefined) {
      result = { decimal: foldText(decimal), group: group === undefined ? '' : foldText(group) };
    }
  } catch {
    result = null;
  }
  separatorCache.set(locale, result);
  return result;
}

const SUBSCRIPT_ZERO = 0x2080;

/** Value of a subscript digit ₀–₉, or null. */
export function subscriptDigit(ch: string): number | null {
  const code = ch.codePointAt(0) ?? 0;
  return code >= SUBSCRIPT_ZERO && code <= SUBSCRIPT_ZERO + 9 ? code - SUBSCRIPT_ZERO : null;
}
