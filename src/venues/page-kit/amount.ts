import { parseNumber } from '../../core/numbers';

const PERCENT_GROUP = /\(\s*[-+\u2212]?[\d.,\s\u00a0\u202f]*[%\uff05]\s*\)/gu;
const LEADING_PERCENT = /^\s*[-+\u2212]?[\d.,\s\u00a0\u202f]*[%\uff05]\s*/u;

/**
 * The amount of a cell that may carry its percentage before or after it ("(+33.90%) +500.06 USDT",
 * "+$500.06 (+33.9%)"): the amount, never the percentage. A cell showing only the percentage (its
 * amount blank or unreadable) has no amount: null rather than the ROE read as dollars.
 */
export function amountIn(text: string, locale: string): number | null {
  const rest = text.replace(PERCENT_GROUP, ' ').replace(LEADING_PERCENT, '');
  return parseNumber(rest, { locale });
}
