import { defaultSettings } from './defaults';
import { mergeStoredSettings } from './merge';
import { parseSettings, type ParseResult, type Settings } from './schema';
import { extensionSyncStorage, type SettingsStorage } from './storage-area';
import { fromStorageItems, SETTINGS_KEYS, toStorageItems } from './sync-layout';

export { exportSettings, importSettings } from './transfer';
export type { SettingsStorage } from './storage-area';

export type SaveResult = ParseResult;

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The stored settings; what is missing or invalid comes from the defaults, field by field. Never rejects. */
export async function loadSettings(storage: SettingsStorage = extensionSyncStorage()): Promise<Settings> {
  try {
    return mergeStoredSettings(fromStorageItems(await storage.get([...SETTINGS_KEYS])));
  } catch {
    // Sync storage can be unavailable (disabled by policy, a context without the API); the
    // extension still has to work, on defaults.
    return defaultSettings();
  }
}

/** Validates, then stores the normalised settings; invalid settings are refused and nothing is written. */
export async function saveSettings(s: Settings, storage: SettingsStorage = extensionSyncStorage()): Promise<SaveResult> {
  const parsed = parseSettings(s);
  if (!parsed.ok) return parsed;
  const { set, remove } = toStorageItems(parsed.settings);
  try {
    await storage.set(set);
    // Writes to sync storage are rationed per minute and hour, so only parts that exist are removed.
    const stale = remove.length > 0 ? Object.keys(await storage.get(remove)) : [];
    if (stale.length > 0) await storage.remove(stale);
  } catch (e) {
    return { ok: false, errors: [`could not save: ${errorText(e)}`] };
  }
  return parsed;
}

/** Calls `cb` with the reloaded settings whenever they change (here or on another synced device). */
export function onSettingsChanged(cb: (s: Settings) => void, storage: SettingsStorage = extensionSyncStorage()): () => void {
  let latest = 0;
  return storage.watch((keys) => {
    if (!keys.some((k) => SETTINGS_KEYS.includes(k))) return;
    // Reloads can overlap (a save writes, then removes a part); only the newest is delivered.
    const mine = ++latest;
    void loadSettings(storage).then((s) => {
      if (mine === latest) cb(s);
    });
  });
}
