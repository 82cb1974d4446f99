/**
 * PJLink class 2 search: `%2SRCH` broadcast on UDP 4352 to each interface's subnet; every class-2
 * projector answers `%2ACKN=<mac>`. Hand-written: there is no maintained Node library for it, and it
 * is two lines of protocol.
 *
 * Projectors differ on where they answer: to the sender's source port, or to port 4352. So the search
 * binds UDP 4352 when it can and sends from that socket (both kinds then answer to it); when 4352 is
 * taken (another controller on this laptop) it sends from an ephemeral port and accepts replies there.
 * `%2LKUP=<mac>` (a projector whose network just came up, sent to its configured controller) counts as
 * an answer too. Answers are emitted as they arrive; nothing waits for a "complete" list.
 */
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { isIPv4 } from 'node:net';
import { TypedEmitter } from '../core/emitter';
import { silentLogger, type Logger } from '../core/logger';
import { normalizeMac } from '../devices/identity';
import type { NetInterface } from './interfaces';

export const PJLINK_PORT = 4352;
export const SRCH = '%2SRCH\r';

export interface Ackn {
  mac: string;
  address: string;
  /** The UDP port the answer came from. */
  port: number;
  kind: 'ACKN' | 'LKUP';
}

/** Parses one datagram; returns the answers it holds (several lines are tolerated). */
export function parseSearchReply(message: Buffer | string, from: { address: string; port: number }): Ackn[] {
  if (message.length > 512 || !isIPv4(from.address)) return [];
  const text = typeof message === 'string' ? message : message.toString('latin1');
  const out: Ackn[] = [];
  for (const line of text.split(/[\r\n]+/)) {
    const m = /^%2(ACKN|LKUP)=([0-9a-f:.-]{12,17})\s*$/i.exec(line.trim());
    if (!m) continue;
    const mac = normalizeMac(m[2]);
    if (mac) out.push({ mac, address: from.address, port: from.port, kind: m[1]!.toUpperCase() as Ackn['kind'] });
  }
  return out;
}

export type UdpSocketFactory = () => Socket;

export interface PjlinkSearchOptions {
  logger?: Logger;
  /** Where projectors listen (4352). */
  port?: number;
  /** The local port to bind for sending and receiving (4352); null = ephemeral only. */
  bindPort?: number | null;
  createSocket?: UdpSocketFactory;
}

export type PjlinkSearchEvents = { ackn: Ackn; error: { error: Error } };

export class PjlinkSearch extends TypedEmitter<PjlinkSearchEvents> {
  private readonly log: Logger;
  private readonly port: number;
  private readonly bindPort: number | null;
  private readonly factory: UdpSocketFactory;
  private fixed: Socket | null = null;
  private ephemeral: Socket | null = null;
  private started: Promise<void> | null = null;

  constructor(options: PjlinkSearchOptions = {}) {
    super();
    this.log = options.logger ?? silentLogger;
    this.port = options.port ?? PJLINK_PORT;
    this.bindPort = options.bindPort === undefined ? PJLINK_PORT : options.bindPort;
    this.factory = options.createSocket ?? (() => createSocket({ type: 'udp4', reuseAddr: false }));
  }

  /** The local port searches are sent from (null before start or if no socket could be bound). */
  get localPort(): number | null {
    const s = this.fixed ?? this.ephemeral;
    try {
      return s ? s.address().port : null;
    } catch {
      return null;
    }
  }

  start(): Promise<void> {
    this.started ??= this.open();
    return this.started;
  }

  private async open(): Promise<void> {
    if (this.bindPort !== null) this.fixed = await this.bind(this.bindPort);
    if (!this.fixed) this.ephemeral = await this.bind(0);
    if (!this.fixed && !this.ephemeral) throw new Error('no UDP socket could be opened for the PJLink search');
  }

  private bind(port: number): Promise<Socket | null> {
    return new Promise((resolve) => {
      let socket: Socket;
      try {
        socket = this.factory();
      } catch (e) {
        this.log.warn(`PJLink search: cannot create a UDP socket: ${(e as Error).message}`);
        resolve(null);
        return;
      }
      const onError = (error: Error) => {
        this.log.info(`PJLink search: UDP ${port || 'ephemeral'} unavailable (${error.message})`);
        try {
          socket.close();
        } catch {
          /* already closed */
        }
        resolve(null);
      };
      socket.once('error', onError);
      socket.on('message', (msg, rinfo) => this.onMessage(msg, rinfo));
      socket.bind(port, () => {
        socket.off('error', onError);
        socket.on('error', (error) => {
          this.log.debug(`PJLink search socket error: ${error.message}`);
          this.emit('error', { error });
        });
        try {
          socket.setBroadcast(true);
        } catch (e) {
          this.log.warn(`PJLink search: broadcast refused: ${(e as Error).message}`);
        }
        resolve(socket);
      });
    });
  }

  private onMessage(msg: Buffer, rinfo: RemoteInfo): void {
    try {
      for (const ackn of parseSearchReply(msg, rinfo)) this.emit('ackn', ackn);
    } catch (e) {
      this.log.debug(`PJLink search: datagram ignored: ${(e as Error).message}`);
    }
  }

  /** Feeds a datagram received elsewhere (e.g. by the PJLink notification listener holding UDP 4352). */
  accept(message: Buffer, from: { address: string; port: number }): void {
    this.onMessage(message, { address: from.address, port: from.port, family: 'IPv4', size: message.length });
  }

  /** Sends %2SRCH to each interface's broadcast address. Resolves once sent; answers come as events. */
  async search(interfaces: NetInterface[]): Promise<void> {
    await this.start();
    const socket = this.fixed ?? this.ephemeral;
    if (!socket) return;
    const payload = Buffer.from(SRCH, 'latin1');
    await Promise.all(
      interfaces.map(
        (iface) =>
          new Promise<void>((resolve) => {
            try {
              socket.send(payload, this.port, iface.broadcast, (error) => {
                if (error) this.log.debug(`PJLink search on ${iface.name} (${iface.broadcast}) failed: ${error.message}`);
                resolve();
              });
            } catch (e) {
              this.log.debug(`PJLink search on ${iface.name} failed: ${(e as Error).message}`);
              resolve();
            }
          }),
      ),
    );
  }

  async stop(): Promise<void> {
    const sockets = [this.fixed, this.ephemeral].filter((s): s is Socket => s !== null);
    this.fixed = null;
    this.ephemeral = null;
    this.started = null;
    await Promise.all(
      sockets.map(
        (s) =>
          new Promise<void>((resolve) => {
            try {
              s.close(() => resolve());
            } catch {
              resolve();
            }
          }),
      ),
    );
  }
}
