// @vitest-environment happy-dom
// @vitest-environment-options { "url": "https://www.binance.com/en/futures/BTCUSDT" }
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPanelViews } from '../../../src/background/panel/view';
import { PANEL_PORT } from '../../../src/protocol/messages';
import { defaultSettings } from '../../../src/settings/defaults';
import { snapshotFixture } from '../helpers/snapshot';

// The content script end to end inside one page, with the real background panel behind a stand-in
// extension API: what it mounts, what it asks, what it stores and what it reports.

const FIXTURE = readFileSync('tests/pages/binance/e2e-long-short.html', 'utf8');

interface Harness {
  storage: Map<string, unknown>;
  sent: unknown[];
  asked: unknown[];
}

function installExtension(): Harness {
  const storage = new Map<string, unknown>();
  const sent: unknown[] = [];
  const asked: unknown[] = [];
  const settings = defaultSettings();
  const panels = createPanelViews({
    snapshot: async () => ({ ok: true, snapshot: snapshotFixture({ quote: { ...snapshotFixture().quote, markPrice: 60_000.12, fetchedAt: Date.now() } }) }),
    positions: async () => ({ ok: true, positions: [] }),
    settings: async () => settings,
    now: () => Date.now(),
    wait: () => new Promise((r) => setTimeout(r, 0)),
  });
  const listeners: ((m: unknown) => void)[] = [];
  const port = {
    postMessage(message: unknown) {
      const { id, request } = structuredClone(message) as { id: number; request: Parameters<typeof panels.view>[0] };
      asked.push(request);
      void panels
        .view(request, 1, () => undefined)
        .then((reply) => {
          for (const l of listeners) l(structuredClone({ id, reply }));
        });
    },
    onMessage: { addListener: (cb: (m: unknown) => void) => void listeners.push(cb) },
    onDisconnect: { addListener: () => undefined },
    disconnect: () => undefined,
  };
  (globalThis as { chrome?: unknown }).chrome = {
    runtime: {
      id: 'test-extension',
      connect: ({ name }: { name: string }) => {
        expect(name).toBe(PANEL_PORT);
        return port;
      },
      sendMessage: async (m: unknown) => void sent.push(structuredClone(m)),
    },
    storage: {
      local: {
        get: async (keys: string | string[]) =>
          Object.fromEntries(
            [keys]
              .flat()
              .filter((k) => storage.has(k))
              .map((k) => [k, storage.get(k)]),
          ),
        set: async (items: Record<string, unknown>) => {
          for (const [k, v] of Object.entries(items)) storage.set(k, structuredClone(v));
        },
      },
    },
  };
  return { storage, sent, asked };
}

const root = () => document.getElementById('perplens-root')?.shadowRoot ?? null;
const cards = () => [...(root()?.querySelectorAll('[data-perplens-position]') ?? [])];

describe('the content script on a Binance trading page', () => {
  let h: Harness;
  beforeEach(async () => {
    vi.resetModules();
    document.documentElement.innerHTML = FIXTURE.replace(/^[\s\S]*?<html[^>]*>/i, '').replace(/<\/html>[\s\S]*$/i, '');
    h = installExtension();
    const { startContent } = await import('../../../src/content/start');
    const { binancePage } = await import('../../../src/venues/binance/page');
    startContent({ reader: binancePage });
  });
  afterEach(() => {
    document.getElementById('perplens-root')?.remove();
    delete (globalThis as { chrome?: unknown }).chrome;
  });

  it('mounts the panel with a card per position read from the page, asking with the page’s read', async () => {
    await vi.waitFor(
      () =>
        expect(cards().map((c) => [c.getAttribute('data-symbol'), c.getAttribute('data-side'), c.getAttribute('data-state')])).toEqual([
          ['BTCUSDT', 'long', 'ok'],
          ['BTCUSDT', 'short', 'ok'],
        ]),
      { timeout: 5_000 },
    );
    const first = h.asked[0] as { venue: string; symbol: string; prefs: unknown };
    expect(first).toMatchObject({ venue: 'binance', symbol: 'BTCUSDT', prefs: null });
    const long = cards()[0];
    expect(long?.querySelector('[data-field="liq-price"]')?.getAttribute('data-value')).toBe('56300.5');
    expect(long?.querySelector('[data-field="mark-price"]')?.getAttribute('data-value')).toBe('60000.12');
  });

  it('a collapse stores only the collapse, so the options keep deciding the window and privacy', async () => {
    await vi.waitFor(() => expect(cards()).toHaveLength(2), { timeout: 5_000 });
    (root()?.querySelector('[data-action="collapse"]') as HTMLElement).click();
    await vi.waitFor(() => expect(h.storage.get('perplens.panel.v2.binance')).toEqual({ x: null, y: null, collapsed: true }));
    await vi.waitFor(() => expect(root()?.querySelector('.panel.collapsed')).not.toBeNull());
    const last = h.asked.at(-1) as { prefs: unknown };
    expect(last.prefs).toEqual({ collapsed: true });
  });

  it('Esc collapses the panel from inside it; the page’s own Esc elsewhere is left alone', async () => {
    await vi.waitFor(() => expect(cards()).toHaveLength(2), { timeout: 5_000 });
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await new Promise((r) => setTimeout(r, 50));
    expect(h.storage.has('perplens.panel.v2.binance')).toBe(false);
    root()
      ?.querySelector('[data-action="privacy"]')
      ?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await vi.waitFor(() => expect(root()?.querySelector('.panel.collapsed')).not.toBeNull());
    expect(h.storage.get('perplens.panel.v2.binance')).toEqual({ x: null, y: null, collapsed: true });
  });

  it('leaving the trading page in-app unmounts the panel and tells the background the positions are gone', async () => {
    await vi.waitFor(() => expect(cards()).toHaveLength(2), { timeout: 5_000 });
    history.pushState({}, '', '/en/my/wallet');
    await vi.waitFor(() => expect(document.getElementById('perplens-root')).toBeNull(), { timeout: 3_000 });
    expect(h.sent).toContainEqual({ type: 'positions.report', venue: 'binance', positions: [] });
  });
});
