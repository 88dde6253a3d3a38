import { describe, expect, it } from 'vitest';
import type { PanelViewRequest } from '../../../src/protocol/messages';
import { defaultSettings } from '../../../src/settings/defaults';
import { overrides, parsePrefs, shownPrefs } from '../../../src/protocol/panel-prefs';
import { positionFixture } from '../alerts/fixtures';
import { panelViews } from '../helpers/panel-views';

describe('panel prefs keep only what the trader changed on the panel', () => {
  it('a drag or a collapse stores no window and no privacy', () => {
    expect(overrides({ x: 10, y: 20 })).toEqual({});
    expect(overrides({ x: 10, y: 20, collapsed: true })).toEqual({ collapsed: true });
    expect(overrides({ x: null, y: null, window: '1h', privacy: false })).toEqual({ window: '1h', privacy: false });
  });

  it('each unset setting takes the options’ default', () => {
    expect(shownPrefs(null, { window: '24h', privacy: true })).toEqual({ collapsed: false, window: '24h', privacy: true, expanded: [] });
    expect(shownPrefs({ collapsed: true }, { window: '24h', privacy: true })).toEqual({ collapsed: true, window: '24h', privacy: true, expanded: [] });
    expect(shownPrefs({ window: '1h', privacy: false }, { window: '24h', privacy: true })).toEqual({
      collapsed: false,
      window: '1h',
      privacy: false,
      expanded: [],
    });
  });

  it('reads stored prefs defensively; the old shape keeps only the place and the collapse', () => {
    expect(parsePrefs({ x: 5, y: 6, window: '1h', privacy: true, collapsed: false })).toEqual({ x: 5, y: 6, window: '1h', privacy: true, collapsed: false });
    expect(parsePrefs({ x: 5, y: 6, window: '1h', privacy: true, collapsed: true }, true)).toEqual({ x: 5, y: 6, collapsed: true });
    expect(parsePrefs({ x: 'a', window: '2h', privacy: 'yes' })).toEqual({ x: null, y: null });
    expect(parsePrefs(null)).toEqual({ x: null, y: null });
  });

  it('the background draws the options’ default window and privacy under a venue’s saved collapse', async () => {
    const { panels } = panelViews({}, { ...defaultSettings(), defaultWindow: '24h', privacyMode: true });
    const req = (prefs: PanelViewRequest['prefs']): PanelViewRequest => ({
      type: 'panel.view',
      venue: 'binance',
      symbol: 'BTCUSDT',
      read: { status: 'ok', rows: [{ ok: true, position: positionFixture() }], notes: [] },
      address: null,
      prefs,
      have: null,
    });
    const collapsed = await panels.view(req({ collapsed: true }), 1, () => undefined);
    expect(collapsed.enabled && collapsed.prefs).toEqual({ collapsed: true, window: '24h', privacy: true, expanded: [] });
    const changed = await panels.view(req({ window: '1h', privacy: false }), 1, () => undefined);
    expect(changed.enabled && changed.prefs).toEqual({ collapsed: false, window: '1h', privacy: false, expanded: [] });
  });
});

describe('opened cards', () => {
  it('are remembered per venue as symbol:side, bounded, and only strings', () => {
    const many = Array.from({ length: 80 }, (_, i) => `S${i}:long`);
    expect(parsePrefs({ x: null, y: null, expanded: ['BTCUSDT:long', 7, 'x'.repeat(81)] }).expanded).toEqual(['BTCUSDT:long']);
    expect(parsePrefs({ expanded: many }).expanded).toHaveLength(50);
    expect(overrides({ x: null, y: null, expanded: ['BTCUSDT:short'] })).toEqual({ expanded: ['BTCUSDT:short'] });
    expect(shownPrefs({ expanded: ['BTCUSDT:short'] }, { window: '4h', privacy: false }).expanded).toEqual(['BTCUSDT:short']);
  });
});
