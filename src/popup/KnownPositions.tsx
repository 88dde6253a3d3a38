import { DEFAULT_VIEW_SETTINGS, positionView, type Band, type BandRules, type PositionView } from '../core';
import { known, unknown, type FieldValue } from '../ui/field-value';
import { formatNumber, formatPercent, formatPrice, formatQuote } from '../ui/format';
import { contractState, type ContractState, type MarketState } from '../ui/market-state';
import { asField } from '../ui/panel/figures';
import { marketInputs } from '../ui/panel/market-inputs';
import { VENUE_NAMES } from '../venues/names';
import type { Position } from '../venues/position-types';
import { bandJudged } from '../ui/band-words';
import { quoteOf } from './market-figures';
import { positionKey } from './use-known-positions';
import { marketKey } from './use-markets';
import { Value } from '../ui/Value';
import type { MarketSnapshot } from '../venues/snapshot-types';
import {
  liqZoneRelationField,
  positionZoneRead,
  ZONE_EXPLAIN,
  zoneBetweenField,
  zoneChipText,
  zoneModelField,
  zoneModelNote,
  zoneNearestDistanceField,
  zoneNearestPriceField,
} from '../ui/zone-fields';
import { zoneLadder } from '../ui/zone-ladder';
import { TreeView, useLadderStyles } from '../ui/TreeView';

interface Props {
  /** The open positions (use-known-positions.ts), on the venues switched on. */
  positions: readonly Position[];
  /** Their markets' snapshots, keyed by marketKey. */
  states: Map<string, MarketState>;
  staleAfter: number;
  /** The trader's bands from the options: the basis and its thresholds. */
  bands: BandRules;
  now: number;
  /** Opens What if prefilled with this position (its positionKey). */
  onWhatIf: (key: string) => void;
}

// Worst first: a position in danger must not hide below a calm one that happens to be nearer in %.
const BAND_RANK: Record<Band, number> = { danger: 0, caution: 1, calm: 2 };

interface Row {
  p: Position;
  v: PositionView;
  state: ContractState;
  quote: string | null;
  snapshot: MarketSnapshot | null;
}

function rowsOf({ positions, states, staleAfter, bands, now }: Props): Row[] {
  const settings = { ...DEFAULT_VIEW_SETTINGS, ...bands };
  const rows = positions.map((p) => {
    const st = states.get(marketKey(p));
    const s = st?.status === 'ready' ? st.snapshot : null;
    const m = s ? marketInputs(s, settings.window) : null;
    // The page's mark in a report can be a minute old; a fresh snapshot's mark is better here.
    const v = positionView({ ...p, markPrice: m ? null : p.markPrice, liqSource: p.liqSource ?? (p.source === 'api' ? 'api' : 'page') }, m, settings, now);
    return { p, v, state: st ? contractState(st, now, staleAfter).state : 'loading', quote: quoteOf(p, s), snapshot: s };
  });
  const rank = (r: Row) => (r.v.band ? BAND_RANK[r.v.band] : 3);
  const dist = (r: Row) => ('value' in r.v.distance ? r.v.distance.value : Infinity);
  return rows.sort((a, b) => rank(a) - rank(b) || dist(a) - dist(b));
}

/** Positions the open exchange tabs reported and those of the configured wallets, worst band first. */
export function KnownPositions(props: Props) {
  if (!props.positions.length) return null;
  return (
    <section class="known" aria-label="Your open positions">
      <h2>Open positions</h2>
      {rowsOf(props).map((r) => (
        <PositionCard key={positionKey(r.p)} row={r} bands={props.bands} now={props.now} onWhatIf={() => props.onWhatIf(positionKey(r.p))} />
      ))}
    </section>
  );
}

/**
 * The venue's leverage when the source gave it; reported positions lose it (the background keeps
 * only what the alerts use), so for an isolated one it is worked out from its own margin instead,
 * marked "≈". Cross margin backs every position of the account: no leverage of one follows.
 */
function leverageOf(p: Position): FieldValue {
  const x = (n: number) => formatNumber(n, n % 1 ? 1 : 0);
  if (p.leverage) return known(p.leverage, `${x(p.leverage)}×`);
  if (p.marginMode !== 'isolated') return unknown(p.marginMode === 'cross' ? 'cross margin: the leverage is the whole account’s' : 'leverage not shown');
  const margin = p.walletMargin ?? p.margin;
  if (margin === null || !(margin > 0)) return unknown('leverage and margin not shown');
  const lev = (p.size * p.entryPrice) / margin;
  return known(lev, `≈${x(Math.round(lev * 10) / 10)}×`);
}

/** The modelled clusters as this position meets them: the fields, a line when one matters, and the ladder on demand. */
function ZoneLine({ row: { p, v, quote, snapshot }, now }: { row: Row; now: number }) {
  useLadderStyles();
  const why = snapshot ? '' : 'market data not loaded yet';
  const r = positionZoneRead(snapshot, p.side, v.liq, why);
  const note = 'pz' in r ? zoneModelNote(r.z, VENUE_NAMES[p.venue], now) : r.unknown;
  const chip = zoneChipText(r, p.side, 'value' in v.distance ? v.distance.value : null);
  return (
    <details class="pos-zones">
      <summary class={chip ? 'tone-caution' : 'soft'}>
        <Value name="liq-zone-relation" field={liqZoneRelationField(r)} explain={ZONE_EXPLAIN.relation} cls="sr-only" />
        {chip ? `${chip[0]?.toUpperCase() ?? ''}${chip.slice(1)}` : 'Liquidation clusters (modelled)'}
      </summary>
      <div class="pos-line soft">
        <span>
          Nearest <Value name="zone-nearest-price" field={zoneNearestPriceField(r)} explain={`${ZONE_EXPLAIN.nearestPrice}; ${note}`} /> (
          <Value name="zone-nearest-distance" field={zoneNearestDistanceField(r)} explain={ZONE_EXPLAIN.nearestDistance} />)
        </span>
        <span>
          Before liq. <Value name="zone-between-share" field={zoneBetweenField(r)} explain={ZONE_EXPLAIN.between} />
        </span>
        <Value name="zone-model" field={zoneModelField(snapshot, why)} explain={note} cls="soft" />
      </div>
      {'pz' in r && <TreeView node={zoneLadder(r.z, { entry: p.entryPrice, liq: r.liq, side: p.side }, quote)} />}
    </details>
  );
}

function PositionCard({ row, bands, now, onWhatIf }: { row: Row; bands: BandRules; now: number; onWhatIf: () => void }) {
  const { p, v, state, quote } = row;
  const side = p.side === 'long' ? 'Long' : 'Short';
  const judged = bandJudged(v.bandBasis, v.bandFellBack, bands);
  const band: FieldValue = v.band ? known(v.band, v.band) : unknown('unknown' in v.distance ? v.distance.unknown : 'no distance');
  const liq: FieldValue = 'value' in v.liq ? known(v.liq.value, formatPrice(v.liq.value)) : 'none' in v.liq ? known('none', 'none') : unknown(v.liq.unknown);
  const distance = 'value' in v.distance ? formatPercent(v.distance.value, 2) : 'unknown';
  return (
    <article
      class={`position state-${state}${v.band ? ` band-${v.band}` : ''}`}
      data-perplens-position=""
      data-venue={p.venue}
      data-symbol={p.symbol}
      data-side={p.side}
      data-state={state}
      aria-label={`${side} ${p.symbol} on ${VENUE_NAMES[p.venue]}: ${distance} from liquidation${v.band ? `, ${v.band}` : ''}`}
    >
      <div class="pos-line">
        <span class={`side side-${p.side}`}>{side}</span> <strong>{p.symbol}</strong> <span class="muted">{VENUE_NAMES[p.venue]}</span>
        <span class="spacer" />
        <Value
          name="liq-distance"
          field={asField(v.distance, (d) => formatPercent(d, 2))}
          tone={v.band ?? undefined}
          cls="dist"
          explain={`distance to the liquidation price; judged ${judged}`}
        />
        <Value name="band" field={band} tone={v.band ?? undefined} cls="chip" explain={`judged ${judged}`} />
      </div>
      <div class="pos-line soft">
        <span>
          Entry <Value name="entry-price" field={known(p.entryPrice, formatPrice(p.entryPrice))} explain="the average entry price the venue shows" />
        </span>
        <span>
          Lev.{' '}
          <Value
            name="leverage"
            field={leverageOf(p)}
            explain={p.leverage ? 'as the venue shows it' : 'the entry notional over the margin: the venue’s own leverage is not kept with reported positions'}
          />
        </span>
        <span>
          Liq. <Value name="liq-price" field={liq} explain="the liquidation price as the venue shows it" />
        </span>
        <Value
          name="liq-distance-money"
          field={asField(v.distanceMoney, (x) => formatQuote(-x, quote))}
          explain="what the position would lose between the mark and the liquidation price"
        />
        <button type="button" class="link" onClick={onWhatIf} aria-label={`What if: ${side} ${p.symbol} on ${VENUE_NAMES[p.venue]}`}>
          What if…
        </button>
      </div>
      <ZoneLine row={row} now={now} />
    </article>
  );
}
