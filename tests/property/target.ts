import fc from 'fast-check';
import type { PageFuzzResult } from './page-fuzz-api';

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

/** Runs one target's fc.check and gives the outcome as plain data (scripts/fuzz.ts in Node, page-fuzz-entry.ts in a page). */
export async function checkTarget(t: Target, numRuns: number, seed: number | null): Promise<PageFuzzResult> {
  const started = performance.now();
  const d = await fc.check(t.property(), { numRuns, ...(seed === null ? {} : { seed }) });
  const e: unknown = d.errorInstance;
  return {
    name: t.name,
    failed: d.failed,
    numRuns: d.numRuns,
    seed: d.seed,
    path: d.counterexamplePath ?? null,
    counterexample: d.failed ? fc.stringify(d.counterexample) : null,
    error: d.failed ? (e instanceof Error ? e.message : String(e)) : null,
    seconds: (performance.now() - started) / 1000,
  };
}
