/**
 * Starts the real web preview (`node out/main/web.js`) as a child process with its own user-data
 * folder, and reads the URL (with its per-run token) from its first line of output.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');

export interface RunningPreview {
  url: string;
  origin: string;
  token: string;
  userData: string;
  process: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/**
 * `discovery: true` lets the preview look for devices on the network; only the lab does that (inside its
 * namespaces). By default the preview runs with --no-discovery: end-to-end tests never send packets to
 * the machine's own networks. `wrap` runs it through another command (e.g. `ip netns exec <ns>`).
 */
export async function startPreview(
  options: { args?: string[]; env?: NodeJS.ProcessEnv; userData?: string; discovery?: boolean; wrap?: string[] } = {},
): Promise<RunningPreview> {
  const userData = options.userData ?? mkdtempSync(join(tmpdir(), 'classe-web-'));
  // Never the machine's own managed profile (/etc/classe-numerique…): unless the test gives one with
  // --profile or CLASSE_PROFILE, the managed location is an empty folder of its own.
  const profileEnv = options.env?.CLASSE_PROFILE ?? join(userData, 'no-managed-profile', 'profile.json');
  const args = [join(REPO_ROOT, 'out', 'main', 'web.js'), '--user-data', userData, ...(options.discovery ? [] : ['--no-discovery']), ...(options.args ?? [])];
  const [command, ...prefix] = options.wrap?.length ? [...options.wrap, process.execPath] : [process.execPath];
  const child = spawn(command!, [...prefix, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...options.env, CLASSE_PROFILE: profileEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web preview did not start:\n${out}`)), 20_000);
    const check = () => {
      const m = /(http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web preview exited (${code}):\n${out}`));
    });
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.hash.replace('#token=', ''),
    userData,
    process: child,
    output: () => out,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      if (!options.userData) rmSync(userData, { recursive: true, force: true });
    },
  };
}
