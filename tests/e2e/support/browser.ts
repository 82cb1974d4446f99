import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { chmodSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS_DIR = join(import.meta.dirname, '..', '..', '..', 'test-results', 'screenshots');

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * `executablePath`: another launcher for Chromium, e.g. a script that runs it inside a lab network
 * namespace (`exec ip netns exec <ns> /usr/bin/chromium "$@"`) so it reaches a preview listening on
 * that namespace's 127.0.0.1.
 */
export async function launchBrowser(options: { executablePath?: string } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: options.executablePath ?? CHROMIUM_PATH,
    args: [...ARGS, `--user-data-dir=${mkdtempSync(join(tmpdir(), 'classe-chromium-'))}`].filter((a) => !a.startsWith('--user-data-dir')),
    headless: true,
  });
}

/**
 * Chromium inside a network namespace (the lab's teacher laptop), where the web preview listens on its
 * own 127.0.0.1. Playwright drives Chromium over a pipe (fds 3 and 4), not a TCP port, so the browser
 * can live in another namespace as long as those fds are inherited: the executable Playwright starts is
 * a small script that `exec`s `ip netns exec <ns> chromium "$@"` (both exec, so the fds go through and
 * the PID Playwright holds is Chromium's).
 */
export async function launchBrowserInNamespace(ns: string, scratchDir: string): Promise<Browser> {
  if (!/^[A-Za-z0-9_-]+$/.test(ns)) throw new Error(`unexpected namespace name: ${ns}`);
  const wrapper = join(scratchDir, `chromium-in-${ns}.sh`);
  writeFileSync(wrapper, `#!/bin/sh\nexec ip netns exec ${ns} ${CHROMIUM_PATH} "$@"\n`);
  chmodSync(wrapper, 0o755);
  return chromium.launch({ executablePath: wrapper, args: ARGS, headless: true });
}

export async function newPage(
  browser: Browser,
  options: { colorScheme?: 'light' | 'dark'; locale?: string } = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    colorScheme: options.colorScheme ?? 'light',
    locale: options.locale ?? 'fr-FR',
    viewport: { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return { context, page, errors };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
