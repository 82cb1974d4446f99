import type { Command } from 'commander';
import type { CliContext } from '../context';

/** `classe info`: version, platform and health, the first thing IT checks. */
export function registerInfo(program: Command, ctx: CliContext): void {
  program
    .command('info')
    .description(ctx.t('info.description'))
    .action(async () => {
      const host = await ctx.host();
      const info = await host.dispatcher.call('app.info', undefined, { transport: 'cli' });
      const health = await host.dispatcher.call('app.health', undefined, { transport: 'cli' });
      if (!info.ok) return void ctx.fail(info.error);
      if (!health.ok) return void ctx.fail(health.error);
      const i = info.value;
      ctx.print(
        ctx.t('info.human', { name: i.name, version: i.version, platform: i.platform, arch: i.arch, node: i.node, status: ctx.t(health.value.ok ? 'info.ok' : 'info.degraded') }),
        { ok: true, info: i, health: health.value },
      );
    });
}
