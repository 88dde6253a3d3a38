import { createPanelViews, type PanelViewDeps } from '../../../src/background/panel/view';
import type { Settings } from '../../../src/settings/schema';
import { defaultSettings } from '../../../src/settings/defaults';
import { snapshotFixture } from './snapshot';

/** The background's panel views over a fixed clock (`now`), one fresh snapshot for every market, no wallet positions. */
export function panelViews(over: Partial<PanelViewDeps> = {}, settings: Settings = defaultSettings(), now = 10_000) {
  const deps: PanelViewDeps = {
    snapshot: async () => ({ ok: true, snapshot: snapshotFixture({ quote: { ...snapshotFixture().quote, fetchedAt: now } }) }),
    positions: async () => ({ ok: true, positions: [] }),
    settings: async () => settings,
    now: () => now,
    wait: () => new Promise((r) => setTimeout(r, 0)),
    ...over,
  };
  return { panels: createPanelViews(deps), settings };
}
