import { useEffect, useRef } from 'preact/hooks';
import { positionView, type ViewSettings } from '../../core';
import type { PageRead, RowRead } from '../../venues/page-reader-types';
import type { Window } from '../../venues/market-types';
import { VENUE_NAMES } from '../../venues/names';
import type { VenueId } from '../../venues/types';
import { formatMoney, formatPercent } from '../format';
import { MarketBlock } from '../MarketBlock';
import type { MarketState } from '../market-state';
import { marketInputs } from './market-inputs';
import { PositionCard } from './PositionCard';
import type { PanelPrefs } from './prefs';

export interface PanelProps {
  venue: VenueId;
  symbol: string;
  /** null until the positions table has been looked for. */
  read: PageRead | null;
  /** Where the positions came from: the page, or the venue's public API for a wallet address. */
  positionSource: 'page' | 'api';
  markets: Map<string, MarketState>;
  now: number;
  staleAfterMs: number;
  prefs: PanelPrefs;
  onPrefs: (next: Partial<PanelPrefs>) => void;
  /** The user's bands and regime thresholds (options page). */
  view: Pick<ViewSettings, 'dangerBelow' | 'cautionBelow' | 'thresholds'>;
}

/** Current symbol first, then the rest as the page lists them. */
function ordered(rows: readonly RowRead[], symbol: string): RowRead[] {
  const sym = (r: RowRead) => (r.ok ? r.position.symbol : r.symbol);
  return [...rows.filter((r) => sym(r) === symbol), ...rows.filter((r) => sym(r) !== symbol)];
}

function pillText(props: PanelProps, rows: RowRead[]): string {
  const first = rows.find((r) => r.ok);
  if (first?.ok) {
    const m = props.markets.get(first.position.symbol);
    const inputs = m?.status === 'ready' ? marketInputs(m.snapshot, props.prefs.window) : null;
    let v: ReturnType<typeof positionView>;
    try {
      v = positionView({ ...first.position, liqSource: first.position.liqSource ?? (first.position.source === 'api' ? 'api' : 'page') }, inputs, { ...props.view, window: props.prefs.window }, props.now);
    } catch {
      return `${first.position.symbol} ${first.position.side}`;
    }
    const d = 'value' in v.distance ? `${formatPercent(v.distance.value, 2)} to liq.` : 'distance unknown';
    const f = 'value' in v.perDay && !props.prefs.privacy ? ` · ${v.perDay.value >= 0 ? 'pays' : 'receives'} ${formatMoney(Math.abs(v.perDay.value))}/day` : '';
    return `${first.position.symbol} ${first.position.side} · ${d}${f}`;
  }
  return `${props.symbol} · ${VENUE_NAMES[props.venue]}`;
}

export function Panel(props: PanelProps) {
  const { prefs, onPrefs } = props;
  const panelRef = useRef<HTMLElement>(null);
  const rows = props.read ? ordered(props.read.rows, props.symbol) : [];
  const settings: ViewSettings = { ...props.view, window: prefs.window };
  const setWindow = (w: Window) => onPrefs({ window: w });

  // Dragging by the header; the position is kept inside the viewport and remembered per venue.
  const drag = useRef<{ dx: number; dy: number } | null>(null);
  useEffect(() => {
    const move = (e: PointerEvent) => {
      const el = panelRef.current;
      if (!drag.current || !el) return;
      const x = Math.min(Math.max(0, e.clientX - drag.current.dx), window.innerWidth - el.offsetWidth);
      const y = Math.min(Math.max(0, e.clientY - drag.current.dy), window.innerHeight - 32);
      el.style.left = `${x}px`;
      el.style.top = `${y}px`;
      el.style.right = 'auto';
      el.style.bottom = 'auto';
    };
    const up = () => {
      const el = panelRef.current;
      if (drag.current && el) onPrefs({ x: el.offsetLeft, y: el.offsetTop });
      drag.current = null;
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
    return () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
  }, [onPrefs]);

  const placed = prefs.x !== null && prefs.y !== null ? { left: `${prefs.x}px`, top: `${prefs.y}px`, right: 'auto', bottom: 'auto' } : undefined;
  const empty = props.read?.status === 'ok' && rows.length === 0;

  return (
    <aside
      ref={panelRef}
      class={`panel${prefs.collapsed ? ' collapsed' : ''}`}
      style={placed}
      role="complementary"
      aria-label="PerpLens"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !prefs.collapsed) {
          onPrefs({ collapsed: true });
          e.stopPropagation();
        }
      }}
    >
      <header
        onPointerDown={(e) => {
          if ((e.target as Element).closest('button')) return;
          const el = panelRef.current;
          if (!el) return;
          drag.current = { dx: e.clientX - el.offsetLeft, dy: e.clientY - el.offsetTop };
        }}
      >
        <span class="brand">PerpLens</span>
        <span class="where" title={`${props.symbol} on ${VENUE_NAMES[props.venue]}`}>
          {prefs.collapsed ? pillText(props, rows) : `${props.symbol} · ${VENUE_NAMES[props.venue]}`}
        </span>
        <button type="button" class="icon" aria-pressed={prefs.privacy} title={prefs.privacy ? 'Show amounts' : 'Hide amounts (privacy mode)'} onClick={() => onPrefs({ privacy: !prefs.privacy })}>
          {prefs.privacy ? '◌' : '●'}
        </button>
        <button type="button" class="icon" aria-expanded={!prefs.collapsed} title={prefs.collapsed ? 'Expand (PerpLens)' : 'Collapse (Esc)'} onClick={() => onPrefs({ collapsed: !prefs.collapsed })}>
          {prefs.collapsed ? '▴' : '▾'}
        </button>
      </header>
      <div class="body" hidden={prefs.collapsed}>
        <MarketBlock venue={props.venue} symbol={props.symbol} state={props.markets.get(props.symbol) ?? { status: 'loading' }} now={props.now} staleAfterMs={props.staleAfterMs} window={prefs.window} />
        {props.read === null && <p class="status">Looking for your positions…</p>}
        {props.read?.status === 'loading' && <p class="status">Waiting for the positions table to load…</p>}
        {props.read?.status === 'no-table' && (
          <p class="status error" role="status">
            PerpLens can't find the positions table on this page.
          </p>
        )}
        {empty && <p class="status">No open position on this page.</p>}
        {props.read?.notes.map((n) => (
          <p class="status caution-text" key={n}>
            {n}
          </p>
        ))}
        {rows.length > 0 && (
          <p class="source-line">Positions {props.positionSource === 'api' ? `from the ${VENUE_NAMES[props.venue]} API (page used as a cross-check)` : 'read from the page'}</p>
        )}
        {rows.map((row, i) => (
          <PositionCard
            key={row.ok ? `${row.position.symbol}:${row.position.side}:${i}` : `x${i}`}
            venue={props.venue}
            row={row}
            market={props.markets.get(row.ok ? row.position.symbol : (row.symbol ?? ''))}
            settings={settings}
            now={props.now}
            staleAfterMs={props.staleAfterMs}
            privacy={prefs.privacy}
            onWindow={setWindow}
          />
        ))}
      </div>
    </aside>
  );
}
