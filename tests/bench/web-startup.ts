/**
 * Web preview start-up: time from spawning `node out/main/web.js` to the first contentful paint of the
 * home screen in Debian's Chromium, and the renderer bundle size (raw and gzip). Run: npm run bench -- web.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchBrowser, newPage } from '../e2e/support/browser';
import { startPreview, REPO_ROOT } from '../e2e/support/web-preview';

const RUNS = 5;

/** The app's own page (index-*.js/css); the presentation viewer and pdf.js load only when presenting. */
function bundleSizes(prefix = 'index-'): { raw: number; gzip: number } {
  const dir = join(REPO_ROOT, 'out', 'renderer', 'assets');
  let raw = 0;
  let gzip = 0;
  for (const f of readdirSync(dir)) {
    if (!/\.(js|css)$/.test(f) || !f.startsWith(prefix)) continue;
    const data = readFileSync(join(dir, f));
    raw += data.length;
    gzip += gzipSync(data, { level: 9 }).length;
  }
  return { raw, gzip };
}

const browser = await launchBrowser();
const results: { server: number; fcp: number; total: number; ready: number }[] = [];
for (let i = 0; i < RUNS; i++) {
  const t0 = performance.now();
  const preview = await startPreview();
  const server = performance.now() - t0;
  const { page, context } = await newPage(browser);
  const t1 = performance.now();
  await page.goto(preview.url);
  await page.getByRole('heading', { level: 1 }).waitFor();
  const ready = performance.now() - t1;
  const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN);
  results.push({ server, fcp, total: server + fcp, ready });
  await context.close();
  await preview.stop();
}
await browser.close();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const sizes = bundleSizes();
console.log(`| measure (median of ${RUNS}) | value |`);
console.log('|---|---|');
console.log(`| web preview process start → URL printed | ${median(results.map((r) => r.server)).toFixed(0)} ms |`);
console.log(`| page navigation → first contentful paint | ${median(results.map((r) => r.fcp)).toFixed(0)} ms |`);
console.log(`| \`npm run web\` (built) → first paint | ${median(results.map((r) => r.total)).toFixed(0)} ms |`);
console.log(`| page navigation → home heading visible | ${median(results.map((r) => r.ready)).toFixed(0)} ms |`);
console.log(`| renderer (app page) JS+CSS | ${(sizes.raw / 1024).toFixed(1)} KiB (${(sizes.gzip / 1024).toFixed(1)} KiB gzip) |`);
const viewer = bundleSizes('presentation-');
console.log(`| presentation viewer JS+CSS (loaded only when presenting) | ${(viewer.raw / 1024).toFixed(1)} KiB (${(viewer.gzip / 1024).toFixed(1)} KiB gzip) |`);
