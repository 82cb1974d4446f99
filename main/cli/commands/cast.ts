import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { CliContext } from '../context';
import { EXIT, errorMessage } from '../context';
import { parseDuration } from '../scan-runner';
import { castCommand, castStopCommand } from '../../services/cast/cast-command';
import { resolveCastTarget, type CastProtocol } from '../../services/cast/cast-target';
import type { CastStatus } from '../../services/cast/cast-service';
import type { ErrorInfo } from '../../services/core/errors';
import { sanitizeText } from '../../services/core/sanitize';

/** `--to` that needs no discovery: host:port of a Cast receiver, or a DLNA description URL. */
function direct(to: string): boolean {
  return /^https?:\/\//i.test(to.trim()) || /^[^:\s]+:\d{1,5}$/.test(to.trim());
}

/**
 * `classe cast <file> --to <device|host> [--take-over] [--page N] [--protocol googlecast|dlna]
 * [--timeout 5s] [--json]` and `classe cast stop --to …`: the same CastService as the app. `--to` is a
 * device name (accents and case ignored), a registry id, an address, `host:port` (Cast) or a DLNA
 * description URL; names are looked up with the app's discovery for up to `--timeout`. The command
 * stays while the screen plays (the screen fetches the file from this process) and returns when the
 * media ends, the screen stops, or on Ctrl-C (which stops the cast).
 * Exit codes: 0 ok, 1 the cast failed, 2 bad file or unknown screen (nothing was sent).
 */
export function registerCast(program: Command, ctx: CliContext): void {
  const t = ctx.t;
  program
    .command('cast')
    .description(t('cli:cast.description'))
    .argument('<file>', t('cli:cast.file'))
    .requiredOption('--to <screen>', t('cli:cast.to'))
    .option('--take-over', t('cli:cast.takeOver'))
    .option('--page <n>', t('cli:cast.page'))
    .option('--protocol <protocol>', t('cli:cast.protocol'))
    .option('--timeout <duration>', t('cli:cast.timeout'), '5s')
    .action(async (fileArg: string, opts: { to: string; takeOver?: boolean; page?: string; protocol?: string; timeout: string }) => {
      let waitMs: number;
      try {
        waitMs = parseDuration(opts.timeout);
      } catch {
        return void ctx.fail({ code: 'cli.invalid_duration', params: { value: sanitizeText(opts.timeout, 40) } }, EXIT.usage);
      }
      const page = opts.page === undefined ? undefined : Number(opts.page);
      if (page !== undefined && !(Number.isInteger(page) && page >= 1)) return void ctx.fail({ code: 'cli.invalid_page', params: { value: sanitizeText(opts.page, 20) } }, EXIT.usage);
      const prefer = opts.protocol as CastProtocol | undefined;
      if (prefer !== undefined && prefer !== 'googlecast' && prefer !== 'dlna') return void ctx.fail({ code: 'cli.invalid_protocol', params: { value: sanitizeText(opts.protocol, 20) } }, EXIT.usage);

      const host = await ctx.host();
      const devices = host.services.devices;
      // A name needs the screens of the network: the app's discovery (mDNS, SSDP…), for up to --timeout.
      if (!direct(opts.to) && !resolveCastTarget(opts.to, devices.registry.list(), prefer).ok) {
        await devices.start();
        const deadline = Date.now() + waitMs;
        while (Date.now() < deadline && !ctx.io.signal?.aborted && !resolveCastTarget(opts.to, devices.registry.list(), prefer).ok) {
          await new Promise((r) => setTimeout(r, 200));
        }
      }
      const describe = ({ status, error }: { status?: CastStatus; error?: ErrorInfo }): string => {
        if (error) return `${t('cli:error')} ${errorMessage(t, error)}${error.detail ? `\n  ${error.detail}` : ''}`;
        if (!status) return '';
        if (status.error) return `${t('cli:error')} ${errorMessage(t, status.error)}`;
        const page = status.page ? ` — ${t('cli:cast.pageOf', { page: status.page.index + 1, count: status.page.count })}` : '';
        return `${t(`cast:status.${status.state}`, { name: status.targetName })} — ${status.file.name}${page}`;
      };
      const castCtx = {
        service: host.services.cast.service,
        devices: () => devices.registry.list(),
        write: (line: string) => ctx.io.stdout(`${line}\n`),
        describe,
      };
      const json = ctx.json();
      const code =
        fileArg === 'stop'
          ? await castStopCommand(castCtx, { to: opts.to, json, ...(prefer ? { prefer } : {}) })
          : await castCommand(castCtx, {
              file: resolve(fileArg),
              to: opts.to,
              json,
              takeOver: opts.takeOver === true,
              ...(page ? { page } : {}),
              ...(prefer ? { prefer } : {}),
              ...(ctx.io.signal ? { signal: ctx.io.signal } : {}),
            });
      ctx.setExit(code);
    });
}
