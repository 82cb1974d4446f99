import { release } from 'node:os';
import type { Command } from 'commander';
import type { CliContext } from '../context';
import { errorMessage } from '../context';
import { createExecFileRunner, createExecutableFinder } from '../../services/display/command-runner';
import { DisplayModeService } from '../../services/display/display-mode-service';
import { runDisplayModeCommand } from '../../services/display/display-mode-command';

/**
 * `classe display mode duplicate|extend|external|internal [--open-settings] [--json]` (French words
 * too: dupliquer, étendre, projecteur, ordinateur). Windows and Linux X11 switch; Wayland and macOS
 * explain (and open the settings with --open-settings). Exit codes: 0 applied or already so, 1 the
 * switch failed, 2 unknown mode, 3 the OS needs the teacher (Wayland, macOS), 4 no projector/screen.
 */
export function registerDisplay(program: Command, ctx: CliContext): void {
  const t = ctx.t;
  const display = program.command('display').description(t('cli:display.description'));
  display
    .command('mode')
    .description(t('cli:display.mode'))
    .argument('<mode>', t('cli:display.modeArgument'))
    .option('--open-settings', t('cli:display.openSettings'))
    .action(async (mode: string, opts: { openSettings?: boolean }) => {
      const host = await ctx.host();
      // The environment given to the command (DISPLAY, XDG_SESSION_TYPE, PATH…), not the process's:
      // scripts and tests say which session they mean.
      const service = new DisplayModeService({
        platform: process.platform,
        osRelease: release(),
        env: ctx.io.env,
        runner: createExecFileRunner(ctx.io.env),
        findExecutable: createExecutableFinder(ctx.io.env.PATH),
        logger: host.logBook.logger('display'),
      });
      const outcome = await runDisplayModeCommand(service, mode, { openSettings: opts.openSettings === true });
      const result = outcome.json.result;
      let human: string;
      if (outcome.json.error) human = `${t('cli:error')} ${errorMessage(t, outcome.json.error)}${outcome.json.error.detail ? `\n  ${outcome.json.error.detail}` : ''}`;
      else human = t(result?.applied && !result.changed ? 'cli:display.already' : 'cli:display.applied', { mode: t(`cli:display.modes.${result?.mode ?? 'duplicate'}`) });
      if (outcome.json.ok) ctx.print(human, outcome.json);
      else if (ctx.json()) ctx.io.stdout(`${JSON.stringify(outcome.json, null, 2)}\n`);
      else ctx.io.stderr(`${human}\n`);
      ctx.setExit(outcome.exitCode);
    });
}
