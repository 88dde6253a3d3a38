import type { FetchError, Result } from '../venues/market-types';

export interface CacheOptions<T = unknown> {
  /** How long a value is fresh; a function when the user can change it (the quote refresh). */
  ttlMs: number | (() => number);
  /** How long to hold back after an error that named no time of its own. */
  errorHoldMs: number;
  /** A shorter freshness for some values (a stand-in table is asked for again sooner than the real one). */
  ttlFor?: (value: T) => number;
  /** Most keys kept; the least recently used go first. */
  maxEntries?: number;
  now?: () => number;
}

/** What a cache knows about a key: the last good value (maybe old) and the last error since it. */
export interface CacheView<T> {
  value?: T;
  storedAt?: number;
  error?: FetchError;
}

interface Entry<T> extends CacheView<T> {
  holdUntil?: number;
  inFlight?: Promise<CacheView<T>>;
}

export interface Cache<T> {
  get(key: string, load: () => Promise<Result<T>>): Promise<CacheView<T>>;
  peek(key: string): CacheView<T> | undefined;
  /** Good values with their times, for persistence. */
  dump(): [string, { value: T; storedAt: number }][];
  restore(key: string, value: T, storedAt: number): void;
  size(): number;
}

/**
 * A keyed cache with in-flight de-duplication: any number of callers asking for one key while it
 * loads share one request; after a failure nobody asks the venue again before the hold ends, and the
 * last good value stays available (the UI shows it as stale with its age).
 */
export function createCache<T>(opts: CacheOptions<T>): Cache<T> {
  const now = opts.now ?? Date.now;
  const entries = new Map<string, Entry<T>>();
  const max = opts.maxEntries ?? 500;
  const ttl = typeof opts.ttlMs === 'function' ? opts.ttlMs : () => opts.ttlMs as number;

  function touch(key: string, entry: Entry<T>): void {
    entries.delete(key);
    entries.set(key, entry);
    while (entries.size > max) {
      const oldest = entries.keys().next().value;
      if (oldest === undefined) break;
      entries.delete(oldest);
    }
  }

  const view = (e: Entry<T>): CacheView<T> => {
    const v: CacheView<T> = {};
    if (e.value !== undefined) v.value = e.value;
    if (e.storedAt !== undefined) v.storedAt = e.storedAt;
    if (e.error) v.error = e.error;
    return v;
  };

  async function get(key: string, load: () => Promise<Result<T>>): Promise<CacheView<T>> {
    const entry = entries.get(key) ?? {};
    touch(key, entry);
    const t = now();
    if (entry.value !== undefined && entry.storedAt !== undefined && t - entry.storedAt < (opts.ttlFor?.(entry.value) ?? ttl())) return view(entry);
    if (entry.inFlight) return entry.inFlight;
    if (entry.error && entry.holdUntil !== undefined && t < entry.holdUntil) return view(entry);
    entry.inFlight = load().then((result) => {
      entry.inFlight = undefined;
      if (result.ok) {
        entry.value = result.value;
        entry.storedAt = now();
        entry.error = undefined;
        entry.holdUntil = undefined;
      } else {
        entry.error = result.error;
        entry.holdUntil = result.error.retryAt ?? now() + opts.errorHoldMs;
      }
      return view(entry);
    });
    return entry.inFlight;
  }

  return {
    get,
    peek: (key) => {
      const e = entries.get(key);
      return e ? view(e) : undefined;
    },
    dump: () => {
      const out: [string, { value: T; storedAt: number }][] = [];
      for (const [k, e] of entries) if (e.value !== undefined && e.storedAt !== undefined) out.push([k, { value: e.value, storedAt: e.storedAt }]);
      return out;
    },
    restore: (key, value, storedAt) => {
      const e = entries.get(key);
      if (e?.storedAt !== undefined && e.storedAt >= storedAt) return;
      touch(key, { ...(e ?? {}), value, storedAt });
    },
    size: () => entries.size,
  };
}
