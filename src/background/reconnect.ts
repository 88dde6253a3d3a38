import type { SocketLike } from './flow';

// The reconnect rules every public websocket of the background follows (the liquidation streams in
// flow.ts, the quote feeds in quote-feeds.ts): one backoff, one notion of a stable connection, one
// bound on unreadable messages, and one way to let a socket go.

/** A connection that stayed up this long resets the backoff. */
export const STABLE_MS = 60_000;
/** This many unreadable messages in a row end the connection (it is not the venue's stream). */
export const MAX_GARBAGE = 20;
const BACKOFF_BASE_MS = 2_000;
const BACKOFF_MAX_MS = 5 * 60_000;

/** The wait before attempt `attempts` (0 first): 2 s doubling to 5 min, jittered ±25 %. */
export function backoffMs(attempts: number, random: () => number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** attempts) * (0.75 + 0.5 * random());
}

/** Closes a socket after detaching its handlers, so its own close event starts no second retry. */
export function closeQuietly(s: SocketLike | null): void {
  if (!s) return;
  s.onclose = s.onerror = s.onmessage = s.onopen = null;
  s.close();
}
