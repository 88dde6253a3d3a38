import browser from 'webextension-polyfill';
import { DEFAULT_PREFS, parsePrefs, type PanelPrefs } from '../ui/panel/prefs';
import type { VenueId } from '../venues/types';

const key = (venue: VenueId) => `perplens.panel.${venue}`;

export async function loadPrefs(venue: VenueId): Promise<PanelPrefs> {
  try {
    const got = await browser.storage.local.get(key(venue));
    return parsePrefs(got[key(venue)]);
  } catch {
    return DEFAULT_PREFS;
  }
}

export function savePrefs(venue: VenueId, prefs: PanelPrefs): void {
  browser.storage.local.set({ [key(venue)]: prefs }).catch(() => undefined);
}
