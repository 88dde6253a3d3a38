// Copies the screenshots the README shows from the last e2e run (artifacts/e2e/, written only after
// the test checked the figures on screen) into docs/. Tests never write into the tracked tree.
import { copyFileSync, existsSync } from 'node:fs';

const CHOSEN = [['artifacts/e2e/chromium-panel-okx.png', 'docs/panel-okx.png']];

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
