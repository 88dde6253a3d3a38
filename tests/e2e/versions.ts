import { execFileSync } from 'node:child_process';
import { executableFor, type BrowserName } from './browsers';

/** What `<browser> --version` prints, or why it could not be asked (the tests then fail saying so). */
function versionOf(name: BrowserName): string {
  try {
    return execFileSync(executableFor(name), ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 30_000 }).trim();
  } catch (err) {
    return `unknown (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`;
  }
}

/**
 * Vitest global setup of the e2e run: prints the browsers' versions first, so a red run says which
 * browsers it met (a browser release changes what the browser sends on its own).
 */
export default function printBrowserVersions(): void {
  console.info(`e2e browsers: ${versionOf('chromium')}; ${versionOf('firefox')}`);
}
