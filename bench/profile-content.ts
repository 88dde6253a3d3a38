/**
 * Where the content script's time goes on the heavy page: a CPU profile of the page's main thread
 * (the content script runs in the same isolate, in its own world) summed by function, self time,
 * for the content script's file only; and the trace's slices by entry point.
 *
 *     npx tsx bench/profile-content.ts [seconds] [markHz] [positions]
 */
import { heavyPage } from './heavy-page';
import { extensionSlices, isContentScript, launchBench, panelReady, sleep, waitUntil } from './browser';
import { startFakeExchange } from '../tests/fake-exchange/server';

const seconds = Number(process.argv[2] ?? 20);
const markHz = Number(process.argv[3] ?? 1);
const positions = Number(process.argv[4] ?? 2);
const HOST = 'www.binance.com';
const PATH = '/en/futures/BTCUSDT';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

async function main() {
  const fake = await startFakeExchange();
  const b = await launchBench(true, fake);
  try {
    fake.setPage(HOST, PATH, heavyPage({ copies: 1, markHz, longOnly: positions === 1 }));
    const { page, cdp } = await b.newPage();
    await page.goto(`https://${HOST}${PATH}`, { waitUntil: 'load' });
    await waitUntil(page, panelReady, 'the panel');
    await sleep(3_000);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
    await cdp.send('Profiler.start');
    await sleep(seconds * 1000);
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } };
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map<number, number>();
    profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0)));
    // Inclusive time under content-script frames: a node counts when it or an ancestor is ours.
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const ours = (n: ProfileNode) => isContentScript(n.callFrame.url) || n.callFrame.url.includes('/assets/');
    const sums = new Map<string, number>();
    let total = 0;
    for (const [id, us] of self) {
      const n = byId.get(id);
      if (!n) continue;
      // Walk up to the nearest content-script frame; native/browser work under it is attributed to it.
      let cur: ProfileNode | undefined = n;
      while (cur && !(cur.callFrame.url.startsWith('chrome-extension://') && ours(cur))) cur = byId.get(parent.get(cur.id) ?? -1);
      if (!cur) continue;
      const key = `${cur.callFrame.functionName || '(anon)'} ${cur.callFrame.url.replace(/^.*\//, '')}:${cur.callFrame.lineNumber}:${cur.callFrame.columnNumber}${cur === n ? '' : ' +native'}`;
      sums.set(key, (sums.get(key) ?? 0) + us);
      total += us;
    }
    // Inclusive time of the content script's main steps (names as in an unminified build,
    // PERPLENS_NO_MINIFY=1 npm run build:chrome).
    const inclusive = new Map<string, number>();
    for (const [id, us] of self) {
      const seen = new Set<string>();
      for (let cur = byId.get(id); cur; cur = byId.get(parent.get(cur.id) ?? -1)) {
        if (!isContentScript(cur.callFrame.url) && !cur.callFrame.url.includes('/assets/')) continue;
        const name = cur.callFrame.functionName;
        if (!name || seen.has(name)) continue;
        seen.add(name);
        inclusive.set(name, (inclusive.get(name) ?? 0) + us);
      }
    }
    console.log('inclusive, ms/s:');
    for (const [k, us] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${(us / 1000 / seconds).toFixed(3).padStart(8)} ms/s  ${k}`);
    console.log(
      `content script CPU by function (self, incl. natives under it), ${seconds}s, mark ${markHz} Hz: total ${(total / 1000 / seconds).toFixed(2)} ms/s`,
    );
    for (const [k, us] of [...sums].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`${(us / 1000 / seconds).toFixed(3).padStart(8)} ms/s  ${k}`);
    await cdp.send('Profiler.disable');
    const traced = await extensionSlices(cdp, seconds * 1000, null);
    const entries = new Map<string, number[]>();
    for (const e of traced.all) {
      if (e.ph !== 'X' || !(e.name === 'FunctionCall' || e.name === 'v8.callFunction' || e.name === 'EvaluateScript')) continue;
      const url = e.args?.data?.url ?? '';
      if (!isContentScript(url)) continue;
      const d = e.args?.data as { functionName?: string; lineNumber?: number } | undefined;
      const k = `${e.name} ${d?.functionName ?? ''}:${d?.lineNumber ?? ''}`;
      entries.set(k, [...(entries.get(k) ?? []), (e.dur ?? 0) / 1000]);
    }
    // What runs inside the content script's slices besides its own JavaScript (a forced style or
    // layout, a GC): each nested event's time, by name.
    const inside = new Map<string, number>();
    const slices = traced.all.filter(
      (e) => e.ph === 'X' && (e.name === 'FunctionCall' || e.name === 'v8.callFunction') && isContentScript(e.args?.data?.url ?? ''),
    );
    for (const sl of slices) {
      const end = sl.ts + (sl.dur ?? 0);
      for (const e of traced.all) {
        if (e === sl || e.ph !== 'X' || e.tid !== sl.tid || e.pid !== sl.pid || e.ts < sl.ts || e.ts + (e.dur ?? 0) > end) continue;
        inside.set(e.name, (inside.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
      }
    }
    console.log('inside those slices (nested events, ms/s, overlapping):');
    for (const [k, v] of [...inside].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${(v / seconds).toFixed(3).padStart(8)} ms/s  ${k}`);
    console.log(`trace slices by entry, ${seconds}s:`);
    for (const [k, v] of [...entries].sort((a, b) => b[1].reduce((x, y) => x + y, 0) - a[1].reduce((x, y) => x + y, 0)))
      console.log(`${(v.reduce((x, y) => x + y, 0) / seconds).toFixed(3).padStart(8)} ms/s  n=${v.length}  max ${Math.max(...v).toFixed(2)}  ${k}`);
  } finally {
    await b.close();
    await fake.close();
  }
}
void main();
