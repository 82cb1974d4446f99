/**
 * The guides in the running web preview, as a teacher meets them: « Ça ne marche pas ? » right after
 * start-up (the first search waits for the guides to be parsed), a search once they are loaded in the
 * background, and the search box in Chromium (keystroke → results shown). Run: npm run bench -- guides-ui.
 */
import type { ClasseApi } from '../../preload/contract';
import { launchBrowser, newPage } from '../e2e/support/browser';
import { startPreview } from '../e2e/support/web-preview';

const RUNS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const browser = await launchBrowser();
const cold: number[] = [];
const warm: number[] = [];
const typed: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const preview = await startPreview();
  const { page, context } = await newPage(browser);
  await page.goto(preview.url);
  await page.getByRole('heading', { level: 1 }).waitFor();
  // Straight after the first paint: the guides are not parsed yet (background load waits 3 s).
  cold.push(
    await page.evaluate(async () => {
      const t = performance.now();
      const r = await (window as unknown as { classe: ClasseApi }).classe.guides.search({ query: 'pas d image' });
      if (!r.ok) throw new Error(r.error.code);
      return performance.now() - t;
    }),
  );
  const times = await page.evaluate(async () => {
    const out: number[] = [];
    for (const query of ['videoprojecteur', 'stylet marche pas', 'pas de son', 'wifi coupe', 'ecran noir']) {
      const t = performance.now();
      await (window as unknown as { classe: ClasseApi }).classe.guides.search({ query });
      out.push(performance.now() - t);
    }
    return out;
  });
  warm.push(median(times));
  await page.evaluate(() => (window.location.hash = '#/guides'));
  const box = page.getByRole('searchbox');
  await box.waitFor();
  await box.focus();
  const t = Date.now();
  await page.keyboard.type('stilet', { delay: 0 });
  await page.locator('.guide-results a').first().waitFor();
  typed.push(Date.now() - t);
  await context.close();
  await preview.stop();
}
await browser.close();
console.log(`| measure (median of ${RUNS}) | value |`);
console.log('|---|---|');
console.log(`| first guides.search right after start-up (waits for the parse) | ${median(cold).toFixed(0)} ms |`);
console.log(`| guides.search round trip over the WebSocket, guides loaded | ${median(warm).toFixed(1)} ms |`);
console.log(`| typing "stilet" in the search box → first result shown | ${median(typed).toFixed(0)} ms |`);
