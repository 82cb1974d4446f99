/**
 * `classe display mode duplicate|extend|external|internal`: the logic behind the command, so the CLI
 * only registers it, prints and exits. French words are accepted too (IT staff write scripts in French:
 * `classe display mode dupliquer`). Exit codes are stable, scripts test them:
 *   0 applied (or already in that mode)   2 usage (unknown mode)
 *   3 the OS needs the teacher (Wayland, macOS: settings opened)   4 no projector/screen connected
 *   1 the switch failed
 */
import type { ErrorInfo } from '../core/errors';
import { DISPLAY_MODES, type DisplayMode } from './display-types';
import { displayModeError, type DisplayModeResult, type DisplayModeService } from './display-mode-service';

const ALIASES: Record<string, DisplayMode> = {
  duplicate: 'duplicate',
  clone: 'duplicate',
  mirror: 'duplicate',
  dupliquer: 'duplicate',
  extend: 'extend',
  etendre: 'extend',
  external: 'external',
  projector: 'external',
  projecteur: 'external',
  internal: 'internal',
  laptop: 'internal',
  ordinateur: 'internal',
};

export const DISPLAY_MODE_EXIT = { applied: 0, failed: 1, usage: 2, manual: 3, noExternal: 4 } as const;

/** "Étendre" → 'extend'; null for anything else. */
export function parseDisplayModeArgument(value: string): DisplayMode | null {
  const key = value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .trim()
    .toLowerCase();
  return ALIASES[key] ?? null;
}

export interface DisplayModeCommandOutcome {
  exitCode: number;
  /** What `--json` prints. */
  json: { ok: boolean; result: DisplayModeResult | null; error: ErrorInfo | null };
}

export async function runDisplayModeCommand(
  service: Pick<DisplayModeService, 'ensureDisplayMode'>,
  modeArgument: string,
  options: { openSettings?: boolean } = {},
): Promise<DisplayModeCommandOutcome> {
  const mode = parseDisplayModeArgument(modeArgument);
  if (!mode) {
    return {
      exitCode: DISPLAY_MODE_EXIT.usage,
      json: { ok: false, result: null, error: { code: 'display.unknown_mode', params: { value: modeArgument.slice(0, 40), modes: DISPLAY_MODES.join(', ') } } },
    };
  }
  // A script in a terminal is usually not a teacher in front of the projector: no settings pop-up unless asked.
  const result = await service.ensureDisplayMode(mode, { openSettings: options.openSettings ?? false });
  if (result.applied) return { exitCode: DISPLAY_MODE_EXIT.applied, json: { ok: true, result, error: null } };
  const exitCode =
    result.reason === 'no-external'
      ? DISPLAY_MODE_EXIT.noExternal
      : result.reason === 'wayland' || result.reason === 'macos'
        ? DISPLAY_MODE_EXIT.manual
        : DISPLAY_MODE_EXIT.failed;
  return { exitCode, json: { ok: false, result, error: displayModeError(result)?.toInfo() ?? null } };
}
