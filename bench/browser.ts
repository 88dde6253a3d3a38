import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { builtExtension, chromiumArgs, executableFor, witnessTargets } from '../tests/e2e/browsers';
import type { FakeExchange } from '../tests/fake-exchange/server';

export interface BenchBrowser {
  context: BrowserContext;
  withExtension: boolean;
  newPage(): Promise<{ page: Page; cdp: CDPSession }>;
  close(): Promise<void>;
}

/**
 * Debian Chromium with or without the built extension, the venue hosts mapped to the fake exchange.
 * Both runs get the same flags apart from loading the extension, so the difference is PerpLens's.
 */
export async function launchBench(withExtension: boolean, fake: Pick<FakeExchange, 'hosts' | 'port' | 'witness'>): Promise<BenchBrowser> {
  const { hosts, port } = fake;
  const ext = builtExtension('chromium');
  const args = chromiumArgs(ext, hosts, port).filter((a) => withExtension || !/^--(?:disable-extensions-except|load-extension)=/.test(a));
  if (!withExtension) args.push('--disable-extensions');
  const profile = mkdtempSync(join(tmpdir(), 'perplens-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: executableFor('chromium'),
    headless: true,
    args,
    ignoreHTTPSErrors: true,
    viewport: { width: 1280, height: 800 },
  });
  fake.witness(witnessTargets(context, withExtension ? 'chromium with PerpLens' : 'chromium without PerpLens'));
  if (withExtension && context.serviceWorkers().length === 0) await context.waitForEvent('serviceworker', { timeout: 15_000 });
  return {
    context,
    withExtension,
    async newPage() {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      return { page, cdp };
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Main-thread time of the page's renderer so far, in ms: `task` is the wall time of its tasks
 * (TaskDuration), `thread` the CPU time its main thread got (ThreadTime). On two cores, a task
 * the scheduler pauses for another process (the other browser, the extension's worker, the fake
 * exchange) lasts longer in wall time without the page doing more work; CPU time does not grow.
 */
export async function mainThread(cdp: CDPSession): Promise<{ task: number; script: number; thread: number }> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  const thread = metrics.find((m) => m.name === 'ThreadTime');
  if (!thread) throw new Error('CDP reported no ThreadTime');
  return { task: get('TaskDuration'), script: get('ScriptDuration'), thread: thread.value * 1000 };
}

export interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  /** Thread time, µs (only on events of traced threads). */
  tdur?: number;
  ts: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string; message?: string } };
}

/** Every trace event of the `categories` over the next `ms`. */
export async function traceFor(cdp: CDPSession, ms: number, categories: readonly string[]): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  const collect = (e: { value: unknown }) => {
    events.push(...(e.value as TraceEvent[]));
  };
  cdp.on('Tracing.dataCollected', collect);
  await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: [...categories] } });
  await new Promise((r) => setTimeout(r, ms));
  const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
  await cdp.send('Tracing.end');
  await done;
  cdp.off('Tracing.dataCollected', collect);
  return events;
}

/**
 * Traces the page for `ms` and returns the durations (ms) of the slices the extension's own script
 * ran in on the page's threads: each callback, timer and message reply of the content script.
 */
/** A venue's page entry as built (src/venues/<venue>/content.js): the content script's own file. */
export const isContentScript = (url: string): boolean => /\/src\/venues\/[a-z0-9-]+\/content\.js/.test(url);

export async function extensionSlices(cdp: CDPSession, ms: number, extensionId: string | null): Promise<{ slices: number[]; all: TraceEvent[] }> {
  const events = await traceFor(cdp, ms, ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'toplevel']);
  // Tracing is browser-wide: the extension's worker runs chrome-extension:// code too, in its own
  // process. Only the content script's own file counts against the page.
  const ours = (url: string | undefined) =>
    Boolean(url && url.startsWith('chrome-extension://') && isContentScript(url) && (!extensionId || url.includes(extensionId)));
  const slices = events
    .filter((e) => e.ph === 'X' && (e.name === 'FunctionCall' || e.name === 'EvaluateScript' || e.name === 'v8.callFunction') && ours(e.args?.data?.url))
    .map((e) => (e.dur ?? 0) / 1000);
  return { slices, all: events };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` in the page until it returns something truthy. */
export async function waitUntil<T>(page: Page, fn: () => T, what: string, timeoutMs = 20_000): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await page.evaluate(fn);
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`bench: timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** In the page: the panel shows at least one position, every one of them complete. */
export const panelReady = () => {
  const root = document.getElementById('perplens-root')?.shadowRoot;
  const cards = root ? [...root.querySelectorAll('[data-perplens-position]')] : [];
  return cards.length > 0 && cards.every((c) => c.getAttribute('data-state') === 'ok');
};
