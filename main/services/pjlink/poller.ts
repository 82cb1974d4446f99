/**
 * Status polling for the watched projectors. It goes through the same per-projector queue as the
 * actions (background priority: a click overtakes a poll), emits `status` only when something changed,
 * and adapts its pace: fast while a projector warms up or cools down (or while an action asked it to
 * hurry), normal when on, slow in standby, slower when unreachable (the connection's own backoff applies
 * too). Paused while the window is hidden. A fleet is polled with bounded concurrency.
 *
 * Slow-changing values (lamp and filter hours) are read every `slowEvery` polls, not every time.
 *
 * In standby, some projectors tell their stored input and AV mute (several NEC, Panasonic, Sony) and
 * others answer ERR3 (Epson-like): PJLink allows both. The poller asks, remembers a projector that
 * refused, and then asks it again only with the slow values, so standby polls stay two commands there.
 */
import { TypedEmitter } from '../core/emitter';
import { isServiceError } from '../core/errors';
import { silentLogger, type Logger } from '../core/logger';
import type { PjlinkClient } from './client';
import type { LampInfo, PjlinkClass, PjlinkNotification } from './codec';
import { targetKey, type PjlinkTarget, type Priority } from './connection';
import { guideFor } from './errors';
import { normalizeTarget, type ProjectorManager } from './manager';
import { changedFields, emptyStatus, type ProjectorStatus } from './status';

export interface PollerIntervals {
  /** While warming/cooling or hurried (default 1 s). */
  fastMs: number;
  /** On (default 5 s). */
  normalMs: number;
  /** Standby (default 15 s). */
  idleMs: number;
  /**
   * Unreachable or refusing us (default 30 s). After a connection failure the first retries come
   * sooner (2 × fastMs, doubling up to this): see `retryAfterFailure`.
   */
  offlineMs: number;
}

export interface PollerOptions {
  manager: ProjectorManager;
  intervals?: Partial<PollerIntervals>;
  /** Read lamp/filter hours every N polls (default 12). */
  slowEvery?: number;
  /** Projectors polled at the same time (default 64). */
  concurrency?: number;
  logger?: Logger;
  now?: () => number;
}

export interface PollerEvents extends Record<string, unknown> {
  /** Emitted only when at least one field changed. */
  status: { key: string; status: ProjectorStatus; changed: (keyof ProjectorStatus)[] };
}

interface Entry {
  key: string;
  target: PjlinkTarget;
  pjlinkClass: PjlinkClass | null;
  status: ProjectorStatus;
  dueAt: number;
  inFlight: Promise<ProjectorStatus> | null;
  polls: number;
  hurryUntil: number;
  waiters: ((status: ProjectorStatus) => void)[];
  /** Consecutive polls that failed to connect (transient codes only). */
  failures: number;
  /** Whether the projector told its input or mute the last time it was asked in standby (null: not asked yet). */
  answersInStandby: boolean | null;
}

/**
 * Connection failures that often clear by themselves within seconds: a single-client projector busy
 * with another short connection (the inventory's reachability check, `classe scan`, a second laptop),
 * a reply lost, a projector finishing its reboot. Waiting the full offline interval after one of these
 * would show « Ne répond pas » for 30 s on a projector that answers again a moment later. A wrong or
 * missing password is not transient: retrying it fast only risks a lockout.
 */
const TRANSIENT_CODES = new Set(['pjlink.unreachable', 'pjlink.timeout', 'pjlink.connection_lost', 'pjlink.closed']);

const CONNECTION_CODES = new Set(['pjlink.unreachable', 'pjlink.timeout', 'pjlink.connection_lost', 'pjlink.auth_failed', 'pjlink.password_required', 'pjlink.closed', 'pjlink.cancelled']);

export class ProjectorPoller extends TypedEmitter<PollerEvents> {
  private readonly entries = new Map<string, Entry>();
  private readonly intervals: PollerIntervals;
  private readonly slowEvery: number;
  private readonly concurrency: number;
  private readonly now: () => number;
  private readonly log: Logger;
  private running = 0;
  private paused = false;
  private disposed = false;
  private timer: NodeJS.Timeout | null = null;
  private scheduleQueued = false;
  private readonly waitingForSlot: (() => void)[] = [];

  constructor(private readonly options: PollerOptions) {
    super();
    this.intervals = { fastMs: 1000, normalMs: 5000, idleMs: 15_000, offlineMs: 30_000, ...options.intervals };
    this.slowEvery = Math.max(1, options.slowEvery ?? 12);
    this.concurrency = Math.max(1, options.concurrency ?? 64);
    this.now = options.now ?? Date.now;
    this.log = (options.logger ?? silentLogger).child('poller');
  }

  /** Starts polling a projector (first poll as soon as possible). Returns the unwatch function. */
  watch(target: { host: string; port?: number | null }, hints: { pjlinkClass?: PjlinkClass | null } = {}): () => void {
    const normalized = normalizeTarget(target);
    const key = targetKey(normalized);
    if (!this.entries.has(key)) {
      this.entries.set(key, {
        key,
        target: normalized,
        pjlinkClass: hints.pjlinkClass ?? null,
        status: emptyStatus(key, normalized),
        dueAt: this.now(),
        inFlight: null,
        polls: 0,
        hurryUntil: 0,
        waiters: [],
        failures: 0,
        answersInStandby: null,
      });
      this.schedule();
    }
    return () => this.unwatch(normalized);
  }

  unwatch(target: { host: string; port?: number | null }): void {
    this.entries.delete(targetKey(normalizeTarget(target)));
  }

  watched(): string[] {
    return [...this.entries.keys()];
  }

  /** The last known status (null if not watched). */
  get(target: { host: string; port?: number | null }): ProjectorStatus | null {
    return this.entries.get(targetKey(normalizeTarget(target)))?.status ?? null;
  }

  statuses(): ProjectorStatus[] {
    return [...this.entries.values()].map((e) => e.status);
  }

  /** The window is hidden: stop polling (a poll in flight finishes). */
  pause(): void {
    this.paused = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** The window is visible again: everything is due now. */
  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    const now = this.now();
    for (const entry of this.entries.values()) entry.dueAt = Math.min(entry.dueAt, now);
    this.schedule();
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** Poll fast for a while (an action is changing this projector). Also polls now. */
  hurry(target: { host: string; port?: number | null }, forMs = 60_000): void {
    const entry = this.entries.get(targetKey(normalizeTarget(target)));
    if (!entry) return;
    entry.hurryUntil = Math.max(entry.hurryUntil, this.now() + forMs);
    entry.dueAt = this.now();
    this.schedule();
  }

  /** Polls one projector now (even when paused) and returns its status. */
  refresh(target: { host: string; port?: number | null }): Promise<ProjectorStatus> {
    const entry = this.entries.get(targetKey(normalizeTarget(target)));
    if (!entry) return Promise.reject(new Error('not watched'));
    return this.runEntry(entry);
  }

  /** Polls every watched projector now with bounded concurrency; resolves when all are done. */
  async pollAll(): Promise<ProjectorStatus[]> {
    return Promise.all([...this.entries.values()].map((entry) => this.runEntry(entry)));
  }

  /** A class 2 notification from `address`: update at once, then confirm by polling soon. */
  applyNotification(address: string, notification: PjlinkNotification): void {
    const host = address.trim().toLowerCase();
    const matches = [...this.entries.values()].filter((e) => e.target.host === host);
    for (const entry of matches) {
      // Several projectors behind one address (the demo on 127.0.0.1): we cannot tell which one
      // spoke, so just poll them all soon.
      if (matches.length === 1) {
        const next = { ...entry.status };
        switch (notification.type) {
          case 'power':
            next.power = notification.power;
            if (notification.power !== 'on') {
              next.input = null;
              next.mute = null;
              next.freeze = null;
              next.resolution = null;
            }
            break;
          case 'errors':
            next.errors = notification.errors;
            break;
          case 'input':
            next.input = notification.input;
            break;
          case 'mute':
            next.mute = notification.mute;
            break;
          case 'link-up':
            break;
        }
        if (notification.type !== 'link-up') {
          next.reachable = true;
          next.problem = null;
        }
        this.publish(entry, next);
      }
      if (notification.type === 'power' && (notification.power === 'warming' || notification.power === 'cooling')) {
        entry.hurryUntil = Math.max(entry.hurryUntil, this.now() + 120_000);
      }
      entry.dueAt = Math.min(entry.dueAt, this.now() + 200);
    }
    if (matches.length) this.schedule();
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.pause();
    this.entries.clear();
    for (const wake of this.waitingForSlot.splice(0)) wake();
    this.removeAll();
  }

  // -------------------------------------------------------------------------------------------

  /**
   * Coalesces the many schedule requests of one tick (a fleet being watched, polls completing
   * together) into one pass over the entries.
   */
  private schedule(): void {
    if (this.scheduleQueued || this.paused || this.disposed) return;
    this.scheduleQueued = true;
    setImmediate(() => {
      this.scheduleQueued = false;
      this.schedulePass();
    });
  }

  private schedulePass(): void {
    if (this.paused || this.disposed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const now = this.now();
    let next = Infinity;
    for (const entry of this.entries.values()) {
      if (entry.inFlight) continue;
      if (entry.dueAt <= now) {
        void this.runEntry(entry);
      } else {
        next = Math.min(next, entry.dueAt);
      }
    }
    if (next !== Infinity) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.schedulePass();
      }, Math.max(5, next - now));
      this.timer.unref();
    }
  }

  private runEntry(entry: Entry): Promise<ProjectorStatus> {
    if (entry.inFlight) return entry.inFlight;
    const run = (async () => {
      await this.acquire();
      try {
        if (this.disposed) return entry.status;
        const status = await this.pollOne(entry);
        this.publish(entry, status);
        return entry.status;
      } finally {
        this.release();
        entry.inFlight = null;
        entry.polls++;
        const failed = entry.status.reachable === false && TRANSIENT_CODES.has(entry.status.problem?.code ?? '');
        entry.failures = failed ? entry.failures + 1 : 0;
        entry.dueAt = this.now() + this.intervalFor(entry);
        if (!this.disposed && this.entries.get(entry.key) === entry) this.schedule();
      }
    })();
    entry.inFlight = run;
    return run;
  }

  private acquire(): Promise<void> {
    if (this.running < this.concurrency) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.waitingForSlot.push(() => {
        this.running++;
        resolve();
      });
    });
  }

  private release(): void {
    this.running--;
    const next = this.waitingForSlot.shift();
    if (next) next();
  }

  private intervalFor(entry: Entry): number {
    const s = entry.status;
    if (entry.hurryUntil > this.now() || s.power === 'warming' || s.power === 'cooling') return this.intervals.fastMs;
    if (entry.failures > 0) return this.retryAfterFailure(entry.failures);
    if (s.reachable === false || s.problem) return this.intervals.offlineMs;
    if (s.power === 'on') return this.intervals.normalMs;
    return this.intervals.idleMs;
  }

  /** 2 × fastMs after the first failure, then doubling, capped by the offline interval (2, 4, 8, 16, 30 s). */
  private retryAfterFailure(failures: number): number {
    return Math.min(this.intervals.offlineMs, this.intervals.fastMs * 2 ** Math.min(failures, 20));
  }

  private publish(entry: Entry, next: ProjectorStatus): void {
    const changed = changedFields(entry.status, next);
    entry.status = next;
    if (changed.length > 0) this.emit('status', { key: entry.key, status: next, changed });
  }

  private async pollOne(entry: Entry): Promise<ProjectorStatus> {
    const client = this.options.manager.client(entry.target, { pjlinkClass: entry.pjlinkClass });
    const includeSlow = entry.polls % this.slowEvery === 0;
    const standbyDetails = entry.answersInStandby !== false || includeSlow;
    const status = await readProjectorStatus(client, {
      previous: entry.status,
      includeSlow,
      standbyDetails,
      priority: 'background',
      now: this.now,
    });
    if (status.pjlinkClass) entry.pjlinkClass = status.pjlinkClass;
    if (standbyDetails && status.power === 'standby' && !status.problem) entry.answersInStandby = status.input !== null || status.mute !== null;
    if (status.problem) this.log.debug(`${entry.key}: ${status.problem.code}`);
    return status;
  }
}

export interface ReadStatusOptions {
  /** The last status (kept for fields that could not be read this time). */
  previous?: ProjectorStatus;
  /** Also read lamp and filter hours (always done when the lamp was never read). */
  includeSlow?: boolean;
  /**
   * In standby, also ask INPT and AVMT (default true): projectors that keep them answer with the
   * stored input and mute, the others ERR3 (then null). The poller skips them for a projector that
   * refused last time.
   */
  standbyDetails?: boolean;
  priority?: Priority;
  signal?: AbortSignal;
  now?: () => number;
}

/**
 * Reads a projector's status once (the poller's cycle; also `classe projector <host> status`).
 * Never throws: a connection or authentication failure is reported in `reachable`/`problem`.
 * In standby POWR and ERST, and INPT and AVMT unless `standbyDetails` is false (many projectors
 * answer them there); freeze and resolution only when on (there is no picture otherwise).
 */
export async function readProjectorStatus(client: PjlinkClient, options: ReadStatusOptions = {}): Promise<ProjectorStatus> {
  const target = client.target;
  const previous = options.previous ?? emptyStatus(targetKey(target), target);
  const opts = { priority: options.priority ?? 'user', signal: options.signal };
  const next: ProjectorStatus = { ...previous, target: { ...target } };
  try {
    const cls = client.knownClass ?? (await client.detectClass(opts));
    next.pjlinkClass = cls;
    next.power = await client.power(opts);
    next.reachable = true;
    next.problem = null;
    next.errors = await field(client.errors(opts), previous.errors);
    if (next.power === 'on') {
      next.input = await field(client.input(opts), null);
      next.mute = await field(client.mute(opts), null);
      if (cls === 2) {
        next.freeze = await field(client.freeze(opts), null);
        next.resolution = await field(client.inputResolution(opts), null);
      }
    } else if (next.power === 'standby' && options.standbyDetails !== false) {
      next.input = await field(client.input(opts), null);
      next.mute = await field(client.mute(opts), null);
      next.freeze = null;
      next.resolution = null;
    } else {
      next.input = null;
      next.mute = null;
      next.freeze = null;
      next.resolution = null;
    }
    if (options.includeSlow || next.hasLamp === null) {
      const lamps = await field<LampInfo[] | null | undefined>(client.lamps(opts), undefined, true);
      if (lamps !== undefined) {
        next.lamps = lamps;
        next.hasLamp = lamps !== null;
      }
      if (cls === 2) next.filterHours = await field(client.filterHours(opts), previous.filterHours, true);
    }
    next.updatedAt = (options.now ?? Date.now)();
    return next;
  } catch (e) {
    const code = isServiceError(e) ? e.code : 'pjlink.unreachable';
    const guide = guideFor(code);
    const authProblem = code === 'pjlink.auth_failed' || code === 'pjlink.password_required';
    return { ...next, reachable: authProblem, problem: { code, ...(guide ? { guide } : {}) } };
  }
}

/**
 * One optional field: a connection-level failure aborts the poll (rethrown), a field-level refusal
 * (ERR1–ERR4, an unreadable value) keeps the fallback. With `nullable`, a resolved null is kept.
 */
async function field<T>(promise: Promise<T>, fallback: T, nullable = false): Promise<T> {
  try {
    const value = await promise;
    return value === null && !nullable ? fallback : value;
  } catch (e) {
    if (isServiceError(e) && CONNECTION_CODES.has(e.code)) throw e;
    return fallback;
  }
}
