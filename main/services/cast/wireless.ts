/**
 * « Projeter sans fil »: screen mirroring to a Miracast (`_display._tcp`) or AirPlay (`_airplay._tcp`)
 * receiver is the operating system's job — there is no open protocol an app can drive. The app opens
 * the system's own flow and shows the receiver's name, so the teacher picks the right one in the list:
 *  - Windows: the « Connecter » / « Caster » panel (what Windows + K opens), through its ms-settings URI;
 *  - macOS: the Displays settings (its « + » / « Recopie de l'écran » menu lists AirPlay receivers);
 *  - Linux (and an AirPlay receiver from Windows, which Windows cannot reach): no system flow; the
 *    `wireless` guide explains what to do.
 * Pure planning; the module runs the command with the display service's CommandRunner (no shell).
 */
import type { CommandSpec } from '../display/command-runner';
import { macosOpenDisplaysCommand } from '../display/desktop-session';
import { windowsSystemRoot } from '../display/windows-display-config';

export type WirelessProtocol = 'miracast' | 'airplay';
export type WirelessMethod = 'windows-connect' | 'macos-displays' | 'guide';

/** Windows 10/11: the Cast / Connect flyout (the same as Windows + K). */
export const WINDOWS_CONNECT_URI = 'ms-settings-connectabledevices:devicediscovery';

export interface WirelessPlan {
  method: WirelessMethod;
  command: CommandSpec | null;
}

export function planWirelessOpen(options: {
  platform: string;
  protocols: readonly WirelessProtocol[];
  env: Readonly<Record<string, string | undefined>>;
  darwinMajor?: number | null;
}): WirelessPlan {
  const { platform, protocols } = options;
  if (platform === 'win32' && protocols.includes('miracast')) {
    // explorer.exe hands ms-settings URIs to the shell; it exits with 1 even when it worked (launcher).
    return { method: 'windows-connect', command: { file: `${windowsSystemRoot(options.env)}\\explorer.exe`, args: [WINDOWS_CONNECT_URI], wait: false } };
  }
  if (platform === 'darwin' && protocols.includes('airplay')) {
    return { method: 'macos-displays', command: { ...macosOpenDisplaysCommand(options.darwinMajor ?? null), wait: false } };
  }
  return { method: 'guide', command: null };
}

/** Which wireless protocol(s) a device offers, Miracast first on Windows, AirPlay first on a Mac. */
export function wirelessProtocolsOf(capabilities: readonly string[], platform: string): WirelessProtocol[] {
  const out: WirelessProtocol[] = [];
  if (capabilities.includes('miracast')) out.push('miracast');
  if (capabilities.includes('airplay')) out.push('airplay');
  // Built Miracast-then-AirPlay: a Mac reaches AirPlay receivers, so it lists them first.
  return platform === 'darwin' ? out.reverse() : out;
}
