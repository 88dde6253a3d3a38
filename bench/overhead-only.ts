// Only the page-overhead measurement of the full plan (bench/run.ts), for comparing builds or
// settings quickly: `npx tsx bench/overhead-only.ts [rounds] [controlRounds] [seconds]`.
// Needs `npm run build:chrome` first.
import { pageOverhead } from './page-bench';

const rounds = Number(process.argv[2] ?? 8);
const controlRounds = Number(process.argv[3] ?? 3);
const seconds = Number(process.argv[4] ?? 20);
const r = await pageOverhead({ seconds, rounds, markHz: 1, traceSeconds: 10, controlRounds, positions: 2, view: 'compact' });
const f = (x: { min: number; median: number; max: number }) => `${x.min.toFixed(3)} / ${x.median.toFixed(3)} / ${x.max.toFixed(3)}`;
console.log(`wall (TaskDuration): with ÷ without per round min / median / max ${f(r.roundRatios)}; A/A ${r.control ? f(r.control) : '—'}`);
console.log(`CPU (ThreadTime):    with ÷ without per round min / median / max ${f(r.thread.roundRatios)}; A/A ${r.thread.control ? f(r.thread.control) : '—'}`);
const i = (x: { low: number; high: number }) => `${x.low.toFixed(3)}–${x.high.toFixed(3)}`;
console.log(`median's 90% interval: wall ${i(r.interval)}, CPU ${i(r.thread.interval)}; CPU rounds ${r.thread.ratios.map((x) => x.toFixed(3)).join(' ')}`);
console.log(
  `ms/s without wall ${r.without.median.toFixed(1)}, CPU ${r.thread.without.median.toFixed(1)}; content script ${r.extensionMsPerSecond.toFixed(3)} ms/s (attributed ${r.attributedRatio.toFixed(4)})`,
);
