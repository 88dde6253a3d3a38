import type { PanelViewReply, PanelViewRequest } from '../messages';
import { isTree, type TreeElement } from '../ui/tree';
import { WINDOWS } from '../venues/market-types';
import type { Position } from '../venues/position-types';
import type { VenueId } from '../venues/types';
import { extensionAlive, extensionApi } from './extension';

export type ViewAnswer = PanelViewReply | { failed: string };

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * The background's reply checked by hand rather than with a schema library: the page loads this
 * code, so it stays small; the tree check is a whitelist (src/ui/tree.ts).
 */
export function parseViewReply(x: unknown): PanelViewReply | null {
  if (!isRecord(x)) return null;
  if (x.enabled === false) return { enabled: false };
  if (x.enabled !== true || !isTree(x.tree) || !isRecord(x.prefs) || !isRecord(x.contractValues)) return null;
  const { collapsed, window, privacy } = x.prefs;
  if (typeof collapsed !== 'boolean' || typeof privacy !== 'boolean' || !(WINDOWS as readonly unknown[]).includes(window)) return null;
  const contractValues: Record<string, number> = {};
  for (const [k, v] of Object.entries(x.contractValues)) {
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) return null;
    contractValues[k] = v;
  }
  const tree: TreeElement = x.tree;
  return { enabled: true, tree, prefs: { collapsed, window: window as (typeof WINDOWS)[number], privacy }, contractValues };
}

/** Every failure (no background, an orphaned script after an update, a reply of the wrong shape) becomes a reason. */
export async function askView(request: PanelViewRequest): Promise<ViewAnswer> {
  try {
    const reply = parseViewReply(await extensionApi()?.runtime.sendMessage(request));
    return reply ?? { failed: 'PerpLens background sent an unexpected reply' };
  } catch (err) {
    return {
      failed: extensionAlive() ? `PerpLens background is unavailable (${err instanceof Error ? err.message : 'no reply'})` : 'PerpLens was updated or reloaded: reload this page',
    };
  }
}

/** Tells the background this tab holds nothing any more (the panel closed); fire and forget. */
export function reportNone(venue: VenueId): void {
  const positions: Position[] = [];
  extensionApi()?.runtime.sendMessage({ type: 'positions.report', venue, positions }).catch(() => undefined);
}
