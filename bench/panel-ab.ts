// What the panel's look costs the page, measured inside ONE page: a style in the panel's shadow
// root switches between CSS A and CSS B every few seconds, and one trace sums the main thread's
// time per phase. Two browsers side by side (page-bench) differ by a few percent on their own on
// this machine; here both variants share the process, the core and the minute, so the panel's own
// share and CSS experiments on it can be compared. Not a budget: with ÷ without is page-bench's.
//
//   npx tsx bench/panel-ab.ts [seconds]          visible panel (A) against the same panel hidden (B)
//   A='.body{display:none}' B='' npx tsx bench/panel-ab.ts 40     one CSS variant against another
//
//   OVERLAY='<style>…</style><div>…</div>' npx tsx bench/panel-ab.ts 60    any overlay, no extension
//
// Needs `npm run build:chrome` first. MARKHZ sets how often the page's mark ticks (default 1).
import { startFakeExchange } from '../tests/fake-exchange/server';
import { launchBench, panelReady, traceFor, waitUntil, type TraceEvent } from './browser';
import { heavyPage } from './heavy-page';
import { spread, type Spread } from './stats';

export interface PanelAbResult {
  phases: { a: number; b: number };
  /** Main-thread thread time, ms per second, over all A phases and all B phases. */
  msPerSecond: { a: number; b: number };
  ratio: number;
  /** Each A phase against the mean of the B phases either side of it: the instrument's spread. */
  pairs: Spread;
  /** Self thread time by kind of work, ms per second. */
  byKind: Record<string, { a: number; b: number }>;
  /** Self thread time by trace event name, ms per second, the largest differences first. */
  byName: { name: string; a: number; b: number }[];
}

const HIDDEN = ':host{display:none!important}';
// After each switch: the restyle the switch itself causes is not the variant's steady cost.
const SETTLE_US = 300_000;

const kindOf = (name: string): string =>
  /Layout|Shape|Inline/.test(name)
    ? 'layout'
    : /Paint|Layerize|Raster|Display|CullRect/.test(name)
      ? 'paint'
      : /FunctionCall|v8|V8|RunMicrotasks|TimerFire/.test(name)
        ? 'script'
        : 'other';

interface Phase {
  variant: 'a' | 'b';
  seconds: number;
  total: number;
  kinds: Map<string, number>;
  /** Self thread time by trace event name, ms. */
  names: Map<string, number>;
}

function phasesOf(events: TraceEvent[]): Phase[] {
  const stamps = events.filter((e) => e.name === 'TimeStamp' && /^PERPLENS-AB-[AB]$/.test(e.args?.data?.message ?? '')).sort((x, y) => x.ts - y.ts);
  const first = stamps[0];
  if (!first) throw new Error('no phase switches in the trace');
  const thread = events
    .filter((e) => e.pid === first.pid && e.tid === first.tid && e.ph === 'X' && e.tdur !== undefined)
    .sort((x, y) => x.ts - y.ts || (y.dur ?? 0) - (x.dur ?? 0));
  const phases: Phase[] = [];
  for (let i = 0; i + 1 < stamps.length; i++) {
    const from = (stamps[i]?.ts ?? 0) + SETTLE_US;
    const to = stamps[i + 1]?.ts ?? 0;
    const kinds = new Map<string, number>();
    const names = new Map<string, number>();
    const open: TraceEvent[] = [];
    let total = 0;
    for (const e of thread) {
      if (e.ts < from || e.ts >= to) continue;
      while (open.length && (open[open.length - 1]?.ts ?? 0) + (open[open.length - 1]?.dur ?? 0) <= e.ts) open.pop();
      const parent = open[open.length - 1];
      const t = (e.tdur ?? 0) / 1000;
      if (parent) {
        kinds.set(kindOf(parent.name), (kinds.get(kindOf(parent.name)) ?? 0) - t);
        names.set(parent.name, (names.get(parent.name) ?? 0) - t);
      } else total += t;
      kinds.set(kindOf(e.name), (kinds.get(kindOf(e.name)) ?? 0) + t);
      names.set(e.name, (names.get(e.name) ?? 0) + t);
      open.push(e);
    }
    phases.push({ variant: stamps[i]?.args?.data?.message === 'PERPLENS-AB-A' ? 'a' : 'b', seconds: (to - from) / 1e6, total, kinds, names });
  }
  return phases;
}

export async function panelAb(o: { seconds: number; phaseMs: number; markHz: number; a: string; b: string; overlay?: string }): Promise<PanelAbResult> {
  const fake = await startFakeExchange();
  // `overlay`: no extension; the page itself puts this markup in a shadow root on a #perplens-root
  // host, to tell what any fixed overlay costs the page from what PerpLens's panel costs.
  const browser = await launchBench(o.overlay === undefined, fake);
  try {
    fake.setPage('www.binance.com', '/en/futures/BTCUSDT', heavyPage({ copies: 1, markHz: o.markHz }));
    const { page, cdp } = await browser.newPage();
    await page.goto('https://www.binance.com/en/futures/BTCUSDT', { waitUntil: 'load' });
    if (o.overlay === undefined) await waitUntil(page, panelReady, 'the panel');
    else
      await page.evaluate(`(() => {
        const host = document.createElement('div');
        host.id = 'perplens-root';
        host.attachShadow({ mode: 'open' }).innerHTML = ${JSON.stringify(o.overlay)};
        document.documentElement.appendChild(host);
      })()`);
    await new Promise((r) => setTimeout(r, 3_000));
    // A string, not a function: the page runs it as it is, with no helpers of the bundler's.
    await page.evaluate(`(() => {
      const style = document.createElement('style');
      document.getElementById('perplens-root').shadowRoot.appendChild(style);
      let k = 0;
      const flip = () => { k++; style.textContent = k % 2 ? ${JSON.stringify(o.a)} : ${JSON.stringify(o.b)}; console.timeStamp(k % 2 ? 'PERPLENS-AB-A' : 'PERPLENS-AB-B'); };
      flip();
      setInterval(flip, ${o.phaseMs});
    })()`);
    const phases = phasesOf(
      await traceFor(cdp, o.seconds * 1000, ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'cc', 'v8', 'toplevel']),
    );
    const of = (v: 'a' | 'b') => phases.filter((p) => p.variant === v);
    const rate = (ps: Phase[], f: (p: Phase) => number) => ps.reduce((s, p) => s + f(p), 0) / ps.reduce((s, p) => s + p.seconds, 0);
    const a = of('a');
    const b = of('b');
    const perSecond = (p: Phase | undefined) => (p ? p.total / p.seconds : NaN);
    const pairs = phases
      .map((p, i) => (p.variant === 'a' ? perSecond(p) / ((perSecond(phases[i - 1] ?? phases[i + 1]) + perSecond(phases[i + 1] ?? phases[i - 1])) / 2) : NaN))
      .filter(Number.isFinite);
    const byKind: Record<string, { a: number; b: number }> = {};
    for (const k of ['script', 'layout', 'paint', 'other']) byKind[k] = { a: rate(a, (p) => p.kinds.get(k) ?? 0), b: rate(b, (p) => p.kinds.get(k) ?? 0) };
    const allNames = new Set(phases.flatMap((p) => [...p.names.keys()]));
    const byName = [...allNames]
      .map((name) => ({ name, a: rate(a, (p) => p.names.get(name) ?? 0), b: rate(b, (p) => p.names.get(name) ?? 0) }))
      .sort((x, y) => Math.abs(y.a - y.b) - Math.abs(x.a - x.b));
    const msPerSecond = { a: rate(a, (p) => p.total), b: rate(b, (p) => p.total) };
    return { phases: { a: a.length, b: b.length }, msPerSecond, ratio: msPerSecond.a / msPerSecond.b, pairs: spread(pairs), byKind, byName };
  } finally {
    await browser.close();
    await fake.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await panelAb({
    seconds: Number(process.argv[2] ?? 40),
    phaseMs: Number(process.env.PHASE_MS ?? 2_000),
    markHz: Number(process.env.MARKHZ ?? 1),
    a: process.env.A ?? '',
    b: process.env.B ?? HIDDEN,
    overlay: process.env.OVERLAY,
  });
  const f = (x: number) => x.toFixed(2);
  console.log(`phases A ${r.phases.a}, B ${r.phases.b}; main thread ms/s A ${f(r.msPerSecond.a)}, B ${f(r.msPerSecond.b)}; A ÷ B ${r.ratio.toFixed(4)}`);
  console.log(`A ÷ neighbouring B per phase: min ${r.pairs.min.toFixed(3)} / median ${r.pairs.median.toFixed(3)} / max ${r.pairs.max.toFixed(3)}`);
  for (const [k, v] of Object.entries(r.byKind)) console.log(`  ${k.padEnd(7)} A ${f(v.a)}  B ${f(v.b)}`);
  console.log('largest differences by trace event (self time, ms/s):');
  for (const n of r.byName.slice(0, 14)) console.log(`  ${n.name.padEnd(36)} A ${f(n.a)}  B ${f(n.b)}  ${n.a - n.b >= 0 ? '+' : ''}${f(n.a - n.b)}`);
}
