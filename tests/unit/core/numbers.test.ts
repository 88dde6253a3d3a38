import { describe, expect, it } from 'vitest';
import { parseNumber, parsePercent } from '../../../src/core';

describe('parseNumber — cell texts from pages.md', () => {
  it.each([
    // GMX
    ['$ 10,000.00', 10_000],
    ['$ 412.37 +$ 12.37 (+3.09%)', 412.37],
    ['$ 63,250.12', 63_250.12],
    ['$\u200a1,234.56', 1234.56],
    // hair and thin spaces as thousands separators (pages.md, "Number formats")
    ['1\u200a234\u200a567,89', 1_234_567.89],
    ['1\u2009234,5', 1234.5],
    ['25.00x', 25],
    // dYdX
    ['5.00×', 5],
    ['\u22120.0100', -0.01],
    ['\u2212$12.34 \u22122%', -12.34],
    ['\u2212$0.12', -0.12],
    ['$61,234', 61_234],
    ['61234.5 USD', 61_234.5],
    ['1e-7', 1e-7],
    ['2.5E+3', 2500],
    // Hyperliquid
    ['ETH  20x', 20],
    ['9.3792 ETH', 9.3792],
    ['29,481.64 USDC', 29_481.64],
    ['3,438.8', 3438.8],
    ['+$2,771.75 (+171.9%)', 2771.75],
    ['$1,474.08 (Cross)', 1474.08],
    // OKX / Binance style
    ['-0.5 BTC', -0.5],
    ['+12.5 USDT', 12.5],
    ['BTC 1,234.56', 1234.56],
    // Decorations
    ['>1000', 1000],
    ['< 0.01', 0.01],
    ['1.2K', 1200],
    ['1.1k', 1100],
    ['3.5M USDT', 3_500_000],
    ['2B', 2_000_000_000],
    ['1.2 M', 1_200_000],
    ['1.2万', 12_000],
    ['$0.0₄123', 0.0000123],
    ['0.0₁₂5', 5e-13],
    ['(12.34)', -12.34],
    ['($1,234.50)', -1234.5],
    ['(+3.09%)', 3.09],
    ['(-3.09%)', -3.09],
    ['2.5%', 2.5],
    ['.5', 0.5],
    ['0', 0],
    ['-0', 0],
    ['007', 7],
    // Whitespace flavours
    ['1\u00a0234,56', 1234.56],
    ['1\u202f234,56', 1234.56],
    ['1\u2009234.5', 1234.5],
    ['  42  ', 42],
    // Inference without a locale
    ['1,234.56', 1234.56],
    ['1.234,56', 1234.56],
    ['1,234', 1234],
    ['1,234,567', 1_234_567],
    ['1.234.567', 1_234_567],
    ['1,5', 1.5],
    ['0,123', 0.123],
    ['12,34', 12.34],
    ['1.234', 1.234],
    ["1'234'567.5", 1_234_567.5],
    ['12,34,567.89', 1_234_567.89],
    // Fullwidth and Arabic-Indic digits
    ['１２３．５', 123.5],
    ['\u061c-\u0661\u066c\u0662\u0663\u0664\u066b\u0665', -1234.5],
  ])('%j → %d', (text, expected) => {
    expect(parseNumber(text)).toBe(expected);
  });

  it.each([
    '',
    '   ',
    '--',
    '—',
    '-',
    '–',
    'N/A',
    'abc',
    '∞',
    'Infinity',
    'NaN',
    '1e400',
    '-1e400',
    '1.2.3',
    '1,2,3',
    '12-',
    '5..5',
    'BTC-USDT 5',
    'BTC/USD 25.00x Long',
    '-- / 61000',
    '+-5',
    '12abcdefgh',
    'H₂O',
    '₄5',
  ])('%j → null', (text) => {
    expect(parseNumber(text)).toBeNull();
  });
});

describe('parseNumber — with a page locale', () => {
  it.each([
    ['1,5', 'de-DE', 1.5],
    ['1.234', 'de-DE', 1234],
    ['1.234,56', 'de-DE', 1234.56],
    ['-1.234,50 $', 'de-DE', -1234.5],
    ['2,5 %', 'de-DE', 2.5],
    ['1 234,56', 'fr-FR', 1234.56],
    ['(1 234,50 $US)', 'fr-FR', -1234.5],
    ['1 234 567,891', 'ru-RU', 1_234_567.891],
    ['1,234', 'en-US', 1234],
    ['-US$1,234.50', 'zh-CN', -1234.5],
    ['￥1,235', 'ja-JP', 1235],
    ["$-1'234.50", 'de-CH', -1234.5],
    ['\u22121 234,5', 'sv-SE', -1234.5],
    // Text that does not fit the locale falls back to inference (raw values in attributes).
    ['61234.5', 'de-DE', 61_234.5],
    ['1,234.56', 'de-DE', 1234.56],
    ['1.5', 'de-DE', 1.5],
    ['1,5', 'en-US', 1.5],
    // An unknown locale is ignored.
    ['1,234.5', 'not a locale!', 1234.5],
  ])('%j in %s → %d', (text, locale, expected) => {
    expect(parseNumber(text, { locale })).toBe(expected);
  });
});

describe('parsePercent', () => {
  it.each([
    ['2.5%', 0.025],
    ['0.07%', 0.0007],
    ['-0.0100%', -0.0001],
    ['+171.9%', 1.719],
    ['3‰', 0.003],
    ['2.5', 0.025],
    ['١٢٫٥٪', 0.125],
  ])('%j → %d (exact decimal shift)', (text, expected) => {
    expect(parsePercent(text)).toBe(expected);
  });

  it('reads the locale and rejects non-numbers', () => {
    expect(parsePercent('2,5\u00a0%', { locale: 'de-DE' })).toBe(0.025);
    expect(parsePercent('--')).toBeNull();
  });
});
