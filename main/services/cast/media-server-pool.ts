/**
 * Media servers by local address: one per network the laptop casts to, started on first share and
 * closed when its last shared file is revoked, so nothing listens while nothing is being cast.
 */
import { TypedEmitter } from '../core/emitter';
import { silentLogger, type Logger } from '../core/logger';
import { castError } from './cast-errors';
import { localAddressFor as defaultLocalAddressFor } from './local-address';
import { MediaServer, type MediaRequestRecord, type SharedMedia } from './media-server';
import type { MediaType } from './media-types';

export interface MediaServerPoolOptions {
  logger?: Logger;
  /** Which local address reaches a receiver (injectable for tests). */
  localAddressFor?: (receiverHost: string) => Promise<string | null>;
  chunkSize?: number;
}

export type MediaServerPoolEvents = {
  /** Every request any of the servers answered (diagnostics, tests). */
  request: MediaRequestRecord & { server: string };
};

export class MediaServerPool extends TypedEmitter<MediaServerPoolEvents> {
  private readonly servers = new Map<string, Promise<MediaServer>>();
  /** Shares being prepared (file probe in progress) per local address: their server must stay up. */
  private readonly pending = new Map<string, number>();
  /** Each started server → its map entry, to retire exactly that one. */
  private readonly entries = new Map<MediaServer, Promise<MediaServer>>();
  private readonly log: Logger;
  private readonly resolveLocal: (host: string) => Promise<string | null>;

  constructor(private readonly options: MediaServerPoolOptions = {}) {
    super();
    this.log = options.logger ?? silentLogger;
    this.resolveLocal = options.localAddressFor ?? defaultLocalAddressFor;
  }

  /** The server that the receiver at `receiverHost` can reach (started if needed). */
  async serverFor(receiverHost: string): Promise<MediaServer> {
    const local = await this.resolveLocal(receiverHost);
    if (!local) throw castError('cast.no_route', { params: { host: receiverHost }, detail: `no local address reaches ${receiverHost}` });
    const existing = this.servers.get(local);
    if (existing) return existing;
    const started: Promise<MediaServer> = MediaServer.start({ host: local, logger: this.log, chunkSize: this.options.chunkSize }).then((s) => {
      this.entries.set(s, started);
      s.on('request', (r) => this.emit('request', { ...r, server: `${s.host}:${s.port}` }));
      s.on('revoked', () => {
        if (s.shareCount === 0 && !this.pending.get(local)) this.retire(s);
      });
      return s;
    });
    this.servers.set(local, started);
    started.catch(() => {
      if (this.servers.get(local) === started) this.servers.delete(local);
    });
    return started;
  }

  async shareFile(receiverHost: string, file: string): Promise<SharedMedia> {
    const server = await this.serverFor(receiverHost);
    const local = server.host;
    this.pending.set(local, (this.pending.get(local) ?? 0) + 1);
    try {
      return await server.shareFile(file);
    } catch (e) {
      if (server.shareCount === 0 && this.pending.get(local) === 1) this.retire(server);
      throw e;
    } finally {
      const n = (this.pending.get(local) ?? 1) - 1;
      if (n > 0) this.pending.set(local, n);
      else this.pending.delete(local);
    }
  }

  async shareBuffer(receiverHost: string, data: Buffer, type: MediaType, name: string): Promise<SharedMedia> {
    const server = await this.serverFor(receiverHost);
    return server.shareBuffer(data, type, name);
  }

  /** Addresses with a running server (for tests and diagnostics). */
  async running(): Promise<{ host: string; port: number; shares: number }[]> {
    const out: { host: string; port: number; shares: number }[] = [];
    for (const p of this.servers.values()) {
      const s = await p.catch(() => null);
      if (s) out.push({ host: s.host, port: s.port, shares: s.shareCount });
    }
    return out;
  }

  /** Forgets a server with no share left (synchronously, so no new share lands on it) and closes it. */
  private retire(server: MediaServer): void {
    const entry = this.entries.get(server);
    if (entry && this.servers.get(server.host) === entry) this.servers.delete(server.host);
    this.entries.delete(server);
    void server.close();
  }

  async closeAll(): Promise<void> {
    const all = [...this.servers.values()];
    this.servers.clear();
    this.entries.clear();
    await Promise.all(all.map(async (p) => (await p.catch(() => null))?.close()));
  }
}
