import browser from 'webextension-polyfill';
import { DEFAULT_PREFS, parsePrefs, type PanelPrefs } from '../ui/panel/prefs';
import type { VenueId } from '../venues/types';

const key = (venue: VenueId) => `perplens.panel.${venue}`;

/** The panel's remembered prefs for a venue; `stored` is false the first time (then the options' defaults apply). */
export async function loadPrefs(venue: VenueId): Promise<{ prefs: PanelPrefs; stored: boolean }> {
  try {
    const got = await browser.storage.local.get(key(venue));
    const raw = got[key(venue)];
    return { prefs: parsePrefs(raw), stored: raw !== undefined };
  } catch {
    return { prefs: DEFAULT_PREFS, stored: false };
  }
}

export function savePrefs(venue: VenueId, prefs: PanelPrefs): void {
  browser.storage.local.set({ [key(venue)]: prefs }).catch(() => undefined);
}
