/**
 * Runs the OS tools the display service needs (xrandr, PowerShell, DisplaySwitch, the settings apps)
 * through execFile/spawn with `shell: false`: arguments are passed as an array and never parsed by a
 * shell, so no value can inject a command. Injected into the service so tests use a fake runner.
 */
import { execFile, spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { delimiter, isAbsolute, join } from 'node:path';

export interface CommandSpec {
  /** Absolute path (preferred) or a bare name looked up in PATH by the OS. */
  file: string;
  args: readonly string[];
  /** Extra environment (merged over the process environment), e.g. DISPLAY for xrandr. */
  env?: Readonly<Record<string, string>>;
  timeoutMs?: number;
  /**
   * false for GUI programs we only launch (the display settings): resolve once the process has started,
   * leave it running detached.
   */
  wait?: boolean;
}

export interface CommandResult {
  /** Exit code; null when the process could not start, timed out or was killed. */
  code: number | null;
  stdout: string;
  stderr: string;
  /** Why the process did not complete ("ENOENT", "timeout"…), when it did not. */
  error?: string;
}

export interface CommandRunner {
  run(command: CommandSpec): Promise<CommandResult>;
}

const DEFAULT_TIMEOUT_MS = 20_000;
const MAX_OUTPUT = 1024 * 1024;

/** The real runner. Never rejects: failures come back as a result with `code: null` and `error`. */
export function createExecFileRunner(baseEnv: NodeJS.ProcessEnv = process.env): CommandRunner {
  return {
    run(command) {
      const env = command.env ? { ...baseEnv, ...command.env } : baseEnv;
      if (command.wait === false) {
        return new Promise((resolve) => {
          try {
            const child = spawn(command.file, [...command.args], { env, shell: false, detached: true, stdio: 'ignore', windowsHide: false });
            child.once('error', (e: NodeJS.ErrnoException) => resolve({ code: null, stdout: '', stderr: '', error: e.code ?? e.message }));
            child.once('spawn', () => {
              child.unref();
              resolve({ code: 0, stdout: '', stderr: '' });
            });
          } catch (e) {
            resolve({ code: null, stdout: '', stderr: '', error: e instanceof Error ? e.message : String(e) });
          }
        });
      }
      return new Promise((resolve) => {
        const child = execFile(
          command.file,
          [...command.args],
          { env, shell: false, windowsHide: true, timeout: command.timeoutMs ?? DEFAULT_TIMEOUT_MS, maxBuffer: MAX_OUTPUT, encoding: 'utf8' },
          (error, stdout, stderr) => {
            if (!error) return resolve({ code: 0, stdout, stderr });
            const e = error as NodeJS.ErrnoException & { killed?: boolean; code?: number | string };
            if (typeof e.code === 'number') return resolve({ code: e.code, stdout, stderr });
            resolve({ code: null, stdout, stderr, error: e.killed ? 'timeout' : (e.code ?? e.message) });
          },
        );
        // PowerShell 5.1 waits for stdin to close before running -EncodedCommand when stdin is a pipe.
        child.stdin?.end();
      });
    },
  };
}

/**
 * Finds an executable in PATH without spawning `which` (absent on some minimal systems). Returns its
 * absolute path, or null.
 */
export function createExecutableFinder(pathValue: string | undefined = process.env.PATH): (name: string) => Promise<string | null> {
  const dirs = (pathValue ?? '').split(delimiter).filter((d) => d && isAbsolute(d));
  return async (name) => {
    if (!/^[A-Za-z0-9._-]+$/.test(name)) return null;
    for (const dir of dirs) {
      const candidate = join(dir, name);
      try {
        await access(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
    return null;
  };
}
