import type { Window } from '../venues/market-types';

/** The panel's state as drawn: the options' defaults, overridden by what the trader changed on the panel. */
export interface ShownPrefs {
  collapsed: boolean;
  window: Window;
  privacy: boolean;
  /** Cards the trader opened to their full breakdown, as `symbol:side` (compact by default). */
  expanded: string[];
}

/** At most this many opened cards are remembered per venue. */
export const MAX_EXPANDED = 50;
/** A card's key in `expanded`. */
export const cardKey = (symbol: string, side: string) => `${symbol}:${side}`;

/**
 * What the panel remembers per venue: where it was dragged, and ONLY the settings the trader changed
 * on that venue's panel. A setting never changed there stays unset, so the options' default ("Hide
 * amounts by default", the default regime window) keeps taking effect after a drag or a collapse.
 */
export interface PanelPrefs extends Partial<ShownPrefs> {
  x: number | null;
  y: number | null;
}

export const DEFAULT_PREFS: PanelPrefs = { x: null, y: null };

/** The settings the trader changed on the panel, for the background (which adds the options' defaults). */
export function overrides(p: PanelPrefs): Partial<ShownPrefs> {
  return {
    ...(p.collapsed === undefined ? {} : { collapsed: p.collapsed }),
    ...(p.window === undefined ? {} : { window: p.window }),
    ...(p.privacy === undefined ? {} : { privacy: p.privacy }),
    ...(p.expanded === undefined ? {} : { expanded: p.expanded }),
  };
}

/** The panel as drawn: each override, else the options' default (never collapsed by default). */
export function shownPrefs(o: Partial<ShownPrefs> | null, defaults: { window: Window; privacy: boolean }): ShownPrefs {
  return { collapsed: o?.collapsed ?? false, window: o?.window ?? defaults.window, privacy: o?.privacy ?? defaults.privacy, expanded: o?.expanded ?? [] };
}

/**
 * Reads stored prefs defensively: storage is ours, but an older version may have written another
 * shape. `legacy`: the shape written before overrides were kept apart, which stored the window and
 * privacy as drawn (the options' defaults included): only the place and the collapse are kept.
 */
export function parsePrefs(x: unknown, legacy = false): PanelPrefs {
  if (!x || typeof x !== 'object') return DEFAULT_PREFS;
  const o = x as Record<string, unknown>;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  return {
    x: num(o.x),
    y: num(o.y),
    ...(typeof o.collapsed === 'boolean' ? { collapsed: o.collapsed } : {}),
    ...(!legacy && (o.window === '1h' || o.window === '4h' || o.window === '24h') ? { window: o.window } : {}),
    ...(!legacy && typeof o.privacy === 'boolean' ? { privacy: o.privacy } : {}),
    ...(Array.isArray(o.expanded) ? { expanded: o.expanded.filter((k): k is string => typeof k === 'string' && k.length <= 80).slice(0, MAX_EXPANDED) } : {}),
  };
}
