/**
 * `classe profile validate|keygen|sign|verify|export`: the IT profile tools. The logic and the stable
 * JSON shapes live in main/services/profiles/cli-ops.ts; this file parses arguments and prints.
 *
 * Exit codes (README, docs/it/deploying.md): 0 ok · 1 profile invalid · 2 usage or file error ·
 * 3 file changed after signing · 4 signed by an untrusted key · 5 signature missing ·
 * 6 signature malformed or matching no key · 7 no trusted key to verify with.
 */
import type { Command } from 'commander';
import { EXIT, keygenCommand, signCommand, validateCommand, verifyCommand, type CliResult } from '../../services/profiles/cli-ops';
import { writeFileAtomic } from '../../services/profiles/files';
import type { CliContext } from '../context';

/** --json: the stable object on stdout. Else the text: on stderr for usage and file errors, stdout otherwise. */
function emit(ctx: CliContext, result: CliResult<object>): void {
  if (ctx.json()) ctx.io.stdout(`${JSON.stringify(result.json, null, 2)}\n`);
  else if (result.exitCode === EXIT.usage) ctx.io.stderr(result.text);
  else ctx.io.stdout(result.text);
  ctx.setExit(result.exitCode);
}

export function registerProfile(program: Command, ctx: CliContext): void {
  const t = ctx.t;
  const profile = program.command('profile').description(t('profile.description'));

  profile
    .command('validate')
    .description(t('profile.validate.description'))
    .argument('<file>', t('profile.args.file'))
    .action(async (file: string) => emit(ctx, await validateCommand({ file, lang: ctx.language })));

  profile
    .command('keygen')
    .description(t('profile.keygen.description'))
    .requiredOption('--out <prefix>', t('profile.keygen.out'))
    .option('--force', t('profile.keygen.force'))
    .action(async (opts: { out: string; force?: boolean }) => emit(ctx, await keygenCommand({ out: opts.out, force: Boolean(opts.force), lang: ctx.language })));

  profile
    .command('sign')
    .description(t('profile.sign.description'))
    .argument('<file>', t('profile.args.file'))
    .requiredOption('--key <key>', t('profile.sign.key'))
    .option('--out <sig>', t('profile.sign.out'))
    .action(async (file: string, opts: { key: string; out?: string }) =>
      emit(ctx, await signCommand({ file, key: opts.key, lang: ctx.language, ...(opts.out ? { out: opts.out } : {}) })),
    );

  profile
    .command('verify')
    .description(t('profile.verify.description'))
    .argument('<file>', t('profile.args.file'))
    .option('--key <pub...>', t('profile.verify.key'))
    .option('--sig <sig>', t('profile.verify.sig'))
    .action(async (file: string, opts: { key?: string[]; sig?: string }) =>
      emit(
        ctx,
        await verifyCommand({
          file,
          lang: ctx.language,
          keysDir: ctx.managedLocation().trustedKeysDir,
          ...(opts.key ? { keys: opts.key } : {}),
          ...(opts.sig ? { signature: opts.sig } : {}),
        }),
      ),
    );

  profile
    .command('export')
    .description(t('profile.export.description'))
    .option('--include-passwords', t('profile.export.includePasswords'))
    .option('--out <file>', t('profile.export.out'))
    .action(async (opts: { includePasswords?: boolean; out?: string }) => {
      const includePasswords = Boolean(opts.includePasswords);
      // Passwords go to a file readable by the user only, never to a terminal or a pipe (scrollback, logs).
      if (includePasswords && !opts.out) {
        return void ctx.fail({ code: 'profiles.export_needs_file' }, EXIT.usage);
      }
      const host = await ctx.host();
      const draft = await host.services.exportProfile({ includePasswords });
      if (opts.out) {
        try {
          await writeFileAtomic(opts.out, draft.text, { mode: includePasswords ? 0o600 : 0o644 });
        } catch (e) {
          return void ctx.fail({ code: 'profiles.export_failed', detail: `${opts.out}: ${String((e as NodeJS.ErrnoException).code ?? e)}` }, EXIT.usage);
        }
      }
      const json = {
        command: 'profile.export',
        ok: true,
        exitCode: EXIT.ok,
        file: opts.out ?? null,
        rooms: draft.rooms,
        devices: draft.devices,
        skipped: draft.skipped,
        passwordsIncluded: draft.passwordsIncluded,
        passwordsLeftOut: draft.passwordsLeftOut,
        ...(opts.out ? {} : { profile: draft.profile }),
      };
      if (ctx.json()) ctx.io.stdout(`${JSON.stringify(json, null, 2)}\n`);
      else {
        const summary = [
          t(opts.out ? 'profile.export.written' : 'profile.export.summary', { file: opts.out ?? '', rooms: draft.rooms, devices: draft.devices }),
          draft.skipped.length > 0 ? t('profile.export.skipped', { count: draft.skipped.length, names: draft.skipped.map((s) => s.name).join(', ') }) : '',
          includePasswords ? t('profile.export.passwordsIncluded', { count: draft.passwordsIncluded }) : '',
          draft.passwordsLeftOut > 0 ? t('profile.export.passwordsLeftOut', { count: draft.passwordsLeftOut }) : '',
        ].filter((line) => line !== '');
        // The draft itself on stdout (to redirect into a file), the explanations on stderr.
        if (!opts.out) ctx.io.stdout(draft.text);
        (opts.out ? ctx.io.stdout : ctx.io.stderr)(`${summary.join('\n')}\n`);
      }
      ctx.setExit(EXIT.ok);
    });
}
