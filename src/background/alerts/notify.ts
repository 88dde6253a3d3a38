// Desktop notifications for fired alerts, and what a click on one does: focus the exchange tab it
// came from (tabs.update + windows.update, no "tabs" permission needed), or open the venue page again
// when that tab is gone (tabs.create). Text is pure; the browser APIs come in as tiny interfaces.

import { REGIME_DESCRIPTIONS } from '../../core';
import { matchVenuePage } from '../../venues';
import { VENUE_NAMES } from '../../venues/names';
import type { ConditionDetail, HeldPosition, AlertCondition } from './conditions';
import { ALERT_CONDITIONS } from './conditions';
import { percentText } from './badge';

/** A condition that fired for one held position. */
export interface FiredAlert {
  key: string;
  held: HeldPosition;
  detail: ConditionDetail;
}

export interface NotificationsApi {
  create(id: string, options: { type: 'basic'; iconUrl: string; title: string; message: string }): Promise<string>;
  clear(id: string): Promise<boolean>;
}
export interface TabsApi {
  update(tabId: number, props: { active: boolean }): Promise<{ windowId?: number } | undefined>;
  create(props: { url: string }): Promise<unknown>;
  /** Its `url` is there only for the hosts the extension may access (no "tabs" permission). */
  get(tabId: number): Promise<{ url?: string }>;
}
export interface WindowsApi {
  update(windowId: number, props: { focused: boolean }): Promise<unknown>;
}

export interface NotifierDeps {
  notifications: NotificationsApi;
  tabs: TabsApi;
  windows: WindowsApi;
  /** runtime.getURL('icons/icon-128.png'): Chrome requires an icon for a basic notification. */
  iconUrl: string;
}

const ID_PREFIX = 'perplens-alert';

/** `perplens-alert|<tabId or empty>|<url>|<condition>|<position key>`, parts URI-encoded. */
export function notificationId(alert: FiredAlert): string {
  const { origin } = alert.held;
  return [ID_PREFIX, origin.tabId ?? '', encodeURIComponent(origin.url), alert.detail.condition, encodeURIComponent(alert.key)].join('|');
}

export interface ParsedNotificationId {
  tabId: number | null;
  url: string;
  condition: AlertCondition;
  key: string;
}

/** The tab, URL, condition and position key an id encodes; null when the id is not one of ours. */
export function parseNotificationId(id: string): ParsedNotificationId | null {
  const parts = id.split('|');
  if (parts.length !== 5 || parts[0] !== ID_PREFIX) return null;
  const [, tab = '', url = '', condition = '', key = ''] = parts;
  const found = ALERT_CONDITIONS.find((c) => c === condition);
  if (!found || (tab !== '' && !/^\d{1,10}$/.test(tab))) return null;
  try {
    return { tabId: tab === '' ? null : Number(tab), url: decodeURIComponent(url), condition: found, key: decodeURIComponent(key) };
  } catch {
    return null;
  }
}

/** Title and message of a notification, e.g. "BTCUSDT long on Binance is 2.4% from liquidation". */
export function alertText(alert: FiredAlert): { title: string; message: string } {
  const p = alert.held.position;
  const who = `${p.symbol} ${p.side} on ${VENUE_NAMES[p.venue]}`;
  const d = alert.detail;
  switch (d.condition) {
    case 'liquidation':
      return d.distance <= 0
        ? { title: `At liquidation: ${p.symbol} ${p.side}`, message: `${who} has reached its liquidation price` }
        : { title: `Liquidation risk: ${p.symbol} ${p.side}`, message: `${who} is ${percentText(d.distance)}% from liquidation` };
    case 'regime':
      return {
        title: `Market turned against you: ${p.symbol} ${p.side}`,
        message: `${who}: ${REGIME_DESCRIPTIONS[d.regime].label} over ${d.window}. ${d.note}`,
      };
    case 'funding':
      return {
        title: `Extreme funding: ${p.symbol} ${p.side}`,
        message: `${who} pays extreme funding: ${(d.rate8h * 100).toFixed(3)}% per 8h`,
      };
  }
}

/** Only a venue's own perpetual trading page is ever opened from a notification. */
function venuePageUrl(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && matchVenuePage(u) ? u.href : null;
  } catch {
    return null;
  }
}

export interface Notifier {
  notify(alert: FiredAlert): Promise<void>;
  /** Handles a click on one of our notifications; false when the id is not ours. */
  onClicked(id: string): Promise<boolean>;
}

export function createNotifier(deps: NotifierDeps): Notifier {
  return {
    async notify(alert) {
      const { title, message } = alertText(alert);
      try {
        await deps.notifications.create(notificationId(alert), { type: 'basic', iconUrl: deps.iconUrl, title, message });
      } catch {
        // Notifications switched off in the OS or the browser: nothing else to do.
      }
    },
    async onClicked(id) {
      const parsed = parseNotificationId(id);
      if (!parsed) return false;
      await deps.notifications.clear(id).catch(() => false);
      if (parsed.tabId !== null) {
        try {
          const tab = await deps.tabs.update(parsed.tabId, { active: true });
          if (tab?.windowId !== undefined) await deps.windows.update(tab.windowId, { focused: true }).catch(() => undefined);
          return true;
        } catch {
          // The tab is gone: open the page again below.
        }
      }
      const url = venuePageUrl(parsed.url);
      if (url) await deps.tabs.create({ url }).catch(() => undefined);
      return true;
    },
  };
}
