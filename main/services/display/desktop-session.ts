/**
 * Where we are running, for the display mode: which OS, and on Linux which kind of session and
 * desktop. Pure functions of the platform, `os.release()` and the environment, so each path is tested
 * without the OS.
 *
 * Linux under Wayland: the compositor owns the outputs; `xrandr` (XWayland) sees only virtual outputs
 * and cannot change anything, and each desktop has its own protocol (GNOME's Mutter D-Bus API, KDE's
 * kscreen). We explain and open the desktop's display settings instead.
 */
import type { CommandSpec } from './command-runner';

export type DisplayEnvironment =
  | { kind: 'windows' }
  | { kind: 'macos'; darwinMajor: number | null }
  | { kind: 'x11'; display: string }
  | { kind: 'wayland'; desktop: string[] }
  /** Linux without a graphical session (SSH, a TTY): nothing to switch. */
  | { kind: 'no-session' }
  | { kind: 'unsupported'; platform: string };

type Env = Readonly<Record<string, string | undefined>>;

function desktopTokens(env: Env): string[] {
  // XDG_CURRENT_DESKTOP is a colon-separated list ("ubuntu:GNOME", "KDE"); DESKTOP_SESSION is older.
  return [env.XDG_CURRENT_DESKTOP, env.DESKTOP_SESSION]
    .filter((v): v is string => typeof v === 'string' && v.length > 0)
    .flatMap((v) => v.split(':'))
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);
}

export function detectDisplayEnvironment(platform: string, osRelease: string, env: Env): DisplayEnvironment {
  if (platform === 'win32') return { kind: 'windows' };
  if (platform === 'darwin') {
    const major = /^(\d+)\./.exec(osRelease.trim());
    return { kind: 'macos', darwinMajor: major ? Number(major[1]) : null };
  }
  if (platform === 'linux' || platform === 'freebsd' || platform === 'openbsd') {
    const sessionType = env.XDG_SESSION_TYPE?.toLowerCase();
    // XDG_SESSION_TYPE is authoritative when set; a Wayland session also sets DISPLAY (for XWayland).
    if (sessionType === 'wayland') return { kind: 'wayland', desktop: desktopTokens(env) };
    if (sessionType !== 'x11' && env.WAYLAND_DISPLAY) return { kind: 'wayland', desktop: desktopTokens(env) };
    if (env.DISPLAY) return { kind: 'x11', display: env.DISPLAY };
    return { kind: 'no-session' };
  }
  return { kind: 'unsupported', platform };
}

/** A program that opens the display settings: binary name (found in PATH) and its arguments. */
export interface SettingsLauncher {
  desktop: string;
  program: string;
  args: string[];
}

// Order within a desktop matters: the first one found is used (KDE Plasma 6, then 5).
const LAUNCHERS: readonly (SettingsLauncher & { matches: readonly string[] })[] = [
  { desktop: 'gnome', matches: ['gnome', 'ubuntu', 'unity', 'budgie', 'pop', 'zorin'], program: 'gnome-control-center', args: ['display'] },
  { desktop: 'kde', matches: ['kde', 'plasma', 'plasmawayland'], program: 'kcmshell6', args: ['kcm_kscreen'] },
  { desktop: 'kde', matches: ['kde', 'plasma', 'plasmawayland'], program: 'kcmshell5', args: ['kcm_kscreen'] },
  { desktop: 'kde', matches: ['kde', 'plasma', 'plasmawayland'], program: 'systemsettings', args: ['kcm_kscreen'] },
  { desktop: 'cinnamon', matches: ['cinnamon', 'x-cinnamon'], program: 'cinnamon-settings', args: ['display'] },
  { desktop: 'xfce', matches: ['xfce'], program: 'xfce4-display-settings', args: [] },
  { desktop: 'mate', matches: ['mate'], program: 'mate-display-properties', args: [] },
  { desktop: 'lxqt', matches: ['lxqt'], program: 'lxqt-config-monitor', args: [] },
];

/**
 * The display-settings programs to try, best first: the ones of the running desktop, then every
 * other known one (a program that is installed is likely the right one even if the variable is unset).
 */
export function linuxSettingsLaunchers(env: Env): SettingsLauncher[] {
  const tokens = desktopTokens(env);
  const strip = ({ desktop, program, args }: SettingsLauncher): SettingsLauncher => ({ desktop, program, args: [...args] });
  const mine = LAUNCHERS.filter((l) => l.matches.some((m) => tokens.includes(m)));
  const rest = LAUNCHERS.filter((l) => !mine.includes(l));
  return [...mine, ...rest].map(strip);
}

/** macOS 13 Ventura (Darwin 22) renamed System Preferences to System Settings and changed the pane URL. */
export const MACOS_DISPLAYS_URL = 'x-apple.systempreferences:com.apple.Displays-Settings.extension';
export const MACOS_LEGACY_DISPLAYS_URL = 'x-apple.systempreferences:com.apple.preference.displays';

export function macosOpenDisplaysCommand(darwinMajor: number | null): CommandSpec {
  const url = darwinMajor !== null && darwinMajor < 22 ? MACOS_LEGACY_DISPLAYS_URL : MACOS_DISPLAYS_URL;
  return { file: '/usr/bin/open', args: [url], timeoutMs: 10_000 };
}
