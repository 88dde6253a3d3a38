import { DEFAULT_BANDS } from '../core/bands';
import { DEFAULT_REGIME_THRESHOLDS } from '../core/regime';
import { DEFAULT_VIEW_SETTINGS } from '../core/position-view';
import { perVenue, VENUE_IDS, venueRecord } from '../venues/registry';
import { SETTINGS_VERSION, type Settings, type WatchItem } from './schema';

const DEFAULT_ASSETS = ['BTC', 'ETH', 'SOL'] as const;

// Each venue names a market its own way; the default watchlist uses the name the venue's API and
// trading page use (its record's spelling), so a default row never needs translating.
function defaultWatchlist(): WatchItem[] {
  return VENUE_IDS.flatMap((venue) => DEFAULT_ASSETS.map((asset) => ({ venue, symbol: venueRecord(venue).market.forAsset(asset) })));
}

/** A fresh, mutable copy of the defaults. */
export function defaultSettings(): Settings {
  return {
    version: SETTINGS_VERSION,
    venues: perVenue(() => true),
    wallets: {},
    bands: { ...DEFAULT_BANDS },
    regimeThresholds: structuredClone(DEFAULT_REGIME_THRESHOLDS),
    defaultWindow: DEFAULT_VIEW_SETTINGS.window,
    refresh: { quoteSeconds: 30, watchlistSeconds: 30 },
    alerts: { enabled: true, distanceBelow: 0.05, regimeFlip: true, extremeFunding: true, cooldownMinutes: 30 },
    privacyMode: false,
    watchlist: defaultWatchlist(),
  };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

// Frozen because it is shared: a caller that edits it in place would change everyone's defaults.
// Use defaultSettings() for a copy to edit.
export const DEFAULT_SETTINGS: Settings = deepFreeze(defaultSettings());
