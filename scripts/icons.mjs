#!/usr/bin/env node
/**
 * Generates the app icon PNGs from assets/icon/classe-numerique.svg with Debian's Chromium (no extra
 * image tool needed): build/icon.png (1024, electron-builder derives .ico/.icns from it) and
 * build/icons/<size>x<size>.png for Linux. The PNGs are committed; run again after changing the SVG.
 */
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const root = join(import.meta.dirname, '..');
const svg = readFileSync(join(root, 'assets', 'icon', 'classe-numerique.svg'), 'utf8');
const sizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
mkdirSync(join(root, 'build', 'icons'), { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', `--user-data-dir=${mkdtempSync(join(tmpdir(), 'icons-'))}`].slice(0, -1),
});
const page = await browser.newPage();
for (const size of sizes) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg style="display:block;width:${size}px;height:${size}px" `)}</body></html>`);
  await page.screenshot({ path: join(root, 'build', 'icons', `${size}x${size}.png`), omitBackground: true });
  if (size === 1024) await page.screenshot({ path: join(root, 'build', 'icon.png'), omitBackground: true });
}
await browser.close();
console.log(`icons: ${sizes.join(', ')} px → build/`);
