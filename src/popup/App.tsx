import { useEffect, useState } from 'preact/hooks';
import type { BandRules, RegimeThresholds, RegimeWindow } from '../core';
import { WindowSwitch } from '../ui/panel/WindowSwitch';
import type { PageMatch, VenueId } from '../venues/types';
import { AddMarket } from './AddMarket';
import { KnownPositions } from './KnownPositions';
import { Compare } from './Compare';
import { marketKey, useMarkets } from './use-markets';
import { useKnownPositions } from './use-known-positions';
import { WatchTable } from './WatchTable';
import { WhatIf } from './WhatIf';

type Tab = 'watchlist' | 'compare' | 'whatif';
const TABS: { id: Tab; label: string }[] = [
  { id: 'watchlist', label: 'Watchlist' },
  { id: 'compare', label: 'Compare' },
  { id: 'whatif', label: 'What if' },
];
const tabId = (t: Tab) => `perplens-tab-${t}`;
const panelId = (t: Tab) => `perplens-panel-${t}`;

/** The tab a key moves to from `current` (WAI-ARIA tabs: arrows wrap, Home and End jump), or null for other keys. */
export function tabForKey(current: Tab, key: string): Tab | null {
  const i = TABS.findIndex((t) => t.id === current);
  const at = (n: number) => TABS[(n + TABS.length) % TABS.length]?.id ?? null;
  if (key === 'ArrowRight') return at(i + 1);
  if (key === 'ArrowLeft') return at(i - 1);
  if (key === 'Home') return at(0);
  if (key === 'End') return at(TABS.length - 1);
  return null;
}

interface Props {
  version: string;
  watchlist: readonly PageMatch[];
  /** Venues switched on in the options: the only ones a market can be added on. */
  venues: readonly VenueId[];
  onWatchlist: (next: PageMatch[]) => void;
  refreshMs: number;
  /** When a row's quote counts as stale (from the quote refresh set in the options). */
  staleAfter: number;
  initialWindow: RegimeWindow;
  /** The trader's bands from the options (basis and thresholds), for the open positions and What if. */
  bands: BandRules;
  thresholds: RegimeThresholds;
  wallets: { hyperliquid?: string; dydx?: string };
  onOptions: () => void;
}

export function App({ version, watchlist, venues, onWatchlist, refreshMs, staleAfter, initialWindow, bands, thresholds, wallets, onOptions }: Props) {
  const [tab, setTab] = useState<Tab>('watchlist');
  const [window, setWindow] = useState<RegimeWindow>(initialWindow);
  const [now, setNow] = useState(Date.now());
  const states = useMarkets(watchlist, refreshMs);
  // Known here, not in the list that shows them: What if is prefilled from them too.
  const positions = useKnownPositions(venues, wallets);
  const positionStates = useMarkets(positions, refreshMs);
  const [from, setFrom] = useState('');
  const assets = [...new Set([...states.values()].flatMap((s) => (s.status === 'ready' ? [s.snapshot.asset] : [])))].sort();
  const [asset, setAsset] = useState('BTC');
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  return (
    <>
      <header class="top">
        <h1>PerpLens</h1>
        <span class="version">v{version}</span>
        <span class="window-label" aria-hidden="true">
          Regime window
        </span>
        <WindowSwitch value={window} onChange={setWindow} />
        <button type="button" class="icon" title="Options" aria-label="Options" onClick={onOptions}>
          ⚙
        </button>
      </header>
      <nav role="tablist" aria-label="Views">
        {TABS.map((t) => (
          <button
            key={t.id}
            id={tabId(t.id)}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            aria-controls={panelId(t.id)}
            tabIndex={tab === t.id ? 0 : -1}
            class={tab === t.id ? 'on' : ''}
            onClick={() => setTab(t.id)}
            onKeyDown={(e) => {
              const next = tabForKey(t.id, e.key);
              if (!next) return;
              e.preventDefault();
              setTab(next);
              // Roving focus: the newly selected tab takes the focus (automatic activation).
              const nav = (e.currentTarget as HTMLElement).parentElement;
              nav?.querySelector<HTMLElement>(`#${tabId(next)}`)?.focus();
            }}
          >
            {t.label}
          </button>
        ))}
      </nav>
      <main>
        <KnownPositions
          positions={positions}
          states={positionStates}
          staleAfter={staleAfter}
          bands={bands}
          now={now}
          onWhatIf={(key) => {
            setFrom(key);
            setTab('whatif');
          }}
        />
        {TABS.map((t) => (
          // Every tab has its panel (so each aria-controls points at an element); only the selected one is drawn.
          <div key={t.id} role="tabpanel" id={panelId(t.id)} aria-labelledby={tabId(t.id)} tabIndex={0} class="tabpanel" hidden={tab !== t.id}>
            {tab === t.id && t.id === 'watchlist' && (
              <>
                {watchlist.length === 0 && <p class="status">Your watchlist is empty: add a market below.</p>}
                {watchlist.length > 0 && (
                  <WatchTable
                    items={watchlist}
                    states={states}
                    window={window}
                    now={now}
                    staleAfterMs={staleAfter}
                    thresholds={thresholds}
                    onRemove={(item) => onWatchlist(watchlist.filter((m) => marketKey(m) !== marketKey(item)))}
                  />
                )}
                <AddMarket existing={watchlist} venues={venues} onAdd={(m) => onWatchlist([...watchlist, m])} />
              </>
            )}
            {tab === t.id && t.id === 'compare' && (
              <Compare items={watchlist} states={states} asset={asset} assets={assets.length ? assets : ['BTC']} onAsset={setAsset} />
            )}
            {t.id === 'whatif' && (
              <WhatIf
                items={watchlist}
                states={states}
                window={window}
                thresholds={thresholds}
                bands={bands}
                venues={venues}
                refreshMs={refreshMs}
                positions={positions}
                positionStates={positionStates}
                from={from}
                onFrom={setFrom}
              />
            )}
          </div>
        ))}
      </main>
    </>
  );
}
