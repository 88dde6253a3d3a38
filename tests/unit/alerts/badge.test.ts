import { describe, expect, it } from 'vitest';
import { BADGE_COLORS, badgeFor, percentText, showBadge, type ActionApi } from '../../../src/background/alerts/badge';

describe('percentText', () => {
  it.each([
    [0.024, '2.4'],
    [0.0249, '2.4'], // truncated: never looks safer than it is
    [0.02, '2'],
    [0.013, '1.3'],
    [0.07, '7'],
    [0.001, '0.1'],
    [0.0004, '0'],
    [0.123, '12.3'],
    [0.5, '50'],
    [1.5, '150'],
    [12, '999+'],
    [0, '0'],
    [-0.01, '0'],
  ])('%s → %s', (d, text) => {
    expect(percentText(d)).toBe(text);
  });
});

describe('badgeFor', () => {
  it('is empty without positions', () => {
    expect(badgeFor([])).toEqual({ text: '', color: null, band: null });
  });

  const at = (
    distance: number | null,
    band: 'danger' | 'caution' | 'calm' | null = distance === null ? null : distance < 0.03 ? 'danger' : distance < 0.1 ? 'caution' : 'calm',
  ) => ({ distance, band });

  it('shows the smallest known distance, coloured by the worst band', () => {
    expect(badgeFor([at(0.2), at(0.024), at(null), at(0.08)])).toEqual({ text: '2.4', color: BADGE_COLORS.danger, band: 'danger' });
    expect(badgeFor([at(0.2), at(0.08)])).toEqual({ text: '8', color: BADGE_COLORS.caution, band: 'caution' });
    expect(badgeFor([at(0.2), at(0.15)])).toEqual({ text: '15', color: BADGE_COLORS.calm, band: 'calm' });
  });

  it('takes the band the panel judged, not one of its own: a far position on a wild market can be the worst', () => {
    expect(BADGE_COLORS).toMatchObject({ danger: '#D93025', caution: '#F29900', calm: '#1E8E3E' });
    // 4% away on a quiet market is calm by touch chance; 12% away on a wild one is in danger.
    expect(badgeFor([at(0.04, 'calm'), at(0.12, 'danger')])).toEqual({ text: '4', color: BADGE_COLORS.danger, band: 'danger' });
    expect(badgeFor([at(0.0299, 'calm')]).band).toBe('calm');
  });

  it('shows "?" in grey when positions are held but no distance is known', () => {
    expect(badgeFor([at(null), at(null)])).toEqual({ text: '?', color: BADGE_COLORS.unknown, band: null });
  });
});

describe('showBadge', () => {
  function fakeAction(withTextColor = true) {
    const calls: string[] = [];
    const action: ActionApi = {
      setBadgeText: async ({ text }) => void calls.push(`text:${text}`),
      setBadgeBackgroundColor: async ({ color }) => void calls.push(`bg:${color}`),
      ...(withTextColor ? { setBadgeTextColor: async ({ color }: { color: string }) => void calls.push(`fg:${color}`) } : {}),
    };
    return { action, calls };
  }

  it('sets text, background and a readable text colour', async () => {
    const { action, calls } = fakeAction();
    await showBadge(action, badgeFor([{ distance: 0.05, band: 'caution' }]));
    expect(calls).toEqual(['text:5', `bg:${BADGE_COLORS.caution}`, 'fg:#202124']);
  });

  it('clears the text only when there is nothing to show, and works without setBadgeTextColor', async () => {
    const { action, calls } = fakeAction(false);
    await showBadge(action, badgeFor([]));
    await showBadge(action, badgeFor([{ distance: 0.01, band: 'danger' }]));
    expect(calls).toEqual(['text:', 'text:1', `bg:${BADGE_COLORS.danger}`]);
  });

  it('swallows browser errors', async () => {
    const action: ActionApi = { setBadgeText: () => Promise.reject(new Error('no')), setBadgeBackgroundColor: async () => undefined };
    await expect(showBadge(action, badgeFor([{ distance: 0.01, band: 'danger' }]))).resolves.toBeUndefined();
  });
});
