import { useEffect, useState } from 'preact/hooks';
import type { RegimeThresholds, RegimeWindow } from '../core';
import { WindowSwitch } from '../ui/panel/WindowSwitch';
import type { PageMatch } from '../venues/types';
import { AddMarket } from './AddMarket';
import { KnownPositions } from './KnownPositions';
import { Compare } from './Compare';
import { marketKey, useMarkets } from './use-markets';
import { WatchRow } from './WatchRow';
import { WhatIf } from './WhatIf';

type Tab = 'watchlist' | 'compare' | 'whatif';
const TABS: { id: Tab; label: string }[] = [
  { id: 'watchlist', label: 'Watchlist' },
  { id: 'compare', label: 'Compare' },
  { id: 'whatif', label: 'What if' },
];

interface Props {
  version: string;
  watchlist: readonly PageMatch[];
  onWatchlist: (next: PageMatch[]) => void;
  refreshMs: number;
  /** When a row's quote counts as stale (from the quote refresh set in the options). */
  staleAfter: number;
  initialWindow: RegimeWindow;
  bands: { dangerBelow: number; cautionBelow: number };
  thresholds: RegimeThresholds;
  wallets: { hyperliquid?: string; dydx?: string };
  onOptions: () => void;
}

export function App({ version, watchlist, onWatchlist, refreshMs, staleAfter, initialWindow, bands, thresholds, wallets, onOptions }: Props) {
  const [tab, setTab] = useState<Tab>('watchlist');
  const [window, setWindow] = useState<RegimeWindow>(initialWindow);
  const [now, setNow] = useState(Date.now());
  const states = useMarkets(watchlist, refreshMs);
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
        <WindowSwitch value={window} onChange={setWindow} />
        <button type="button" class="icon" title="Options" aria-label="Options" onClick={onOptions}>
          ⚙
        </button>
      </header>
      <nav role="tablist" aria-label="Views">
        {TABS.map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} class={tab === t.id ? 'on' : ''} onClick={() => setTab(t.id)}>
            {t.label}
          </button>
        ))}
      </nav>
      <main>
        <KnownPositions wallets={wallets} refreshMs={refreshMs} staleAfter={staleAfter} dangerBelow={bands.dangerBelow} cautionBelow={bands.cautionBelow} />
        {tab === 'watchlist' && (
          <>
            {watchlist.length === 0 && <p class="status">Your watchlist is empty: add a market below.</p>}
            {watchlist.map((item) => (
              <WatchRow
                key={marketKey(item)}
                item={item}
                state={states.get(marketKey(item))}
                window={window}
                now={now}
                staleAfterMs={staleAfter}
                thresholds={thresholds}
                onRemove={() => onWatchlist(watchlist.filter((m) => marketKey(m) !== marketKey(item)))}
              />
            ))}
            <AddMarket existing={watchlist} onAdd={(m) => onWatchlist([...watchlist, m])} />
          </>
        )}
        {tab === 'compare' && <Compare items={watchlist} states={states} asset={asset} assets={assets.length ? assets : ['BTC']} onAsset={setAsset} />}
        {tab === 'whatif' && <WhatIf items={watchlist} states={states} />}
      </main>
    </>
  );
}
