// Runs every property target of tests/property (the same definitions the unit run uses at 1 000
// cases) outside vitest, at 100 000 cases each by default:
//   npx tsx scripts/fuzz.ts [cases] [--only <substring>] [--seed <n>]
// Prints target, cases, failures, seconds; exits 1 with the counterexample and seed on any failure.
import fc from 'fast-check';
import { TARGETS } from '../tests/property/targets';

interface Options {
  cases: number;
  only: string | null;
  seed: number | undefined;
}

function options(argv: string[]): Options {
  const out: Options = { cases: 100_000, only: null, seed: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--only') out.only = argv[++i] ?? null;
    else if (a === '--seed') out.seed = Number(argv[++i]);
    else if (/^\d+$/.test(a)) out.cases = Number(a);
    else throw new Error(`unknown argument ${a}; usage: fuzz.ts [cases] [--only <substring>] [--seed <n>]`);
  }
  if (!(out.cases > 0)) throw new Error('cases must be positive');
  if (out.seed !== undefined && !Number.isInteger(out.seed)) throw new Error('seed must be an integer');
  return out;
}

interface Row {
  name: string;
  cases: number;
  failures: number;
  seconds: number;
}

async function main(): Promise<number> {
  const opts = options(process.argv.slice(2));
  const targets = TARGETS.filter((t) => opts.only === null || t.name.includes(opts.only));
  if (!targets.length) throw new Error(`no target matches ${opts.only ?? ''}`);
  const rows: Row[] = [];
  const failures: string[] = [];
  for (const t of targets) {
    const started = performance.now();
    const details = await fc.check(t.property(), { numRuns: opts.cases, ...(opts.seed === undefined ? {} : { seed: opts.seed }) });
    const seconds = (performance.now() - started) / 1000;
    // On failure fast-check stops at the first counterexample (then shrinks it): cases run so far.
    const cases = details.failed ? details.numRuns : opts.cases;
    rows.push({ name: t.name, cases, failures: details.failed ? 1 : 0, seconds });
    process.stdout.write(`${details.failed ? 'FAIL' : 'ok  '} ${t.name} (${cases} cases, ${seconds.toFixed(1)} s)\n`);
    if (details.failed) {
      failures.push(
        [
          `FAILED: ${t.name}`,
          `  seed: ${details.seed}  path: ${details.counterexamplePath ?? ''}  (re-run: npx tsx scripts/fuzz.ts ${opts.cases} --only ${JSON.stringify(t.name)} --seed ${details.seed})`,
          `  counterexample: ${fc.stringify(details.counterexample)}`,
          `  error: ${details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)}`,
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
  if (failures.length) console.error(`\n${failures.join('\n\n')}`);
  return failures.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(2);
  },
);
