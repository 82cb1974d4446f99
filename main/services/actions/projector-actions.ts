/**
 * One-click projector scenarios as small state machines with progress events and cancel:
 *
 * - show ("Afficher mon écran"): power on if needed (waiting out a cooling first), wait out the warm-up
 *   with a countdown (elapsed time vs the device's usual warm-up, learnt after the first time), retry
 *   ERR3 politely, let the laptop set its display mode (hook), select the laptop's input (the profile's,
 *   else the one remembered, else the digital input that has a signal, else ask once and remember),
 *   release freeze, unmute (AVMT 30), and warn if there is no signal.
 * - on, off (following the cooling), blank/unblank (AVMT 31/30 only: some models refuse 11/21),
 *   freeze/unfreeze (class 2), select-input (code or name), volume (class 2 SVOL).
 *
 * Every failure ends the action with a stable ServiceError code and its guide; nothing is retried
 * forever (ERR3 window, warm-up and cooling limits, unreachable grace, input-choice timeout).
 */
import { randomUUID } from 'node:crypto';
import { TypedEmitter } from '../core/emitter';
import { isServiceError, toErrorInfo, type ErrorInfo, ServiceError } from '../core/errors';
import { silentLogger, type Logger } from '../core/logger';
import type { PjlinkClient, PjlinkInput } from '../pjlink/client';
import type { PowerState, Resolution } from '../pjlink/codec';
import { targetKey, type PjlinkTarget } from '../pjlink/connection';
import { hasCode, pjlinkError } from '../pjlink/errors';
import { resolveInputSpec } from '../pjlink/inputs';
import { normalizeTarget, type ProjectorManager } from '../pjlink/manager';
import type { ProjectorPoller } from '../pjlink/poller';
import { powerFailureCode } from '../pjlink/status';
import { ActionRun } from './action-run';
import { MemoryInputMemory, type InputMemory } from './input-memory';
import type { ActionOutcome, ActionProgress, ActionRequest, ActionStep, PowerOffCheck, ProjectorRef } from './types';

export interface ActionTiming {
  /** How often the power state is read while waiting (default 1 s). */
  pollIntervalMs: number;
  /** Warm-up assumed for the countdown until this device's own is learnt (default 30 s). */
  typicalWarmupMs: number;
  /** Give up warming after this (default 120 s). */
  maxWarmupMs: number;
  typicalCoolingMs: number;
  /** Give up waiting for a cooling after this (default 180 s). */
  maxCoolingWaitMs: number;
  /** Delay between ERR3 retries (default 1 s) and how long to keep trying (default 20 s). */
  busyRetryMs: number;
  busyWindowMs: number;
  /** A projector may drop off the network for a moment while it powers up (default 15 s). */
  unreachableGraceMs: number;
  /** After switching input, wait this long before reading IRES (default 2.5 s). */
  signalSettleMs: number;
  /** At most this many inputs tried when looking for the signal (default 4). */
  maxSignalScan: number;
  /** How long "needs_input" waits for the teacher (default 120 s). */
  inputChoiceTimeoutMs: number;
}

export const DEFAULT_ACTION_TIMING: ActionTiming = {
  pollIntervalMs: 1000,
  typicalWarmupMs: 30_000,
  maxWarmupMs: 120_000,
  typicalCoolingMs: 60_000,
  maxCoolingWaitMs: 180_000,
  busyRetryMs: 1000,
  busyWindowMs: 20_000,
  unreachableGraceMs: 15_000,
  signalSettleMs: 2500,
  maxSignalScan: 4,
  inputChoiceTimeoutMs: 120_000,
};

/**
 * The laptop's display mode (duplicate/extend) for this projector. Runs once the projector is on and
 * before the input selection, so that the laptop's signal is there when the inputs are scanned. A
 * failure becomes a warning: the projector side still completes.
 */
export type DisplayHook = (context: { projector: ProjectorRef; deviceKey: string; signal: AbortSignal }) => Promise<void>;

export interface ProjectorActionsOptions {
  manager: ProjectorManager;
  /** Told to poll fast while an action changes a projector. */
  poller?: ProjectorPoller | null;
  inputMemory?: InputMemory;
  displayHook?: DisplayHook | null;
  timing?: Partial<ActionTiming>;
  logger?: Logger;
  now?: () => number;
  newId?: () => string;
}

export interface ProjectorActionsEvents extends Record<string, unknown> {
  progress: ActionProgress;
  done: ActionOutcome;
}

interface Context {
  run: ActionRun;
  request: ActionRequest;
  ref: ProjectorRef;
  target: PjlinkTarget;
  deviceKey: string;
  memoryKey: string;
  client: PjlinkClient;
  opts: { priority: 'user'; signal: AbortSignal };
  warnings: ErrorInfo[];
  power: PowerState | null;
  input: string | null;
}

const LINK_ERRORS = ['pjlink.unreachable', 'pjlink.timeout', 'pjlink.connection_lost'] as const;

export class ProjectorActions extends TypedEmitter<ProjectorActionsEvents> {
  private readonly runs = new Map<string, ActionRun>();
  private readonly learntWarmup = new Map<string, number>();
  private readonly learntCooling = new Map<string, number>();
  private readonly timing: ActionTiming;
  private readonly memory: InputMemory;
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly newId: () => string;
  private displayHook: DisplayHook | null;
  private disposed = false;

  constructor(private readonly options: ProjectorActionsOptions) {
    super();
    this.timing = { ...DEFAULT_ACTION_TIMING, ...options.timing };
    this.memory = options.inputMemory ?? new MemoryInputMemory();
    this.log = (options.logger ?? silentLogger).child('actions');
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? randomUUID;
    this.displayHook = options.displayHook ?? null;
  }

  /** The display work plugs in here (or through the constructor). */
  setDisplayHook(hook: DisplayHook | null): void {
    this.displayHook = hook;
  }

  /**
   * Starts an action. A running action on the same projector is cancelled first (the last click
   * wins). Progress and the outcome come as events on the run and on this service.
   */
  start(request: ActionRequest): ActionRun {
    if (this.disposed) throw new ServiceError('pjlink.closed');
    const target = normalizeTarget(request.projector);
    const deviceKey = targetKey(target);
    for (const other of this.runs.values()) if (other.deviceKey === deviceKey) other.cancel();
    const run = new ActionRun(this.newId(), request.kind, deviceKey);
    this.runs.set(run.id, run);
    run.on('progress', (p) => this.emit('progress', p));
    run.on('done', (o) => this.emit('done', o));
    const client = this.options.manager.client(target, { pjlinkClass: request.projector.pjlinkClass ?? null });
    const ctx: Context = {
      run,
      request,
      ref: request.projector,
      target,
      deviceKey,
      memoryKey: request.projector.deviceId ?? deviceKey,
      client,
      opts: { priority: 'user', signal: run.signal },
      warnings: [],
      power: null,
      input: null,
    };
    const startedAt = this.now();
    // Cancel takes effect at once, even while a command is on the wire (its reply is then ignored):
    // the UI and shutdown never wait for a slow or silent projector.
    const cancelled = new Promise<never>((_, reject) => {
      run.signal.addEventListener('abort', () => reject(pjlinkError('pjlink.cancelled')), { once: true });
    });
    const work = Promise.resolve().then(() => this.execute(ctx));
    work.catch(() => {});
    void Promise.race([work, cancelled]).then(
      () => this.finish(ctx, startedAt, null),
      (e: unknown) => this.finish(ctx, startedAt, e),
    );
    return run;
  }

  get(actionId: string): ActionRun | null {
    return this.runs.get(actionId) ?? null;
  }

  running(): ActionRun[] {
    return [...this.runs.values()];
  }

  cancel(actionId: string): boolean {
    const run = this.runs.get(actionId);
    if (!run) return false;
    run.cancel();
    return true;
  }

  /** The teacher's answer to a `needs_input` step (code or name; null = none of these). */
  provideInput(actionId: string, input: string | null): boolean {
    return this.runs.get(actionId)?.provideInput(input) ?? false;
  }

  /**
   * Before "Éteindre": what is on screen, and whether it is another source than the laptop's, so
   * the UI can ask "Un autre appareil est affiché : éteindre quand même ?".
   */
  async checkPowerOff(projector: ProjectorRef): Promise<PowerOffCheck> {
    const client = this.options.manager.client(normalizeTarget(projector), { pjlinkClass: projector.pjlinkClass ?? null });
    const power = await client.power();
    if (power !== 'on') return { power, input: null, inputName: null, laptopInput: null, otherInputInUse: false };
    const input = await client.input().catch(() => null);
    let inputs: PjlinkInput[] = [];
    try {
      inputs = await client.inputs();
    } catch {
      // names are a bonus
    }
    const inputName = inputs.find((i) => i.code === input)?.name ?? null;
    const memoryKey = projector.deviceId ?? targetKey(normalizeTarget(projector));
    let laptopInput: string | null = null;
    if (projector.preferredInput) laptopInput = resolveInputSpec(projector.preferredInput, inputs);
    laptopInput ??= await this.memory.get(memoryKey);
    return { power, input, inputName, laptopInput, otherInputInUse: laptopInput && input ? input !== laptopInput : null };
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const runs = [...this.runs.values()];
    for (const run of runs) run.cancel();
    await Promise.all(runs.map((r) => r.result));
    this.removeAll();
  }

  // -------------------------------------------------------------------------------------------

  private async execute(ctx: Context): Promise<void> {
    const { request } = ctx;
    this.options.poller?.hurry(ctx.target, 30_000);
    switch (request.kind) {
      case 'show':
        return this.show(ctx);
      case 'on':
        this.step(ctx, 'connecting', {}, 0.02);
        await this.powerOnAndWait(ctx);
        return;
      case 'off':
        return this.off(ctx, request.waitForCooling ?? true);
      case 'blank':
        this.step(ctx, 'blanking');
        await this.busy(ctx, () => ctx.client.setMute('31', ctx.opts));
        return;
      case 'unblank':
        this.step(ctx, 'unblanking');
        await this.busy(ctx, () => ctx.client.setMute('30', ctx.opts));
        return;
      case 'freeze':
      case 'unfreeze': {
        await this.requireClass2(ctx, 'FREZ');
        this.step(ctx, request.kind === 'freeze' ? 'freezing' : 'unfreezing');
        await this.busy(ctx, () => ctx.client.setFreeze(request.kind === 'freeze', ctx.opts));
        return;
      }
      case 'select-input':
        return this.selectInput(ctx, request.input);
      case 'volume': {
        await this.requireClass2(ctx, 'SVOL');
        const steps = Math.max(1, Math.min(10, Math.floor(request.steps ?? 1)));
        for (let i = 0; i < steps; i++) {
          this.step(ctx, 'volume', { direction: request.direction }, (i + 1) / steps);
          await this.busy(ctx, () => ctx.client.speakerVolume(request.direction, ctx.opts));
        }
        return;
      }
    }
  }

  private finish(ctx: Context, startedAt: number, error: unknown): void {
    const { run } = ctx;
    if (run.done) return;
    this.runs.delete(run.id);
    const cancelled = run.signal.aborted;
    let status: ActionOutcome['status'] = 'succeeded';
    let info: ErrorInfo | null = null;
    if (cancelled) status = 'cancelled';
    else if (error) {
      status = 'failed';
      info = toErrorInfo(error);
      this.log.info(`${run.kind} on ${ctx.deviceKey} failed: ${info.code}`);
    }
    const step: ActionStep = status === 'succeeded' ? 'done' : status;
    run.report(this.progress(ctx, step, info ? { code: info.code } : {}, status === 'succeeded' ? 1 : null));
    this.options.poller?.hurry(ctx.target, 10_000);
    run.finish({
      actionId: run.id,
      kind: run.kind,
      deviceKey: ctx.deviceKey,
      status,
      error: info,
      warnings: status === 'succeeded' ? ctx.warnings : [],
      input: ctx.input,
      durationMs: this.now() - startedAt,
    });
  }

  // --- scenarios -----------------------------------------------------------------------------

  private async show(ctx: Context): Promise<void> {
    const request = ctx.request as Extract<ActionRequest, { kind: 'show' }>;
    this.step(ctx, 'connecting', {}, 0.02);
    await ctx.client.detectClass(ctx.opts);
    await this.powerOnAndWait(ctx);

    if (this.displayHook) {
      this.step(ctx, 'display_mode', {}, 0.8);
      try {
        await this.displayHook({ projector: ctx.ref, deviceKey: ctx.deviceKey, signal: ctx.run.signal });
      } catch (e) {
        this.checkCancelled(ctx);
        ctx.warnings.push(toErrorInfo(e));
      }
    }

    const code = await this.chooseInput(ctx, request);
    this.step(ctx, 'selecting_input', { input: code }, 0.9);
    if (ctx.input !== code) await this.busy(ctx, () => ctx.client.setInput(code, ctx.opts), { waitWhileWarming: true });
    ctx.input = code;

    this.step(ctx, 'unmuting', {}, 0.95);
    await this.busy(ctx, () => ctx.client.setMute('30', ctx.opts), { waitWhileWarming: true });
    if (ctx.client.knownClass === 2) {
      try {
        if (await ctx.client.freeze(ctx.opts)) await ctx.client.setFreeze(false, ctx.opts);
      } catch (e) {
        if (!isServiceError(e) || hasCode(e, ...LINK_ERRORS, 'pjlink.auth_failed')) throw e;
      }
      await this.warnIfNoSignal(ctx);
    }
  }

  private async selectInput(ctx: Context, spec: string): Promise<void> {
    this.step(ctx, 'listing_inputs');
    const inputs = await this.busy(ctx, () => ctx.client.inputs(ctx.opts));
    const code = resolveInputSpec(spec, inputs);
    if (!code) throw pjlinkError('pjlink.input_not_found', { params: { input: spec.slice(0, 40) } });
    this.step(ctx, 'selecting_input', { input: code });
    await this.busy(ctx, () => ctx.client.setInput(code, ctx.opts));
    ctx.input = code;
    if (ctx.client.knownClass === 2) await this.warnIfNoSignal(ctx);
  }

  private async off(ctx: Context, waitForCooling: boolean): Promise<void> {
    this.step(ctx, 'connecting');
    let power = await ctx.client.power(ctx.opts);
    ctx.power = power;
    if (power === 'standby') return;
    if (power === 'warming') {
      // Most projectors refuse POWR 0 while warming (ERR3): wait for the end of the warm-up, politely.
      await this.waitWarmup(ctx, this.now(), false);
      power = 'on';
    }
    if (power === 'on') {
      this.step(ctx, 'powering_off', {}, 0.1);
      await this.busy(ctx, () => ctx.client.setPower(false, ctx.opts), { waitWhileWarming: true });
    }
    if (waitForCooling) await this.waitCooling(ctx, 'cooling');
  }

  // --- power ---------------------------------------------------------------------------------

  private async powerOnAndWait(ctx: Context): Promise<void> {
    let power = await ctx.client.power(ctx.opts);
    ctx.power = power;
    if (power === 'cooling') {
      // POWR 1 is refused during cooling: wait for standby, then switch on.
      power = await this.waitCooling(ctx, 'waiting_cooling');
    }
    let startedAt = this.now();
    let fromStandby = false;
    if (power === 'standby') {
      this.step(ctx, 'powering_on', {}, 0.08);
      try {
        await this.busy(ctx, () => ctx.client.setPower(true, ctx.opts), { waitWhileCooling: true });
      } catch (e) {
        if (hasCode(e, 'pjlink.projector_failure')) throw await this.powerFailure(ctx, e);
        throw e;
      }
      startedAt = this.now();
      fromStandby = true;
      power = 'warming';
    }
    if (power === 'warming') await this.waitWarmup(ctx, startedAt, fromStandby);
    ctx.power = 'on';
  }

  private async waitWarmup(ctx: Context, startedAt: number, learn: boolean): Promise<void> {
    const typical = Math.max(1000, this.learntWarmup.get(ctx.deviceKey) ?? ctx.ref.typicalWarmupMs ?? this.timing.typicalWarmupMs);
    let failingSince: number | null = null;
    let lastError: unknown = null;
    for (;;) {
      const elapsed = this.now() - startedAt;
      if (elapsed > this.timing.maxWarmupMs) throw pjlinkError('pjlink.warmup_timeout', { params: { seconds: Math.round(elapsed / 1000) } });
      const remaining = Math.max(0, Math.ceil((typical - elapsed) / 1000));
      this.step(
        ctx,
        remaining > 0 ? 'warming_up' : 'warming_up_late',
        { elapsedSeconds: Math.floor(elapsed / 1000), totalSeconds: Math.round(typical / 1000), remainingSeconds: remaining },
        0.1 + 0.65 * Math.min(1, elapsed / typical),
      );
      await this.sleep(ctx, this.timing.pollIntervalMs);
      let power: PowerState;
      try {
        power = await ctx.client.power(ctx.opts);
        failingSince = null;
      } catch (e) {
        this.checkCancelled(ctx);
        if (hasCode(e, 'pjlink.unavailable')) continue;
        if (hasCode(e, ...LINK_ERRORS)) {
          failingSince ??= this.now();
          lastError = e;
          if (this.now() - failingSince > this.timing.unreachableGraceMs) throw lastError;
          continue;
        }
        throw e;
      }
      ctx.power = power;
      if (power === 'on') {
        if (learn) this.learntWarmup.set(ctx.deviceKey, this.now() - startedAt);
        return;
      }
      if (power === 'standby' && this.now() - startedAt < 3 * this.timing.pollIntervalMs) continue; // not started yet
      if (power === 'standby' || power === 'cooling') throw await this.powerFailure(ctx, null);
    }
  }

  /** Follows a cooling to standby; returns the power state it ended on. */
  private async waitCooling(ctx: Context, step: 'waiting_cooling' | 'cooling'): Promise<PowerState> {
    const startedAt = this.now();
    const typical = Math.max(1000, this.learntCooling.get(ctx.deviceKey) ?? ctx.ref.typicalCoolingMs ?? this.timing.typicalCoolingMs);
    let failingSince: number | null = null;
    let sawCooling = ctx.power === 'cooling';
    for (;;) {
      const elapsed = this.now() - startedAt;
      if (elapsed > this.timing.maxCoolingWaitMs) throw pjlinkError('pjlink.cooling_timeout', { params: { seconds: Math.round(elapsed / 1000) } });
      const remaining = Math.max(0, Math.ceil((typical - elapsed) / 1000));
      this.step(ctx, step, { elapsedSeconds: Math.floor(elapsed / 1000), totalSeconds: Math.round(typical / 1000), remainingSeconds: remaining }, step === 'cooling' ? 0.2 + 0.75 * Math.min(1, elapsed / typical) : 0.05);
      let power: PowerState;
      try {
        power = await ctx.client.power(ctx.opts);
        failingSince = null;
      } catch (e) {
        this.checkCancelled(ctx);
        if (hasCode(e, 'pjlink.unavailable')) {
          await this.sleep(ctx, this.timing.pollIntervalMs);
          continue;
        }
        // Some projectors switch their network off in standby: losing them at the end of a cooling is success.
        if (hasCode(e, ...LINK_ERRORS)) {
          failingSince ??= this.now();
          if (step === 'cooling' && sawCooling && this.now() - failingSince > this.timing.pollIntervalMs * 2) return 'standby';
          if (this.now() - failingSince > this.timing.unreachableGraceMs) throw e;
          await this.sleep(ctx, this.timing.pollIntervalMs);
          continue;
        }
        throw e;
      }
      ctx.power = power;
      if (power === 'cooling') sawCooling = true;
      if (power === 'standby') {
        if (sawCooling && elapsed > 0) this.learntCooling.set(ctx.deviceKey, elapsed);
        return power;
      }
      // Still "on" just after POWR 0 is normal for a moment; later, someone switched it back on.
      if ((power === 'on' || power === 'warming') && (step === 'waiting_cooling' || elapsed > 3 * this.timing.pollIntervalMs)) return power;
      await this.sleep(ctx, this.timing.pollIntervalMs);
    }
  }

  /** ERR4 or a projector that gave up: ERST says why (lamp, temperature, fan, cover, filter). */
  private async powerFailure(ctx: Context, cause: unknown): Promise<ServiceError> {
    let errors = null;
    try {
      errors = await ctx.client.errors(ctx.opts);
    } catch {
      // keep the generic failure
    }
    const code = powerFailureCode(errors) as Parameters<typeof pjlinkError>[0];
    return pjlinkError(code, { detail: errors ? `ERST ${JSON.stringify(errors)}` : 'ERST unavailable', cause });
  }

  // --- inputs --------------------------------------------------------------------------------

  private async chooseInput(ctx: Context, request: Extract<ActionRequest, { kind: 'show' }>): Promise<string> {
    this.step(ctx, 'listing_inputs', {}, 0.82);
    const inputs = await this.busy(ctx, () => ctx.client.inputs(ctx.opts), { waitWhileWarming: true });
    ctx.input = await this.busy(ctx, () => ctx.client.input(ctx.opts), { waitWhileWarming: true });
    const present = (code: string | null): code is string => !!code && inputs.some((i) => i.code === code);

    if (ctx.ref.preferredInput) {
      const code = resolveInputSpec(ctx.ref.preferredInput, inputs);
      if (code) return code;
      ctx.warnings.push(pjlinkError('pjlink.input_not_found', { params: { input: ctx.ref.preferredInput.slice(0, 40) } }).toInfo());
    }
    const remembered = await this.memory.get(ctx.memoryKey);
    if (present(remembered)) return remembered;

    const withSignal = await this.findSignal(ctx, inputs);
    if (withSignal) return withSignal;

    // Ready for the answer before announcing the question (a listener may answer synchronously).
    const waiting = request.chooseInput ? null : ctx.run.waitForInput(this.timing.inputChoiceTimeoutMs);
    this.step(ctx, 'needs_input', {}, null, inputs);
    const answer = waiting ? await waiting : await request.chooseInput!(inputs, ctx.run.signal);
    this.checkCancelled(ctx);
    if (!answer) throw pjlinkError('pjlink.no_input_chosen');
    const code = resolveInputSpec(answer, inputs);
    if (!code) throw pjlinkError('pjlink.input_not_found', { params: { input: answer.slice(0, 40) } });
    await this.memory.set(ctx.memoryKey, code);
    return code;
  }

  /** The digital input that has a signal: IRES on class 2 (current input first), else the only one. */
  private async findSignal(ctx: Context, inputs: PjlinkInput[]): Promise<string | null> {
    const digital = inputs.filter((i) => i.type === 'digital');
    // A single digital input is the laptop's, signal or not (the no-signal warning will say so).
    if (digital.length === 1) return digital[0]!.code;
    if (ctx.client.knownClass !== 2 || digital.length === 0) return null;
    const current = digital.find((i) => i.code === ctx.input);
    if (current && hasSignal(await this.resolution(ctx))) return current.code;
    const candidates = digital.filter((i) => i !== current).slice(0, this.timing.maxSignalScan);
    for (const [index, input] of candidates.entries()) {
      this.step(ctx, 'searching_signal', { input: input.code, index: index + 1, count: candidates.length }, 0.85);
      await this.busy(ctx, () => ctx.client.setInput(input.code, ctx.opts), { waitWhileWarming: true });
      ctx.input = input.code;
      await this.sleep(ctx, this.timing.signalSettleMs);
      if (hasSignal(await this.resolution(ctx))) return input.code;
    }
    return null;
  }

  private async resolution(ctx: Context): Promise<Resolution | null> {
    try {
      return await ctx.client.inputResolution(ctx.opts);
    } catch (e) {
      if (hasCode(e, ...LINK_ERRORS, 'pjlink.auth_failed', 'pjlink.closed', 'pjlink.cancelled')) throw e;
      return null;
    }
  }

  private async warnIfNoSignal(ctx: Context): Promise<void> {
    if ((await this.resolution(ctx)) === 'no-signal') {
      ctx.warnings.push(pjlinkError('pjlink.no_signal', { params: { input: ctx.input ?? '' } }).toInfo());
    }
  }

  // --- helpers -------------------------------------------------------------------------------

  private async requireClass2(ctx: Context, feature: string): Promise<void> {
    this.step(ctx, 'connecting');
    if ((await ctx.client.detectClass(ctx.opts)) !== 2) throw pjlinkError('pjlink.unsupported', { params: { feature } });
  }

  /**
   * Runs a command; on ERR3 reads the power state: off → `is_off`, warming → waits when allowed
   * (else `warming_up`), cooling → waits when allowed (else `cooling_down`), on → polite retries for
   * `busyWindowMs`, then `unavailable`.
   */
  private async busy<T>(ctx: Context, fn: () => Promise<T>, allow: { waitWhileWarming?: boolean; waitWhileCooling?: boolean } = {}): Promise<T> {
    const started = this.now();
    for (;;) {
      this.checkCancelled(ctx);
      try {
        return await fn();
      } catch (e) {
        this.checkCancelled(ctx);
        if (!hasCode(e, 'pjlink.unavailable')) throw e;
        let power: PowerState | null = null;
        try {
          power = await ctx.client.power(ctx.opts);
          ctx.power = power;
        } catch {
          // keep the ERR3
        }
        if (power === 'standby') throw pjlinkError('pjlink.is_off', { cause: e });
        if (power === 'warming' && !allow.waitWhileWarming) throw pjlinkError('pjlink.warming_up', { cause: e });
        if (power === 'cooling' && !allow.waitWhileCooling) throw pjlinkError('pjlink.cooling_down', { cause: e });
        const limit = power === 'warming' ? this.timing.maxWarmupMs : power === 'cooling' ? this.timing.maxCoolingWaitMs : this.timing.busyWindowMs;
        if (this.now() - started > limit) throw e;
        await this.sleep(ctx, this.timing.busyRetryMs);
      }
    }
  }

  private step(ctx: Context, step: ActionStep, params: Record<string, string | number> = {}, progress: number | null = null, choices?: PjlinkInput[]): void {
    ctx.run.report(this.progress(ctx, step, params, progress, choices));
  }

  private progress(ctx: Context, step: ActionStep, params: Record<string, string | number>, progress: number | null, choices?: PjlinkInput[]): ActionProgress {
    const p: ActionProgress = {
      actionId: ctx.run.id,
      kind: ctx.run.kind,
      deviceKey: ctx.deviceKey,
      step,
      stepKey: `actions:step.${step}`,
      params,
      progress,
      power: ctx.power,
    };
    if (choices) p.choices = choices;
    return p;
  }

  private checkCancelled(ctx: Context): void {
    if (ctx.run.signal.aborted) throw pjlinkError('pjlink.cancelled');
  }

  private sleep(ctx: Context, ms: number): Promise<void> {
    const signal = ctx.run.signal;
    return new Promise((resolve, reject) => {
      if (signal.aborted) {
        reject(pjlinkError('pjlink.cancelled'));
        return;
      }
      const onAbort = () => {
        clearTimeout(timer);
        reject(pjlinkError('pjlink.cancelled'));
      };
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}

function hasSignal(resolution: Resolution | null): boolean {
  return resolution !== null && resolution !== 'no-signal';
}
