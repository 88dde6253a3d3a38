import type { SettingsStorage } from '../../../src/settings/storage-area';
import { SYNC_ITEM_BYTES } from '../../../src/settings/storage-area';

/** A Map-backed storage.sync that, like the real one, refuses an item over 8 KB and copies values. */
export function memoryStorage(): SettingsStorage & { data: Map<string, unknown>; writes: number } {
  const data = new Map<string, unknown>();
  const listeners = new Set<(keys: string[]) => void>();
  const notify = (keys: string[]) => {
    if (keys.length > 0) for (const l of listeners) l(keys);
  };
  const store = {
    data,
    writes: 0,
    get: async (keys: string[]) => Object.fromEntries(keys.filter((k) => data.has(k)).map((k) => [k, structuredClone(data.get(k))])),
    set: async (items: Record<string, unknown>) => {
      for (const [k, v] of Object.entries(items)) {
        const bytes = k.length + new TextEncoder().encode(JSON.stringify(v)).length;
        if (bytes > SYNC_ITEM_BYTES) throw new Error(`QUOTA_BYTES_PER_ITEM quota exceeded (${k}: ${bytes} bytes)`);
      }
      store.writes++;
      for (const [k, v] of Object.entries(items)) data.set(k, structuredClone(v));
      notify(Object.keys(items));
    },
    remove: async (keys: string[]) => {
      store.writes++;
      const gone = keys.filter((k) => data.delete(k));
      notify(gone);
    },
    watch(listener: (keys: string[]) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return store;
}
