import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { firefoxManifest, type Manifest } from '../../scripts/manifest-variants';

const base = JSON.parse(readFileSync('manifest.json', 'utf8')) as Manifest;

describe('manifest.json', () => {
  it('is MV3 with a service worker and no web_accessible_resources', () => {
    expect(base.manifest_version).toBe(3);
    expect(base.background?.service_worker).toBe('src/background/index.ts');
    expect(base).not.toHaveProperty('web_accessible_resources');
  });
  it('derives a Firefox manifest with background.scripts, a gecko id and no data collection', () => {
    const ff = firefoxManifest(base);
    expect(ff.background).toEqual({ scripts: ['src/background/index.ts'], type: 'module' });
    expect(ff).not.toHaveProperty('minimum_chrome_version');
    expect(ff.browser_specific_settings).toMatchObject({
      gecko: { id: expect.stringMatching(/@/), strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
    });
    expect(ff.host_permissions).toEqual(base.host_permissions);
    expect(ff.content_scripts).toEqual(base.content_scripts);
  });
});
