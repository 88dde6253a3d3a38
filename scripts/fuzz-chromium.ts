// The page-reader property targets of scripts/fuzz.ts, run inside headless Chromium: the same
// definitions (tests/property/page-targets.ts) bundled by esbuild with fast-check and the readers,
// parsing with the browser's own DOMParser, the DOM the readers really run in. Each of `workers`
// pages (separate browser contexts, so separate renderer processes) takes the next target in turn.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Page } from 'playwright-core';
import { executableFor } from '../tests/e2e/browsers';
import { PAGE_FUZZ_GLOBAL, type PageFuzzApi, type PageFuzzResult } from '../tests/property/page-fuzz-api';
import { PAGE_FIXTURES } from '../tests/property/page-targets';

export interface ChromiumRun {
  cases: number;
  seed: number | undefined;
  workers: number;
  /** Called as each target finishes. */
  onResult(result: PageFuzzResult): void;
}

export async function bundle(): Promise<string> {
  const out = await build({
    entryPoints: [resolve('tests/property/page-fuzz-entry.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'error',
  });
  const file = out.outputFiles[0];
  if (!file) throw new Error('esbuild produced no output');
  return file.text;
}

export function fixtures(): Record<string, string> {
  return Object.fromEntries(PAGE_FIXTURES.map((path) => [path, readFileSync(join('tests/pages', path), 'utf8')]));
}

/** A page's problems outside the properties: an uncaught error or a dialog means markup ran. */
function watch(page: Page, problems: string[]): void {
  page.on('pageerror', (e) => problems.push(`uncaught in the page: ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`the page opened a ${d.type()} dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('crash', () => problems.push('the page crashed'));
}

/**
 * Runs the named targets (all page targets of tests/property/page-targets.ts) and returns their
 * results, in the order given, plus problems seen in the pages outside the properties.
 */
export async function runInChromium(names: readonly string[], run: ChromiumRun): Promise<{ results: PageFuzzResult[]; problems: string[] }> {
  const [script, files] = [await bundle(), fixtures()];
  const browser = await chromium.launch({
    executablePath: executableFor('chromium'),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const problems: string[] = [];
  const results = new Map<string, PageFuzzResult>();
  try {
    const queue = [...names];
    const worker = async (): Promise<void> => {
      const context = await browser.newContext();
      const page = await context.newPage();
      watch(page, problems);
      await page.addScriptTag({ content: script });
      const inPage = await page.evaluate(([global, fx]) => (globalThis as unknown as Record<string, PageFuzzApi>)[global]?.init(fx) ?? [], [
        PAGE_FUZZ_GLOBAL,
        files,
      ] as const);
      const missing = names.filter((n) => !inPage.includes(n));
      if (missing.length) throw new Error(`the bundled page targets lack ${missing.join(', ')}`);
      for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
        const result = await page.evaluate(
          async ([global, n, cases, seed]) => {
            const fuzz = (globalThis as unknown as Record<string, PageFuzzApi>)[global];
            if (!fuzz) throw new Error('the fuzz script is not in the page');
            return fuzz.run(n, cases, seed);
          },
          [PAGE_FUZZ_GLOBAL, name, run.cases, run.seed ?? null] as const,
        );
        results.set(name, result);
        run.onResult(result);
      }
      await context.close();
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(run.workers, names.length)) }, worker));
  } finally {
    await browser.close();
  }
  return { results: names.map((n) => results.get(n) ?? fail(n)), problems };
}

function fail(name: string): never {
  throw new Error(`no result for ${name}`);
}
