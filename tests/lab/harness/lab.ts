/**
 * The lab: a classroom LAN made of two Linux network namespaces joined by a veth pair, created by the
 * test itself (root needed). "teacher" is the laptop, "room" holds the devices (a real avahi-daemon, a
 * real gmediarender, PJLink simulators…). Only addresses inside these namespaces are ever used.
 *
 * Every lab gets unique namespace names and a random 10.x.y.0/24 subnet, so that several test runs
 * (or developers' sessions) can run side by side. Everything is torn down in `close()`, and only
 * processes started by the lab are killed (by PID).
 *
 * Missing prerequisites (not root, no `ip`, no avahi-daemon…) make `createLab` throw with what to
 * install: a lab test never skips silently.
 */
import { spawn, execFile, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { mkdtemp, writeFile, rm, mkdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { existsSync } from 'node:fs';

const execFileP = promisify(execFile);

export const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');
const TSX_LOADER = join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs');

export interface LabOptions {
  /** Extra addresses to put on the room side (host numbers in the subnet), e.g. [11, 12]. */
  extraRoomHosts?: number[];
}

export interface AvahiService {
  /** Instance name (UTF-8, may contain anything the test wants to throw at the browser). */
  name: string;
  type: string;
  port: number;
  txt?: string[];
  /** Host name to announce (default: the daemon's host name). */
  hostName?: string;
}

export interface Lab {
  readonly id: string;
  readonly teacherNs: string;
  readonly roomNs: string;
  readonly teacherIf: string;
  readonly roomIf: string;
  /** e.g. "10.143.27" */
  readonly prefix: string;
  readonly teacherIp: string;
  readonly roomIp: string;
  readonly broadcast: string;
  readonly workDir: string;
  /** Runs a command to completion inside a namespace. */
  exec(ns: string, cmd: string, args: string[]): Promise<{ stdout: string; stderr: string }>;
  /** Starts a long-running process inside a namespace; it is killed by close(). */
  spawn(ns: string, cmd: string, args: string[], options?: SpawnOptions): ChildProcess;
  /** Starts a TypeScript file of this repository with Node (+tsx) inside a namespace. */
  spawnTs(ns: string, file: string, args?: string[], options?: SpawnOptions): ChildProcess;
  /**
   * Starts a real avahi-daemon in the room namespace publishing these services. `hosts` are extra
   * host names it answers for (Avahi's static hosts file), so that services can live on boxes of their
   * own: give each an address from `extraRoomHosts` and name it in the service's `hostName`. With
   * `hosts`, the daemon publishes no address for its own host name: give every service a `hostName`.
   */
  startAvahi(services: AvahiService[], options?: { hostName?: string; hosts?: { name: string; address: string }[] }): Promise<AvahiDaemon>;
  /** Starts a real DLNA renderer (Debian gmediarender) on the room side, playing into fakesinks. */
  startGmediarender(options?: { name?: string; port?: number }): Promise<Gmediarender>;
  close(): Promise<void>;
}

export interface Gmediarender {
  readonly process: ChildProcess;
  readonly logFile: string;
  readonly port: number;
  /** Its device description URL, e.g. http://10.x.y.10:49494/description.xml */
  readonly location: string;
  /** Stops it (SIGTERM: it sends its SSDP byebye first). */
  stop(): Promise<void>;
}

export interface AvahiDaemon {
  readonly process: ChildProcess;
  readonly servicesDir: string;
  /** Adds or replaces a service file; avahi picks it up (SIGHUP). */
  publish(service: AvahiService, fileName?: string): Promise<void>;
  /** Removes a service file: avahi sends a goodbye. */
  unpublish(fileName: string): Promise<void>;
  stop(): Promise<void>;
}

async function which(cmd: string): Promise<boolean> {
  try {
    await execFileP('sh', ['-c', `command -v ${cmd}`]);
    return true;
  } catch {
    return false;
  }
}

/** Throws a clear error when the lab cannot run here. */
export async function checkLabPrerequisites(commands: string[] = []): Promise<void> {
  const problems: string[] = [];
  if (process.platform !== 'linux') problems.push('the lab needs Linux network namespaces');
  if (typeof process.getuid === 'function' && process.getuid() !== 0) problems.push('the lab needs root (ip netns)');
  for (const cmd of ['ip', 'unshare', 'mount', ...commands]) {
    if (!(await which(cmd))) problems.push(`missing command: ${cmd} (apt-get install -y iproute2 util-linux avahi-daemon gmediarender)`);
  }
  if (problems.length) throw new Error(`Lab prerequisites missing:\n- ${problems.join('\n- ')}`);
}

export function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs = 15_000, what = 'process'): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const m = buffer.match(pattern);
      if (m) {
        cleanup();
        resolve(m[0]);
      }
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`${what} exited (${code}) before printing ${pattern}:\n${buffer.slice(-2000)}`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`${what} did not print ${pattern} within ${timeoutMs} ms:\n${buffer.slice(-2000)}`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', onExit);
  });
}

export function waitForFile(file: string, pattern: RegExp, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const tick = async () => {
      let text = '';
      try {
        text = await readFile(file, 'utf8');
      } catch {
        /* not yet */
      }
      if (pattern.test(text)) return resolve();
      if (Date.now() > deadline) return reject(new Error(`${file} did not contain ${pattern} within ${timeoutMs} ms:\n${text.slice(-2000)}`));
      setTimeout(tick, 100);
    };
    void tick();
  });
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function avahiServiceXml(s: AvahiService): string {
  const txt = (s.txt ?? []).map((t) => `    <txt-record>${xmlEscape(t)}</txt-record>`).join('\n');
  return `<?xml version="1.0" standalone='no'?>
<!DOCTYPE service-group SYSTEM "avahi-service.dtd">
<service-group>
  <name>${xmlEscape(s.name)}</name>
  <service protocol="ipv4">
    <type>${xmlEscape(s.type)}</type>
    <port>${s.port}</port>
${s.hostName ? `    <host-name>${xmlEscape(s.hostName)}</host-name>\n` : ''}${txt}
  </service>
</service-group>
`;
}

export async function createLab(options: LabOptions = {}): Promise<Lab> {
  await checkLabPrerequisites();
  const id = randomBytes(3).toString('hex');
  const teacherNs = `cls-${id}-t`;
  const roomNs = `cls-${id}-r`;
  const teacherIf = `ct${id}`;
  const roomIf = `cr${id}`;
  // 10.100–10.249 . 1–254: random, so that parallel labs do not collide.
  const prefix = `10.${100 + (randomBytes(1)[0]! % 150)}.${1 + (randomBytes(1)[0]! % 254)}`;
  const teacherIp = `${prefix}.2`;
  const roomIp = `${prefix}.10`;
  const broadcast = `${prefix}.255`;
  const workDir = await mkdtemp(join(tmpdir(), `classe-lab-${id}-`));
  const children = new Set<ChildProcess>();

  const ip = (...args: string[]) => execFileP('ip', args);
  const nsExec = (ns: string, cmd: string, args: string[]) => execFileP('ip', ['netns', 'exec', ns, cmd, ...args]);

  const teardown = async () => {
    for (const child of children) {
      if (child.exitCode === null && child.signalCode === null && child.pid) {
        try {
          process.kill(child.pid, 'SIGTERM');
        } catch {
          /* already gone */
        }
      }
    }
    await Promise.all(
      [...children].map(
        (c) =>
          new Promise<void>((r) => {
            if (c.exitCode !== null || c.signalCode !== null) return r();
            const t = setTimeout(() => {
              try {
                if (c.pid) process.kill(c.pid, 'SIGKILL');
              } catch {
                /* gone */
              }
              r();
            }, 3000);
            c.once('exit', () => {
              clearTimeout(t);
              r();
            });
          }),
      ),
    );
    for (const ns of [teacherNs, roomNs]) {
      try {
        await ip('netns', 'del', ns);
      } catch {
        /* not created */
      }
    }
    await rm(workDir, { recursive: true, force: true });
  };

  try {
    await ip('netns', 'add', teacherNs);
    await ip('netns', 'add', roomNs);
    await ip('link', 'add', teacherIf, 'type', 'veth', 'peer', 'name', roomIf);
    await ip('link', 'set', teacherIf, 'netns', teacherNs);
    await ip('link', 'set', roomIf, 'netns', roomNs);
    for (const ns of [teacherNs, roomNs]) {
      await nsExec(ns, 'sysctl', ['-qw', 'net.ipv6.conf.all.disable_ipv6=1']);
      await nsExec(ns, 'sysctl', ['-qw', 'net.ipv6.conf.default.disable_ipv6=1']);
      await ip('-n', ns, 'link', 'set', 'lo', 'up');
    }
    await ip('-n', teacherNs, 'addr', 'add', `${teacherIp}/24`, 'brd', broadcast, 'dev', teacherIf);
    await ip('-n', roomNs, 'addr', 'add', `${roomIp}/24`, 'brd', broadcast, 'dev', roomIf);
    for (const h of options.extraRoomHosts ?? []) {
      await ip('-n', roomNs, 'addr', 'add', `${prefix}.${h}/24`, 'brd', broadcast, 'dev', roomIf);
    }
    await ip('-n', teacherNs, 'link', 'set', teacherIf, 'up');
    await ip('-n', roomNs, 'link', 'set', roomIf, 'up');
    await ip('-n', teacherNs, 'route', 'add', '224.0.0.0/4', 'dev', teacherIf);
    await ip('-n', roomNs, 'route', 'add', '224.0.0.0/4', 'dev', roomIf);
  } catch (e) {
    await teardown();
    throw e;
  }

  const lab: Lab = {
    id,
    teacherNs,
    roomNs,
    teacherIf,
    roomIf,
    prefix,
    teacherIp,
    roomIp,
    broadcast,
    workDir,
    exec: async (ns, cmd, args) => {
      const r = await nsExec(ns, cmd, args);
      return { stdout: String(r.stdout), stderr: String(r.stderr) };
    },
    spawn(ns, cmd, args, spawnOptions = {}) {
      const child = spawn('ip', ['netns', 'exec', ns, cmd, ...args], { stdio: ['ignore', 'pipe', 'pipe'], ...spawnOptions });
      children.add(child);
      return child;
    },
    spawnTs(ns, file, args = [], spawnOptions = {}) {
      if (!existsSync(TSX_LOADER)) throw new Error('tsx is not installed (npm install)');
      return lab.spawn(ns, process.execPath, ['--import', 'tsx', join(REPO_ROOT, file), ...args], { cwd: REPO_ROOT, ...spawnOptions });
    },
    async startAvahi(services, avahiOptions = {}) {
      if (!(await which('avahi-daemon'))) throw new Error('avahi-daemon is missing (apt-get install -y avahi-daemon)');
      const dir = join(workDir, `avahi-${randomBytes(2).toString('hex')}`);
      const servicesDir = join(dir, 'services');
      await mkdir(servicesDir, { recursive: true });
      const hostName = avahiOptions.hostName ?? `salle-${id}`;
      const conf = join(dir, 'avahi-daemon.conf');
      await writeFile(
        conf,
        // With static hosts, the daemon must not publish its own addresses: the extra addresses are on
        // the same interface, and their reverse records would collide ("Local name collision").
        `[server]\nhost-name=${hostName}\nuse-ipv4=yes\nuse-ipv6=no\nallow-interfaces=${roomIf}\nenable-dbus=no\nratelimit-interval-usec=0\nratelimit-burst=100000\n[wide-area]\nenable-wide-area=no\n[publish]\npublish-workstation=no\npublish-hinfo=no\npublish-addresses=${avahiOptions.hosts?.length ? 'no' : 'yes'}\n[rlimits]\n`,
      );
      let n = 0;
      for (const s of services) await writeFile(join(servicesDir, `s${n++}.service`), avahiServiceXml(s));
      const hostsFile = join(dir, 'hosts');
      await writeFile(hostsFile, (avahiOptions.hosts ?? []).map((h) => `${h.address} ${h.name}\n`).join(''));
      const child = lab.spawn(roomNs, 'unshare', [
        '-m',
        'sh',
        '-c',
        `mount -t tmpfs none /run/avahi-daemon 2>/dev/null || { mkdir -p /run/avahi-daemon && mount -t tmpfs none /run/avahi-daemon; }; mount --bind "${servicesDir}" /etc/avahi/services && mount --bind "${hostsFile}" /etc/avahi/hosts && exec avahi-daemon -f "${conf}" --no-drop-root --no-chroot --no-rlimits`,
      ]);
      await waitForOutput(child, /Server startup complete/, 20_000, 'avahi-daemon');
      return {
        process: child,
        servicesDir,
        async publish(service, fileName = `p${Date.now()}.service`) {
          await writeFile(join(servicesDir, fileName), avahiServiceXml(service));
          if (child.pid) process.kill(child.pid, 'SIGHUP');
        },
        async unpublish(fileName) {
          await rm(join(servicesDir, fileName), { force: true });
          if (child.pid) process.kill(child.pid, 'SIGHUP');
        },
        async stop() {
          if (child.exitCode !== null || !child.pid) return;
          const exited = new Promise((r) => child.once('exit', r));
          process.kill(child.pid, 'SIGTERM');
          await exited;
        },
      };
    },
    async startGmediarender(renderOptions = {}) {
      if (!(await which('gmediarender'))) throw new Error('gmediarender is missing (apt-get install -y gmediarender)');
      const port = renderOptions.port ?? 49494;
      const logFile = join(workDir, `gmediarender-${randomBytes(2).toString('hex')}.log`);
      const child = lab.spawn(
        roomNs,
        'gmediarender',
        ['-I', roomIf, '-p', String(port), '-f', renderOptions.name ?? 'Écran salle 12', '--gstout-audiopipe', 'fakesink sync=true', '--gstout-videopipe', 'fakesink sync=true', '--logfile', logFile],
        // gmediarender never calls setlocale(), so GLib reads its arguments as ASCII and refuses a
        // non-ASCII name ("Invalid byte sequence in conversion input") whatever LANG says; GLib's
        // CHARSET variable overrides that.
        { env: { ...process.env, CHARSET: 'UTF-8' } },
      );
      let early = '';
      child.stderr?.on('data', (d: Buffer) => (early = (early + d.toString('utf8')).slice(-2000)));
      const exited = new Promise<never>((_, reject) =>
        child.once('exit', (code) => reject(new Error(`gmediarender exited (${code}) before "Ready for rendering.":\n${early}`))),
      );
      exited.catch(() => undefined);
      await Promise.race([waitForFile(logFile, /Ready for rendering\./, 20_000), exited]);
      return {
        process: child,
        logFile,
        port,
        location: `http://${roomIp}:${port}/description.xml`,
        async stop() {
          if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
          const done = new Promise((r) => child.once('exit', r));
          process.kill(child.pid, 'SIGTERM');
          await done;
        },
      };
    },
    close: teardown,
  };
  return lab;
}
