// The page targets inside a browser page: scripts/fuzz-chromium.ts bundles this file (with
// fast-check and the readers) into one script, adds it to a blank page in headless Chromium and
// calls the API it leaves on globalThis. Nothing here reaches Node: results come back as data.
import fc from 'fast-check';
import { PAGE_FUZZ_GLOBAL, type PageFuzzApi } from './page-fuzz-api';
import { browserPageEnv } from './page-env-browser';
import { pageTargets } from './page-targets';
import type { Target } from './target';

let targets: Target[] = [];

const api: PageFuzzApi = {
  init(fixtures) {
    targets = pageTargets(browserPageEnv(fixtures));
    return targets.map((t) => t.name);
  },
  async run(name, numRuns, seed) {
    const target = targets.find((t) => t.name === name);
    if (!target) throw new Error(`no page target ${name}`);
    const started = performance.now();
    const d = await fc.check(target.property(), { numRuns, ...(seed === null ? {} : { seed }) });
    const e: unknown = d.errorInstance;
    return {
      name,
      failed: d.failed,
      numRuns: d.numRuns,
      seed: d.seed,
      path: d.counterexamplePath ?? null,
      counterexample: d.failed ? fc.stringify(d.counterexample) : null,
      error: d.failed ? (e instanceof Error ? e.message : String(e)) : null,
      seconds: (performance.now() - started) / 1000,
    };
  },
};

Object.assign(globalThis, { [PAGE_FUZZ_GLOBAL]: api });
