// The page targets inside a browser page: scripts/fuzz-chromium.ts bundles this file (with
// fast-check and the readers) into one script, adds it to a blank page in headless Chromium and
// calls the API it leaves on globalThis. Nothing here reaches Node: results come back as data.
import { PAGE_FUZZ_GLOBAL, type PageFuzzApi } from './page-fuzz-api';
import { browserPageEnv } from './page-env-browser';
import { pageTargets } from './page-targets';
import { checkTarget, type Target } from './target';

let targets: Target[] = [];

const api: PageFuzzApi = {
  init(fixtures) {
    targets = pageTargets(browserPageEnv(fixtures));
    return targets.map((t) => t.name);
  },
  async run(name, numRuns, seed) {
    const target = targets.find((t) => t.name === name);
    if (!target) throw new Error(`no page target ${name}`);
    return checkTarget(target, numRuns, seed);
  },
};

Object.assign(globalThis, { [PAGE_FUZZ_GLOBAL]: api });
