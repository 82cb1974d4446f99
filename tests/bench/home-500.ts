/**
 * « Ma salle » with 500 projectors: does the list stay smooth? The real web preview (no network
 * discovery) knows 500 class 2 projector simulators, one per loopback address (127.B.x.y:4352, in a
 * child process), added through the contract as a teacher or IT would (`devices.add`); no room is
 * chosen, so all 500 are on the home screen with their controls, and the preview polls them all.
 *
 * Measured in Chromium, in the page's own clock (an init script watches every animation frame):
 *  1. load: navigation → 500 cards in the DOM → 500 statuses shown (« Allumé »), long tasks meanwhile;
 *  2. update burst: polling paused (window hidden), all 500 projectors masked behind its back, then the
 *     window shown again: every projector is polled at once and 500 status events arrive; time from
 *     « visible » to the first and to the 500th card showing « Image masquée », and the frames;
 *  3. scrolling from top to bottom with the mouse wheel (100 px notches every ~8 ms, a fast fling):
 *     frame intervals, dropped frames.
 * A frame "dropped" = each 16.7 ms slot beyond the first in an interval between two frames.
 *
 * Run: npm run bench -- home-500   [--count 500] [--runs 3] [--renderer-dir out-before/renderer]
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { launchBrowser, newPage, screenshot } from '../e2e/support/browser';
import { startPreview } from '../e2e/support/web-preview';

const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) || fallback : fallback;
};
const COUNT = opt('count', 500);
// Another build of the renderer (e.g. before a change) to compare in the same conditions.
const RENDERER_DIR = args.includes('--renderer-dir') ? args[args.indexOf('--renderer-dir') + 1] : undefined;
const RUNS = opt('runs', 3);
const FRAME = 1000 / 60;

// ---- Projectors -----------------------------------------------------------------------------------
const b = randomInt(20, 250);
const hosts = Array.from({ length: COUNT }, (_, i) => `127.${b}.${1 + Math.floor(i / 250)}.${1 + (i % 250)}`);
const fleet: ChildProcess = fork(join(import.meta.dirname, 'support', 'home-fleet-process.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
const ask = (message: object, reply: string) =>
  new Promise<void>((resolve) => {
    const on = (m: { type: string }) => {
      if (m.type !== reply) return;
      fleet.off('message', on);
      resolve();
    };
    fleet.on('message', on);
    fleet.send(message);
  });
await ask({ type: 'start', hosts }, 'ready');

// ---- Preview, page and the in-page frame watcher -----------------------------------------------------
const preview = await startPreview({ args: ['--quiet', ...(RENDERER_DIR ? ['--renderer-dir', RENDERER_DIR] : [])] });
// Whatever happens (a failure, Ctrl-C), the processes started here do not outlive the benchmark.
process.on('exit', () => {
  preview.process.kill('SIGKILL');
  fleet.kill('SIGKILL');
});
process.on('SIGINT', () => process.exit(130));
const browser = await launchBrowser();
const { page, context, errors } = await newPage(browser);
await context.addInitScript(() => {
  const w = window as unknown as Record<string, unknown>;
  // tsx (esbuild keepNames) wraps named functions sent to the page in __name().
  w.__name = (f: unknown) => f;
  const longTasks: [number, number][] = [];
  w.__longTasks = longTasks;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  /** Calls `probe` every frame until it returns true; resolves with the frame times and when it did. */
  w.__watch = (probe: () => boolean, timeoutMs: number) =>
    new Promise((resolve) => {
      const frames: number[] = [];
      const started = performance.now();
      const tick = (t: number) => {
        frames.push(t);
        if (probe() || t - started > timeoutMs) resolve({ frames, doneAt: t, ok: probe() });
        else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
});
await page.goto(preview.url);
await page.getByRole('heading', { level: 1, name: 'Ma salle' }).waitFor();

// The renderer's main-thread time by kind (Chromium's own counters, in seconds), to tell our work from
// the machine being busy: frames can be late because another process had the CPU.
const cdp = await context.newCDPSession(page);
await cdp.send('Performance.enable');
type Busy = { task: number; script: number; layout: number; style: number };
async function busyNow(): Promise<Busy> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = (name: string) => (metrics.find((x) => x.name === name)?.value ?? 0) * 1000;
  return { task: m('TaskDuration'), script: m('ScriptDuration'), layout: m('LayoutDuration'), style: m('RecalcStyleDuration') };
}
const since = (a: Busy, b: Busy): Busy => ({ task: b.task - a.task, script: b.script - a.script, layout: b.layout - a.layout, style: b.style - a.style });

// Added from another page, so that the setup costs the same whatever the home screen's code.
await page.evaluate(() => (window.location.hash = '#/settings'));
const t = performance.now();
let busyBefore = await busyNow();
await page.evaluate(async (list) => {
  const api = (window as unknown as { classe: { devices: { add(i: { host: string }): Promise<{ ok: boolean }> } } }).classe;
  let next = 0;
  const worker = async () => {
    while (next < list.length) {
      const host = list[next++]!;
      const r = await api.devices.add({ host });
      if (!r.ok) throw new Error(`devices.add ${host} failed`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}, hosts);
const addMs = performance.now() - t;
const addBusy = since(busyBefore, await busyNow());
await page.evaluate(() => (window.location.hash = '#/'));

await page.waitForFunction(({ n, text }) => [...document.querySelectorAll('li.device-card .projector-status')].filter((e) => e.textContent?.includes(text)).length >= n, { n: COUNT, text: 'Allumé' }, { timeout: 120_000, polling: 500 });

interface FrameStats {
  frames: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  dropped: number;
}
function frameStats(times: number[]): FrameStats {
  const gaps = times.slice(1).map((x, i) => x - times[i]!);
  const sorted = [...gaps].sort((a, c) => a - c);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  return { frames: times.length, medianMs: q(0.5), p95Ms: q(0.95), maxMs: sorted.at(-1) ?? 0, dropped: gaps.reduce((n, g) => n + Math.max(0, Math.round(g / FRAME) - 1), 0) };
}
const median = (xs: number[]) => [...xs].sort((a, c) => a - c)[Math.floor(xs.length / 2)]!;

/**
 * CPU_PROFILE=1: where the first load's main-thread time goes (self time by function, top 15), to find
 * what a long task is made of.
 */
function printHotFunctions(profile: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples?: number[]; timeDeltas?: number[] }, longest: number): void {
  const self = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) self.set(samples[i]!, (self.get(samples[i]!) ?? 0) + (deltas[i] ?? 0) / 1000);
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const ms = self.get(node.id) ?? 0;
    if (!ms) continue;
    const f = node.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop() ?? ''}:${f.lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
  }
  console.log(`\nCPU profile of the first load (longest task ${Math.round(longest)} ms), self time:`);
  for (const [key, ms] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${ms.toFixed(0).padStart(6)} ms  ${key}`);
}

// ---- 1. Load -----------------------------------------------------------------------------------------
const loads: { cards: number; statuses: number; longTaskMs: number; longest: number; busy: Busy }[] = [];
for (let run = 0; run < RUNS; run++) {
  // (A reload starts a new renderer document; Chromium's counters restart with it.)
  const profiling = run === 0 && process.env.CPU_PROFILE === '1';
  if (profiling) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  await page.reload();
  const r = await page.evaluate(async (n) => {
    const w = window as unknown as { __watch: (p: () => boolean, ms: number) => Promise<{ frames: number[]; doneAt: number; ok: boolean }>; __longTasks: [number, number][] };
    const cards = await w.__watch(() => document.querySelectorAll('li.device-card').length >= n, 60_000);
    const statuses = await w.__watch(() => [...document.querySelectorAll('li.device-card .projector-status')].filter((e) => e.textContent?.includes('Allumé')).length >= n, 60_000);
    const tasks = w.__longTasks.filter(([start]) => start <= statuses.doneAt);
    return { cards: cards.doneAt, statuses: statuses.doneAt, ok: cards.ok && statuses.ok, longTaskMs: tasks.reduce((s, [, d]) => s + d, 0), longest: Math.max(0, ...tasks.map(([, d]) => d)) };
  }, COUNT);
  if (!r.ok) throw new Error('the 500 cards or their statuses did not show within 60 s');
  if (profiling) printHotFunctions((await cdp.send('Profiler.stop')).profile, r.longest);
  loads.push({ ...r, busy: await busyNow() });
}
await screenshot(page, 'bench-home-500');

// ---- 2. Update burst ---------------------------------------------------------------------------------
const bursts: { first: number; all: number; frames: FrameStats; longTaskMs: number; longest: number; busy: Busy }[] = [];
for (let run = 0; run < RUNS; run++) {
  const mute = run % 2 === 0;
  const text = mute ? 'Image masquée' : 'Allumé';
  await page.evaluate(() => (window as unknown as { classe: { app: { visibility(i: { visible: boolean }): Promise<unknown> } } }).classe.app.visibility({ visible: false }));
  await ask({ type: 'set', mute }, 'done');
  busyBefore = await busyNow();
  const r = await burst(page, text, mute);
  bursts.push({ ...r, busy: since(busyBefore, await busyNow()) });
  await page.waitForTimeout(1_000);
}

async function burst(p: Page, text: string, muted: boolean) {
  return p.evaluate(
    async ({ n, text: wanted, muted: m }) => {
      const w = window as unknown as {
        __watch: (p: () => boolean, ms: number) => Promise<{ frames: number[]; doneAt: number; ok: boolean }>;
        __longTasks: [number, number][];
        classe: { app: { visibility(i: { visible: boolean }): Promise<unknown> } };
      };
      const statuses = () => [...document.querySelectorAll('li.device-card .projector-status')];
      const updated = () => statuses().filter((e) => (m ? e.textContent?.includes(wanted) : !e.textContent?.includes('Image masquée'))).length;
      const t0 = performance.now();
      let first = 0;
      void w.classe.app.visibility({ visible: true });
      const r = await w.__watch(() => {
        const u = updated();
        if (u > 0 && !first) first = performance.now();
        return u >= n;
      }, 60_000);
      if (!r.ok) throw new Error(`burst: only ${updated()} of ${n} cards updated within 60 s`);
      const tasks = w.__longTasks.filter(([start, d]) => start + d >= t0 && start <= r.doneAt);
      return { first: first - t0, all: r.doneAt - t0, frames: r.frames, longTaskMs: tasks.reduce((s, [, d]) => s + d, 0), longest: Math.max(0, ...tasks.map(([, d]) => d)) };
    },
    { n: COUNT, text, muted },
  ).then((r) => ({ ...r, frames: frameStats(r.frames) }));
}

// ---- 3. Scrolling --------------------------------------------------------------------------------------
/** One scroll from top to bottom of `p` with the mouse wheel; frame intervals recorded in the page. */
async function scrollOnce(p: Page, busy: () => Promise<Busy>): Promise<FrameStats & { busy: Busy }> {
  const before = await busy();
  await p.evaluate(async () => {
    window.scrollTo(0, 0);
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  });
  // Frames are recorded in the page while the mouse wheel scrolls it (input → compositor, as a person
  // scrolling), 100 px per notch, a notch every 8 ms: about 12,000 px/s, a fast fling.
  await p.evaluate(() => {
    const w = window as unknown as { __scrollFrames: number[]; __scrolling: boolean };
    w.__scrollFrames = [];
    w.__scrolling = true;
    const tick = (t: number) => {
      w.__scrollFrames.push(t);
      if (w.__scrolling) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await p.mouse.move(640, 400);
  // Until the end of the page: the wheel no longer moves it (its height settles as cards render).
  let last = -1;
  for (let stalls = 0; stalls < 3; ) {
    for (let i = 0; i < 10; i++) {
      await p.mouse.wheel(0, 100);
      await new Promise((r) => setTimeout(r, 8));
    }
    const y = await p.evaluate(() => window.scrollY);
    stalls = y === last ? stalls + 1 : 0;
    last = y;
  }
  const times = await p.evaluate(() => {
    const w = window as unknown as { __scrollFrames: number[]; __scrolling: boolean };
    w.__scrolling = false;
    return w.__scrollFrames;
  });
  return { ...frameStats(times), busy: since(before, await busy()) };
}

const scrolls: (FrameStats & { busy: Busy })[] = [];
if (process.env.PAUSE_POLL) await page.evaluate(() => (window as unknown as { classe: { app: { visibility(i: { visible: boolean }): Promise<unknown> } } }).classe.app.visibility({ visible: false }));
for (let run = 0; run < RUNS; run++) scrolls.push(await scrollOnce(page, busyNow));

// Reference: the very same DOM and CSS as a static page (scripts removed: no React, no updates), scrolled
// the same way in the same browser. What it drops is the machine's (software raster on 2 loaded cores),
// not the app's.
const staticHtml = await page.evaluate(() => {
  const doc = document.documentElement.cloneNode(true) as HTMLElement;
  for (const e of doc.querySelectorAll('script, link[rel="modulepreload"]')) e.remove();
  return `<!doctype html>${doc.outerHTML}`;
});
const reference = await context.newPage();
await reference.route(`${new URL(preview.url).origin}/__static-reference`, (route) => route.fulfill({ contentType: 'text/html', body: staticHtml }));
await reference.goto(`${new URL(preview.url).origin}/__static-reference`);
const refCdp = await context.newCDPSession(reference);
await refCdp.send('Performance.enable');
const refBusy = async (): Promise<Busy> => {
  const { metrics } = await refCdp.send('Performance.getMetrics');
  const m = (name: string) => (metrics.find((x) => x.name === name)?.value ?? 0) * 1000;
  return { task: m('TaskDuration'), script: m('ScriptDuration'), layout: m('LayoutDuration'), style: m('RecalcStyleDuration') };
};
await page.close(); // one page scrolling at a time
const referenceScrolls: (FrameStats & { busy: Busy })[] = [];
for (let run = 0; run < RUNS; run++) referenceScrolls.push(await scrollOnce(reference, refBusy));
const pageHeight = await reference.evaluate(() => document.documentElement.scrollHeight);

await context.close();
await browser.close();
await preview.stop();
await new Promise((resolve) => {
  fleet.once('exit', resolve);
  fleet.send({ type: 'stop' });
});
if (errors.length) console.log(`\nPage errors: ${errors.slice(0, 5).join(' | ')}`);

// ---- Report --------------------------------------------------------------------------------------------
const ms = (x: number) => `${x.toFixed(0)} ms`;
console.log(`\n« Ma salle » with ${COUNT} projectors${RENDERER_DIR ? ` (renderer from ${RENDERER_DIR})` : ''} — Node ${process.version}, ${cpus().length} CPU(s) (${cpus()[0]?.model ?? '?'}), load average ${loadavg()[0]!.toFixed(2)}; medians of ${RUNS} runs`);
const busy = (xs: Busy[]) => `${ms(median(xs.map((x) => x.task)))} (script ${ms(median(xs.map((x) => x.script)))}, style ${ms(median(xs.map((x) => x.style)))}, layout ${ms(median(xs.map((x) => x.layout)))})`;
console.log(`(setup: ${COUNT} × devices.add through the contract, 8 at a time, from Réglages: ${ms(addMs)}, renderer busy ${busy([addBusy])}; page height ${pageHeight} px)\n`);
console.log('| measure | value |');
console.log('|---|---:|');
console.log(`| load: navigation → ${COUNT} cards in the DOM | ${ms(median(loads.map((l) => l.cards)))} |`);
console.log(`| load: navigation → ${COUNT} statuses shown | ${ms(median(loads.map((l) => l.statuses)))} |`);
console.log(`| load: long tasks until then (total / longest) | ${ms(median(loads.map((l) => l.longTaskMs)))} / ${ms(median(loads.map((l) => l.longest)))} |`);
console.log(`| load: renderer main thread busy | ${busy(loads.map((l) => l.busy))} |`);
console.log(`| burst: window shown → first card updated | ${ms(median(bursts.map((x) => x.first)))} |`);
console.log(`| burst: window shown → all ${COUNT} cards updated | ${ms(median(bursts.map((x) => x.all)))} |`);
console.log(`| burst: frames (median / p95 / max interval) | ${median(bursts.map((x) => x.frames.frames))} (${median(bursts.map((x) => x.frames.medianMs)).toFixed(1)} / ${median(bursts.map((x) => x.frames.p95Ms)).toFixed(1)} / ${median(bursts.map((x) => x.frames.maxMs)).toFixed(1)} ms) |`);
console.log(`| burst: dropped frames | ${median(bursts.map((x) => x.frames.dropped))} |`);
console.log(`| burst: long tasks (total / longest) | ${ms(median(bursts.map((x) => x.longTaskMs)))} / ${ms(median(bursts.map((x) => x.longest)))} |`);
console.log(`| burst: renderer main thread busy | ${busy(bursts.map((x) => x.busy))} |`);
console.log(`| scroll top → bottom: frames (median / p95 / max interval) | ${median(scrolls.map((x) => x.frames))} (${median(scrolls.map((x) => x.medianMs)).toFixed(1)} / ${median(scrolls.map((x) => x.p95Ms)).toFixed(1)} / ${median(scrolls.map((x) => x.maxMs)).toFixed(1)} ms) |`);
console.log(`| scroll: dropped frames | ${median(scrolls.map((x) => x.dropped))} (${((median(scrolls.map((x) => x.dropped)) / median(scrolls.map((x) => x.frames))) * 100).toFixed(1)} %; runs: ${scrolls.map((x) => x.dropped).join(', ')}) |`);
console.log(`| scroll: renderer main thread busy | ${busy(scrolls.map((x) => x.busy))} |`);
console.log(`| reference, same DOM as a static page: frames (median / p95 / max interval) | ${median(referenceScrolls.map((x) => x.frames))} (${median(referenceScrolls.map((x) => x.medianMs)).toFixed(1)} / ${median(referenceScrolls.map((x) => x.p95Ms)).toFixed(1)} / ${median(referenceScrolls.map((x) => x.maxMs)).toFixed(1)} ms) |`);
console.log(`| reference: dropped frames | ${median(referenceScrolls.map((x) => x.dropped))} (${((median(referenceScrolls.map((x) => x.dropped)) / median(referenceScrolls.map((x) => x.frames))) * 100).toFixed(1)} %; runs: ${referenceScrolls.map((x) => x.dropped).join(', ')}) |`);
console.log(`| reference: renderer main thread busy | ${busy(referenceScrolls.map((x) => x.busy))} |`);
process.exit(0);
