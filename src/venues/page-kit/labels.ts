// Header captions vary in case, spacing, punctuation and unit tails ("Size (BTC)", "PNL (ROE %)",
// "Liq. Price", "仓位数量（BTC）"). Normalising them first lets one synonym cover every variant.
export function normalizeLabel(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\([^)]*\)|\[[^\]]*\]/g, '')
    .replace(/[\s.:·•*\u00a0\u200b-\u200f]/g, '')
    .trim();
}

/** Said with rows read without recognised captions, by the shapes of their values. */
export const NOTE_PATTERNS = 'captions not recognised: read by value patterns';

/** Column meanings a positions table can have; each venue maps its captions onto these. */
export const COLUMN_KEYS = ['symbol', 'side', 'size', 'value', 'entry', 'mark', 'liq', 'margin', 'marginRatio', 'pnl', 'leverage', 'mode', 'funding'] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];

export type ColumnDictionary = Partial<Record<ColumnKey, readonly string[]>>;

// A dictionary is a venue's constant: its normalised lookup is built once, not on every read.
const lookups = new WeakMap<ColumnDictionary, ReadonlyMap<string, ColumnKey>>();
function lookupFor(dictionary: ColumnDictionary): ReadonlyMap<string, ColumnKey> {
  let lookup = lookups.get(dictionary);
  if (!lookup) {
    const built = new Map<string, ColumnKey>();
    for (const key of COLUMN_KEYS) for (const syn of dictionary[key] ?? []) built.set(normalizeLabel(syn), key);
    lookups.set(dictionary, (lookup = built));
  }
  return lookup;
}

/**
 * Maps header captions to column keys through a synonym dictionary — never by position, since venues
 * let users hide and reorder columns. Synonyms are compared normalised; the first match wins, and a
 * key is never mapped twice.
 */
export function mapColumns(headers: readonly string[], dictionary: ColumnDictionary): Partial<Record<ColumnKey, number>> {
  const lookup = lookupFor(dictionary);
  const out: Partial<Record<ColumnKey, number>> = {};
  headers.forEach((h, i) => {
    const key = lookup.get(normalizeLabel(h));
    if (key !== undefined && out[key] === undefined) out[key] = i;
  });
  return out;
}

/**
 * A first row of captions in a language no dictionary covers: several cells and no digit in any.
 * Readers take it as the header when their own captions are not recognised, so a table in an
 * untranslated language is still found and its rows are checked by shape.
 */
export function looksLikeHeader(texts: readonly string[]): boolean {
  const filled = texts.filter((t) => t.trim() !== '');
  return filled.length >= 4 && filled.every((t) => !/\d/.test(t));
}
