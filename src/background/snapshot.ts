import { VENUE_NAMES } from '../venues/names';
import { averageRate, dailyVolatility, fundingPercentile, windowChange, type WindowChange } from '../core';
import {
  WINDOWS,
  WINDOW_MS,
  type Candles,
  type FundingHistory,
  type Http,
  type Instrument,
  type MarketQuote,
  type OiHistory,
  type Result,
  type SeriesPoint,
  type TierTable,
  type VenueMarketClient,
  type Window,
  type ZoneBars,
  type CrowdingSeries,
  type Feeds,
} from '../venues/market-types';
import { QUOTE_REFRESH_MS, type MarketSnapshot, type PartStatus } from '../venues/snapshot-types';
import { createCache, type Cache, type CacheView } from './cache';
import type { OiRecorder } from './oi-recorder';
import { crowdingOf } from './crowding';
import type { Flow } from './flow';
import { createZoneModel, extendZoneBars, zoneBarsTtl, type ZoneModel } from './zones';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Refresh time per data kind: prices and funding tens of seconds, OI minutes, candles and tiers longer. */
export const REFRESH_MS = {
  instruments: HOUR,
  quote: QUOTE_REFRESH_MS,
  funding: HOUR,
  oi: 5 * 60_000,
  candles: 30 * 60_000,
  tiers: 6 * HOUR,
  /** The zone model's 15-minute bars: until the next close is published (zones.ts zoneBarsTtl). */
  zones: 15 * 60_000,
  /** Account ratios: the venues publish them every 5 minutes to an hour; the 4 h change needs no more. */
  crowding: 15 * 60_000,
  /** A bundled stand-in table: the venue's own is asked for again this soon. */
  fallbackTiers: 10 * 60_000,
} as const;

export interface SnapshotCaches {
  instruments: Cache<Instrument[]>;
  quote: Cache<MarketQuote>;
  funding: Cache<FundingHistory>;
  oi: Cache<OiHistory>;
  candles: Cache<Candles>;
  tiers: Cache<TierTable>;
  zones: Cache<ZoneBars>;
  crowding: Cache<CrowdingSeries>;
}

export function createSnapshotCaches(now: () => number = Date.now, quoteTtlMs: () => number = () => REFRESH_MS.quote): SnapshotCaches {
  const hold = (ms: number) => ({ errorHoldMs: ms, now });
  return {
    // A failed list matters only on a cold start (an old copy serves otherwise), and then every row of
    // the venue is unavailable until it is asked again: held no longer than a quote, so the panel
    // recovers within one refresh once the venue answers.
    instruments: createCache({ ttlMs: REFRESH_MS.instruments, maxEntries: 10, ...hold(15_000) }),
    quote: createCache({ ttlMs: quoteTtlMs, maxEntries: 300, ...hold(15_000) }),
    funding: createCache({ ttlMs: REFRESH_MS.funding, maxEntries: 300, ...hold(60_000) }),
    oi: createCache({ ttlMs: REFRESH_MS.oi, maxEntries: 300, ...hold(60_000) }),
    candles: createCache({ ttlMs: REFRESH_MS.candles, maxEntries: 300, ...hold(60_000) }),
    tiers: createCache<TierTable>({
      ttlMs: REFRESH_MS.tiers,
      ttlFor: (t) => (t.fallback ? REFRESH_MS.fallbackTiers : REFRESH_MS.tiers),
      maxEntries: 300,
      ...hold(5 * 60_000),
    }),
    // Seven days of bars per market, extended by the new ones: many markets, so a watchlist's rows
    // never push each other out and start over.
    zones: createCache<ZoneBars>({ ttlMs: REFRESH_MS.zones, ttlFor: zoneBarsTtl, maxEntries: 100, ...hold(2 * 60_000) }),
    crowding: createCache({ ttlMs: REFRESH_MS.crowding, maxEntries: 300, ...hold(2 * 60_000) }),
  };
}

export interface SnapshotDeps {
  client: VenueMarketClient;
  liquidation: MarketSnapshot['liquidation'];
  http: Http;
  caches: SnapshotCaches;
  recorder: OiRecorder;
  /** The liquidation feeds; without it (tests of other parts) the flow is "not watched". */
  flow?: Flow;
  /** The venues' pushed quote feeds (Lighter's quote comes only from its websocket). */
  feeds?: Feeds;
  /** The zone model's memo; one per background (a shared default where none is handed in). */
  zoneModel?: ZoneModel;
  now: () => number;
}

const sharedZoneModel = createZoneModel();

function status<T extends { source: string }>(view: CacheView<T> | undefined): PartStatus {
  return { fetchedAt: view?.storedAt ?? null, source: view?.value?.source ?? null, error: view?.error ?? null };
}

function changes(points: readonly SeriesPoint[], current: number | null, now: number, recorded: boolean): Record<Window, WindowChange> {
  const out = {} as Record<Window, WindowChange>;
  for (const w of WINDOWS) {
    out[w] =
      current === null
        ? { change: null, reason: 'no current value' }
        : windowChange(points, current, now, WINDOW_MS[w], recorded ? { maxGapMs: 15 * 60_000, sinceFirst: true } : { maxGapMs: 2 * HOUR });
  }
  return out;
}

function unknownChanges(reason: string): Record<Window, WindowChange> {
  return { '1h': { change: null, reason }, '4h': { change: null, reason }, '24h': { change: null, reason } };
}

/** The venue's instrument list (an old copy while the venue fails). */
export async function loadInstruments(deps: Pick<SnapshotDeps, 'client' | 'http' | 'caches'>): Promise<Result<Instrument[]>> {
  const { client, http, caches } = deps;
  const list = await caches.instruments.get(client.venue, () => client.instruments(http));
  if (list.value) return { ok: true, value: list.value };
  return {
    ok: false,
    error: list.error ?? { kind: 'http', venue: client.venue, endpoint: '', message: `${VENUE_NAMES[client.venue]} instrument list unavailable` },
  };
}

/** Finds the symbol in the venue's instrument list; an unknown symbol is a clear error, not an empty row. */
export async function findInstrument(deps: SnapshotDeps, symbol: string): Promise<Result<Instrument>> {
  const { client } = deps;
  const list = await loadInstruments(deps);
  if (!list.ok) return list;
  let inst = list.value.find((i) => i.symbol === symbol);
  if (!inst && client.instrument) {
    const own = await client.instrument(symbol, deps.http);
    if (!own.ok) return own;
    inst = own.value ?? undefined;
  }
  if (!inst) {
    return {
      ok: false,
      error: { kind: 'unknown-symbol', venue: client.venue, endpoint: '', message: `${symbol} is not a perpetual listed on ${VENUE_NAMES[client.venue]}` },
    };
  }
  return { ok: true, value: inst };
}

export async function buildSnapshot(deps: SnapshotDeps, symbol: string): Promise<Result<MarketSnapshot>> {
  const { client, http, caches, recorder } = deps;
  const found = await findInstrument(deps, symbol);
  if (!found.ok) return found;
  const inst = found.value;
  const key = `${client.venue}:${symbol}`;
  const oiHistory = client.oiHistory;
  const [quote, funding, oi, candles, tiers] = await Promise.all([
    caches.quote.get(key, () => client.quote(inst, http, deps.feeds)),
    caches.funding.get(key, () => client.fundingHistory(inst, http)),
    oiHistory ? caches.oi.get(key, () => oiHistory(inst, http)) : Promise.resolve(undefined),
    caches.candles.get(key, () => client.candles(inst, http)),
    caches.tiers.get(key, () => client.tiers(inst, http)),
  ]);
  // Behind the parts every figure needs, so they never queue behind them at the venue's gate: the
  // zone history (seven days of 15-minute bars can take a venue several paced requests on a cold
  // start), the account ratios and the liquidation feed. The snapshot does not wait for them; it
  // takes what their caches hold, and the panel's next ask picks up the rest.
  // Their requests are marked background: at the venue's gate they give way to any request a view waits for.
  const behind: Http = (req) => http({ ...req, background: true });
  void caches.zones.get(key, () => extendZoneBars(client, inst, behind, caches.zones.peek(key)?.value, deps.now())).catch(() => undefined);
  // A view asks for this market now: its liquidation feed runs while views keep asking.
  if (client.liquidations && deps.flow) deps.flow.touch(key, inst, client.liquidations, behind);
  const crowdingLoad = client.crowding;
  if (crowdingLoad) void caches.crowding.get(key, () => crowdingLoad(inst, behind)).catch(() => undefined);
  const zones = caches.zones.peek(key);
  const q = quote.value;
  if (!q) {
    return { ok: false, error: quote.error ?? { kind: 'http', venue: client.venue, endpoint: '', message: `${client.venue} quote unavailable` } };
  }
  const now = deps.now();
  if (!oiHistory && q.openInterest !== null && quote.storedAt !== undefined) recorder.record(key, quote.storedAt, q.openInterest);

  const fundingPoints = funding.value?.points ?? [];
  const venueInterval = q.fundingIntervalHours ?? inst.fundingIntervalHours;
  const historyInterval = funding.value?.intervalHours ?? null;
  const interval =
    venueInterval !== null
      ? { hours: venueInterval, source: 'venue' as const }
      : historyInterval !== null
        ? { hours: historyInterval, source: 'history' as const }
        : { hours: 8, source: 'default' as const };
  const last7d = fundingPoints.filter((p) => p.time >= now - 7 * DAY).map((p) => p.rate);
  const last30d = fundingPoints.filter((p) => p.time >= now - 30 * DAY).map((p) => p.rate);

  // A candle's close is the price at its END: shift hourly candles by an hour so the series is "price at time".
  const closes: SeriesPoint[] = (candles.value?.hourly ?? []).map((c) => ({ time: c.time + HOUR, value: c.value }));
  const oiPoints: readonly SeriesPoint[] = oiHistory ? (oi?.value?.points ?? []) : recorder.points(key);
  // σ_day from completed days only: the venues' last daily candle is today's, still open, and its
  // partial-day return would pull the estimate down (a position would look more σ away than it is).
  const daily = (candles.value?.daily ?? [])
    .filter((c) => c.time + DAY <= now)
    .slice(-31)
    .map((c) => c.value);

  return {
    ok: true,
    value: {
      venue: client.venue,
      symbol,
      asset: inst.asset,
      quoteCurrency: inst.quote,
      contractValue: inst.contractValue,
      quote: q,
      fundingIntervalHours: interval.hours,
      fundingIntervalSource: interval.source,
      fundingAvg7d: averageRate(last7d),
      fundingPercentile30d: last30d.length >= 10 ? fundingPercentile(q.fundingRate, last30d) : null,
      dailyVol: daily.length >= 8 ? dailyVolatility(daily) : null,
      priceChange: candles.value ? changes(closes, q.markPrice, now, false) : unknownChanges(candles.error?.message ?? 'no candles yet'),
      oiChange:
        oiHistory && !oi?.value ? unknownChanges(oi?.error?.message ?? 'no open-interest history yet') : changes(oiPoints, q.openInterest, now, !oiHistory),
      oiBasis: oiHistory ? 'venue' : 'recorded',
      tiers: tiers.value ?? null,
      liquidation: deps.liquidation,
      flow: !client.liquidations ? { status: 'not-published' } : deps.flow ? deps.flow.state(key) : { status: 'unavailable', reason: 'not watched' },
      crowding: crowdingOf(crowdingLoad !== undefined, client.publishesTakerSplit === true, caches.crowding.peek(key), zones, now),
      zones: (deps.zoneModel ?? sharedZoneModel).state(key, zones, tiers.value ?? null, q.markPrice, oiHistory ? null : recorder),
      sparkline: {
        price: closes.slice(-24).map((p) => p.value),
        oi: oiPoints.slice(-24).map((p) => p.value),
      },
      parts: {
        quote: status(quote),
        funding: status(funding),
        oi: oiHistory ? status(oi) : { fetchedAt: oiPoints.at(-1)?.time ?? null, source: 'recorded', error: null },
        candles: status(candles),
        tiers: status(tiers),
        zones: status(zones),
        crowding: crowdingLoad ? status(caches.crowding.peek(key)) : { fetchedAt: null, source: 'not published by the venue', error: null },
        flow:
          client.liquidations && deps.flow
            ? deps.flow.part(key)
            : { fetchedAt: null, source: client.liquidations ? null : 'not published by the venue', error: null },
      },
      builtAt: now,
    },
  };
}
