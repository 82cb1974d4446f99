import { describe, expect, it } from 'vitest';
import { DISPLAY_MODE_EXIT, parseDisplayModeArgument, runDisplayModeCommand } from '../../../main/services/display/display-mode-command';
import type { DisplayModeResult, EnsureOptions } from '../../../main/services/display/display-mode-service';
import type { DisplayMode } from '../../../main/services/display/display-types';

function fakeService(result: (mode: DisplayMode) => DisplayModeResult) {
  const calls: [DisplayMode, EnsureOptions | undefined][] = [];
  return {
    calls,
    ensureDisplayMode: async (mode: DisplayMode, options?: EnsureOptions) => {
      calls.push([mode, options]);
      return result(mode);
    },
  };
}
const failed = (mode: DisplayMode, reason: Extract<DisplayModeResult, { applied: false }>['reason'], code: string): DisplayModeResult => ({
  applied: false,
  mode,
  reason,
  code,
  guide: 'guide:display-mode',
  openedSettings: false,
});

describe('classe display mode', () => {
  it('accepts the four modes and French words, accents and case ignored', () => {
    expect(['duplicate', 'extend', 'external', 'internal'].map(parseDisplayModeArgument)).toEqual(['duplicate', 'extend', 'external', 'internal']);
    expect(['Dupliquer', 'ÉTENDRE', 'projecteur', 'ordinateur', ' clone '].map(parseDisplayModeArgument)).toEqual(['duplicate', 'extend', 'external', 'internal', 'duplicate']);
    expect(parseDisplayModeArgument('mirror-all; rm -rf /')).toBeNull();
  });

  it('exits 0 with the result when applied, without opening settings by default', async () => {
    const svc = fakeService((mode) => ({ applied: true, mode, changed: true, verified: true, method: 'xrandr', previous: 'extend' }));
    const outcome = await runDisplayModeCommand(svc, 'dupliquer');
    expect(outcome.exitCode).toBe(0);
    expect(outcome.json).toEqual({ ok: true, result: { applied: true, mode: 'duplicate', changed: true, verified: true, method: 'xrandr', previous: 'extend' }, error: null });
    expect(svc.calls).toEqual([['duplicate', { openSettings: false }]]);
  });

  it('exits 2 on an unknown mode without calling the service', async () => {
    const svc = fakeService(() => {
      throw new Error('must not be called');
    });
    const outcome = await runDisplayModeCommand(svc, 'sideways');
    expect(outcome).toEqual({
      exitCode: DISPLAY_MODE_EXIT.usage,
      json: { ok: false, result: null, error: { code: 'display.unknown_mode', params: { value: 'sideways', modes: 'duplicate, extend, external, internal' } } },
    });
  });

  it('exits 3 when the OS needs the teacher, 4 without a projector, 1 on failure; errors carry the guide', async () => {
    const cases: [Extract<DisplayModeResult, { applied: false }>['reason'], string, number][] = [
      ['wayland', 'display.wayland', 3],
      ['macos', 'display.macos', 3],
      ['no-external', 'display.no_external', 4],
      ['command-failed', 'display.command_failed', 1],
      ['unsupported', 'display.no_session', 1],
    ];
    for (const [reason, code, exit] of cases) {
      const outcome = await runDisplayModeCommand(fakeService((mode) => failed(mode, reason, code)), 'extend', { openSettings: true });
      expect(outcome.exitCode).toBe(exit);
      expect(outcome.json.error).toEqual({ code, guide: 'guide:display-mode', params: { mode: 'extend' } });
    }
  });
});
