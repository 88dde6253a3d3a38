import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { parseRequest, Request } from '../../src/protocol/messages';
import { fail, type Target } from './target';

// The request validator against the schema's own shape: valid requests are generated from the
// valibot schema tree (so a request type added to `Request` is covered without touching this file),
// and a small independent interpreter of that tree says what must be accepted.

interface Node {
  kind?: string;
  type: string;
  pipe?: Node[];
  entries?: Record<string, Node>;
  options?: unknown[];
  key?: string;
  literal?: unknown;
  wrapped?: Node;
  item?: Node;
  requirement?: unknown;
}

const ROOT = Request as unknown as Node;

const actions = (n: Node): Node[] => (n.pipe ?? []).filter((a) => a.kind === 'validation');
const action = (n: Node, type: string): Node | undefined => actions(n).find((a) => a.type === type);
const numberReq = (a: Node | undefined): number | undefined => (typeof a?.requirement === 'number' ? a.requirement : undefined);
const KNOWN_ACTIONS = new Set(['regex', 'finite', 'gt_value', 'max_length', 'integer', 'min_value', 'max_value']);

function unsupported(n: Node): never {
  return fail(
    `message-targets: valibot node "${n.type}" (actions ${actions(n)
      .map((a) => a.type)
      .join(',')}) is not modelled; extend message-targets.ts`,
  );
}

function checkActions(n: Node): void {
  for (const a of actions(n)) if (!KNOWN_ACTIONS.has(a.type)) unsupported(n);
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
const optionalEntry = (n: Node): boolean => n.type === 'optional';
const variantOptions = (n: Node): Node[] => (n.options ?? []) as Node[];
const picklist = (n: Node): unknown[] => n.options ?? [];

/** Whether `x` satisfies the schema node: the interpreter the validator is compared with. */
export function conforms(n: Node, x: unknown): boolean {
  checkActions(n);
  switch (n.type) {
    case 'string': {
      if (typeof x !== 'string') return false;
      const re = action(n, 'regex')?.requirement;
      const max = numberReq(action(n, 'max_length'));
      return (!(re instanceof RegExp) || re.test(x)) && (max === undefined || x.length <= max);
    }
    case 'number': {
      if (typeof x !== 'number' || Number.isNaN(x)) return false;
      if (action(n, 'finite') && !Number.isFinite(x)) return false;
      if (action(n, 'integer') && !Number.isInteger(x)) return false;
      const min = numberReq(action(n, 'min_value'));
      if (min !== undefined && x < min) return false;
      const max = numberReq(action(n, 'max_value'));
      if (max !== undefined && x > max) return false;
      const gt = numberReq(action(n, 'gt_value'));
      return gt === undefined || x > gt;
    }
    case 'unknown':
      return true;
    case 'boolean':
      return typeof x === 'boolean';
    case 'null':
      return x === null;
    case 'literal':
      return x === n.literal;
    case 'picklist':
      return picklist(n).includes(x);
    case 'nullable':
      return x === null || conforms(n.wrapped ?? unsupported(n), x);
    case 'optional':
      return x === undefined || conforms(n.wrapped ?? unsupported(n), x);
    case 'array': {
      if (!Array.isArray(x)) return false;
      const max = numberReq(action(n, 'max_length'));
      return (max === undefined || x.length <= max) && x.every((e) => conforms(n.item ?? unsupported(n), e));
    }
    case 'object':
    case 'strict_object': {
      if (!isObject(x)) return false;
      const entries = n.entries ?? {};
      for (const [k, e] of Object.entries(entries)) {
        const present = k in x;
        if (!present && !optionalEntry(e)) return false;
        if (present && !conforms(e, x[k])) return false;
      }
      if (n.type === 'strict_object') for (const k in x) if (!Object.hasOwn(entries, k)) return false;
      return true;
    }
    case 'variant': {
      if (!isObject(x)) return false;
      const key = n.key ?? unsupported(n);
      return variantOptions(n).some((o) => conforms(o.entries?.[key] ?? unsupported(o), x[key]) && conforms(o, x));
    }
    default:
      return unsupported(n);
  }
}

/** Values the node accepts. */
export function valid(n: Node): fc.Arbitrary<unknown> {
  checkActions(n);
  switch (n.type) {
    case 'string': {
      const re = action(n, 'regex')?.requirement;
      const max = numberReq(action(n, 'max_length'));
      if (re instanceof RegExp) return max === undefined ? fc.stringMatching(re) : fc.stringMatching(re).filter((s) => s.length <= max);
      return fc.string({ maxLength: max ?? 40 });
    }
    case 'unknown':
      return fc.jsonValue({ maxDepth: 2 });
    case 'number': {
      const gt = numberReq(action(n, 'gt_value'));
      if (action(n, 'integer')) return fc.integer({ min: numberReq(action(n, 'min_value')) ?? -(2 ** 31), max: 2 ** 31 });
      const finite = action(n, 'finite') !== undefined;
      const min = numberReq(action(n, 'min_value'));
      const max = numberReq(action(n, 'max_value'));
      return fc.double({
        noNaN: true,
        noDefaultInfinity: finite,
        ...(gt === undefined ? {} : { min: gt, minExcluded: true }),
        ...(min === undefined ? {} : { min }),
        ...(max === undefined ? {} : { max }),
      });
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'literal':
      return fc.constant(n.literal);
    case 'picklist':
      return fc.constantFrom(...picklist(n));
    case 'nullable':
      return fc.option(valid(n.wrapped ?? unsupported(n)), { nil: null });
    case 'optional':
      return valid(n.wrapped ?? unsupported(n));
    case 'array': {
      const max = numberReq(action(n, 'max_length'));
      return fc.array(valid(n.item ?? unsupported(n)), { maxLength: Math.min(max ?? 4, 4) });
    }
    case 'object':
    case 'strict_object': {
      const entries = n.entries ?? {};
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, e] of Object.entries(entries)) model[k] = valid(e);
      const requiredKeys = Object.keys(entries).filter((k) => !optionalEntry(entries[k] ?? unsupported(n)));
      return fc.record(model, { requiredKeys, noNullPrototype: true });
    }
    case 'variant':
      return fc.oneof(...variantOptions(n).map(valid));
    default:
      return unsupported(n);
  }
}

const WRONG_TYPES = fc.constantFrom<unknown>(null, 0, -1, 1.5, '', 'x', true, [], {}, Number.NaN, Number.POSITIVE_INFINITY);

/** Values the node refuses (never `undefined`: a missing key is a corruption of its own). */
export function invalid(n: Node): fc.Arbitrary<unknown> {
  checkActions(n);
  const otherwise = (arb: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> => fc.oneof(arb, WRONG_TYPES).filter((x) => x !== undefined && !conforms(n, x));
  switch (n.type) {
    case 'string': {
      const re = action(n, 'regex')?.requirement;
      return otherwise(
        fc
          .oneof(fc.string({ maxLength: 50 }), fc.constantFrom('', ' ', '../x', 'https://evil.example/', 'a'.repeat(41), 'BTC USDT', '\u0000'))
          .map((s) => (re instanceof RegExp && re.test(s) ? `${s}/` : s)),
      );
    }
    case 'number':
      return otherwise(fc.constantFrom<unknown>(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, -0, -1, '1', null, 1e-300));
    case 'picklist':
    case 'literal':
      return otherwise(
        fc.oneof(
          fc.string({ maxLength: 12 }),
          fc.constantFrom(...picklist(n).map((o) => `${String(o)} `), `${String(n.literal)}x`, String(n.literal).toUpperCase()),
        ),
      );
    case 'nullable':
    case 'optional':
      return invalid(n.wrapped ?? unsupported(n)).filter((x) => x !== null);
    case 'array': {
      const item = n.item ?? unsupported(n);
      const max = numberReq(action(n, 'max_length'));
      const tooLong = max === undefined ? [] : [fc.array(valid(item), { minLength: max + 1, maxLength: max + 1 })];
      // Any item is a valid `unknown`: only the length can be wrong (the items are checked one by one later).
      if (item.type === 'unknown') return tooLong.length ? otherwise(fc.oneof(...tooLong)) : otherwise(fc.constant(null));
      const badItem = fc.tuple(fc.array(valid(item), { maxLength: 3 }), invalid(item), fc.nat()).map(([xs, bad, at]) => {
        const out = [...xs];
        out.splice(at % (xs.length + 1), 0, bad);
        return out;
      });
      return otherwise(fc.oneof(badItem, ...tooLong));
    }
    case 'object':
    case 'strict_object':
      return fc.oneof(
        otherwise(fc.constant(null)),
        valid(n).chain((x) => corruptedObject(n, x)),
      );
    case 'variant': {
      const key = n.key ?? unsupported(n);
      return fc
        .oneof(
          ...variantOptions(n).map((o) =>
            valid(o).chain((x) =>
              fc.oneof(
                corruptedObject(o, x),
                invalid(o.entries?.[key] ?? unsupported(o)).map((k) => ({ ...(x as object), [key]: k })),
              ),
            ),
          ),
        )
        .filter((x) => !conforms(n, x));
    }
    default:
      return otherwise(fc.constant(null));
  }
}

/** One field of a valid object made wrong: a bad value, a required key dropped, or (strict) a key added. */
function corruptedObject(n: Node, x: unknown): fc.Arbitrary<unknown> {
  const obj = isObject(x) ? x : fail('not an object');
  const entries = n.entries ?? {};
  const keys = Object.keys(entries);
  const required = keys.filter((k) => !optionalEntry(entries[k] ?? unsupported(n)));
  const ways: fc.Arbitrary<unknown>[] = [fc.constantFrom(...keys).chain((k) => invalid(entries[k] ?? unsupported(n)).map((bad) => ({ ...obj, [k]: bad })))];
  if (required.length) ways.push(fc.constantFrom(...required).map((k) => Object.fromEntries(Object.entries(obj).filter(([key]) => key !== k))));
  if (n.type === 'strict_object') {
    ways.push(fc.tuple(fc.constantFrom('url', 'tabId', '__proto', 'constructor', 'extra'), fc.jsonValue()).map(([k, v]) => ({ ...obj, [k]: v })));
  }
  return fc.oneof(...ways);
}

function checkAgreement(x: unknown): void {
  let out: unknown;
  try {
    out = parseRequest(x);
  } catch (e) {
    fail(`parseRequest threw ${String(e)}`);
  }
  const should = conforms(ROOT, x);
  if ((out !== null) !== should) fail(`parseRequest ${out === null ? 'refused' : 'accepted'} a value the schema ${should ? 'accepts' : 'refuses'}`, x);
  if (out !== null && !conforms(ROOT, out)) fail('parseRequest returned a value outside the schema', out);
}

const validRequest = valid(ROOT);

export const MESSAGE_TARGETS: Target[] = [
  {
    name: 'parseRequest: arbitrary values never throw and are accepted exactly when the schema accepts them',
    property: () =>
      fc.property(
        fc.oneof(
          fc.anything({ withNullPrototype: true, withBoxedValues: true, withSparseArray: true }),
          fc.jsonValue(),
          // A valid request with one key (existing or not) set to anything: valid or not, the two must agree.
          fc
            .tuple(validRequest, fc.oneof(fc.constantFrom('type', 'venue', 'symbol', 'address', 'positions'), fc.string({ maxLength: 8 })), fc.anything())
            .map(([x, k, v]) => ({ ...(x as object), [k]: v })),
        ),
        checkAgreement,
      ),
  },
  {
    name: 'parseRequest: valid requests of every type are accepted and come back equal',
    property: () =>
      fc.property(validRequest, (x) => {
        const out = parseRequest(x);
        if (out === null) fail('parseRequest refused a valid request', x);
        if (!isDeepStrictEqual(out, x)) fail('parseRequest changed a valid request', { in: x, out });
      }),
  },
  {
    name: 'parseRequest: a valid request with one field corrupted is refused',
    property: () =>
      fc.property(invalid(ROOT), (x) => {
        if (conforms(ROOT, x)) fail('corruption produced a valid request', x);
        let out: unknown;
        try {
          out = parseRequest(x);
        } catch (e) {
          fail(`parseRequest threw ${String(e)}`, x);
        }
        if (out !== null) fail('parseRequest accepted a corrupted request', x);
      }),
  },
];
