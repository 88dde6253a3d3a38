import { openLevels, zonesAt, type ZoneBar, type ZoneLevels } from '../core/liq-zones';
import {
  ZONE_BAR_MS,
  ZONE_LOOKBACK_MS,
  type Http,
  type Instrument,
  type Result,
  type TierTable,
  type VenueMarketClient,
  type ZoneBars,
} from '../venues/market-types';
import type { ZoneState } from '../venues/snapshot-types';
import type { CacheView } from './cache';
import type { OiRecorder } from './oi-recorder';

/** A watched market's bars are asked again this long after each 15-minute close (the venues publish the close's OI within a minute or so). */
export const ZONE_CLOSE_LAG_MS = 90_000;
/** A history whose newest bar is older than this is asked whole again rather than extended. */
const EXTEND_AT_MOST_MS = 2 * 24 * 3_600_000;
/** Recorded OI must cover this much before the model is shown: under a day it says "building". */
export const RECORDED_NEEDED_MS = 24 * 3_600_000;

/** How long fetched bars are fresh: until the next 15-minute close has been published. */
export function zoneBarsTtl(bars: ZoneBars): number {
  const due = Math.floor(bars.fetchedAt / ZONE_BAR_MS) * ZONE_BAR_MS + ZONE_BAR_MS + ZONE_CLOSE_LAG_MS;
  return Math.max(60_000, due - bars.fetchedAt);
}

/**
 * The bars held plus what the venue adds since the newest one: the history is fetched once and then
 * extended by the new bars only (the newest held bar is asked again, as it may have changed).
 */
export async function extendZoneBars(
  client: VenueMarketClient,
  inst: Instrument,
  http: Http,
  held: ZoneBars | undefined,
  now: number,
): Promise<Result<ZoneBars>> {
  const newest = held?.bars.at(-1)?.time;
  const since = newest !== undefined && now - newest < EXTEND_AT_MOST_MS ? newest : null;
  const got = await client.zoneBars(inst, http, since);
  if (!got.ok || since === null || !held) return got;
  const byTime = new Map(held.bars.map((b) => [b.time, b]));
  for (const b of got.value.bars) byTime.set(b.time, b);
  const from = now - ZONE_LOOKBACK_MS - ZONE_BAR_MS;
  const bars = [...byTime.values()].filter((b) => b.time >= from).sort((a, b) => a.time - b.time);
  return { ok: true, value: { ...got.value, bars } };
}

interface Memo {
  signature: string;
  levels: ZoneLevels;
}

/**
 * The zone part of a snapshot: the model's slow half (the levels) is kept per market until a bar
 * or the market's limits change; the mark only bins them.
 */
export function createZoneModel() {
  const memo = new Map<string, Memo>();

  /** `recorder`: the venue publishes no OI history, so each bar's close OI is what was recorded while watching. */
  function barsOf(key: string, held: ZoneBars, recorder: OiRecorder | null): ZoneBar[] {
    if (!recorder) return held.bars.map((b) => ({ ...b, oi: b.oi ?? null }));
    return held.bars.map((b) => ({ ...b, oi: b.oi ?? recorder.closeAt(key, b.time + ZONE_BAR_MS) }));
  }

  function state(key: string, view: CacheView<ZoneBars> | undefined, tiers: TierTable | null, mark: number, recorder: OiRecorder | null): ZoneState {
    const recorded = recorder !== null;
    const held = view?.value;
    if (!held) return { status: 'unavailable', reason: view?.error?.message ?? 'loading 7 days of 15-minute history' };
    const first = tiers?.tiers[0];
    if (!first) return { status: 'unavailable', reason: 'no margin tiers yet: the model needs the maintenance rate' };
    const bars = barsOf(key, held, recorder);
    const known = bars.filter((b) => b.oi !== null).length;
    if (recorded && known * ZONE_BAR_MS < RECORDED_NEEDED_MS) {
      return { status: 'building', coveredMs: known * ZONE_BAR_MS, needMs: RECORDED_NEEDED_MS };
    }
    if (known < 2) return { status: 'unavailable', reason: 'the venue served no open-interest history for the bars' };
    const m = first.maintenanceRate;
    const maxLeverage = tiers.maxLeverage ?? Math.floor(1 / (2 * m));
    const last = bars.at(-1);
    const signature = `${bars.length}:${bars[0]?.time}:${last?.time}:${last?.close}:${last?.oi}:${known}:${m}:${maxLeverage}`;
    let held2 = memo.get(key);
    if (held2?.signature !== signature) {
      held2 = { signature, levels: openLevels({ bars, maxLeverage, maintenanceRate: m }) };
      memo.delete(key);
      memo.set(key, held2);
      if (memo.size > 100) memo.delete(memo.keys().next().value ?? '');
    }
    return {
      status: 'ready',
      map: zonesAt(held2.levels, mark),
      basis: recorded ? 'recorded' : 'venue',
      coveredMs: recorded ? known * ZONE_BAR_MS : held2.levels.coveredMs,
      maintenanceRate: m,
      maxLeverage,
      maxLeverageSource: tiers.maxLeverage === undefined ? 'assumed' : 'venue',
      dataAt: (bars.at(-1)?.time ?? 0) + ZONE_BAR_MS,
    };
  }

  return { state };
}
export type ZoneModel = ReturnType<typeof createZoneModel>;
