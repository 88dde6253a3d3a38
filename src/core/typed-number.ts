import { localeSeparators } from './number-chars';

/**
 * A number a trader typed into a form: "0.5", "0,5" (a decimal comma), "1 500.25". A single comma
 * with no point is a decimal comma, unless exactly three digits follow it ("1,000"), which is read as
 * the trader's locale writes numbers (a thousands separator in English, a decimal comma in German).
 * Returns undefined for an empty field and NaN for anything else that is not a plain number, so the
 * form says what is wrong instead of guessing.
 */
export function typedNumber(text: string, locale: string): number | undefined {
  const t = text.trim().replace(/[\s\u00a0\u202f]/g, '');
  if (t === '') return undefined;
  let plain = t;
  const commas = (t.match(/,/g) ?? []).length;
  if (commas === 1 && !t.includes('.')) {
    const after = t.length - t.indexOf(',') - 1;
    const decimalComma = after !== 3 || localeSeparators(locale)?.decimal === ',';
    plain = decimalComma ? t.replace(',', '.') : t.replace(',', '');
  } else if (commas > 0 && t.includes('.')) {
    // "1,234.5": commas group thousands before a decimal point.
    plain = /^\d{1,3}(?:,\d{3})+\.\d*$/.test(t) ? t.replace(/,/g, '') : 'NaN';
  } else if (commas > 1) {
    plain = /^\d{1,3}(?:,\d{3})+$/.test(t) ? t.replace(/,/g, '') : 'NaN';
  }
  return /^[+-]?(?:\d+\.?\d*|\.\d+)$/.test(plain) ? Number(plain) : Number.NaN;
}
