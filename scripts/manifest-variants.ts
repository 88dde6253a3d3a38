// Completes manifest.json with what the venue registry says (hosts and content scripts), and derives
// the Firefox manifest from the Chrome one (see docs/browser-testing.md).
import type { VenueRecord } from '../src/venues/record-types';
export type Manifest = Record<string, unknown> & {
  background?: { service_worker?: string; scripts?: string[]; type?: string };
  minimum_chrome_version?: string;
};

/** What of a venue record the manifest needs. */
export type ManifestVenue = Pick<VenueRecord, 'id' | 'pages' | 'websockets'> & { descriptor: Pick<VenueRecord['descriptor'], 'apiBase' | 'extraOrigins'> };

const originOf = (urlOrPattern: string): string => {
  const m = /^(https|wss):\/\/([a-z0-9.-]+)(?:[/:]|$)/.exec(urlOrPattern);
  if (!m) throw new Error(`not an https or wss origin: ${urlOrPattern}`);
  return `${m[1]}://${m[2]}`;
};

/**
 * The host permissions (each venue's API origins, then its pages' origins, once each, in registry
 * order) and one content script per venue: its page entry, on its pages.
 */
export function withVenues(base: Manifest, venues: readonly ManifestVenue[]): Manifest {
  if ('host_permissions' in base || 'content_scripts' in base) throw new Error('manifest.json leaves hosts and content scripts to the venue registry');
  const origins: string[] = [];
  for (const v of venues) {
    for (const o of [v.descriptor.apiBase, ...(v.descriptor.extraOrigins ?? []), ...v.pages, ...v.websockets].map(originOf))
      if (!origins.includes(o)) origins.push(o);
  }
  return {
    ...base,
    host_permissions: origins.map((o) => `${o}/*`),
    content_scripts: venues.map((v) => ({ matches: [...v.pages], js: [contentEntry(v.id)], run_at: 'document_idle' })),
  };
}

/** A venue's page entry, the content script of its pages. */
export const contentEntry = (id: string): string => `src/venues/${id}/content.ts`;

export const GECKO_ID = 'perplens@perplens.dev';
export const FIREFOX_MIN_VERSION = '140.0';
// data_collection_permissions arrived in Firefox for Android 142 (desktop 140).
export const FIREFOX_ANDROID_MIN_VERSION = '142.0';

export function firefoxManifest(base: Manifest): Manifest {
  const { minimum_chrome_version: _chromeOnly, background, ...rest } = base;
  const worker = background?.service_worker;
  if (!worker) throw new Error('manifest.json must declare background.service_worker');
  return {
    ...rest,
    background: { scripts: [worker], type: 'module' },
    browser_specific_settings: {
      gecko: {
        id: GECKO_ID,
        strict_min_version: FIREFOX_MIN_VERSION,
        data_collection_permissions: { required: ['none'] },
      },
      gecko_android: { strict_min_version: FIREFOX_ANDROID_MIN_VERSION },
    },
  };
}
