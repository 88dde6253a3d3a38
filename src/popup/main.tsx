import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { requestSnapshot } from '../content/messaging';
import { MarketBlock } from '../ui/MarketBlock';
import { nextMarketState, type MarketState } from '../ui/market-state';
import { VENUE_NAMES } from '../venues/names';
import { QUOTE_REFRESH_MS, QUOTE_STALE_AFTER_MS } from '../venues/snapshot-types';
import type { PageMatch } from '../venues/types';

const WATCHLIST: readonly PageMatch[] = [{ venue: 'binance', symbol: 'BTCUSDT' }];
const REFRESH_MS = QUOTE_REFRESH_MS / 2;

function WatchRow({ item }: { item: PageMatch }) {
  const [market, setMarket] = useState<MarketState>({ status: 'loading' });
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    let alive = true;
    const load = async () => {
      const reply = await requestSnapshot(item.venue, item.symbol);
      if (!alive) return;
      setMarket((prev) => nextMarketState(prev, reply));
    };
    void load();
    const refresh = setInterval(load, REFRESH_MS);
    const clock = setInterval(() => setNow(Date.now()), 1000);
    return () => {
      alive = false;
      clearInterval(refresh);
      clearInterval(clock);
    };
  }, [item.venue, item.symbol]);
  return (
    <div>
      <h2>
        {item.symbol} · {VENUE_NAMES[item.venue]}
      </h2>
      <MarketBlock venue={item.venue} symbol={item.symbol} state={market} now={now} staleAfterMs={QUOTE_STALE_AFTER_MS} window="4h" />
    </div>
  );
}

function Popup() {
  return (
    <>
      <header>
        <h1>PerpLens</h1>
        <span class="version">v{browser.runtime.getManifest().version}</span>
      </header>
      <main>
        {WATCHLIST.map((item) => (
          <WatchRow key={`${item.venue}:${item.symbol}`} item={item} />
        ))}
      </main>
    </>
  );
}

const app = document.getElementById('app');
if (app) render(<Popup />, app);
