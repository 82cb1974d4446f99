/**
 * End-to-end tests drive the real web preview (out/main/web.js + out/renderer) in Debian's Chromium.
 * Build once before the suite unless CLASSE_E2E_SKIP_BUILD=1 (set by scripts/test.mjs, which has just
 * built). Chromium must be installed: the suite fails with what to install otherwise.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CHROMIUM_PATH } from './support/browser';

export default function setup(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium (end-to-end tests never download a browser)`);
  }
  if (process.env.CLASSE_E2E_SKIP_BUILD !== '1') {
    execFileSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
  }
}
