import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtExtension, E2E_BROWSERS } from './browsers';

interface BuiltManifest {
  background: { service_worker?: string; scripts?: string[] };
  content_scripts: { js: string[] }[];
  browser_specific_settings?: { gecko?: { id?: string; data_collection_permissions?: unknown } };
  web_accessible_resources?: unknown;
}

const read = (dir: string): BuiltManifest => JSON.parse(readFileSync(`${dir}/manifest.json`, 'utf8')) as BuiltManifest;

describe('built extensions', () => {
  for (const name of E2E_BROWSERS) {
    it(`${name}: no web_accessible_resources, one self-contained content script per venue`, () => {
      const dir = builtExtension(name);
      const m = read(dir);
      expect(m).not.toHaveProperty('web_accessible_resources');
      expect(m.content_scripts.map((c) => c.js)).toEqual(
        ['binance', 'bybit', 'okx', 'hyperliquid', 'dydx', 'bitget', 'gmx', 'lighter'].map((v) => [`src/venues/${v}/content.js`]),
      );
      for (const script of m.content_scripts.flatMap((c) => c.js)) {
        const code = readFileSync(`${dir}/${script}`, 'utf8');
        // A loader would import chunks by URL, which requires web_accessible_resources.
        expect(code).not.toMatch(/\bimport\s*\(|^\s*import\s|getURL\(/m);
      }
    });
  }

  it('chrome keeps the service worker; firefox gets background.scripts and a gecko id', () => {
    const chrome = read(builtExtension('chromium'));
    const firefox = read(builtExtension('firefox'));
    expect(chrome.background.service_worker).toBeTruthy();
    expect(firefox.background.scripts).toHaveLength(1);
    expect(firefox.background.service_worker).toBeUndefined();
    expect(firefox.browser_specific_settings?.gecko?.id).toBeTruthy();
    expect(firefox.browser_specific_settings?.gecko?.data_collection_permissions).toEqual({ required: ['none'] });
  });

  it('web-ext lint reports no errors for the Firefox build', () => {
    const out = execFileSync('npx', ['web-ext', 'lint', '--source-dir', builtExtension('firefox'), '--output', 'json'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const report = JSON.parse(out) as { summary: { errors: number }; warnings: { code: string; file?: string }[] };
    expect(report.summary.errors).toBe(0);
    // The only accepted warnings are Preact's own innerHTML branch for dangerouslySetInnerHTML,
    // which PerpLens never uses (README, "web-ext lint"), in the popup's and options' chunks: the
    // content scripts carry no Preact and get no warning at all.
    expect(report.warnings.filter((w) => w.code !== 'UNSAFE_VAR_ASSIGNMENT' || /^src\/venues\/[a-z0-9-]+\/content\.js$/.test(w.file ?? ''))).toEqual([]);
    // The popup and options share one Preact chunk, so exactly one such warning: a second one means
    // new markup writing somewhere.
    expect(report.warnings).toHaveLength(1);
  });
});
