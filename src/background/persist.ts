import type { OiRecorder } from './oi-recorder';
import type { SnapshotCaches } from './snapshot';
import type { SeriesPoint } from '../venues/market-types';

/** The subset of `storage.StorageArea` used here, so tests can hand in a Map-backed fake. */
export interface StorageLike {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

// The version moves whenever a cached shape changes (v2: quotes carry figureSources), so a copy
// saved by an older build is never restored into a shape it does not fill.
const CACHE_KEY = 'perplens.cache.v2';
const RECORDER_KEY = 'perplens.oi.v1';
/** The OI recorded at each 15-minute close, for the zone model (storage.local, like the series). */
const CLOSES_KEY = 'perplens.oi-closes.v1';
const PARTS_KEY = 'perplens.state.v1';
/** Markets kept per data kind across a worker restart: the recently used ones are what matters. */
const KEEP_PER_KIND = 40;
/**
 * Seven days of 15-minute bars weigh ~70 KB a market: fewer are kept, within storage.session's
 * quota. The rest are asked whole again after a restart, once.
 */
const KEEP_PER_KIND_OVERRIDE: Readonly<Record<string, number>> = { zones: 12 };

type Dumped = [string, { value: unknown; storedAt: number }][];

function isDump(x: unknown): x is Dumped {
  return Array.isArray(x) && x.every((e) => Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'object' && e[1] !== null);
}

/**
 * Saves the caches to `storage.session` (survives the worker being stopped, not the browser) and
 * the recorded OI series to `storage.local` (a "since watching" series is worth keeping longer).
 * What is restored is trusted only as far as it was validated before it was stored: same extension.
 */
/** More state that must survive the worker being stopped (venue holds, watched markets). */
export interface SessionPart {
  dump(): unknown;
  restore(saved: unknown): void;
}

export function createPersistence(
  caches: SnapshotCaches,
  recorder: OiRecorder,
  session: StorageLike,
  local: StorageLike,
  parts: Record<string, SessionPart> = {},
) {
  let timer: ReturnType<typeof setTimeout> | null = null;

  async function restore(): Promise<void> {
    const [s, l, p, c] = await Promise.all([session.get(CACHE_KEY), local.get(RECORDER_KEY), session.get(PARTS_KEY), local.get(CLOSES_KEY)]);
    const savedParts = p[PARTS_KEY];
    if (savedParts && typeof savedParts === 'object') {
      for (const [name, part] of Object.entries(parts)) part.restore((savedParts as Record<string, unknown>)[name]);
    }
    const saved = s[CACHE_KEY];
    if (saved && typeof saved === 'object') {
      for (const [kind, cache] of Object.entries(caches)) {
        const dump = (saved as Record<string, unknown>)[kind];
        if (!isDump(dump)) continue;
        for (const [key, { value, storedAt }] of dump) (cache as { restore(k: string, v: unknown, t: number): void }).restore(key, value, storedAt);
      }
    }
    const series = l[RECORDER_KEY];
    if (Array.isArray(series)) recorder.restore(series as [string, SeriesPoint[]][]);
    recorder.restoreCloses(c[CLOSES_KEY]);
  }

  async function save(): Promise<void> {
    timer = null;
    const out: Record<string, Dumped> = {};
    for (const [kind, cache] of Object.entries(caches)) out[kind] = (cache.dump() as Dumped).slice(-(KEEP_PER_KIND_OVERRIDE[kind] ?? KEEP_PER_KIND));
    const partsOut = Object.fromEntries(Object.entries(parts).map(([name, part]) => [name, part.dump()]));
    await Promise.all([
      session.set({ [CACHE_KEY]: out, [PARTS_KEY]: partsOut }),
      local.set({ [RECORDER_KEY]: recorder.dump(), [CLOSES_KEY]: recorder.dumpCloses() }),
    ]);
  }

  return {
    restore,
    /** Debounced: many snapshots in a burst make one write. */
    schedule(delayMs = 5_000): void {
      if (timer === null) timer = setTimeout(() => void save().catch(() => undefined), delayMs);
    },
    save,
  };
}
