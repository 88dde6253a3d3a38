import type { Window } from '../../venues/market-types';

/** What the panel remembers per venue: where it was dragged, collapsed or not, the regime window. */
export interface PanelPrefs {
  x: number | null;
  y: number | null;
  collapsed: boolean;
  window: Window;
  privacy: boolean;
}

export const DEFAULT_PREFS: PanelPrefs = { x: null, y: null, collapsed: false, window: '4h', privacy: false };

/** Reads stored prefs defensively: storage is ours, but an older version may have written another shape. */
export function parsePrefs(x: unknown): PanelPrefs {
  if (!x || typeof x !== 'object') return DEFAULT_PREFS;
  const o = x as Record<string, unknown>;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  return {
    x: num(o.x),
    y: num(o.y),
    collapsed: o.collapsed === true,
    window: o.window === '1h' || o.window === '24h' ? o.window : '4h',
    privacy: o.privacy === true,
  };
}
