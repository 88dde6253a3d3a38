// Derives the Firefox manifest from the Chrome one (see browser-testing.md).
export type Manifest = Record<string, unknown> & {
  background?: { service_worker?: string; scripts?: string[]; type?: string };
  minimum_chrome_version?: string;
};

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
