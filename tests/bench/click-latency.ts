/**
 * Click-to-command latency: a teacher clicks « Masquer » on a projector card in Chromium; how long until
 * the AVMT line reaches the projector? Measured end to end through the real web preview (renderer →
 * WebSocket → contract → actions → the PJLink connection shared with the poller) against a real
 * SimulatedProjector listed in an IT profile, on 127.0.0.1.
 *
 * - Click time: the `click` event's own timeStamp in the page (performance.now timebase, + timeOrigin),
 *   recorded by a capture listener, so Playwright's own overhead before the click does not count.
 * - Wire time: a TCP tap between the preview and the simulator (in this process) stamps the moment the
 *   bytes of `%1AVMT 31` (or 30) arrive from the preview, before forwarding them.
 * - Clocks: the page's and this process's epoch-based clocks are compared by round trips
 *   (minimum-RTT sample); the remaining uncertainty (half that RTT) is printed.
 * Also printed: click → the first animation frame whose rendering shows the new state (« Afficher de
 * nouveau » pressed, optimistic until the projector confirms), in the page.
 *
 * Run: npm run bench -- click-latency   [--clicks 40]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect, type Socket } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SimulatedProjector } from '../../main/services/simulator/pjlink-projector';
import { standardProjector } from '../../main/services/simulator/presets';
import { launchBrowser, newPage } from '../e2e/support/browser';
import { startPreview } from '../e2e/support/web-preview';

const args = process.argv.slice(2);
const CLICKS = Number(args[args.indexOf('--clicks') + 1] ?? 40) || 40;
const epochNow = () => performance.timeOrigin + performance.now();

// ---- The projector and the tap --------------------------------------------------------------------
const sim = new SimulatedProjector(standardProjector({ name: 'Vidéoprojecteur du banc', power: 'on', input: '31', idleCloseMs: 0 }));
await sim.start();
const wire: { line: string; at: number }[] = [];
const waiters: { line: string; resolve: (at: number) => void }[] = [];
const tap = createServer((client: Socket) => {
  client.setNoDelay(true);
  const upstream = connect({ host: sim.address.host, port: sim.address.port });
  upstream.setNoDelay(true);
  let pending = '';
  client.on('data', (chunk: Buffer) => {
    const at = epochNow();
    upstream.write(chunk);
    pending += chunk.toString('latin1');
    let cr: number;
    while ((cr = pending.indexOf('\r')) >= 0) {
      const line = pending.slice(0, cr);
      pending = pending.slice(cr + 1);
      wire.push({ line, at });
      for (const w of waiters.filter((x) => line.endsWith(x.line))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(at);
      }
    }
  });
  upstream.on('data', (chunk: Buffer) => client.write(chunk));
  const close = () => {
    client.destroy();
    upstream.destroy();
  };
  client.on('close', close);
  upstream.on('close', close);
  client.on('error', close);
  upstream.on('error', close);
});
await new Promise<void>((r) => tap.listen(0, '127.0.0.1', () => r()));
const tapPort = (tap.address() as { port: number }).port;
const onWire = (line: string) => new Promise<number>((resolve) => waiters.push({ line, resolve }));

// ---- An IT profile that lists it, and the preview ---------------------------------------------------
const dir = mkdtempSync(join(tmpdir(), 'classe-bench-click-'));
const profile = {
  schemaVersion: 1,
  organisation: { name: 'Banc d’essai', contact: { name: 'Service informatique', phone: '04 00 00 00 00' } },
  schools: [{ id: 'ecole', name: 'École', rooms: [{ id: 'salle-banc', name: 'Salle du banc', devices: [{ id: 'vp-banc', name: 'Vidéoprojecteur du banc', kind: 'projector', host: '127.0.0.1', pjlinkPort: tapPort, preferredInput: '31' }] }] }],
};
writeFileSync(join(dir, 'profile.json'), JSON.stringify(profile));
const preview = await startPreview({ args: ['--profile', join(dir, 'profile.json'), '--quiet'] });
// Whatever happens (a failure, Ctrl-C), the preview does not outlive the benchmark.
process.on('exit', () => preview.process.kill('SIGKILL'));
process.on('SIGINT', () => process.exit(130));
const browser = await launchBrowser();
const { page, context, errors } = await newPage(browser);
await page.goto(preview.url);
await page.getByRole('heading', { level: 1, name: 'Ma salle' }).waitFor();
await page.evaluate(async () => {
  const api = (window as unknown as { classe: { devices: { chooseRoom(i: { room: string }): Promise<unknown> } } }).classe;
  await api.devices.chooseRoom({ room: 'salle-banc' });
});
const card = page.locator('li.device-card').filter({ has: page.getByRole('heading', { level: 3, name: 'Vidéoprojecteur du banc', exact: true }) });
await card.waitFor({ timeout: 20_000 });
const blank = card.getByRole('button', { name: 'Masquer', exact: true });
const unblank = card.getByRole('button', { name: 'Afficher de nouveau', exact: true });
await blank.waitFor({ timeout: 20_000 });
await page.waitForFunction(() => ![...document.querySelectorAll('li.device-card button')].some((b) => b.textContent?.includes('Masquer') && (b as HTMLButtonElement).disabled), null, { timeout: 20_000 });

// Every click's own time, and when the card first shows the new state (the button pressed), in the page.
// (tsx compiles named functions with esbuild's keepNames: the page needs its `__name` helper.)
await page.evaluate('window.__name = (f) => f');
await page.evaluate(() => {
  const w = window as unknown as { __clicks: number[]; __shown: number[] };
  w.__clicks = [];
  w.__shown = [];
  document.addEventListener(
    'click',
    (e) => {
      const button = (e.target as Element).closest('button');
      if (!button || !/Masquer|Afficher de nouveau/.test(button.textContent ?? '')) return;
      w.__clicks.push(performance.timeOrigin + e.timeStamp);
      // The card stays; the button may be a new element after the click.
      const card = button.closest('li')!;
      const wasPressed = card.querySelector('button[aria-pressed="true"]') !== null;
      const check = () => {
        const pressed = card.querySelector('button[aria-pressed="true"]') !== null;
        // The first frame whose rendering includes the change (it is painted right after this callback).
        if (pressed !== wasPressed) w.__shown.push(performance.timeOrigin + performance.now());
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    },
    { capture: true },
  );
});

/** page clock − this clock, from the round trip with the smallest RTT. */
async function clockOffset(): Promise<{ offset: number; rtt: number }> {
  let best = { offset: 0, rtt: Infinity };
  for (let i = 0; i < 30; i++) {
    const before = epochNow();
    const pageTime = await page.evaluate(() => performance.timeOrigin + performance.now());
    const after = epochNow();
    if (after - before < best.rtt) best = { offset: pageTime - (before + after) / 2, rtt: after - before };
  }
  return best;
}
const clockBefore = await clockOffset();

const masquer: number[] = [];
const reafficher: number[] = [];
const feedback: number[] = [];
for (let i = 0; i < CLICKS; i++) {
  for (const [button, line, out] of [
    [blank, 'AVMT 31', masquer],
    [unblank, 'AVMT 30', reafficher],
  ] as const) {
    await button.waitFor();
    // Let the poller keep its own rhythm between clicks, as a teacher's clicks would.
    await new Promise((r) => setTimeout(r, 150 + Math.random() * 150));
    const arrived = onWire(line);
    await button.click();
    const at = await arrived;
    const { clicks } = await page.evaluate(() => ({ clicks: (window as unknown as { __clicks: number[] }).__clicks }));
    out.push(at - (clicks.at(-1)! - clockBefore.offset));
  }
}
await page.waitForFunction((n) => (window as unknown as { __shown: number[] }).__shown.length >= n, CLICKS * 2, { timeout: 10_000 });
const marks = await page.evaluate(() => {
  const w = window as unknown as { __clicks: number[]; __shown: number[] };
  return { clicks: w.__clicks, shown: w.__shown };
});
for (let i = 0; i < marks.clicks.length; i++) feedback.push(marks.shown[i]! - marks.clicks[i]!);
const clockAfter = await clockOffset();

await context.close();
await browser.close();
await preview.stop();
tap.close();
await sim.stop();
rmSync(dir, { recursive: true, force: true });
if (errors.length) throw new Error(`page errors: ${errors.join('\n')}`);

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { n: s.length, p50: q(0.5), p95: q(0.95), min: s[0]!, max: s.at(-1)! };
};
const row = (label: string, xs: number[]) => {
  const s = stats(xs);
  return `| ${label} | ${s.n} | ${s.p50.toFixed(1)} ms | ${s.p95.toFixed(1)} ms | ${s.min.toFixed(1)} ms | ${s.max.toFixed(1)} ms |`;
};
console.log(`\nClick-to-command latency — Node ${process.version}, ${cpus().length} CPU(s) (${cpus()[0]?.model ?? '?'}), load average ${loadavg()[0]!.toFixed(2)}`);
console.log(`Clock offset page − bench: ${clockBefore.offset.toFixed(2)} ms (RTT ${clockBefore.rtt.toFixed(2)} ms) before, ${clockAfter.offset.toFixed(2)} ms (RTT ${clockAfter.rtt.toFixed(2)} ms) after: uncertainty about ±${(Math.max(clockBefore.rtt, clockAfter.rtt) / 2 + Math.abs(clockAfter.offset - clockBefore.offset)).toFixed(1)} ms.\n`);
console.log('| measure | clicks | median | p95 | min | max |');
console.log('|---|---:|---:|---:|---:|---:|');
console.log(row('click « Masquer » → `%1AVMT 31` on the wire', masquer));
console.log(row('click « Afficher de nouveau » → `%1AVMT 30` on the wire', reafficher));
console.log(row('click → the frame that shows the new state (button pressed)', feedback));
const goal = stats(masquer);
console.log(`\nGoal "click-to-command < 50 ms": ${goal.p95 < 50 ? 'met at p95' : goal.p50 < 50 ? 'met at the median, not at p95' : 'NOT met'} (median ${goal.p50.toFixed(1)} ms, p95 ${goal.p95.toFixed(1)} ms).`);
