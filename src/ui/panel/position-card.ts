import { positionView, type PositionView, type ViewSettings } from '../../core';
import { REGIME_DESCRIPTIONS } from '../../core/regime-note';
import type { RowRead } from '../../venues/page-reader-types';
import type { Position } from '../../venues/position-types';
import type { MarketSnapshot } from '../../venues/snapshot-types';
import { VENUE_NAMES } from '../../venues/names';
import { known, unknown, type FieldValue } from '../field-value';
import { formatAge, formatClock, formatCountdown, formatPercentile, formatMoney, formatNumber, formatPercent, formatPrice, formatProbability } from '../format';
import { contractState, type MarketState } from '../market-state';
import { h, type TreeElement } from '../tree';
import { field } from './field';
import { asField, privateField } from './figures';
import { marketInputs } from './market-inputs';
import { figureNote, intervalNote, partNote } from './part-note';
import { windowSwitch } from './window-switch';

interface Props {
  venue: string;
  row: RowRead;
  market: MarketState | undefined;
  settings: ViewSettings;
  now: number;
  staleAfterMs: number;
  privacy: boolean;
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

/** The newest alert per condition for this position, as lines on its card. */
function alertLines(alerts: readonly SentAlert[], p: Position): TreeElement[] {
  const mine = alerts.filter((a) => a.key === `${p.venue}:${p.symbol}:${p.side}`);
  const newest = new Map<string, SentAlert>();
  for (const a of mine) if (!newest.has(a.condition)) newest.set(a.condition, a);
  return [...newest.values()].map((a) =>
    h('p', { class: 'status alert-sent', role: 'status', 'data-alert': a.condition, title: a.message }, `Alert sent ${formatClock(a.at)}: ${a.title}`),
  );
}

/**
 * What the page needs to move a card's mark-driven figures itself between two panels from the
 * background (src/content/live-update.ts): the liquidation price and σ the card was drawn with.
 */
export interface LiveCard {
  symbol: string;
  side: Position['side'];
  liqPrice: number;
  dailyVol: number | null;
  dangerBelow: number;
  cautionBelow: number;
}

const LIQ_SOURCE_TEXT = { page: 'venue (page)', api: 'venue (API)', computed: 'PerpLens' } as const;

function unreadableCard(row: Extract<RowRead, { ok: false }>, venue: string): TreeElement {
  return h(
    'article',
    { class: 'position unreadable', 'data-perplens-position': '', 'data-venue': venue, 'data-symbol': row.symbol ?? '', 'data-side': row.side ?? '', 'data-state': 'unreadable', 'data-reason': row.reason },
    h('h3', {}, `${row.symbol ?? 'Position'} ${row.side ?? ''}`),
    h('p', { class: 'status error', role: 'status' }, `PerpLens can't read this position: ${row.reason}.`),
  );
}

function marketNote(market: MarketState | undefined): string {
  if (!market || market.status === 'loading') return 'loading market data';
  if (market.status === 'failed') return market.error.message;
  return '';
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
  return behindDistance
    ? `Liquidation price computed from ${copy}: ${why}. It may be off; check it on ${venue}.`
    : `The check uses ${copy}: ${why}.`;
}

/** The mark stands at or past the liquidation price (a row that walked there, or a figure of 0 or less). */
function atLiquidation(p: Position, v: PositionView): boolean {
  return p.atLiquidation === true || ('value' in v.distance && v.distance.value <= 0);
}

/** One position of the DOM contract with every figure, or why it cannot be shown. */
export function positionCard(props: Props): { el: TreeElement; live: LiveCard | null } {
  const { row, venue } = props;
  if (!row.ok) return { el: unreadableCard(row, venue), live: null };
  return card(props, row.position);
}

function card({ venue, market, settings, now, staleAfterMs, privacy, alerts = [] }: Props, p: Position): { el: TreeElement; live: LiveCard | null } {
  const snapshot = market?.status === 'ready' ? market.snapshot : null;
  const inputs = snapshot ? marketInputs(snapshot, settings.window) : null;
  let v: PositionView;
  try {
    v = positionView(
      { ...p, liqSource: p.liqSource ?? (p.source === 'api' ? 'api' : 'page') },
      inputs,
      settings,
      now,
      market?.status === 'failed' ? `no market data: ${market.error.message}` : 'market data still loading',
    );
  } catch (err) {
    // The core refuses nonsense with a RangeError; show that instead of breaking the panel.
    const reason = err instanceof Error ? err.message : 'cannot compute this position';
    return { el: unreadableCard({ ok: false, reason, symbol: p.symbol, side: p.side }, venue), live: null };
  }
  const cs = market ? contractState(market, now, staleAfterMs) : { state: 'loading' as const, ageMs: undefined };
  const state = cs.state;
  const age = snapshot ? `market data ${formatAge(now - snapshot.quote.fetchedAt)} old` : marketNote(market);

  const liqField: FieldValue = 'value' in v.liq ? known(v.liq.value, formatPrice(v.liq.value)) : 'none' in v.liq ? known('none', 'none') : unknown(v.liq.unknown);
  const liqSource = 'unknown' in v.liq ? (p.source === 'api' ? 'api' : 'page') : v.liq.source;
  const computed: FieldValue = 'none' in v.computedLiq ? known('none', 'none') : asField(v.computedLiq, formatPrice);
  const regime = 'regime' in v.regime ? v.regime : null;
  const regimeUnknown = unknown('unknown' in v.regime ? v.regime.unknown : '');
  const pays = 'value' in v.perDay ? v.perDay.value >= 0 : null;
  const abs = (n: number) => formatMoney(Math.abs(n));
  const markSource = 'source' in v.mark && v.mark.source === 'page' ? 'the page' : 'the market data';
  const pct4 = (r: number) => formatPercent(r, 4, true);
  const w = settings.window;
  const note = (part: Parameters<typeof partNote>[1]) => partNote(snapshot, part, now);
  const live: LiveCard | null =
    'source' in v.mark && v.mark.source === 'page' && 'value' in v.liq
      ? { symbol: p.symbol, side: p.side, liqPrice: v.liq.value, dailyVol: inputs?.dailyVol ?? null, dangerBelow: settings.dangerBelow, cautionBelow: settings.cautionBelow }
      : null;

  const el = h(
    'article',
    {
      class: `position state-${state}${v.band ? ` band-${v.band}` : ''}`,
      'data-perplens-position': '',
      'data-venue': p.venue,
      'data-symbol': p.symbol,
      'data-side': p.side,
      'data-state': state,
      'data-age-ms': cs.ageMs === undefined ? undefined : String(cs.ageMs),
      'data-reason': state === 'unavailable' ? (market?.status === 'failed' ? market.error.kind : 'no-market-data') : undefined,
      'aria-label': `${p.symbol} ${p.side}`,
    },
    h(
      'h3',
      {},
      h('span', { class: `side side-${p.side}` }, p.side === 'long' ? 'Long' : 'Short'),
      ` ${p.symbol}`,
      h('span', { class: 'muted' }, ` ${privacy ? '' : `${formatNumber(p.size, 4)} · `}${p.marginMode ?? 'mode ?'}${p.source === 'api' ? ' · from the venue API' : ' · read from the page'}`),
    ),
    state === 'stale' && h('p', { class: 'status stale' }, `Market data ${formatAge(cs.ageMs ?? 0)} old${market?.status === 'ready' && market.error ? ` — ${market.error.message}` : ''}`),
    state === 'unavailable' && h('p', { class: 'status error' }, `No market data: ${marketNote(market)}. Distance still uses the page.`),
    state === 'loading' && h('p', { class: 'status' }, 'Loading market data…'),

    ...alertLines(alerts, p),
    atLiquidation(p, v) && h('p', { class: 'status error at-liquidation', role: 'alert' }, `At liquidation: the mark has reached the liquidation price. The venue may be closing this position now.`),
    h('h4', {}, 'Liquidation'),
    field('liq-distance', 'Distance', asField(v.distance, (d) => formatPercent(d, 2)), {
      tone: v.band ?? undefined,
      explain: `s·(P − LP)/P, P = mark from ${markSource}, LP = the venue's liquidation price; bands: danger < ${formatPercent(settings.dangerBelow, 0)}, caution < ${formatPercent(settings.cautionBelow, 0)}`,
    }),
    field('mark-price', 'Mark', asField(v.mark, formatPrice), { explain: `from ${markSource}${markSource === 'the market data' ? ` (${figureNote(snapshot, 'markPrice', now)})` : ''}` }),
    field('liq-price', 'Liquidation price', liqField, { explain: `as the venue shows it (${LIQ_SOURCE_TEXT[liqSource]})` }),
    h('div', { class: 'row' }, h('span', { class: 'label' }, 'Source'), h('span', { class: 'value', 'data-field': 'liq-source', 'data-value': liqSource }, LIQ_SOURCE_TEXT[liqSource])),
    field('liq-computed', 'PerpLens check', computed, {
      tone: v.liqMismatch ? 'caution' : undefined,
      explain:
        (v.liqGap === null
          ? "isolated positions only, from the venue's margin tiers"
          : `differs from the venue's figure by ${formatPercent(v.liqGap, 2)}${v.liqMismatch ? ' — more than 0.5%: check the position on the venue' : ''}`) +
        (snapshot?.tiers?.fallback ? "; tiers: PerpLens's bundled copy, the venue's live table was unavailable" : ''),
    }),
    snapshot?.tiers?.fallback && h('p', { class: 'status caution-text tiers-bundled', role: 'status', 'data-tiers': 'bundled' }, bundledTiersNote(snapshot.tiers, liqSource === 'computed', VENUE_NAMES[p.venue], now)),
    v.liqMismatch && h('p', { class: 'status caution-text', role: 'status' }, `PerpLens computes a different liquidation price (${formatPercent(v.liqGap ?? 0, 2)} apart).`),
    field('daily-vol', 'Daily volatility', inputs?.dailyVol ? known(inputs.dailyVol, formatPercent(inputs.dailyVol, 2)) : unknown(inputs ? 'not enough daily candles' : marketNote(market)), {
      explain: `standard deviation of daily log returns over the last 30 days; ${note('candles')}`,
    }),
    field('liq-sigma', 'Daily moves away', asField(v.sigma, (k) => `${formatNumber(k, 2)}σ`), {
      explain: `|ln(P/LP)| / σ_day, σ_day ${inputs?.dailyVol ? formatPercent(inputs.dailyVol, 2) : 'unknown'} from 30 daily closes; ${age}`,
    }),
    field('liq-touch-24h', 'Chance to touch in 24h', asField(v.touch24h, formatProbability), { explain: `2·Φ(−|ln(P/LP)| / σ_day) for a driftless random walk over 1 day; ${age}` }),

    h('h4', {}, 'Funding'),
    field('funding-rate', 'Rate / interval', asField(v.fundingRate, pct4), { explain: `current (predicted) rate; positive: longs pay shorts; ${age}` }),
    field('funding-interval-hours', 'Interval', asField(v.fundingIntervalHours, (x) => `${x}h`), {
      explain: snapshot ? intervalNote(snapshot) : age,
    }),
    field('funding-rate-8h', 'Rate / 8h', asField(v.rate8h, pct4), { explain: 'rate × 8 / interval' }),
    field('funding-apr', 'APR on notional', asField(v.rate8h, (r8) => formatPercent(r8 * 3 * 365, 2, true), (r8) => r8 * 3 * 365), { explain: 'rate × 24 / interval × 365; positive: longs pay shorts' }),
    field('next-funding', 'Next funding in', 'value' in v.nextFunding ? known(v.nextFunding.value, formatCountdown(v.nextFunding.value - now)) : unknown(v.nextFunding.unknown), { explain: age }),
    field('funding-per-interval', pays === false ? 'You receive / interval' : 'You pay / interval', privateField(asField(v.perInterval, abs), privacy), { explain: 'size × funding price × rate' }),
    field('funding-per-day', pays === null ? 'Funding / day' : pays ? 'You pay / day' : 'You receive / day', privateField(asField(v.perDay, abs), privacy), {
      tone: pays === null ? undefined : pays ? 'bad' : 'good',
      explain: 'per interval × 24 / interval; data-value positive = the position pays',
    }),
    field('funding-margin-share-per-day', 'Share of margin / day', asField(v.marginSharePerDay, (x) => formatPercent(x, 3, true)), { explain: "per day ÷ the position's margin" }),
    field('liq-shift-per-day', 'Liq. price walks / day', asField(v.liqShiftPerDay, (x) => formatMoney(x, true)), {
      explain: 'per day / (Q·(1 − s·m)): paying funding drains isolated margin and moves the liquidation price toward the mark',
    }),
    field('funding-avg-7d', '7-day average rate', asField(v.avg7d, pct4), { explain: `mean of settled rates over 7 days, per interval; ${note('funding')}` }),

    h('h4', {}, 'Market regime ', windowSwitch(w)),
    h('div', { class: 'row sr-only' }, h('span', { class: 'label' }, 'Window'), h('span', { class: 'value', 'data-field': 'regime-window', 'data-value': w }, w)),
    field('regime', 'Regime', regime ? known(regime.regime, REGIME_DESCRIPTIONS[regime.regime].label) : regimeUnknown, {
      explain: regime
        ? `${REGIME_DESCRIPTIONS[regime.regime].meaning} Δprice ${formatPercent(regime.priceChange, 2, true)}, ΔOI ${formatPercent(regime.oiChange, 2, true)}${regime.sinceWatching ? ' (since watching started)' : ''}, funding ${pct4(regime.rate8h)}/8h, window ${w}; ${age}`
        : age,
    }),
    field('price-change', `Price ${w}`, regime ? known(regime.priceChange, formatPercent(regime.priceChange, 2, true)) : changeField(inputs?.priceChange), {
      explain: `mark now against the hourly close ${w} ago; ${note('candles')}`,
    }),
    field('oi-change', `Open interest ${w}`, regime ? known(regime.oiChange, `${formatPercent(regime.oiChange, 2, true)}${regime.sinceWatching ? ' (since watching)' : ''}`) : changeField(inputs?.oiChange), {
      explain: `open interest now against ${w} ago, in base units (coins), not USD; ${note('oi')}`,
    }),
    field('funding-stretch', 'Funding stretch', regime ? known(regime.stretch, regime.stretch) : regimeUnknown, {
      explain: `|rate per 8h|: ≤ 0.01% balanced, ≤ 0.03% elevated, ≤ 0.05% stretched, above extreme; ${note('quote')}`,
    }),
    field('funding-percentile-30d', 'Rate vs 30 days', asField(v.fundingPercentile, (x) => `${formatPercentile(x)} pct`), {
      explain: `rank of the current rate among the last 30 days of settled rates; ${note('funding')}`,
    }),
    field('crowded-side', 'Crowded side', regime ? known(regime.crowded, regime.crowded) : regimeUnknown, {
      explain: `the side that pays funding once it is stretched beyond balanced: positive rate, longs; negative, shorts; ${note('quote')}`,
    }),
    regime && h('p', { class: `note-line${regime.crowded === (p.side === 'long' ? 'longs' : 'shorts') ? ' warn' : ''}`, 'data-field': 'regime-note', 'data-value': regime.note }, regime.note),
  );
  return { el, live };
}
