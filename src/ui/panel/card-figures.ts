import { REGIME_DESCRIPTIONS } from '../../core/regime-note';
import { h, type TreeElement } from '../../protocol/tree';
import { bandJudged } from '../band-words';
import { known, unknown, type FieldValue, type Tone } from '../field-value';
import { formatCountdown, formatNumber, formatPercent, formatPercentile, formatPrice, formatProbability, formatSize } from '../format';
import { changeField, type CardContext } from './card-context';
import { fieldValue } from './field';
import { asField, privateField } from './figures';
import { figureNote, intervalNote } from './part-note';
import { windowSwitch } from './window-switch';
import { premiumField, PREMIUM_EXPLAIN } from '../premium-field';
import {
  liqZoneRelationField,
  ZONE_EXPLAIN,
  zoneBetweenField,
  zoneModelField,
  zoneModelNote,
  zoneNearestDistanceField,
  zoneNearestPriceField,
} from '../zone-fields';
import { VENUE_NAMES } from '../../venues/names';
import { zoneLadder } from '../zone-ladder';
import { crowdingExplain, shareField, takerField } from '../crowding-fields';
import { FLOW_FIELDS, flowField } from '../flow-fields';

// Every figure a position card shows, declared once: its DOM-contract name, where it sits, its label,
// how it is worked out and formatted, what its tooltip explains, and whether privacy mode hides it.
// The card's lines, the details view, privacy mode and the contract's test all read this table.

export type CardSection = 'headline' | 'position' | 'liquidation' | 'zones' | 'funding' | 'regime' | 'flow';

export interface CardFigure {
  /** Its `data-field` in the DOM contract. */
  name: string;
  /** Headline figures sit in the card's own lines; the others are rows of the details, by section. */
  section: CardSection;
  /** The row's label in the details. */
  label?: (c: CardContext) => string;
  /** An amount of money or the position's size: hidden in privacy mode (never its data-value either). */
  private?: true;
  value: (c: CardContext) => FieldValue;
  explain?: (c: CardContext) => string | undefined;
  tone?: (c: CardContext) => Tone | undefined;
  cls?: (c: CardContext) => string | undefined;
  /** Words shown instead of the formatted value ("Pays 9.00 USDT/day"); data-value keeps the number. */
  text?: (c: CardContext) => string | undefined;
  /** Kept for screen readers and the contract, not drawn. */
  srOnly?: true;
  /** More `data-` attributes of the figure. */
  data?: (c: CardContext) => Record<string, string> | undefined;
}

export const LIQ_SOURCE_TEXT = { page: 'venue (page)', api: 'venue (API)', computed: 'PerpLens' } as const;

const pct4 = (r: number): string => formatPercent(r, 4, true);
/** A liquidation price the trader copied from the venue into a position tracked by hand says so. */
const liqSourceText = (c: CardContext): string => (c.p.source === 'hand' && c.liqSource === 'page' ? 'venue, typed by hand' : LIQ_SOURCE_TEXT[c.liqSource]);
const payTone = (c: CardContext): Tone | undefined => (c.pays === null ? undefined : c.pays ? 'bad' : 'good');
const bandWhy = (c: CardContext): string => bandJudged(c.v.bandBasis, c.v.bandFellBack, c.settings);
const regimeOr = (c: CardContext, f: (r: NonNullable<CardContext['regime']>) => FieldValue): FieldValue => (c.regime ? f(c.regime) : c.regimeUnknown);
/** The model's inputs and assumptions, for every zone figure's hover. */
const zoneNote = ({ zones, p, now }: CardContext): string => ('pz' in zones ? zoneModelNote(zones.z, VENUE_NAMES[p.venue], now) : zones.unknown);
/** A liquidation price moving by `x` comes closer to the mark: up for a long, down for a short. */
const closer = (side: 'long' | 'short', x: number): boolean => (side === 'long' ? x > 0 : x < 0);
const formatHours = (h: number): string =>
  h < 1 ? '< 1 hour' : h < 48 ? `${formatNumber(h, 0)} hours` : h > 24_000 ? '> 1000 days' : `${formatNumber(h / 24, 0)} days`;
const stretchRate = (s: string): string => (s === 'extreme' ? 'an extreme' : s === 'stretched' ? 'a stretched' : 'an elevated');

export const CARD_FIGURES: readonly CardFigure[] = [
  // ---- the card's own lines --------------------------------------------------------------------
  {
    name: 'leverage',
    section: 'headline',
    value: ({ p }) => (p.leverage ? known(p.leverage, `${formatNumber(p.leverage, p.leverage % 1 ? 1 : 0)}×`) : unknown('leverage not shown')),
    cls: () => 'soft',
  },
  {
    name: 'liq-distance',
    section: 'headline',
    value: ({ v }) => asField(v.distance, (d) => formatPercent(d, 2)),
    cls: () => 'dist',
    tone: ({ v }) => v.band ?? undefined,
    explain: (c) => `How far the price can move against you before liquidation, from ${c.markFrom}; judged ${bandWhy(c)}`,
  },
  {
    name: 'liq-price',
    section: 'headline',
    value: ({ v }) => ('value' in v.liq ? known(v.liq.value, formatPrice(v.liq.value)) : 'none' in v.liq ? known('none', 'none') : unknown(v.liq.unknown)),
    explain: (c) => `The liquidation price as the venue shows it (${liqSourceText(c)})`,
  },
  {
    name: 'liq-distance-money',
    section: 'headline',
    private: true,
    value: (c) => asField(c.v.distanceMoney, (x) => c.money(-x)),
    cls: () => 'soft',
    explain: () => 'What the position would lose between the mark and the liquidation price',
  },
  {
    name: 'margin-to-caution',
    section: 'headline',
    private: true,
    value: (c) => asField(c.v.marginToCaution, c.money),
    explain: (c) =>
      'value' in c.v.marginToCaution && !c.privacy
        ? 'Margin that would bring the liquidation price back to the caution band (estimate for cross margin)'
        : 'Margin that would bring the position back to caution',
  },
  {
    name: 'margin-to-calm',
    section: 'headline',
    private: true,
    value: (c) => asField(c.v.marginToCalm, c.money),
    explain: () => 'Margin that would bring it back to calm',
  },
  {
    name: 'funding-per-day',
    section: 'headline',
    private: true,
    value: (c) => asField(c.v.perDay, (x) => c.money(Math.abs(x))),
    tone: payTone,
    text: (c) => ('value' in c.v.perDay && !c.privacy ? `${c.pays ? 'Pays' : 'Receives'} ${c.money(Math.abs(c.v.perDay.value))}/day` : undefined),
    explain: ({ v, pays, age }) =>
      `Funding this position ${pays === false ? 'receives' : 'pays'} per day at the current rate (${'value' in v.fundingRate ? pct4(v.fundingRate.value) : '?'} every ${'value' in v.fundingIntervalHours ? v.fundingIntervalHours.value : '?'}h); ${age}`,
  },
  {
    name: 'funding-margin-share-per-day',
    section: 'headline',
    value: ({ v }) => asField(v.marginSharePerDay, (x) => `${formatPercent(Math.abs(x), Math.abs(x) < 0.0001 ? 3 : 2)} of margin`),
    tone: payTone,
    explain: ({ pays }) => `What a day of funding ${pays === false ? 'adds to' : 'takes from'} the margin behind this position`,
  },
  {
    name: 'next-funding',
    section: 'headline',
    value: ({ v, now }) => ('value' in v.nextFunding ? known(v.nextFunding.value, formatCountdown(v.nextFunding.value - now)) : unknown(v.nextFunding.unknown)),
    explain: ({ age }) => `Time to the next funding payment; ${age}`,
  },
  {
    name: 'regime',
    section: 'headline',
    value: (c) => regimeOr(c, (r) => known(r.regime, REGIME_DESCRIPTIONS[r.regime].label)),
    cls: () => 'regime',
    explain: ({ regime: r, settings, age }) =>
      r
        ? `${REGIME_DESCRIPTIONS[r.regime].meaning}. Over ${settings.window}: price ${formatPercent(r.priceChange, 2, true)}, open interest ${formatPercent(r.oiChange, 2, true)}${r.sinceWatching ? ' (since watching started)' : ''}; ${age}`
        : undefined,
  },
  {
    name: 'funding-stretch',
    section: 'headline',
    value: (c) => regimeOr(c, (r) => known(r.stretch, `funding ${r.stretch}${c.stretched ? (c.pays ? ', you pay it' : ', you receive it') : ''}`)),
    cls: (c) => (c.stretched ? 'badge' : 'soft'),
    tone: (c) => (c.stretched ? (c.pays ? 'bad' : 'good') : undefined),
    explain: ({ regime: r, age }) =>
      r
        ? `Funding is ${formatPercent(Math.abs(r.rate8h), 4)} per 8 h: ${r.stretch === 'balanced' ? 'no side pays much' : `the ${r.crowded === 'none' ? 'paying' : r.crowded} side pays ${stretchRate(r.stretch)} rate`}` +
          (r.longShare !== null
            ? ' (no order book here: funding follows the long/short imbalance and keeps rising while it lasts, so a stretched rate means a lasting imbalance)'
            : '') +
          `; ${age}`
        : undefined,
  },
  {
    name: 'crowded-side',
    section: 'headline',
    value: (c) => regimeOr(c, (r) => known(r.crowded, c.onCrowded ? `You're on the crowded side` : r.crowded === 'none' ? 'no crowd' : `${r.crowded} crowded`)),
    cls: (c) => (c.onCrowded ? 'badge' : 'soft'),
    tone: (c) => (c.onCrowded ? 'danger' : undefined),
    explain: ({ regime: r, onCrowded, age }) =>
      !r
        ? undefined
        : r.longShare !== null
          ? `Measured, not inferred: longs hold ${formatPercent(r.longShare, 0)} of the open interest and shorts ${formatPercent(1 - r.longShare, 0)} (the venue publishes both sides; crowded from 60%). ` +
            `There is no order book: funding follows this imbalance, and on GMX it keeps rising while the imbalance lasts; ${age}`
          : r.crowded === 'none'
            ? `Funding is balanced: neither side is paying up to hold its positions; ${age}`
            : `The ${r.crowded} pay a ${r.stretch} funding rate to hold their positions: ${onCrowded ? 'a flush of the crowd would move the price toward your liquidation' : 'a squeeze of the crowd would move the price in your favour'}; ${age}`,
  },

  // ---- details: the position -------------------------------------------------------------------
  {
    name: 'entry-price',
    section: 'position',
    label: () => 'Entry',
    value: ({ p }) => known(p.entryPrice, formatPrice(p.entryPrice)),
    explain: () => 'the average entry price the venue shows',
  },
  {
    name: 'size',
    section: 'position',
    label: () => 'Size',
    private: true,
    value: ({ p, unit }) => known(p.size, formatSize(p.size, unit)),
    explain: ({ p }) =>
      `${p.marginMode ?? 'margin mode not shown'}; ${p.source === 'api' ? 'from the venue API' : p.source === 'hand' ? 'entered by hand' : 'read from the page'}`,
  },
  {
    name: 'mark-price',
    section: 'position',
    label: () => 'Mark',
    value: ({ v }) => asField(v.mark, formatPrice),
    explain: ({ v, markFrom, snapshot, now }) =>
      `${markFrom}${'source' in v.mark && v.mark.source === 'market' ? `; ${figureNote(snapshot, 'markPrice', now)}` : ''}`,
  },

  // ---- details: liquidation --------------------------------------------------------------------
  {
    name: 'liq-source',
    section: 'liquidation',
    label: () => 'Source',
    value: (c) => known(c.liqSource, liqSourceText(c)),
    explain: () => 'Where the liquidation price comes from: the venue, or PerpLens’s own computation',
  },
  {
    name: 'liq-computed',
    section: 'liquidation',
    label: () => 'PerpLens check',
    value: ({ v }) => ('none' in v.computedLiq ? known('none', 'none') : asField(v.computedLiq, formatPrice)),
    tone: ({ v }) => (v.liqMismatch ? 'caution' : undefined),
    explain: ({ v, snapshot }) =>
      (v.liqGap === null
        ? "PerpLens's own liquidation price, for isolated positions, from the venue's margin tiers"
        : `PerpLens's own figure differs from the venue's by ${formatPercent(v.liqGap, 2)}${v.liqMismatch ? ': more than 0.5%, check the position on the venue' : ''}`) +
      (snapshot?.tiers?.fallback ? "; tiers: PerpLens's bundled copy, the venue's live table was unavailable" : ''),
  },
  {
    name: 'daily-vol',
    section: 'liquidation',
    label: () => 'Typical daily move',
    value: ({ inputs, noMarket }) =>
      inputs?.dailyVol ? known(inputs.dailyVol, formatPercent(inputs.dailyVol, 2)) : unknown(inputs ? 'not enough daily candles' : noMarket),
    explain: ({ note }) => `How much the price typically moves in a day (one standard deviation over the last 30 days); ${note('candles')}`,
  },
  {
    name: 'liq-sigma',
    section: 'liquidation',
    label: () => 'Typical days away',
    value: ({ v }) => asField(v.sigma, (k) => `${formatNumber(k, 2)}σ`),
    explain: () => 'How many typical daily moves separate the mark from the liquidation price',
  },
  {
    name: 'liq-touch-24h',
    section: 'liquidation',
    label: () => 'Chance to touch in 24 h',
    value: ({ v }) => asField(v.touch24h, formatProbability),
    explain: ({ age }) => `How likely the price is to touch the liquidation price within a day if it moves as it did over 30 days (no trend assumed); ${age}`,
  },

  // ---- details: modelled liquidation zones -----------------------------------------------------
  {
    name: 'zone-nearest-price',
    section: 'zones',
    label: () => 'Nearest cluster',
    value: ({ zones }) => zoneNearestPriceField(zones),
    explain: (c) => `${ZONE_EXPLAIN.nearestPrice}; ${zoneNote(c)}`,
  },
  {
    name: 'zone-nearest-distance',
    section: 'zones',
    label: () => 'Cluster away',
    value: ({ zones }) => zoneNearestDistanceField(zones),
    explain: () => ZONE_EXPLAIN.nearestDistance,
  },
  {
    name: 'zone-between-share',
    section: 'zones',
    label: () => 'Before your liq.',
    value: ({ zones }) => zoneBetweenField(zones),
    explain: () => ZONE_EXPLAIN.between,
  },
  {
    name: 'liq-zone-relation',
    section: 'zones',
    label: () => 'Your liq.',
    value: ({ zones }) => liqZoneRelationField(zones),
    tone: ({ zones }) => ('pz' in zones && zones.liqKnown && zones.pz.relation !== 'clear' ? 'caution' : undefined),
    explain: () => ZONE_EXPLAIN.relation,
  },
  {
    name: 'zone-model',
    section: 'zones',
    label: () => 'Model',
    value: ({ snapshot, noMarket }) => zoneModelField(snapshot, noMarket),
    cls: () => 'soft',
    explain: (c) => zoneNote(c),
  },

  // ---- details: funding ------------------------------------------------------------------------
  {
    name: 'funding-rate',
    section: 'funding',
    label: () => 'Rate / interval',
    value: ({ v }) => asField(v.fundingRate, pct4),
    explain: ({ age }) => `The current (predicted) rate; positive: longs pay shorts; ${age}`,
  },
  {
    name: 'funding-interval-hours',
    section: 'funding',
    label: () => 'Interval',
    value: ({ v }) => asField(v.fundingIntervalHours, (x) => `${x}h`),
    explain: ({ snapshot, age }) => (snapshot ? `Hours between payments, ${intervalNote(snapshot)}` : age),
  },
  {
    name: 'funding-rate-8h',
    section: 'funding',
    label: () => 'Rate / 8h',
    value: ({ v }) => asField(v.rate8h, pct4),
    explain: () => 'The rate scaled to 8 hours, to compare venues',
  },
  {
    name: 'funding-apr',
    section: 'funding',
    label: () => 'Yearly rate',
    value: ({ v }) => asField(v.apr, (a) => formatPercent(a, 2, true)),
    explain: () => 'The rate over a year on the position’s value, without compounding; positive: longs pay',
  },
  {
    name: 'funding-per-interval',
    section: 'funding',
    label: ({ pays }) => (pays === false ? 'You receive / payment' : 'You pay / payment'),
    private: true,
    value: (c) => asField(c.v.perInterval, (x) => c.money(Math.abs(x))),
    tone: payTone,
    explain: () => 'Funding at the next payment for this size',
  },
  {
    name: 'liq-shift-per-day',
    section: 'funding',
    label: () => 'Liq. price moves / day',
    value: ({ v, p }) => asField(v.liqShiftPerDay, (x) => `${formatPrice(Math.abs(x))} ${x === 0 ? '' : closer(p.side, x) ? 'closer' : 'away'}`.trim()),
    tone: ({ v, p }) => ('value' in v.liqShiftPerDay && v.liqShiftPerDay.value !== 0 ? (closer(p.side, v.liqShiftPerDay.value) ? 'bad' : 'good') : undefined),
    explain: ({ v }) =>
      'value' in v.borrowingRate
        ? 'How far a day of funding and borrowing moves the liquidation price: fees come out of the collateral and pull it toward the mark'
        : 'How far a day of funding moves the liquidation price: paying drains isolated margin and pulls it toward the mark',
  },
  {
    name: 'borrowing-rate',
    section: 'funding',
    label: () => 'Borrowing / hour',
    value: ({ v }) => asField(v.borrowingRate, pct4),
    explain: ({ age }) => `What this side pays the pool every hour for the liquidity it borrows, as a share of its size; ${age}`,
  },
  {
    name: 'borrowing-per-day',
    section: 'funding',
    label: () => 'Borrowing / day',
    private: true,
    value: (c) => asField(c.v.borrowingPerDay, c.money),
    tone: ({ v }) => ('value' in v.borrowingPerDay && v.borrowingPerDay.value > 0 ? 'bad' : undefined),
    explain: () => 'Borrowing this position pays per day at the current rate, on its size at entry',
  },
  {
    name: 'holding-cost-per-day',
    section: 'headline',
    private: true,
    value: (c) => asField(c.v.holdingPerDay, (x) => c.money(Math.abs(x))),
    tone: ({ v }) => ('value' in v.holdingPerDay ? (v.holdingPerDay.value > 0 ? 'bad' : 'good') : undefined),
    text: ({ v, money, privacy }) =>
      'value' in v.holdingPerDay && !privacy ? `${v.holdingPerDay.value < 0 ? 'Earns' : 'Costs'} ${money(Math.abs(v.holdingPerDay.value))}/day` : undefined,
    explain: ({ v }) =>
      'value' in v.borrowingRate
        ? 'Funding plus borrowing per day at the current rates, on the size at entry'
        : 'Funding per day: this venue charges no borrowing',
  },
  {
    name: 'holding-cost-margin-share-per-day',
    section: 'funding',
    label: () => 'Holding cost / day, of margin',
    value: ({ v }) => asField(v.holdingMarginSharePerDay, (x) => formatPercent(Math.abs(x), Math.abs(x) < 0.0001 ? 3 : 2)),
    tone: ({ v }) => ('value' in v.holdingMarginSharePerDay ? (v.holdingMarginSharePerDay.value > 0 ? 'bad' : 'good') : undefined),
    explain: () => 'What a day of holding takes from (or adds to) the margin behind this position',
  },
  {
    name: 'fee-liquidation-hours',
    section: 'funding',
    label: () => 'Fees alone liquidate in',
    value: ({ v }) => asField(v.feeLiquidationHours, formatHours),
    tone: ({ v }) =>
      'value' in v.feeLiquidationHours
        ? v.feeLiquidationHours.value < 24
          ? 'danger'
          : v.feeLiquidationHours.value < 24 * 7
            ? 'caution'
            : undefined
        : undefined,
    explain: () =>
      'With the price still and today’s rates, how long borrowing and the funding paid take to bring the position to liquidation (funding received not counted, as on GMX)',
  },
  {
    name: 'funding-avg-7d',
    section: 'funding',
    label: () => '7-day average',
    value: ({ v }) => asField(v.avg7d, pct4),
    explain: ({ note }) => `Mean of the rates settled over 7 days, per interval; ${note('funding')}`,
  },
  {
    name: 'funding-percentile-30d',
    section: 'funding',
    label: () => 'Rate vs 30 days',
    value: ({ v }) => asField(v.fundingPercentile, (x) => `${formatPercentile(x)} percentile`),
    explain: ({ note }) => `Where today's rate ranks among the last 30 days of settled rates; ${note('funding')}`,
  },

  // ---- details: market regime ------------------------------------------------------------------
  {
    name: 'regime-window',
    section: 'regime',
    label: () => 'Window',
    value: ({ settings }) => known(settings.window, settings.window),
    srOnly: true,
  },
  {
    name: 'price-change',
    section: 'regime',
    label: ({ settings }) => `Price ${settings.window}`,
    value: (c) => (c.regime ? known(c.regime.priceChange, formatPercent(c.regime.priceChange, 2, true)) : changeField(c.inputs?.priceChange)),
    explain: ({ settings, note }) => `The mark now against the hourly close ${settings.window} ago; ${note('candles')}`,
  },
  {
    name: 'oi-change',
    section: 'regime',
    label: ({ settings }) => `Open interest ${settings.window}`,
    value: ({ regime: r, inputs }) =>
      r ? known(r.oiChange, `${formatPercent(r.oiChange, 2, true)}${r.sinceWatching ? ' (since watching)' : ''}`) : changeField(inputs?.oiChange),
    explain: ({ settings, note }) => `Open interest now against ${settings.window} ago, counted in coins so price moves do not inflate it; ${note('oi')}`,
  },
  {
    name: 'premium',
    section: 'regime',
    label: () => 'Premium to index',
    value: ({ snapshot, noMarket }) => premiumField(snapshot, noMarket),
    explain: ({ note }) => `${PREMIUM_EXPLAIN[0]?.toUpperCase()}${PREMIUM_EXPLAIN.slice(1)}; ${note('quote')}`,
  },
  {
    name: 'long-share-accounts',
    section: 'regime',
    label: () => 'Accounts long',
    value: ({ snapshot, noMarket }) => shareField(snapshot, 'accounts', noMarket).field,
    data: ({ snapshot, noMarket }) => shareField(snapshot, 'accounts', noMarket).data,
    explain: ({ snapshot, settings, now, note }) => `${crowdingExplain(snapshot, 'long-share-accounts', settings.window, now)}; ${note('crowding')}`,
  },
  {
    name: 'long-share-top-positions',
    section: 'regime',
    label: () => 'Top traders long',
    value: ({ snapshot, noMarket }) => shareField(snapshot, 'topPositions', noMarket).field,
    data: ({ snapshot, noMarket }) => shareField(snapshot, 'topPositions', noMarket).data,
    explain: ({ snapshot, settings, now, note }) => `${crowdingExplain(snapshot, 'long-share-top-positions', settings.window, now)}; ${note('crowding')}`,
  },
  {
    name: 'taker-buy-share',
    section: 'regime',
    label: ({ settings }) => `Taker buys ${settings.window}`,
    value: ({ snapshot, settings, noMarket }) => takerField(snapshot, settings.window, noMarket),
    explain: ({ snapshot, settings, now, note }) => `${crowdingExplain(snapshot, 'taker-buy-share', settings.window, now)}; ${note('zones')}`,
  },

  // ---- details: liquidations seen on the market --------------------------------------------------
  ...FLOW_FIELDS.map((f): CardFigure => ({
    name: f.name,
    section: 'flow',
    label: () => f.label.replace(' liquidated', ''),
    value: ({ snapshot, noMarket }) => flowField(snapshot, f, noMarket).field,
    data: ({ snapshot, noMarket }) => flowField(snapshot, f, noMarket).data,
    explain: ({ snapshot, noMarket }) => flowField(snapshot, f, noMarket).explain,
  })),
];

const BY_NAME = new Map(CARD_FIGURES.map((f) => [f.name, f]));

/** The figures privacy mode hides. */
export const PRIVATE_FIGURES: ReadonlySet<string> = new Set(CARD_FIGURES.filter((f) => f.private).map((f) => f.name));

/** A declared figure's value for this card, hidden when it is private and privacy mode is on. */
export function figureField(name: string, c: CardContext): FieldValue {
  const f = BY_NAME.get(name);
  if (!f) throw new Error(`no card figure named ${name}`);
  const value = f.value(c);
  return f.private ? privateField(value, c.privacy) : value;
}

/** A declared figure as a value in one of the card's lines. */
export function figure(name: string, c: CardContext): TreeElement {
  const f = BY_NAME.get(name);
  if (!f) throw new Error(`no card figure named ${name}`);
  const data = f.data?.(c);
  return fieldValue(name, figureField(name, c), { cls: f.cls?.(c), tone: f.tone?.(c), explain: f.explain?.(c), text: f.text?.(c), ...(data ? { data } : {}) });
}

const SECTION_TITLES: Readonly<Record<Exclude<CardSection, 'headline'>, string>> = {
  position: 'Position',
  liquidation: 'Liquidation',
  zones: 'Liquidation clusters (modelled)',
  funding: 'Funding',
  regime: 'Market regime ',
  flow: 'Liquidations seen (floor)',
};

/** The details view: every section's figures as labelled rows, in the table's order. */
export function detailRows(c: CardContext, open: boolean): TreeElement[] {
  const out: TreeElement[] = [];
  for (const section of ['position', 'liquidation', 'zones', 'funding', 'regime', 'flow'] as const) {
    out.push(h('h4', {}, SECTION_TITLES[section], section === 'regime' ? windowSwitch(c.settings.window) : null));
    // The ladder is a picture, not a field of the contract: drawn only in an open card, so a page of
    // a hundred positions does not carry a hundred hidden ladders.
    if (section === 'zones' && open && 'pz' in c.zones) out.push(zoneLadder(c.zones.z, { entry: c.p.entryPrice, liq: c.zones.liq, side: c.p.side }, c.quote));
    for (const f of CARD_FIGURES) {
      if (f.section !== section) continue;
      const value = figure(f.name, c);
      out.push(h('div', { class: f.srOnly ? 'row sr-only' : 'row' }, h('span', { class: 'label' }, f.label?.(c) ?? f.name), value));
    }
  }
  return out;
}
