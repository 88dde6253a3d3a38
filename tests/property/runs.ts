// One place for how many cases each property target runs: 1 000 in the unit run, more when
// PERPLENS_FC_RUNS says so (scripts/fuzz.ts passes its own count instead).
export const DEFAULT_RUNS = 1000;

export function runs(env: Record<string, string | undefined> = process.env): number {
  const raw = env.PERPLENS_FC_RUNS;
  if (raw === undefined || raw.trim() === '') return DEFAULT_RUNS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`PERPLENS_FC_RUNS must be a positive integer, got ${JSON.stringify(raw)}`);
  return n;
}
