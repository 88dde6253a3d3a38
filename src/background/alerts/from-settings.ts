import type { Settings } from '../../settings/schema';
import { DEFAULT_ALERT_SETTINGS, type AlertSettings } from './conditions';

/**
 * The alerts' settings from the options: the alert switches and thresholds, the default regime
 * window, the bands and regime thresholds (so an alert agrees with the panel), and the venues
 * switched on (a venue switched off is neither alerted nor on the badge, pages and wallets alike).
 */
export function alertSettings(s: Settings): AlertSettings {
  return {
    ...DEFAULT_ALERT_SETTINGS,
    ...s.alerts,
    window: s.defaultWindow,
    view: { ...s.bands, thresholds: s.regimeThresholds },
    venues: s.venues,
  };
}
