import { formatClock, formatPercent, formatProbability } from '../format';
import { h, type TreeElement } from '../../protocol/tree';
import type { MarketSnapshot } from '../../venues/snapshot-types';
import type { Position } from '../../venues/position-types';
import type { CardContext } from './card-context';
import { figure, figureField } from './card-figures';
import { zoneChipText } from '../zone-fields';

// The lines of a position card below its headline, each built from the declared figures.

/** An alert the background sent, as its record keeps it (background/alerts/recent.ts). */
export interface SentAlert {
  at: number;
  /** `venue:symbol:side` */
  key: string;
  condition: string;
  title: string;
  message: string;
}

/** The newest alert per condition for this position, as lines on its card. */
export function alertLines(alerts: readonly SentAlert[], p: Position): TreeElement[] {
  const mine = alerts.filter((a) => a.key === `${p.venue}:${p.symbol}:${p.side}`);
  const newest = new Map<string, SentAlert>();
  for (const a of mine) if (!newest.has(a.condition)) newest.set(a.condition, a);
  return [...newest.values()].map((a) =>
    h('p', { class: 'status alert-sent', role: 'status', 'data-alert': a.condition, title: a.message }, `Alert sent ${formatClock(a.at)}: ${a.title}`),
  );
}

/** In the danger band: the chance to touch, and the margin that would bring the position back. */
export function dangerLine(c: CardContext, distText: string): TreeElement | false {
  if (c.v.band !== 'danger') return false;
  const chance = c.touch !== null ? `${formatProbability(c.touch)} chance to touch liq. in 24 h` : distText;
  const canAdd = 'text' in figureField('margin-to-caution', c);
  return h(
    'p',
    { class: 'danger-line', role: 'status' },
    h('span', { 'aria-hidden': 'true' }, '⚠ '),
    `Danger: ${chance}. `,
    canAdd
      ? [
          'Add ≈ ',
          figure('margin-to-caution', c),
          ' margin for caution',
          'text' in figureField('margin-to-calm', c) ? [', ≈ ', figure('margin-to-calm', c), ' for calm'] : '',
          '.',
        ]
      : [figure('margin-to-caution', c)],
  );
}

/**
 * Funding per day, its share of margin and the next payment; where borrowing accrues too (GMX), the
 * whole holding cost first and the funding within it, with no payment time. Folded away without
 * market data. Every figure stays in the DOM (the contract), hidden where it says nothing new.
 */
export function fundingLine(c: CardContext): TreeElement {
  if ('value' in c.v.borrowingRate) {
    return h(
      'div',
      { class: 'c3', hidden: c.snapshot === null },
      figure('holding-cost-per-day', c),
      ' with borrowing · funding ',
      figure('funding-per-day', c),
      ' · ',
      figure('funding-margin-share-per-day', c),
      h('span', { hidden: true }, figure('next-funding', c)),
    );
  }
  return h(
    'div',
    { class: 'c3', hidden: c.snapshot === null },
    figure('funding-per-day', c),
    ' · ',
    figure('funding-margin-share-per-day', c),
    ' · ',
    h('span', { class: 'nowrap' }, 'next ', figure('next-funding', c)),
    h('span', { hidden: true }, figure('holding-cost-per-day', c)),
  );
}

/** The regime, the funding stretch and the crowded side; folded away without market data. */
export function regimeLine(c: CardContext): TreeElement {
  return h('div', { class: 'c4', hidden: c.snapshot === null }, figure('regime', c), figure('funding-stretch', c), figure('crowded-side', c));
}

/** A modelled cluster between the mark and the liquidation price (or at it), in a trader's words; nothing when clear. */
export function zoneLine(c: CardContext): TreeElement | false {
  const text = zoneChipText(c.zones, c.p.side, c.distance);
  if (!text) return false;
  return h(
    'p',
    { class: 'zone-line', 'data-zone-chip': 'pz' in c.zones ? c.zones.pz.relation : '', title: 'pz' in c.zones ? c.zones.z.map.model : undefined },
    h('span', { class: 'chip zone' }, 'cluster'),
    ` ${text[0]?.toUpperCase() ?? ''}${text.slice(1)}.`,
  );
}

/**
 * Said on the card, not only in a tooltip, whenever the venue's live margin tiers could not be had
 * and PerpLens's bundled copy (possibly outdated) stands behind a figure: where it came from, how old.
 */
export function bundledTiersNote(t: NonNullable<MarketSnapshot['tiers']>, behindDistance: boolean, venue: string, now: number): string {
  const days = t.asOf ? Math.floor((now - Date.parse(`${t.asOf}T00:00:00Z`)) / 86_400_000) : null;
  const copy = `PerpLens's bundled margin tiers${t.asOf ? ` of ${t.asOf}${days !== null && days >= 0 ? ` (${days} days old)` : ''}` : ''}`;
  const why = `${venue}'s live table is unavailable${t.why ? ` (${t.why})` : ''}`;
  return behindDistance ? `Liquidation price computed from ${copy}: ${why}. It may be off; check it on ${venue}.` : `The check uses ${copy}: ${why}.`;
}

/** The mismatch between PerpLens's own liquidation price and the venue's, in words. */
export const mismatchText = (gap: number | null): string => `PerpLens's own liquidation price is ${formatPercent(gap ?? 0, 2)} away from the venue's.`;
