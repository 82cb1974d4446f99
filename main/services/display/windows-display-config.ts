/**
 * Windows: set and read the display topology (what Windows + P does).
 *
 * Since Windows 11 22H2 (build 22621) `DisplaySwitch.exe /clone|/extend|…` ignores its argument and
 * only opens the Windows + P flyout, so the mode is set with the documented user32 call
 * `SetDisplayConfig(0, NULL, 0, NULL, SDC_TOPOLOGY_<X> | SDC_APPLY)`: with a topology flag and no path
 * or mode arrays, Windows applies the last configuration it remembers for that topology, exactly like
 * Windows + P. No npm package wraps it without a native build, so the call goes through PowerShell with
 * an inline C# P/Invoke (`Add-Type`), which every Windows since 7 has. The scripts are constants: the
 * only variable part is a number taken from a closed table, nothing user-provided enters them, and
 * they are passed base64-encoded (-EncodedCommand) through execFile, never through a shell.
 *
 * Fallback: where PowerShell cannot compile C# (Constrained Language Mode under AppLocker/WDAC, common
 * on managed school laptops), builds older than 22H2 still honour `DisplaySwitch.exe /clone` etc.
 *
 * Reading the current topology: `QueryDisplayConfig(QDC_DATABASE_CURRENT)` returns it in its last
 * argument; `QueryDisplayConfig(QDC_ALL_PATHS)` lists every target with `targetAvailable` (a monitor is
 * plugged in) and its output technology (internal panel or not). The path array is read as raw memory
 * at the documented offsets of DISPLAYCONFIG_PATH_INFO (72 bytes) so the script declares no structs.
 */
import type { CommandSpec } from './command-runner';
import type { DisplayMode, DisplayTopology } from './display-types';

/** wingdi.h */
export const SDC_TOPOLOGY_INTERNAL = 0x00000001;
export const SDC_TOPOLOGY_CLONE = 0x00000002;
export const SDC_TOPOLOGY_EXTEND = 0x00000004;
export const SDC_TOPOLOGY_EXTERNAL = 0x00000008;
export const SDC_APPLY = 0x00000080;

const TOPOLOGY_FLAG: Record<DisplayMode, number> = {
  internal: SDC_TOPOLOGY_INTERNAL,
  duplicate: SDC_TOPOLOGY_CLONE,
  extend: SDC_TOPOLOGY_EXTEND,
  external: SDC_TOPOLOGY_EXTERNAL,
};

const DISPLAY_SWITCH_ARG: Record<DisplayMode, string> = {
  duplicate: '/clone',
  extend: '/extend',
  external: '/external',
  internal: '/internal',
};

/** DISPLAYCONFIG_TOPOLOGY_ID (QDC_DATABASE_CURRENT) → our names. */
const TOPOLOGY_ID: Record<number, DisplayMode> = { 1: 'internal', 2: 'duplicate', 4: 'extend', 8: 'external' };

/** Windows 11 22H2: from this build on, DisplaySwitch.exe ignores /clone, /extend… */
export const WINDOWS_11_22H2_BUILD = 22621;
/** Windows 7: SetDisplayConfig and DisplaySwitch.exe exist from here. */
export const WINDOWS_7_BUILD = 7600;

export function setDisplayConfigFlags(mode: DisplayMode): number {
  return TOPOLOGY_FLAG[mode] | SDC_APPLY;
}

/** `os.release()` on Windows is "10.0.22631" (major.minor.build): returns the build, or null. */
export function windowsBuild(osRelease: string): number | null {
  const m = /^\d+\.\d+\.(\d+)/.exec(osRelease.trim());
  return m ? Number(m[1]) : null;
}

/** %SystemRoot% if it looks like a Windows path, else the default: tools are run by absolute path. */
export function windowsSystemRoot(env: Readonly<Record<string, string | undefined>>): string {
  const root = env.SystemRoot ?? env.SYSTEMROOT ?? env.windir ?? env.WINDIR;
  return root && /^[A-Za-z]:\\[^"<>|?*\r\n]*$/.test(root) ? root.replace(/\\+$/, '') : 'C:\\Windows';
}

export function buildSetTopologyScript(mode: DisplayMode): string {
  const flags = setDisplayConfigFlags(mode);
  return [
    "$ErrorActionPreference = 'Stop'",
    "Add-Type -Namespace ClasseNumerique -Name DisplayTopology -MemberDefinition '",
    '[DllImport("user32.dll")]',
    'public static extern int SetDisplayConfig(uint numPathArrayElements, IntPtr pathArray, uint numModeInfoArrayElements, IntPtr modeInfoArray, uint flags);',
    "'",
    `$status = [ClasseNumerique.DisplayTopology]::SetDisplayConfig(0, [IntPtr]::Zero, 0, [IntPtr]::Zero, ${flags})`,
    `[Console]::Out.WriteLine('{"status":' + $status + '}')`,
    'if ($status -ne 0) { exit 1 }',
  ].join('\n');
}

export const QUERY_TOPOLOGY_SCRIPT = [
  "$ErrorActionPreference = 'Stop'",
  "Add-Type -Namespace ClasseNumerique -Name DisplayQuery -MemberDefinition '",
  '[DllImport("user32.dll")]',
  'public static extern int GetDisplayConfigBufferSizes(uint flags, out uint numPathArrayElements, out uint numModeInfoArrayElements);',
  '[DllImport("user32.dll")]',
  'public static extern int QueryDisplayConfig(uint flags, ref uint numPathArrayElements, IntPtr pathArray, ref uint numModeInfoArrayElements, IntPtr modeInfoArray, IntPtr currentTopologyId);',
  "'",
  '$Marshal = [Runtime.InteropServices.Marshal]',
  'function Read-DisplayConfig([uint32]$Flags) {',
  '  $result = @{ Status = 122; Topology = 0; External = 0; Internal = 0 }',
  '  for ($attempt = 0; $attempt -lt 3; $attempt++) {',
  '    [uint32]$numPaths = 0',
  '    [uint32]$numModes = 0',
  '    $result.Status = [ClasseNumerique.DisplayQuery]::GetDisplayConfigBufferSizes($Flags, [ref]$numPaths, [ref]$numModes)',
  '    if ($result.Status -ne 0) { return $result }',
  '    $paths = $Marshal::AllocHGlobal([int](($numPaths + 1) * 72))',
  '    $modes = $Marshal::AllocHGlobal([int](($numModes + 1) * 64))',
  '    $topology = $Marshal::AllocHGlobal(4)',
  '    try {',
  '      $topologyArg = [IntPtr]::Zero',
  '      if ($Flags -eq 4) { $topologyArg = $topology }',
  '      $result.Status = [ClasseNumerique.DisplayQuery]::QueryDisplayConfig($Flags, [ref]$numPaths, $paths, [ref]$numModes, $modes, $topologyArg)',
  '      if ($result.Status -eq 122) { continue }',
  '      if ($result.Status -ne 0) { return $result }',
  '      if ($Flags -eq 4) { $result.Topology = $Marshal::ReadInt32($topology) }',
  '      $seen = @{}',
  '      for ($i = 0; $i -lt $numPaths; $i++) {',
  '        $base = $i * 72',
  "        $key = '' + $Marshal::ReadInt32($paths, $base + 20) + '/' + $Marshal::ReadInt32($paths, $base + 24) + '/' + $Marshal::ReadInt32($paths, $base + 28)",
  '        if ($Marshal::ReadInt32($paths, $base + 60) -eq 0 -or $seen.ContainsKey($key)) { continue }',
  '        $seen[$key] = $true',
  '        $technology = $Marshal::ReadInt32($paths, $base + 36)',
  '        if ($technology -eq -2147483648 -or $technology -eq 11 -or $technology -eq 13) { $result.Internal += 1 } else { $result.External += 1 }',
  '      }',
  '      return $result',
  '    } finally {',
  '      $Marshal::FreeHGlobal($paths)',
  '      $Marshal::FreeHGlobal($modes)',
  '      $Marshal::FreeHGlobal($topology)',
  '    }',
  '  }',
  '  return $result',
  '}',
  '$current = Read-DisplayConfig 4',
  '$all = Read-DisplayConfig 1',
  `[Console]::Out.WriteLine('{"status":' + $current.Status + ',"topology":' + $current.Topology + ',"targetsStatus":' + $all.Status + ',"external":' + $all.External + ',"internal":' + $all.Internal + '}')`,
].join('\n');

const POWERSHELL_TIMEOUT_MS = 30_000;

/** powershell.exe by absolute path, script as -EncodedCommand (UTF-16LE base64, as PowerShell expects). */
export function powershellCommand(systemRoot: string, script: string): CommandSpec {
  return {
    file: `${systemRoot}\\System32\\WindowsPowerShell\\v1.0\\powershell.exe`,
    args: ['-NoLogo', '-NoProfile', '-NonInteractive', '-EncodedCommand', Buffer.from(script, 'utf16le').toString('base64')],
    timeoutMs: POWERSHELL_TIMEOUT_MS,
  };
}

export function displaySwitchCommand(systemRoot: string, mode: DisplayMode): CommandSpec {
  return { file: `${systemRoot}\\System32\\DisplaySwitch.exe`, args: [DISPLAY_SWITCH_ARG[mode]], timeoutMs: 15_000 };
}

/** Opens Réglages › Système › Écran (explorer.exe hands the ms-settings: URI to the Settings app). */
export function openDisplaySettingsCommand(systemRoot: string): CommandSpec {
  return { file: `${systemRoot}\\explorer.exe`, args: ['ms-settings:display'], wait: false };
}

export interface WindowsTopologyReport {
  /** 'single' when only one monitor is plugged in; 'unknown' when Windows did not say. */
  topology: DisplayTopology;
  externalTargets: number | null;
  internalTargets: number | null;
}

function lastJsonLine(stdout: string): Record<string, unknown> | null {
  const line = stdout
    .split(/\r?\n/)
    .map((l) => l.trim())
    .reverse()
    .find((l) => l.startsWith('{"status":'));
  if (!line) return null;
  try {
    const value: unknown = JSON.parse(line);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** Win32 status of SetDisplayConfig (0 = success), or null if the script did not get that far. */
export function parseSetTopologyOutput(stdout: string): number | null {
  const json = lastJsonLine(stdout);
  return json && isInt(json.status) ? json.status : null;
}

export function parseQueryTopologyOutput(stdout: string): WindowsTopologyReport | null {
  const json = lastJsonLine(stdout);
  if (!json || !isInt(json.status)) return null;
  const targetsOk = json.targetsStatus === 0 && isInt(json.external) && isInt(json.internal);
  const externalTargets = targetsOk ? (json.external as number) : null;
  const internalTargets = targetsOk ? (json.internal as number) : null;
  let topology: DisplayTopology = 'unknown';
  if (json.status === 0 && isInt(json.topology)) topology = TOPOLOGY_ID[json.topology] ?? 'unknown';
  // With a single monitor plugged in, "clone" or "extend" mean nothing: say so.
  if (externalTargets !== null && internalTargets !== null && externalTargets + internalTargets <= 1) topology = 'single';
  return { topology, externalTargets, internalTargets };
}

export type WindowsMethod = 'set-display-config' | 'display-switch';

export interface WindowsAttempt {
  method: WindowsMethod;
  command: CommandSpec;
}

export interface WindowsPlan {
  build: number | null;
  /** Tried in order until one succeeds. */
  attempts: WindowsAttempt[];
  query: CommandSpec;
  openSettings: CommandSpec;
}

/** null when this Windows is too old for either method (before Windows 7). */
export function planWindows(mode: DisplayMode, osRelease: string, env: Readonly<Record<string, string | undefined>>): WindowsPlan | null {
  const build = windowsBuild(osRelease);
  if (build !== null && build < WINDOWS_7_BUILD) return null;
  const root = windowsSystemRoot(env);
  const attempts: WindowsAttempt[] = [{ method: 'set-display-config', command: powershellCommand(root, buildSetTopologyScript(mode)) }];
  // Unknown build: try DisplaySwitch too; on 22H2+ it would only open the flyout, so it is left out.
  if (build === null || build < WINDOWS_11_22H2_BUILD) attempts.push({ method: 'display-switch', command: displaySwitchCommand(root, mode) });
  return { build, attempts, query: powershellCommand(root, QUERY_TOPOLOGY_SCRIPT), openSettings: openDisplaySettingsCommand(root) };
}
