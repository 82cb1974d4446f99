import type { Device, Room } from '../../../preload/contract/devices';
import type {
  CheckId,
  CheckStatus,
  DiagnosticItem,
  DiagnosticRun,
  FixId,
  GuideDocument,
  GuideLang,
} from '../../../preload/contract/guide-document';
import { TypedEmitter } from '../core/emitter';
import { ServiceError, toErrorInfo } from '../core/errors';
import { silentLogger, type Logger } from '../core/logger';
import { sanitizeText } from '../core/sanitize';
import { CHECKS, type EngineReason } from './checks';

/**
 * Live diagnostics: « Lancer le diagnostic » in a guide runs the checks its front matter declares,
 * in order, against the devices of the room, and offers « Réparer » for each failure that has a fix.
 * A fix is followed by its check again (and by the later checks that had not passed), so the teacher
 * sees ✗ turn into ✓.
 *
 * The engine knows no protocol: the host injects the implementations (PJLink client, display
 * service). Tests inject fakes.
 */

export interface CheckContext {
  /** The projector being checked (scope `projector`), or null for checks on this computer. */
  device: Device | null;
  room: Room | null;
  /** Every device of the room (e.g. display.external may want to know the projector's input). */
  devices: readonly Device[];
  signal: AbortSignal;
}

export interface CheckOutcome {
  status: 'pass' | 'warn' | 'fail' | 'skipped';
  /** One of CHECKS[check].reasons: selects the plain explanation (`check.<check>.<reason>`). */
  reason: string;
  /** Values for the explanation ("{{input}}"). Strings are sanitised by the engine. */
  params?: Record<string, string | number>;
  /** What the paired fix needs (e.g. `{ input: '31' }` for projector.selectInput). */
  fixParams?: Record<string, string | number>;
  /** Whether « Réparer » may be offered. Default: true for `fail`, false otherwise. */
  fixable?: boolean;
  /** Technical detail for IT (the PJLink reply, the OS error…). */
  detail?: string;
}

export interface FixContext extends CheckContext {
  params: Record<string, string | number>;
}

export interface CheckImplementation {
  run(ctx: CheckContext): Promise<CheckOutcome>;
}

export interface FixImplementation {
  /** Resolves when the fix is done (e.g. the projector has warmed up); throws a ServiceError otherwise. */
  run(ctx: FixContext): Promise<void>;
}

export type CheckRegistry = Partial<Record<CheckId, CheckImplementation>>;
export type FixRegistry = Partial<Record<FixId, FixImplementation>>;

export interface RoomSnapshot {
  room: Room | null;
  devices: Device[];
}

export interface GuideLookup {
  get(id: string, lang: GuideLang): GuideDocument | null;
}

export interface DiagnosticsEngineOptions {
  checks: CheckRegistry;
  fixes: FixRegistry;
  guides: GuideLookup;
  /** The room this laptop is in and its devices, read at each check (devices change state). */
  room: () => RoomSnapshot | Promise<RoomSnapshot>;
  logger?: Logger;
  now?: () => number;
  /** A check that takes longer is reported as « vérification impossible » (default 10 s). */
  checkTimeoutMs?: number;
  /** Powering on includes the warm-up (often 30–60 s): default 150 s. */
  fixTimeoutMs?: number;
  /** Runs kept for « Copier pour le service informatique » (default 10). */
  keepRuns?: number;
}

export type DiagnosticsEvents = {
  /** Every change of a run (an item starts, ends, is being fixed): the whole run, small. */
  updated: DiagnosticRun;
};

interface ItemState extends DiagnosticItem {
  fixParams: Record<string, string | number>;
}

interface RunState {
  run: DiagnosticRun;
  items: ItemState[];
  /** Operations on one run are serialised: a fix waits for the running checks. */
  chain: Promise<void>;
  controller: AbortController;
  /** The fix each check of the guide offers (from its front matter). */
  fixesByCheck: Map<CheckId, FixId | null>;
}

const COMPUTER = 'computer';
const PROJECTOR_KINDS = new Set<Device['kind']>(['projector', 'interactive-projector']);

export class DiagnosticsEngine extends TypedEmitter<DiagnosticsEvents> {
  private readonly runs = new Map<string, RunState>();
  private readonly log: Logger;
  private readonly now: () => number;
  private counter = 0;

  constructor(private readonly options: DiagnosticsEngineOptions) {
    super();
    this.log = options.logger ?? silentLogger;
    this.now = options.now ?? Date.now;
  }

  /**
   * Starts the checks of a guide and returns at once with the pending run; progress arrives as
   * `updated` events, and `whenIdle(run.id)` resolves when every check has answered.
   */
  async start(guideId: string, lang: GuideLang = 'fr'): Promise<DiagnosticRun> {
    const guide = this.options.guides.get(guideId, lang);
    if (!guide) throw new ServiceError('guides.not_found', { params: { id: guideId }, guide: 'guide:contact-it' });
    if (guide.diagnostics.length === 0) throw new ServiceError('guides.no_diagnostics', { params: { id: guideId } });
    const snapshot = await this.options.room();
    const projectors = snapshot.devices
      .filter((d) => PROJECTOR_KINDS.has(d.kind))
      .sort((a, b) => a.name.localeCompare(b.name));

    const items: ItemState[] = [];
    for (const step of guide.diagnostics) {
      const spec = CHECKS[step.check];
      const targets: (Device | null)[] = spec.scope === 'computer' ? [null] : projectors.length > 0 ? projectors : [null];
      for (const device of targets) {
        const noProjector = spec.scope === 'projector' && device === null;
        items.push({
          key: `${step.check}@${device ? device.id : spec.scope === 'computer' ? COMPUTER : 'none'}`,
          check: step.check,
          deviceId: device?.id ?? null,
          deviceName: device ? sanitizeText(device.name, 200) : null,
          status: noProjector ? 'skipped' : 'pending',
          messageKey: noProjector ? engineKey('no_projector') : `check.${step.check}.title`,
          params: {},
          fix: null,
          fixError: null,
          detail: null,
          anchor: step.step,
          fixParams: {},
        });
      }
    }

    this.counter += 1;
    const id = `diag-${this.now().toString(36)}-${this.counter}`;
    const state: RunState = {
      run: {
        id,
        guideId: guide.id,
        roomId: snapshot.room?.id ?? null,
        roomName: snapshot.room ? sanitizeText(snapshot.room.name, 200) : null,
        startedAt: this.now(),
        finishedAt: null,
        items: [],
      },
      items,
      chain: Promise.resolve(),
      controller: new AbortController(),
      fixesByCheck: new Map(guide.diagnostics.map((d) => [d.check, d.fix])),
    };
    this.runs.set(id, state);
    this.prune();
    state.chain = this.runItems(state, items);
    return this.snapshot(state);
  }

  /** Starts and waits for every check: what the CLI and tests use. */
  async run(guideId: string, lang: GuideLang = 'fr'): Promise<DiagnosticRun> {
    const started = await this.start(guideId, lang);
    return this.whenIdle(started.id);
  }

  async whenIdle(runId: string): Promise<DiagnosticRun> {
    const state = this.state(runId);
    let chain: Promise<void>;
    do {
      chain = state.chain;
      await chain;
    } while (chain !== state.chain);
    return this.snapshot(state);
  }

  get(runId: string): DiagnosticRun | null {
    const state = this.runs.get(runId);
    return state ? this.snapshot(state) : null;
  }

  /**
   * « Réparer »: runs the fix offered on an item, then its check again, then the later checks that
   * had not passed (powering on may make the input readable). Resolves with the updated run; a fix
   * that fails leaves its error on the item (`fixError`), it does not reject.
   */
  async fix(runId: string, itemKey: string): Promise<DiagnosticRun> {
    const state = this.state(runId);
    const operation = state.chain.then(async () => {
      const item = state.items.find((i) => i.key === itemKey);
      if (!item || !item.fix) throw new ServiceError('guides.fix_unavailable', { params: { item: itemKey.slice(0, 100) } });
      const fixId = item.fix;
      const impl = this.options.fixes[fixId];
      if (!impl) throw new ServiceError('guides.fix_unavailable', { params: { item: itemKey.slice(0, 100) } });
      state.run.finishedAt = null;
      this.set(state, item, { status: 'fixing', fixError: null });
      const snapshot = await this.options.room();
      const device = item.deviceId ? (snapshot.devices.find((d) => d.id === item.deviceId) ?? null) : null;
      try {
        await withTimeout(
          (signal) => impl.run({ device, room: snapshot.room, devices: snapshot.devices, signal, params: { ...item.fixParams } }),
          this.options.fixTimeoutMs ?? 150_000,
          state.controller.signal,
        );
        this.log.info(`fix ${fixId} on ${item.deviceId ?? COMPUTER} done`);
      } catch (e) {
        const info = toErrorInfo(e);
        this.log.warn(`fix ${fixId} on ${item.deviceId ?? COMPUTER} failed: ${info.code}`);
        item.fixError = info;
      }
      const index = state.items.indexOf(item);
      const again = state.items.filter((other, i) => i === index || (i > index && other.status !== 'pass'));
      await this.runItems(state, again);
    });
    // The chain must survive a failed operation; the caller still gets the rejection.
    state.chain = operation.catch(() => {});
    await operation;
    return this.snapshot(state);
  }

  /** Stops the checks and fixes of a run (the guide was closed). */
  cancel(runId: string): void {
    this.runs.get(runId)?.controller.abort();
  }

  private state(runId: string): RunState {
    const state = this.runs.get(runId);
    if (!state) throw new ServiceError('guides.run_not_found', { params: { id: runId.slice(0, 100) } });
    return state;
  }

  private async runItems(state: RunState, items: ItemState[]): Promise<void> {
    state.run.finishedAt = null;
    for (const item of items) {
      if (item.messageKey === engineKey('no_projector')) continue;
      if (item.status !== 'fixing') this.set(state, item, { status: 'pending' });
    }
    for (const item of items) {
      if (item.messageKey === engineKey('no_projector')) continue;
      if (state.controller.signal.aborted) {
        // Cancelled (guide closed): what was not checked says so instead of waiting forever.
        Object.assign(item, { status: 'skipped', messageKey: engineKey('cancelled'), params: {}, fix: null });
        continue;
      }
      await this.runOne(state, item);
    }
    state.run.finishedAt = this.now();
    this.emit('updated', this.snapshot(state));
  }

  private async runOne(state: RunState, item: ItemState): Promise<void> {
    const spec = CHECKS[item.check];
    const blocker = state.items.find(
      (other) =>
        other !== item &&
        other.deviceId === item.deviceId &&
        spec.requires.includes(other.check) &&
        state.items.indexOf(other) < state.items.indexOf(item) &&
        (other.status === 'fail' || other.status === 'error' || (other.status === 'skipped' && other.messageKey === engineKey('after_failure'))),
    );
    if (blocker) {
      this.set(state, item, { status: 'skipped', messageKey: engineKey('after_failure'), params: { check: blocker.check }, fix: null, detail: null });
      return;
    }
    const impl = this.options.checks[item.check];
    if (!impl) {
      this.set(state, item, { status: 'skipped', messageKey: engineKey('not_available'), params: {}, fix: null, detail: null });
      return;
    }
    this.set(state, item, { status: 'running' });
    const snapshot = await this.options.room();
    const device = item.deviceId ? (snapshot.devices.find((d) => d.id === item.deviceId) ?? null) : null;
    let outcome: CheckOutcome;
    try {
      outcome = await withTimeout(
        (signal) => impl.run({ device, room: snapshot.room, devices: snapshot.devices, signal }),
        this.options.checkTimeoutMs ?? 10_000,
        state.controller.signal,
      );
    } catch (e) {
      if (state.controller.signal.aborted) {
        this.set(state, item, { status: 'skipped', messageKey: engineKey('cancelled'), params: {}, fix: null, detail: null });
        return;
      }
      const timedOut = e instanceof TimeoutError;
      const info = toErrorInfo(e);
      this.log.warn(`check ${item.check} on ${item.deviceId ?? COMPUTER}: ${timedOut ? 'timeout' : info.code}`);
      this.set(state, item, {
        status: 'error',
        messageKey: engineKey(timedOut ? 'timeout' : 'crashed'),
        params: {},
        fix: null,
        detail: timedOut ? null : sanitizeText(info.detail ? `${info.code}: ${info.detail}` : info.code, 500),
      });
      return;
    }

    const known = spec.reasons.includes(outcome.reason);
    const fix = state.fixesByCheck.get(item.check) ?? null;
    const fixable = outcome.fixable ?? outcome.status === 'fail';
    const offered = fix !== null && fixable && (outcome.status === 'fail' || outcome.status === 'warn') && this.options.fixes[fix] !== undefined;
    item.fixParams = cleanParams(outcome.fixParams);
    this.set(state, item, {
      status: outcome.status,
      messageKey: known ? `check.${item.check}.${outcome.reason}` : engineKey('unknown_reason'),
      params: known ? cleanParams(outcome.params) : { reason: sanitizeText(outcome.reason, 64) },
      fix: offered ? fix : null,
      detail: outcome.detail ? sanitizeText(outcome.detail, 500) : null,
      // A failed fix stays explained next to the re-checked result, until the check passes.
      ...(outcome.status === 'pass' ? { fixError: null } : {}),
    });
  }

  private set(state: RunState, item: ItemState, patch: Partial<DiagnosticItem> & { status?: CheckStatus }): void {
    Object.assign(item, patch);
    this.emit('updated', this.snapshot(state));
  }

  private snapshot(state: RunState): DiagnosticRun {
    return {
      ...state.run,
      items: state.items.map(({ fixParams: _fixParams, ...item }) => ({ ...item, params: { ...item.params } })),
    };
  }

  private prune(): void {
    const keep = this.options.keepRuns ?? 10;
    while (this.runs.size > keep) {
      const oldest = this.runs.keys().next().value as string;
      this.runs.get(oldest)?.controller.abort();
      this.runs.delete(oldest);
    }
  }
}

export function engineKey(reason: EngineReason): string {
  return `engine.${reason}`;
}

function cleanParams(params: Record<string, string | number> | undefined): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params ?? {}).slice(0, 20)) {
    const name = sanitizeText(k, 64);
    if (!name) continue;
    out[name] = typeof v === 'number' && Number.isFinite(v) ? v : sanitizeText(String(v), 200);
  }
  return out;
}

class TimeoutError extends Error {}

/** Runs `task` with its own AbortSignal, aborted after `ms` or when `parent` aborts. */
async function withTimeout<T>(task: (signal: AbortSignal) => Promise<T>, ms: number, parent: AbortSignal): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  // Reject first, then abort: the task sees the abort, but the caller gets the right reason.
  const stopped = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new TimeoutError('timeout'));
      controller.abort();
    }, ms);
    onAbort = () => {
      reject(new ServiceError('guides.cancelled'));
      controller.abort();
    };
    if (parent.aborted) onAbort();
    else parent.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([task(controller.signal), stopped]);
  } finally {
    clearTimeout(timer);
    if (onAbort) parent.removeEventListener('abort', onAbort);
  }
}
