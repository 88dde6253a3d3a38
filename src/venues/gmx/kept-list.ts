import type { Http, Result } from '../market-types';

/**
 * A list that many calls need and that changes slowly (GMX's token list, the day's prices), kept
 * per gate (so per worker) and asked again only after `keepMs`. While asking fails, the list in
 * hand stands; a failed ask waits `retryMs` before the next, so a broken endpoint is not asked for
 * at every quote. With no list in hand, the failure is the answer.
 */
export function keptList<T>(keepMs: number, retryMs: number, ask: (http: Http) => Promise<Result<T[]>>): (http: Http) => Promise<Result<T[]>> {
  const memo = new WeakMap<Http, { rows: T[] | null; at: number; failedAt: number; failure: Result<T[]> | null }>();
  return async (http) => {
    const now = Date.now();
    let m = memo.get(http);
    if (!m) memo.set(http, (m = { rows: null, at: 0, failedAt: 0, failure: null }));
    if (m.rows && now - m.at < keepMs) return { ok: true, value: m.rows };
    if (m.failure && now - m.failedAt < retryMs) return m.rows ? { ok: true, value: m.rows } : m.failure;
    const r = await ask(http);
    if (r.ok) Object.assign(m, { rows: r.value, at: now, failure: null });
    else Object.assign(m, { failedAt: now, failure: r });
    return m.rows ? { ok: true, value: m.rows } : r;
  };
}
