/**
 * Class 2 notifications over UDP 4352: projectors configured with this laptop as their controller send
 * `%2LKUP=<mac>` when their link comes up and `%2POWR=…`, `%2ERST=…`, `%2INPT=…`, `%2AVMT=…` when
 * something changes. Listening is a bonus on top of polling: if the port is taken (another app, a
 * second instance) or forbidden, we say so once and carry on with polling only.
 *
 * The same socket also receives `%2ACKN` search replies (some projectors answer a SRCH on port 4352
 * rather than on the sender's port); `search()` sends a SRCH from it, so discovery can share it
 * instead of fighting over the port.
 */
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { TypedEmitter } from '../core/emitter';
import { silentLogger, type Logger } from '../core/logger';
import { decodeDatagram, PJLINK_PORT, searchDatagram, type PjlinkNotification } from './codec';
import type { ProjectorPoller } from './poller';

export interface NotificationListenerOptions {
  /** Default 4352. Tests use 0 (a free port). */
  port?: number;
  /** Default '0.0.0.0'. */
  address?: string;
  /** Injected for tests; default `dgram.createSocket('udp4')`. */
  createSocket?: () => UdpSocket;
  logger?: Logger;
}

export interface NotificationEvents extends Record<string, unknown> {
  notification: { address: string; port: number; notification: PjlinkNotification };
  datagram: { message: Buffer; address: string; port: number };
  'search-reply': { address: string; port: number; mac: string };
  /** listening: false with a reason when the port could not be bound (degraded: polling only). */
  state: { listening: boolean; port: number | null; reason?: string };
}

export class NotificationListener extends TypedEmitter<NotificationEvents> {
  private socket: UdpSocket | null = null;
  private boundPort: number | null = null;
  private readonly log: Logger;

  constructor(private readonly options: NotificationListenerOptions = {}) {
    super();
    this.log = (options.logger ?? silentLogger).child('pjlink-udp');
  }

  get listening(): boolean {
    return this.socket !== null;
  }

  get port(): number | null {
    return this.boundPort;
  }

  /** Binds the port. Resolves false (and emits `state`) when it cannot: never throws. */
  async start(): Promise<boolean> {
    if (this.socket) return true;
    const socket = this.options.createSocket?.() ?? createSocket({ type: 'udp4' });
    const port = this.options.port ?? PJLINK_PORT;
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('error', reject);
        socket.bind({ port, address: this.options.address ?? '0.0.0.0', exclusive: true }, () => {
          socket.off('error', reject);
          resolve();
        });
      });
    } catch (e) {
      const reason = (e as NodeJS.ErrnoException).code ?? 'bind failed';
      this.log.info(`UDP ${port} not available (${reason}): notifications off, polling only`);
      try {
        socket.close();
      } catch {
        // already closed
      }
      this.emit('state', { listening: false, port: null, reason });
      return false;
    }
    socket.on('error', (e) => this.log.warn(`udp error: ${e.message}`));
    try {
      socket.setBroadcast(true);
    } catch {
      // not fatal: search() will fail, notifications still work
    }
    socket.on('message', (message, rinfo) => {
      // Raw datagrams too: discovery takes %2ACKN/%2LKUP lines as search answers when this socket holds 4352.
      this.emit('datagram', { message, address: rinfo.address, port: rinfo.port });
      for (const item of decodeDatagram(message)) {
        if (item.kind === 'notification') this.emit('notification', { address: rinfo.address, port: rinfo.port, notification: item.notification });
        else if (item.kind === 'search-reply') this.emit('search-reply', { address: rinfo.address, port: rinfo.port, mac: item.mac });
      }
    });
    this.socket = socket;
    this.boundPort = socket.address().port;
    this.emit('state', { listening: true, port: this.boundPort });
    return true;
  }

  /** Sends `%2SRCH` from the listening socket (replies arrive as `search-reply`). */
  search(address: string, port = PJLINK_PORT): Promise<void> {
    const socket = this.socket;
    if (!socket) return Promise.reject(new Error('not listening'));
    return new Promise((resolve, reject) => socket.send(searchDatagram(), port, address, (e) => (e ? reject(e) : resolve())));
  }

  async stop(): Promise<void> {
    const socket = this.socket;
    this.socket = null;
    this.boundPort = null;
    if (socket) await new Promise<void>((resolve) => socket.close(() => resolve()));
  }
}

/** Feeds notifications to the poller (status updated at once, confirmed by a poll). */
export function connectNotifications(listener: NotificationListener, poller: ProjectorPoller): () => void {
  return listener.on('notification', ({ address, notification }) => poller.applyNotification(address, notification));
}
