// What scripts/fuzz-chromium.ts (Node) and page-fuzz-entry.ts (in the browser page) exchange.

/** The global the bundled entry leaves its PageFuzzApi on. */
export const PAGE_FUZZ_GLOBAL = 'perplensPageFuzz';

/** One target's fc.check, as plain data. */
export interface PageFuzzResult {
  name: string;
  failed: boolean;
  /** Cases run: all of them, or up to and including the first counterexample. */
  numRuns: number;
  seed: number;
  /** fast-check's replay path of the shrunk counterexample. */
  path: string | null;
  /** fc.stringify of the shrunk counterexample. */
  counterexample: string | null;
  /** The shrunk counterexample's error message. */
  error: string | null;
  /** Measured in the page. */
  seconds: number;
}

export interface PageFuzzApi {
  /** Makes the targets with these files of tests/pages/ (path → text); returns their names. */
  init(fixtures: Record<string, string>): string[];
  run(name: string, numRuns: number, seed: number | null): Promise<PageFuzzResult>;
}
