/**
 * The guides' live diagnostics for projectors: each check reads the projector now (through the same
 * one-connection-per-projector PJLink services as everything else) and explains what it found; each
 * fix is a one-click action, awaited until the projector has done it (warm-up included).
 *
 * In standby, PJLink lets a projector either tell its stored input and AV mute or answer ERR3
 * ("unavailable now"). Those that tell get input ✗ / mute ✗ while still in standby, so the teacher
 * sees all three problems at once; for the others the two checks stay « non vérifié ». A fix a
 * projector refuses in standby says to switch it on first (the power line's « Réparer »).
 */
import type { Device } from '../../../preload/contract/devices';
import type { CheckImplementation, CheckOutcome, CheckRegistry, FixImplementation, FixRegistry } from '../../services/guides/diagnostics';
import type { ProjectorServices } from '../../services/actions/projector-services';
import type { ActionRequest, ProjectorRef } from '../../services/actions/types';
import type { ProjectorStatus } from '../../services/pjlink/status';
import type { PjlinkClient, PjlinkInput } from '../../services/pjlink/client';
import { resolveInputSpec } from '../../services/pjlink/inputs';
import { ServiceError } from '../../services/core/errors';
import type { TFunction } from 'i18next';

export interface ProjectorDiagnosticsDeps {
  projectors: ProjectorServices;
  /** The device's PJLink target and what the profile/demo knows about it (preferred input). */
  projectorRef(device: Device): ProjectorRef;
  /** The input "Afficher" selects for this device (profile, demo, or the teacher's remembered choice). */
  expectedInput(device: Device, ref: ProjectorRef): Promise<string | null>;
  translate(): TFunction;
}

const AUTH_CODES = new Set(['pjlink.auth_failed', 'pjlink.password_required']);

export function projectorDiagnostics(deps: ProjectorDiagnosticsDeps): { checks: CheckRegistry; fixes: FixRegistry } {
  const { projectors } = deps;

  async function statusOf(device: Device | null): Promise<{ ref: ProjectorRef; status: ProjectorStatus } | null> {
    if (!device) return null;
    const ref = deps.projectorRef(device);
    const status = await projectors.poller.refresh({ host: ref.host, port: ref.port ?? null });
    return { ref, status };
  }

  async function inputsOf(ref: ProjectorRef): Promise<PjlinkInput[]> {
    try {
      return await projectors.manager.client({ host: ref.host, port: ref.port ?? null }, { pjlinkClass: ref.pjlinkClass ?? null }).inputs({ priority: 'user' });
    } catch {
      return [];
    }
  }

  /**
   * The poller stops asking a projector that answered ERR3 in standby (see ProjectorPoller); the
   * diagnostic asks again now, so what it shows is what the projector says at this moment.
   */
  async function inStandby<T>(status: ProjectorStatus, ref: ProjectorRef, known: T | null, read: (client: PjlinkClient) => Promise<T>): Promise<T | null> {
    if (known !== null || status.power !== 'standby') return known;
    try {
      return await read(projectors.manager.client({ host: ref.host, port: ref.port ?? null }, { pjlinkClass: ref.pjlinkClass ?? null }));
    } catch {
      return null;
    }
  }

  function label(code: string, inputs: PjlinkInput[]): string {
    const known = inputs.find((i) => i.code === code);
    if (known?.name) return known.name;
    const t = deps.translate();
    return known ? t(`pjlink:${known.typeKey}`, { number: known.number }) : code;
  }

  const check = (run: (found: { ref: ProjectorRef; status: ProjectorStatus; device: Device }) => Promise<CheckOutcome> | CheckOutcome): CheckImplementation => ({
    async run(ctx) {
      const found = await statusOf(ctx.device);
      if (!found || !ctx.device) return { status: 'skipped', reason: 'unavailable' };
      return run({ ...found, device: ctx.device });
    },
  });

  const checks: CheckRegistry = {
    'projector.reachable': check(({ status }): CheckOutcome =>
      status.reachable === false && !AUTH_CODES.has(status.problem?.code ?? '')
        ? { status: 'fail', reason: 'unreachable', ...(status.problem ? { detail: status.problem.code } : {}) }
        : { status: 'pass', reason: 'ok' },
    ),
    'pjlink.auth': check(({ status, device }): CheckOutcome => {
      const code = status.problem?.code;
      if (code === 'pjlink.auth_failed') return { status: 'fail', reason: 'refused', fixable: false };
      if (code === 'pjlink.password_required') return { status: 'fail', reason: 'missing', fixable: false };
      return { status: 'pass', reason: device.endpoints.pjlink?.authRequired ? 'ok' : 'none' };
    }),
    'projector.power': check(({ status }): CheckOutcome => {
      switch (status.power) {
        case 'on':
          return { status: 'pass', reason: 'on' };
        case 'warming':
          return { status: 'warn', reason: 'warming', fixable: false };
        case 'cooling':
          return { status: 'warn', reason: 'cooling', fixable: false };
        case 'standby':
          return { status: 'fail', reason: 'standby' };
        default:
          return { status: 'skipped', reason: 'standby', fixable: false };
      }
    }),
    'projector.input': check(async ({ status, ref, device }): Promise<CheckOutcome> => {
      const input = await inStandby(status, ref, status.input, (client) => client.input({ priority: 'user' }));
      if (input === null) return { status: 'skipped', reason: 'unavailable' };
      const inputs = await inputsOf(ref);
      const expected = await deps.expectedInput(device, ref);
      const expectedCode = expected ? (resolveInputSpec(expected, inputs) ?? expected) : null;
      const current = label(input, inputs);
      if (!expectedCode) return { status: 'warn', reason: 'unknown_expected', params: { current }, fixable: false };
      if (expectedCode === input) return { status: 'pass', reason: 'ok', params: { input: current } };
      return { status: 'fail', reason: 'wrong', params: { current, expected: label(expectedCode, inputs) }, fixParams: { input: expectedCode } };
    }),
    'projector.signal': check(async ({ status, ref, device }): Promise<CheckOutcome> => {
      if (status.pjlinkClass === 1) return { status: 'skipped', reason: 'unsupported' };
      if (status.resolution === null || status.resolution === 'unknown') return { status: 'skipped', reason: 'unsupported' };
      if (status.resolution === 'no-signal') {
        const expected = await deps.expectedInput(device, ref);
        return { status: 'fail', reason: 'none', ...(expected ? { fixParams: { input: expected } } : { fixable: false }) };
      }
      return { status: 'pass', reason: 'ok', params: { resolution: `${status.resolution.width} × ${status.resolution.height}` } };
    }),
    'projector.mute': check(async ({ status, ref }): Promise<CheckOutcome> => {
      const mute = await inStandby(status, ref, status.mute, (client) => client.mute({ priority: 'user' }));
      if (!mute) return { status: 'skipped', reason: 'unavailable' };
      return mute.video ? { status: 'fail', reason: 'on' } : { status: 'pass', reason: 'off' };
    }),
    'projector.errors': check(({ status }): CheckOutcome => {
      if (!status.errors) return { status: 'skipped', reason: 'none' };
      for (const level of ['error', 'warning'] as const) {
        const component = (Object.keys(status.errors) as (keyof typeof status.errors)[]).find((c) => status.errors![c] === level);
        if (component) return { status: level === 'error' ? 'fail' : 'warn', reason: `${component}_${level}`, fixable: false };
      }
      return { status: 'pass', reason: 'none' };
    }),
  };

  const act = async (device: Device | null, request: (ref: ProjectorRef) => ActionRequest): Promise<void> => {
    if (!device) throw new ServiceError('guides.fix_unavailable');
    const run = projectors.actions.start(request(deps.projectorRef(device)));
    const outcome = await run.result;
    if (outcome.status !== 'succeeded') {
      const error = outcome.error;
      // The projector refuses this in standby (ERR3): in a diagnostic, the way forward is the power line.
      if (error?.code === 'pjlink.is_off') throw new ServiceError('guides.fix_power_first', { guide: 'guide:power-lamp' });
      throw new ServiceError(error?.code ?? 'actions.cancelled', { ...(error?.params ? { params: error.params } : {}), ...(error?.guide ? { guide: error.guide as `guide:${string}` } : {}) });
    }
  };

  const fix = (run: FixImplementation['run']): FixImplementation => ({ run });
  const fixes: FixRegistry = {
    'projector.powerOn': fix((ctx) => act(ctx.device, (projector) => ({ kind: 'on', projector }))),
    'projector.unmute': fix((ctx) => act(ctx.device, (projector) => ({ kind: 'unblank', projector }))),
    'projector.selectInput': fix((ctx) => {
      const input = ctx.params.input;
      if (typeof input !== 'string' || !input) throw new ServiceError('guides.fix_unavailable');
      return act(ctx.device, (projector) => ({ kind: 'select-input', projector, input }));
    }),
  };
  return { checks, fixes };
}
