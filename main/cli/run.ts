/**
 * The `classe` command line: a public interface for IT scripts. Commands and flags named in the issues
 * are kept stable, `--json` output is stable (one JSON object, or JSON lines for streaming commands),
 * and the exit codes are 0 (ok), 1 (the operation failed), 2 (wrong usage).
 */
import { Command, CommanderError, Help } from 'commander';
import { createHost, type Host } from '../host';
import { APP_VERSION } from '../services/core/version';
import { systemLocale } from '../services/core/locale';
import { LogBook } from '../services/core/logger';
import { defaultUserDataDir } from '../services/core/paths';
import { JsonFileSettingsStore } from '../services/settings/store';
import { resolveManagedLocation } from '../services/profiles/managed-paths';
import { join } from 'node:path';
import { cliLanguage, createCliT } from './i18n';
import { EXIT, errorMessage, type CliContext, type CliIo } from './context';
import { registerCommands } from './commands';

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const language = cliLanguage(argv, systemLocale(io.env));
  const t = createCliT(language);
  let exitCode: number = EXIT.ok;
  let hostPromise: Promise<Host> | null = null;

  const program = new Command('classe');
  const ctx: CliContext = {
    io,
    t,
    language,
    json: () => Boolean(program.opts().json),
    profilePath: () => (program.opts().profile as string | undefined) ?? null,
    managedLocation: () => resolveManagedLocation({ platform: process.platform, env: io.env, profileOption: ctx.profilePath() }),
    host() {
      hostPromise ??= createHost({
        runtime: 'cli',
        version: APP_VERSION,
        locale: language,
        settingsStore: new JsonFileSettingsStore(join(defaultUserDataDir(io.env), 'settings.json')),
        logBook: new LogBook(500, program.opts().verbose ? (l) => io.stderr(`[${l.level}] ${l.scope}: ${l.message}\n`) : null, 'debug'),
        userDataDir: defaultUserDataDir(io.env),
        profilePath: ctx.profilePath(),
        env: io.env,
        // A command runs once: no watching, and it reports the profile as loaded (online one included).
        profileService: { watch: false, pollIntervalMs: 0 },
        profileWaitMs: null,
      });
      return hostPromise;
    },
    print(human, json) {
      io.stdout(ctx.json() ? `${JSON.stringify(json, null, 2)}\n` : `${human}\n`);
    },
    line(human, json) {
      io.stdout(ctx.json() ? `${JSON.stringify(json)}\n` : `${human}\n`);
    },
    fail(error, code = EXIT.failed) {
      const message = errorMessage(t, error);
      if (ctx.json()) {
        const out: Record<string, unknown> = { code: error.code, message };
        if (error.guide) out.guide = error.guide;
        if (error.detail) out.detail = error.detail;
        io.stdout(`${JSON.stringify({ ok: false, error: out })}\n`);
      } else {
        io.stderr(`${t('cli:error')} ${message}${error.detail ? `\n  ${error.detail}` : ''}\n`);
      }
      exitCode = code;
      return code;
    },
    setExit(code) {
      exitCode = code;
    },
  };

  const titles: Record<string, string> = {
    'Usage:': t('help.usage'),
    'Options:': t('help.options'),
    'Commands:': t('help.commands'),
    'Arguments:': t('help.arguments'),
    'Global Options:': t('help.globalOptions'),
  };
  class TranslatedHelp extends Help {
    override styleTitle(title: string): string {
      return titles[title] ?? title;
    }
  }
  const configure = (cmd: Command) => {
    cmd
      .helpOption('-h, --help', t('help.help'))
      .exitOverride()
      .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s), outputError: () => {} })
      .createHelp = () => Object.assign(new TranslatedHelp(), cmd.configureHelp());
  };

  program
    .description(t('description'))
    .version(APP_VERSION, '-V, --version', t('help.version'))
    .option('--json', t('options.json'))
    .option('--lang <lang>', t('options.lang'))
    .option('--verbose', t('options.verbose'))
    .option('--profile <file>', t('options.profile'))
    .helpCommand('help [command]', t('help.helpCommand'))
    .showSuggestionAfterError(true);
  configure(program);

  registerCommands(program, ctx);
  // Nested commands too (`classe profile validate`): translated help and the same error handling.
  const configureTree = (cmd: Command) => {
    for (const sub of cmd.commands) {
      configure(sub);
      configureTree(sub);
    }
  };
  configureTree(program);

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
      const key = `usage.${e.code.replace('commander.', '')}`;
      const message = t(key, { defaultValue: '' }) || e.message.replace(/^error: /, '');
      if (ctx.json()) io.stdout(`${JSON.stringify({ ok: false, error: { code: `cli.${e.code.replace('commander.', '')}`, message, detail: e.message } })}\n`);
      else io.stderr(`${t('cli:error')} ${message}\n  ${e.message.replace(/^error: /, '')}\n${t('usage.seeHelp')}\n`);
      return EXIT.usage;
    }
    return ctx.fail({ code: 'app.unexpected', detail: e instanceof Error ? e.message : String(e) });
  } finally {
    const started = hostPromise as Promise<Host> | null;
    if (started) await (await started).dispose();
  }
  return exitCode;
}
