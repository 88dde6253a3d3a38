import { parsePrefs, type PanelPrefs } from '../ui/panel/prefs';
import type { VenueId } from '../venues/types';
import { extensionApi } from './extension';

const key = (venue: VenueId) => `perplens.panel.${venue}`;

/** The panel's remembered prefs for a venue; null the first time (then the options' defaults apply). */
export async function loadPrefs(venue: VenueId): Promise<PanelPrefs | null> {
  try {
    const raw = (await extensionApi()?.storage.local.get(key(venue)))?.[key(venue)];
    return raw === undefined ? null : parsePrefs(raw);
  } catch {
    return null;
  }
}

export function savePrefs(venue: VenueId, prefs: PanelPrefs): void {
  // Orphaned after an update, the call throws synchronously: the prefs are then lost with the old version.
  try {
    extensionApi()?.storage.local.set({ [key(venue)]: prefs }).catch(() => undefined);
  } catch {
    return;
  }
}
