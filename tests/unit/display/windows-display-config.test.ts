import { describe, expect, it } from 'vitest';
import {
  buildSetTopologyScript,
  displaySwitchCommand,
  openDisplaySettingsCommand,
  parseQueryTopologyOutput,
  parseSetTopologyOutput,
  planWindows,
  powershellCommand,
  QUERY_TOPOLOGY_SCRIPT,
  SDC_APPLY,
  SDC_TOPOLOGY_CLONE,
  SDC_TOPOLOGY_EXTEND,
  SDC_TOPOLOGY_EXTERNAL,
  SDC_TOPOLOGY_INTERNAL,
  setDisplayConfigFlags,
  windowsBuild,
  windowsSystemRoot,
} from '../../../main/services/display/windows-display-config';
import { DISPLAY_MODES } from '../../../main/services/display/display-types';
import { decodePowerShell } from './helpers';

describe('Windows display topology: flags and builds', () => {
  it('uses the wingdi.h values', () => {
    expect([SDC_TOPOLOGY_INTERNAL, SDC_TOPOLOGY_CLONE, SDC_TOPOLOGY_EXTEND, SDC_TOPOLOGY_EXTERNAL, SDC_APPLY]).toEqual([1, 2, 4, 8, 0x80]);
    expect(setDisplayConfigFlags('duplicate')).toBe(0x82);
    expect(setDisplayConfigFlags('extend')).toBe(0x84);
    expect(setDisplayConfigFlags('external')).toBe(0x88);
    expect(setDisplayConfigFlags('internal')).toBe(0x81);
  });

  it('reads the build number from os.release()', () => {
    expect(windowsBuild('10.0.22631')).toBe(22631);
    expect(windowsBuild('10.0.19045')).toBe(19045);
    expect(windowsBuild('6.1.7601')).toBe(7601);
    expect(windowsBuild('garbage')).toBeNull();
  });

  it('runs tools from %SystemRoot% only when it is a plain Windows path', () => {
    expect(windowsSystemRoot({ SystemRoot: 'D:\\Windows' })).toBe('D:\\Windows');
    expect(windowsSystemRoot({ SYSTEMROOT: 'C:\\WINDOWS\\' })).toBe('C:\\WINDOWS');
    expect(windowsSystemRoot({})).toBe('C:\\Windows');
    expect(windowsSystemRoot({ SystemRoot: 'C:\\Windows" & calc & "' })).toBe('C:\\Windows');
    expect(windowsSystemRoot({ SystemRoot: '\\\\server\\share' })).toBe('C:\\Windows');
  });
});

describe('Windows display topology: scripts', () => {
  it('builds the exact SetDisplayConfig script for duplicate (struct-free call, SDC_TOPOLOGY_CLONE | SDC_APPLY)', () => {
    expect(buildSetTopologyScript('duplicate')).toBe(
      [
        "$ErrorActionPreference = 'Stop'",
        "Add-Type -Namespace ClasseNumerique -Name DisplayTopology -MemberDefinition '",
        '[DllImport("user32.dll")]',
        'public static extern int SetDisplayConfig(uint numPathArrayElements, IntPtr pathArray, uint numModeInfoArrayElements, IntPtr modeInfoArray, uint flags);',
        "'",
        '$status = [ClasseNumerique.DisplayTopology]::SetDisplayConfig(0, [IntPtr]::Zero, 0, [IntPtr]::Zero, 130)',
        `[Console]::Out.WriteLine('{"status":' + $status + '}')`,
        'if ($status -ne 0) { exit 1 }',
      ].join('\n'),
    );
  });

  it('differs between modes only by the flags number', () => {
    const flags = DISPLAY_MODES.map((m) => /SetDisplayConfig\(0, \[IntPtr\]::Zero, 0, \[IntPtr\]::Zero, (\d+)\)/.exec(buildSetTopologyScript(m))?.[1]);
    expect(flags).toEqual(['130', '132', '136', '129']);
    const strip = (s: string) => s.replace(/IntPtr\]::Zero, \d+\)/, '');
    expect(new Set(DISPLAY_MODES.map((m) => strip(buildSetTopologyScript(m)))).size).toBe(1);
  });

  it('queries QDC_DATABASE_CURRENT (4) for the topology and QDC_ALL_PATHS (1) for plugged-in targets, with documented offsets', () => {
    expect(QUERY_TOPOLOGY_SCRIPT).toContain('public static extern int QueryDisplayConfig(uint flags, ref uint numPathArrayElements, IntPtr pathArray, ref uint numModeInfoArrayElements, IntPtr modeInfoArray, IntPtr currentTopologyId);');
    expect(QUERY_TOPOLOGY_SCRIPT).toContain('$current = Read-DisplayConfig 4');
    expect(QUERY_TOPOLOGY_SCRIPT).toContain('$all = Read-DisplayConfig 1');
    // DISPLAYCONFIG_PATH_INFO is 72 bytes: targetInfo.id at 28, outputTechnology at 36, targetAvailable at 60.
    expect(QUERY_TOPOLOGY_SCRIPT).toContain('$base = $i * 72');
    expect(QUERY_TOPOLOGY_SCRIPT).toContain('$Marshal::ReadInt32($paths, $base + 60) -eq 0');
    expect(QUERY_TOPOLOGY_SCRIPT).toContain('$technology = $Marshal::ReadInt32($paths, $base + 36)');
    // Internal panels: OUTPUT_TECHNOLOGY_INTERNAL (0x80000000), DISPLAYPORT_EMBEDDED (11), UDI_EMBEDDED (13).
    expect(QUERY_TOPOLOGY_SCRIPT).toContain('$technology -eq -2147483648 -or $technology -eq 11 -or $technology -eq 13');
    // The topology out-parameter is passed only with QDC_DATABASE_CURRENT (it must be NULL otherwise).
    expect(QUERY_TOPOLOGY_SCRIPT).toContain('if ($Flags -eq 4) { $topologyArg = $topology }');
    // Memory is always freed.
    expect(QUERY_TOPOLOGY_SCRIPT.match(/FreeHGlobal/g)).toHaveLength(3);
  });

  it('runs PowerShell by absolute path with the script base64-encoded as UTF-16LE', () => {
    const command = powershellCommand('C:\\Windows', buildSetTopologyScript('extend'));
    expect(command.file).toBe('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
    expect(command.args.slice(0, 4)).toEqual(['-NoLogo', '-NoProfile', '-NonInteractive', '-EncodedCommand']);
    expect(command.args).toHaveLength(5);
    expect(decodePowerShell(command.args)).toBe(buildSetTopologyScript('extend'));
    expect(command.args[4]).toMatch(/^[A-Za-z0-9+/]+=*$/);
  });

  it('builds DisplaySwitch and Settings commands', () => {
    expect(DISPLAY_MODES.map((m) => displaySwitchCommand('C:\\Windows', m).args)).toEqual([['/clone'], ['/extend'], ['/external'], ['/internal']]);
    expect(displaySwitchCommand('C:\\Windows', 'extend').file).toBe('C:\\Windows\\System32\\DisplaySwitch.exe');
    expect(openDisplaySettingsCommand('C:\\Windows')).toEqual({ file: 'C:\\Windows\\explorer.exe', args: ['ms-settings:display'], wait: false });
  });
});

describe('planWindows', () => {
  it('Windows 11 22H2+ (build 22621, 26100): SetDisplayConfig only, no DisplaySwitch (it ignores its argument there)', () => {
    for (const release of ['10.0.22621', '10.0.22631', '10.0.26100']) {
      const plan = planWindows('duplicate', release, { SystemRoot: 'C:\\Windows' });
      expect(plan?.attempts.map((a) => a.method)).toEqual(['set-display-config']);
    }
  });

  it('Windows 10 and Windows 11 21H2: SetDisplayConfig, then DisplaySwitch as fallback', () => {
    for (const release of ['10.0.19045', '10.0.22000', '6.1.7601']) {
      const plan = planWindows('extend', release, {});
      expect(plan?.attempts.map((a) => a.method)).toEqual(['set-display-config', 'display-switch']);
      expect(plan?.attempts[1]?.command.args).toEqual(['/extend']);
    }
  });

  it('unknown build: tries both; before Windows 7: nothing', () => {
    expect(planWindows('internal', 'x', {})?.attempts).toHaveLength(2);
    expect(planWindows('internal', '6.0.6002', {})).toBeNull();
  });

  it('plans the query and the settings opener with the same system root', () => {
    const plan = planWindows('external', '10.0.22631', { SystemRoot: 'E:\\Win' });
    expect(decodePowerShell(plan!.query.args)).toBe(QUERY_TOPOLOGY_SCRIPT);
    expect(plan!.openSettings.file).toBe('E:\\Win\\explorer.exe');
    expect(decodePowerShell(plan!.attempts[0]!.command.args)).toBe(buildSetTopologyScript('external'));
  });
});

describe('parsing PowerShell output', () => {
  it('reads the SetDisplayConfig status from the last JSON line', () => {
    expect(parseSetTopologyOutput('{"status":0}\r\n')).toBe(0);
    expect(parseSetTopologyOutput('warning: something\r\n{"status":87}\r\n')).toBe(87);
    expect(parseSetTopologyOutput('Add-Type : Cannot add type. Definition of new types is not supported in this language mode.')).toBeNull();
    expect(parseSetTopologyOutput('{"status":"0"}')).toBeNull();
  });

  it('maps topology ids and counts plugged-in targets', () => {
    expect(parseQueryTopologyOutput('{"status":0,"topology":2,"targetsStatus":0,"external":1,"internal":1}')).toEqual({ topology: 'duplicate', externalTargets: 1, internalTargets: 1 });
    expect(parseQueryTopologyOutput('{"status":0,"topology":4,"targetsStatus":0,"external":1,"internal":1}')?.topology).toBe('extend');
    expect(parseQueryTopologyOutput('{"status":0,"topology":8,"targetsStatus":0,"external":1,"internal":1}')?.topology).toBe('external');
    expect(parseQueryTopologyOutput('{"status":0,"topology":1,"targetsStatus":0,"external":1,"internal":1}')?.topology).toBe('internal');
  });

  it('says "single" when only one screen is plugged in, whatever the topology id', () => {
    expect(parseQueryTopologyOutput('{"status":0,"topology":1,"targetsStatus":0,"external":0,"internal":1}')).toEqual({ topology: 'single', externalTargets: 0, internalTargets: 1 });
  });

  it('degrades to unknown when a call failed (e.g. ERROR_NOT_SUPPORTED in a remote session)', () => {
    expect(parseQueryTopologyOutput('{"status":50,"topology":0,"targetsStatus":50,"external":0,"internal":0}')).toEqual({ topology: 'unknown', externalTargets: null, internalTargets: null });
    expect(parseQueryTopologyOutput('{"status":0,"topology":16,"targetsStatus":0,"external":2,"internal":1}')?.topology).toBe('unknown');
    expect(parseQueryTopologyOutput('not json')).toBeNull();
    expect(parseQueryTopologyOutput('{"status":0,"topology":2')).toBeNull();
  });
});
