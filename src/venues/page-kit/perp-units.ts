// The unit of a size (a header's "(USDT)", a cell's "0.500 BTC") and the size in base units it stands for.
import type { ReadContext } from '../page-reader-types';
import type { PerpPageConfig } from './perp-config';

/** The unit a header gives a column: "Size (USDT)" → USDT, "大小（BTC）" → BTC. */
export function headerUnit(caption: string): string | null {
  const m = /\(\s*([A-Z][A-Z0-9]{1,11})\s*\)/.exec(caption.normalize('NFKC'));
  return m?.[1] ?? null;
}

/** Unit written after a number in a cell ("0.500 BTC" → BTC). */
export function cellUnit(text: string): string | null {
  const m = /\d\s*([A-Z][A-Za-z0-9]{1,11}|张)(?![A-Za-z0-9])/.exec(text.normalize('NFKC'));
  return m?.[1] ?? null;
}

export interface SizeRead {
  size: number | null;
  problem: string | null;
  quote: boolean;
}

export function baseSize(value: number, unit: string | null, symbol: string | null, mark: number | null, ctx: ReadContext, cfg: PerpPageConfig): SizeRead {
  const abs = Math.abs(value);
  const assets = symbol ? cfg.assets(symbol) : null;
  if (unit === null || (assets && unit === assets.base)) return { size: abs, problem: null, quote: false };
  if (!assets || !symbol) return { size: null, problem: null, quote: false };
  if (unit === assets.quote) {
    // A size in the quote currency is the notional at the mark price (Binance "Size (USDT)"), so
    // base units are notional / mark: exact up to the rounding of the two figures as shown.
    if (mark === null || !(mark > 0)) return { size: null, problem: `size is shown in ${unit} and there is no readable mark price to convert it`, quote: true };
    return { size: abs / mark, problem: null, quote: true };
  }
  if (cfg.contractUnits.includes(unit)) {
    const cv = ctx.contractValue(symbol);
    if (cv === null) return { size: null, problem: 'size is in contracts and the contract value is unknown', quote: false };
    return { size: abs * cv, problem: null, quote: false };
  }
  return { size: null, problem: `size unit ${unit} is neither ${assets.base} nor ${assets.quote}`, quote: false };
}
