// Copies the screenshots the README shows from the last e2e run (artifacts/e2e/, each written only
// after its test checked the figures on screen) into docs/img/. Tests never write into the tracked tree.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';

const CHOSEN = [
  // tests/e2e/placement.e2e.ts: the compact default over OKX's chart at 1280×720, clear of every control.
  ['artifacts/e2e/chromium-placement-okx.png', 'docs/img/panel-compact.png'],
  // tests/e2e/compact-card.e2e.ts: a card opened from the keyboard; the pill with a position in danger.
  ['artifacts/e2e/chromium-compact-expanded.png', 'docs/img/panel-expanded.png'],
  ['artifacts/e2e/chromium-pill.png', 'docs/img/panel-pill.png'],
  // tests/e2e/popup.e2e.ts: the popup after its table was checked.
  ['artifacts/e2e/chromium-popup.png', 'docs/img/popup.png'],
];

mkdirSync('docs/img', { recursive: true });
let missing = 0;
for (const [from, to] of CHOSEN) {
  if (!existsSync(from)) {
    console.error(`${from} is missing: run \`npm run test:e2e\` first`);
    missing++;
    continue;
  }
  copyFileSync(from, to);
  console.log(`${from} → ${to}`);
}
process.exit(missing ? 1 : 0);
