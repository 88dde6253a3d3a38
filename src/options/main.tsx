import { render } from 'preact';
import browser from 'webextension-polyfill';
import { loadSettings, onSettingsChanged, saveSettings } from '../settings/store';
import type { HostAccess } from './host-access';
import { OptionsPage, type OptionsDeps } from './OptionsPage';

function hostAccess(): HostAccess | null {
  // The permissions API is absent in some embedders; without it there is nothing to offer.
  if (!browser.permissions) return null;
  const permissions = browser.permissions;
  return {
    origins: browser.runtime.getManifest().host_permissions ?? [],
    contains: (origin) => permissions.contains({ origins: [origin] }),
    request: (origins) => permissions.request({ origins }),
    watch(cb) {
      permissions.onAdded.addListener(cb);
      permissions.onRemoved.addListener(cb);
      return () => {
        permissions.onAdded.removeListener(cb);
        permissions.onRemoved.removeListener(cb);
      };
    },
  };
}

const deps: OptionsDeps = {
  load: () => loadSettings(),
  save: (s) => saveSettings(s),
  watch: (cb) => onSettingsChanged(cb),
  hostAccess: hostAccess(),
  version: browser.runtime.getManifest().version,
  // The extension opens it (a link from this page would do in Chrome, but Firefox's test driver can
  // only reach extension pages the extension opened).
  openOverview: () => void browser.tabs.create({ url: browser.runtime.getURL('src/popup/index.html') }),
};

const app = document.getElementById('app');
if (app) render(<OptionsPage deps={deps} />, app);
