import type { BandRules } from '../core/bands';
import type { PanelViewReply, PanelViewRequest } from '../protocol/messages';
import { PANEL_PORT } from '../protocol/port';
import type { LiveCard } from '../protocol/live-card';
import { isOps, isTree } from '../protocol/tree';
import { WINDOWS } from '../venues/market-types';
import type { Position } from '../venues/position-types';
import type { VenueId } from '../venues/types';
import { extensionAlive, extensionApi, type ContentPort } from '../platform/extension';

export type ViewAnswer = PanelViewReply | { failed: string };

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

// σ is 0 for a market whose closes never moved: then the σ figures are unknown, not the reply.
const volOrNull = (v: unknown) => v === null || (typeof v === 'number' && Number.isFinite(v) && v >= 0);
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function parseBands(x: unknown): BandRules | null {
  if (!isRecord(x) || (x.basis !== 'touch' && x.basis !== 'sigma' && x.basis !== 'percent')) return null;
  const { dangerBelow, cautionBelow, touchDanger, touchCaution, sigmaDanger, sigmaCaution } = x;
  if (![dangerBelow, cautionBelow, touchDanger, touchCaution, sigmaDanger, sigmaCaution].every(finite)) return null;
  return { basis: x.basis, dangerBelow, cautionBelow, touchDanger, touchCaution, sigmaDanger, sigmaCaution } as BandRules;
}

function parseLive(x: unknown): (LiveCard | null)[] | null {
  if (!Array.isArray(x) || x.length > 1_000) return null;
  const out: (LiveCard | null)[] = [];
  for (const c of x) {
    if (c === null) {
      out.push(null);
      continue;
    }
    if (!isRecord(c)) return null;
    const { symbol, side, liqPrice, dailyVol, bands, size, quote } = c;
    if (typeof symbol !== 'string' || (side !== 'long' && side !== 'short') || !finite(liqPrice) || liqPrice <= 0 || !volOrNull(dailyVol)) return null;
    if (!(size === null || (finite(size) && size > 0)) || !(quote === null || (typeof quote === 'string' && quote.length <= 12))) return null;
    const b = parseBands(bands);
    if (!b) return null;
    out.push({ symbol, side, liqPrice, dailyVol: dailyVol as number | null, bands: b, size, quote });
  }
  return out;
}

/**
 * The background's reply checked by hand rather than with a schema library: the page loads this
 * code, so it stays small; the tree check is a whitelist (src/protocol/tree.ts).
 */
export function parseViewReply(x: unknown): PanelViewReply | null {
  if (!isRecord(x)) return null;
  if (x.enabled === false) return { enabled: false };
  if (x.enabled !== true || !isRecord(x.prefs) || !isRecord(x.contractValues) || !Number.isInteger(x.version)) return null;
  const { collapsed, window, privacy, expanded } = x.prefs;
  if (typeof collapsed !== 'boolean' || typeof privacy !== 'boolean' || !(WINDOWS as readonly unknown[]).includes(window)) return null;
  if (!Array.isArray(expanded) || !expanded.every((k) => typeof k === 'string')) return null;
  const contractValues: Record<string, number> = {};
  for (const [k, v] of Object.entries(x.contractValues)) {
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) return null;
    contractValues[k] = v;
  }
  const live = parseLive(x.live);
  if (!live) return null;
  const base = {
    enabled: true as const,
    version: x.version as number,
    prefs: { collapsed, window: window as (typeof WINDOWS)[number], privacy, expanded: expanded as string[] },
    contractValues,
    live,
    pending: x.pending === true,
  };
  if (isTree(x.tree)) return typeof x.css === 'string' && x.css.length < 30_000 ? { ...base, tree: x.tree, css: x.css } : { ...base, tree: x.tree };
  if (isOps(x.ops)) return { ...base, ops: x.ops };
  return null;
}

let port: ContentPort | null = null;
let nextId = 1;
const pending = new Map<number, (answer: ViewAnswer) => void>();

function failAll(message: string): void {
  for (const settle of pending.values()) settle({ failed: message });
  pending.clear();
}

/**
 * One long-lived port rather than a message per question: in Chrome a `runtime.sendMessage` opens
 * and closes a channel every time, which cost the page ~3 ms per update; a post on an open port is
 * far cheaper. The port closes when the worker stops; the next question opens a new one.
 */
function openPort(): ContentPort | null {
  if (port) return port;
  const api = extensionApi();
  if (!api) return null;
  const p = api.runtime.connect({ name: PANEL_PORT });
  p.onMessage.addListener((message) => {
    if (typeof message !== 'object' || message === null) return;
    const { id, reply } = message as { id?: unknown; reply?: unknown };
    const settle = typeof id === 'number' ? pending.get(id) : undefined;
    if (!settle) return;
    pending.delete(id as number);
    settle(parseViewReply(reply) ?? { failed: 'PerpLens background sent an unexpected reply' });
  });
  p.onDisconnect.addListener(() => {
    if (port === p) port = null;
    failAll(extensionAlive() ? 'PerpLens background restarted; asking again' : 'PerpLens was updated or reloaded: reload this page');
  });
  port = p;
  return p;
}

/** Every failure (no background, an orphaned script after an update, a reply of the wrong shape) becomes a reason. */
export function askView(request: PanelViewRequest): Promise<ViewAnswer> {
  return new Promise((resolve) => {
    try {
      const p = openPort();
      if (!p) return resolve({ failed: 'PerpLens background is unavailable' });
      const id = nextId++;
      pending.set(id, resolve);
      p.postMessage({ id, request });
    } catch (err) {
      resolve({
        failed: extensionAlive()
          ? `PerpLens background is unavailable (${err instanceof Error ? err.message : 'no reply'})`
          : 'PerpLens was updated or reloaded: reload this page',
      });
    }
  });
}

/** Tells the background this tab holds nothing any more (the panel closed); fire and forget. */
/** A panel button the background answers (the options page, the layout report); it checks `what`. */
export function panelAsk(what: string | null | undefined): void {
  try {
    extensionApi()
      ?.runtime.sendMessage({ type: 'panel.ask', what })
      .catch(() => undefined);
  } catch {
    // An orphaned script (after an update) has no options page to open.
  }
}

export function reportNone(venue: VenueId): void {
  const positions: Position[] = [];
  // After an extension update this script is orphaned and Chrome throws "Extension context
  // invalidated" synchronously, before any promise exists for .catch to handle.
  try {
    extensionApi()
      ?.runtime.sendMessage({ type: 'positions.report', venue, positions })
      .catch(() => undefined);
  } catch {
    // Nothing to tell: the background that held this tab's report is gone with the old version.
  }
}
