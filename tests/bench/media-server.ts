/**
 * Benchmark: the media server's throughput compared, in the same run, with nginx serving the same
 * 1 GiB file (goal: ratio ≥ 0.8), for a full download and for 1 MiB ranges (a player seeking).
 *
 *  1. loopback, unshaped: a CPU-bound measure. nginx sends with sendfile (zero copy); Node has no
 *     sendfile, so every byte is copied twice more (page cache → JS buffer → socket).
 *  2. the lab's classroom link (two namespaces, veth shaped to 1 Gbit/s, a wired classroom at best;
 *     Wi-Fi is slower): what a screen actually gets. Needs root.
 *
 * The servers run in their own processes; the client is curl (see support/http-bench.ts). Runs are
 * interleaved (nginx, ours, nginx, ours…) so that machine load hits both alike; medians are reported.
 *
 * Usage: node --import tsx tests/bench/media-server.ts [--size-mib 1024] [--runs 5] [--no-lab]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createLab, REPO_ROOT, type Lab } from '../lab/harness/lab';
import { curlFull, curlRanges, freePort, makeMediaFile, mbps, median, requireCommands, startNginx, type Transfer } from './support/http-bench';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SIZE = arg('size-mib', 1024) * 1024 * 1024;
const RUNS = arg('runs', 5);
const RANGE = 1024 * 1024;
const RANGES_PER_RUN = 256;
const WITH_LAB = !process.argv.includes('--no-lab');

function startMediaServer(host: string, file: string, wrap: string[] = []): Promise<{ url: string; child: ChildProcess }> {
  const [cmd, ...args] = [...wrap, process.execPath, '--import', 'tsx', join(REPO_ROOT, 'tests/bench/support/media-server-process.ts'), host, file];
  const child = spawn(cmd!, args, { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`media server process exited (${code})`)));
    createInterface({ input: child.stdout! }).once('line', (line) => resolve({ url: (JSON.parse(line) as { url: string }).url, child }));
  });
}

interface Row {
  setting: string;
  mode: string;
  nginx: number;
  ours: number;
  ratio: number;
}

async function compare(setting: string, nginxUrl: string, oursUrl: string, runs: number, wrap: string[] = []): Promise<Row[]> {
  // Warm the page cache and both servers.
  await curlFull(nginxUrl, wrap);
  await curlFull(oursUrl, wrap);
  const full: Record<'nginx' | 'ours', Transfer[]> = { nginx: [], ours: [] };
  const ranges: Record<'nginx' | 'ours', Transfer[]> = { nginx: [], ours: [] };
  for (let i = 0; i < runs; i++) {
    full.nginx.push(await curlFull(nginxUrl, wrap));
    full.ours.push(await curlFull(oursUrl, wrap));
    ranges.nginx.push(await curlRanges(nginxUrl, SIZE, RANGE, RANGES_PER_RUN, 1000 + i, wrap));
    ranges.ours.push(await curlRanges(oursUrl, SIZE, RANGE, RANGES_PER_RUN, 1000 + i, wrap));
    process.stderr.write(`  ${setting} run ${i + 1}/${runs}\n`);
  }
  for (const t of [...full.nginx, ...full.ours]) if (t.bytes !== SIZE) throw new Error(`incomplete download: ${t.bytes} of ${SIZE}`);
  const row = (mode: string, r: Record<'nginx' | 'ours', Transfer[]>): Row => {
    const n = median(r.nginx.map(mbps));
    const o = median(r.ours.map(mbps));
    return { setting, mode, nginx: n, ours: o, ratio: o / n };
  };
  return [row(`full GET of ${SIZE / 1024 / 1024} MiB`, full), row(`${RANGES_PER_RUN} × 1 MiB ranges, keep-alive`, ranges)];
}

async function loopback(dir: string, file: string): Promise<Row[]> {
  const nginx = await startNginx(join(dir, 'loopback'), file, 'film.mp4', '127.0.0.1', await freePort());
  const ours = await startMediaServer('127.0.0.1', file);
  try {
    return await compare('loopback', nginx.url, ours.url, RUNS);
  } finally {
    ours.child.kill('SIGTERM');
    await nginx.stop();
  }
}

async function classroomLink(dir: string, file: string): Promise<Row[]> {
  let lab: Lab | null = null;
  try {
    lab = await createLab();
    // Shape what the laptop sends to the screen: 1 Gbit/s.
    await lab.exec(lab.teacherNs, 'tc', ['qdisc', 'add', 'dev', lab.teacherIf, 'root', 'tbf', 'rate', '1gbit', 'burst', '512kb', 'latency', '20ms']);
    const inTeacher = ['ip', 'netns', 'exec', lab.teacherNs];
    const inRoom = ['ip', 'netns', 'exec', lab.roomNs];
    const nginx = await startNginx(join(dir, 'lab'), file, 'film.mp4', lab.teacherIp, 8080, inTeacher);
    const ours = await startMediaServer(lab.teacherIp, file, inTeacher);
    try {
      return await compare('classroom link 1 Gbit/s (lab)', nginx.url, ours.url, Math.min(RUNS, 3), inRoom);
    } finally {
      ours.child.kill('SIGTERM');
      await nginx.stop();
    }
  } finally {
    await lab?.close();
  }
}

async function main(): Promise<void> {
  await requireCommands({ nginx: 'nginx', curl: 'curl', ...(WITH_LAB ? { tc: 'iproute2' } : {}) });
  const dir = await mkdtemp(join(tmpdir(), 'classe-bench-media-'));
  // nginx's worker drops root for an unprivileged user: it must be able to read the file.
  await chmod(dir, 0o755);
  try {
    const file = join(dir, 'film.mp4');
    await makeMediaFile(file, SIZE);
    const rows = [...(await loopback(dir, file)), ...(WITH_LAB ? await classroomLink(dir, file) : [])];
    console.log('\nMedia server vs nginx (same file, same curl client, medians; MB/s = 10^6 bytes/s)\n');
    console.log('| setting | transfer | nginx MB/s | media server MB/s | ratio |');
    console.log('|---|---|---:|---:|---:|');
    for (const r of rows) console.log(`| ${r.setting} | ${r.mode} | ${r.nginx.toFixed(0)} | ${r.ours.toFixed(0)} | ${r.ratio.toFixed(2)} |`);
    console.log(`\n${JSON.stringify({ bench: 'media-server', sizeBytes: SIZE, runs: RUNS, rows })}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
