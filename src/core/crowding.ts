import type { Side } from './types';

// How the accounts are positioned, beside what funding says: the share of accounts net long, the
// top traders' long share, and the taker-buy share of volume. Funding stays the definition of the
// crowded side; these readings confirm it, or disagree with it, in words.

export interface SharePoint {
  time: number;
  /** Long share, 0–1. */
  value: number;
}

export interface ShareReading {
  /** The newest long share (0–1). */
  value: number;
  /** Its change over 4 hours in share points (0.05 = five points), null without a point 4 h back. */
  change4h: number | null;
  /** When the newest point was taken. */
  at: number;
}

const FOUR_HOURS = 4 * 3_600_000;
/** A point this near 4 h before the newest stands for "4 h ago": the venues publish hourly or finer. */
const CHANGE_SLACK_MS = 30 * 60_000;

/** The newest share and its 4-hour change, from points in any order; null without a valid point. */
export function shareReading(points: readonly SharePoint[]): ShareReading | null {
  const valid = points.filter((p) => Number.isFinite(p.time) && Number.isFinite(p.value) && p.value >= 0 && p.value <= 1).sort((a, b) => a.time - b.time);
  const last = valid[valid.length - 1];
  if (!last) return null;
  const target = last.time - FOUR_HOURS;
  let before: SharePoint | undefined;
  for (const p of valid)
    if (Math.abs(p.time - target) <= CHANGE_SLACK_MS && (!before || Math.abs(p.time - target) < Math.abs(before.time - target))) before = p;
  return { value: last.value, change4h: before ? last.value - before.value : null, at: last.time };
}

/** A long/short ratio (long ÷ short, as Binance's and OKX's ratio endpoints give it) as a long share. */
export function ratioToShare(ratio: number): number | null {
  return Number.isFinite(ratio) && ratio >= 0 ? ratio / (1 + ratio) : null;
}

/** Taker-buy share of the volume of the bars that opened at or after `from` (null without volume or split). */
export function takerBuyShare(bars: readonly { time: number; volume: number; takerBuy: number | null }[], from: number): number | null {
  let volume = 0;
  let buy = 0;
  for (const b of bars) {
    if (b.time < from) continue;
    if (b.takerBuy === null || !(b.volume >= 0) || !(b.takerBuy >= 0) || b.takerBuy > b.volume) return null;
    volume += b.volume;
    buy += b.takerBuy;
  }
  return volume > 0 ? buy / volume : null;
}

/** Accounts lean one way from this share on: 60% long, or 60% short. */
export const ACCOUNTS_LEAN = 0.6;

const pct = (x: number) => `${Math.round(x * 100)}%`;

/**
 * One clause on the accounts against funding, for the position's reading, when it adds something:
 * both crowd the same side, they disagree, or the accounts lean while funding is balanced. Null when
 * the accounts are balanced or unknown.
 */
export function accountsClause(crowded: 'longs' | 'shorts' | 'none', accountsLong: number | null, side: Side): string | null {
  if (accountsLong === null) return null;
  const lean = accountsLong >= ACCOUNTS_LEAN ? 'longs' : 1 - accountsLong >= ACCOUNTS_LEAN ? 'shorts' : 'none';
  if (lean === 'none') return null;
  const share = lean === 'longs' ? `${pct(accountsLong)} of accounts are net long` : `${pct(1 - accountsLong)} of accounts are net short`;
  const yours = lean === (side === 'long' ? 'longs' : 'shorts');
  if (crowded === lean) return `${lean} crowded by both funding and accounts (${share})${yours ? ': your side' : ''}`;
  if (crowded !== 'none') return `funding and accounts disagree: funding crowds the ${crowded}, but ${share}`;
  return `funding is balanced, but ${share}${yours ? ', your side' : ''}`;
}
