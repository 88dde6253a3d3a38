import type { Band, BandRules } from '../../core';
import { h, type TreeElement } from '../../protocol/tree';

export const GAUGE_SEGMENTS = 5;

/**
 * How many of the gauge's segments are lit: one per typical daily move between the mark and the
 * liquidation price (five and more fill it), or, without volatility, per fifth of twice the
 * caution distance. None at or past liquidation. The colour is the band's.
 */
export function gaugeLit(sigma: number | null, distance: number | null, bands: Pick<BandRules, 'cautionBelow'>): number {
  if (distance === null) return 0;
  if (distance <= 0) return 0;
  const x = sigma !== null ? sigma : (distance / (2 * bands.cautionBelow)) * GAUGE_SEGMENTS;
  return Math.min(GAUGE_SEGMENTS, Math.max(1, Math.ceil(x)));
}

/** The gauge's segments: the page's live update rebuilds them with each tick of the mark. */
export function gaugeSegments(lit: number): TreeElement[] {
  return Array.from({ length: GAUGE_SEGMENTS }, (_, i) => h('span', { class: i < lit ? 'on' : '' }));
}

/** The band as a small gauge: the DOM contract's `band` field, its word for screen readers. */
export function gauge(band: Band | null, sigma: number | null, distance: number | null, bands: BandRules, why: string): TreeElement {
  return h(
    'span',
    {
      class: `gauge${band ? ` tone-${band}` : ' unknown'}`,
      'data-field': 'band',
      'data-value': band ?? '',
      title: band ? `${band}: ${why}` : 'no distance, so no band',
      role: 'img',
      'aria-label': band ?? 'band unknown',
    },
    gaugeSegments(gaugeLit(sigma, distance, bands)),
    h('span', { class: 'sr-only' }, band ?? ''),
  );
}
