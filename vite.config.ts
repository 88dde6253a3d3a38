import { defineConfig, type UserConfig } from 'vite';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { readFileSync } from 'node:fs';
import { terserPass } from './scripts/terser-pass.ts';
import { contentEntry, firefoxManifest, withVenues, type Manifest } from './scripts/manifest-variants.ts';
import { VENUE_RECORDS } from './src/venues/registry.ts';

type Browser = 'chrome' | 'firefox';

const CONTENT_SCRIPTS = VENUE_RECORDS.map((v) => contentEntry(v.id));

// manifest.json plus the venue registry's hosts and content scripts is the source of truth; the
// Firefox variant is derived from it so the two builds can never disagree on permissions, hosts or
// content-script matches.
export default defineConfig(({ mode }): UserConfig => {
  const browser: Browser = mode === 'firefox' ? 'firefox' : 'chrome';
  const base = withVenues(JSON.parse(readFileSync(new URL('./manifest.json', import.meta.url), 'utf8')) as Manifest, VENUE_RECORDS);
  const manifest = browser === 'firefox' ? firefoxManifest(base) : base;
  return {
    plugins: [
      preact({ prefreshEnabled: false, devToolsEnabled: false }),
      crx({
        manifest: manifest as unknown as ManifestV3Export,
        browser,
        // Self-contained content scripts, one per venue (a page loads only its own reader): no loader,
        // no web_accessible_resources a page could probe to fingerprint the extension.
        contentScripts: { standaloneFiles: CONTENT_SCRIPTS },
      }),
      ...(process.env.PERPLENS_NO_MINIFY === '1' ? [] : [terserPass()]),
    ],
    build: {
      // PERPLENS_OUT lets a second checkout's work build beside dist/ without clobbering it.
      outDir: `${process.env.PERPLENS_OUT ?? 'dist'}/${browser}`,
      emptyOutDir: true,
      target: browser === 'firefox' ? 'firefox140' : 'chrome120',
      minify: process.env.PERPLENS_NO_MINIFY !== '1',
      sourcemap: process.env.PERPLENS_SOURCEMAP === '1',
      modulePreload: false,
      reportCompressedSize: false,
    },
  };
});
