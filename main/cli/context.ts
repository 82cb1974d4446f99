/**
 * What every `classe` command gets: output helpers that respect --json, translated messages, the lazily
 * built host (same services and handlers as the app), and the exit codes IT scripts rely on.
 */
import type { TFunction } from 'i18next';
import type { Host } from '../host';
import type { ErrorInfo } from '../../preload/contract';
import type { Language } from '../../assets/i18n';
import type { ManagedLocation } from '../services/profiles/managed-paths';

/** Exit codes (documented in the README; scripts depend on them). */
export const EXIT = {
  ok: 0,
  /** The operation failed (device unreachable, invalid profile, …). */
  failed: 1,
  /** Wrong usage: unknown command or option, missing argument. */
  usage: 2,
} as const;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Interrupt (Ctrl-C) for long-running commands. */
  signal?: AbortSignal;
}

export interface CliContext {
  io: CliIo;
  t: TFunction;
  language: Language;
  /** Global options, read after parsing. */
  json(): boolean;
  /** The global `--profile FILE` option (null when not given). */
  profilePath(): string | null;
  /** Where the managed profile, its signature and trusted keys are: --profile, else CLASSE_PROFILE, else the OS location. */
  managedLocation(): ManagedLocation;
  /** The host, built on first use (commands like --version never need it). */
  host(): Promise<Host>;
  /** Prints a result: the JSON object with --json, else the human text. */
  print(human: string, json: unknown): void;
  /** Prints one JSON line (streaming commands like scan) or a human line. */
  line(human: string, json: unknown): void;
  /** Prints an error (translated) and returns the exit code to use. */
  fail(error: ErrorInfo, code?: number): number;
  /** Sets the process exit code for the command. */
  setExit(code: number): void;
}

export function errorMessage(t: TFunction, error: ErrorInfo): string {
  const text = t(`errors:${error.code}`, { ...(error.params ?? {}), defaultValue: '' });
  return text || t('errors:app.unexpected');
}
