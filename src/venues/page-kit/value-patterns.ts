// Reading a positions row when its header captions are not recognised (a language no dictionary
// covers): cells are classified by the SHAPE of their text, and entry and mark are told apart by
// the one relation the page itself guarantees — the unrealised PnL it prints is s·size·(mark − entry).
// Nothing here can identify a liquidation price: a reader in this mode leaves it null.
import { foldText, localeSeparators } from '../../core/number-chars';
import { parseNumber } from '../../core/numbers';
import type { Side } from '../../core/types';

/** A number as a cell shows it, with the places it was rounded to (for tolerances). */
export interface ShownNumber {
  value: number;
  /** Decimal places as written: "60,000.12" → 2, "0.500" → 3, "59.000,00" (de) → 2. */
  decimals: number;
}

export type CellValue =
  | { kind: 'empty' }
  /** A bare number: a price, or a size shown without its unit. */
  | ({ kind: 'number' } & ShownNumber)
  /**
   * A number with a coin unit ("0.500 BTC", "1,475.00 USDT (Isolated)", "+500.06 USDT (+33.90%)",
   * "120,000 kPEPE"): upper case, after at most one lower-case prefix letter (Hyperliquid's k-coins).
   */
  | ({ kind: 'amount'; unit: string; tail: string } & ShownNumber)
  | { kind: 'percent' }
  | { kind: 'text'; text: string };

const EMPTY = /^(?:|-+|—|–|N\/A|n\/a)$/;
/** A signed number with grouping (',' '.' "'" or a space before three digits); text already folded. */
const NUMBER_CORE = String.raw`[-+]?\s?\d(?:[\d.,']|\s(?=\d{3}(?!\d)))*`;
const PERCENT = new RegExp(String.raw`^\(?${NUMBER_CORE}\s?%\)?$`);
const BARE = new RegExp(String.raw`^${NUMBER_CORE}$`);
const AMOUNT = new RegExp(String.raw`^(${NUMBER_CORE})\s?([a-z]?[A-Z][A-Z0-9]{1,11})(?:\s+(.*))?$`);
const FIRST_NUMBER = /\d(?:[\d.,']|\s(?=\d{3}(?!\d)))*/;

/** Decimal places of the first number in `text`, reading ',' and '.' as the locale does. */
export function shownDecimals(text: string, locale: string): number {
  const run = FIRST_NUMBER.exec(foldText(text))?.[0] ?? '';
  const decimal = localeSeparators(locale)?.decimal ?? '.';
  const at = run.lastIndexOf(decimal);
  if (at < 0) {
    // "61234.5" on a German page: a lone '.' followed by other than three digits is a decimal point.
    const other = decimal === ',' ? '.' : ',';
    const o = run.lastIndexOf(other);
    const after = o < 0 ? '' : run.slice(o + 1);
    return o >= 0 && run.indexOf(other) === o && !/^\d{3}$/.test(after) ? after.length : 0;
  }
  return run.length - at - 1;
}

/** Classifies one cell's visible text. Never throws. */
export function classifyCell(raw: string, locale: string): CellValue {
  const text = foldText(raw).replace(/\s+/g, ' ').trim();
  if (EMPTY.test(text)) return { kind: 'empty' };
  if (PERCENT.test(text)) return { kind: 'percent' };
  const shown = (part: string): ShownNumber | null => {
    const value = parseNumber(part, { locale });
    return value === null ? null : { value, decimals: shownDecimals(part, locale) };
  };
  if (BARE.test(text)) {
    const n = shown(text);
    return n ? { kind: 'number', ...n } : { kind: 'text', text };
  }
  const m = AMOUNT.exec(text);
  if (m?.[1] && m[2]) {
    const n = shown(m[1]);
    if (n) return { kind: 'amount', ...n, unit: m[2], tail: m[3] ?? '' };
  }
  return { kind: 'text', text };
}

export interface EntryMarkSolution {
  size: number;
  entry: number;
  mark: number;
}

const ulp = (n: ShownNumber): number => 10 ** -n.decimals;

/**
 * Finds which of the candidate numbers are the size, the entry and the mark from the printed PnL:
 * s·size·(mark − entry) must equal it within the rounding of the four figures as shown. Returns
 * null when nothing fits or when fits disagree (say a break-even price as close to the entry as
 * the rounding): a wrong entry is worse than none.
 */
export function solveEntryMark(side: Side, pnl: ShownNumber, sizes: readonly ShownNumber[], prices: readonly ShownNumber[]): EntryMarkSolution | null {
  const s = side === 'long' ? 1 : -1;
  let found: EntryMarkSolution | null = null;
  for (const q of sizes) {
    const size = Math.abs(q.value);
    if (!(size > 0)) continue;
    for (const e of prices) {
      if (e === q || !(e.value > 0)) continue;
      for (const m of prices) {
        if (m === q || m === e || !(m.value > 0)) continue;
        const move = m.value - e.value;
        const tolerance = (size * (ulp(e) + ulp(m)) + ulp(pnl) + ulp(q) * Math.abs(move)) / 2 + 1e-9 * (Math.abs(pnl.value) + 1);
        if (Math.abs(s * size * move - pnl.value) > tolerance * 1.01) continue;
        const fit = { size, entry: e.value, mark: m.value };
        if (found && (found.size !== fit.size || found.entry !== fit.entry || found.mark !== fit.mark)) return null;
        found = fit;
      }
    }
  }
  return found;
}

/** Colours (as "r,g,b") a venue paints long and short rows with. */
export interface SidePalette {
  long: readonly string[];
  short: readonly string[];
}

const HEX = /#([0-9a-f]{6}|[0-9a-f]{3})(?![0-9a-f])/gi;
const RGB = /rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})/gi;

function coloursIn(style: string): string[] {
  const out: string[] = [];
  for (const m of style.matchAll(HEX)) {
    const hex = m[1] ?? '';
    const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
    out.push([0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)).join(','));
  }
  for (const m of style.matchAll(RGB)) out.push(`${Number(m[1])},${Number(m[2])},${Number(m[3])}`);
  return out;
}

/**
 * The side an element's INLINE colours say (its own `style` attribute and its descendants'), or
 * null when none of the palette's colours appears, or 'conflict' when both do. Only inline styles
 * are read: computed style would force layout on every parse.
 */
export function sideFromInlineColour(el: Element, palette: SidePalette): Side | 'conflict' | null {
  let long = false;
  let short = false;
  const styled = el.hasAttribute('style') ? [el, ...Array.from(el.querySelectorAll('[style]'))] : Array.from(el.querySelectorAll('[style]'));
  for (const node of styled) {
    for (const c of coloursIn(node.getAttribute('style') ?? '')) {
      if (palette.long.includes(c)) long = true;
      if (palette.short.includes(c)) short = true;
    }
  }
  if (long && short) return 'conflict';
  return long ? 'long' : short ? 'short' : null;
}

// A price as the venues print one: an unsigned number, at most behind a dollar sign ("$56,300.50").
const PRICE = new RegExp(String.raw`^\$?\s?\d(?:[\d.,']|\s(?=\d{3}(?!\d)))*$`);

/**
 * A cell's price, or null when its text is not shaped like one. A column whose caption says "price"
 * but that holds a percentage ("1.23%"), an amount with its unit ("150.00 USDT") or a signed figure
 * ("+500.06") is another figure under a wrong or shifted caption: reading it as a price would give a
 * silently wrong liquidation distance, so it is "not read" instead.
 */
export function priceIn(raw: string, locale: string): number | null {
  const text = foldText(raw).replace(/\s+/g, ' ').trim();
  if (!PRICE.test(text)) return null;
  return parseNumber(text.replace(/^\$\s?/, ''), { locale });
}
