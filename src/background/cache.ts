import type { FetchError, Result } from '../venues/market-types';

export interface CacheOptions {
  ttlMs: number;
  /** How long to hold back after an error that named no time of its own. */
  errorHoldMs: number;
  now?: () => number;
}

interface Entry<T> {
  value?: T;
  storedAt?: number;
  error?: FetchError;
  holdUntil?: number;
  inFlight?: Promise<Result<T>>;
}

/**
 * A keyed cache with in-flight de-duplication: any number of callers asking for one key while it
 * loads share one request, and after a failure nobody asks the venue again before the hold ends.
 */
export function createCache<T>(opts: CacheOptions) {
  const now = opts.now ?? Date.now;
  const entries = new Map<string, Entry<T>>();

  async function get(key: string, load: () => Promise<Result<T>>): Promise<Result<T>> {
    const entry = entries.get(key) ?? {};
    entries.set(key, entry);
    const t = now();
    if (entry.value !== undefined && entry.storedAt !== undefined && t - entry.storedAt < opts.ttlMs) {
      return { ok: true, value: entry.value };
    }
    if (entry.inFlight) return entry.inFlight;
    if (entry.error && entry.holdUntil !== undefined && t < entry.holdUntil) return { ok: false, error: entry.error };
    entry.inFlight = load().then((result) => {
      entry.inFlight = undefined;
      if (result.ok) {
        entry.value = result.value;
        entry.storedAt = now();
        entry.error = undefined;
      } else {
        entry.error = result.error;
        entry.holdUntil = result.error.retryAt ?? now() + opts.errorHoldMs;
      }
      return result;
    });
    return entry.inFlight;
  }

  return { get, size: () => entries.size };
}
