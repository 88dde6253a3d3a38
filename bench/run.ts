import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { COALESCE_MS } from '../src/content/watch-anchor';
import { requestEconomy } from './economy';
import { coldPath, manyPositions, pageOverhead, updateLatency, type Overhead } from './page-bench';
import { builtSizes } from './sizes';
import { round, roundSpread } from './stats';
import { watchlistScale } from './watchlist-scale';
import { zoneFidelity, zoneModelCost } from './zone-fidelity';

export interface BenchPlan {
  name: 'full' | 'quick';
  overhead: { seconds: number; rounds: number; markHz: number; traceSeconds: number; controlRounds: number };
  /** The same budget with one position on the page, and (reported, not budgeted) every card opened. */
  overheadOne: { seconds: number; rounds: number; markHz: number; traceSeconds: number; controlRounds: number };
  expanded: { seconds: number; rounds: number; markHz: number; traceSeconds: number; controlRounds: number } | null;
  /** The same measure with the positions' mark ticking four times a second: reported, not budgeted. */
  stress: { seconds: number; rounds: number; markHz: number; traceSeconds: number; controlRounds: number } | null;
  latencyChanges: number;
  coldRuns: number;
  economyMinutes: number;
  /** Synthetic markets per leverage mix for the zone model's fidelity (reported, not budgeted). */
  zoneSeeds: number;
  scale: { copies: number; markHz: number; traceSeconds: number; watchlistMinutes: number };
  /** Bounds for the timings; the quick plan's are generous so only a regression fails it. */
  bounds: { overheadRatio: number; longestSliceMs: number; latencyP95Ms: number; coldP95Ms: number };
}

const FRAME_MS = 1000 / 60;

export const FULL: BenchPlan = {
  name: 'full',
  // Binance's positions table follows the 1 s mark-price stream: the budget case.
  // Many short rounds rather than a few long ones: within a round four quarters agree to about 2%,
  // while rounds (each a new page process) differ by up to ±12% (2026-11-24, README "Performance").
  overhead: { seconds: 8, rounds: 30, markHz: 1, traceSeconds: 20, controlRounds: 8 },
  overheadOne: { seconds: 8, rounds: 24, markHz: 1, traceSeconds: 10, controlRounds: 0 },
  expanded: { seconds: 8, rounds: 12, markHz: 1, traceSeconds: 10, controlRounds: 0 },
  stress: { seconds: 10, rounds: 3, markHz: 4, traceSeconds: 10, controlRounds: 0 },
  latencyChanges: 200,
  coldRuns: 20,
  economyMinutes: 60,
  zoneSeeds: 16,
  scale: { copies: 25, markHz: 4, traceSeconds: 10, watchlistMinutes: 30 },
  bounds: { overheadRatio: 1.03, longestSliceMs: 4, latencyP95Ms: COALESCE_MS + FRAME_MS, coldP95Ms: 300 },
};

export const QUICK: BenchPlan = {
  name: 'quick',
  overhead: { seconds: 4, rounds: 2, markHz: 4, traceSeconds: 4, controlRounds: 0 },
  overheadOne: { seconds: 4, rounds: 2, markHz: 4, traceSeconds: 4, controlRounds: 0 },
  expanded: null,
  stress: null,
  latencyChanges: 30,
  coldRuns: 3,
  economyMinutes: 10,
  zoneSeeds: 2,
  scale: { copies: 25, markHz: 4, traceSeconds: 3, watchlistMinutes: 5 },
  bounds: { overheadRatio: 1.5, longestSliceMs: 16, latencyP95Ms: 3 * (COALESCE_MS + FRAME_MS), coldP95Ms: 1_500 },
};

/** Everything the page loads from PerpLens, per venue (issue budget). */
export const CONTENT_GZIP_BUDGET = 20 * 1024;
export const TEN_TAB_RATIO_BUDGET = 1.05;
export const LIMIT_SHARE_BUDGET = 0.05;

export interface Check {
  what: string;
  value: number;
  budget: number;
  ok: boolean;
}

export async function runBench(plan: BenchPlan, dist = resolve(process.env.PERPLENS_OUT ?? 'dist', 'chrome')) {
  const started = Date.now();
  const sizes = builtSizes(dist);
  const economy = await requestEconomy(plan.economyMinutes);
  const watchlist = await watchlistScale(plan.scale.watchlistMinutes);
  // The budget applies to the compact default, with two positions and with one.
  const overhead = await pageOverhead({ ...plan.overhead, positions: 2, view: 'compact' });
  const overheadOne = await pageOverhead({ ...plan.overheadOne, positions: 1, view: 'compact' });
  const expanded = plan.expanded ? await pageOverhead({ ...plan.expanded, positions: 2, view: 'expanded' }) : null;
  const stress = plan.stress ? await pageOverhead({ ...plan.stress, positions: 2, view: 'compact' }) : null;
  const latency = await updateLatency(plan.latencyChanges);
  const cold = await coldPath(plan.coldRuns);
  const positions = await manyPositions(plan.scale);
  const zones = zoneFidelity(plan.zoneSeeds);
  const zoneCost = zoneModelCost(plan.zoneSeeds * 2 + 1);

  const checks: Check[] = [
    ...Object.entries(sizes.content).map(([venue, s]) => ({
      what: `content script ${venue}, gzip bytes`,
      value: s.gzip,
      budget: CONTENT_GZIP_BUDGET,
      ok: s.gzip <= CONTENT_GZIP_BUDGET,
    })),
    // The measure: the page's main-thread time with PerpLens over without, side by side
    // (median of the rounds); the attributed ratio is the content script's own share of it.
    {
      what: 'main thread with ÷ without (measured)',
      value: round(overhead.ratio, 4),
      budget: plan.bounds.overheadRatio,
      ok: overhead.ratio <= plan.bounds.overheadRatio,
    },
    // The same rounds in the main thread's CPU time: wall time also grows when two cores are shared
    // with the other browser, the extension's worker and the fake exchange.
    {
      what: 'main thread CPU with ÷ without (measured)',
      value: round(overhead.thread.ratio, 4),
      budget: plan.bounds.overheadRatio,
      ok: overhead.thread.ratio <= plan.bounds.overheadRatio,
    },
    // One run's median can land either side of the budget by luck: the budget holds when the
    // median of any run as long would stay within it (the top of its 90% interval).
    {
      what: "CPU ratio, top of the median's 90% interval",
      value: round(overhead.thread.interval.high, 4),
      budget: plan.bounds.overheadRatio,
      ok: overhead.thread.interval.high <= plan.bounds.overheadRatio,
    },
    {
      what: 'one position: CPU ratio, top of the 90% interval',
      value: round(overheadOne.thread.interval.high, 4),
      budget: plan.bounds.overheadRatio,
      ok: overheadOne.thread.interval.high <= plan.bounds.overheadRatio,
    },
    {
      what: 'main thread with ÷ without (script only)',
      value: round(overhead.attributedRatio, 4),
      budget: plan.bounds.overheadRatio,
      ok: overhead.attributedRatio <= plan.bounds.overheadRatio,
    },
    {
      what: 'longest content-script slice, ms',
      value: round(overhead.extensionSlices.max, 3),
      budget: plan.bounds.longestSliceMs,
      ok: overhead.extensionSlices.max <= plan.bounds.longestSliceMs,
    },
    { what: 'update latency p95, ms', value: round(latency.p95), budget: round(plan.bounds.latencyP95Ms), ok: latency.p95 <= plan.bounds.latencyP95Ms },
    { what: 'cold path p95, ms', value: round(cold.p95), budget: plan.bounds.coldP95Ms, ok: cold.p95 <= plan.bounds.coldP95Ms },
    ...economy.flatMap((e) => [
      { what: `${e.venue}: requests 10 tabs ÷ 1 tab`, value: round(e.ratio, 3), budget: TEN_TAB_RATIO_BUDGET, ok: e.ratio <= TEN_TAB_RATIO_BUDGET },
      { what: `${e.venue}: share of the rate limit`, value: round(e.shareOfLimit, 4), budget: LIMIT_SHARE_BUDGET, ok: e.shareOfLimit < LIMIT_SHARE_BUDGET },
    ]),
  ];

  return {
    plan: plan.name,
    at: new Date().toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model ?? '', loadavg: loadavg().map((x) => round(x)) },
    seconds: round((Date.now() - started) / 1000, 1),
    sizes: {
      content: Object.fromEntries(Object.entries(sizes.content).map(([k, s]) => [k, { raw: s.raw, gzip: s.gzip }])),
      background: { raw: sizes.background.raw, gzip: sizes.background.gzip },
      popup: { raw: sizes.popup.raw, gzip: sizes.popup.gzip },
      options: { raw: sizes.options.raw, gzip: sizes.options.gzip },
    },
    overhead: {
      ...overhead,
      ...roundOverhead(overhead),
      extensionSlices: roundSpread(overhead.extensionSlices, 3),
      attributedRatio: round(overhead.attributedRatio, 4),
      extensionMsPerSecond: round(overhead.extensionMsPerSecond, 3),
      thread: roundOverhead(overhead.thread),
    },
    overheadOne: {
      positions: 1,
      view: 'compact',
      ...roundOverhead(overheadOne),
      thread: roundOverhead(overheadOne.thread),
      extensionMsPerSecond: round(overheadOne.extensionMsPerSecond, 3),
    },
    expanded: expanded && {
      positions: 2,
      view: 'expanded',
      ...roundOverhead(expanded),
      thread: roundOverhead(expanded.thread),
      extensionMsPerSecond: round(expanded.extensionMsPerSecond, 3),
    },
    stress: stress && {
      markHz: stress.markHz,
      without: roundSpread(stress.without),
      with: roundSpread(stress.with),
      ratio: round(stress.ratio, 4),
      attributedRatio: round(stress.attributedRatio, 4),
      extensionMsPerSecond: round(stress.extensionMsPerSecond, 3),
      extensionSlices: roundSpread(stress.extensionSlices, 3),
    },
    latency: roundSpread(latency),
    coldPath: roundSpread(cold),
    economy: economy.map((e) => ({ ...e, ratio: round(e.ratio, 3), shareOfLimit: round(e.shareOfLimit, 5) })),
    scale: {
      positions: { ...positions, perUpdate: roundSpread(positions.perUpdate, 3), extensionMsPerSecond: round(positions.extensionMsPerSecond, 3) },
      watchlist: {
        ...watchlist,
        heapDeltaMb: round(watchlist.heapDeltaMb, 1),
        msPerPoll: round(watchlist.msPerPoll, 1),
        shareOfLimit: Object.fromEntries(Object.entries(watchlist.shareOfLimit).map(([k, v]) => [k, round(v, 4)])),
      },
    },
    zones,
    zoneCost,
    checks,
  };
}

function roundOverhead(o: Overhead): Overhead {
  return {
    without: roundSpread(o.without),
    with: roundSpread(o.with),
    roundRatios: roundSpread(o.roundRatios, 4),
    ratio: round(o.ratio, 4),
    interval: { level: o.interval.level, low: round(o.interval.low, 4), high: round(o.interval.high, 4) },
    ratios: o.ratios.map((x) => round(x, 4)),
    control: o.control && roundSpread(o.control, 4),
  };
}

export type BenchResult = Awaited<ReturnType<typeof runBench>>;

export function table(r: BenchResult): string {
  const lines = [`PerpLens bench (${r.plan}, ${r.seconds} s, ${r.machine.cpus} cpus, load ${r.machine.loadavg.join(' ')})`, ''];
  for (const c of r.checks) lines.push(`${c.ok ? 'ok  ' : 'FAIL'}  ${c.what.padEnd(44)} ${String(c.value).padStart(10)}  budget ${c.budget}`);
  lines.push('');
  const s = (x: { min: number; median: number; p95: number; max: number }) => `min ${x.min} / median ${x.median} / p95 ${x.p95} / max ${x.max}`;
  lines.push(`main thread ms/s without: ${s(r.overhead.without)}`);
  lines.push(`main thread ms/s with:    ${s(r.overhead.with)}`);
  lines.push(`with ÷ without per round (side by side): ${s(r.overhead.roundRatios)}`);
  if (r.overhead.control) lines.push(`A/A control, no PerpLens in either: ${s(r.overhead.control)}`);
  lines.push(`main thread CPU ms/s without: ${s(r.overhead.thread.without)}; with: ${s(r.overhead.thread.with)}`);
  lines.push(
    `CPU with ÷ without per round: ${s(r.overhead.thread.roundRatios)}; the median's 90% interval ${r.overhead.thread.interval.low}–${r.overhead.thread.interval.high}`,
  );
  if (r.overhead.thread.control) lines.push(`CPU A/A control: ${s(r.overhead.thread.control)}`);
  const iv = (o: { ratio: number; thread: { ratio: number; interval: { low: number; high: number } } }) =>
    `wall ${o.ratio}, CPU ${o.thread.ratio} (90% interval ${o.thread.interval.low}–${o.thread.interval.high})`;
  lines.push(`compact, two positions: ${iv(r.overhead)}`);
  lines.push(`compact, one position:  ${iv(r.overheadOne)}`);
  if (r.expanded) lines.push(`every card opened, two positions (reported, not budgeted): ${iv(r.expanded)}`);
  lines.push(`content script: ${r.overhead.extensionMsPerSecond} ms/s; slices ms ${s(r.overhead.extensionSlices)} (mark ticking ${r.overhead.markHz}/s)`);
  if (r.stress)
    lines.push(
      `stress, mark ticking ${r.stress.markHz}/s: median ratio ${r.stress.ratio}, attributed ${r.stress.attributedRatio}, content script ${r.stress.extensionMsPerSecond} ms/s, longest slice ${r.stress.extensionSlices.max} ms`,
    );
  lines.push(`update latency ms: ${s(r.latency)}`);
  lines.push(`cold path ms: ${s(r.coldPath)}`);
  lines.push(
    `50 positions: ${r.scale.positions.positions} cards, ${r.scale.positions.panelNodes} nodes, ${r.scale.positions.extensionMsPerSecond} ms/s, slices ms ${s(r.scale.positions.perUpdate)}`,
  );
  const w = r.scale.watchlist;
  lines.push(
    `200-symbol watchlist: caches ${JSON.stringify(w.cacheEntries)}, ${w.persistedBytes} B of cache JSON, heap +${w.heapDeltaMb} MB, ${w.ok} ok / ${w.failed} refused or failed, requests/h ${JSON.stringify(w.requestsPerHour)}`,
  );
  lines.push('');
  for (const [k, v] of Object.entries(r.sizes.content)) lines.push(`content ${k}: ${v.raw} B raw, ${v.gzip} B gzip`);
  for (const k of ['background', 'popup', 'options'] as const) lines.push(`${k}: ${r.sizes[k].raw} B raw, ${r.sizes[k].gzip} B gzip`);
  for (const e of r.economy)
    lines.push(
      `${e.venue} ${e.symbol}: ${e.oneTab.requests} req/h (1 tab), ${e.tenTabs.requests} (10 tabs), ${e.oneTab.units} units/h = ${(e.shareOfLimit * 100).toFixed(2)}% of ${e.limit}`,
    );
  lines.push('', `liquidation zones (${r.zones[0]?.seeds ?? 0} synthetic markets per true mix; shape in common at 0.5%, recall, precision):`);
  for (const z of r.zones) lines.push(`  ${z.mix.padEnd(34)} overlap ${z.overlap.mean} (min ${z.overlap.min}), recall ${z.recall}, precision ${z.precision}`);
  lines.push(`  model cost in the background: ${r.zoneCost.levelsMs} ms per new bar (${r.zoneCost.levels} open levels), ${r.zoneCost.binMs} ms per snapshot`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const r = await runBench(quick ? QUICK : FULL);
  console.log(table(r));
  const out = quick ? 'artifacts/bench-quick.json' : 'bench/results.json';
  mkdirSync('artifacts', { recursive: true });
  writeFileSync(out, `${JSON.stringify(r, null, 2)}\n`);
  console.log(`\nwritten to ${out}`);
  if (r.checks.some((c) => !c.ok)) process.exitCode = 1;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) void main();
