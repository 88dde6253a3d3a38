#!/usr/bin/env node
// The end-to-end run: Chromium's and Firefox's suites at the same time, one vitest process each
// (they share nothing: Chromium's fake exchange listens on a free port, Firefox's owns 443), then
// the performance budgets alone, so no other browser competes for the machine while it measures.
// Most of an e2e run is waiting on the extension's own clocks (a stream let go 75 s after the last
// ask, a Retry-After of 30 s, history loaded behind the page's requests), which the two browsers
// now spend side by side. Each line of output is printed as it comes, behind its browser's name.
// Arguments are passed to the two browsers' runs (a file filter, `-t`); the performance run follows
// only a full run, or one whose arguments name it.
import { spawn } from 'node:child_process';

const VITEST = ['vitest', 'run', '--config', 'vitest.e2e.config.ts'];
const PERFORMANCE = 'tests/e2e/performance.e2e.ts';
const extra = process.argv.slice(2);

/** Prints each complete line of `stream` behind `label`. */
function prefixLines(stream, label, out) {
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) out.write(`[${label}] ${line}\n`);
  });
  stream.on('end', () => {
    if (rest) out.write(`[${label}] ${rest}\n`);
  });
}

/** Runs vitest with `args` under `env`; resolves with its exit code and how long it took. */
function run(label, args, env) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('npx', [...VITEST, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    prefixLines(child.stdout, label, process.stdout);
    prefixLines(child.stderr, label, process.stderr);
    child.on('close', (code, signal) => resolve({ label, code: code ?? (signal ? 1 : 0), seconds: Math.round((Date.now() - started) / 1000) }));
  });
}

const runs = await Promise.all([
  run('chromium', ['--exclude', PERFORMANCE, ...extra], { PERPLENS_E2E_BROWSERS: 'chromium' }),
  run('firefox', ['--exclude', PERFORMANCE, ...extra], { PERPLENS_E2E_BROWSERS: 'firefox' }),
]);
const narrowed = extra.length > 0 && !extra.some((a) => a.includes('performance'));
if (!narrowed) runs.push(await run('performance', [PERFORMANCE], {}));

console.log(`\ne2e: ${runs.map((r) => `${r.label} ${r.code === 0 ? 'passed' : 'FAILED'} in ${r.seconds} s`).join(', ')}`);
process.exit(runs.some((r) => r.code !== 0) ? 1 : 0);
