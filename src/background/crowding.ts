import { shareReading, takerBuyShare } from '../core/crowding';
import { WINDOWS, WINDOW_MS, type CrowdingSeries, type Window, type ZoneBars } from '../venues/market-types';
import type { Crowding, CrowdingFigure } from '../venues/snapshot-types';
import type { CacheView } from './cache';

const NOT_PUBLISHED = { status: 'not-published' } as const;

/**
 * The crowding part of a snapshot: the venue's account ratios (absent client: not published), and
 * the taker-buy share over each regime window from the zone model's 15-minute bars, where the venue
 * publishes a taker split with them.
 */
export function crowdingOf(
  published: boolean,
  takerPublished: boolean,
  view: CacheView<CrowdingSeries> | undefined,
  bars: CacheView<ZoneBars> | undefined,
  now: number,
): Crowding {
  const series = view?.value;
  const why = view?.error?.message ?? 'loading';
  const share = (points: CrowdingSeries['accounts'] | undefined): Crowding['accounts'] => {
    if (!published || points === null) return NOT_PUBLISHED;
    if (points === undefined) return { status: 'unavailable', reason: why };
    const r = shareReading(points);
    return r ? { status: 'ready', reading: r } : { status: 'unavailable', reason: 'the venue served no usable point' };
  };
  return { accounts: share(series?.accounts), topPositions: share(series?.topPositions), takerBuy: takerPublished ? takerOf(bars, now) : NOT_PUBLISHED };
}

function takerOf(view: CacheView<ZoneBars> | undefined, now: number): CrowdingFigure<Record<Window, number | null>> {
  const bars = view?.value?.bars;
  if (!bars?.length) return { status: 'unavailable', reason: view?.error?.message ?? 'loading 15-minute bars' };
  if (bars.every((b) => b.takerBuy === null)) return NOT_PUBLISHED;
  const out = {} as Record<Window, number | null>;
  for (const w of WINDOWS) out[w] = takerBuyShare(bars, now - WINDOW_MS[w]);
  return { status: 'ready', reading: out };
}
