import type { BandRules, RegimeThresholds, RegimeWindow, Side, WhatIfResult } from '../core';
import { formatPercent, formatPrice, formatQuote } from '../ui/format';
import { marketInputs } from '../ui/panel/market-inputs';
import type { MarketSnapshot } from '../venues/snapshot-types';
import { bandJudged } from '../ui/band-words';
import { marginToBand, type MarginToBand, type TargetBand } from './margin-to-band';
import { marketRegime } from './market-figures';

interface Props {
  result: WhatIfResult;
  snapshot: MarketSnapshot;
  side: Side;
  size: number;
  /** The market's settlement currency as the venue writes it, null when unknown. */
  quote: string | null;
  window: RegimeWindow;
  thresholds: RegimeThresholds;
  bands: BandRules;
  target: TargetBand;
}

/** The answer to "how much margin gets me back to…", as data-value (0: nothing to add), text and title. */
function marginAnswer(a: MarginToBand, target: TargetBand, quote: string | null, bands: BandRules): { value: string; text: string; title: string } {
  if ('unknown' in a) return { value: '', text: '—', title: `cannot tell: ${a.unknown}` };
  if ('noLiquidation' in a) return { value: '0', text: 'nothing to add: no liquidation price', title: 'the margin covers the position' };
  const judged = `judged ${bandJudged(a.basis, a.fellBack, bands)}`;
  if ('already' in a) return { value: '0', text: `already in that band (${a.band})`, title: judged };
  return {
    value: String(a.add),
    text: `Add ≈ ${formatQuote(a.add, quote)} margin`,
    title: `moves the liquidation price to ${formatPrice(a.targetLiq)}, the edge of ${target}; ${judged}. Exact for an isolated position that stays in its margin tier.`,
  };
}

/** The what-if's figures: liquidation, margin, funding, regime, the band now and the margin back to the chosen band. */
export function WhatIfAnswer({ result, snapshot: s, side, size, quote, window, thresholds, bands, target }: Props) {
  const regime = marketRegime(s, window, thresholds);
  const money = (x: number) => formatQuote(x, quote);
  const back = marginToBand({
    side,
    size,
    markPrice: s.quote.markPrice,
    liqPrice: result.liqPrice,
    dailyVol: marketInputs(s, window).dailyVol,
    target,
    rules: bands,
    tiers: s.tiers?.tiers ?? [],
    feeRate: s.liquidation.feeRate,
    valuation: s.liquidation.valuation,
  });
  const answer = marginAnswer(back, target, quote, bands);
  const band = 'band' in back ? back.band : null;
  return (
    <>
      {result.warning && (
        <p class="status error" role="alert" data-whatif-warning="">
          {result.warning}
        </p>
      )}
      <dl>
        <dt>Liquidation price</dt>
        <dd data-field="liq-price" data-value={result.liqPrice === null ? 'none' : String(result.liqPrice)}>
          {result.liqPrice === null ? 'none (margin covers the position)' : formatPrice(result.liqPrice)}
        </dd>
        <dt>Distance from mark</dt>
        <dd
          data-field="liq-distance"
          data-value={result.distance === null ? '' : String(result.distance)}
          title={result.distance === null ? 'no liquidation price' : undefined}
        >
          {result.distance === null ? '—' : formatPercent(result.distance, 2)}
        </dd>
        <dt>Band now</dt>
        <dd
          data-field="band"
          data-value={band ?? ''}
          class={band ? `tone-${band}` : ''}
          title={'band' in back ? `judged ${bandJudged(back.basis, back.fellBack, bands)}` : result.liqPrice === null ? 'no liquidation price' : answer.title}
        >
          {band ?? '—'}
        </dd>
        <dt>Get back to {target}</dt>
        <dd data-field="margin-to-band" data-value={answer.value} data-target={target} title={answer.title}>
          {answer.text}
        </dd>
        <dt>Margin</dt>
        <dd data-field="margin" data-value={String(result.margin)}>
          {money(result.margin)}
        </dd>
        <dt>{result.perDay >= 0 ? 'You would pay / day' : 'You would receive / day'}</dt>
        <dd data-field="funding-per-day" data-value={String(result.perDay)}>
          {money(Math.abs(result.perDay))}
        </dd>
        <dt>Share of margin / day</dt>
        <dd data-field="funding-margin-share-per-day" data-value={result.marginSharePerDay === null ? '' : String(result.marginSharePerDay)}>
          {result.marginSharePerDay === null ? '—' : formatPercent(result.marginSharePerDay, 3, true)}
        </dd>
        <dt>Regime ({window})</dt>
        <dd
          data-field="regime"
          data-value={'regime' in regime ? regime.regime : ''}
          data-window={window}
          title={'unknown' in regime ? regime.unknown : undefined}
        >
          {'regime' in regime ? regime.label : regime.unknown}
        </dd>
      </dl>
    </>
  );
}
