import type { Command } from 'commander';
import type { CliContext } from '../context';
import { runScanCommand } from '../scan-runner';
import { createProjectorServices } from '../../services/actions/projector-services';
import { createProjectorInfoReader } from '../../services/pjlink/info-reader';

/** `classe scan [--timeout 5s] [--probe] [--interface NAME…]`: prints devices as they are found, then a summary. */
export function registerScan(program: Command, ctx: CliContext): void {
  program
    .command('scan')
    .description(ctx.t('scan:description'))
    .option('--timeout <duration>', ctx.t('scan:options.timeout'), '5s')
    .option('--probe', ctx.t('scan:options.probe'))
    .option('--interface <name>', ctx.t('cli:scan.interface'), (value: string, previous: string[] = []) => [...previous, value])
    .action(async (opts: { timeout: string; probe?: boolean; interface?: string[] }) => {
      const host = await ctx.host();
      // Projector details are read with the same PJLink client as the app (passwords from the profile).
      const pjlink = createProjectorServices({ notifications: false, secrets: (target) => host.services.pjlinkPassword({ host: target.host }), logger: host.logBook.logger('pjlink') });
      // The same reader as the app's discovery: identity and inputs, each connection released after reading.
      const readProjectorInfo = createProjectorInfoReader(pjlink.manager);
      try {
        const code = await runScanCommand(
          { timeout: opts.timeout, json: ctx.json(), probe: opts.probe === true, ...(opts.interface?.length ? { interfaces: opts.interface } : {}) },
          {
            out: (line) => ctx.io.stdout(`${line}\n`),
            language: ctx.language,
            readProjectorInfo,
            inventory: host.services.profiles.inventory(),
            logger: host.logBook.logger('scan'),
            ...(ctx.io.signal ? { signal: ctx.io.signal } : {}),
          },
        );
        ctx.setExit(code);
      } catch (e) {
        if (e instanceof RangeError) ctx.fail({ code: 'cli.invalid_duration', params: { value: opts.timeout } }, 2);
        else throw e;
      } finally {
        await pjlink.dispose();
      }
    });
}
