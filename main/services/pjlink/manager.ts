/**
 * The projector manager: exactly one PjlinkClient (so one connection and one queue) per host:port,
 * shared by the actions, the poller and the CLI. Passwords come from an injected lookup (the IT
 * profile, the demo classroom, `--password` in the CLI) at the moment a projector asks; they are never
 * returned, emitted or logged by anything here.
 */
import { TypedEmitter } from '../core/emitter';
import { silentLogger, type Logger } from '../core/logger';
import { PjlinkClient } from './client';
import type { PjlinkClass } from './codec';
import { pjlinkError } from './errors';
import { PjlinkConnection, targetKey, type ConnectionOptions, type ConnectionState, type PjlinkTarget, type SocketFactory } from './connection';

/** Returns the password for a projector, or null. May be async (a keychain). */
export type SecretLookup = (target: PjlinkTarget) => string | null | undefined | Promise<string | null | undefined>;

export type ConnectionDefaults = Pick<
  ConnectionOptions,
  'commandTimeoutMs' | 'connectTimeoutMs' | 'idleCloseMs' | 'backoffInitialMs' | 'backoffMaxMs' | 'authRetryMs' | 'now' | 'random'
>;

export interface ProjectorManagerOptions {
  secrets?: SecretLookup;
  socketFactory?: SocketFactory;
  logger?: Logger;
  connection?: ConnectionDefaults;
}

export interface ManagerEvents extends Record<string, unknown> {
  /** A projector's link changed state; `authRequired` from its greeting (null = not seen yet). */
  connection: { key: string; target: PjlinkTarget; state: ConnectionState; authRequired: boolean | null };
}

export const DEFAULT_PJLINK_PORT = 4352;

export function normalizeTarget(target: { host: string; port?: number | null }): PjlinkTarget {
  return { host: target.host.trim().toLowerCase(), port: target.port ?? DEFAULT_PJLINK_PORT };
}

export class ProjectorManager extends TypedEmitter<ManagerEvents> {
  private readonly clients = new Map<string, PjlinkClient>();
  private readonly unsubscribers = new Map<string, () => void>();
  private disposed = false;
  private readonly log: Logger;

  constructor(private readonly options: ProjectorManagerOptions = {}) {
    super();
    this.log = (options.logger ?? silentLogger).child('pjlink');
  }

  /** The one client for this projector (created on first use). `pjlinkClass` seeds class detection. */
  client(target: { host: string; port?: number | null }, hints: { pjlinkClass?: PjlinkClass | null } = {}): PjlinkClient {
    if (this.disposed) throw pjlinkError('pjlink.closed');
    const normalized = normalizeTarget(target);
    const key = targetKey(normalized);
    const existing = this.clients.get(key);
    if (existing) return existing;
    const connection = new PjlinkConnection({
      ...this.options.connection,
      target: normalized,
      socketFactory: this.options.socketFactory,
      logger: this.log,
      password: () => this.options.secrets?.(normalized) ?? null,
    });
    const client = new PjlinkClient(connection, { pjlinkClass: hints.pjlinkClass ?? null });
    this.clients.set(key, client);
    this.unsubscribers.set(
      key,
      connection.on('state', ({ state, authRequired }) => this.emit('connection', { key, target: normalized, state, authRequired })),
    );
    return client;
  }

  has(target: { host: string; port?: number | null }): boolean {
    return this.clients.has(targetKey(normalizeTarget(target)));
  }

  keys(): string[] {
    return [...this.clients.keys()];
  }

  /** The password of this projector changed (profile reloaded, teacher typed it): authenticate again. */
  credentialsChanged(target?: { host: string; port?: number | null }): void {
    if (!target) {
      for (const client of this.clients.values()) client.connection.resetAuth();
      return;
    }
    this.clients.get(targetKey(normalizeTarget(target)))?.connection.resetAuth();
  }

  /** Closes and forgets one projector's connection (device removed). */
  async release(target: { host: string; port?: number | null }): Promise<void> {
    const key = targetKey(normalizeTarget(target));
    const client = this.clients.get(key);
    if (!client) return;
    this.clients.delete(key);
    this.unsubscribers.get(key)?.();
    this.unsubscribers.delete(key);
    await client.connection.close();
  }

  /** Closes every connection at once; pending commands fail with `pjlink.closed`. Never waits on a device. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    const clients = [...this.clients.values()];
    this.clients.clear();
    for (const off of this.unsubscribers.values()) off();
    this.unsubscribers.clear();
    await Promise.all(clients.map((c) => c.connection.close()));
    this.removeAll();
  }
}
