/**
 * Shared pieces of the casting benchmarks: a test file, nginx as the reference server, curl as the
 * client (a C client, so that it does not cap either server: a Node client tops out below what nginx
 * serves on loopback), medians.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, open, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileP = promisify(execFile);

export async function requireCommands(commands: Record<string, string>): Promise<void> {
  const missing: string[] = [];
  for (const [cmd, pkg] of Object.entries(commands)) {
    try {
      await execFileP('sh', ['-c', `command -v ${cmd}`]);
    } catch {
      missing.push(`${cmd} (apt-get install -y ${pkg})`);
    }
  }
  if (missing.length) throw new Error(`Benchmark prerequisites missing: ${missing.join(', ')}`);
}

/** A file of `bytes` random-looking bytes that the media server accepts as MP4 (real "ftyp" box first). */
export async function makeMediaFile(path: string, bytes: number): Promise<void> {
  const handle = await open(path, 'w');
  try {
    const header = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.from([0, 0, 2, 0]), Buffer.from('isomiso2')]);
    await handle.write(header, 0, header.length, 0);
    const block = randomBytes(16 * 1024 * 1024);
    let written = header.length;
    while (written < bytes) {
      const n = Math.min(block.length, bytes - written);
      await handle.write(block, 0, n, written);
      written += n;
    }
  } finally {
    await handle.close();
  }
}

export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, host, () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface Nginx {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * nginx serving `file` as /<name> on host:port, configured as it is usually deployed for static files
 * (sendfile, tcp_nopush, one worker: the media server is one process too). `wrap` runs it elsewhere
 * (e.g. `ip netns exec <ns>`).
 */
export async function startNginx(dir: string, file: string, name: string, host: string, port: number, wrap: string[] = []): Promise<Nginx> {
  const root = join(dir, 'nginx-root');
  const tmp = join(dir, 'nginx-tmp');
  await mkdir(root, { recursive: true });
  await mkdir(tmp, { recursive: true });
  await symlink(file, join(root, name));
  const conf = join(dir, 'nginx.conf');
  await writeFile(
    conf,
    `daemon off;
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'nginx-error.log')};
events { worker_connections 256; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  default_type application/octet-stream;
  types { video/mp4 mp4; }
  client_body_temp_path ${tmp}; proxy_temp_path ${tmp}; fastcgi_temp_path ${tmp}; uwsgi_temp_path ${tmp}; scgi_temp_path ${tmp};
  server { listen ${host}:${port}; root ${root}; }
}
`,
  );
  const [cmd, ...args] = [...wrap, 'nginx', '-c', conf, '-p', dir];
  const child = spawn(cmd!, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = `http://${host}:${port}/${name}`;
  // Ready when it answers.
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await curlFull(url, wrap);
      break;
    } catch (e) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`nginx did not start: ${stderr || (e as Error).message}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    process: child,
    async stop() {
      if (child.exitCode !== null || !child.pid) return;
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(child.pid, 'SIGQUIT');
      await exited;
    },
  };
}

export interface Transfer {
  bytes: number;
  seconds: number;
  requests: number;
}

/** One full GET with curl; bytes and time as curl measured them. */
export async function curlFull(url: string, wrap: string[] = []): Promise<Transfer> {
  const [cmd, ...args] = [...wrap, 'curl', '-sS', '--fail', '-o', '/dev/null', '-w', '%{size_download} %{time_total}', url];
  const { stdout } = await execFileP(cmd!, args, { maxBuffer: 1024 * 1024 });
  const [bytes, seconds] = stdout.trim().split(' ').map(Number);
  return { bytes: bytes!, seconds: seconds!, requests: 1 };
}

/**
 * `count` GETs of `rangeSize` bytes at random aligned offsets, on one kept-alive connection (curl
 * --next reuses it), as a player seeking through a video does.
 */
export async function curlRanges(url: string, fileSize: number, rangeSize: number, count: number, seed: number, wrap: string[] = []): Promise<Transfer> {
  const slots = Math.floor(fileSize / rangeSize);
  let x = seed >>> 0 || 1;
  const args: string[] = [];
  for (let i = 0; i < count; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    const start = ((x >>> 0) % slots) * rangeSize;
    if (i > 0) args.push('--next');
    // Options after --next apply to the next URL only: each one carries its own.
    args.push('-sS', '--fail', '-o', '/dev/null', '-w', '%{size_download}\n', '-r', `${start}-${start + rangeSize - 1}`, url);
  }
  const [cmd, ...rest] = [...wrap, 'curl', ...args];
  const t0 = process.hrtime.bigint();
  const { stdout } = await execFileP(cmd!, rest, { maxBuffer: 16 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const sizes = stdout.trim().split('\n').map(Number);
  const bytes = sizes.reduce((a, b) => a + b, 0);
  if (sizes.length !== count || sizes.some((s) => s !== rangeSize)) throw new Error(`range transfer incomplete: ${sizes.length} replies`);
  return { bytes, seconds, requests: count };
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export const mbps = (t: Transfer) => t.bytes / t.seconds / 1e6;
