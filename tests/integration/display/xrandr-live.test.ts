/**
 * The display-mode service against a REAL X server and the real `xrandr`: Debian's Xorg with the dummy
 * video driver (xserver-xorg-video-dummy ≥ 0.4 has 16 RandR outputs; an output becomes "connected" once a
 * mode is set on it), so duplicate / extend / external / internal really happen, and Xvfb (one output)
 * for "no projector". The X servers listen on their own Unix socket only (-nolisten tcp), on a display
 * number nobody uses, and are killed by PID.
 *
 * Needs: root (Xorg only accepts a custom -config for root) and the Debian packages
 * xserver-xorg-core xserver-xorg-video-dummy xvfb x11-xserver-utils. Missing → the test FAILS saying so.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExecFileRunner, createExecutableFinder } from '../../../main/services/display/command-runner';
import { DisplayModeService } from '../../../main/services/display/display-mode-service';
import { parseXrandr } from '../../../main/services/display/xrandr-parse';

const execFileP = promisify(execFile);
const DUMMY_DRIVER = '/usr/lib/xorg/modules/drivers/dummy_drv.so';

function requirePrerequisites(): void {
  const missing: string[] = [];
  if (process.getuid?.() !== 0) missing.push('root (Xorg accepts a custom -config only for root)');
  if (!existsSync('/usr/bin/Xorg')) missing.push('/usr/bin/Xorg (apt-get install -y xserver-xorg-core)');
  if (!existsSync(DUMMY_DRIVER)) missing.push(`${DUMMY_DRIVER} (apt-get install -y xserver-xorg-video-dummy)`);
  if (!existsSync('/usr/bin/Xvfb')) missing.push('/usr/bin/Xvfb (apt-get install -y xvfb)');
  if (!existsSync('/usr/bin/xrandr')) missing.push('/usr/bin/xrandr (apt-get install -y x11-xserver-utils)');
  if (missing.length) throw new Error(`xrandr live test prerequisites missing: ${missing.join('; ')}`);
}

function freeDisplay(): number {
  const start = 100 + Math.floor(Math.random() * 400);
  for (let n = start; n < start + 200; n++) {
    if (!existsSync(`/tmp/.X11-unix/X${n}`) && !existsSync(`/tmp/.X${n}-lock`)) return n;
  }
  throw new Error('no free X display number');
}

async function waitForSocket(n: number, child: ChildProcess, log: string): Promise<void> {
  for (let i = 0; i < 150; i++) {
    if (existsSync(`/tmp/.X11-unix/X${n}`)) {
      try {
        await execFileP('/usr/bin/xrandr', ['--query'], { env: { ...process.env, DISPLAY: `:${n}` } });
        return;
      } catch {
        // socket there, server not ready yet
      }
    }
    if (child.exitCode !== null) throw new Error(`X server :${n} exited (${child.exitCode}); see ${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`X server :${n} did not start; see ${log}`);
}

const XORG_CONF = `Section "Device"
  Identifier "dummy"
  Driver "dummy"
  VideoRam 256000
EndSection
Section "Monitor"
  Identifier "monitor"
  HorizSync 5.0 - 1000.0
  VertRefresh 5.0 - 200.0
EndSection
Section "Screen"
  Identifier "screen"
  Device "dummy"
  Monitor "monitor"
  DefaultDepth 24
  SubSection "Display"
    Depth 24
    Virtual 4096 2160
  EndSubSection
EndSection
`;

describe('DisplayModeService with a real X server and xrandr', () => {
  let dir = '';
  const servers: ChildProcess[] = [];
  let xorg = 0;
  let xvfb = 0;

  const xrandr = async (n: number, args: string[]) => (await execFileP('/usr/bin/xrandr', args, { env: { ...process.env, DISPLAY: `:${n}` } })).stdout;
  const serviceFor = (n: number) =>
    new DisplayModeService({
      platform: 'linux',
      osRelease: '6.1.0',
      env: { DISPLAY: `:${n}`, XDG_SESSION_TYPE: 'x11' },
      runner: createExecFileRunner(),
      // No settings program is opened from a test.
      findExecutable: async (name) => (name === 'xrandr' ? createExecutableFinder()(name) : null),
      verifyDelayMs: 200,
    });

  beforeAll(async () => {
    requirePrerequisites();
    dir = await mkdtemp(join(tmpdir(), 'classe-xrandr-'));
    await writeFile(join(dir, 'xorg.conf'), XORG_CONF);
    xorg = freeDisplay();
    // -sharevts -novtswitch -keeptty: never take over or switch the machine's virtual terminal.
    const x = spawn('/usr/bin/Xorg', [`:${xorg}`, '-config', join(dir, 'xorg.conf'), '-noreset', '-nolisten', 'tcp', '-sharevts', '-novtswitch', '-keeptty', '-logfile', join(dir, 'Xorg.log')], {
      stdio: 'ignore',
    });
    servers.push(x);
    await waitForSocket(xorg, x, join(dir, 'Xorg.log'));
    // The "projector": a second dummy output, 1024x768, extended to the right.
    await xrandr(xorg, ['--addmode', 'DUMMY1', '1024x768']);
    await xrandr(xorg, ['--output', 'DUMMY0', '--mode', '1280x800', '--output', 'DUMMY1', '--mode', '1024x768', '--right-of', 'DUMMY0']);

    xvfb = freeDisplay();
    const v = spawn('/usr/bin/Xvfb', [`:${xvfb}`, '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
    servers.push(v);
    await waitForSocket(xvfb, v, 'Xvfb stderr');
  }, 60_000);

  afterAll(async () => {
    for (const s of servers) if (s.pid && s.exitCode === null) s.kill('SIGTERM');
    await Promise.all(servers.map((s) => (s.exitCode === null ? new Promise((r) => s.once('exit', r)) : null)));
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('reads the live topology: extended, DUMMY0 main, DUMMY1 the projector', async () => {
    expect(await serviceFor(xorg).query()).toEqual({ environment: 'x11', canApply: true, topology: 'extend', externalConnected: true, outputs: { main: 'DUMMY0', external: 'DUMMY1' } });
  });

  it('duplicates, extends, goes projector-only and laptop-only for real, verified by xrandr itself', async () => {
    const svc = serviceFor(xorg);
    const geometry = async () => {
      const state = parseXrandr(await xrandr(xorg, ['--query']));
      const g = (name: string) => state.outputs.find((o) => o.name === name)?.geometry ?? null;
      return { main: g('DUMMY0'), projector: g('DUMMY1') };
    };

    expect(await svc.ensureDisplayMode('duplicate')).toMatchObject({ applied: true, changed: true, verified: true, method: 'xrandr', previous: 'extend' });
    let g = await geometry();
    expect([g.main?.x, g.main?.y]).toEqual([g.projector?.x, g.projector?.y]);
    expect(g.main?.width).toBe(g.projector?.width);

    expect(await svc.ensureDisplayMode('extend')).toMatchObject({ applied: true, changed: true, verified: true, previous: 'duplicate' });
    g = await geometry();
    expect(g.projector?.x).toBe(g.main?.width);

    expect(await svc.ensureDisplayMode('external')).toMatchObject({ applied: true, changed: true, verified: true, previous: 'extend' });
    g = await geometry();
    expect(g.main).toBeNull();
    expect(g.projector).not.toBeNull();

    expect(await svc.ensureDisplayMode('internal')).toMatchObject({ applied: true, changed: true, verified: true, previous: 'external' });
    g = await geometry();
    expect(g.projector).toBeNull();
    expect(g.main).not.toBeNull();

    // Already there: nothing is run.
    expect(await svc.ensureDisplayMode('internal')).toMatchObject({ applied: true, changed: false, method: null });
  });

  it('Xvfb has a single output: "no projector", and the query works over the real runner', async () => {
    const svc = serviceFor(xvfb);
    expect(await svc.query()).toEqual({ environment: 'x11', canApply: true, topology: 'single', externalConnected: false, outputs: { main: 'screen', external: null } });
    expect(await svc.ensureDisplayMode('duplicate')).toMatchObject({ applied: false, reason: 'no-external', code: 'display.no_external' });
  });

  it('reports a dead X display as a failure, not an exception', async () => {
    const svc = new DisplayModeService({
      platform: 'linux',
      osRelease: '6.1.0',
      env: { DISPLAY: ':9999' },
      runner: createExecFileRunner(),
      findExecutable: createExecutableFinder('/usr/bin'),
    });
    const result = await svc.ensureDisplayMode('duplicate', { openSettings: false });
    expect(result).toMatchObject({ applied: false, reason: 'command-failed', detail: 'cannot query X display :9999' });
  });
});
