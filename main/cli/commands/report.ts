import type { Command } from 'commander';
import type { CliContext } from '../context';

/**
 * `classe report [--json]`: the diagnostic report for IT (same content as « Copier le rapport pour le
 * service informatique »), every known password masked. Always exit code 0: a report about a broken
 * setup is still a report. --json prints the report object (reportVersion 1).
 */
export function registerReport(program: Command, ctx: CliContext): void {
  program
    .command('report')
    .description(ctx.t('report.description'))
    .action(async () => {
      const host = await ctx.host();
      const { json, text } = await host.services.report(ctx.language);
      ctx.io.stdout(ctx.json() ? `${JSON.stringify(json, null, 2)}\n` : text);
    });
}
