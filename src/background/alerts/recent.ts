import * as v from 'valibot';
import { alertText, type FiredAlert } from './notify';
import type { StorageLike } from './store';

// What the last alert checks did, kept in storage.session beside the alerts' state: when the last
// check finished, and the last alerts fired with the words their notifications carried. The browser
// shows a notification and forgets it (its title cannot be read back, and the OS may hide it); this
// record is what the extension can show or test afterwards. Session storage: gone with the browser.

export const RECENT_ALERTS_KEY = 'perplens.alerts.recent.v1';
/** Fired alerts kept, newest first. */
export const RECENT_ALERTS_MAX = 20;

const Entry = v.object({ at: v.number(), key: v.string(), condition: v.string(), title: v.string(), message: v.string() });
const Recent = v.object({ checkedAt: v.number(), fired: v.array(Entry) });
export type RecentAlerts = v.InferOutput<typeof Recent>;

export async function readRecent(session: StorageLike): Promise<RecentAlerts> {
  const got = await session.get(RECENT_ALERTS_KEY).catch((): Record<string, unknown> => ({}));
  const r = v.safeParse(Recent, got[RECENT_ALERTS_KEY]);
  return r.success ? r.output : { checkedAt: 0, fired: [] };
}

/** Notes a finished check at `at`, with the alerts it fired. Storage errors are swallowed. */
export async function recordCheck(session: StorageLike, fired: readonly FiredAlert[], at: number): Promise<void> {
  const before = await readRecent(session);
  const now = fired.map((a) => ({ at, key: a.key, condition: a.detail.condition, ...alertText(a) }));
  const next: RecentAlerts = { checkedAt: at, fired: [...now, ...before.fired].slice(0, RECENT_ALERTS_MAX) };
  await session.set({ [RECENT_ALERTS_KEY]: next }).catch(() => undefined);
}
