import { positionView, type PositionView, type ViewSettings } from '../../core';
import { REGIME_DESCRIPTIONS } from '../../core/regime-note';
import type { RowRead } from '../../venues/page-reader-types';
import type { Position } from '../../venues/position-types';
import type { Window } from '../../venues/market-types';
import { Field, known, unknown, type FieldValue } from '../Field';
import { formatAge, formatCountdown, formatMoney, formatNumber, formatPercent, formatPrice, formatProbability } from '../format';
import { contractState, type MarketState } from '../market-state';
import { asField, privateField } from './figures';
import { marketInputs } from './market-inputs';
import { WindowSwitch } from './WindowSwitch';

interface Props {
  venue: string;
  row: RowRead;
  market: MarketState | undefined;
  settings: ViewSettings;
  now: number;
  staleAfterMs: number;
  privacy: boolean;
  onWindow: (w: Window) => void;
}

const LIQ_SOURCE_TEXT = { page: 'venue (page)', api: 'venue (API)', computed: 'PerpLens' } as const;

function UnreadableCard({ row, venue }: { row: Extract<RowRead, { ok: false }>; venue: string }) {
  return (
    <article
      class="position unreadable"
      data-perplens-position=""
      data-venue={venue}
      data-symbol={row.symbol ?? ''}
      data-side={row.side ?? ''}
      data-state="unreadable"
      data-reason={row.reason}
    >
      <h3>
        {row.symbol ?? 'Position'} {row.side ?? ''}
      </h3>
      <p class="status error" role="status">
        PerpLens can't read this position: {row.reason}.
      </p>
    </article>
  );
}

function marketNote(market: MarketState | undefined): string {
  if (!market || market.status === 'loading') return 'loading market data';
  if (market.status === 'failed') return market.error.message;
  return '';
}

export function PositionCard({ venue, row, market, settings, now, staleAfterMs, privacy, onWindow }: Props) {
  if (!row.ok) return <UnreadableCard row={row} venue={venue} />;
  const p: Position = row.position;
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
    return <UnreadableCard row={{ ok: false, reason, symbol: p.symbol, side: p.side }} venue={venue} />;
  }
  const cs = market ? contractState(market, now, staleAfterMs) : { state: 'loading' as const };
  const state = cs.state === 'loading' ? 'loading' : cs.state;
  const age = snapshot ? `market data ${formatAge(now - snapshot.quote.fetchedAt)} old` : marketNote(market);

  const markField: FieldValue = asField(v.mark, formatPrice);
  const liqField: FieldValue =
    'value' in v.liq ? known(v.liq.value, formatPrice(v.liq.value)) : 'none' in v.liq ? known('none', 'none') : unknown(v.liq.unknown);
  const liqSource = 'unknown' in v.liq ? (p.source === 'api' ? 'api' : 'page') : v.liq.source;
  const computed: FieldValue =
    'none' in v.computedLiq ? known('none', 'none') : asField(v.computedLiq, formatPrice);
  const distanceText = (d: number) => formatPercent(d, 2);
  const regime = 'regime' in v.regime ? v.regime : null;
  const pays = 'value' in v.perDay ? v.perDay.value >= 0 : null;
  const fundingWord = pays === null ? 'Funding / day' : pays ? 'You pay / day' : 'You receive / day';
  const abs = (n: number) => formatMoney(Math.abs(n));
  const markSource = 'source' in v.mark && v.mark.source === 'page' ? 'the page' : 'the market data';

  return (
    <article
      class={`position state-${state}${v.band ? ` band-${v.band}` : ''}`}
      data-perplens-position=""
      data-venue={p.venue}
      data-symbol={p.symbol}
      data-side={p.side}
      data-state={state}
      data-age-ms={cs.ageMs === undefined ? undefined : String(cs.ageMs)}
      data-reason={state === 'unavailable' ? (market?.status === 'failed' ? market.error.kind : 'no-market-data') : undefined}
      aria-label={`${p.symbol} ${p.side}`}
    >
      <h3>
        <span class={`side side-${p.side}`}>{p.side === 'long' ? 'Long' : 'Short'}</span> {p.symbol}
        <span class="muted">
          {' '}
          {privacy ? '' : `${formatNumber(p.size, 4)} · `}
          {p.marginMode ?? 'mode ?'}
          {p.source === 'api' ? ' · from the venue API' : ' · read from the page'}
        </span>
      </h3>
      {state === 'stale' && <p class="status stale">Market data {formatAge(cs.ageMs ?? 0)} old{market?.status === 'ready' && market.error ? ` — ${market.error.message}` : ''}</p>}
      {state === 'unavailable' && <p class="status error">No market data: {marketNote(market)}. Distance still uses the page.</p>}
      {state === 'loading' && <p class="status">Loading market data…</p>}

      <h4>Liquidation</h4>
      <Field name="liq-distance" label="Distance" field={asField(v.distance, distanceText)} tone={v.band ?? undefined}
        explain={`s·(P − LP)/P, P = mark from ${markSource}, LP = the venue's liquidation price; bands: danger < ${formatPercent(settings.dangerBelow, 0)}, caution < ${formatPercent(settings.cautionBelow, 0)}`} />
      <Field name="mark-price" label="Mark" field={markField} explain={`from ${markSource}`} />
      <Field name="liq-price" label="Liquidation price" field={liqField} explain={`as the venue shows it (${LIQ_SOURCE_TEXT[liqSource]})`} />
      <div class="row">
        <span class="label">Source</span>
        <span class="value" data-field="liq-source" data-value={liqSource}>{LIQ_SOURCE_TEXT[liqSource]}</span>
      </div>
      <Field name="liq-computed" label="PerpLens check" field={computed} tone={v.liqMismatch ? 'caution' : undefined}
        explain={v.liqGap === null ? 'isolated positions only, from the venue\'s margin tiers' : `differs from the venue's figure by ${formatPercent(v.liqGap, 2)}${v.liqMismatch ? ' — more than 0.5%: check the position on the venue' : ''}`} />
      {v.liqMismatch && <p class="status caution-text" role="status">PerpLens computes a different liquidation price ({formatPercent(v.liqGap ?? 0, 2)} apart).</p>}
      <Field name="daily-vol" label="Daily volatility" field={inputs?.dailyVol ? known(inputs.dailyVol, formatPercent(inputs.dailyVol, 2)) : unknown(inputs ? 'not enough daily candles' : marketNote(market))}
        explain="standard deviation of daily log returns over the last 30 days" />
      <Field name="liq-sigma" label="Daily moves away" field={asField(v.sigma, (k) => `${formatNumber(k, 2)}σ`)}
        explain={`|ln(P/LP)| / σ_day, σ_day ${inputs?.dailyVol ? formatPercent(inputs.dailyVol, 2) : 'unknown'} from 30 daily closes; ${age}`} />
      <Field name="liq-touch-24h" label="Chance to touch in 24h" field={asField(v.touch24h, formatProbability)}
        explain={`2·Φ(−|ln(P/LP)| / σ_day) for a driftless random walk over 1 day; ${age}`} />

      <h4>Funding</h4>
      <Field name="funding-rate" label="Rate / interval" field={asField(v.fundingRate, (r) => formatPercent(r, 4, true))} explain={`current (predicted) rate; positive: longs pay shorts; ${age}`} />
      <Field name="funding-interval-hours" label="Interval" field={asField(v.fundingIntervalHours, (h) => `${h}h`)}
        explain={snapshot ? `from ${snapshot.fundingIntervalSource === 'venue' ? 'the venue' : snapshot.fundingIntervalSource === 'history' ? 'the gap between settlements' : 'the 8h default (the venue did not say)'}` : age} />
      <Field name="funding-rate-8h" label="Rate / 8h" field={asField(v.rate8h, (r) => formatPercent(r, 4, true))} explain="rate × 8 / interval" />
      <Field name="funding-apr" label="APR on notional" field={asField(v.rate8h, (r8) => formatPercent(r8 * 3 * 365, 2, true), (r8) => r8 * 3 * 365)} explain="rate × 24 / interval × 365; positive: longs pay shorts" />
      <Field name="next-funding" label="Next funding in" field={'value' in v.nextFunding ? known(v.nextFunding.value, formatCountdown(v.nextFunding.value - now)) : unknown(v.nextFunding.unknown)} explain={age} />
      <Field name="funding-per-interval" label={pays === false ? 'You receive / interval' : 'You pay / interval'} field={privateField(asField(v.perInterval, abs), privacy)} explain="size × funding price × rate" />
      <Field name="funding-per-day" label={fundingWord} field={privateField(asField(v.perDay, abs), privacy)} tone={pays === null ? undefined : pays ? 'bad' : 'good'}
        explain="per interval × 24 / interval; data-value positive = the position pays" />
      <Field name="funding-margin-share-per-day" label="Share of margin / day" field={asField(v.marginSharePerDay, (x) => formatPercent(x, 3, true))} explain="per day ÷ the position's margin" />
      <Field name="liq-shift-per-day" label="Liq. price walks / day" field={privateField(asField(v.liqShiftPerDay, (x) => formatMoney(x, true)), false)}
        explain="per day / (Q·(1 − s·m)): paying funding drains isolated margin and moves the liquidation price toward the mark" />
      <Field name="funding-avg-7d" label="7-day average rate" field={asField(v.avg7d, (r) => formatPercent(r, 4, true))} explain="mean of settled rates over 7 days, per interval" />

      <h4>
        Market regime <WindowSwitch value={settings.window} onChange={onWindow} />
      </h4>
      <div class="row sr-only">
        <span class="label">Window</span>
        <span class="value" data-field="regime-window" data-value={settings.window}>{settings.window}</span>
      </div>
      <Field name="regime" label="Regime" field={regime ? known(regime.regime, REGIME_DESCRIPTIONS[regime.regime].label) : unknown('unknown' in v.regime ? v.regime.unknown : '')}
        explain={regime ? `${REGIME_DESCRIPTIONS[regime.regime].meaning} Δprice ${formatPercent(regime.priceChange, 2, true)}, ΔOI ${formatPercent(regime.oiChange, 2, true)}${regime.sinceWatching ? ' (since watching started)' : ''}, funding ${formatPercent(regime.rate8h, 4, true)}/8h, window ${settings.window}; ${age}` : age} />
      <Field name="price-change" label={`Price ${settings.window}`} field={regime ? known(regime.priceChange, formatPercent(regime.priceChange, 2, true)) : changeField(inputs?.priceChange)} />
      <Field name="oi-change" label={`Open interest ${settings.window}`} field={regime ? known(regime.oiChange, `${formatPercent(regime.oiChange, 2, true)}${regime.sinceWatching ? ' (since watching)' : ''}`) : changeField(inputs?.oiChange)} explain="in base units (coins), not USD" />
      <Field name="funding-stretch" label="Funding stretch" field={regime ? known(regime.stretch, regime.stretch) : unknown('unknown' in v.regime ? v.regime.unknown : '')} explain="|rate per 8h|: ≤ 0.01% balanced, ≤ 0.03% elevated, ≤ 0.05% stretched, above extreme" />
      <Field name="funding-percentile-30d" label="Rate vs 30 days" field={asField(v.fundingPercentile, (x) => `${Math.round(x * 100)}th pct`)} explain="rank of the current rate among the last 30 days of settled rates" />
      <Field name="crowded-side" label="Crowded side" field={regime ? known(regime.crowded, regime.crowded) : unknown('unknown' in v.regime ? v.regime.unknown : '')} />
      {regime && <p class={`note-line${regime.crowded === (p.side === 'long' ? 'longs' : 'shorts') ? ' warn' : ''}`} data-field="regime-note" data-value={regime.note}>{regime.note}</p>}
    </article>
  );
}

function changeField(c: { change: number | null; reason?: string } | undefined): FieldValue {
  if (!c) return unknown('market data unavailable');
  return c.change === null ? unknown(c.reason ?? 'unknown') : known(c.change, formatPercent(c.change, 2, true));
}
