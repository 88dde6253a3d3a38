import type { Browser } from 'webextension-polyfill';

/** The four storage operations settings need; unit tests hand in a Map-backed fake. */
export interface SettingsStorage {
  get(keys: string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
  /** Calls `listener` with the keys that changed in this area; returns a function that stops it. */
  watch(listener: (changedKeys: string[]) => void): () => void;
}

/** `storage.sync` allows 8 KB per item (key + JSON value) in Chrome and Firefox alike. */
export const SYNC_ITEM_BYTES = 8192;

// The extension's global rather than `webextension-polyfill`: the polyfill throws when merely
// imported outside an extension, and this module is imported by the unit tests (through store.ts).
// Firefox has `browser`; Chrome's MV3 `chrome.storage` returns promises (Chrome ≥ 120 here), so
// the two behave the same for these calls.
function extensionApi(): Browser {
  const g = globalThis as { browser?: Browser; chrome?: Browser };
  const api = g.browser?.storage ? g.browser : g.chrome;
  if (!api?.storage) throw new Error('extension storage is not available in this context');
  return api;
}

/** `storage.sync`, resolved when first used. */
export function extensionSyncStorage(): SettingsStorage {
  return {
    get: (keys) => extensionApi().storage.sync.get(keys),
    set: (items) => extensionApi().storage.sync.set(items),
    remove: (keys) => extensionApi().storage.sync.remove(keys),
    watch(listener) {
      const onChanged = extensionApi().storage.onChanged;
      const handler = (changes: Record<string, unknown>, area: string) => {
        if (area === 'sync') listener(Object.keys(changes));
      };
      onChanged.addListener(handler);
      return () => onChanged.removeListener(handler);
    },
  };
}

/** `storage.local`, resolved when first used: data kept on this machine only. */
export function extensionLocalStorage(): SettingsStorage {
  return {
    get: (keys) => extensionApi().storage.local.get(keys),
    set: (items) => extensionApi().storage.local.set(items),
    remove: (keys) => extensionApi().storage.local.remove(keys),
    watch(listener) {
      const onChanged = extensionApi().storage.onChanged;
      const handler = (changes: Record<string, unknown>, area: string) => {
        if (area === 'local') listener(Object.keys(changes));
      };
      onChanged.addListener(handler);
      return () => onChanged.removeListener(handler);
    },
  };
}
