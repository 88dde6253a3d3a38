/**
 * The few extension APIs a content script uses, from the browser's own global: Firefox's `browser`
 * and Chrome's MV3 `chrome` both return promises for these calls, so the page does not have to load
 * webextension-polyfill.
 */
export interface ContentPort {
  postMessage(message: unknown): void;
  onMessage: { addListener(cb: (message: unknown) => void): void };
  onDisconnect: { addListener(cb: () => void): void };
  disconnect(): void;
}

export interface ContentExtensionApi {
  runtime: { id?: string; sendMessage(message: unknown): Promise<unknown>; connect(info: { name: string }): ContentPort };
  storage: { local: { get(keys: string | string[]): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> } };
}

export function extensionApi(): ContentExtensionApi | null {
  const g = globalThis as { browser?: ContentExtensionApi; chrome?: ContentExtensionApi };
  return g.browser?.runtime ? g.browser : (g.chrome ?? null);
}

/** True while this script can still reach its extension (false after an update or reload). */
export function extensionAlive(): boolean {
  try {
    return Boolean(extensionApi()?.runtime.id);
  } catch {
    return false;
  }
}
