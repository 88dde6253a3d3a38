import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { DEFAULT_SETTINGS } from '../settings/defaults';
import type { Settings } from '../settings/schema';
import { loadSettings, saveSettings } from '../settings/store';
import { staleAfterMs } from '../venues/snapshot-types';
import { VENUE_IDS } from '../venues/registry';
import type { PageMatch } from '../venues/types';
import { App } from './App';

function Popup() {
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    void loadSettings().then(setSettings, () => setSettings(DEFAULT_SETTINGS));
  }, []);
  if (!settings) return <p class="status">Loading…</p>;
  const enabled = (m: PageMatch) => settings.venues[m.venue];
  const setWatchlist = (watchlist: PageMatch[]) => {
    const next = { ...settings, watchlist };
    setSettings(next);
    void saveSettings(next);
  };
  return (
    <App
      version={browser.runtime.getManifest().version}
      watchlist={settings.watchlist.filter(enabled)}
      venues={VENUE_IDS.filter((v) => settings.venues[v])}
      onWatchlist={(w) => setWatchlist([...w, ...settings.watchlist.filter((m) => !enabled(m))])}
      refreshMs={settings.refresh.watchlistSeconds * 1000}
      staleAfter={Math.max(staleAfterMs(settings.refresh.quoteSeconds * 1000), staleAfterMs(settings.refresh.watchlistSeconds * 1000))}
      initialWindow={settings.defaultWindow}
      bands={settings.bands}
      thresholds={settings.regimeThresholds}
      wallets={settings.wallets}
      onOptions={() => void browser.runtime.openOptionsPage()}
    />
  );
}

const app = document.getElementById('app');
if (app) render(<Popup />, app);
