import { BOUNDS, type Settings } from './schema';

// storage.sync caps one item at 8 KB, and a full watchlist (200 markets of up to 40 characters)
// is larger than that. The settings live under one key, `perplens.settings`; only a watchlist
// longer than fits there continues in numbered part keys, and the main item says how
// many parts belong to it, so a stale part left behind by an earlier, longer list is never read.
// Counts, not bytes: the worst case (every symbol 40 characters, every number at full precision)
// is proven to fit by tests/unit/settings/store.test.ts.

export const SETTINGS_KEY = 'perplens.settings';
const HEAD_ITEMS = 80;
const PART_ITEMS = 100;
const MAX_PARTS = Math.ceil((BOUNDS.watchlistMax - HEAD_ITEMS) / PART_ITEMS);

const partKey = (n: number) => `${SETTINGS_KEY}.watchlist.${n}`;

/** Every key the settings may occupy, for reading, watching and clearing. */
export const SETTINGS_KEYS: readonly string[] = [SETTINGS_KEY, ...Array.from({ length: MAX_PARTS }, (_, i) => partKey(i + 1))];

export function toStorageItems(s: Settings): { set: Record<string, unknown>; remove: string[] } {
  const rest = s.watchlist.slice(HEAD_ITEMS);
  const parts = Math.ceil(rest.length / PART_ITEMS);
  const set: Record<string, unknown> = {
    [SETTINGS_KEY]: { ...s, watchlist: s.watchlist.slice(0, HEAD_ITEMS), ...(parts > 0 ? { watchlistParts: parts } : {}) },
  };
  for (let n = 1; n <= parts; n++) set[partKey(n)] = rest.slice((n - 1) * PART_ITEMS, n * PART_ITEMS);
  return { set, remove: SETTINGS_KEYS.filter((k) => !(k in set)) };
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The stored items as one settings document (unvalidated: the caller validates and merges). */
export function fromStorageItems(items: Record<string, unknown>): unknown {
  const head = items[SETTINGS_KEY];
  if (!isRecord(head) || !('watchlistParts' in head)) return head;
  const { watchlistParts, ...doc } = head;
  const count = typeof watchlistParts === 'number' && Number.isInteger(watchlistParts) ? Math.min(Math.max(watchlistParts, 0), MAX_PARTS) : 0;
  if (!Array.isArray(doc['watchlist'])) return doc;
  const watchlist: unknown[] = [...doc['watchlist']];
  for (let n = 1; n <= count; n++) {
    const part = items[partKey(n)];
    if (Array.isArray(part)) watchlist.push(...(part as unknown[]));
  }
  return { ...doc, watchlist };
}
