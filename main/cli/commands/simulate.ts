import type { Command } from 'commander';
import type { CliContext } from '../context';
import { EXIT } from '../context';
import { SimulatorFleet } from '../../services/simulator/fleet';
import { sanitizeText } from '../../services/core/sanitize';

/**
 * `classe simulate [--count N] [--password …] [--class 1|2] [--base-port P] [--host 127.0.0.1]
 * [--answer-in-standby]`: starts simulated PJLink projectors (for trainers, IT tests and scripts) and
 * keeps them until Ctrl-C. By default they answer ERR3 to INPT/AVMT in standby and forget the mute
 * when switched off or on (Epson-like); `--answer-in-standby` makes them tell the stored input and mute
 * in standby and keep the mute at power-on, as several NEC, Panasonic and Sony models do.
 */
export function registerSimulate(program: Command, ctx: CliContext): void {
  const t = ctx.t;
  program
    .command('simulate')
    .description(t('cli:simulate.description'))
    .option('--count <n>', t('cli:simulate.count'), '1')
    .option('--password <password>', t('cli:simulate.password'))
    .option('--class <1|2>', t('cli:simulate.class'), '2')
    .option('--base-port <port>', t('cli:simulate.basePort'))
    .option('--host <address>', t('cli:simulate.host'), '127.0.0.1')
    .option('--answer-in-standby', t('cli:simulate.answerInStandby'))
    .action(async (opts: { count: string; password?: string; class: string; basePort?: string; host: string; answerInStandby?: boolean }) => {
      const count = Number(opts.count);
      if (!Number.isInteger(count) || count < 1 || count > 5000) return void ctx.fail({ code: 'cli.invalid_count', params: { value: sanitizeText(opts.count, 20) } }, EXIT.usage);
      if (opts.class !== '1' && opts.class !== '2') return void ctx.fail({ code: 'cli.invalid_class', params: { value: sanitizeText(opts.class, 20) } }, EXIT.usage);
      const basePort = opts.basePort === undefined ? null : Number(opts.basePort);
      if (basePort !== null && (!Number.isInteger(basePort) || basePort < 1 || basePort + count - 1 > 65535)) return void ctx.fail({ code: 'cli.invalid_port', params: { value: sanitizeText(opts.basePort ?? '', 20) } }, EXIT.usage);
      let fleet: SimulatorFleet;
      try {
        fleet = await SimulatorFleet.start({
          count,
          host: opts.host,
          basePort,
          password: opts.password ?? null,
          pjlinkClass: opts.class === '1' ? 1 : 2,
          ...(opts.answerInStandby ? { projector: { quirks: { standbyQueries: 'answer', muteSurvivesPowerOn: true } } } : {}),
        });
      } catch (e) {
        return void ctx.fail({ code: 'cli.simulate_failed', params: { host: sanitizeText(opts.host, 60) }, detail: String(e).slice(0, 300) });
      }
      const targets = fleet.targets();
      for (const target of targets) ctx.line(t('cli:simulate.listening', { host: target.host, port: target.port }), { type: 'projector', host: target.host, port: target.port, pjlinkClass: Number(opts.class), password: opts.password !== undefined });
      ctx.line(t('cli:simulate.ready', { count: targets.length }), { type: 'ready', count: targets.length });
      await new Promise<void>((resolve) => {
        if (!ctx.io.signal) return resolve();
        if (ctx.io.signal.aborted) return resolve();
        ctx.io.signal.addEventListener('abort', () => resolve(), { once: true });
      });
      await fleet.stop();
    });
}
