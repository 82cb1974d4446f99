import type { Command } from 'commander';
import type { TFunction } from 'i18next';
import type { CliContext } from '../context';
import { EXIT } from '../context';
import { createProjectorServices, type ProjectorServices } from '../../services/actions/projector-services';
import type { ActionRequest } from '../../services/actions/types';
import { readProjectorStatus } from '../../services/pjlink/poller';
import type { PjlinkInput } from '../../services/pjlink/client';
import { toContractInput, toContractStatus } from '../../modules/devices/projector-view';
import { ServiceError, toErrorInfo } from '../../services/core/errors';
import { sanitizeText } from '../../services/core/sanitize';

const ACTIONS = ['on', 'off', 'show', 'blank', 'unblank', 'freeze', 'unfreeze'] as const;
type Verb = (typeof ACTIONS)[number] | 'status' | 'inputs' | 'input';

function inputLabel(t: TFunction, input: PjlinkInput): string {
  return input.name ?? t(`pjlink:${input.typeKey}`, { number: input.number });
}

/**
 * `classe projector <host> status|on|off|show|blank|unblank|freeze|unfreeze|input <code|name>|inputs`
 * [--port 4352] [--password …] [--input …] [--json]: one projector, through the same PJLink client as
 * the app (one connection, timeouts, reconnect). The password comes from --password, else the profile
 * or the passwords typed in the app; it is never printed.
 */
export function registerProjector(program: Command, ctx: CliContext): void {
  const t = ctx.t;
  program
    .command('projector')
    .description(t('cli:projector.description'))
    .argument('<host>', t('cli:projector.host'))
    .argument('<command>', t('cli:projector.command'))
    .argument('[input]', t('cli:projector.input'))
    .option('--port <port>', t('cli:projector.port'), '4352')
    .option('--password <password>', t('cli:projector.password'))
    .option('--input <input>', t('cli:projector.preferredInput'))
    .option('--timeout <seconds>', t('cli:projector.timeout'), '120')
    .action(async (hostArg: string, verbArg: string, inputArg: string | undefined, opts: { port: string; password?: string; input?: string; timeout: string }) => {
      const verb = verbArg as Verb;
      if (![...ACTIONS, 'status', 'inputs', 'input'].includes(verb)) return void ctx.fail({ code: 'cli.unknown_projector_command', params: { command: sanitizeText(verbArg, 40) } }, EXIT.usage);
      if (verb === 'input' && !inputArg) return void ctx.fail({ code: 'cli.missing_input' }, EXIT.usage);
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 1 || port > 65535) return void ctx.fail({ code: 'cli.invalid_port', params: { value: sanitizeText(opts.port, 20) } }, EXIT.usage);
      const host = hostArg.trim();
      if (!/^[A-Za-z0-9.:_-]{1,253}$/.test(host)) return void ctx.fail({ code: 'devices.invalid_address', params: { input: sanitizeText(hostArg, 60) } }, EXIT.usage);
      const timeoutMs = Math.max(5, Number(opts.timeout) || 120) * 1000;

      const classeHost = await ctx.host();
      if (opts.password) classeHost.logBook.redact(opts.password);
      const services: ProjectorServices = createProjectorServices({
        notifications: false,
        secrets: async (target) => opts.password ?? (await classeHost.services.pjlinkPassword({ host: target.host })),
        logger: classeHost.logBook.logger('pjlink'),
      });
      const target = { host, port };
      try {
        if (verb === 'status') await status(ctx, services, target);
        else if (verb === 'inputs') {
          const inputs = await services.manager.client(target).inputs({ priority: 'user' });
          ctx.print(inputs.map((i) => `${i.code}  ${inputLabel(t, i)}`).join('\n') || t('cli:projector.noInputs'), { ok: true, host, port, inputs: inputs.map(toContractInput) });
        } else await action(ctx, services, verb, target, inputArg ?? opts.input ?? null, timeoutMs);
      } catch (e) {
        ctx.fail(toErrorInfo(e));
      } finally {
        await services.dispose();
      }
    });
}

async function status(ctx: CliContext, services: ProjectorServices, target: { host: string; port: number }): Promise<void> {
  const t = ctx.t;
  const client = services.manager.client(target);
  const info = await client.info({ priority: 'user' });
  const raw = await readProjectorStatus(client, { includeSlow: true });
  if (raw.reachable === false && raw.problem) throw new ServiceError(raw.problem.code, raw.problem.guide ? { guide: raw.problem.guide } : {});
  const inputs = await client.inputs({ priority: 'user' }).catch(() => [] as PjlinkInput[]);
  const view = toContractStatus(`${target.host}:${target.port}`, raw);
  const inputName = view.input ? (inputs.find((i) => i.code === view.input) ? inputLabel(t, inputs.find((i) => i.code === view.input)!) : view.input) : null;
  const lines = [
    `${info.name ?? target.host}${info.manufacturer || info.model ? ` (${[info.manufacturer, info.model].filter(Boolean).join(' ')})` : ''} — ${target.host}:${target.port} — PJLink ${info.pjlinkClass}`,
    `${t('cli:projector.power')} ${view.power ? t(`pjlink:power.${view.power}`) : '?'}`,
  ];
  if (inputName) lines.push(`${t('cli:projector.source')} ${inputName} (${view.input})`);
  if (view.mute) lines.push(`${t('cli:projector.picture')} ${t(view.mute.video ? 'pjlink:mute.on' : 'pjlink:mute.off')}`);
  if (view.freeze !== null) lines.push(`${t('cli:projector.frozen')} ${t(view.freeze ? 'pjlink:freeze.on' : 'pjlink:freeze.off')}`);
  if (view.signal === 'none') lines.push(`${t('cli:projector.signal')} ${t('pjlink:signal.no-signal')}`);
  else if (view.resolution) lines.push(`${t('cli:projector.signal')} ${view.resolution.width} × ${view.resolution.height}`);
  if (view.hasLamp === false) lines.push(`${t('pjlink:component.lamp')} : ${t('pjlink:no_lamp')}`);
  else if (view.lampHours !== null) lines.push(`${t('pjlink:component.lamp')} : ${t('pjlink:lamp_hours', { hours: view.lampHours })}`);
  if (view.filterHours !== null) lines.push(`${t('pjlink:component.filter')} : ${t('pjlink:filter_hours', { hours: view.filterHours })}`);
  for (const alert of view.alerts) lines.push(`⚠ ${t(`pjlink:component.${alert.component}`)} : ${t(`pjlink:level.${alert.level}`)} — ${t(`errors:${alert.code}`)}${alert.guide ? ` (${alert.guide})` : ''}`);
  const { deviceId: _ignored, ...statusJson } = view;
  ctx.print(lines.join('\n'), {
    ok: true,
    host: target.host,
    port: target.port,
    info: { name: info.name, manufacturer: info.manufacturer, model: info.model, pjlinkClass: info.pjlinkClass },
    status: statusJson,
    inputs: inputs.map(toContractInput),
  });
}

async function action(ctx: CliContext, services: ProjectorServices, verb: (typeof ACTIONS)[number] | 'input', target: { host: string; port: number }, input: string | null, timeoutMs: number): Promise<void> {
  const t = ctx.t;
  const projector = { host: target.host, port: target.port, deviceId: `${target.host}:${target.port}`, preferredInput: verb === 'show' ? input : null };
  let request: ActionRequest;
  if (verb === 'input') request = { kind: 'select-input', projector, input: input! };
  else if (verb === 'show') request = { kind: 'show', projector, chooseInput: async () => null };
  else request = { kind: verb, projector };
  const run = services.actions.start(request);
  let last = '';
  // Progress goes to stderr (humans watch it; scripts read stdout).
  run.on('progress', (p) => {
    const text = t(p.stepKey, p.params);
    if (text !== last && !ctx.json()) ctx.io.stderr(`  ${text}\n`);
    last = text;
  });
  const timer = setTimeout(() => services.actions.cancel(run.id), timeoutMs);
  const abort = () => services.actions.cancel(run.id);
  ctx.io.signal?.addEventListener('abort', abort);
  const outcome = await run.result;
  clearTimeout(timer);
  ctx.io.signal?.removeEventListener('abort', abort);
  if (outcome.status !== 'succeeded') {
    ctx.fail(outcome.error ?? { code: 'pjlink.cancelled' });
    return;
  }
  const warnings = outcome.warnings.map((w) => ({ code: w.code, message: t(`errors:${w.code}`, { ...w.params }), ...(w.guide ? { guide: w.guide } : {}) }));
  const human = [t(`actions:done.${outcome.kind}`), ...warnings.map((w) => `⚠ ${w.message}`)].join('\n');
  ctx.print(human, { ok: true, host: target.host, port: target.port, action: outcome.kind, input: outcome.input, warnings, durationMs: Math.round(outcome.durationMs) });
}
