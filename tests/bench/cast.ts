/**
 * Benchmark (lab, root): time from "Projeter" to PLAYING on a real DLNA renderer (Debian gmediarender
 * in the room namespace), goal < 1 s. The casting code runs in the teacher namespace (the lab runner,
 * same functions as `classe cast`). Three times per cast:
 *  - accepted: SetAVTransportURI + Play answered (castCommand resolved),
 *  - renderer PLAYING: GetTransportInfo says PLAYING (polled every 5 ms by the runner),
 *  - UI "playing": the CastService published it (what the teacher sees),
 *  - fetched: the media server finished its first response to the renderer (gmediarender says PLAYING
 *    as soon as Play is accepted, before it has any data: this tells when it really had the file).
 * The file has to travel: gmediarender fetches it from the media server before it plays.
 *
 * Usage: node --import tsx tests/bench/cast.ts [--casts 10]
 */
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createLab, REPO_ROOT, type Lab } from '../lab/harness/lab';
import { JsonLinesProcess } from '../lab/support/json-lines';
import { median } from './support/http-bench';

const i = process.argv.indexOf('--casts');
const CASTS = i > 0 ? Number(process.argv[i + 1]) : 10;
const SCREEN = 'Écran salle 12';

interface Timing {
  acceptedMs: number;
  rendererPlayingMs: number;
  servicePlayingMs: number;
  fetchedMs: number;
}

async function main(): Promise<void> {
  let lab: Lab | null = null;
  let runner: JsonLinesProcess | null = null;
  try {
    lab = await createLab();
    const renderer = await lab.startGmediarender({ name: SCREEN });
    const files = [join(lab.workDir, 'Chanson.mp3'), join(lab.workDir, 'La mare.webm')];
    await copyFile(join(REPO_ROOT, 'tests/fixtures/cast/lesson-audio.mp3'), files[0]!);
    await copyFile(join(REPO_ROOT, 'tests/fixtures/cast/lesson-video.webm'), files[1]!);
    runner = new JsonLinesProcess(lab.spawnTs(lab.teacherNs, 'tests/lab/support/cast-runner.ts', [lab.teacherIp], { stdio: ['pipe', 'pipe', 'pipe'] }), 'cast-runner');
    await runner.waitForEvent((e) => e.event === 'ready', 30_000);
    await runner.request('discover-dlna', { name: SCREEN, timeoutMs: 15_000 });

    const timings: (Timing & { file: string })[] = [];
    for (let n = 0; n < CASTS + 1; n++) {
      const file = files[n % 2]!;
      const t = await runner.request<Timing>('timed-cast', { file, to: SCREEN, location: renderer.location });
      await runner.request('stop', { to: SCREEN });
      // The first cast warms up the processes (module loading, JIT): not counted.
      if (n > 0) timings.push({ ...t, file: file.endsWith('.mp3') ? 'audio' : 'video' });
      process.stderr.write(`  cast ${n}/${CASTS}: renderer PLAYING after ${t.rendererPlayingMs.toFixed(0)} ms\n`);
    }
    const col = (k: keyof Timing) => timings.map((t) => t[k]);
    const fmt = (v: number[]) => `${median(v).toFixed(0)} | ${Math.max(...v).toFixed(0)}`;
    console.log(`\nProjeter → PLAYING on gmediarender (lab, ${timings.length} casts, audio and video alternately)\n`);
    console.log('| step | median ms | max ms |');
    console.log('|---|---:|---:|');
    console.log(`| accepted (SetAVTransportURI + Play answered) | ${fmt(col('acceptedMs'))} |`);
    console.log(`| renderer reports PLAYING (GetTransportInfo) | ${fmt(col('rendererPlayingMs'))} |`);
    console.log(`| "playing" shown (CastService status event) | ${fmt(col('servicePlayingMs'))} |`);
    console.log(`| renderer has fetched the file (media server response complete) | ${fmt(col('fetchedMs'))} |`);
    console.log(`\n${JSON.stringify({ bench: 'cast-to-playing', casts: timings.length, timings })}`);
  } finally {
    runner?.close();
    await lab?.close();
  }
}

await main();
