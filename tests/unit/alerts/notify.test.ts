import { describe, expect, it } from 'vitest';
import { alertText, createNotifier, notificationId, parseNotificationId, type FiredAlert, type NotifierDeps } from '../../../src/background/alerts/notify';
import { BINANCE_URL, heldFixture } from './fixtures';

const liquidation: FiredAlert = {
  key: 'binance:BTCUSDT:long',
  held: heldFixture(),
  detail: { condition: 'liquidation', distance: 0.0241, threshold: 0.05, band: 'danger' },
};

function fakes(opts: { tabGone?: boolean } = {}) {
  const calls: unknown[][] = [];
  const deps: NotifierDeps = {
    iconUrl: 'chrome-extension://id/icons/icon-128.png',
    notifications: {
      create: async (id, options) => (calls.push(['create', id, options]), id),
      clear: async (id) => (calls.push(['clear', id]), true),
    },
    tabs: {
      update: async (tabId, props) => {
        calls.push(['tabs.update', tabId, props]);
        if (opts.tabGone) throw new Error(`No tab with id: ${tabId}`);
        return { windowId: 3 };
      },
      create: async (props) => void calls.push(['tabs.create', props]),
      get: async () => ({}),
    },
    windows: { update: async (windowId, props) => void calls.push(['windows.update', windowId, props]) },
  };
  return { deps, calls };
}

describe('alertText', () => {
  it('says which position, where, and how far from liquidation', () => {
    expect(alertText(liquidation)).toEqual({
      title: 'Liquidation risk: BTCUSDT long',
      message: 'BTCUSDT long on Binance is 2.4% from liquidation',
    });
  });

  it('says so when the mark has reached the liquidation price', () => {
    expect(alertText({ ...liquidation, detail: { ...liquidation.detail, distance: -0.0001 } as FiredAlert['detail'] })).toEqual({
      title: 'At liquidation: BTCUSDT long',
      message: 'BTCUSDT long on Binance has reached its liquidation price',
    });
  });

  it('describes a regime flip and extreme funding', () => {
    const regime = alertText({
      ...liquidation,
      detail: { condition: 'regime', regime: 'short-buildup', crowded: 'none', window: '4h', against: true, note: 'You are long in a short build-up.' },
    });
    expect(regime.message).toBe('BTCUSDT long on Binance: short build-up over 4h. You are long in a short build-up.');
    const funding = alertText({ ...liquidation, detail: { condition: 'funding', rate8h: 0.0008, stretch: 'extreme', pays: true } });
    expect(funding).toEqual({ title: 'Extreme funding: BTCUSDT long', message: 'BTCUSDT long on Binance pays extreme funding: 0.080% per 8h' });
  });
});

describe('notification ids', () => {
  it('encode the tab, the page URL, the condition and the position', () => {
    const id = notificationId(liquidation);
    expect(parseNotificationId(id)).toEqual({ tabId: 7, url: BINANCE_URL, condition: 'liquidation', key: 'binance:BTCUSDT:long' });
    const noTab = notificationId({ ...liquidation, held: heldFixture({}, 0, { url: BINANCE_URL }) });
    expect(parseNotificationId(noTab)?.tabId).toBeNull();
  });

  it('refuse ids that are not ours', () => {
    expect(parseNotificationId('something-else')).toBeNull();
    expect(parseNotificationId('perplens-alert|x|u|liquidation|k')).toBeNull();
    expect(parseNotificationId('perplens-alert|1|u|boom|k')).toBeNull();
    expect(parseNotificationId('perplens-alert|1|%E0%A4%A|liquidation|k')).toBeNull();
  });
});

describe('createNotifier', () => {
  it('creates a basic notification with the icon, title and message', async () => {
    const { deps, calls } = fakes();
    await createNotifier(deps).notify(liquidation);
    expect(calls).toEqual([
      [
        'create',
        notificationId(liquidation),
        { type: 'basic', iconUrl: deps.iconUrl, title: 'Liquidation risk: BTCUSDT long', message: 'BTCUSDT long on Binance is 2.4% from liquidation' },
      ],
    ]);
  });

  it('a click focuses the exchange tab and its window', async () => {
    const { deps, calls } = fakes();
    const id = notificationId(liquidation);
    expect(await createNotifier(deps).onClicked(id)).toBe(true);
    expect(calls).toEqual([
      ['clear', id],
      ['tabs.update', 7, { active: true }],
      ['windows.update', 3, { focused: true }],
    ]);
  });

  it('a click opens the venue page again when the tab is gone', async () => {
    const { deps, calls } = fakes({ tabGone: true });
    await createNotifier(deps).onClicked(notificationId(liquidation));
    expect(calls.at(-1)).toEqual(['tabs.create', { url: BINANCE_URL }]);
  });

  it('never opens a URL that is not a venue trading page', async () => {
    const { deps, calls } = fakes({ tabGone: true });
    const evil = notificationId({ ...liquidation, held: heldFixture({}, 0, { url: 'https://evil.example/futures/BTCUSDT' }) });
    await createNotifier(deps).onClicked(evil);
    expect(calls.some((c) => c[0] === 'tabs.create')).toBe(false);
  });

  it('ignores clicks on notifications that are not ours', async () => {
    const { deps, calls } = fakes();
    expect(await createNotifier(deps).onClicked('other-extension-id')).toBe(false);
    expect(calls).toEqual([]);
  });

  it('swallows a refused notification', async () => {
    const { deps } = fakes();
    deps.notifications.create = () => Promise.reject(new Error('notifications disabled'));
    await expect(createNotifier(deps).notify(liquidation)).resolves.toBeUndefined();
  });
});
