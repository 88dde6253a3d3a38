// What a held position should be warned about, from its market snapshot. Pure: no browser APIs,
// no clock of its own. The state across checks (was the regime already against the position?) is
// handed in and handed back; hysteresis.ts decides whether a true condition fires.

import {
  DEFAULT_BANDS,
  DEFAULT_VIEW_SETTINGS,
  fundingStretch,
  positionView,
  sideSign,
  type Band,
  type CrowdedSide,
  type FundingStretch,
  type PositionView,
  type Regime,
  type RegimeWindow,
  type Side,
  type ViewSettings,
} from '../../core';
import { marketInputs } from '../../ui/panel/market-inputs';
import type { Position } from '../../venues/position-types';
import type { MarketSnapshot } from '../../venues/snapshot-types';
import type { VenueId } from '../../venues/types';

export type AlertCondition = 'liquidation' | 'regime' | 'funding';
export const ALERT_CONDITIONS: readonly AlertCondition[] = ['liquidation', 'regime', 'funding'];

export interface AlertSettings {
  /** No checks and no alarm at all when false (the badge still follows the pages' reports). */
  enabled: boolean;
  /** Warn when the distance to liquidation falls below this fraction (0.05 = 5%). */
  distanceBelow: number;
  /** Warn when the held market's regime turns against the position. */
  regimeFlip: boolean;
  /** Warn when funding becomes extreme and the position pays it. */
  extremeFunding: boolean;
  /** The same alert (position × condition) never fires twice within this many minutes. */
  cooldownMinutes: number;
  /** The user's bands and regime thresholds (options page), so alerts agree with the panel. */
  view?: Omit<ViewSettings, 'window'>;
  /** Regime window; '4h' when omitted. */
  window?: RegimeWindow;
  /**
   * The venues switched on in the options. A position on a venue switched off (false) is neither
   * checked nor on the badge; a venue left out counts as on.
   */
  venues?: Partial<Record<VenueId, boolean>>;
}

/** Whether the settings let positions on `venue` be alerted and shown on the badge. */
export function venueOn(settings: Pick<AlertSettings, 'venues'>, venue: VenueId): boolean {
  return settings.venues?.[venue] !== false;
}

export const DEFAULT_ALERT_SETTINGS: Readonly<Required<AlertSettings>> = {
  enabled: true,
  distanceBelow: 0.05,
  regimeFlip: true,
  extremeFunding: true,
  cooldownMinutes: 30,
  window: '4h',
  venues: {},
  view: { ...DEFAULT_BANDS },
};

/** The distance alert re-arms only once the distance is back above threshold × this. */
export const DISTANCE_REARM_FACTOR = 1.2;

/** Where a report came from: the tab (when a tab sent it) and the page's URL. */
export interface Origin {
  tabId?: number;
  url: string;
}

/** A position a page reported, where it came from, and when. */
export interface HeldPosition {
  position: Position;
  origin: Origin;
  reportedAt: number;
}

/** One alert per position on a venue: the same position seen in two tabs is one key. */
export function positionKey(p: Pick<Position, 'venue' | 'symbol' | 'side'>): string {
  return `${p.venue}:${p.symbol}:${p.side}`;
}

export function marketKey(venue: VenueId, symbol: string): string {
  return `${venue}:${symbol}`;
}

/**
 * What one check saw. `active`: the condition holds now. `clear`: it is false WITH the margin the
 * hysteresis needs to re-arm (distance back above threshold × 1.2; regime not against; funding not
 * extreme against).
 */
export interface Observation {
  active: boolean;
  clear: boolean;
}

export type ConditionDetail =
  | { condition: 'liquidation'; distance: number; threshold: number; band: Band | null }
  | { condition: 'regime'; regime: Regime; crowded: CrowdedSide; window: RegimeWindow; against: boolean; note: string }
  | { condition: 'funding'; rate8h: number; stretch: FundingStretch; pays: boolean };

/** A condition that could be checked (with what it saw), or why it could not (then it says nothing). */
export type ConditionCheck =
  { condition: AlertCondition; observation: Observation; detail: ConditionDetail } | { condition: AlertCondition; observation: null; reason: string };

export interface Evaluation {
  checks: Record<AlertCondition, ConditionCheck>;
  /** Distance to liquidation when known (for the badge). */
  distance: number | null;
  band: Band | null;
  /**
   * Whether the regime is against the position now; null when unknown (then the caller keeps the
   * previous value, so a gap in the data is not a flip).
   */
  regimeAgainst: boolean | null;
}

export interface EvaluateInput {
  held: HeldPosition;
  /** null when the market data could not be had: only the page's distance is then checked. */
  snapshot: MarketSnapshot | null;
  settings: AlertSettings;
  /**
   * The previous check's `regimeAgainst` for this position. `undefined` (never seen) or null
   * (unknown) is a baseline: no flip can be claimed without having seen the regime before.
   */
  previousRegimeAgainst?: boolean | null;
  now: number;
}

/** Regimes whose price trend runs against each side (docs/risk-math.md §4). */
const TREND_AGAINST: Record<Side, readonly Regime[]> = {
  long: ['short-buildup', 'long-unwinding', 'drift-down'],
  short: ['long-buildup', 'short-covering', 'drift-up'],
};

/**
 * Against the position: its side is the crowded one (funding stretched its way), or the regime's
 * price trend runs against it.
 */
export function regimeAgainst(side: Side, regime: Regime, crowded: CrowdedSide): boolean {
  const mine: CrowdedSide = side === 'long' ? 'longs' : 'shorts';
  return crowded === mine || TREND_AGAINST[side].includes(regime);
}

export function viewSettings(settings: AlertSettings): ViewSettings {
  return { ...DEFAULT_VIEW_SETTINGS, ...settings.view, window: settings.window ?? DEFAULT_ALERT_SETTINGS.window };
}

/**
 * The position view with the freshest mark price: the page's when the report is newer than the
 * snapshot's quote (or there is no snapshot, or the row is at liquidation), else the market's. A page in a background tab may have
 * reported minutes ago; the quote is at most a refresh old.
 */
export function heldView(held: HeldPosition, snapshot: MarketSnapshot | null, settings: AlertSettings, now: number): PositionView {
  const p = held.position;
  // A row at liquidation is judged on the page's mark: the venue's own row says it is there.
  const usePageMark = p.markPrice !== null && (p.atLiquidation === true || snapshot === null || held.reportedAt >= snapshot.quote.fetchedAt);
  const s = viewSettings(settings);
  return positionView(
    {
      side: p.side,
      size: p.size,
      entryPrice: p.entryPrice,
      markPrice: usePageMark ? p.markPrice : null,
      liqPrice: p.liqPrice,
      liqSource: p.liqSource ?? (p.source === 'api' ? 'api' : 'page'),
      ...(p.liqNotServed !== undefined ? { liqNotServed: p.liqNotServed } : {}),
      margin: p.margin,
      walletMargin: p.walletMargin,
      ...(p.collateralInBase !== undefined ? { collateralInBase: p.collateralInBase } : {}),
      marginMode: p.marginMode,
      unrealizedPnl: p.unrealizedPnl,
    },
    snapshot ? marketInputs(snapshot, s.window) : null,
    s,
    now,
  );
}

const off = (condition: AlertCondition, reason: string): ConditionCheck => ({ condition, observation: null, reason });

function liquidationCheck(v: PositionView, settings: AlertSettings): ConditionCheck {
  if (!('value' in v.distance)) return off('liquidation', v.distance.unknown);
  const d = v.distance.value;
  const t = settings.distanceBelow;
  return {
    condition: 'liquidation',
    observation: { active: d < t, clear: d >= t * DISTANCE_REARM_FACTOR },
    detail: { condition: 'liquidation', distance: d, threshold: t, band: v.band },
  };
}

function regimeCheck(v: PositionView, side: Side, settings: AlertSettings, previous: boolean | null | undefined): ConditionCheck {
  if (!settings.regimeFlip) return off('regime', 'regime alerts are off');
  if (!('regime' in v.regime)) return off('regime', v.regime.unknown);
  const r = v.regime;
  const against = regimeAgainst(side, r.regime, r.crowded);
  if (previous === undefined || previous === null) return off('regime', 'first look at this regime: a flip needs a previous one');
  return {
    condition: 'regime',
    observation: { active: against && !previous, clear: !against },
    detail: { condition: 'regime', regime: r.regime, crowded: r.crowded, window: viewSettings(settings).window, against, note: r.note },
  };
}

function fundingCheck(v: PositionView, side: Side, settings: AlertSettings): ConditionCheck {
  if (!settings.extremeFunding) return off('funding', 'funding alerts are off');
  if (!('value' in v.rate8h)) return off('funding', v.rate8h.unknown);
  const rate8h = v.rate8h.value;
  const stretch = fundingStretch(rate8h);
  // The position pays when the rate's sign matches its side (longs pay a positive rate).
  const pays = sideSign(side) * rate8h > 0;
  const active = stretch === 'extreme' && pays;
  return {
    condition: 'funding',
    observation: { active, clear: !active },
    detail: { condition: 'funding', rate8h, stretch, pays },
  };
}

/**
 * Checks the three conditions for one held position:
 * - liquidation: the distance (known only) is below `distanceBelow`;
 * - regime: the regime is against the position now and was not at the previous check;
 * - funding: the funding stretch is 'extreme' and the position pays it.
 * A condition whose inputs are missing (or that is switched off) has no observation.
 */
export function evaluateConditions(input: EvaluateInput): Evaluation {
  const { held, snapshot, settings, now } = input;
  const side = held.position.side;
  let v: PositionView;
  try {
    v = heldView(held, snapshot, settings, now);
  } catch (err) {
    // The core throws on nonsense input; an alert check must not take the worker down with it.
    const why = err instanceof Error ? err.message : 'cannot evaluate this position';
    return {
      checks: { liquidation: off('liquidation', why), regime: off('regime', why), funding: off('funding', why) },
      distance: null,
      band: null,
      regimeAgainst: null,
    };
  }
  const regime = 'regime' in v.regime ? regimeAgainst(side, v.regime.regime, v.regime.crowded) : null;
  return {
    checks: {
      liquidation: liquidationCheck(v, settings),
      regime: regimeCheck(v, side, settings, input.previousRegimeAgainst),
      funding: fundingCheck(v, side, settings),
    },
    distance: 'value' in v.distance ? v.distance.value : null,
    band: v.band,
    regimeAgainst: regime,
  };
}
