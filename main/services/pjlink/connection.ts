/**
 * ONE TCP connection per projector, with a command queue shared by the actions, the poller and the CLI.
 *
 * Why: many projectors accept a single TCP client and drop idle links after ~30 s; two connections
 * (a poll and a click) reset each other and the projector "looks offline". So every command for a
 * projector goes through this queue, one at a time (PJLink requires waiting for each reply).
 *
 * What it handles:
 * - greeting and authentication (digest prefixed to the first command of each connection);
 * - per-command timeouts (a projector that greets and never answers blocks nobody for long);
 * - transparent reconnect when the projector closed an idle link (one retry, for idempotent commands);
 * - a close in the middle of a reply, and a last reply without CR before the close;
 * - bounded exponential backoff when the projector refuses connections or times out: background
 *   commands (the poller) fail fast during the backoff window, user commands wait within their own
 *   deadline, nothing waits forever;
 * - after `PJLINK ERRA`, commands fail fast until the password changes or `authRetryMs` passes
 *   (hammering a projector with wrong digests helps nobody).
 * - `close()` rejects everything queued at once and destroys the socket: shutdown never waits.
 */
import { connect, type Socket } from 'node:net';
import { TypedEmitter } from '../core/emitter';
import { ServiceError } from '../core/errors';
import { silentLogger, type Logger } from '../core/logger';
import { authDigest } from './auth';
import { formatRequest, LineSplitter, parseLine, type PjlinkRequest } from './codec';
import { pjlinkError } from './errors';

export interface PjlinkTarget {
  host: string;
  port: number;
}

export function targetKey(target: PjlinkTarget): string {
  return target.host.includes(':') ? `[${target.host}]:${target.port}` : `${target.host}:${target.port}`;
}

/** Creates a connecting socket. Injected so tests (and the bench) control what a connection is. */
export type SocketFactory = (target: PjlinkTarget) => Socket;

export const defaultSocketFactory: SocketFactory = (target) => {
  const socket = connect({ host: target.host, port: target.port });
  socket.setNoDelay(true);
  return socket;
};

/** Returns the PJLink password of this projector (or null). Called only when the projector asks. */
export type PasswordLookup = () => string | null | undefined | Promise<string | null | undefined>;

export type ConnectionState = 'idle' | 'connecting' | 'connected' | 'backoff' | 'auth-failed' | 'closed';

export interface ConnectionEvents extends Record<string, unknown> {
  state: { state: ConnectionState; authRequired: boolean | null };
}

export interface ConnectionOptions {
  target: PjlinkTarget;
  password?: PasswordLookup;
  socketFactory?: SocketFactory;
  logger?: Logger;
  /** Wait for one reply (default 5 s). */
  commandTimeoutMs?: number;
  /** TCP connect + greeting (default 3 s). */
  connectTimeoutMs?: number;
  /** Close our side after this much idle time (default 20 s, under the projectors' ~30 s); 0 = never. */
  idleCloseMs?: number;
  /** First backoff delay after a failure (default 500 ms), doubled each time up to `backoffMaxMs` (30 s). */
  backoffInitialMs?: number;
  backoffMaxMs?: number;
  /** After a wrong password, fail fast for this long unless `resetAuth()` (default 30 s). */
  authRetryMs?: number;
  now?: () => number;
  /** 0..1 random source for the backoff jitter (tests pass `() => 0.5` for none). */
  random?: () => number;
}

export type Priority = 'user' | 'background';

export interface SendOptions {
  timeoutMs?: number;
  /** 'user' jobs go before queued 'background' jobs (a click overtakes a poll cycle). */
  priority?: Priority;
  /** Removes the job if it is still queued; a command already on the wire completes. */
  signal?: AbortSignal;
  /** May be re-sent once on a fresh connection if the old one closed before the reply (default true). */
  idempotent?: boolean;
}

export interface PjlinkReply {
  cls: number;
  command: string;
  data: string;
  error: 'ERR1' | 'ERR2' | 'ERR3' | 'ERR4' | null;
}

interface Job {
  request: PjlinkRequest;
  line: string;
  timeoutMs: number;
  priority: Priority;
  idempotent: boolean;
  signal: AbortSignal | undefined;
  resolve: (reply: PjlinkReply) => void;
  reject: (error: unknown) => void;
  onAbort: (() => void) | null;
}

/** Raised inside the connection when the socket closes while we wait for a line. */
class SessionClosed extends Error {
  constructor() {
    super('connection closed');
  }
}

/** One TCP socket and its line stream. */
class Session {
  private readonly splitter = new LineSplitter();
  private readonly lines: string[] = [];
  private waiter: { resolve: (line: string) => void; reject: (e: Error) => void; timer: NodeJS.Timeout } | null = null;
  closed = false;
  /** The peer sent FIN: the last lines may still come, but nothing new may be sent on this socket. */
  ending = false;
  error: NodeJS.ErrnoException | null = null;
  /** Digest to prefix to the next command (set after an authenticated greeting). */
  authPrefix: string | null = null;
  authRequired: boolean | null = null;
  /** At least one reply was received on this socket. */
  used = false;

  constructor(
    readonly socket: Socket,
    private readonly onClosed: (session: Session) => void,
  ) {
    socket.on('data', (chunk: Buffer) => {
      for (const line of this.splitter.push(chunk)) this.deliver(line);
    });
    socket.on('end', () => {
      this.ending = true;
      this.flush();
    });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      this.error ??= e;
    });
    socket.on('close', () => {
      this.flush();
      this.closed = true;
      if (this.waiter) {
        const { reject, timer } = this.waiter;
        this.waiter = null;
        clearTimeout(timer);
        reject(new SessionClosed());
      }
      this.onClosed(this);
    });
  }

  /** A last line without CR before the close is still a line. */
  private flush(): void {
    const rest = this.splitter.end();
    if (rest) this.deliver(rest);
  }

  private deliver(line: string): void {
    if (this.waiter) {
      const { resolve, timer } = this.waiter;
      this.waiter = null;
      clearTimeout(timer);
      resolve(line);
    } else if (this.lines.length < 64) {
      this.lines.push(line);
    }
  }

  nextLine(timeoutMs: number): Promise<string> {
    const queued = this.lines.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.closed) return Promise.reject(new SessionClosed());
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        reject(new TimeoutError());
      }, Math.max(1, timeoutMs));
      this.waiter = { resolve, reject, timer };
    });
  }

  write(text: string): void {
    this.socket.write(text, 'latin1');
  }

  end(): void {
    if (!this.closed) this.socket.end();
    // A peer that never acknowledges our FIN must not keep the socket around.
    setTimeout(() => this.socket.destroy(), 1000).unref();
  }

  destroy(): void {
    this.socket.destroy();
  }
}

class TimeoutError extends Error {
  constructor() {
    super('timeout');
  }
}

const CONNECT_ERRORS = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EADDRNOTAVAIL', 'ECONNRESET', 'EPIPE']);

export class PjlinkConnection extends TypedEmitter<ConnectionEvents> {
  readonly target: PjlinkTarget;
  private readonly queue: Job[] = [];
  private session: Session | null = null;
  /** The socket being opened (so that close() can destroy it too). */
  private opening: Session | null = null;
  private running = false;
  private disposed = false;
  private readonly disposeController = new AbortController();
  private idleTimer: NodeJS.Timeout | null = null;
  private failures = 0;
  private retryAt = 0;
  private lastFailure: ServiceError | null = null;
  private authBlock: { until: number; error: ServiceError } | null = null;
  private currentState: ConnectionState = 'idle';
  private authRequired: boolean | null = null;

  private readonly log: Logger;
  private readonly socketFactory: SocketFactory;
  private readonly commandTimeoutMs: number;
  private readonly connectTimeoutMs: number;
  private readonly idleCloseMs: number;
  private readonly backoffInitialMs: number;
  private readonly backoffMaxMs: number;
  private readonly authRetryMs: number;
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(private readonly options: ConnectionOptions) {
    super();
    this.target = { ...options.target };
    this.log = (options.logger ?? silentLogger).child(targetKey(this.target));
    this.socketFactory = options.socketFactory ?? defaultSocketFactory;
    this.commandTimeoutMs = options.commandTimeoutMs ?? 5000;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 3000;
    this.idleCloseMs = options.idleCloseMs ?? 20_000;
    this.backoffInitialMs = options.backoffInitialMs ?? 500;
    this.backoffMaxMs = options.backoffMaxMs ?? 30_000;
    this.authRetryMs = options.authRetryMs ?? 30_000;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
  }

  get state(): ConnectionState {
    return this.currentState;
  }

  /** null until a greeting was seen. */
  get requiresAuth(): boolean | null {
    return this.authRequired;
  }

  get pending(): number {
    return this.queue.length + (this.running ? 1 : 0);
  }

  /** Queues a request; resolves with the reply line (ERR1–4 included), rejects with a ServiceError. */
  send(request: PjlinkRequest, options: SendOptions = {}): Promise<PjlinkReply> {
    if (this.disposed) return Promise.reject(pjlinkError('pjlink.closed'));
    let line: string;
    try {
      line = formatRequest(request);
    } catch (e) {
      return Promise.reject(e);
    }
    if (options.signal?.aborted) return Promise.reject(pjlinkError('pjlink.cancelled'));
    return new Promise<PjlinkReply>((resolve, reject) => {
      const job: Job = {
        request,
        line,
        timeoutMs: options.timeoutMs ?? this.commandTimeoutMs,
        priority: options.priority ?? 'user',
        idempotent: options.idempotent ?? true,
        signal: options.signal,
        resolve,
        reject,
        onAbort: null,
      };
      if (job.signal) {
        job.onAbort = () => {
          const index = this.queue.indexOf(job);
          if (index >= 0) {
            this.queue.splice(index, 1);
            reject(pjlinkError('pjlink.cancelled'));
          }
        };
        job.signal.addEventListener('abort', job.onAbort, { once: true });
      }
      if (job.priority === 'user') {
        const firstBackground = this.queue.findIndex((j) => j.priority === 'background');
        if (firstBackground >= 0) this.queue.splice(firstBackground, 0, job);
        else this.queue.push(job);
      } else {
        this.queue.push(job);
      }
      this.pump();
    });
  }

  /** The password changed: forget a previous ERRA and authenticate again on the next command. */
  resetAuth(): void {
    this.authBlock = null;
    if (this.session && this.session.authRequired) this.session.destroy();
    if (this.currentState === 'auth-failed') this.setState('idle');
  }

  /** Forget the backoff (e.g. the teacher pressed "Réessayer"). */
  resetBackoff(): void {
    this.failures = 0;
    this.retryAt = 0;
  }

  async close(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.disposeController.abort();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    for (const job of this.queue.splice(0)) this.settle(job, null, pjlinkError('pjlink.closed'));
    this.opening?.destroy();
    const session = this.session;
    this.session = null;
    if (session && !session.closed) {
      const closed = new Promise<void>((resolve) => session.socket.once('close', () => resolve()));
      session.destroy();
      await Promise.race([closed, new Promise<void>((resolve) => setTimeout(resolve, 200).unref())]);
    }
    this.setState('closed');
    this.removeAll();
  }

  // -------------------------------------------------------------------------------------------

  private pump(): void {
    if (this.running || this.disposed) return;
    const job = this.queue.shift();
    if (!job) {
      this.armIdleTimer();
      return;
    }
    if (this.idleTimer) {
      clearTimeout(this.idleTimer);
      this.idleTimer = null;
    }
    this.running = true;
    this.runJob(job).then(
      (reply) => this.settle(job, reply, null),
      (error: unknown) => this.settle(job, null, this.disposed ? pjlinkError('pjlink.closed') : error),
    ).finally(() => {
      this.running = false;
      this.pump();
    });
  }

  private settle(job: Job, reply: PjlinkReply | null, error: unknown): void {
    if (job.signal && job.onAbort) job.signal.removeEventListener('abort', job.onAbort);
    if (reply) job.resolve(reply);
    else job.reject(error);
  }

  private armIdleTimer(): void {
    if (this.idleCloseMs <= 0 || !this.session || this.idleTimer) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.running || this.queue.length > 0) return;
      const session = this.session;
      this.session = null;
      session?.end();
      if (!this.disposed && this.currentState === 'connected') this.setState('idle');
    }, this.idleCloseMs);
    this.idleTimer.unref();
  }

  private async runJob(job: Job): Promise<PjlinkReply> {
    for (let attempt = 1; ; attempt++) {
      const session = await this.ensureSession(job);
      const reused = session.used;
      try {
        return await this.exchange(session, job);
      } catch (e) {
        if (e instanceof SessionClosed) {
          // The projector closed a link we had kept open (its idle close raced our command, or a
          // second controller took the single connection): reconnect once, transparently.
          if (reused && attempt === 1 && job.idempotent && !this.disposed) {
            this.log.debug(`link closed before the reply to ${job.request.command}; reconnecting`);
            continue;
          }
          const error = pjlinkError('pjlink.connection_lost', { detail: `closed before the reply to ${job.request.command}` });
          this.noteFailure(error);
          throw error;
        }
        throw e;
      }
    }
  }

  private async exchange(session: Session, job: Job): Promise<PjlinkReply> {
    const prefix = session.authPrefix ?? '';
    session.authPrefix = null;
    session.write(`${prefix}${job.line}\r`);
    this.log.debug(`> ${job.line}`);
    const deadline = this.now() + job.timeoutMs;
    let junk = 0;
    for (;;) {
      let raw: string;
      try {
        raw = await session.nextLine(deadline - this.now());
      } catch (e) {
        if (e instanceof TimeoutError) {
          session.destroy();
          if (this.session === session) this.session = null;
          const error = pjlinkError('pjlink.timeout', { detail: `no reply to ${job.request.command} within ${job.timeoutMs} ms` });
          this.noteFailure(error);
          throw error;
        }
        throw e;
      }
      const line = parseLine(raw);
      if (line.kind === 'auth-error' || (line.kind === 'reply' && line.error === 'ERRA')) {
        throw this.authFailed(session);
      }
      if (line.kind === 'reply' && line.command === job.request.command) {
        session.used = true;
        this.failures = 0;
        this.retryAt = 0;
        this.lastFailure = null;
        if (this.currentState !== 'connected') this.setState('connected');
        this.log.debug(`< ${line.command}=${line.data.slice(0, 40)}`);
        return { cls: line.cls, command: line.command, data: line.data, error: line.error === 'ERRA' ? null : line.error };
      }
      // A stray line (an old reply, junk): skip it, but not forever.
      if (++junk > 16) {
        session.destroy();
        throw pjlinkError('pjlink.bad_reply', { detail: `no reply to ${job.request.command} among ${junk} lines` });
      }
    }
  }

  private authFailed(session: Session): ServiceError {
    session.destroy();
    if (this.session === session) this.session = null;
    const error = pjlinkError('pjlink.auth_failed', { detail: 'PJLINK ERRA' });
    this.authBlock = { until: this.now() + this.authRetryMs, error };
    this.log.warn('authentication refused (PJLINK ERRA)');
    this.setState('auth-failed');
    return error;
  }

  private async ensureSession(job: Job): Promise<Session> {
    if (this.disposed) throw pjlinkError('pjlink.closed');
    if (this.session && !this.session.closed && !this.session.ending) return this.session;
    this.session = null;
    if (this.authBlock) {
      if (this.authBlock.until > this.now()) throw this.authBlock.error;
      this.authBlock = null;
    }
    const deadline = this.now() + job.timeoutMs;
    for (;;) {
      const now = this.now();
      if (now < this.retryAt) {
        const last = this.lastFailure ?? pjlinkError('pjlink.unreachable');
        // The poller never waits out a backoff: it will come back later anyway.
        if (job.priority === 'background' || this.retryAt > deadline) {
          throw pjlinkError(last.code as 'pjlink.unreachable', { detail: `${last.detail ?? last.code} (retry in ${this.retryAt - now} ms)` });
        }
        await this.sleep(this.retryAt - now, job.signal);
      }
      try {
        const session = await this.openSession();
        this.session = session;
        return session;
      } catch (e) {
        if (e instanceof ServiceError && (e.code === 'pjlink.auth_failed' || e.code === 'pjlink.password_required' || e.code === 'pjlink.closed')) throw e;
        const error = e instanceof ServiceError ? e : pjlinkError('pjlink.unreachable', { detail: String(e) });
        this.noteFailure(error);
        if (this.now() >= deadline || job.priority === 'background' || this.disposed) throw error;
      }
    }
  }

  private sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
    const signals = signal ? AbortSignal.any([signal, this.disposeController.signal]) : this.disposeController.signal;
    return new Promise((resolve, reject) => {
      if (signals.aborted) {
        reject(this.disposed ? pjlinkError('pjlink.closed') : pjlinkError('pjlink.cancelled'));
        return;
      }
      const timer = setTimeout(() => {
        signals.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(this.disposed ? pjlinkError('pjlink.closed') : pjlinkError('pjlink.cancelled'));
      };
      signals.addEventListener('abort', onAbort, { once: true });
    });
  }

  private noteFailure(error: ServiceError): void {
    this.failures++;
    const base = Math.min(this.backoffMaxMs, this.backoffInitialMs * 2 ** Math.min(20, this.failures - 1));
    // ±20 % jitter so that a fleet that failed together does not retry together.
    const delay = Math.round(base * (0.8 + 0.4 * this.random()));
    this.retryAt = this.now() + delay;
    this.lastFailure = error;
    if (!this.disposed) this.setState('backoff');
  }

  private async openSession(): Promise<Session> {
    this.setState('connecting');
    const socket = this.socketFactory(this.target);
    const session = new Session(socket, (s) => {
      if (this.session === s) this.session = null;
    });
    this.opening = session;
    const timeoutMs = this.connectTimeoutMs;
    const started = this.now();
    try {
      if (socket.connecting) await this.waitConnect(socket, timeoutMs);
      if (this.disposed) throw pjlinkError('pjlink.closed');
      const greetingRaw = await session.nextLine(timeoutMs - (this.now() - started));
      const greeting = parseLine(greetingRaw);
      if (greeting.kind === 'auth-error') throw this.authFailed(session);
      if (greeting.kind !== 'greeting') throw pjlinkError('pjlink.bad_reply', { detail: `unexpected greeting: ${greetingRaw.slice(0, 40)}` });
      session.authRequired = greeting.authRequired;
      this.authRequired = greeting.authRequired;
      if (greeting.authRequired) {
        const password = await this.options.password?.();
        if (!password) {
          const error = pjlinkError('pjlink.password_required');
          this.authBlock = { until: this.now() + this.authRetryMs, error };
          this.setState('auth-failed');
          throw error;
        }
        session.authPrefix = authDigest(greeting.random, password);
      }
      this.setState('connected');
      return session;
    } catch (e) {
      session.destroy();
      if (this.disposed) throw pjlinkError('pjlink.closed');
      if (e instanceof ServiceError) throw e;
      if (e instanceof TimeoutError) throw pjlinkError('pjlink.timeout', { detail: `no greeting within ${timeoutMs} ms` });
      if (e instanceof SessionClosed) {
        const code = session.error?.code;
        throw pjlinkError(code && CONNECT_ERRORS.has(code) && code !== 'ECONNRESET' ? 'pjlink.unreachable' : 'pjlink.connection_lost', {
          detail: code ? `${code} before the greeting` : 'closed before the greeting',
        });
      }
      throw pjlinkError('pjlink.unreachable', { detail: String(e) });
    } finally {
      this.opening = null;
    }
  }

  private waitConnect(socket: Socket, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const cleanup = () => {
        clearTimeout(timer);
        socket.off('connect', onConnect);
        socket.off('error', onError);
        socket.off('close', onClose);
      };
      const onConnect = () => {
        cleanup();
        resolve();
      };
      const onError = (e: NodeJS.ErrnoException) => {
        cleanup();
        reject(pjlinkError('pjlink.unreachable', { detail: e.code ?? e.message }));
      };
      const onClose = () => {
        cleanup();
        reject(pjlinkError(this.disposed ? 'pjlink.closed' : 'pjlink.unreachable', { detail: 'socket closed while connecting' }));
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(pjlinkError('pjlink.unreachable', { detail: `no connection within ${timeoutMs} ms` }));
      }, timeoutMs);
      socket.once('connect', onConnect);
      socket.once('error', onError);
      socket.once('close', onClose);
    });
  }

  private setState(state: ConnectionState): void {
    if (this.currentState === state || this.currentState === 'closed') return;
    this.currentState = state;
    this.emit('state', { state, authRequired: this.authRequired });
  }
}
