import { fundingDrag } from './funding';
import { liquidationDistance, liquidationPrice } from './liquidation';
import { sortTiers, tierForNotional } from './margin-tiers';
import type { MarginTier, Side } from './types';

export interface WhatIfInput {
  side: Side;
  /** Base units. */
  size: number;
  entryPrice: number;
  markPrice: number;
  /** Either leverage (margin = notional / leverage) or the margin itself, in quote currency. */
  leverage?: number;
  margin?: number;
  tiers: readonly MarginTier[];
  valuation: 'liquidation' | 'entry';
  feeRate: number;
  fundingRate: number;
  fundingIntervalHours: number;
  /** Price funding is paid on (mark, or the oracle on Hyperliquid/dYdX). */
  fundingPrice: number;
}

export interface WhatIfResult {
  margin: number;
  notional: number;
  liqPrice: number | null;
  /** Null when there is no liquidation price. */
  distance: number | null;
  perDay: number;
  marginSharePerDay: number | null;
  maintenanceRate: number;
  /** Set when the position could not be held at all: its margin is at or below the maintenance margin. */
  warning: string | null;
}

/**
 * "What if I open this position": an isolated position of the given size at the given entry, with
 * margin from leverage or given outright, liquidated by the venue's tiers and convention. The same
 * core functions as the panel; throws RangeError (naming the field) for nonsense input.
 */
export function whatIf(p: WhatIfInput): WhatIfResult {
  if (!(Number.isFinite(p.size) && p.size > 0)) throw new RangeError('size must be a positive number');
  if (!(Number.isFinite(p.entryPrice) && p.entryPrice > 0)) throw new RangeError('entry price must be a positive number');
  const notional = p.size * p.entryPrice;
  let margin: number;
  if (p.margin !== undefined) {
    if (!(Number.isFinite(p.margin) && p.margin > 0)) throw new RangeError('margin must be a positive number');
    margin = p.margin;
  } else if (p.leverage !== undefined) {
    if (!(Number.isFinite(p.leverage) && p.leverage >= 1 && p.leverage <= 250)) throw new RangeError('leverage must be between 1 and 250');
    margin = notional / p.leverage;
  } else {
    throw new RangeError('leverage or margin is required');
  }
  const liqPrice = liquidationPrice({
    side: p.side,
    size: p.size,
    entryPrice: p.entryPrice,
    margin,
    tiers: p.tiers,
    feeRate: p.feeRate,
    valuation: p.valuation,
  });
  const maintenanceRate = tierForNotional(sortTiers(p.tiers), notional).tier.maintenanceRate + p.feeRate;
  const drag = fundingDrag({
    side: p.side,
    size: p.size,
    markPrice: p.fundingPrice,
    rate: p.fundingRate,
    intervalHours: p.fundingIntervalHours,
    margin,
    maintenanceRate,
  });
  // A long whose liquidation price is at or above its entry (a short's at or below) is liquidated the
  // moment it opens: the margin does not cover the maintenance margin. Said, not shown as a figure.
  const atOnce = liqPrice !== null && (p.side === 'long' ? liqPrice >= p.entryPrice : liqPrice <= p.entryPrice);
  const tier = tierForNotional(sortTiers(p.tiers), notional).tier;
  const maintenance = notional * maintenanceRate - tier.deduction;
  const at = p.margin === undefined && p.leverage !== undefined ? ` at ${p.leverage}×` : '';
  const warning = atOnce
    ? `the margin (${margin.toFixed(2)}) does not cover the maintenance margin (${maintenance.toFixed(2)})${at}: the position would be liquidated at once`
    : null;
  return {
    margin,
    notional,
    warning,
    liqPrice,
    distance: liqPrice === null ? null : liquidationDistance(p.side, p.markPrice, liqPrice),
    perDay: drag.perDay,
    marginSharePerDay: drag.marginSharePerDay,
    maintenanceRate,
  };
}
