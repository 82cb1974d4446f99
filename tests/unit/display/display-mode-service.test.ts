import { describe, expect, it } from 'vitest';
import type { CommandSpec } from '../../../main/services/display/command-runner';
import { release } from 'node:os';
import { createSystemDisplayModeService, DisplayModeService, displayModeError, type DisplayModeServiceOptions } from '../../../main/services/display/display-mode-service';
import { detectDisplayEnvironment } from '../../../main/services/display/desktop-session';
import { buildSetTopologyScript, QUERY_TOPOLOGY_SCRIPT } from '../../../main/services/display/windows-display-config';
import { decodePowerShell, FakeRunner, xrandrFixture } from './helpers';

function service(runner: FakeRunner, partial: Partial<DisplayModeServiceOptions> & Pick<DisplayModeServiceOptions, 'platform' | 'osRelease' | 'env'>, found: Record<string, string> = {}) {
  const sleeps: number[] = [];
  const svc = new DisplayModeService({
    runner,
    findExecutable: async (name) => found[name] ?? null,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    verifyAttempts: 3,
    verifyDelayMs: 500,
    ...partial,
  });
  return { svc, sleeps };
}

// ---- Windows ------------------------------------------------------------------------------------

const isQuery = (s: CommandSpec) => s.file.endsWith('powershell.exe') && decodePowerShell(s.args) === QUERY_TOPOLOGY_SCRIPT;
const isSet = (mode: Parameters<typeof buildSetTopologyScript>[0]) => (s: CommandSpec) => s.file.endsWith('powershell.exe') && decodePowerShell(s.args) === buildSetTopologyScript(mode);
const topology = (id: number, external = 1, internal = 1) => ({ stdout: `{"status":0,"topology":${id},"targetsStatus":0,"external":${external},"internal":${internal}}\r\n` });
const CONSTRAINED = { code: 1, stdout: '', stderr: 'Add-Type : Cannot add type. Definition of new types is not supported in this language mode.\r\n' };
const WIN11 = { platform: 'win32', osRelease: '10.0.22631', env: { SystemRoot: 'C:\\Windows' } };
const WIN10 = { platform: 'win32', osRelease: '10.0.19045', env: { SystemRoot: 'C:\\Windows' } };
const kinds = (runner: FakeRunner) =>
  runner.calls.map((c) => (isQuery(c) ? 'query' : c.file.endsWith('powershell.exe') ? 'set' : c.file.endsWith('DisplaySwitch.exe') ? `switch ${c.args[0]}` : c.file.split('\\').pop()));

describe('DisplayModeService on Windows', () => {
  it('does nothing when already duplicated', async () => {
    const runner = new FakeRunner().on(isQuery, topology(2));
    const { svc } = service(runner, WIN11);
    expect(await svc.ensureDisplayMode('duplicate')).toEqual({ applied: true, mode: 'duplicate', changed: false, verified: true, method: null, previous: 'duplicate' });
    expect(kinds(runner)).toEqual(['query']);
  });

  it('Windows 11 23H2: SetDisplayConfig(EXTEND|APPLY), then re-queries until Windows reports "extend"', async () => {
    const runner = new FakeRunner()
      .on(isQuery, topology(2), 1)
      .on(isSet('extend'), { stdout: '{"status":0}\r\n' })
      .on(isQuery, topology(2), 1) // Windows applies asynchronously: first re-query still says clone
      .on(isQuery, topology(4));
    const { svc, sleeps } = service(runner, WIN11);
    expect(await svc.ensureDisplayMode('extend')).toEqual({ applied: true, mode: 'extend', changed: true, verified: true, method: 'set-display-config', previous: 'duplicate' });
    expect(kinds(runner)).toEqual(['query', 'set', 'query', 'query']);
    expect(sleeps).toEqual([500, 500]);
  });

  it('Windows 11 23H2 with PowerShell locked down: no DisplaySwitch (it would ignore /clone), opens Settings › Écran', async () => {
    const runner = new FakeRunner().on(isQuery, CONSTRAINED).on(isSet('duplicate'), CONSTRAINED).on((s) => s.file === 'C:\\Windows\\explorer.exe', { code: 1 });
    const { svc } = service(runner, WIN11);
    const result = await svc.ensureDisplayMode('duplicate');
    expect(result).toMatchObject({ applied: false, reason: 'command-failed', code: 'display.command_failed', guide: 'guide:display-mode', openedSettings: true });
    expect(!result.applied && result.detail).toContain('set-display-config: exit 1 Add-Type : Cannot add type.');
    expect(kinds(runner)).toEqual(['query', 'set', 'explorer.exe']);
    expect(runner.calls[2]).toEqual({ file: 'C:\\Windows\\explorer.exe', args: ['ms-settings:display'], wait: false });
  });

  it('Windows 10 with PowerShell locked down: falls back to DisplaySwitch.exe /clone, applied but unverified', async () => {
    const runner = new FakeRunner().on(isQuery, CONSTRAINED).on(isSet('duplicate'), CONSTRAINED).on((s) => s.file.endsWith('DisplaySwitch.exe'), { code: 0 });
    const { svc } = service(runner, WIN10);
    expect(await svc.ensureDisplayMode('duplicate')).toEqual({ applied: true, mode: 'duplicate', changed: true, verified: false, method: 'display-switch', previous: 'unknown' });
    expect(kinds(runner)).toEqual(['query', 'set', 'switch /clone', 'query']);
  });

  it('reports a SetDisplayConfig error status (ERROR_INVALID_PARAMETER 87) in the detail', async () => {
    const runner = new FakeRunner().on(isQuery, topology(1)).on(isSet('external'), { code: 1, stdout: '{"status":87}\r\n' });
    const { svc } = service(runner, WIN11);
    const result = await svc.ensureDisplayMode('external', { openSettings: false });
    expect(result).toMatchObject({ applied: false, reason: 'command-failed', openedSettings: false, detail: 'set-display-config: SetDisplayConfig status 87' });
  });

  it('refuses duplicate when no second screen is plugged in, without touching anything', async () => {
    const runner = new FakeRunner().on(isQuery, topology(1, 0, 1));
    const { svc } = service(runner, WIN11);
    expect(await svc.ensureDisplayMode('duplicate')).toEqual({ applied: false, mode: 'duplicate', reason: 'no-external', code: 'display.no_external', guide: 'guide:display-mode', openedSettings: false });
    expect(kinds(runner)).toEqual(['query']);
  });

  it('"internal" with a single screen is already satisfied', async () => {
    const runner = new FakeRunner().on(isQuery, topology(1, 0, 1));
    const { svc } = service(runner, WIN11);
    expect(await svc.ensureDisplayMode('internal')).toMatchObject({ applied: true, changed: false, previous: 'single' });
  });

  it('fails when Windows accepts the call but keeps another topology', async () => {
    const runner = new FakeRunner().on(isQuery, topology(4)).on(isSet('duplicate'), { stdout: '{"status":0}' });
    const { svc, sleeps } = service(runner, WIN11);
    const result = await svc.ensureDisplayMode('duplicate', { openSettings: false });
    expect(result).toMatchObject({ applied: false, reason: 'command-failed', detail: 'set-display-config: applied but Windows reports another topology' });
    expect(sleeps).toHaveLength(3);
  });

  it('query() reports the topology and whether a second screen is plugged in', async () => {
    const runner = new FakeRunner().on(isQuery, topology(4, 2, 1));
    expect(await service(runner, WIN11).svc.query()).toEqual({ environment: 'windows', canApply: true, topology: 'extend', externalConnected: true });
  });
});

// ---- Linux / X11 ----------------------------------------------------------------------------------

/** A fake X server: `xrandr --query --props` prints the current fixture; any other call moves to the next. */
function fakeX(states: string[], opts: { failSet?: string } = {}) {
  let index = 0;
  const runner = new FakeRunner().on(
    (s) => s.file === '/usr/bin/xrandr',
    (s) => {
      if (s.args.join(' ') === '--query --props') return { stdout: xrandrFixture(states[index] ?? states[states.length - 1]!) };
      if (opts.failSet) return { code: 1, stderr: opts.failSet };
      index = Math.min(index + 1, states.length - 1);
      return { code: 0 };
    },
  );
  return runner;
}
const X11 = { platform: 'linux', osRelease: '6.1.0-18-amd64', env: { DISPLAY: ':0', XAUTHORITY: '/run/user/1000/gdm/Xauthority', XDG_CURRENT_DESKTOP: 'GNOME' } };
const XRANDR = { xrandr: '/usr/bin/xrandr', 'gnome-control-center': '/usr/bin/gnome-control-center' };

describe('DisplayModeService on Linux/X11', () => {
  it('duplicates onto a freshly plugged projector at the common 1024x768, and does not take other outputs as proof', async () => {
    // After the switch the fake X server answers with a mirrored pair of *other* outputs (LVDS-1/HDMI-1):
    // the service judges with the outputs it switched (eDP1/HDMI2), so this must not count as success.
    const runner = fakeX(['edp1-hdmi2-projector-off.txt', 'lvds-1-hdmi-1-mirrored.txt']);
    const { svc } = service(runner, X11, XRANDR);
    const result = await svc.ensureDisplayMode('duplicate', { openSettings: false });
    expect(runner.calls[1]).toEqual({
      file: '/usr/bin/xrandr',
      args: ['--output', 'eDP1', '--mode', '1024x768', '--pos', '0x0', '--primary', '--output', 'HDMI2', '--mode', '1024x768', '--same-as', 'eDP1'],
      env: { DISPLAY: ':0', XAUTHORITY: '/run/user/1000/gdm/Xauthority' },
      timeoutMs: 15_000,
    });
    expect(result).toMatchObject({ applied: false, reason: 'command-failed', code: 'display.not_applied', openedSettings: false });
  });

  it('verifies against the same outputs after the switch (Xorg dummy: extended → mirrored)', async () => {
    const runner = fakeX(['xorg-dummy-extended-props.txt', 'xorg-dummy-mirrored.txt']);
    const { svc } = service(runner, X11, XRANDR);
    expect(await svc.ensureDisplayMode('duplicate')).toEqual({ applied: true, mode: 'duplicate', changed: true, verified: true, method: 'xrandr', previous: 'extend' });
    // The dummy driver flags no preferred mode: the first listed (2048x1536) is the preferred one on both.
    expect(runner.calls[1]?.args).toEqual(['--output', 'DUMMY0', '--mode', '2048x1536', '--pos', '0x0', '--primary', '--output', 'DUMMY1', '--mode', '2048x1536', '--same-as', 'DUMMY0']);
  });

  it('does nothing when already mirrored', async () => {
    const runner = fakeX(['xorg-dummy-mirrored.txt']);
    const { svc } = service(runner, X11, XRANDR);
    expect(await svc.ensureDisplayMode('duplicate')).toMatchObject({ applied: true, changed: false, previous: 'duplicate' });
    expect(runner.calls).toHaveLength(1);
  });

  it('says "no-external" when only the laptop panel is connected', async () => {
    const { svc } = service(fakeX(['edp1-alone.txt']), X11, XRANDR);
    expect(await svc.ensureDisplayMode('extend')).toMatchObject({ applied: false, reason: 'no-external', code: 'display.no_external', openedSettings: false });
  });

  it('names the cable problem when the projector is connected without any mode', async () => {
    const { svc } = service(fakeX(['edp1-hdmi2-connected-no-modes.txt']), X11, XRANDR);
    expect(await svc.ensureDisplayMode('duplicate')).toMatchObject({ applied: false, reason: 'command-failed', code: 'display.external_no_modes', detail: 'HDMI2' });
  });

  it('reports xrandr errors and opens the GNOME display settings', async () => {
    const runner = fakeX(['edp1-hdmi2-projector-off.txt'], { failSet: 'xrandr: Configure crtc 1 failed\n' }).on((s) => s.file === '/usr/bin/gnome-control-center', { code: 0 });
    const { svc } = service(runner, X11, XRANDR);
    const result = await svc.ensureDisplayMode('extend');
    expect(result).toMatchObject({ applied: false, reason: 'command-failed', code: 'display.command_failed', openedSettings: true, detail: 'xrandr exit 1: xrandr: Configure crtc 1 failed' });
    expect(runner.calls.at(-1)).toEqual({ file: '/usr/bin/gnome-control-center', args: ['display'], wait: false });
  });

  it('explains when xrandr is not installed', async () => {
    const { svc } = service(new FakeRunner(), X11, {});
    expect(await svc.ensureDisplayMode('duplicate')).toMatchObject({ applied: false, reason: 'command-failed', openedSettings: false, detail: 'cannot query X display :0' });
    expect((await svc.query()).canApply).toBe(false);
  });

  it('turns stale outputs off even when the topology already matches', async () => {
    const runner = fakeX(['edp1-undocked-stale.txt', 'edp1-alone.txt']);
    const { svc } = service(runner, X11, XRANDR);
    expect(await svc.ensureDisplayMode('internal')).toMatchObject({ applied: true, changed: true, previous: 'single' });
    expect(runner.calls[1]?.args.slice(0, 6)).toEqual(['--output', 'DP1', '--off', '--output', 'DP2', '--off']);
  });

  it('query() names the outputs', async () => {
    const { svc } = service(fakeX(['lvds-1-vga-1-extended.txt']), X11, XRANDR);
    expect(await svc.query()).toEqual({ environment: 'x11', canApply: true, topology: 'extend', externalConnected: true, outputs: { main: 'LVDS-1', external: 'VGA-1' } });
  });

  it('runs one switch at a time', async () => {
    const order: string[] = [];
    const runner = fakeX(['xorg-dummy-extended-props.txt', 'xorg-dummy-mirrored.txt']);
    const original = runner.run.bind(runner);
    runner.run = async (spec) => {
      order.push(`start ${spec.args[0]}`);
      await new Promise((r) => setTimeout(r, 5));
      const result = await original(spec);
      order.push(`end ${spec.args[0]}`);
      return result;
    };
    const { svc } = service(runner, X11, XRANDR);
    await Promise.all([svc.ensureDisplayMode('duplicate'), svc.ensureDisplayMode('duplicate')]);
    for (let i = 0; i < order.length; i += 2) expect(order[i]?.replace('start', 'end')).toBe(order[i + 1]);
    // The second call found the laptop already mirrored: only the first one ran the switch.
    expect(runner.calls.filter((c) => c.args[0] === '--output')).toHaveLength(1);
  });
});

// ---- Wayland, macOS, others -------------------------------------------------------------------------

describe('DisplayModeService where the app cannot switch', () => {
  it('Wayland on GNOME: opens « Écrans » and says why', async () => {
    const runner = new FakeRunner().on((s) => s.file === '/usr/bin/gnome-control-center', { code: 0 });
    const { svc } = service(runner, { platform: 'linux', osRelease: '6.5.0', env: { XDG_SESSION_TYPE: 'wayland', WAYLAND_DISPLAY: 'wayland-0', DISPLAY: ':0', XDG_CURRENT_DESKTOP: 'ubuntu:GNOME' } }, XRANDR);
    expect(await svc.ensureDisplayMode('duplicate')).toEqual({ applied: false, mode: 'duplicate', reason: 'wayland', code: 'display.wayland_settings_opened', guide: 'guide:display-mode', openedSettings: true });
    // xrandr is never run under Wayland: XWayland would only show virtual outputs.
    expect(runner.calls.map((c) => c.file)).toEqual(['/usr/bin/gnome-control-center']);
  });

  it('Wayland on KDE without kcmshell: falls back to systemsettings kcm_kscreen', async () => {
    const runner = new FakeRunner().on(() => true, { code: 0 });
    const { svc } = service(runner, { platform: 'linux', osRelease: '6.5.0', env: { WAYLAND_DISPLAY: 'wayland-0', XDG_CURRENT_DESKTOP: 'KDE' } }, { systemsettings: '/usr/bin/systemsettings' });
    expect(await svc.ensureDisplayMode('extend')).toMatchObject({ reason: 'wayland', openedSettings: true });
    expect(runner.calls).toEqual([{ file: '/usr/bin/systemsettings', args: ['kcm_kscreen'], wait: false }]);
  });

  it('Wayland without any known settings program, or with openSettings false: explains only', async () => {
    const { svc } = service(new FakeRunner(), { platform: 'linux', osRelease: '6.5.0', env: { XDG_SESSION_TYPE: 'wayland' } }, {});
    expect(await svc.ensureDisplayMode('duplicate')).toMatchObject({ reason: 'wayland', code: 'display.wayland', openedSettings: false });
    const runner = new FakeRunner().on(() => true, { code: 0 });
    const quiet = service(runner, { platform: 'linux', osRelease: '6.5.0', env: { XDG_SESSION_TYPE: 'wayland' } }, XRANDR).svc;
    expect(await quiet.ensureDisplayMode('duplicate', { openSettings: false })).toMatchObject({ openedSettings: false });
    expect(runner.calls).toEqual([]);
  });

  it('macOS: opens Réglages Système › Écrans', async () => {
    const runner = new FakeRunner().on((s) => s.file === '/usr/bin/open', { code: 0 });
    const { svc } = service(runner, { platform: 'darwin', osRelease: '23.4.0', env: {} });
    expect(await svc.ensureDisplayMode('duplicate')).toMatchObject({ applied: false, reason: 'macos', code: 'display.macos_settings_opened', openedSettings: true });
    expect(runner.calls[0]?.args).toEqual(['x-apple.systempreferences:com.apple.Displays-Settings.extension']);
    expect(await svc.query()).toEqual({ environment: 'macos', canApply: false, topology: 'unknown', externalConnected: null });
  });

  it('macOS when `open` fails: explains without claiming the pane opened', async () => {
    const runner = new FakeRunner().on(() => true, { code: 1 });
    const { svc } = service(runner, { platform: 'darwin', osRelease: '21.6.0', env: {} });
    expect(await svc.ensureDisplayMode('extend')).toMatchObject({ reason: 'macos', code: 'display.macos', openedSettings: false });
    expect(runner.calls[0]?.args).toEqual(['x-apple.systempreferences:com.apple.preference.displays']);
  });

  it('no graphical session, unknown OS', async () => {
    expect(await service(new FakeRunner(), { platform: 'linux', osRelease: '6', env: {} }).svc.ensureDisplayMode('duplicate')).toMatchObject({ reason: 'unsupported', code: 'display.no_session' });
    expect(await service(new FakeRunner(), { platform: 'sunos', osRelease: '5', env: {} }).svc.ensureDisplayMode('duplicate')).toMatchObject({
      reason: 'unsupported',
      code: 'display.unsupported_platform',
      detail: 'sunos',
    });
  });

  it('never throws, even when the runner does', async () => {
    const runner = new FakeRunner();
    runner.run = async () => {
      throw new Error('boom');
    };
    const { svc } = service(runner, WIN11);
    expect(await svc.ensureDisplayMode('duplicate')).toMatchObject({ applied: false, reason: 'command-failed', detail: 'boom' });
  });

  it('turns a failed result into a ServiceError with the guide, and an applied one into null', () => {
    const error = displayModeError({ applied: false, mode: 'extend', reason: 'macos', code: 'display.macos', guide: 'guide:display-mode', openedSettings: false });
    expect(error?.toInfo()).toEqual({ code: 'display.macos', guide: 'guide:display-mode', params: { mode: 'extend' } });
    expect(displayModeError({ applied: true, mode: 'extend', changed: false, verified: true, method: null, previous: 'extend' })).toBeNull();
  });
});

describe('createSystemDisplayModeService', () => {
  it('describes this machine (platform, OS release, environment)', () => {
    expect(createSystemDisplayModeService().environment).toEqual(detectDisplayEnvironment(process.platform, release(), process.env));
  });
});
