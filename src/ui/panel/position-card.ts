import { aprOf8h, bandRulesOf, positionView, type BandRules, type PositionView, type ViewSettings } from '../../core';
import { bandJudged } from '../band-words';
import { REGIME_DESCRIPTIONS } from '../../core/regime-note';
import type { RowRead } from '../../venues/page-reader-types';
import type { Position } from '../../venues/position-types';
import type { MarketSnapshot } from '../../venues/snapshot-types';
import { VENUE_NAMES } from '../../venues/names';
import { known, unknown, type FieldValue } from '../field-value';
import {
  formatAge,
  formatClock,
  formatCountdown,
  formatNumber,
  formatPercent,
  formatPercentile,
  formatPrice,
  formatProbability,
  formatQuote,
  formatSize,
} from '../format';
import { contractState, type MarketState } from '../market-state';
import { h, type TreeElement } from '../../protocol/tree';
import { field, fieldValue } from './field';
import { asField, privateField } from './figures';
import { gauge } from './gauge';
import { marketInputs } from './market-inputs';
import { figureNote, intervalNote, partNote } from './part-note';
import { cardKey } from '../../protocol/panel-prefs';
import type { LiveCard } from '../../protocol/live-card';
import { windowSwitch } from './window-switch';

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

/** An alert the background sent, as its record keeps it (background/alerts/recent.ts). */
export interface SentAlert {
  at: number;
  /** `venue:symbol:side` */
  key: string;
  condition: string;
  title: string;
  message: string;
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

/** The newest alert per condition for this position, as lines on its card. */
function alertLines(alerts: readonly SentAlert[], p: Position): TreeElement[] {
  const mine = alerts.filter((a) => a.key === `${p.venue}:${p.symbol}:${p.side}`);
  const newest = new Map<string, SentAlert>();
  for (const a of mine) if (!newest.has(a.condition)) newest.set(a.condition, a);
  return [...newest.values()].map((a) =>
    h('p', { class: 'status alert-sent', role: 'status', 'data-alert': a.condition, title: a.message }, `Alert sent ${formatClock(a.at)}: ${a.title}`),
  );
}

const LIQ_SOURCE_TEXT = { page: 'venue (page)', api: 'venue (API)', computed: 'PerpLens' } as const;
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

function changeField(c: { change: number | null; reason?: string } | undefined): FieldValue {
  if (!c) return unknown('market data unavailable');
  return c.change === null ? unknown(c.reason ?? 'unknown') : known(c.change, formatPercent(c.change, 2, true));
}

/**
 * Said on the card, not only in a tooltip, whenever the venue's live margin tiers could not be had
 * and PerpLens's bundled copy (possibly outdated) stands behind a figure: where it came from, how old.
 */
function bundledTiersNote(t: NonNullable<MarketSnapshot['tiers']>, behindDistance: boolean, venue: string, now: number): string {
  const days = t.asOf ? Math.floor((now - Date.parse(`${t.asOf}T00:00:00Z`)) / 86_400_000) : null;
  const copy = `PerpLens's bundled margin tiers${t.asOf ? ` of ${t.asOf}${days !== null && days >= 0 ? ` (${days} days old)` : ''}` : ''}`;
  const why = `${venue}'s live table is unavailable${t.why ? ` (${t.why})` : ''}`;
  return behindDistance ? `Liquidation price computed from ${copy}: ${why}. It may be off; check it on ${venue}.` : `The check uses ${copy}: ${why}.`;
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
  const cs = market ? contractState(market, now, staleAfterMs) : { state: 'loading' as const, ageMs: undefined };
  const state = cs.state;
  const age = snapshot ? `market data ${formatAge(now - snapshot.quote.fetchedAt)} old` : noMarket;
  const money = (x: number) => formatQuote(x, quote);
  const unit = snapshot?.asset ?? null;
  const side = p.side === 'long' ? 'Long' : 'Short';
  const mine = p.side === 'long' ? 'longs' : 'shorts';

  const liqField: FieldValue =
    'value' in v.liq ? known(v.liq.value, formatPrice(v.liq.value)) : 'none' in v.liq ? known('none', 'none') : unknown(v.liq.unknown);
  const liqSource = 'unknown' in v.liq ? (p.source === 'api' ? 'api' : p.source === 'hand' ? 'computed' : 'page') : v.liq.source;
  const computed: FieldValue = 'none' in v.computedLiq ? known('none', 'none') : asField(v.computedLiq, formatPrice);
  const regime = 'regime' in v.regime ? v.regime : null;
  const regimeUnknown = unknown('unknown' in v.regime ? v.regime.unknown : '');
  const pays = 'value' in v.perDay ? v.perDay.value >= 0 : null;
  const markFrom = 'source' in v.mark && v.mark.source === 'page' ? "the page's mark" : "the venue API's mark (the page shows none)";
  const pct4 = (r: number) => formatPercent(r, 4, true);
  const w = settings.window;
  const note = (part: Parameters<typeof partNote>[1]) => partNote(snapshot, part, now);
  const distance = 'value' in v.distance ? v.distance.value : null;
  const touch = 'value' in v.touch24h ? v.touch24h.value : null;
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
  const onCrowded = regime?.crowded === mine;
  const stretched = regime && (regime.stretch === 'stretched' || regime.stretch === 'extreme');
  const danger = v.band === 'danger';
  const bandWhy = bandJudged(v.bandBasis, v.bandFellBack, settings);

  // Plain words first: what the trader must take in within two seconds.
  const distText = distance === null ? 'distance unknown' : `${formatPercent(distance, 2)} to liquidation`;
  const summary = [
    `${side} ${p.symbol}${p.leverage ? ` ${p.leverage}×` : ''}${p.source === 'hand' ? ' (entered by hand)' : ''}: ${distText}${v.band ? ` (${v.band})` : ''}`,
    touch !== null ? `${formatProbability(touch)} chance to touch within 24 h` : '',
    'value' in v.perDay && !privacy ? `${pays ? 'pays' : 'receives'} ${money(Math.abs(v.perDay.value))} a day in funding` : '',
    onCrowded ? `on the crowded side (${mine})` : '',
  ]
    .filter(Boolean)
    .join(', ');

  const dangerLine = (): TreeElement | false => {
    if (!danger) return false;
    const toCaution = privateField(
      asField(v.marginToCaution, (x) => money(x)),
      privacy,
    );
    const toCalm = privateField(
      asField(v.marginToCalm, (x) => money(x)),
      privacy,
    );
    const chance = touch !== null ? `${formatProbability(touch)} chance to touch liq. in 24 h` : distText;
    return h(
      'p',
      { class: 'danger-line', role: 'status' },
      h('span', { 'aria-hidden': 'true' }, '⚠ '),
      `Danger: ${chance}. `,
      'text' in toCaution
        ? [
            'Add ≈ ',
            fieldValue('margin-to-caution', toCaution, {
              explain: 'Margin that would bring the liquidation price back to the caution band (estimate for cross margin)',
            }),
            ' margin for caution',
            'text' in toCalm ? [', ≈ ', fieldValue('margin-to-calm', toCalm, { explain: 'Margin that would bring it back to calm' }), ' for calm'] : '',
            '.',
          ]
        : [fieldValue('margin-to-caution', toCaution, { explain: 'Margin that would bring the position back to caution' })],
    );
  };

  // Without market data the funding and regime lines keep their fields (the DOM contract), folded
  // behind one short line: the cause is said once, at the top of the panel.
  const waiting =
    snapshot === null && h('div', { class: 'c3 muted' }, market?.status === 'failed' ? 'Funding and regime: no market data' : 'Loading funding and regime…');
  const fundingLine = h(
    'div',
    { class: 'c3', hidden: snapshot === null },
    fieldValue(
      'funding-per-day',
      privateField(
        asField(v.perDay, (x) => money(Math.abs(x))),
        privacy,
      ),
      {
        tone: pays === null ? undefined : pays ? 'bad' : 'good',
        text: 'value' in v.perDay && !privacy ? `${pays ? 'Pays' : 'Receives'} ${money(Math.abs(v.perDay.value))}/day` : undefined,
        explain: `Funding this position ${pays === false ? 'receives' : 'pays'} per day at the current rate (${'value' in v.fundingRate ? pct4(v.fundingRate.value) : '?'} every ${'value' in v.fundingIntervalHours ? v.fundingIntervalHours.value : '?'}h); ${age}`,
      },
    ),
    ' · ',
    fieldValue(
      'funding-margin-share-per-day',
      asField(v.marginSharePerDay, (x) => `${formatPercent(Math.abs(x), Math.abs(x) < 0.0001 ? 3 : 2)} of margin`),
      {
        tone: pays === null ? undefined : pays ? 'bad' : 'good',
        explain: `What a day of funding ${pays === false ? 'adds to' : 'takes from'} the margin behind this position`,
      },
    ),
    ' · ',
    h(
      'span',
      { class: 'nowrap' },
      'next ',
      fieldValue(
        'next-funding',
        'value' in v.nextFunding ? known(v.nextFunding.value, formatCountdown(v.nextFunding.value - now)) : unknown(v.nextFunding.unknown),
        {
          explain: `Time to the next funding payment; ${age}`,
        },
      ),
    ),
  );

  const regimeLine = h(
    'div',
    { class: 'c4', hidden: snapshot === null },
    fieldValue('regime', regime ? known(regime.regime, REGIME_DESCRIPTIONS[regime.regime].label) : regimeUnknown, {
      cls: 'regime',
      explain: regime
        ? `${REGIME_DESCRIPTIONS[regime.regime].meaning}. Over ${w}: price ${formatPercent(regime.priceChange, 2, true)}, open interest ${formatPercent(regime.oiChange, 2, true)}${regime.sinceWatching ? ' (since watching started)' : ''}; ${age}`
        : undefined,
    }),
    fieldValue(
      'funding-stretch',
      regime ? known(regime.stretch, `funding ${regime.stretch}${stretched ? (pays ? ', you pay it' : ', you receive it') : ''}`) : regimeUnknown,
      {
        cls: stretched ? 'badge' : 'soft',
        tone: stretched ? (pays ? 'bad' : 'good') : undefined,
        explain: regime
          ? `Funding is ${formatPercent(Math.abs(regime.rate8h), 4)} per 8 h: ${regime.stretch === 'balanced' ? 'no side pays much' : `the ${regime.crowded === 'none' ? 'paying' : regime.crowded} side pays ${regime.stretch === 'extreme' ? 'an extreme' : regime.stretch === 'stretched' ? 'a stretched' : 'an elevated'} rate`}; ${age}`
          : undefined,
      },
    ),
    fieldValue(
      'crowded-side',
      regime
        ? known(regime.crowded, onCrowded ? `You're on the crowded side` : regime.crowded === 'none' ? 'no crowd' : `${regime.crowded} crowded`)
        : regimeUnknown,
      {
        cls: onCrowded ? 'badge' : 'soft',
        tone: onCrowded ? 'danger' : undefined,
        explain: regime
          ? regime.crowded === 'none'
            ? `Funding is balanced: neither side is paying up to hold its positions; ${age}`
            : `The ${regime.crowded} pay a ${regime.stretch} funding rate to hold their positions: ${onCrowded ? 'a flush of the crowd would move the price toward your liquidation' : 'a squeeze of the crowd would move the price in your favour'}; ${age}`
          : undefined,
      },
    ),
  );

  const details = h(
    'div',
    { class: 'details', hidden: !open },
    h('h4', {}, 'Position'),
    field('entry-price', 'Entry', known(p.entryPrice, formatPrice(p.entryPrice)), { explain: 'the average entry price the venue shows' }),
    field('size', 'Size', privateField(known(p.size, formatSize(p.size, unit)), privacy), {
      explain: `${p.marginMode ?? 'margin mode not shown'}; ${p.source === 'api' ? 'from the venue API' : p.source === 'hand' ? 'entered by hand' : 'read from the page'}`,
    }),
    field('mark-price', 'Mark', asField(v.mark, formatPrice), {
      explain: `${markFrom}${'source' in v.mark && v.mark.source === 'market' ? `; ${figureNote(snapshot, 'markPrice', now)}` : ''}`,
    }),
    h('h4', {}, 'Liquidation'),
    h(
      'div',
      { class: 'row' },
      h('span', { class: 'label' }, 'Source'),
      h('span', { class: 'value', 'data-field': 'liq-source', 'data-value': liqSource }, LIQ_SOURCE_TEXT[liqSource]),
    ),
    field('liq-computed', 'PerpLens check', computed, {
      tone: v.liqMismatch ? 'caution' : undefined,
      explain:
        (v.liqGap === null
          ? "PerpLens's own liquidation price, for isolated positions, from the venue's margin tiers"
          : `PerpLens's own figure differs from the venue's by ${formatPercent(v.liqGap, 2)}${v.liqMismatch ? ': more than 0.5%, check the position on the venue' : ''}`) +
        (snapshot?.tiers?.fallback ? "; tiers: PerpLens's bundled copy, the venue's live table was unavailable" : ''),
    }),
    field(
      'daily-vol',
      'Typical daily move',
      inputs?.dailyVol ? known(inputs.dailyVol, formatPercent(inputs.dailyVol, 2)) : unknown(inputs ? 'not enough daily candles' : noMarket),
      {
        explain: `How much the price typically moves in a day (one standard deviation over the last 30 days); ${note('candles')}`,
      },
    ),
    field(
      'liq-sigma',
      'Typical days away',
      asField(v.sigma, (k) => `${formatNumber(k, 2)}σ`),
      {
        explain: 'How many typical daily moves separate the mark from the liquidation price',
      },
    ),
    field('liq-touch-24h', 'Chance to touch in 24 h', asField(v.touch24h, formatProbability), {
      explain: `How likely the price is to touch the liquidation price within a day if it moves as it did over 30 days (no trend assumed); ${age}`,
    }),
    h('h4', {}, 'Funding'),
    field('funding-rate', 'Rate / interval', asField(v.fundingRate, pct4), { explain: `The current (predicted) rate; positive: longs pay shorts; ${age}` }),
    field(
      'funding-interval-hours',
      'Interval',
      asField(v.fundingIntervalHours, (x) => `${x}h`),
      { explain: snapshot ? `Hours between payments, ${intervalNote(snapshot)}` : age },
    ),
    field('funding-rate-8h', 'Rate / 8h', asField(v.rate8h, pct4), { explain: 'The rate scaled to 8 hours, to compare venues' }),
    field(
      'funding-apr',
      'Yearly rate',
      asField(v.rate8h, (r8) => formatPercent(aprOf8h(r8), 2, true), aprOf8h),
      { explain: 'The rate over a year on the position’s value; positive: longs pay' },
    ),
    field(
      'funding-per-interval',
      pays === false ? 'You receive / payment' : 'You pay / payment',
      privateField(
        asField(v.perInterval, (x) => money(Math.abs(x))),
        privacy,
      ),
      {
        tone: pays === null ? undefined : pays ? 'bad' : 'good',
        explain: 'Funding at the next payment for this size',
      },
    ),
    field(
      'liq-shift-per-day',
      'Liq. price moves / day',
      asField(v.liqShiftPerDay, (x) => `${formatPrice(Math.abs(x))} ${x === 0 ? '' : pays ? 'closer' : 'away'}`.trim()),
      {
        tone: pays === null ? undefined : pays ? 'bad' : 'good',
        explain: 'How far a day of funding moves the liquidation price: paying drains isolated margin and pulls it toward the mark',
      },
    ),
    field('funding-avg-7d', '7-day average', asField(v.avg7d, pct4), { explain: `Mean of the rates settled over 7 days, per interval; ${note('funding')}` }),
    field(
      'funding-percentile-30d',
      'Rate vs 30 days',
      asField(v.fundingPercentile, (x) => `${formatPercentile(x)} percentile`),
      {
        explain: `Where today's rate ranks among the last 30 days of settled rates; ${note('funding')}`,
      },
    ),
    h('h4', {}, 'Market regime ', windowSwitch(w)),
    h(
      'div',
      { class: 'row sr-only' },
      h('span', { class: 'label' }, 'Window'),
      h('span', { class: 'value', 'data-field': 'regime-window', 'data-value': w }, w),
    ),
    field('price-change', `Price ${w}`, regime ? known(regime.priceChange, formatPercent(regime.priceChange, 2, true)) : changeField(inputs?.priceChange), {
      explain: `The mark now against the hourly close ${w} ago; ${note('candles')}`,
    }),
    field(
      'oi-change',
      `Open interest ${w}`,
      regime
        ? known(regime.oiChange, `${formatPercent(regime.oiChange, 2, true)}${regime.sinceWatching ? ' (since watching)' : ''}`)
        : changeField(inputs?.oiChange),
      {
        explain: `Open interest now against ${w} ago, counted in coins so price moves do not inflate it; ${note('oi')}`,
      },
    ),
    regime && h('p', { class: `note-line${onCrowded ? ' warn' : ''}`, 'data-field': 'regime-note', 'data-value': regime.note }, regime.note),
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
        fieldValue('leverage', p.leverage ? known(p.leverage, `${formatNumber(p.leverage, p.leverage % 1 ? 1 : 0)}×`) : unknown('leverage not shown'), {
          cls: 'soft',
        }),
      ),
      fieldValue(
        'liq-distance',
        asField(v.distance, (d) => formatPercent(d, 2)),
        {
          cls: 'dist',
          tone: v.band ?? undefined,
          explain: `How far the price can move against you before liquidation, from ${markFrom}; judged ${bandWhy}`,
        },
      ),
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
      fieldValue('liq-price', liqField, { explain: `The liquidation price as the venue shows it (${LIQ_SOURCE_TEXT[liqSource]})` }),
      ' · ',
      fieldValue(
        'liq-distance-money',
        privateField(
          asField(v.distanceMoney, (x) => money(-x)),
          privacy,
        ),
        {
          cls: 'soft',
          explain: 'What the position would lose between the mark and the liquidation price',
        },
      ),
      v.bandFellBack ? h('span', { class: 'soft', title: 'Volatility unknown: the bands use % of price' }, ' · % bands') : '',
    ),
    atLiquidation(p, v) &&
      h(
        'p',
        { class: 'status error at-liquidation', role: 'alert' },
        `At liquidation: the mark has reached the liquidation price. The venue may be closing this position now.`,
      ),
    dangerLine(),
    waiting,
    fundingLine,
    regimeLine,
    ...alertLines(alerts, p),
    state === 'stale' && h('p', { class: 'status stale' }, `Market data ${formatAge(cs.ageMs ?? 0)} old`),
    snapshot?.tiers?.fallback &&
      h(
        'p',
        { class: 'status caution-text tiers-bundled', role: 'status', 'data-tiers': 'bundled' },
        bundledTiersNote(snapshot.tiers, liqSource === 'computed', VENUE_NAMES[p.venue], now),
      ),
    v.liqMismatch &&
      h('p', { class: 'status caution-text', role: 'status' }, `PerpLens's own liquidation price is ${formatPercent(v.liqGap ?? 0, 2)} away from the venue's.`),
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
