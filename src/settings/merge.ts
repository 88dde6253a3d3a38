import * as v from 'valibot';
import { defaultSettings } from './defaults';
import { BOUNDS, checkSettings, sameMarket, WatchItemSchema, type Settings, type WatchItem } from './schema';

// Stored settings can be damaged (an older build, a sync conflict, a hand edit through devtools).
// Throwing the whole document away for one bad field would silently reset everything else the
// user chose, so each value is kept when it is valid on its own and in context, and only what
// fails falls back to its default.

type Json = Record<string, unknown>;

const isRecord = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);

// Settings nest three levels deep (regimeThresholds.4h.price); anything deeper is not ours.
const MAX_DEPTH = 3;

function leafPaths(value: unknown, prefix: string[] = []): string[][] {
  if (!isRecord(value) || prefix.length >= MAX_DEPTH) return [prefix];
  return Object.keys(value).flatMap((k) => leafPaths(value[k], [...prefix, k]));
}

function valueAt(root: unknown, path: readonly string[]): unknown {
  let at = root;
  for (const key of path) at = isRecord(at) ? at[key] : undefined;
  return at;
}

function withValue(root: Json, path: readonly string[], value: unknown): Json | null {
  const [head, ...rest] = path;
  if (head === undefined) return null;
  if (rest.length === 0) return { ...root, [head]: value };
  const inner = root[head];
  // Only the last key may be new (an address is absent from the defaults); a missing parent means
  // the path is not a setting at all.
  if (!isRecord(inner)) return null;
  const replaced = withValue(inner, rest, value);
  return replaced ? { ...root, [head]: replaced } : null;
}

function keptWatchItems(raw: unknown): WatchItem[] | null {
  if (!Array.isArray(raw)) return null;
  const kept: WatchItem[] = [];
  for (const item of raw) {
    const r = v.safeParse(WatchItemSchema, item);
    if (r.success && !kept.some((k) => sameMarket(k, r.output))) kept.push(r.output);
    if (kept.length === BOUNDS.watchlistMax) break;
  }
  return kept;
}

/** Stored data → settings: valid as a whole, or field by field over the defaults. Never throws. */
export function mergeStoredSettings(raw: unknown): Settings {
  const whole = checkSettings(raw);
  if (whole.ok) return whole.settings;
  const base = defaultSettings();
  if (!isRecord(raw)) return base;

  let current: Json = { ...base, watchlist: keptWatchItems(raw['watchlist']) ?? base.watchlist };
  const accepts = (candidate: Json | null): candidate is Json => candidate !== null && checkSettings(candidate).ok;

  const sections = Object.keys(base).filter((k) => k !== 'version' && k !== 'watchlist' && k in raw);
  for (const section of sections) {
    const whole = { ...current, [section]: raw[section] };
    if (accepts(whole)) current = whole;
  }
  // Fields that depend on each other (danger below caution) may only fit once their partner has
  // been taken too, so passes repeat until nothing more is accepted.
  const leaves = sections.flatMap((s) => leafPaths(raw[s], [s]));
  for (let changed = true; changed;) {
    changed = false;
    for (const path of leaves) {
      const value = valueAt(raw, path);
      if (Object.is(valueAt(current, path), value)) continue;
      const candidate = withValue(current, path, value);
      if (accepts(candidate)) {
        current = candidate;
        changed = true;
      }
    }
  }
  const out = checkSettings(current);
  return out.ok ? out.settings : base;
}
