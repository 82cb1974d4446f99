/**
 * Google Cast sender: connects to a receiver (`_googlecast._tcp`, TLS 8009), launches or joins the
 * Default Media Receiver (CC1AD845) and drives its media session. Built on castv2-client, with what it
 * lacks around it: promises with timeouts (its requests never time out), the protocol's readiness
 * (its protobuf definitions load asynchronously: a message sent too early throws "extension not loaded
 * yet" from inside a socket callback), `autoplay: true` (its default is false), and one clear event
 * when the receiver goes away.
 */
import type castv2ClientModule from 'castv2-client';
import type {
  CastApplicationSession,
  DefaultMediaReceiver,
  MediaStatus,
  PlatformSender,
  ReceiverStatus,
} from 'castv2-client';
import type castProtoModule from 'castv2/lib/proto.js';
import type { ServiceError } from '../core/errors';
import { TypedEmitter } from '../core/emitter';
import { silentLogger, type Logger } from '../core/logger';
import { sanitizeName, sanitizeText } from '../core/sanitize';
import { castError } from './cast-errors';
import type { MediaKind } from './media-types';

export const DEFAULT_MEDIA_RECEIVER_APP_ID = 'CC1AD845';
/** Apps that mean "nothing is running": the Chromecast backdrop and idle screens. */
const IDLE_APP_IDS = new Set(['E8C28D3C', '00000000-0000-0000-0000-000000000000']);

// castv2 and its protobuf stack are loaded on the first cast, not at start-up (they weigh on the
// start of the app and the web preview, and most lessons never cast).
let castModules: Promise<{ client: typeof castv2ClientModule; proto: typeof castProtoModule }> | null = null;
function loadCastModules(): Promise<{ client: typeof castv2ClientModule; proto: typeof castProtoModule }> {
  castModules ??= Promise.all([import('castv2-client'), import('castv2/lib/proto.js')]).then(([client, proto]) => ({ client: client.default, proto: proto.default }));
  return castModules;
}

/** Resolves once castv2's protobuf definitions are loaded (polls; they load in a few ms). */
export async function castProtocolReady(timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const { proto: castProto } = await loadCastModules();
  for (;;) {
    try {
      castProto.CastMessage.serialize({ protocolVersion: 0, sourceId: 's', destinationId: 'd', namespace: 'n', payloadType: 0, payloadUtf8: '' });
      return;
    } catch (e) {
      if (!/not loaded yet/.test((e as Error).message) || Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

export interface ReceiverApp {
  appId: string;
  name: string;
  sessionId: string;
  isIdleScreen: boolean;
  statusText: string;
}

export interface ReceiverView {
  apps: ReceiverApp[];
  /** Another application than an idle screen runs (someone else is casting). */
  busy: boolean;
  /** Its display name, when busy. */
  busyWith: string | null;
  volume: number | null;
  muted: boolean | null;
}

/** Pure: receiver status → apps and busy. `ownSessionId`: the session we launched is not "busy". */
export function receiverView(status: ReceiverStatus | undefined, ownSessionId: string | null = null): ReceiverView {
  const apps: ReceiverApp[] = (status?.applications ?? []).map((a: CastApplicationSession) => ({
    appId: sanitizeText(a.appId, 64),
    name: sanitizeName(a.displayName ?? a.appId),
    sessionId: sanitizeText(a.sessionId, 128),
    isIdleScreen: a.isIdleScreen === true || IDLE_APP_IDS.has(a.appId),
    statusText: sanitizeText(a.statusText ?? ''),
  }));
  const other = apps.find((a) => !a.isIdleScreen && a.sessionId !== ownSessionId);
  return {
    apps,
    busy: other !== undefined,
    busyWith: other?.name ?? null,
    volume: typeof status?.volume?.level === 'number' ? status.volume.level : null,
    muted: typeof status?.volume?.muted === 'boolean' ? status.volume.muted : null,
  };
}

export type PlayerState = 'IDLE' | 'PLAYING' | 'PAUSED' | 'BUFFERING' | 'LOADING' | 'UNKNOWN';

export interface MediaView {
  state: PlayerState;
  /** FINISHED, CANCELLED, INTERRUPTED, ERROR when IDLE. */
  idleReason: string | null;
  position: number | null;
  duration: number | null;
  mediaSessionId: number | null;
}

export function mediaView(status: MediaStatus | undefined | null): MediaView {
  const raw = String(status?.playerState ?? '').toUpperCase();
  const state: PlayerState = (['IDLE', 'PLAYING', 'PAUSED', 'BUFFERING', 'LOADING'] as const).find((s) => s === raw) ?? 'UNKNOWN';
  return {
    state,
    idleReason: status?.idleReason ? sanitizeText(status.idleReason, 32) : null,
    position: typeof status?.currentTime === 'number' ? status.currentTime : null,
    duration: typeof status?.media?.duration === 'number' ? status.media.duration : null,
    mediaSessionId: typeof status?.mediaSessionId === 'number' ? status.mediaSessionId : null,
  };
}

/** Cast metadata types: 0 generic, 1 movie, 3 music track, 4 photo. */
function metadataType(kind: MediaKind): number {
  return kind === 'video' ? 1 : kind === 'audio' ? 3 : kind === 'image' || kind === 'pdf' ? 4 : 0;
}

/** The LOAD `media` object for the Default Media Receiver. Pure. */
export function loadRequestMedia(media: { url: string; mime: string; kind: MediaKind; title: string }): Record<string, unknown> {
  const type = metadataType(media.kind);
  return {
    contentId: media.url,
    contentUrl: media.url,
    contentType: media.mime,
    streamType: 'BUFFERED',
    metadata: { type, metadataType: type, title: media.title },
  };
}

export interface GoogleCastOptions {
  host: string;
  port: number;
  logger?: Logger;
  /** Per request (connect, launch, control). */
  timeoutMs?: number;
  /** LOAD waits for the receiver to fetch the start of the file. */
  loadTimeoutMs?: number;
}

export type GoogleCastEvents = {
  media: MediaView;
  receiver: ReceiverView;
  /** The connection ended: `error` null when we closed it, else why (receiver_lost…). */
  closed: { error: ServiceError | null };
  /** Our media app was closed on the receiver (another sender took over, or it was stopped there). */
  appClosed: undefined;
};

function withTimeout<T>(what: string, ms: number, run: (cb: (err: Error | null, value: T) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(Object.assign(new Error(`${what}: no answer within ${ms} ms`), { code: 'ETIMEDOUT' })), ms);
    try {
      run((err, value) => {
        clearTimeout(t);
        if (err) reject(err);
        else resolve(value);
      });
    } catch (e) {
      clearTimeout(t);
      reject(e as Error);
    }
  });
}

/** One connection to one Cast receiver. */
export class GoogleCastConnection extends TypedEmitter<GoogleCastEvents> {
  private app: DefaultMediaReceiver | null = null;
  private closed = false;
  private readonly log: Logger;
  /** castv2-client's Default Media Receiver app (set by connect(), once the module is loaded). */
  private receiverApp: (typeof castv2ClientModule)['DefaultMediaReceiver'] | null = null;
  private readonly timeoutMs: number;
  private readonly loadTimeoutMs: number;

  private constructor(
    private readonly sender: PlatformSender,
    readonly host: string,
    readonly port: number,
    options: GoogleCastOptions,
  ) {
    super();
    this.log = options.logger ?? silentLogger;
    this.timeoutMs = options.timeoutMs ?? 8000;
    this.loadTimeoutMs = options.loadTimeoutMs ?? 20_000;
  }

  static async connect(options: GoogleCastOptions): Promise<GoogleCastConnection> {
    await castProtocolReady();
    const { client: castv2Client } = await loadCastModules();
    const sender = new castv2Client.Client();
    const conn = new GoogleCastConnection(sender, options.host, options.port, options);
    conn.receiverApp = castv2Client.DefaultMediaReceiver;
    const raw = sender.client;
    let connected = false;
    // Before connect: errors during the TLS handshake come as 'error'.
    sender.on('error', (e: Error) => {
      conn.log.warn(`cast ${options.host}: ${e.message}`);
      if (connected) conn.shutdown(castError('cast.receiver_lost', { params: { name: options.host }, detail: e.message, cause: e }));
    });
    raw?.on('close', () => {
      if (connected) conn.shutdown(castError('cast.receiver_lost', { params: { name: options.host }, detail: 'connection closed by the receiver' }));
    });
    try {
      await withTimeout<void>('connect', conn.timeoutMs, (cb) => {
        sender.once('error', (e: Error) => cb(e, undefined));
        sender.connect({ host: options.host, port: options.port }, () => cb(null, undefined));
      });
    } catch (e) {
      sender.close();
      throw castError('cast.unreachable', { params: { name: options.host }, detail: (e as Error).message, cause: e });
    }
    connected = true;
    sender.on('status', (status: ReceiverStatus) => conn.emit('receiver', receiverView(status, conn.app?.session?.sessionId ?? null)));
    return conn;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Our media session id on the receiver, once launched or joined. */
  get sessionId(): string | null {
    return this.app?.session?.sessionId ?? null;
  }

  /** Closes the connection once and says why (null: we closed it). */
  private shutdown(error: ServiceError | null): void {
    if (this.closed) return;
    this.closed = true;
    this.app = null;
    try {
      this.sender.close();
    } catch {
      /* already closed */
    }
    this.emit('closed', { error });
  }

  private guard(): void {
    if (this.closed) throw castError('cast.receiver_lost', { params: { name: this.host }, detail: 'connection closed' });
  }

  private async request<T>(what: string, run: (cb: (err: Error | null, value: T) => void) => void, ms = this.timeoutMs): Promise<T> {
    this.guard();
    try {
      return await withTimeout(what, ms, run);
    } catch (e) {
      if (this.closed) throw castError('cast.receiver_lost', { params: { name: this.host }, detail: (e as Error).message, cause: e });
      const code = (e as { code?: string }).code;
      if (code === 'ETIMEDOUT') throw castError('cast.unreachable', { params: { name: this.host }, detail: (e as Error).message, cause: e });
      throw e;
    }
  }

  async receiverStatus(): Promise<ReceiverView> {
    const status = await this.request<ReceiverStatus>('GET_STATUS', (cb) => this.sender.getStatus(cb));
    return receiverView(status, this.sessionId);
  }

  /** Launches the Default Media Receiver (replacing whatever app runs: the caller decided). */
  async launchMediaReceiver(): Promise<void> {
    let app: DefaultMediaReceiver;
    try {
      app = await this.request<DefaultMediaReceiver>('LAUNCH', (cb) => this.sender.launch(this.receiverApp!, cb));
    } catch (e) {
      if ((e as { code?: string }).code) throw e;
      throw castError('cast.launch_failed', { params: { name: this.host }, detail: (e as Error).message, cause: e });
    }
    if (!app.session) throw castError('cast.launch_failed', { params: { name: this.host }, detail: 'no Default Media Receiver session after LAUNCH' });
    this.attach(app);
  }

  /** Joins a Default Media Receiver already running (e.g. `classe cast stop` from another process). */
  async joinMediaReceiver(): Promise<boolean> {
    const status = await this.request<ReceiverStatus>('GET_STATUS', (cb) => this.sender.getStatus(cb));
    const session = (status.applications ?? []).find((a) => a.appId === DEFAULT_MEDIA_RECEIVER_APP_ID);
    if (!session) return false;
    const app = await this.request<DefaultMediaReceiver>('join', (cb) => this.sender.join(session, this.receiverApp!, cb));
    this.attach(app);
    return true;
  }

  private attach(app: DefaultMediaReceiver): void {
    this.app = app;
    app.on('status', (status: MediaStatus) => this.emit('media', mediaView(status)));
    app.once('close', () => {
      if (this.app !== app) return;
      this.app = null;
      this.emit('appClosed', undefined);
    });
  }

  private requireApp(): DefaultMediaReceiver {
    this.guard();
    if (!this.app) throw castError('cast.no_session', { params: { name: this.host } });
    return this.app;
  }

  /** LOAD with autoplay; resolves with the first media status, or throws cast.load_failed. */
  async load(media: { url: string; mime: string; kind: MediaKind; title: string }): Promise<MediaView> {
    const app = this.requireApp();
    let status: MediaStatus;
    try {
      status = await this.request<MediaStatus>('LOAD', (cb) => app.load(loadRequestMedia(media), { autoplay: true }, cb), this.loadTimeoutMs);
    } catch (e) {
      if (/load (failed|cancelled)/i.test((e as Error).message)) {
        throw castError('cast.load_failed', { params: { name: this.host, file: media.title }, detail: (e as Error).message, cause: e });
      }
      throw e;
    }
    // castv2-client learns the media session only from broadcasts; a receiver that sent none would
    // leave play/pause without a session id.
    if (!app.media.currentSession && status) app.media.currentSession = status;
    return mediaView(status);
  }

  private async mediaCommand(what: 'PLAY' | 'PAUSE' | 'STOP' | 'SEEK', run: (app: DefaultMediaReceiver, cb: (err: Error | null, s: MediaStatus) => void) => void): Promise<MediaView> {
    const app = this.requireApp();
    if (!app.media.currentSession) throw castError('cast.no_session', { params: { name: this.host } });
    try {
      return mediaView(await this.request<MediaStatus>(what, (cb) => run(app, cb)));
    } catch (e) {
      if ((e as ServiceError).code?.startsWith('cast.')) throw e;
      throw castError('cast.receiver_error', { params: { code: what, description: sanitizeText((e as Error).message) }, detail: (e as Error).message, cause: e });
    }
  }

  play(): Promise<MediaView> {
    return this.mediaCommand('PLAY', (app, cb) => app.play(cb));
  }

  pause(): Promise<MediaView> {
    return this.mediaCommand('PAUSE', (app, cb) => app.pause(cb));
  }

  stopMedia(): Promise<MediaView> {
    return this.mediaCommand('STOP', (app, cb) => app.stop(cb));
  }

  seek(seconds: number): Promise<MediaView> {
    return this.mediaCommand('SEEK', (app, cb) => app.seek(seconds, cb));
  }

  async mediaStatus(): Promise<MediaView> {
    const app = this.requireApp();
    return mediaView(await this.request<MediaStatus | undefined>('GET_STATUS', (cb) => app.getStatus(cb)));
  }

  /** Stops our app on the receiver (back to its idle screen). */
  async stopApp(): Promise<void> {
    const app = this.requireApp();
    this.app = null;
    await this.request<CastApplicationSession[]>('STOP', (cb) => this.sender.stop(app, cb));
  }

  close(): void {
    this.shutdown(null);
  }
}
