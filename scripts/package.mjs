// Store-ready zips of both builds (run after `npm run build`): packages/perplens-<browser>-<version>.zip.
// web-ext's builder zips the directory as the stores expect (manifest at the root, no dot-files).
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const { version } = JSON.parse(readFileSync('manifest.json', 'utf8'));
for (const browser of ['chrome', 'firefox']) {
  execFileSync(
    'npx',
    [
      'web-ext',
      'build',
      '--source-dir',
      `dist/${browser}`,
      '--artifacts-dir',
      'packages',
      '--filename',
      `perplens-${browser}-${version}.zip`,
      '--overwrite-dest',
    ],
    { stdio: 'inherit' },
  );
}
