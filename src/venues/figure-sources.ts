import { QUOTE_FIGURES, type MarketQuote, type QuoteFigure } from './market-types';

/**
 * `MarketQuote.figureSources` from the endpoint each figure is read from. Every figure must be named,
 * so none is forgotten: null where the venue's answers carry no such figure at all. A null figure is
 * dropped, since it came from nowhere.
 */
export function figureSources(
  figures: Readonly<Pick<MarketQuote, QuoteFigure>>,
  sourceOf: Readonly<Record<QuoteFigure, string | null>>,
): Partial<Record<QuoteFigure, string>> {
  const out: Partial<Record<QuoteFigure, string>> = {};
  for (const figure of QUOTE_FIGURES) {
    const source = sourceOf[figure];
    if (figures[figure] !== null && source !== null) out[figure] = source;
  }
  return out;
}
