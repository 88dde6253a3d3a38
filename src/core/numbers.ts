import { foldText, localeSeparators, subscriptDigit, type Separators } from './number-chars';

export interface ParseNumberOptions {
  /** BCP 47 tag of the page ('de-DE', 'fr-FR', …); decides which of ',' and '.' is the decimal. */
  locale?: string;
}

/*
 * Grammar, after folding look-alike characters (number-chars.ts):
 *
 *   prefix  number  [magnitude]  decorations  [')']  [tail]
 *
 * prefix:      spaces, one sign, '>' '<' '≥' '≤' '≈' '~', one '(', one '%' (Turkish writes '%12,5'),
 *              currency symbols, one run of 1–6 letters (ticker or 'US' of 'US$'). A sign right
 *              after a letter is a hyphen ('BTC-5'), not a sign, and makes the text unreadable.
 * number:      digits with grouping (',' '.' "'" or a space before exactly three digits; thousands
 *              1,234,567 or lakh 12,34,567, never a leading zero group nor a mix of the two), one
 *              decimal separator, subscript zeros ('0.0₄123' = 0.0000123), exponent ('1e-7').
 * magnitude:   K k M B T, 万 亿 億, directly or after one space, not followed by a letter.
 * decorations: spaces, '%', '‰', '×', currency symbols, runs of 1–6 letters (USDT, x, $US).
 * tail:        anything once a space has followed the number, or starting with '(', '/', '|', ',' or
 *              ';' — e.g. the '(+3.09%)' of a PnL cell or the ' −2%' after a PnL amount.
 *
 * Anything else makes the text "not a number" (null) rather than a guess.
 */

const PREFIX_TOKEN = /(\s+)|([+-])|([<>≤≥≈~])|(\()|(\p{Sc})|(\p{L}{1,6}(?!\p{L}))|(%)/uy;
const MAGNITUDE = /\s?([KkMBT万亿億])(?!\p{L})/uy;
const DECORATION = /(\s+)|(%)|(‰)|(×)|(\p{Sc})|(\p{L}{1,6}(?!\p{L}))/uy;
const CLOSING_PAREN = /\s*\)/y;
const TAIL_START = /^[\s(/|,;]/u;

const MAGNITUDE_EXPONENT: Record<string, number> = { K: 3, k: 3, M: 6, B: 9, T: 12, 万: 4, 亿: 8, 億: 8 };
const MAX_SUBSCRIPT_ZEROS = 1000;
const MAX_EXPONENT = 100_000;

interface Prefix {
  negative: boolean;
  openParen: boolean;
  percent: boolean;
}

function readPrefix(prefix: string): Prefix | null {
  let signs = 0;
  let parens = 0;
  let words = 0;
  let percents = 0;
  let negative = false;
  PREFIX_TOKEN.lastIndex = 0;
  while (PREFIX_TOKEN.lastIndex < prefix.length) {
    const at = PREFIX_TOKEN.lastIndex;
    const m = PREFIX_TOKEN.exec(prefix);
    if (m === null) return null;
    if (m[2] !== undefined) {
      if (++signs > 1) return null;
      if (at > 0 && /\p{L}/u.test(prefix.charAt(at - 1))) return null;
      negative = m[2] === '-';
    } else if (m[4] !== undefined) {
      if (++parens > 1) return null;
    } else if (m[6] !== undefined) {
      if (++words > 1) return null;
    } else if (m[7] !== undefined) {
      if (++percents > 1) return null;
    }
  }
  return { negative, openParen: parens === 1 && signs === 0, percent: percents === 1 };
}

const isDigit = (ch: string | undefined): boolean => ch !== undefined && ch >= '0' && ch <= '9';

/** Length of the number starting at `start`: digits, subscripts and separators that sit between digits. */
function scanNumber(s: string, start: number): number {
  let i = start;
  while (i < s.length) {
    const ch = s.charAt(i);
    if (isDigit(ch) || subscriptDigit(ch) !== null) {
      i++;
    } else if ((ch === '.' || ch === ',') && isDigit(s[i + 1])) {
      i++;
    } else if (ch === "'" && isDigit(s[i - 1]) && isDigit(s[i + 1])) {
      i++;
    } else if (
      ch === ' ' &&
      isDigit(s[i - 1]) &&
      isDigit(s[i + 1]) &&
      isDigit(s[i + 2]) &&
      isDigit(s[i + 3]) &&
      !isDigit(s[i + 4]) &&
      subscriptDigit(s.charAt(i + 4)) === null
    ) {
      i++;
    } else {
      break;
    }
  }
  return i - start;
}

/** Which character is the decimal separator when no locale decides it. */
function inferSeparators(core: string): Separators {
  const dots = core.split('.').length - 1;
  const commas = core.split(',').length - 1;
  if (dots > 0 && commas > 0) {
    return core.lastIndexOf('.') > core.lastIndexOf(',') ? { decimal: '.', group: ',' } : { decimal: ',', group: '.' };
  }
  const spaceGroup = core.includes("'") ? "'" : ' ';
  if (dots === 0 && commas === 0) return { decimal: '.', group: spaceGroup };
  const mark = dots > 0 ? '.' : ',';
  const otherMark = mark === '.' ? ',' : '.';
  if (dots + commas > 1) return { decimal: otherMark, group: mark };
  if (core.includes("'") || core.includes(' ')) return { decimal: mark, group: spaceGroup };
  if (mark === '.') return { decimal: '.', group: ',' };
  // A single comma: '1,234' is read as English grouping, '1,5' or '0,123' as a decimal comma.
  const [whole = '', fraction = ''] = core.split(',');
  const grouping = /^[1-9]\d{0,2}$/.test(whole) && /^\d{3}$/.test(fraction);
  return grouping ? { decimal: '.', group: ',' } : { decimal: ',', group: '.' };
}

/** Digits of the integer and fraction parts, or null when the separators do not fit `sep`. */
function splitNumber(core: string, sep: Separators): { whole: string; fraction: string } | null {
  const parts = core.split(sep.decimal);
  if (parts.length > 2) return null;
  const [rawWhole = '', fraction = ''] = parts;
  if (!/^[0-9\u2080-\u2089]*$/u.test(fraction)) return null;
  if (parts.length === 2 && fraction === '') return null;
  let whole = rawWhole;
  if (/[^0-9]/.test(rawWhole)) {
    const groups = rawWhole.split(sep.group);
    if (sep.group === '' || groups.length < 2) return null;
    const [first = '', ...rest] = groups;
    const middle = rest.slice(0, -1);
    // Thousands (1,234,567) or Indian lakh grouping (12,34,567): never a leading zero, never a mix.
    const thousands = /^[1-9]\d{0,2}$/.test(first) && rest.every((g) => /^\d{3}$/.test(g));
    const lakh = /^[1-9]\d?$/.test(first) && /^\d{3}$/.test(rest[rest.length - 1] ?? '') && middle.every((g) => /^\d{2}$/.test(g));
    if (!thousands && !lakh) return null;
    whole = groups.join('');
  }
  if (whole === '' && fraction === '') return null;
  return { whole, fraction };
}

/** '0₄' → '0000': the subscript counts the zeros written in place of that one zero. */
function expandSubscriptZeros(fraction: string): string | null {
  let out = '';
  let i = 0;
  const chars = [...fraction];
  while (i < chars.length) {
    const ch = chars[i] ?? '';
    if (subscriptDigit(ch) !== null) return null;
    const next = chars[i + 1];
    if (ch === '0' && next !== undefined && subscriptDigit(next) !== null) {
      let count = 0;
      let j = i + 1;
      for (let d = subscriptDigit(chars[j] ?? ''); d !== null; d = subscriptDigit(chars[j] ?? '')) {
        count = count * 10 + d;
        j++;
      }
      if (count > MAX_SUBSCRIPT_ZEROS) return null;
      out += '0'.repeat(count);
      i = j;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

interface Reading {
  negative: boolean;
  whole: string;
  fraction: string;
  exponent: number;
  percent: 0 | 2 | 3;
}

function read(text: string, opts: ParseNumberOptions | undefined): Reading | null {
  const s = foldText(text).trim();
  const firstDigit = s.search(/[0-9]/);
  if (firstDigit < 0) return null;
  const locale = opts?.locale === undefined ? null : localeSeparators(opts.locale);

  let start = firstDigit;
  const before = s.charAt(firstDigit - 1);
  if ((before === '.' || before === ',') && !isDigit(s[firstDigit - 2])) start = firstDigit - 1;

  const prefix = readPrefix(s.slice(0, start));
  if (prefix === null) return null;

  let end = start + scanNumber(s, start);
  const numberEnd = end;
  const core = s.slice(start, end);
  let exponent = 0;
  const exp = /^[eE]([+-]?\d+)/.exec(s.slice(end));
  if (exp?.[1] !== undefined) {
    exponent = Math.max(-MAX_EXPONENT, Math.min(MAX_EXPONENT, Number(exp[1])));
    end += exp[0].length;
  }

  const parts = (locale === null ? null : splitNumber(core, locale)) ?? splitNumber(core, inferSeparators(core));
  if (parts === null || /[^0-9]/.test(parts.whole)) return null;
  const fraction = expandSubscriptZeros(parts.fraction);
  if (fraction === null) return null;

  MAGNITUDE.lastIndex = end;
  const magnitude = MAGNITUDE.exec(s);
  if (magnitude !== null) {
    exponent += MAGNITUDE_EXPONENT[magnitude[1] ?? ''] ?? 0;
    end = MAGNITUDE.lastIndex;
  }

  let percent: 0 | 2 | 3 = prefix.percent ? 2 : 0;
  DECORATION.lastIndex = end;
  for (let m = DECORATION.exec(s); m !== null; m = DECORATION.exec(s)) {
    if (m[2] !== undefined && percent === 0) percent = 2;
    if (m[3] !== undefined && percent === 0) percent = 3;
    end = DECORATION.lastIndex;
  }

  CLOSING_PAREN.lastIndex = end;
  const closed = CLOSING_PAREN.exec(s) !== null;
  if (closed) end = CLOSING_PAREN.lastIndex;

  // Whatever follows the first space after the number is another value or a label: ignored.
  const tail = s.slice(end);
  if (tail !== '' && !TAIL_START.test(tail) && !/\s/u.test(s.slice(numberEnd, end))) return null;

  return {
    negative: prefix.negative || (prefix.openParen && closed),
    whole: parts.whole,
    fraction,
    exponent,
    percent,
  };
}

function toNumber(r: Reading, shift: number): number | null {
  const value = Number(`${r.negative ? '-' : ''}${r.whole || '0'}.${r.fraction || '0'}e${r.exponent + shift}`);
  if (!Number.isFinite(value)) return null;
  return value === 0 ? 0 : value;
}

/**
 * Reads a number as a page shows it ("$ 63,250.12", "−0.0100", "1.234,56 €", "5.00×",
 * "+$2,771.75 (+171.9%)", "$0.0₄123", "1.2K", "1e-7"); null when the text is not a number
 * ("--", "—", "", "N/A"). Never NaN, ±Infinity or −0.
 *
 * - A percentage is returned as written: "2.5%" → 2.5 (use parsePercent for the fraction).
 * - '>' / '<' prefixes are dropped: ">1000" → 1000.
 * - "(12.34)" with no sign inside is an accounting negative; "(+3.09%)" keeps its sign.
 * - With `locale`, its decimal and grouping characters are tried first; text that does not fit
 *   them (say a raw "61234.5" on a German page) falls back to inference: with both ',' and '.'
 *   the later one is the decimal; a lone '.' is a decimal; a lone ',' followed by exactly three
 *   digits groups thousands ("1,234" → 1234) and otherwise is a decimal ("1,5" → 1.5);
 *   repeated marks, spaces and apostrophes group.
 */
export function parseNumber(text: string, opts?: ParseNumberOptions): number | null {
  if (typeof text !== 'string') return null;
  const reading = read(text, opts);
  return reading === null ? null : toNumber(reading, 0);
}

/**
 * Reads a percentage as a fraction: "2.5%" → 0.025, "-0.0100%" → -0.0001, "3‰" → 0.003. Text
 * without a percent sign is taken as percentage points too ("2.5" → 0.025): call this only for
 * cells that show percentages. The decimal shift is exact (no 0.07/100 rounding noise).
 */
export function parsePercent(text: string, opts?: ParseNumberOptions): number | null {
  if (typeof text !== 'string') return null;
  const reading = read(text, opts);
  return reading === null ? null : toNumber(reading, -(reading.percent === 3 ? 3 : 2));
}
