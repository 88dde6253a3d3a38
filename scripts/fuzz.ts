// Runs every property target of tests/property (the same definitions the unit run uses at 1 000
// cases) outside vitest, at 100 000 cases each by default:
//   npx tsx scripts/fuzz.ts [cases] [--only <substring>] [--seed <n>] [--dom chromium|happy-dom] [--workers <n>]
// The number and message targets run here in Node. The page-reader targets run in headless Chromium
// (scripts/fuzz-chromium.ts: native DOM, `--workers` pages at once, 2 by default), or here under
// happy-dom with `--dom happy-dom` (as the unit run does; some hundred times slower).
// Prints target, cases, failures, seconds; exits 1 with the counterexample and seed on any failure.
import type { PageFuzzResult } from '../tests/property/page-fuzz-api';
import { checkTarget, type Target } from '../tests/property/target';
import { PAGE_TARGETS, TARGETS } from '../tests/property/targets';

type Dom = 'chromium' | 'happy-dom';

interface Options {
  cases: number;
  only: string | null;
  seed: number | undefined;
  dom: Dom;
  workers: number;
}

const USAGE = 'usage: fuzz.ts [cases] [--only <substring>] [--seed <n>] [--dom chromium|happy-dom] [--workers <n>]';

function options(argv: string[]): Options {
  const out: Options = { cases: 100_000, only: null, seed: undefined, dom: 'chromium', workers: 2 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--only') out.only = argv[++i] ?? null;
    else if (a === '--seed') out.seed = Number(argv[++i]);
    else if (a === '--dom') {
      const dom = argv[++i];
      if (dom !== 'chromium' && dom !== 'happy-dom') throw new Error(`--dom takes chromium or happy-dom; ${USAGE}`);
      out.dom = dom;
    } else if (a === '--workers') out.workers = Number(argv[++i]);
    else if (/^\d+$/.test(a)) out.cases = Number(a);
    else throw new Error(`unknown argument ${a}; ${USAGE}`);
  }
  if (!(out.cases > 0)) throw new Error('cases must be positive');
  if (out.seed !== undefined && !Number.isInteger(out.seed)) throw new Error('seed must be an integer');
  if (!Number.isInteger(out.workers) || out.workers < 1) throw new Error('workers must be a positive integer');
  return out;
}

interface Row {
  name: string;
  cases: number;
  failures: number;
  seconds: number;
}

/** A finished target, wherever it ran. */
type Outcome = PageFuzzResult;

const inNode = (t: Target, opts: Options): Promise<Outcome> => checkTarget(t, opts.cases, opts.seed ?? null);

async function main(): Promise<number> {
  const opts = options(process.argv.slice(2));
  const targets = TARGETS.filter((t) => opts.only === null || t.name.includes(opts.only));
  if (!targets.length) throw new Error(`no target matches ${opts.only ?? ''}`);
  const inChromium = (t: Target): boolean => opts.dom === 'chromium' && PAGE_TARGETS.includes(t);
  const outcomes = new Map<string, Outcome>();
  const started = performance.now();
  const report = (o: Outcome, where: string): void => {
    outcomes.set(o.name, o);
    // On failure fast-check stops at the first counterexample (then shrinks it): cases run so far.
    const cases = o.failed ? o.numRuns : opts.cases;
    process.stdout.write(`${o.failed ? 'FAIL' : 'ok  '} ${o.name} (${cases} cases, ${o.seconds.toFixed(1)} s, ${where})\n`);
  };

  for (const t of targets.filter((t) => !inChromium(t))) report(await inNode(t, opts), PAGE_TARGETS.includes(t) ? 'node, happy-dom' : 'node');
  const problems: string[] = [];
  const browserTargets = targets.filter(inChromium);
  if (browserTargets.length) {
    const { runInChromium } = await import('./fuzz-chromium');
    const run = await runInChromium(
      browserTargets.map((t) => t.name),
      { cases: opts.cases, seed: opts.seed, workers: opts.workers, onResult: (r) => report(r, 'chromium') },
    );
    problems.push(...run.problems);
  }
  const wall = (performance.now() - started) / 1000;

  const rows: Row[] = [];
  const failures: string[] = [];
  const dom = opts.dom === 'chromium' ? '' : ` --dom ${opts.dom}`;
  for (const t of targets) {
    const o = outcomes.get(t.name);
    if (!o) throw new Error(`no outcome for ${t.name}`);
    rows.push({ name: o.name, cases: o.failed ? o.numRuns : opts.cases, failures: o.failed ? 1 : 0, seconds: o.seconds });
    if (o.failed) {
      failures.push(
        [
          `FAILED: ${o.name}`,
          `  seed: ${o.seed}  path: ${o.path ?? ''}  (re-run: npx tsx scripts/fuzz.ts ${opts.cases} --only ${JSON.stringify(o.name)} --seed ${o.seed}${dom})`,
          `  counterexample: ${o.counterexample ?? ''}`,
          `  error: ${o.error ?? ''}`,
        ].join('\n'),
      );
    }
  }
  const width = Math.max(...rows.map((r) => r.name.length), 'target'.length);
  const line = (a: string, b: string, c: string, d: string): string => `${a.padEnd(width)}  ${b.padStart(8)}  ${c.padStart(8)}  ${d.padStart(9)}`;
  console.log(`\n${line('target', 'cases', 'failures', 'seconds')}`);
  for (const r of rows) console.log(line(r.name, String(r.cases), String(r.failures), r.seconds.toFixed(1)));
  const total = rows.reduce((s, r) => s + r.seconds, 0);
  console.log(line('total', String(rows.reduce((s, r) => s + r.cases, 0)), String(failures.length), total.toFixed(1)));
  const parallel =
    browserTargets.length > 1 && opts.workers > 1 ? ` (page targets in ${Math.min(opts.workers, browserTargets.length)} Chromium pages at once)` : '';
  console.log(`wall time ${wall.toFixed(1)} s${parallel}`);
  if (problems.length) console.error(`\nProblems in the Chromium pages:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  if (failures.length) console.error(`\n${failures.join('\n\n')}`);
  return failures.length || problems.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(2);
  },
);
