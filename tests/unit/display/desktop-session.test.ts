import { describe, expect, it } from 'vitest';
import { detectDisplayEnvironment, linuxSettingsLaunchers, macosOpenDisplaysCommand } from '../../../main/services/display/desktop-session';

describe('detectDisplayEnvironment', () => {
  it('Windows and macOS by platform; macOS keeps the Darwin major version', () => {
    expect(detectDisplayEnvironment('win32', '10.0.22631', {})).toEqual({ kind: 'windows' });
    expect(detectDisplayEnvironment('darwin', '23.4.0', {})).toEqual({ kind: 'macos', darwinMajor: 23 });
    expect(detectDisplayEnvironment('darwin', '?', {})).toEqual({ kind: 'macos', darwinMajor: null });
  });

  it('Linux: XDG_SESSION_TYPE=wayland wins even though XWayland sets DISPLAY', () => {
    expect(detectDisplayEnvironment('linux', '6.1.0', { XDG_SESSION_TYPE: 'wayland', DISPLAY: ':0', WAYLAND_DISPLAY: 'wayland-0', XDG_CURRENT_DESKTOP: 'ubuntu:GNOME' })).toEqual({
      kind: 'wayland',
      desktop: ['ubuntu', 'gnome'],
    });
  });

  it('Linux: WAYLAND_DISPLAY alone means Wayland; XDG_SESSION_TYPE=x11 means X11', () => {
    expect(detectDisplayEnvironment('linux', '6.1.0', { WAYLAND_DISPLAY: 'wayland-0', DISPLAY: ':0' }).kind).toBe('wayland');
    expect(detectDisplayEnvironment('linux', '6.1.0', { XDG_SESSION_TYPE: 'x11', WAYLAND_DISPLAY: 'wayland-0', DISPLAY: ':0' })).toEqual({ kind: 'x11', display: ':0' });
    expect(detectDisplayEnvironment('linux', '6.1.0', { DISPLAY: ':1' })).toEqual({ kind: 'x11', display: ':1' });
  });

  it('Linux without a graphical session, and unknown platforms', () => {
    expect(detectDisplayEnvironment('linux', '6.1.0', { XDG_SESSION_TYPE: 'tty' })).toEqual({ kind: 'no-session' });
    expect(detectDisplayEnvironment('aix', '7', {})).toEqual({ kind: 'unsupported', platform: 'aix' });
  });
});

describe('settings launchers', () => {
  it('GNOME first on GNOME, then every other known desktop', () => {
    const launchers = linuxSettingsLaunchers({ XDG_CURRENT_DESKTOP: 'ubuntu:GNOME' });
    expect(launchers[0]).toEqual({ desktop: 'gnome', program: 'gnome-control-center', args: ['display'] });
    expect(launchers.map((l) => l.program)).toContain('kcmshell6');
    expect(launchers).toHaveLength(8);
  });

  it('KDE: kcmshell6, kcmshell5, then systemsettings, all on the kscreen module', () => {
    const launchers = linuxSettingsLaunchers({ XDG_CURRENT_DESKTOP: 'KDE' }).slice(0, 3);
    expect(launchers.map((l) => `${l.program} ${l.args.join(' ')}`)).toEqual(['kcmshell6 kcm_kscreen', 'kcmshell5 kcm_kscreen', 'systemsettings kcm_kscreen']);
  });

  it('XFCE and Cinnamon (X-Cinnamon) are recognised', () => {
    expect(linuxSettingsLaunchers({ XDG_CURRENT_DESKTOP: 'XFCE' })[0]?.program).toBe('xfce4-display-settings');
    expect(linuxSettingsLaunchers({ XDG_CURRENT_DESKTOP: 'X-Cinnamon' })[0]?.program).toBe('cinnamon-settings');
  });
});

describe('macOS displays pane', () => {
  it('Ventura (Darwin 22) and later use the System Settings extension URL; older the System Preferences one', () => {
    expect(macosOpenDisplaysCommand(22)).toMatchObject({ file: '/usr/bin/open', args: ['x-apple.systempreferences:com.apple.Displays-Settings.extension'] });
    expect(macosOpenDisplaysCommand(24).args).toEqual(['x-apple.systempreferences:com.apple.Displays-Settings.extension']);
    expect(macosOpenDisplaysCommand(21).args).toEqual(['x-apple.systempreferences:com.apple.preference.displays']);
    expect(macosOpenDisplaysCommand(null).args).toEqual(['x-apple.systempreferences:com.apple.Displays-Settings.extension']);
  });
});
