/**
 * The media server: a small HTTP server from which a Cast or DLNA screen fetches the file being cast
 * (receivers pull the media themselves). It serves only files explicitly shared for a cast, each under
 * an unguessable path `/cast/<256-bit token>/<name>`, listens only on the laptop address that reaches
 * the receiver, supports single byte ranges (video seeking) and HEAD, streams from disk (a 4 GB video
 * is never read into memory), and forgets a file as soon as its cast ends: later requests get 410 and
 * transfers in progress are cut.
 *
 * Nothing from the URL ever reaches the file system: the token is looked up in memory.
 */
import { open, realpath, stat, type FileHandle } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { basename } from 'node:path';
import { finished } from 'node:stream/promises';
import { TypedEmitter } from '../core/emitter';
import { silentLogger, type Logger } from '../core/logger';
import { castError } from './cast-errors';
import { decideMediaType, SNIFF_LENGTH, type MediaType } from './media-types';
import {
  castPath,
  contentDisposition,
  decideRange,
  entityTag,
  matchCastPath,
  newCastToken,
  rangeAppliesAfterIfRange,
} from './media-request';

export interface MediaServerOptions {
  /** The local address to listen on: the one on the receiver's network (see local-address.ts). */
  host: string;
  /** 0 (default): any free port. */
  port?: number;
  logger?: Logger;
  /** Read size when streaming from disk (default 1 MiB with pooled buffers: measured fastest, see docs/benchmarks.md). */
  chunkSize?: number;
}

export interface SharedMedia {
  readonly token: string;
  /** The absolute URL to hand to the receiver. */
  readonly url: string;
  readonly name: string;
  readonly type: MediaType;
  /** Size when shared (bytes). */
  readonly size: number;
  /** Stops serving it now (idempotent). */
  revoke(): void;
}

/** One line per request, for logs and tests (never the token). */
export interface MediaRequestRecord {
  method: string;
  status: number;
  remote: string;
  /** The shared file's name, or null when the request matched nothing. */
  name: string | null;
  range: string | null;
  /** Body bytes the response was meant to carry. */
  bytes: number;
  /** false when the transfer was cut (receiver closed the connection while seeking, or the cast ended). */
  complete: boolean;
}

export type MediaServerEvents = {
  request: MediaRequestRecord;
  /** A shared file was revoked (its cast ended). */
  revoked: { token: string; name: string };
};

interface FileShare {
  kind: 'file';
  path: string;
  /**
   * Opened once when shared, closed when revoked: a player seeking sends hundreds of range requests,
   * and an open/close per request costs more than the read. (libuv opens with FILE_SHARE_DELETE on
   * Windows, so the teacher can still move or delete the file.)
   */
  handle: FileHandle;
  /** Last fstat, reused for a second: a seeking player asks many ranges in a row. */
  checked: { at: number; size: number; mtimeMs: number } | null;
}
interface BufferShare {
  kind: 'buffer';
  data: Buffer;
  mtimeMs: number;
}
type ShareEntry = (FileShare | BufferShare) & {
  token: string;
  name: string;
  type: MediaType;
  size: number;
  /** Responses in flight, cut when the share is revoked. */
  responses: Set<ServerResponse>;
};

const remoteOf = new WeakMap<IncomingMessage, string>();

/** How many revoked tokens we remember to answer 410 instead of 404 (bounded: a server can live long). */
const REMEMBERED_REVOKED = 256;

const DLNA_CONTENT_FEATURES = 'DLNA.ORG_OP=01;DLNA.ORG_CI=0;DLNA.ORG_FLAGS=01700000000000000000000000000000';

/**
 * Read buffers reused across reads and responses. A fresh multi-megabyte Buffer per read (what
 * fs.ReadStream does) costs an mmap, a page fault per 4 KiB on first touch and a munmap at GC: on
 * loopback that was a large part of the media server's CPU next to nginx's sendfile. A buffer goes
 * back to the pool only once the socket has taken its bytes (the write's callback).
 */
export class BufferPool {
  private readonly free: Buffer[] = [];
  constructor(
    readonly size: number,
    private readonly keep = 8,
  ) {}

  acquire(): Buffer {
    return this.free.pop() ?? Buffer.allocUnsafeSlow(this.size);
  }

  release(buffer: Buffer): void {
    if (buffer.length === this.size && this.free.length < this.keep && !this.free.includes(buffer)) this.free.push(buffer);
  }

  get available(): number {
    return this.free.length;
  }
}

/** Resolves when the response may take more bytes; rejects when it closed first (receiver gone, revoked). */
function writable(res: ServerResponse): Promise<void> {
  return new Promise((resolve, reject) => {
    const onDrain = () => {
      res.off('close', onClose);
      resolve();
    };
    const onClose = () => {
      res.off('drain', onDrain);
      reject(new Error('response closed'));
    };
    res.once('drain', onDrain);
    res.once('close', onClose);
  });
}

/** Reads the first bytes of a file and decides whether it may be cast (ServiceError otherwise). */
export async function probeMediaFile(file: string): Promise<{ path: string; name: string; size: number; type: MediaType }> {
  let path: string;
  let size: number;
  const head = Buffer.alloc(SNIFF_LENGTH);
  let headLength = 0;
  try {
    path = await realpath(file);
    const info = await stat(path);
    if (!info.isFile()) throw new Error('not a regular file');
    size = info.size;
    const handle = await open(path, 'r');
    try {
      headLength = (await handle.read(head, 0, SNIFF_LENGTH, 0)).bytesRead;
    } finally {
      await handle.close();
    }
  } catch (e) {
    throw castError('cast.file_unreadable', { params: { file: basename(file) }, detail: (e as Error).message, cause: e });
  }
  const name = basename(file);
  const decision = decideMediaType(name, head.subarray(0, headLength));
  if (!decision.ok) throw castError('cast.not_media', { params: { file: name }, detail: `refused by ${decision.reason}` });
  return { path, name, size, type: decision.type };
}

export class MediaServer extends TypedEmitter<MediaServerEvents> {
  private readonly shares = new Map<string, ShareEntry>();
  private readonly revoked = new Set<string>();
  private readonly sockets = new Set<Socket>();
  private readonly log: Logger;
  private readonly chunkSize: number;
  private readonly buffers: BufferPool;
  private closed = false;

  private constructor(
    private readonly server: Server,
    readonly host: string,
    readonly port: number,
    log: Logger,
    chunkSize: number,
  ) {
    super();
    this.log = log;
    this.chunkSize = chunkSize;
    this.buffers = new BufferPool(chunkSize);
  }

  /** Starts listening on `host` (never a wildcard address). */
  static async start(options: MediaServerOptions): Promise<MediaServer> {
    if (options.host === '0.0.0.0' || options.host === '::' || options.host === '') {
      throw new Error('MediaServer must listen on the one address that reaches the receiver, not on every interface');
    }
    const log = options.logger ?? silentLogger;
    const server = createServer({ keepAliveTimeout: 5_000, headersTimeout: 10_000, requestTimeout: 10_000 });
    server.maxHeadersCount = 50;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const { port } = server.address() as AddressInfo;
    const ms = new MediaServer(server, options.host, port, log, options.chunkSize ?? 1024 * 1024);
    server.on('request', (req, res) => ms.handle(req, res));
    server.on('connection', (socket) => {
      ms.sockets.add(socket);
      socket.once('close', () => ms.sockets.delete(socket));
    });
    server.on('clientError', (_err, socket) => socket.destroy());
    log.info(`media server listening on ${options.host}:${port}`);
    return ms;
  }

  /** `http://host:port` */
  get origin(): string {
    return `http://${this.host.includes(':') ? `[${this.host}]` : this.host}:${this.port}`;
  }

  get shareCount(): number {
    return this.shares.size;
  }

  /** Shares a file from disk after checking that it is castable media (ServiceError otherwise). */
  async shareFile(file: string, options: { name?: string } = {}): Promise<SharedMedia> {
    const probe = await probeMediaFile(file);
    let handle: FileHandle;
    try {
      handle = await open(probe.path, 'r');
    } catch (e) {
      throw castError('cast.file_unreadable', { params: { file: probe.name }, detail: (e as Error).message, cause: e });
    }
    try {
      return this.register({ kind: 'file', path: probe.path, handle, checked: null }, options.name ?? probe.name, probe.type, probe.size);
    } catch (e) {
      await handle.close();
      throw e;
    }
  }

  /** Shares bytes held in memory (a rendered PDF page). */
  shareBuffer(data: Buffer, type: MediaType, name: string): SharedMedia {
    return this.register({ kind: 'buffer', data, mtimeMs: Date.now() }, name, type, data.length);
  }

  private register(source: FileShare | BufferShare, name: string, type: MediaType, size: number): SharedMedia {
    if (this.closed) throw new Error('media server closed');
    const token = newCastToken();
    const entry: ShareEntry = { ...source, token, name, type, size, responses: new Set() };
    this.shares.set(token, entry);
    return {
      token,
      url: `${this.origin}${castPath(token, name)}`,
      name,
      type,
      size,
      revoke: () => this.revoke(token),
    };
  }

  /** Stops serving a shared file: later requests get 410, transfers in progress are cut. */
  revoke(token: string): boolean {
    const entry = this.shares.get(token);
    if (!entry) return false;
    this.shares.delete(token);
    this.revoked.add(token);
    if (this.revoked.size > REMEMBERED_REVOKED) this.revoked.delete(this.revoked.values().next().value as string);
    for (const res of entry.responses) res.destroy();
    entry.responses.clear();
    // Waits for reads in flight (FileHandle counts them), then closes.
    if (entry.kind === 'file') void entry.handle.close().catch(() => undefined);
    this.emit('revoked', { token, name: entry.name });
    return true;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const token of [...this.shares.keys()]) this.revoke(token);
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
    this.log.info(`media server on ${this.host}:${this.port} closed`);
  }

  private finish(req: IncomingMessage, res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'Content-Length': '0', 'Cache-Control': 'no-store', ...headers });
    res.end();
    this.record(req, status, null, 0);
  }

  private record(req: IncomingMessage, status: number, name: string | null, bytes: number, complete = true): void {
    this.emit('request', {
      method: req.method ?? '',
      status,
      remote: remoteOf.get(req) ?? req.socket.remoteAddress ?? '',
      name,
      range: typeof req.headers.range === 'string' ? req.headers.range.slice(0, 100) : null,
      bytes,
      complete,
    });
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    // Read now: once the receiver has closed the connection the socket no longer knows it.
    remoteOf.set(req, req.socket.remoteAddress ?? '');
    if (req.method !== 'GET' && req.method !== 'HEAD') return this.finish(req, res, 405, { Allow: 'GET, HEAD' });
    const match = matchCastPath(req.url);
    if (!match.ok) return this.finish(req, res, match.status);
    const entry = this.shares.get(match.token);
    if (!entry) return this.finish(req, res, this.revoked.has(match.token) ? 410 : 404);
    if (match.name !== entry.name) return this.finish(req, res, 404);
    void this.serve(req, res, entry).catch((e: unknown) => {
      this.log.warn(`media server: ${(e as Error).message}`);
      if (!res.headersSent) this.finish(req, res, 500);
      else res.destroy();
    });
  }

  /**
   * Sends bytes start..end of the file: pooled buffers, the next chunk read while the previous one is
   * being written (one read ahead), a buffer reused once the socket took it. A seek-sized range is one
   * read and one write.
   */
  private async streamFile(handle: FileHandle, res: ServerResponse, start: number, end: number): Promise<void> {
    const pool = this.buffers;
    const read = async (position: number): Promise<{ buffer: Buffer; length: number }> => {
      const length = Math.min(pool.size, end + 1 - position);
      const buffer = pool.acquire();
      try {
        const { bytesRead } = await handle.read(buffer, 0, length, position);
        if (bytesRead !== length) throw new Error('file shrank while serving');
        return { buffer, length };
      } catch (e) {
        pool.release(buffer);
        throw e;
      }
    };
    let position = start;
    let next: Promise<{ buffer: Buffer; length: number }> | null = read(position);
    try {
      while (next) {
        const { buffer, length } = await next;
        position += length;
        const last = position > end;
        next = last ? null : read(position);
        // Keep a rejected read-ahead from being "unhandled" if the write below fails first.
        next?.catch(() => undefined);
        const chunk = buffer.subarray(0, length);
        if (last) {
          res.end(chunk, () => pool.release(buffer));
          break;
        }
        if (!res.write(chunk, () => pool.release(buffer))) await writable(res);
      }
      await finished(res);
    } finally {
      // A read still in flight when the response failed: give its buffer back when it lands.
      if (next) void next.then(({ buffer }) => pool.release(buffer), () => undefined);
    }
  }

  private async serve(req: IncomingMessage, res: ServerResponse, entry: ShareEntry): Promise<void> {
    let size = entry.size;
    let mtimeMs: number;
    if (entry.kind === 'file') {
      // Re-read the size (at most once a second): Content-Length must match what we will send.
      let checked = entry.checked;
      if (!checked || Date.now() - checked.at > 1000) {
        const info = await entry.handle.stat().catch(() => null);
        if (!info?.isFile() || !this.shares.has(entry.token)) return this.finish(req, res, 410);
        checked = entry.checked = { at: Date.now(), size: info.size, mtimeMs: info.mtimeMs };
      }
      size = checked.size;
      mtimeMs = checked.mtimeMs;
    } else {
      mtimeMs = entry.mtimeMs;
    }
    const etag = entityTag(size, mtimeMs);
    const rangeHeader = typeof req.headers.range === 'string' ? req.headers.range : undefined;
    const ifRange = typeof req.headers['if-range'] === 'string' ? req.headers['if-range'] : undefined;
    const decision = rangeAppliesAfterIfRange(ifRange, etag) ? decideRange(rangeHeader, size) : { kind: 'full' as const };

    const headers: Record<string, string> = {
      'Content-Type': entry.type.mime,
      'Accept-Ranges': 'bytes',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Content-Disposition': contentDisposition(entry.name),
      ETag: etag,
      // Cast receivers are web pages on another origin; the token is the access control.
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Expose-Headers': 'Content-Length, Content-Range, Accept-Ranges, Content-Type',
      // DLNA TVs (Samsung, LG…) ask for these before they accept to stream or seek.
      'transferMode.dlna.org': entry.type.kind === 'image' || entry.type.kind === 'pdf' ? 'Interactive' : 'Streaming',
    };
    if (req.headers['getcontentfeatures.dlna.org'] === '1') headers['contentFeatures.dlna.org'] = DLNA_CONTENT_FEATURES;

    if (decision.kind === 'unsatisfiable') {
      return this.finish(req, res, 416, { ...headers, 'Content-Range': `bytes */${size}` });
    }
    const start = decision.kind === 'partial' ? decision.start : 0;
    const end = decision.kind === 'partial' ? decision.end : size - 1;
    const length = size === 0 ? 0 : end - start + 1;
    const status = decision.kind === 'partial' ? 206 : 200;
    if (decision.kind === 'partial') headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
    headers['Content-Length'] = String(length);
    // Revoked while we were checking the file: nothing goes out.
    if (!this.shares.has(entry.token)) return this.finish(req, res, 410);
    res.writeHead(status, headers);
    if (req.method === 'HEAD' || length === 0) {
      res.end();
      return this.record(req, status, entry.name, 0);
    }

    entry.responses.add(res);
    try {
      if (entry.kind === 'buffer') {
        res.end(entry.data.subarray(start, end + 1));
      } else {
        await this.streamFile(entry.handle, res, start, end);
      }
      this.record(req, status, entry.name, length);
    } catch {
      // The receiver closed the connection (seeking does that constantly) or the share was revoked.
      // Everything was handed over when the response was ended (the close only raced the finish).
      this.record(req, status, entry.name, length, res.writableEnded);
    } finally {
      entry.responses.delete(res);
    }
  }
}
