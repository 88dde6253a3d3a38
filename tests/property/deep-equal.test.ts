import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deepEqual } from './deep-equal';
import { runs } from './runs';

// deepEqual stands in for node:util isDeepStrictEqual in the page properties (they also run in a
// browser page): on plain data both must answer the same.

/** Few leaves and keys, so that two independent values are often equal or nearly so. */
const small = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('leaf'), tie('array'), tie('object'), tie('bare')),
  leaf: fc.constantFrom<unknown>(0, -0, 1, NaN, '', '0', 'a', null, undefined, true, false),
  array: fc.array(tie('value'), { maxLength: 3 }),
  object: fc.dictionary(fc.constantFrom('a', 'b', 'c'), tie('value'), { maxKeys: 3 }),
  bare: fc.dictionary(fc.constantFrom('a', 'b'), tie('value'), { maxKeys: 2, noNullPrototype: false }),
})).value;

/** Sets an own data property, "__proto__" included. */
const put = (o: object, k: string, v: unknown): void => void Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });

function copy(v: unknown): unknown {
  if (Array.isArray(v)) {
    const out: unknown[] = new Array<unknown>(v.length);
    for (const k of Object.keys(v)) put(out, k, copy((v as unknown as Record<string, unknown>)[k]));
    return out;
  }
  if (v !== null && typeof v === 'object') {
    const out = Object.create(Object.getPrototypeOf(v) as object | null) as object;
    for (const [k, x] of Object.entries(v)) put(out, k, copy(x));
    return out;
  }
  return v;
}

const plain = fc.anything({
  withNullPrototype: true,
  withSparseArray: true,
  withBoxedValues: false,
  withMap: false,
  withSet: false,
  withDate: false,
  withTypedArray: false,
  maxDepth: 3,
});

describe('deepEqual', () => {
  it('answers as isDeepStrictEqual on two small plain values', () => {
    fc.assert(
      fc.property(small, small, (a, b) => deepEqual(a, b) === isDeepStrictEqual(a, b)),
      { numRuns: runs() * 5 },
    );
  });

  it('answers as isDeepStrictEqual on a plain value and its copy, or a copy with one key changed', () => {
    fc.assert(
      fc.property(plain, fc.nat(), fc.constantFrom<unknown>(undefined, null, -0, 0, NaN, 'x', [], {}), (v, pick, to) => {
        const c = copy(v);
        if (deepEqual(v, c) !== isDeepStrictEqual(v, c)) return false;
        if (c !== null && typeof c === 'object') {
          const keys = Object.keys(c);
          const key = keys.length ? (keys[pick % keys.length] ?? 'k') : 'k';
          put(c, key, to);
        }
        return deepEqual(v, c) === isDeepStrictEqual(v, c);
      }),
      { numRuns: runs() * 5 },
    );
  });

  it('tells null from undefined and a key with undefined from no key', () => {
    expect(deepEqual({ a: null }, { a: undefined })).toBe(false);
    expect(deepEqual({ a: undefined }, {})).toBe(false);
    expect(deepEqual({}, { a: undefined })).toBe(false);
    expect(deepEqual([undefined], [])).toBe(false);
    expect(deepEqual(0, -0)).toBe(false);
    expect(deepEqual(NaN, NaN)).toBe(true);
    expect(deepEqual({ a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] })).toBe(true);
  });

  it('refuses what is not plain data', () => {
    expect(() => deepEqual(new Date(0), new Date(0))).toThrow(/plain/);
  });
});
