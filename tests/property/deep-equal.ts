// Structural equality for the plain data the page properties compare (reads, positions, parsed
// JSON), with node:util isDeepStrictEqual's semantics for such data, so the same property runs in
// Node and in a browser page (scripts/fuzz.ts runs the page targets in Chromium):
// - primitives by Object.is (NaN equals NaN, 0 and -0 differ);
// - arrays and objects by own enumerable string keys: a key present with `undefined` differs from
//   an absent key, `null` differs from `undefined`;
// - an array never equals a non-array, and both sides must have the same prototype.
// Anything that is not plain data (Date, Map, a class instance…) throws: it needs a real comparison.

const PLAIN: readonly (object | null)[] = [Object.prototype, Array.prototype, null];

export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const pa: object | null = Object.getPrototypeOf(a);
  const pb: object | null = Object.getPrototypeOf(b);
  if (!PLAIN.includes(pa) || !PLAIN.includes(pb)) throw new Error('deepEqual compares plain objects and arrays only');
  if (pa !== pb || Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b) && a.length !== b.length) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(rb, k)) return false;
    if (!deepEqual(ra[k], rb[k])) return false;
  }
  return true;
}
