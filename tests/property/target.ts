import type fc from 'fast-check';

/** A named property shared by the vitest files (tests/property/*.test.ts) and scripts/fuzz.ts. */
export interface Target {
  name: string;
  property(): fc.IRawProperty<unknown[], boolean>;
}

/** Every number in a value, however deep (object keys included as paths in the failure message). */
export function nonFinitePaths(value: unknown, path = '$', seen = new Set<unknown>()): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${path} = ${String(value)}`];
  if (value === null || typeof value !== 'object' || seen.has(value)) return [];
  seen.add(value);
  const out: string[] = [];
  for (const [k, v] of Object.entries(value)) out.push(...nonFinitePaths(v, `${path}.${k}`, seen));
  return out;
}

export function fail(message: string, detail?: unknown): never {
  throw new Error(detail === undefined ? message : `${message}: ${JSON.stringify(detail)}`);
}
