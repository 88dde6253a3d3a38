/**
 * Where the page's extra main-thread time goes with PerpLens: the heavy page in two browsers side
 * by side (with and without the extension), both traced over the same seconds, self time summed by
 * trace event name. The per-name differences show what PerpLens adds (script, style, layout, paint,
 * GC, messages); the totals drift by a few percent between browsers, so read the larger lines.
 *
 *     npx tsx bench/where-overhead.ts [rounds] [seconds]      (needs npm run build:chrome)
 */
import { startFakeExchange } from '../tests/fake-exchange/server';
import { launchBench, panelReady, sleep, traceFor, waitUntil, type TraceEvent } from './browser';
import { heavyPage } from './heavy-page';

const rounds = Number(process.argv[2] ?? 4);
const seconds = Number(process.argv[3] ?? 8);
const HOST = 'www.binance.com';
const PATH = '/en/futures/BTCUSDT';
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'cc', 'v8', 'toplevel'];

/** Self thread time by event name on the page's main thread (the thread that ran the page's frames). */
function selfByName(events: TraceEvent[]): Map<string, number> {
  const frames = new Map<string, number>();
  for (const e of events)
    if (e.name === 'LocalFrameView::performLayout' || e.name === 'Paint') frames.set(`${e.pid}:${e.tid}`, (frames.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
  const main = [...frames].sort((a, b) => b[1] - a[1])[0]?.[0];
  const thread = events
    .filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && e.tdur !== undefined)
    .sort((x, y) => x.ts - y.ts || (y.dur ?? 0) - (x.dur ?? 0));
  const out = new Map<string, number>();
  const open: TraceEvent[] = [];
  for (const e of thread) {
    while (open.length && (open[open.length - 1]?.ts ?? 0) + (open[open.length - 1]?.dur ?? 0) <= e.ts) open.pop();
    const parent = open[open.length - 1];
    const t = (e.tdur ?? 0) / 1000;
    if (parent) out.set(parent.name, (out.get(parent.name) ?? 0) - t);
    out.set(e.name, (out.get(e.name) ?? 0) + t);
    open.push(e);
  }
  return out;
}

const fake = await startFakeExchange();
const plain = await launchBench(false, fake);
const ext = await launchBench(true, fake);
const sums = { with: new Map<string, number>(), without: new Map<string, number>() };
try {
  fake.setPage(HOST, PATH, heavyPage({ copies: 1, markHz: 1 }));
  for (let r = 0; r < rounds; r++) {
    const a = await plain.newPage();
    const b = await ext.newPage();
    await Promise.all([a.page.goto(`https://${HOST}${PATH}`, { waitUntil: 'load' }), b.page.goto(`https://${HOST}${PATH}`, { waitUntil: 'load' })]);
    await waitUntil(b.page, panelReady, 'the panel');
    await sleep(3_000);
    const [ta, tb] = await Promise.all([traceFor(a.cdp, seconds * 1000, CATEGORIES), traceFor(b.cdp, seconds * 1000, CATEGORIES)]);
    for (const [k, v] of selfByName(ta)) sums.without.set(k, (sums.without.get(k) ?? 0) + v / seconds / rounds);
    for (const [k, v] of selfByName(tb)) sums.with.set(k, (sums.with.get(k) ?? 0) + v / seconds / rounds);
    await a.page.close();
    await b.page.close();
  }
  const total = (m: Map<string, number>) => [...m.values()].reduce((x, y) => x + y, 0);
  console.log(
    `main thread, ms/s: with ${total(sums.with).toFixed(2)}, without ${total(sums.without).toFixed(2)}, ratio ${(total(sums.with) / total(sums.without)).toFixed(4)}`,
  );
  const names = new Set([...sums.with.keys(), ...sums.without.keys()]);
  const rows = [...names]
    .map((n) => ({ n, w: sums.with.get(n) ?? 0, wo: sums.without.get(n) ?? 0 }))
    .sort((x, y) => Math.abs(y.w - y.wo) - Math.abs(x.w - x.wo));
  for (const r of rows.slice(0, 25))
    console.log(
      `  ${r.n.padEnd(48)} with ${r.w.toFixed(2).padStart(7)}  without ${r.wo.toFixed(2).padStart(7)}  ${(r.w - r.wo >= 0 ? '+' : '') + (r.w - r.wo).toFixed(2)}`,
    );
} finally {
  await plain.close();
  await ext.close();
  await fake.close();
}
