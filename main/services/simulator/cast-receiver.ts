/**
 * A Google Cast receiver that behaves like a Chromecast running the Default Media Receiver, for the
 * lab tests and the demo classroom. It speaks CASTV2 over TLS (castv2's Server), answers heartbeat,
 * receiver and media messages, and — like a real receiver — FETCHES the URL it is asked to LOAD, so a
 * URL the screen cannot reach fails with LOAD_FAILED. Every message and fetch is recorded for tests.
 *
 * The TLS certificate is self-signed and made at start with `selfsigned` (pure JS on WebCrypto):
 * senders do not verify it (castv2 connects with rejectUnauthorized: false, like every Cast sender
 * outside Chrome), and it also works on the Windows laptops where the demo classroom runs, which have
 * no openssl.
 */
import { request } from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import type castv2Module from 'castv2';
import { TypedEmitter } from '../core/emitter';
import { silentLogger, type Logger } from '../core/logger';

const NS = {
  connection: 'urn:x-cast:com.google.cast.tp.connection',
  heartbeat: 'urn:x-cast:com.google.cast.tp.heartbeat',
  receiver: 'urn:x-cast:com.google.cast.receiver',
  media: 'urn:x-cast:com.google.cast.media',
} as const;

export const DEFAULT_MEDIA_RECEIVER = { appId: 'CC1AD845', displayName: 'Default Media Receiver' } as const;

export interface RecordedMessage {
  at: number;
  clientId: string;
  sourceId: string;
  destinationId: string;
  namespace: string;
  type: string;
  data: Record<string, unknown>;
}

export interface FetchRecord {
  at: number;
  url: string;
  range: string | null;
  status: number | null;
  contentType: string | null;
  contentLength: number | null;
  /** Bytes actually read (the receiver stops early on big media, as a player does). */
  bytes: number;
  error: string | null;
}

export type LoadFailureMode = 'never' | 'next' | 'always';

export interface CastReceiverOptions {
  host: string;
  /** 0: any free port. */
  port?: number;
  name?: string;
  tls?: { key: string; cert: string };
  logger?: Logger;
  /** How long a fetch of the media may take before LOAD fails. */
  fetchTimeoutMs?: number;
}

export type CastReceiverEvents = {
  message: RecordedMessage;
  fetch: FetchRecord;
  /** Media state after each change (for tests waiting on PLAYING/PAUSED/IDLE). */
  media: { playerState: string; idleReason: string | null; contentId: string | null };
};

interface RunningApp {
  appId: string;
  displayName: string;
  sessionId: string;
  transportId: string;
  foreign: boolean;
}

interface MediaSession {
  mediaSessionId: number;
  contentId: string;
  contentType: string;
  playerState: 'PLAYING' | 'PAUSED' | 'IDLE' | 'BUFFERING';
  idleReason: string | null;
  position: number;
  since: number;
  duration: number | null;
  metadata: unknown;
}

/** A self-signed certificate for the simulator (EC P-256, one day). */
export async function generateReceiverCertificate(commonName = 'cast-simulator'): Promise<{ key: string; cert: string }> {
  const now = Date.now();
  // Loaded when a receiver starts (demo mode, tests), not with the app: it brings a whole X.509 stack.
  const { generate } = await import('selfsigned');
  const pems = await generate([{ name: 'commonName', value: commonName }], {
    keyType: 'ec',
    curve: 'P-256',
    notBeforeDate: new Date(now - 60_000),
    notAfterDate: new Date(now + 24 * 3600_000),
  });
  return { key: pems.private, cert: pems.cert };
}

/** One HTTP GET as a receiver does it: fresh connection, optional Range, reads at most `maxBytes`. */
function fetchLike(url: string, range: string | null, maxBytes: number, timeoutMs: number): Promise<FetchRecord> {
  return new Promise((resolve) => {
    const record: FetchRecord = { at: Date.now(), url, range, status: null, contentType: null, contentLength: null, bytes: 0, error: null };
    let settled = false;
    const done = (error: string | null) => {
      if (settled) return;
      settled = true;
      record.error = error;
      resolve(record);
    };
    let req: ReturnType<typeof request>;
    try {
      req = request(url, { method: 'GET', agent: false, headers: range ? { Range: range } : {}, timeout: timeoutMs });
    } catch (e) {
      done((e as Error).message);
      return;
    }
    req.on('response', (res) => {
      record.status = res.statusCode ?? null;
      record.contentType = typeof res.headers['content-type'] === 'string' ? res.headers['content-type'] : null;
      const length = Number(res.headers['content-length']);
      record.contentLength = Number.isFinite(length) ? length : null;
      res.on('data', (chunk: Buffer) => {
        record.bytes += chunk.length;
        if (record.bytes >= maxBytes) {
          res.destroy();
          done(null);
        }
      });
      res.on('end', () => done(null));
      res.on('error', (e) => done(e.message));
      res.on('close', () => done(null));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => done(e.message));
    req.end();
  });
}

export class CastReceiverSimulator extends TypedEmitter<CastReceiverEvents> {
  readonly messages: RecordedMessage[] = [];
  readonly fetches: FetchRecord[] = [];
  readonly name: string;
  readonly castId = randomUUID().replace(/-/g, '');
  private app: RunningApp | null = null;
  private media: MediaSession | null = null;
  private nextMediaSessionId = 1;
  private loadFailure: LoadFailureMode = 'never';
  private readonly log: Logger;
  private readonly fetchTimeoutMs: number;

  private constructor(
    private readonly server: InstanceType<typeof castv2Module.Server>,
    readonly host: string,
    readonly port: number,
    options: CastReceiverOptions,
  ) {
    super();
    this.name = options.name ?? 'Écran de démonstration';
    this.log = options.logger ?? silentLogger;
    this.fetchTimeoutMs = options.fetchTimeoutMs ?? 8000;
  }

  static async start(options: CastReceiverOptions): Promise<CastReceiverSimulator> {
    const tls = options.tls ?? (await generateReceiverCertificate());
    const { default: castv2 } = await import('castv2');
    const server = new castv2.Server({ key: tls.key, cert: tls.cert });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.server.address();
    const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
    const sim = new CastReceiverSimulator(server, options.host, port, options);
    server.on('error', (e: Error) => sim.log.warn(`cast receiver: ${e.message}`));
    server.on('message', (clientId: string, sourceId: string, destinationId: string, namespace: string, data: string | Buffer) =>
      sim.onMessage(clientId, sourceId, destinationId, namespace, data),
    );
    return sim;
  }

  /** Makes LOAD answer LOAD_FAILED on purpose: for the next LOAD only, or always. */
  setLoadFailure(mode: LoadFailureMode): void {
    this.loadFailure = mode;
  }

  /** Simulates another sender's app on the screen (YouTube…): senders see the receiver as busy. */
  runForeignApp(appId = '233637DE', displayName = 'YouTube'): void {
    this.replaceApp({ appId, displayName, sessionId: randomUUID(), transportId: `web-${randomBytes(4).toString('hex')}`, foreign: true });
    this.broadcastReceiverStatus();
  }

  /** Current media state, for tests. */
  get playerState(): { playerState: string; idleReason: string | null; contentId: string | null } {
    return { playerState: this.media?.playerState ?? 'IDLE', idleReason: this.media?.idleReason ?? null, contentId: this.media?.contentId ?? null };
  }

  get runningAppId(): string | null {
    return this.app?.appId ?? null;
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.server.once('close', () => resolve()));
    this.server.close();
    await closed;
  }

  // -------------------------------------------------------------------------------------------------

  private send(clientId: string, sourceId: string, destinationId: string, namespace: string, payload: Record<string, unknown>): void {
    // A client that went away in the meantime: castv2's Server would throw.
    if (!this.server.clients[clientId]) return;
    try {
      this.server.send(clientId, sourceId, destinationId, namespace, JSON.stringify(payload));
    } catch (e) {
      this.log.warn(`cast receiver send: ${(e as Error).message}`);
    }
  }

  private broadcast(sourceId: string, namespace: string, payload: Record<string, unknown>): void {
    for (const clientId of Object.keys(this.server.clients)) this.send(clientId, sourceId, '*', namespace, payload);
  }

  private receiverStatus(): Record<string, unknown> {
    const applications = this.app
      ? [
          {
            appId: this.app.appId,
            displayName: this.app.displayName,
            sessionId: this.app.sessionId,
            transportId: this.app.transportId,
            isIdleScreen: false,
            statusText: this.app.displayName,
            namespaces: [{ name: NS.media }],
          },
        ]
      : [];
    return { applications, volume: { level: 1, muted: false }, isActiveInput: true, isStandBy: false };
  }

  private broadcastReceiverStatus(): void {
    this.broadcast('receiver-0', NS.receiver, { type: 'RECEIVER_STATUS', requestId: 0, status: this.receiverStatus() });
  }

  private mediaStatus(): Record<string, unknown>[] {
    const m = this.media;
    if (!m) return [];
    const position = m.playerState === 'PLAYING' ? m.position + (Date.now() - m.since) / 1000 : m.position;
    const status: Record<string, unknown> = {
      mediaSessionId: m.mediaSessionId,
      playbackRate: 1,
      playerState: m.playerState,
      currentTime: m.duration !== null ? Math.min(position, m.duration) : position,
      supportedMediaCommands: 15,
      volume: { level: 1, muted: false },
      media: { contentId: m.contentId, contentType: m.contentType, streamType: 'BUFFERED', duration: m.duration, metadata: m.metadata },
    };
    if (m.idleReason) status['idleReason'] = m.idleReason;
    return [status];
  }

  private setMedia(update: Partial<MediaSession>): void {
    if (!this.media) return;
    const m = this.media;
    if (m.playerState === 'PLAYING') m.position += (Date.now() - m.since) / 1000;
    Object.assign(m, update);
    m.since = Date.now();
    this.emit('media', this.playerState);
  }

  /** An app replaces the current one; senders connected to the old one get CLOSE (as on a Chromecast). */
  private replaceApp(next: RunningApp | null): void {
    const old = this.app;
    if (old) this.broadcast(old.transportId, NS.connection, { type: 'CLOSE' });
    this.app = next;
    this.media = null;
    this.emit('media', this.playerState);
  }

  private onMessage(clientId: string, sourceId: string, destinationId: string, namespace: string, raw: string | Buffer): void {
    let data: Record<string, unknown>;
    try {
      data = JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8')) as Record<string, unknown>;
    } catch {
      return;
    }
    const type = typeof data['type'] === 'string' ? data['type'] : '';
    const record: RecordedMessage = { at: Date.now(), clientId, sourceId, destinationId, namespace, type, data };
    this.messages.push(record);
    if (this.messages.length > 2000) this.messages.splice(0, 1000);
    this.emit('message', record);
    const requestId = typeof data['requestId'] === 'number' ? data['requestId'] : 0;
    const reply = (payload: Record<string, unknown>) => this.send(clientId, destinationId, sourceId, namespace, { ...payload, requestId });

    switch (namespace) {
      case NS.heartbeat:
        if (type === 'PING') this.send(clientId, destinationId, sourceId, namespace, { type: 'PONG' });
        return;
      case NS.connection:
        return;
      case NS.receiver:
        return this.onReceiverMessage(type, data, reply);
      case NS.media:
        if (!this.app || this.app.foreign || destinationId !== this.app.transportId) {
          return reply({ type: 'INVALID_REQUEST', reason: 'INVALID_COMMAND' });
        }
        void this.onMediaMessage(type, data, reply, destinationId);
        return;
    }
  }

  private onReceiverMessage(type: string, data: Record<string, unknown>, reply: (p: Record<string, unknown>) => void): void {
    switch (type) {
      case 'GET_STATUS':
        return reply({ type: 'RECEIVER_STATUS', status: this.receiverStatus() });
      case 'GET_APP_AVAILABILITY': {
        const ids = Array.isArray(data['appId']) ? (data['appId'] as unknown[]) : [];
        const availability: Record<string, string> = {};
        for (const id of ids) if (typeof id === 'string') availability[id] = id === DEFAULT_MEDIA_RECEIVER.appId ? 'APP_AVAILABLE' : 'APP_UNAVAILABLE';
        return reply({ type: 'GET_APP_AVAILABILITY', availability });
      }
      case 'LAUNCH': {
        if (data['appId'] !== DEFAULT_MEDIA_RECEIVER.appId) return reply({ type: 'LAUNCH_ERROR', reason: 'NOT_FOUND' });
        if (!this.app || this.app.appId !== DEFAULT_MEDIA_RECEIVER.appId) {
          this.replaceApp({ ...DEFAULT_MEDIA_RECEIVER, sessionId: randomUUID(), transportId: `web-${randomBytes(4).toString('hex')}`, foreign: false });
        }
        this.broadcastReceiverStatus();
        return reply({ type: 'RECEIVER_STATUS', status: this.receiverStatus() });
      }
      case 'STOP': {
        if (this.app && (data['sessionId'] === undefined || data['sessionId'] === this.app.sessionId)) this.replaceApp(null);
        this.broadcastReceiverStatus();
        return reply({ type: 'RECEIVER_STATUS', status: this.receiverStatus() });
      }
      default:
        return reply({ type: 'INVALID_REQUEST', reason: 'INVALID_COMMAND' });
    }
  }

  private async onMediaMessage(type: string, data: Record<string, unknown>, reply: (p: Record<string, unknown>) => void, transportId: string): Promise<void> {
    const mediaBroadcast = () => this.broadcast(transportId, NS.media, { type: 'MEDIA_STATUS', requestId: 0, status: this.mediaStatus() });
    if (type === 'GET_STATUS') return reply({ type: 'MEDIA_STATUS', status: this.mediaStatus() });
    if (type === 'LOAD') return this.load(data, reply, mediaBroadcast);
    const sessionId = data['mediaSessionId'];
    if (!this.media || sessionId !== this.media.mediaSessionId) return reply({ type: 'INVALID_REQUEST', reason: 'INVALID_MEDIA_SESSION_ID' });
    switch (type) {
      case 'PLAY':
        this.setMedia({ playerState: 'PLAYING', idleReason: null });
        break;
      case 'PAUSE':
        this.setMedia({ playerState: 'PAUSED' });
        break;
      case 'STOP':
        this.setMedia({ playerState: 'IDLE', idleReason: 'CANCELLED' });
        break;
      case 'SEEK': {
        const t = typeof data['currentTime'] === 'number' ? data['currentTime'] : 0;
        this.setMedia({ position: Math.max(0, t) });
        break;
      }
      default:
        return reply({ type: 'INVALID_REQUEST', reason: 'INVALID_COMMAND' });
    }
    mediaBroadcast();
    reply({ type: 'MEDIA_STATUS', status: this.mediaStatus() });
  }

  private async load(data: Record<string, unknown>, reply: (p: Record<string, unknown>) => void, mediaBroadcast: () => void): Promise<void> {
    const media = (data['media'] ?? {}) as Record<string, unknown>;
    const contentId = typeof media['contentUrl'] === 'string' ? media['contentUrl'] : typeof media['contentId'] === 'string' ? media['contentId'] : '';
    const contentType = typeof media['contentType'] === 'string' ? media['contentType'] : '';
    const fail = (reason: string) => {
      this.log.info(`cast receiver: LOAD_FAILED (${reason})`);
      reply({ type: 'LOAD_FAILED', reason: 'LOAD_FAILED', detailedErrorCode: 104 });
    };
    if (this.loadFailure !== 'never') {
      if (this.loadFailure === 'next') this.loadFailure = 'never';
      return fail('failure requested');
    }
    if (!/^https?:\/\//.test(contentId)) return fail('not an http URL');
    // Fetch as a player would: images whole; audio/video from byte 0 (a Range request), then the end
    // of the file (MP4 players look for the index there).
    const isImage = contentType.startsWith('image/');
    const first = await fetchLike(contentId, isImage ? null : 'bytes=0-', isImage ? 50 * 1024 * 1024 : 64 * 1024, this.fetchTimeoutMs);
    this.fetches.push(first);
    this.emit('fetch', first);
    const okStatus = first.status === 200 || first.status === 206;
    if (!okStatus || first.error || first.bytes === 0) return fail(`fetch ${first.status ?? first.error}`);
    if (isImage && first.contentLength !== null && first.bytes !== first.contentLength) return fail('image truncated');
    if (!isImage && first.status === 206 && first.contentLength !== null) {
      // Content-Range tells the total size; ask for the last KiB.
      const total = first.contentLength;
      if (total > 1024) {
        const tail = await fetchLike(contentId, `bytes=-1024`, 1024, this.fetchTimeoutMs);
        this.fetches.push(tail);
        this.emit('fetch', tail);
      }
    }
    const autoplay = data['autoplay'] !== false;
    this.media = {
      mediaSessionId: this.nextMediaSessionId++,
      contentId,
      contentType,
      playerState: autoplay ? 'PLAYING' : 'PAUSED',
      idleReason: null,
      position: typeof data['currentTime'] === 'number' ? data['currentTime'] : 0,
      since: Date.now(),
      duration: typeof media['duration'] === 'number' ? media['duration'] : null,
      metadata: media['metadata'] ?? null,
    };
    this.emit('media', this.playerState);
    // castv2-client records the media session only from a broadcast: send it before the reply.
    mediaBroadcast();
    reply({ type: 'MEDIA_STATUS', status: this.mediaStatus() });
  }
}
