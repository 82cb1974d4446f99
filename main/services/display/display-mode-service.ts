/**
 * The laptop's display mode: duplicate / extend / projector only / laptop only, on every OS.
 *
 * Plans with the pure per-OS builders, runs with the injected CommandRunner (execFile, no shell),
 * then verifies by querying again, because the OS may accept a command and do something else (a
 * driver refusing a mode, Windows falling back to its remembered layout). Where the app cannot switch
 * by itself (Wayland, macOS) or the switch failed, it opens the system's display settings and says so:
 * the result carries the error code and the guide ("Windows + P", « Recopier »…), it never throws.
 *
 * `ensureDisplayMode(mode)` is the hook "Afficher mon écran" calls: it does nothing when the laptop is
 * already in that mode, so calling it on every click is cheap and safe.
 */
import { release } from 'node:os';
import { ServiceError, type GuideId } from '../core/errors';
import { silentLogger, type Logger } from '../core/logger';
import { sanitizeText } from '../core/sanitize';
import { createExecFileRunner, createExecutableFinder, type CommandRunner, type CommandSpec } from './command-runner';
import { detectDisplayEnvironment, linuxSettingsLaunchers, macosOpenDisplaysCommand, type DisplayEnvironment } from './desktop-session';
import type { DisplayMode, DisplayTopology } from './display-types';
import { parseQueryTopologyOutput, parseSetTopologyOutput, planWindows, type WindowsTopologyReport } from './windows-display-config';
import { parseXrandr, type XrandrState } from './xrandr-parse';
import { chooseXrandrRoles, classifyXrandrTopology, planXrandr, type XrandrRoleHint } from './xrandr-plan';

export const DISPLAY_MODE_GUIDE: GuideId = 'guide:display-mode';

export type DisplayModeFailure =
  /** Linux Wayland session: the compositor does not let applications switch. */
  | 'wayland'
  /** macOS: no public API to turn mirroring on; the teacher ticks « Recopier ». */
  | 'macos'
  /** No projector or second screen is connected. */
  | 'no-external'
  /** The OS refused or the check afterwards showed another mode. */
  | 'command-failed'
  /** No graphical session, or an OS we do not know. */
  | 'unsupported';

export type DisplayModeMethod = 'set-display-config' | 'display-switch' | 'xrandr';

export type DisplayModeResult =
  | {
      applied: true;
      mode: DisplayMode;
      /** false when the laptop was already in that mode (nothing was run). */
      changed: boolean;
      /** true when a query afterwards confirmed the mode; false when the OS cannot tell (DisplaySwitch without PowerShell). */
      verified: boolean;
      method: DisplayModeMethod | null;
      previous: DisplayTopology;
    }
  | {
      applied: false;
      mode: DisplayMode;
      reason: DisplayModeFailure;
      /** Error code with its text in assets/i18n/<lang>/errors/display.json. */
      code: string;
      guide: GuideId;
      /** The system's display settings were opened for the teacher. */
      openedSettings: boolean;
      /** Technical detail for IT (« Détails »). */
      detail?: string;
    };

export interface DisplayModeState {
  environment: DisplayEnvironment['kind'];
  /** Whether this app can switch modes itself here (Windows, Linux X11). */
  canApply: boolean;
  topology: DisplayTopology;
  /** null when the OS cannot tell. */
  externalConnected: boolean | null;
  /** X11 output names, for « Détails ». */
  outputs?: { main: string; external: string | null };
}

export interface EnsureOptions {
  /** Open the system's display settings when the app cannot switch by itself (default true). */
  openSettings?: boolean;
}

export interface DisplayModeServiceOptions {
  platform: string;
  /** `os.release()`: the Windows build decides between SetDisplayConfig and DisplaySwitch. */
  osRelease: string;
  env: Readonly<Record<string, string | undefined>>;
  runner: CommandRunner;
  /** Absolute path of a program in PATH, or null (createExecutableFinder). */
  findExecutable: (name: string) => Promise<string | null>;
  logger?: Logger;
  sleep?: (ms: number) => Promise<void>;
  /** Windows applies a topology asynchronously: how many times to re-query, and how long between. */
  verifyAttempts?: number;
  verifyDelayMs?: number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function firstLine(text: string): string {
  return sanitizeText(text.split(/\r?\n/).find((l) => l.trim()) ?? '', 300);
}

export class DisplayModeService {
  readonly environment: DisplayEnvironment;
  private readonly log: Logger;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly verifyAttempts: number;
  private readonly verifyDelayMs: number;
  /** One switch at a time: two clicks must not interleave two xrandr/PowerShell runs. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: DisplayModeServiceOptions) {
    this.environment = detectDisplayEnvironment(options.platform, options.osRelease, options.env);
    this.log = (options.logger ?? silentLogger).child('display-mode');
    this.sleep = options.sleep ?? defaultSleep;
    this.verifyAttempts = Math.max(1, options.verifyAttempts ?? 4);
    this.verifyDelayMs = options.verifyDelayMs ?? 750;
  }

  /** What the laptop does now with its screens, as far as the OS tells. */
  async query(): Promise<DisplayModeState> {
    const env = this.environment;
    switch (env.kind) {
      case 'windows': {
        const plan = planWindows('duplicate', this.options.osRelease, this.options.env);
        const report = plan ? await this.windowsQuery(plan.query) : null;
        return {
          environment: 'windows',
          canApply: plan !== null,
          topology: report?.topology ?? 'unknown',
          externalConnected: report?.externalTargets == null ? null : report.externalTargets > 0,
        };
      }
      case 'x11': {
        const state = await this.xrandrQuery();
        const roles = state ? chooseXrandrRoles(state, this.xrandrRoles) : null;
        const result: DisplayModeState = {
          environment: 'x11',
          canApply: state !== null,
          topology: roles ? classifyXrandrTopology(roles) : 'unknown',
          externalConnected: state ? roles?.external != null : null,
        };
        if (roles) result.outputs = { main: roles.main.name, external: roles.external?.name ?? null };
        return result;
      }
      default:
        return { environment: env.kind, canApply: false, topology: 'unknown', externalConnected: null };
    }
  }

  /** Puts the laptop in `mode` unless it already is. Never throws: failures come back as a result. */
  ensureDisplayMode(mode: DisplayMode, options: EnsureOptions = {}): Promise<DisplayModeResult> {
    const run = this.queue.then(() => this.ensureNow(mode, options.openSettings ?? true));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async ensureNow(mode: DisplayMode, openSettings: boolean): Promise<DisplayModeResult> {
    const env = this.environment;
    try {
      switch (env.kind) {
        case 'windows':
          return await this.ensureWindows(mode, openSettings);
        case 'x11':
          return await this.ensureX11(mode, openSettings, env.display);
        case 'wayland': {
          const opened = openSettings ? await this.openLinuxSettings() : false;
          return this.failure(mode, 'wayland', opened ? 'display.wayland_settings_opened' : 'display.wayland', opened);
        }
        case 'macos': {
          const opened = openSettings ? await this.launch(macosOpenDisplaysCommand(env.darwinMajor)) : false;
          return this.failure(mode, 'macos', opened ? 'display.macos_settings_opened' : 'display.macos', opened);
        }
        case 'no-session':
          return this.failure(mode, 'unsupported', 'display.no_session', false);
        case 'unsupported':
          return this.failure(mode, 'unsupported', 'display.unsupported_platform', false, env.platform);
      }
    } catch (e) {
      // A bug or an unexpected OS answer: still a result the UI can show.
      this.log.error(`display mode ${mode} failed: ${e instanceof Error ? e.message : String(e)}`);
      return this.failure(mode, 'command-failed', 'display.command_failed', false, e instanceof Error ? sanitizeText(e.message, 300) : undefined);
    }
  }

  // ---- Windows -------------------------------------------------------------------------------

  private async windowsQuery(query: CommandSpec): Promise<WindowsTopologyReport | null> {
    const result = await this.options.runner.run(query);
    if (result.code !== 0) {
      this.log.warn(`topology query failed (${result.error ?? result.code}): ${firstLine(result.stderr)}`);
      return null;
    }
    return parseQueryTopologyOutput(result.stdout);
  }

  private async ensureWindows(mode: DisplayMode, openSettings: boolean): Promise<DisplayModeResult> {
    const plan = planWindows(mode, this.options.osRelease, this.options.env);
    if (!plan) return this.failure(mode, 'unsupported', 'display.unsupported_platform', false, `Windows ${this.options.osRelease}`);

    const before = await this.windowsQuery(plan.query);
    const previous = before?.topology ?? 'unknown';
    if (before && mode !== 'internal' && before.externalTargets === 0) return this.failure(mode, 'no-external', 'display.no_external', false);
    if (previous === mode || (mode === 'internal' && previous === 'single')) {
      return { applied: true, mode, changed: false, verified: true, method: null, previous };
    }

    const details: string[] = [];
    for (const attempt of plan.attempts) {
      const result = await this.options.runner.run(attempt.command);
      const status = attempt.method === 'set-display-config' ? parseSetTopologyOutput(result.stdout) : null;
      const ok = result.code === 0 && (attempt.method === 'display-switch' || status === 0);
      if (!ok) {
        const why = status !== null ? `SetDisplayConfig status ${status}` : (result.error ?? `exit ${result.code}`);
        details.push(`${attempt.method}: ${why} ${firstLine(result.stderr)}`.trim());
        this.log.warn(`${attempt.method} failed: ${why}`);
        continue;
      }
      const verified = await this.verifyWindows(plan.query, mode);
      if (verified === 'mismatch') {
        details.push(`${attempt.method}: applied but Windows reports another topology`);
        continue;
      }
      this.log.info(`display mode ${mode} via ${attempt.method} (${verified})`);
      return { applied: true, mode, changed: true, verified: verified === 'confirmed', method: attempt.method, previous };
    }
    const opened = openSettings ? await this.launch(plan.openSettings) : false;
    return this.failure(mode, 'command-failed', 'display.command_failed', opened, details.join(' | '));
  }

  private async verifyWindows(query: CommandSpec, mode: DisplayMode): Promise<'confirmed' | 'unknown' | 'mismatch'> {
    let last: WindowsTopologyReport | null = null;
    for (let i = 0; i < this.verifyAttempts; i++) {
      await this.sleep(this.verifyDelayMs);
      last = await this.windowsQuery(query);
      if (!last || last.topology === 'unknown') return 'unknown';
      if (last.topology === mode || (mode === 'internal' && last.topology === 'single')) return 'confirmed';
    }
    return 'mismatch';
  }

  // ---- Linux / X11 ---------------------------------------------------------------------------

  private xrandrPath: string | null | undefined;
  /** The outputs of the last switch: keeps "which is the projector" stable on PCs without a laptop panel. */
  private xrandrRoles: XrandrRoleHint | null = null;

  private async xrandr(args: string[]): Promise<{ ok: boolean; stdout: string; detail: string }> {
    if (this.xrandrPath === undefined) this.xrandrPath = await this.options.findExecutable('xrandr');
    if (!this.xrandrPath) return { ok: false, stdout: '', detail: 'xrandr not found (Debian/Ubuntu: x11-xserver-utils)' };
    const env: Record<string, string> = {};
    const { DISPLAY, XAUTHORITY } = this.options.env;
    if (DISPLAY) env.DISPLAY = DISPLAY;
    if (XAUTHORITY) env.XAUTHORITY = XAUTHORITY;
    const result = await this.options.runner.run({ file: this.xrandrPath, args, env, timeoutMs: 15_000 });
    return { ok: result.code === 0, stdout: result.stdout, detail: `xrandr ${result.error ?? `exit ${result.code}`}: ${firstLine(result.stderr)}` };
  }

  private async xrandrQuery(): Promise<XrandrState | null> {
    // --props adds the EDID, whose monitor name ("EPSON PJ") tells the projector from a desk monitor.
    const result = await this.xrandr(['--query', '--props']);
    if (!result.ok) {
      this.log.warn(result.detail);
      return null;
    }
    return parseXrandr(result.stdout);
  }

  private async ensureX11(mode: DisplayMode, openSettings: boolean, display: string): Promise<DisplayModeResult> {
    const state = await this.xrandrQuery();
    if (!state) {
      const opened = openSettings ? await this.openLinuxSettings() : false;
      return this.failure(mode, 'command-failed', 'display.command_failed', opened, `cannot query X display ${sanitizeText(display, 64)}`);
    }
    const roles = chooseXrandrRoles(state, this.xrandrRoles);
    const previous = roles ? classifyXrandrTopology(roles) : 'unknown';
    const plan = planXrandr(state, mode, this.xrandrRoles);
    if (!plan.ok) {
      if (plan.reason === 'no-external') return this.failure(mode, 'no-external', 'display.no_external', false);
      if (plan.reason === 'external-no-modes') return this.failure(mode, 'command-failed', 'display.external_no_modes', false, roles?.external?.name);
      return this.failure(mode, 'command-failed', 'display.command_failed', false, 'xrandr lists no connected output');
    }
    if (plan.roles.external) this.xrandrRoles = { main: plan.roles.main, external: plan.roles.external };
    const hasStale = roles !== null && roles.stale.length > 0;
    if (previous === mode && !hasStale) return { applied: true, mode, changed: false, verified: true, method: null, previous };

    this.log.info(`xrandr ${plan.args.join(' ')}`);
    const run = await this.xrandr(plan.args);
    if (!run.ok) {
      const opened = openSettings ? await this.openLinuxSettings() : false;
      return this.failure(mode, 'command-failed', 'display.command_failed', opened, run.detail);
    }
    for (let i = 0; i < this.verifyAttempts; i++) {
      const after = await this.xrandrQuery();
      const afterRoles = after ? chooseXrandrRoles(after, this.xrandrRoles) : null;
      // Judge with the same two outputs: the pick could change once the projector is on.
      if (after && afterRoles) {
        const main = after.outputs.find((o) => o.name === plan.roles.main);
        const external = after.outputs.find((o) => o.name === plan.roles.external) ?? null;
        const topology = main ? classifyXrandrTopology({ ...afterRoles, main, external }) : 'unknown';
        if (topology === mode || (mode === 'internal' && topology === 'single')) {
          return { applied: true, mode, changed: true, verified: true, method: 'xrandr', previous };
        }
      }
      if (i < this.verifyAttempts - 1) await this.sleep(this.verifyDelayMs);
    }
    const opened = openSettings ? await this.openLinuxSettings() : false;
    return this.failure(mode, 'command-failed', 'display.not_applied', opened, `xrandr ${plan.args.join(' ')}`);
  }

  private async openLinuxSettings(): Promise<boolean> {
    for (const launcher of linuxSettingsLaunchers(this.options.env)) {
      const path = await this.options.findExecutable(launcher.program);
      if (!path) continue;
      if (await this.launch({ file: path, args: launcher.args, wait: false })) return true;
    }
    return false;
  }

  // ---- shared --------------------------------------------------------------------------------

  /** Starts a settings program; true when it started. */
  private async launch(command: CommandSpec): Promise<boolean> {
    const result = await this.options.runner.run(command);
    // explorer.exe exits with 1 even when it opened the URI: for launchers, "started" is what counts.
    const started = command.wait === false ? result.code !== null : result.code === 0;
    if (!started) this.log.warn(`could not open display settings: ${result.error ?? result.code}`);
    return started;
  }

  private failure(mode: DisplayMode, reason: DisplayModeFailure, code: string, openedSettings: boolean, detail?: string): DisplayModeResult {
    const result: DisplayModeResult = { applied: false, mode, reason, code, guide: DISPLAY_MODE_GUIDE, openedSettings };
    if (detail) result.detail = sanitizeText(detail, 1000);
    if (reason === 'command-failed') this.log.warn(`display mode ${mode}: ${code} ${result.detail ?? ''}`);
    return result;
  }
}

/** For transports that speak ServiceError (the contract, the CLI): a failed result as an error. */
export function displayModeError(result: DisplayModeResult): ServiceError | null {
  if (result.applied) return null;
  const opts: { guide: GuideId; detail?: string; params: Record<string, string> } = { guide: result.guide, params: { mode: result.mode } };
  if (result.detail) opts.detail = result.detail;
  return new ServiceError(result.code, opts);
}

/** The service on this machine: real platform, OS release, environment, execFile runner and PATH lookup. */
export function createSystemDisplayModeService(logger?: Logger): DisplayModeService {
  const options: DisplayModeServiceOptions = {
    platform: process.platform,
    osRelease: release(),
    env: process.env,
    runner: createExecFileRunner(),
    findExecutable: createExecutableFinder(),
  };
  if (logger) options.logger = logger;
  return new DisplayModeService(options);
}
