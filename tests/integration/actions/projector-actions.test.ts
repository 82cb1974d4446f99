/** One-click actions against the simulator over loopback, with short warm-up/cooling delays. */
import { afterEach, describe, expect, it } from 'vitest';
import { Rig, sleep, waitFor } from '../pjlink/helpers';
import { ProjectorActions, type ActionTiming, type ProjectorActionsOptions } from '../../../main/services/actions/projector-actions';
import { MemoryInputMemory } from '../../../main/services/actions/input-memory';
import type { ActionProgress, ActionRequest, ProjectorRef } from '../../../main/services/actions/types';
import type { SimulatedProjector, SimulatedProjectorOptions } from '../../../main/services/simulator/pjlink-projector';
import type { ProjectorManager } from '../../../main/services/pjlink/manager';

const FAST: Partial<ActionTiming> = {
  pollIntervalMs: 40,
  typicalWarmupMs: 2000,
  busyRetryMs: 30,
  busyWindowMs: 1500,
  signalSettleMs: 20,
  unreachableGraceMs: 300,
  inputChoiceTimeoutMs: 1500,
  maxWarmupMs: 5000,
  maxCoolingWaitMs: 5000,
};

const rig = new Rig();
const services: ProjectorActions[] = [];
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.dispose()));
  await rig.cleanup();
});

interface Setup {
  sim: SimulatedProjector;
  manager: ProjectorManager;
  actions: ProjectorActions;
  commands: string[];
}

async function setup(sim: SimulatedProjectorOptions = {}, options: Partial<ProjectorActionsOptions> & { password?: string } = {}): Promise<Setup> {
  const s = await rig.sim({ warmupMs: 300, coolingMs: 200, input: '11', ...sim });
  const manager = rig.manager({ secrets: () => options.password ?? null, connection: { backoffInitialMs: 50, backoffMaxMs: 100, commandTimeoutMs: 500, connectTimeoutMs: 300 } });
  const actions = new ProjectorActions({ manager, ...options, timing: { ...FAST, ...options.timing } });
  services.push(actions);
  const commands: string[] = [];
  s.on('command', ({ line, reply }) => commands.push(`${line} -> ${reply}`));
  return { sim: s, manager, actions, commands };
}

/** ActionRequest with an optional projector (defaults to the simulator), kept distributive over the union. */
type LooseRequest = ActionRequest extends infer R ? (R extends ActionRequest ? Omit<R, 'projector'> & { projector?: ProjectorRef } : never) : never;

function run(actions: ProjectorActions, request: LooseRequest, sim: SimulatedProjector) {
  const r = actions.start({ ...request, projector: { ...sim.address, ...request.projector } } as ActionRequest);
  const progress: ActionProgress[] = [];
  r.on('progress', (p) => progress.push(p));
  return { run: r, progress, steps: () => [...new Set(progress.map((p) => p.step))] };
}

describe('show ("Afficher mon écran")', () => {
  it('goes from standby through the warm-up to the laptop input, unmuted', async () => {
    const { sim, actions, commands } = await setup();
    const { run: r, progress, steps } = run(actions, { kind: 'show' }, sim);
    const outcome = await r.result;
    expect(outcome).toMatchObject({ status: 'succeeded', error: null, warnings: [], input: '31', kind: 'show' });
    expect(steps()).toEqual(['connecting', 'powering_on', 'warming_up', 'listing_inputs', 'searching_signal', 'selecting_input', 'unmuting', 'done']);
    expect(sim.snapshot()).toMatchObject({ power: 'on', input: '31', mute: { video: false, audio: false } });
    expect(commands).toContain('%1POWR 1 -> %1POWR=OK');
    expect(commands).toContain('%1AVMT 30 -> %1AVMT=OK');
    // Every step is a catalog key.
    expect(progress.every((p) => p.stepKey === `actions:step.${p.step}`)).toBe(true);
    expect(progress.at(-1)?.progress).toBe(1);
  });

  it('counts down from the usual warm-up, then from the learnt one', async () => {
    const { sim, actions } = await setup({ warmupMs: 600 }, { timing: { typicalWarmupMs: 5000 } });
    const first = run(actions, { kind: 'show' }, sim);
    await first.run.result;
    const warm = first.progress.filter((p) => p.step === 'warming_up');
    expect(warm[0]?.params).toMatchObject({ totalSeconds: 5, remainingSeconds: 5, elapsedSeconds: 0 });
    const remaining = warm.map((p) => p.params.remainingSeconds as number);
    expect([...remaining].sort((a, b) => b - a)).toEqual(remaining);
    sim.setPower('standby');
    const second = run(actions, { kind: 'show' }, sim);
    await second.run.result;
    const total = second.progress.find((p) => p.step === 'warming_up' || p.step === 'warming_up_late')?.params.totalSeconds as number;
    expect(total).toBeLessThanOrEqual(1);
  });

  it('does not send POWR 1 to a projector that is already on', async () => {
    const { sim, actions, commands } = await setup({ power: 'on', input: '31' });
    const outcome = await run(actions, { kind: 'show' }, sim).run.result;
    expect(outcome.status).toBe('succeeded');
    expect(commands.some((c) => c.startsWith('%1POWR 1'))).toBe(false);
    expect(commands.some((c) => c.startsWith('%1INPT 31') || c.startsWith('%2INPT 31'))).toBe(false);
  });

  it('uses the preferred input by name and warns when it has no signal', async () => {
    const { sim, actions } = await setup({ power: 'on' });
    const outcome = await run(actions, { kind: 'show', projector: { ...sim.address, preferredInput: 'HDMI 2' } }, sim).run.result;
    expect(outcome.status).toBe('succeeded');
    expect(outcome.input).toBe('32');
    expect(outcome.warnings).toEqual([{ code: 'pjlink.no_signal', params: { input: '32' }, guide: 'guide:no-signal' }]);
  });

  it('finds the digital input that has a signal (IRES)', async () => {
    const { sim, actions } = await setup({
      power: 'on',
      inputs: [
        { code: '11', signal: null },
        { code: '31', signal: null },
        { code: '32', signal: null },
        { code: '33', signal: { width: 1280, height: 800 } },
      ],
    });
    const r = run(actions, { kind: 'show' }, sim);
    const outcome = await r.run.result;
    expect(outcome.input).toBe('33');
    expect(r.progress.filter((p) => p.step === 'searching_signal').map((p) => p.params.input)).toEqual(['31', '32', '33']);
    expect(sim.snapshot().input).toBe('33');
  });

  it('asks once which input is the laptop\'s, then remembers it', async () => {
    const memory = new MemoryInputMemory();
    const { sim, actions } = await setup({ pjlinkClass: 1, power: 'on' }, { inputMemory: memory });
    const first = run(actions, { kind: 'show', projector: { ...sim.address, deviceId: 'dev-1' } }, sim);
    await waitFor(() => first.progress.some((p) => p.step === 'needs_input'));
    const asking = first.progress.find((p) => p.step === 'needs_input')!;
    expect(asking.choices?.map((c) => c.code)).toEqual(['11', '31', '32', '52']);
    expect(actions.provideInput(first.run.id, 'HDMI 2')).toBe(true);
    expect((await first.run.result).input).toBe('32');
    expect(memory.get('dev-1')).toBe('32');
    sim.setPower('standby');
    const second = run(actions, { kind: 'show', projector: { ...sim.address, deviceId: 'dev-1' } }, sim);
    expect((await second.run.result).input).toBe('32');
    expect(second.steps()).not.toContain('needs_input');
  });

  it('accepts an answer given synchronously from the needs_input event', async () => {
    const { sim, actions } = await setup({ pjlinkClass: 1, power: 'on' });
    const r = actions.start({ kind: 'show', projector: sim.address });
    r.on('progress', (p) => {
      if (p.step === 'needs_input') expect(r.provideInput('31')).toBe(true);
    });
    expect((await r.result).input).toBe('31');
  });

  it('asks through the caller\'s chooser when one is given', async () => {
    const { sim, actions } = await setup({ pjlinkClass: 1, power: 'on' });
    const outcome = await run(actions, { kind: 'show', chooseInput: async (choices) => choices.find((c) => c.code === '31')!.code }, sim).run.result;
    expect(outcome.input).toBe('31');
  });

  it('ends with no_input_chosen when nobody answers', async () => {
    const { sim, actions } = await setup({ pjlinkClass: 1, power: 'on' }, { timing: { inputChoiceTimeoutMs: 100 } });
    const outcome = await run(actions, { kind: 'show' }, sim).run.result;
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toMatchObject({ code: 'pjlink.no_input_chosen', guide: 'guide:choose-source' });
  });

  it('can be cancelled during the warm-up: nothing more is sent', async () => {
    const { sim, actions, commands } = await setup({ warmupMs: 2000 });
    const r = run(actions, { kind: 'show' }, sim);
    await waitFor(() => r.progress.some((p) => p.step === 'warming_up'));
    r.run.cancel();
    const outcome = await r.run.result;
    expect(outcome.status).toBe('cancelled');
    expect(outcome.error).toBeNull();
    expect(r.progress.at(-1)?.step).toBe('cancelled');
    const after = commands.length;
    await sleep(200);
    expect(commands.length).toBe(after);
    expect(commands.some((c) => /INPT 3|AVMT 30/.test(c))).toBe(false);
  });

  it('waits for a cooling to end before switching on', async () => {
    const { sim, actions } = await setup({ power: 'on', coolingMs: 300 });
    sim.setPower('cooling');
    setTimeout(() => sim.setPower('standby'), 300);
    const r = run(actions, { kind: 'show' }, sim);
    const outcome = await r.run.result;
    expect(outcome.status).toBe('succeeded');
    expect(r.steps().slice(0, 3)).toEqual(['connecting', 'waiting_cooling', 'powering_on']);
  });

  it('retries politely through an ERR3 storm after the warm-up', async () => {
    const { sim, actions, commands } = await setup({ settleMs: 250 });
    const outcome = await run(actions, { kind: 'show' }, sim).run.result;
    expect(outcome.status).toBe('succeeded');
    expect(commands.filter((c) => c.endsWith('ERR3')).length).toBeGreaterThan(2);
    expect(sim.snapshot().input).toBe('31');
  });

  it('lets the display hook run once on, before the input is chosen; its failure is a warning', async () => {
    const order: string[] = [];
    const { sim, actions } = await setup(
      {},
      {
        displayHook: async () => {
          order.push(`hook:${sim.snapshot().power}`);
          throw Object.assign(new Error('no display'), {});
        },
      },
    );
    sim.on('command', ({ line }) => {
      if (/INPT [0-9]/.test(line)) order.push('input');
    });
    const outcome = await run(actions, { kind: 'show' }, sim).run.result;
    expect(outcome.status).toBe('succeeded');
    expect(order[0]).toBe('hook:on');
    expect(order).toContain('input');
    expect(outcome.warnings.map((w) => w.code)).toContain('app.unexpected');
  });

  it('a new action on the same projector cancels the running one', async () => {
    const { sim, actions } = await setup({ warmupMs: 1500 });
    const first = run(actions, { kind: 'show' }, sim);
    await waitFor(() => first.progress.some((p) => p.step === 'warming_up'));
    const second = run(actions, { kind: 'off', waitForCooling: false }, sim);
    expect((await first.run.result).status).toBe('cancelled');
    expect((await second.run.result).status).toBe('succeeded');
  });
});

describe('show: failures give a code and a guide', () => {
  it('unreachable → guide:standby-network', async () => {
    const { sim, actions } = await setup();
    await sim.setNetwork(false);
    const outcome = await run(actions, { kind: 'show' }, sim).run.result;
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toMatchObject({ code: 'pjlink.unreachable', guide: 'guide:standby-network' });
  });

  it('wrong password → guide:pjlink-password', async () => {
    const { sim, actions } = await setup({ password: 'right' }, { password: 'wrong' });
    const outcome = await run(actions, { kind: 'show' }, sim).run.result;
    expect(outcome.error).toMatchObject({ code: 'pjlink.auth_failed', guide: 'guide:pjlink-password' });
  });

  it.each([
    ['lamp', 'pjlink.lamp_error', 'guide:lamp-filter'],
    ['temperature', 'pjlink.temperature_error', 'guide:shuts-down'],
    ['fan', 'pjlink.fan_error', 'guide:shuts-down'],
    ['cover', 'pjlink.cover_open', 'guide:contact-it'],
  ] as const)('%s error refusing to power on → %s', async (component, code, guide) => {
    const { sim, actions } = await setup();
    sim.setError(component, 'error');
    const outcome = await run(actions, { kind: 'show' }, sim).run.result;
    expect(outcome.error).toMatchObject({ code, guide });
  });

  it('a projector that overheats during the warm-up → temperature error', async () => {
    const { sim, actions } = await setup({ warmupMs: 1000 });
    const r = run(actions, { kind: 'show' }, sim);
    await waitFor(() => r.progress.some((p) => p.step === 'warming_up'));
    sim.setError('temperature', 'error');
    const outcome = await r.run.result;
    expect(outcome.error).toMatchObject({ code: 'pjlink.temperature_error', guide: 'guide:shuts-down' });
  });

  it('a projector that vanishes during the warm-up → unreachable after a grace period', async () => {
    const { sim, actions } = await setup({ warmupMs: 2000 });
    const r = run(actions, { kind: 'show' }, sim);
    await waitFor(() => r.progress.some((p) => p.step === 'warming_up'));
    await sim.setNetwork(false);
    const outcome = await r.run.result;
    expect(outcome.status).toBe('failed');
    expect(['pjlink.unreachable', 'pjlink.connection_lost', 'pjlink.timeout']).toContain(outcome.error?.code);
    expect(outcome.error?.guide).toBe('guide:standby-network');
  });

  it('a warm-up that never ends → warmup_timeout', async () => {
    const { sim, actions } = await setup({ warmupMs: 60_000 }, { timing: { maxWarmupMs: 300 } });
    const outcome = await run(actions, { kind: 'show' }, sim).run.result;
    expect(outcome.error).toMatchObject({ code: 'pjlink.warmup_timeout', guide: 'guide:power-lamp' });
  });

  it('an unknown preferred input → warning, then the signal search', async () => {
    const { sim, actions } = await setup({ power: 'on' });
    const outcome = await run(actions, { kind: 'show', projector: { ...sim.address, preferredInput: 'HDMI 7' } }, sim).run.result;
    expect(outcome.status).toBe('succeeded');
    expect(outcome.input).toBe('31');
    expect(outcome.warnings[0]).toMatchObject({ code: 'pjlink.input_not_found', guide: 'guide:choose-source' });
  });
});

describe('other actions', () => {
  it('blank/unblank use AVMT 31/30 only (works on models that refuse 11/21)', async () => {
    const { sim, actions, commands } = await setup({ power: 'on', quirks: { rejectPartialMute: true } });
    expect((await run(actions, { kind: 'blank' }, sim).run.result).status).toBe('succeeded');
    expect(sim.snapshot().mute).toEqual({ video: true, audio: true });
    expect((await run(actions, { kind: 'unblank' }, sim).run.result).status).toBe('succeeded');
    expect(sim.snapshot().mute).toEqual({ video: false, audio: false });
    expect(commands.filter((c) => c.includes('AVMT')).map((c) => c.split(' -> ')[0])).toEqual(['%1AVMT 31', '%1AVMT 30']);
  });

  it('blank on a projector in standby → is_off; during warm-up → warming_up', async () => {
    const { sim, actions } = await setup({ warmupMs: 2000 });
    expect((await run(actions, { kind: 'blank' }, sim).run.result).error).toMatchObject({ code: 'pjlink.is_off', guide: 'guide:power-lamp' });
    sim.setPower('warming');
    expect((await run(actions, { kind: 'blank' }, sim).run.result).error).toMatchObject({ code: 'pjlink.warming_up', guide: 'guide:power-lamp' });
  });

  it('freeze/unfreeze on class 2; unsupported on class 1', async () => {
    const { sim, actions } = await setup({ power: 'on' });
    expect((await run(actions, { kind: 'freeze' }, sim).run.result).status).toBe('succeeded');
    expect(sim.snapshot().freeze).toBe(true);
    expect((await run(actions, { kind: 'unfreeze' }, sim).run.result).status).toBe('succeeded');
    expect(sim.snapshot().freeze).toBe(false);
    const c1 = await setup({ pjlinkClass: 1, power: 'on' });
    const outcome = await run(c1.actions, { kind: 'freeze' }, c1.sim).run.result;
    expect(outcome.error).toMatchObject({ code: 'pjlink.unsupported', params: { feature: 'FREZ' } });
  });

  it('select-input by code or by name; unknown → input_not_found', async () => {
    const { sim, actions } = await setup({
      power: 'on',
      inputs: [
        { code: '32', name: 'HDMI1', signal: { width: 1280, height: 800 } },
        { code: '53', name: 'USB Display' },
        { code: '55', name: 'Whiteboard' },
        { code: '57', name: 'Screen Mirroring' },
      ],
      input: '32',
    });
    expect((await run(actions, { kind: 'select-input', input: 'usb display' }, sim).run.result).input).toBe('53');
    expect(sim.snapshot().input).toBe('53');
    expect((await run(actions, { kind: 'select-input', input: '57' }, sim).run.result).input).toBe('57');
    const bad = await run(actions, { kind: 'select-input', input: 'HDMI 3' }, sim).run.result;
    expect(bad.error).toMatchObject({ code: 'pjlink.input_not_found', params: { input: 'HDMI 3' }, guide: 'guide:choose-source' });
  });

  it('off sends POWR 0 and follows the cooling to standby', async () => {
    const { sim, actions, commands } = await setup({ power: 'on', coolingMs: 300 });
    const r = run(actions, { kind: 'off' }, sim);
    const outcome = await r.run.result;
    expect(outcome.status).toBe('succeeded');
    expect(commands).toContain('%1POWR 0 -> %1POWR=OK');
    expect(r.steps()).toEqual(['connecting', 'powering_off', 'cooling', 'done']);
    expect(r.progress.find((p) => p.step === 'cooling')?.params).toHaveProperty('remainingSeconds');
    expect(sim.snapshot().power).toBe('standby');
  });

  it('checkPowerOff tells whether another source than the laptop\'s is shown', async () => {
    const memory = new MemoryInputMemory({ 'dev-9': '31' });
    const { sim, actions } = await setup({ power: 'on', input: '11' }, { inputMemory: memory });
    expect(await actions.checkPowerOff({ ...sim.address, deviceId: 'dev-9' })).toEqual({
      power: 'on',
      input: '11',
      inputName: 'Ordinateur',
      laptopInput: '31',
      otherInputInUse: true,
    });
    expect((await actions.checkPowerOff({ ...sim.address, preferredInput: 'Ordinateur' })).otherInputInUse).toBe(false);
    expect((await actions.checkPowerOff({ ...sim.address })).otherInputInUse).toBeNull();
  });

  it('volume steps on class 2; unsupported on class 1', async () => {
    const { sim, actions } = await setup({ power: 'on' });
    expect((await run(actions, { kind: 'volume', direction: 'up', steps: 3 }, sim).run.result).status).toBe('succeeded');
    expect(sim.snapshot().speakerVolume).toBe(13);
    const c1 = await setup({ pjlinkClass: 1, power: 'on' });
    expect((await run(c1.actions, { kind: 'volume', direction: 'down' }, c1.sim).run.result).error?.code).toBe('pjlink.unsupported');
  });

  it('on powers up and waits out the warm-up', async () => {
    const { sim, actions } = await setup();
    const r = run(actions, { kind: 'on' }, sim);
    expect((await r.run.result).status).toBe('succeeded');
    expect(sim.snapshot().power).toBe('on');
    expect(r.steps()).toContain('warming_up');
  });
});
