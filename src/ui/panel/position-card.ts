import { bandRulesOf, positionView, type PositionView, type ViewSettings } from '../../core';
import { bandJudged } from '../band-words';
import type { RowRead } from '../../venues/page-reader-types';
import type { Position } from '../../venues/position-types';
import { crowdingClause } from '../crowding-fields';
import { VENUE_NAMES } from '../../venues/names';
import { formatAge, formatPercent, formatProbability, formatQuote } from '../format';
import { contractState, type MarketState } from '../market-state';
import { h, type TreeElement } from '../../protocol/tree';
import { cardContext } from './card-context';
import { detailRows, figure } from './card-figures';
import { alertLines, bundledTiersNote, dangerLine, fundingLine, mismatchText, regimeLine, zoneLine, type SentAlert } from './card-lines';
import { gauge } from './gauge';
import { marketInputs } from './market-inputs';
import { cardKey } from '../../protocol/panel-prefs';
import type { LiveCard } from '../../protocol/live-card';

export type { SentAlert } from './card-lines';

/** The position's one-line reading, with what the accounts add to funding when they add something. */
function regimeNote(note: string, clause: string | null, warn: boolean): TreeElement {
  const text = clause ? `${note} ${clause[0]?.toUpperCase() ?? ''}${clause.slice(1)}.` : note;
  return h('p', { class: `note-line${warn ? ' warn' : ''}`, 'data-field': 'regime-note', 'data-value': text }, text);
}

// A position card: the headline (side, symbol, leverage, distance, gauge), the liquidation line,
// the funding and regime lines, notes, and the details. Every figure in it is declared in
// card-figures.ts; this file lays them out and ranks the card.

interface Props {
  venue: string;
  row: RowRead;
  market: MarketState | undefined;
  settings: ViewSettings;
  now: number;
  staleAfterMs: number;
  privacy: boolean;
  /** The card shows its full breakdown (the trader opened it). */
  open: boolean;
  /** The market's settlement currency (USDT, USDC, USD), null when unknown. */
  quote: string | null;
  /** Alerts fired lately for any position, newest first; the card names those for its own. */
  alerts?: readonly SentAlert[];
}

/** A card as the panel needs it: its tree, its live inputs, and how bad it is (to put the worst first). */
export interface Card {
  el: TreeElement;
  live: LiveCard | null;
  /** 0 at liquidation or unreadable, 1 danger, 2 caution, 3 calm, 4 band unknown. */
  rank: number;
  distance: number;
  /** One line for the collapsed pill. */
  chip: { symbol: string; side: Position['side']; band: string; text: string; crowded: boolean; summary: string };
}

const BAND_RANK = { danger: 1, caution: 2, calm: 3 } as const;

function unreadableCard(row: Extract<RowRead, { ok: false }>, venue: string): Card {
  const name = `${row.symbol ?? 'Position'} ${row.side ?? ''}`.trim();
  const el = h(
    'article',
    {
      class: 'position unreadable',
      'data-perplens-position': '',
      'data-venue': venue,
      'data-symbol': row.symbol ?? '',
      'data-side': row.side ?? '',
      'data-state': 'unreadable',
      'data-reason': row.reason,
      'aria-label': `${name}: PerpLens can't read this position`,
    },
    h('div', { class: 'c1' }, h('span', { class: 'who' }, name)),
    h('p', { class: 'status error', role: 'status' }, `PerpLens can't read this position: ${row.reason}.`),
  );
  return {
    el,
    live: null,
    rank: 0,
    distance: -Infinity,
    chip: { symbol: row.symbol ?? '?', side: row.side ?? 'long', band: 'unknown', text: "can't read", crowded: false, summary: `${name}: can't read` },
  };
}

/** The mark stands at or past the liquidation price (a row that walked there, or a figure of 0 or less). */
function atLiquidation(p: Position, v: PositionView): boolean {
  return p.atLiquidation === true || ('value' in v.distance && v.distance.value <= 0);
}

/** One position of the DOM contract with every figure, or why it cannot be shown. */
export function positionCard(props: Props): Card {
  const { row, venue } = props;
  if (!row.ok) return unreadableCard(row, venue);
  return card(props, row.position);
}

function card({ venue, market, settings, now, staleAfterMs, privacy, open, quote, alerts = [] }: Props, p: Position): Card {
  const snapshot = market?.status === 'ready' ? market.snapshot : null;
  const inputs = snapshot ? marketInputs(snapshot, settings.window) : null;
  const noMarket = market?.status === 'failed' ? `no market data: ${market.error.message}` : 'market data still loading';
  let v: PositionView;
  try {
    v = positionView({ ...p, liqSource: p.liqSource ?? (p.source === 'api' ? 'api' : 'page') }, inputs, settings, now, noMarket);
  } catch (err) {
    // The core refuses nonsense with a RangeError; show that instead of breaking the panel.
    const reason = err instanceof Error ? err.message : 'cannot compute this position';
    return unreadableCard({ ok: false, reason, symbol: p.symbol, side: p.side }, venue);
  }
  const c = cardContext(p, v, { snapshot, inputs, settings, now, privacy, noMarket, quote });
  const cs = market ? contractState(market, now, staleAfterMs) : { state: 'loading' as const, ageMs: undefined };
  const state = cs.state;
  const side = p.side === 'long' ? 'Long' : 'Short';
  const { distance, touch, pays, onCrowded, liqSource } = c;
  const live: LiveCard | null =
    'source' in v.mark && v.mark.source === 'page' && 'value' in v.liq
      ? {
          symbol: p.symbol,
          side: p.side,
          liqPrice: v.liq.value,
          dailyVol: inputs?.dailyVol ?? null,
          bands: bandRulesOf(settings),
          size: privacy ? null : p.size,
          quote,
        }
      : null;
  const bandWhy = bandJudged(v.bandBasis, v.bandFellBack, settings);

  // Plain words first: what the trader must take in within two seconds.
  const distText = distance === null ? 'distance unknown' : `${formatPercent(distance, 2)} to liquidation`;
  const summary = [
    `${side} ${p.symbol}${p.leverage ? ` ${p.leverage}×` : ''}${p.source === 'hand' ? ' (entered by hand)' : ''}: ${distText}${v.band ? ` (${v.band})` : ''}`,
    touch !== null ? `${formatProbability(touch)} chance to touch within 24 h` : '',
    'value' in v.perDay && !privacy ? `${pays ? 'pays' : 'receives'} ${formatQuote(Math.abs(v.perDay.value), quote)} a day in funding` : '',
    onCrowded ? `on the crowded side (${p.side === 'long' ? 'longs' : 'shorts'})` : '',
  ]
    .filter(Boolean)
    .join(', ');

  // Without market data the funding and regime lines keep their fields (the DOM contract), folded
  // behind one short line: the cause is said once, at the top of the panel.
  const waiting =
    snapshot === null && h('div', { class: 'c3 muted' }, market?.status === 'failed' ? 'Funding and regime: no market data' : 'Loading funding and regime…');
  const regime = c.regime;
  const details = h(
    'div',
    { class: 'details', hidden: !open },
    ...detailRows(c, open),
    regime && regimeNote(regime.note, crowdingClause(snapshot, regime.crowded, p.side), onCrowded),
  );

  const el = h(
    'article',
    {
      class: `position state-${state}${v.band ? ` band-${v.band}` : ''}${open ? ' open' : ''}`,
      'data-perplens-position': '',
      'data-venue': p.venue,
      'data-symbol': p.symbol,
      'data-side': p.side,
      'data-state': state,
      // Where the position comes from when the trader typed it in: the page shows no such row.
      'data-source': p.source === 'hand' ? 'hand' : undefined,
      'data-age-ms': cs.ageMs === undefined ? undefined : String(cs.ageMs),
      'data-reason': state === 'unavailable' ? (market?.status === 'failed' ? market.error.kind : 'no-market-data') : undefined,
      'aria-label': summary,
    },
    h(
      'div',
      { class: 'c1' },
      h(
        'span',
        { class: 'who' },
        h('span', { class: `side side-${p.side}` }, side),
        ` ${p.symbol} `,
        p.source === 'hand'
          ? h('span', { class: 'chip hand', title: 'Entered by hand in the overview: PerpLens cannot read it from this page' }, 'by hand')
          : null,
        p.source === 'hand' ? ' ' : null,
        figure('leverage', c),
      ),
      figure('liq-distance', c),
      gauge(v.band, 'value' in v.sigma ? v.sigma.value : null, distance, settings, bandWhy),
      h(
        'button',
        {
          type: 'button',
          class: 'toggle',
          'data-action': 'card',
          'data-card': cardKey(p.symbol, p.side),
          'aria-expanded': String(open),
          title: open ? 'Show less' : 'Show every figure',
          'aria-label': `${open ? 'Hide' : 'Show'} the details of ${p.symbol} ${p.side}`,
        },
        open ? '▾' : '▸',
      ),
    ),
    h(
      'div',
      { class: 'c2' },
      'Liq. ',
      figure('liq-price', c),
      ' · ',
      figure('liq-distance-money', c),
      v.bandFellBack ? h('span', { class: 'soft', title: 'Volatility unknown: the bands use % of price' }, ' · % bands') : '',
    ),
    atLiquidation(p, v) &&
      h(
        'p',
        { class: 'status error at-liquidation', role: 'alert' },
        `At liquidation: the mark has reached the liquidation price. The venue may be closing this position now.`,
      ),
    dangerLine(c, distText),
    waiting,
    fundingLine(c),
    regimeLine(c),
    zoneLine(c),
    ...alertLines(alerts, p),
    state === 'stale' && h('p', { class: 'status stale' }, `Market data ${formatAge(cs.ageMs ?? 0)} old`),
    snapshot?.tiers?.fallback &&
      h(
        'p',
        { class: 'status caution-text tiers-bundled', role: 'status', 'data-tiers': 'bundled' },
        bundledTiersNote(snapshot.tiers, liqSource === 'computed', VENUE_NAMES[p.venue], now),
      ),
    v.liqMismatch && h('p', { class: 'status caution-text', role: 'status' }, mismatchText(v.liqGap)),
    details,
  );
  const band = atLiquidation(p, v) ? 'danger' : (v.band ?? 'unknown');
  return {
    el,
    live,
    rank: atLiquidation(p, v) ? 0 : v.band ? BAND_RANK[v.band] : 4,
    distance: distance ?? Infinity,
    chip: { symbol: p.symbol, side: p.side, band, text: distance === null ? '?' : formatPercent(distance, 2), crowded: onCrowded, summary },
  };
}
