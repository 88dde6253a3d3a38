// The toolbar badge: the smallest distance to liquidation among the held positions, coloured by
// band. The text and colour are pure; `showBadge` is the only call into the browser.

import type { Band } from '../../core';

/** The subset of `browser.action` used here. `setBadgeTextColor` is missing on older browsers. */
export interface ActionApi {
  setBadgeText(details: { text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { color: string }): Promise<void>;
  setBadgeTextColor?(details: { color: string }): Promise<void>;
}

export const BADGE_COLORS: Record<Band | 'unknown', string> = {
  danger: '#D93025',
  caution: '#F29900',
  calm: '#1E8E3E',
  unknown: '#5F6368',
};
/** Dark text on amber, white on the others (contrast). */
const TEXT_COLORS: Record<Band | 'unknown', string> = { danger: '#FFFFFF', caution: '#202124', calm: '#FFFFFF', unknown: '#FFFFFF' };

/**
 * A distance (fraction) as a percentage with at most one decimal, truncated toward zero so the figure
 * never looks safer than it is: 0.0249 → "2.4", 0.02 → "2", 0.123 → "12.3", 1.5 → "150", ≥ 10 → "999+";
 * below zero (past the liquidation price) → "0".
 */
export function percentText(distance: number): string {
  if (!Number.isFinite(distance) || distance <= 0) return '0';
  const pct = distance * 100;
  if (pct >= 1000) return '999+';
  if (pct >= 100) return String(Math.floor(pct + 1e-9));
  // Tenths of a percent straight from the fraction (0.013 × 1000 = 13, not 12.999…): a tiny epsilon
  // absorbs the binary representation before truncating.
  const tenths = Math.floor(distance * 1000 + 1e-9);
  return (tenths / 10).toFixed(1).replace(/\.0$/, '');
}

export interface Badge {
  text: string;
  /** null: no badge (no positions). */
  color: string | null;
  band: Band | null;
}

const BAND_RANK: Record<Band, number> = { danger: 0, caution: 1, calm: 2 };

/**
 * The badge for the held positions (distance and band as the panel judges them; null = not known):
 * empty when there are no positions, "?" in grey when none of their distances is known, else the
 * smallest distance, coloured by the worst band (with touch-chance bands a nearer liquidation on a
 * quiet market can be calmer than a farther one on a wild market).
 */
export function badgeFor(positions: readonly { distance: number | null; band: Band | null }[]): Badge {
  if (positions.length === 0) return { text: '', color: null, band: null };
  const known = positions.filter((p): p is { distance: number; band: Band } => p.distance !== null && Number.isFinite(p.distance) && p.band !== null);
  if (known.length === 0) return { text: '?', color: BADGE_COLORS.unknown, band: null };
  const smallest = Math.min(...known.map((p) => p.distance));
  const band = known.reduce<Band>((worst, p) => (BAND_RANK[p.band] < BAND_RANK[worst] ? p.band : worst), 'calm');
  return { text: percentText(smallest), color: BADGE_COLORS[band], band };
}

/** Puts the badge on the toolbar button (global, all tabs). Browser errors are swallowed. */
export async function showBadge(action: ActionApi, badge: Badge): Promise<void> {
  try {
    await action.setBadgeText({ text: badge.text });
    if (badge.color === null) return;
    await action.setBadgeBackgroundColor({ color: badge.color });
    await action.setBadgeTextColor?.({ color: TEXT_COLORS[badge.band ?? 'unknown'] });
  } catch {
    // The badge is a convenience: a browser refusing it must not break the checks.
  }
}
