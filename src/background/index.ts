import browser, { type Runtime } from 'webextension-polyfill';
import { parseRequest } from '../messages';
import { VENUE_MARKETS } from '../venues/markets';
import { perVenue, type VenueId } from '../venues/types';
import type { Http } from '../venues/market-types';
import { fetchJson } from './http';
import { createOiRecorder } from './oi-recorder';
import { createPersistence } from './persist';
import { createRouter } from './router';
import { buildSnapshot, createSnapshotCaches } from './snapshot';
import { createVenueGate } from './venue-gate';
import { createWatchList } from './watch';

const OI_ALARM = 'perplens-oi-record';
const OI_ALARM_MINUTES = 5;

const now = () => Date.now();
const caches = createSnapshotCaches(now);
const recorder = createOiRecorder();
const watched = createWatchList(now);
const gates: Record<VenueId, Http> = perVenue((id) => createVenueGate(VENUE_MARKETS[id].descriptor, { fetchJson }));
const persistence = createPersistence(caches, recorder, browser.storage.session, browser.storage.local);
const restored = persistence.restore().catch(() => undefined);

const recordsOi = (venue: VenueId) => VENUE_MARKETS[venue].client.oiHistory === null;

async function ensureRecorderAlarm(): Promise<void> {
  const needed = watched.active(recordsOi).length > 0;
  const existing = await browser.alarms.get(OI_ALARM);
  if (needed && !existing) browser.alarms.create(OI_ALARM, { periodInMinutes: OI_ALARM_MINUTES, delayInMinutes: OI_ALARM_MINUTES });
  if (!needed && existing) await browser.alarms.clear(OI_ALARM);
}

const route = createRouter({
  venues: VENUE_MARKETS,
  gates,
  caches,
  recorder,
  now,
  onWatched(venue, symbol) {
    watched.touch(venue, symbol);
    if (recordsOi(venue)) void ensureRecorderAlarm();
  },
});

// Hyperliquid publishes no OI history: while one of its markets is watched, a quote every five
// minutes records one. Nothing runs when nothing is watched.
browser.alarms.onAlarm.addListener(async (alarm) => {
  if (alarm.name !== OI_ALARM) return;
  await restored;
  for (const { venue, symbol } of watched.active(recordsOi)) {
    const { client, descriptor } = VENUE_MARKETS[venue];
    await buildSnapshot({ client, liquidation: descriptor.liquidation, http: gates[venue], caches, recorder, now }, symbol);
  }
  persistence.schedule(0);
  await ensureRecorderAlarm();
});

// Only the extension's own contexts may ask: a message from another extension or a web page
// (there is no externally_connectable, but the check costs nothing) is ignored.
function fromOwnExtension(sender: Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id;
}

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  if (!fromOwnExtension(sender)) return undefined;
  const request = parseRequest(message);
  if (!request) return undefined;
  return restored.then(() => route(request)).finally(() => persistence.schedule());
});
