import { describe, expect, it } from 'vitest';
import { alertSettings } from '../../../src/background/alerts/from-settings';
import { evaluateConditions } from '../../../src/background/alerts/conditions';
import { defaultSettings } from '../../../src/settings/defaults';
import type { Settings } from '../../../src/settings/schema';
import { snapshotFixture } from '../helpers/snapshot';
import { heldFixture } from './fixtures';

function changed(): Settings {
  const s = defaultSettings();
  return {
    ...s,
    venues: { ...s.venues, bybit: false },
    bands: { ...s.bands, basis: 'percent', dangerBelow: 0.01, cautionBelow: 0.025 },
    regimeThresholds: { ...s.regimeThresholds, '1h': { price: 0.002, oi: 0.004 } },
    defaultWindow: '1h',
    alerts: { enabled: false, distanceBelow: 0.015, regimeFlip: false, extremeFunding: false, cooldownMinutes: 90 },
  };
}

describe('the options → the alerts', () => {
  it('carries every alert switch and threshold, the window, the bands, the regime thresholds and the venues', () => {
    const s = changed();
    expect(alertSettings(s)).toEqual({
      enabled: false,
      distanceBelow: 0.015,
      regimeFlip: false,
      extremeFunding: false,
      cooldownMinutes: 90,
      window: '1h',
      view: { ...s.bands, thresholds: s.regimeThresholds },
      venues: s.venues,
    });
  });

  it('the defaults map to the defaults', () => {
    const d = defaultSettings();
    const a = alertSettings(d);
    expect(a).toMatchObject({ ...d.alerts, window: d.defaultWindow, venues: d.venues });
    expect(a.view).toEqual({ ...d.bands, thresholds: d.regimeThresholds });
  });

  it('a position 2% away alerts at the default 5% threshold, not at 1.5%, and takes the options’ bands', () => {
    const held = heldFixture();
    const at = (s: Settings) => evaluateConditions({ held, snapshot: snapshotFixture(), settings: alertSettings(s), previousRegimeAgainst: false, now: 2000 });
    const d = at(defaultSettings());
    expect(d.checks.liquidation.observation?.active).toBe(true);
    expect(d.band).toBe('danger');
    const c = at(changed());
    expect(c.checks.liquidation.observation?.active).toBe(false);
    expect(c.band).toBe('caution');
  });
});
