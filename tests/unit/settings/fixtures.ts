import { defaultSettings } from '../../../src/settings/defaults';

export const HL_ADDRESS = '0x' + 'aB'.repeat(20);
export const DYDX_ADDRESS = 'dydx1n88uc38xhjgxzw9nwre4ep2c8ga4fjxc565lnf';
/** The same address with its last (checksum) character changed. */
export const DYDX_BAD_CHECKSUM = 'dydx1n88uc38xhjgxzw9nwre4ep2c8ga4fjxc565lnq';

type Doc = Record<string, unknown>;
const isDoc = (x: unknown): x is Doc => typeof x === 'object' && x !== null;

/** A plain copy of the defaults with `value` at a dotted path (`bands.dangerBelow`, `watchlist.0.symbol`). */
export function defaultsWith(path: string, value: unknown, base: unknown = defaultSettings()): Doc {
  const doc: unknown = structuredClone(base);
  if (!isDoc(doc)) throw new Error('base must be an object');
  const keys = path.split('.');
  const last = keys.pop();
  let at: Doc = doc;
  for (const k of keys) {
    const next = at[k];
    if (!isDoc(next)) throw new Error(`no object at ${k} in ${path}`);
    at = next;
  }
  if (last === undefined) throw new Error('empty path');
  if (value === undefined) delete at[last];
  else at[last] = value;
  return doc;
}
