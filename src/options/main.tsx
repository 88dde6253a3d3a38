import { render } from 'preact';
import browser from 'webextension-polyfill';
import { loadSettings, onSettingsChanged, saveSettings } from '../settings/store';
import type { HostAccess } from './host-access';
import { OptionsPage, type OptionsDeps } from './OptionsPage';
import { LayoutReport, type LayoutReportDeps } from './LayoutReport';
import { LAYOUT_REPORT_KEY } from '../protocol/layout-report-key';

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

// Opened by the panel's "Copy a layout report": the preview comes first.
const reportDeps: LayoutReportDeps = {
  load: async () => {
    const stored = (await browser.storage.session.get(LAYOUT_REPORT_KEY))[LAYOUT_REPORT_KEY];
    const r = stored as { text?: unknown; at?: unknown } | undefined;
    return r && typeof r.text === 'string' && typeof r.at === 'number' ? { text: r.text, at: r.at } : null;
  },
  copy: (text) => navigator.clipboard.writeText(text),
};

const app = document.getElementById('app');
if (app)
  render(
    <>
      {location.hash === `#${LAYOUT_REPORT_KEY}` && (
        <div class="layout-report-wrap">
          <LayoutReport deps={reportDeps} />
        </div>
      )}
      <OptionsPage deps={deps} />
    </>,
    app,
  );
