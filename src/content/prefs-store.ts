import { parsePrefs, type PanelPrefs } from '../protocol/panel-prefs';
import type { VenueId } from '../venues/types';
import { extensionApi } from '../platform/extension';

const key = (venue: VenueId) => `perplens.panel.v2.${venue}`;
/** Written before the panel kept only the trader's own changes (see parsePrefs). */
const legacyKey = (venue: VenueId) => `perplens.panel.${venue}`;

/** The panel's remembered prefs for a venue; null the first time (then the options' defaults apply). */
export async function loadPrefs(venue: VenueId): Promise<PanelPrefs | null> {
  try {
    const got = await extensionApi()?.storage.local.get([key(venue), legacyKey(venue)]);
    const raw = got?.[key(venue)];
    if (raw !== undefined) return parsePrefs(raw);
    const legacy = got?.[legacyKey(venue)];
    return legacy === undefined ? null : parsePrefs(legacy, true);
  } catch {
    return null;
  }
}

export function savePrefs(venue: VenueId, prefs: PanelPrefs): void {
  // Orphaned after an update, the call throws synchronously: the prefs are then lost with the old version.
  try {
    extensionApi()
      ?.storage.local.set({ [key(venue)]: prefs })
      .catch(() => undefined);
  } catch {
    return;
  }
}
