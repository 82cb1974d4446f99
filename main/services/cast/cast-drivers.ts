/**
 * One interface over the two casting protocols, so the CastService's session logic (states, pages,
 * cleanup) is written once. A driver controls one receiver for one session.
 */
import type { ServiceError } from '../core/errors';
import { TypedEmitter } from '../core/emitter';
import { silentLogger, type Logger } from '../core/logger';
import { castError } from './cast-errors';
import type { CastTarget } from './cast-target';
import { DlnaRenderer, fetchRendererDescription } from './dlna';
import type { RendererDescription, TransportState } from './dlna-xml';
import { DEFAULT_MEDIA_RECEIVER_APP_ID, GoogleCastConnection, type GoogleCastOptions, type MediaView } from './googlecast';
import type { MediaKind } from './media-types';

/** What the receiver is doing, in protocol-neutral words. */
export type DriverState = 'loading' | 'playing' | 'paused' | 'buffering' | 'idle' | 'finished' | 'unknown';

export interface DriverMedia {
  url: string;
  mime: string;
  kind: MediaKind;
  title: string;
  size: number;
}

export interface DriverStatus {
  state: DriverState;
  position: number | null;
  duration: number | null;
}

export type DriverEvents = {
  /** The receiver reported a change by itself (Cast broadcast, DLNA poll). */
  status: DriverStatus;
  /** The receiver went away (cast.receiver_lost) or failed to play (cast.load_failed): the session ends with this error. */
  lost: ServiceError;
  /** The receiver stopped us (another sender took over, stopped from the TV's remote…). */
  ended: undefined;
};

export interface CastDriver extends TypedEmitter<DriverEvents> {
  readonly protocol: CastTarget['protocol'];
  /** Loads and starts the media (autoplay). Resolves once the receiver accepted it. */
  load(media: DriverMedia): Promise<DriverStatus>;
  play(): Promise<DriverStatus>;
  pause(): Promise<DriverStatus>;
  seek(seconds: number): Promise<DriverStatus>;
  status(): Promise<DriverStatus>;
  /** Stops playback on the receiver (and leaves its media app). */
  stop(): Promise<void>;
  /** Drops connections and timers without talking to the receiver. */
  close(): void;
}

// ---------------------------------------------------------------------------------------------------

export function fromCastMedia(view: MediaView): DriverStatus {
  let state: DriverState;
  switch (view.state) {
    case 'PLAYING':
      state = 'playing';
      break;
    case 'PAUSED':
      state = 'paused';
      break;
    case 'BUFFERING':
      state = 'buffering';
      break;
    case 'LOADING':
      state = 'loading';
      break;
    case 'IDLE':
      state = view.idleReason === 'FINISHED' ? 'finished' : 'idle';
      break;
    default:
      state = 'unknown';
  }
  return { state, position: view.position, duration: view.duration };
}

export interface GoogleCastDriverOptions {
  logger?: Logger;
  /** Replace another app running on the receiver (the teacher confirmed). */
  takeOver?: boolean;
  connect?: (options: GoogleCastOptions) => Promise<GoogleCastConnection>;
  timeoutMs?: number;
  loadTimeoutMs?: number;
}

export class GoogleCastDriver extends TypedEmitter<DriverEvents> implements CastDriver {
  readonly protocol = 'googlecast' as const;
  private lastIdleReason: string | null = null;

  private constructor(private readonly conn: GoogleCastConnection) {
    super();
    conn.on('media', (view) => {
      this.lastIdleReason = view.idleReason;
      if (view.state === 'IDLE') {
        // FINISHED: played to the end. CANCELLED: stopped by another sender or the TV. ERROR: the
        // receiver could not play it. INTERRUPTED: replaced by our next LOAD (PDF page turn): not an end.
        if (view.idleReason === 'CANCELLED') return this.emit('ended', undefined);
        if (view.idleReason === 'ERROR') {
          return this.emit('lost', castError('cast.load_failed', { params: { name: conn.host, file: '' }, detail: 'receiver reported IDLE/ERROR' }));
        }
        if (view.idleReason !== 'FINISHED') return;
      }
      this.emit('status', fromCastMedia(view));
    });
    conn.on('closed', ({ error }) => {
      if (error) this.emit('lost', error);
    });
    conn.on('appClosed', () => this.emit('ended', undefined));
  }

  /** Connects, checks that the screen is free (or takes over), launches the Default Media Receiver. */
  static async open(target: CastTarget, options: GoogleCastDriverOptions = {}): Promise<GoogleCastDriver> {
    const connect = options.connect ?? ((o: GoogleCastOptions) => GoogleCastConnection.connect(o));
    const conn = await connect({
      host: target.host,
      port: target.port ?? 8009,
      logger: options.logger,
      timeoutMs: options.timeoutMs,
      loadTimeoutMs: options.loadTimeoutMs,
    });
    try {
      const receiver = await conn.receiverStatus();
      const mediaReceiver = receiver.apps.find((a) => a.appId === DEFAULT_MEDIA_RECEIVER_APP_ID);
      if (mediaReceiver) {
        // The media player is already open (left by a sender that went away, or someone is casting):
        // join it; it is busy only if it is actually playing something.
        await conn.joinMediaReceiver();
        const media = await conn.mediaStatus().catch(() => null);
        const playing = media !== null && media.state !== 'IDLE' && media.state !== 'UNKNOWN';
        if (playing && !options.takeOver) {
          throw castError('cast.busy', { params: { name: target.name, app: mediaReceiver.name }, detail: 'Default Media Receiver is playing' });
        }
        return new GoogleCastDriver(conn);
      }
      // TXT st=1 alone is not trusted once the receiver itself says only an idle screen runs.
      if (!options.takeOver && receiver.busy) {
        throw castError('cast.busy', { params: { name: target.name, app: receiver.busyWith ?? '' }, detail: `receiver runs ${receiver.busyWith ?? '?'}` });
      }
      await conn.launchMediaReceiver();
      return new GoogleCastDriver(conn);
    } catch (e) {
      conn.close();
      throw e;
    }
  }

  async load(media: DriverMedia): Promise<DriverStatus> {
    return fromCastMedia(await this.conn.load(media));
  }

  async play(): Promise<DriverStatus> {
    return fromCastMedia(await this.conn.play());
  }

  async pause(): Promise<DriverStatus> {
    return fromCastMedia(await this.conn.pause());
  }

  async seek(seconds: number): Promise<DriverStatus> {
    return fromCastMedia(await this.conn.seek(seconds));
  }

  async status(): Promise<DriverStatus> {
    return fromCastMedia(await this.conn.mediaStatus());
  }

  async stop(): Promise<void> {
    try {
      await this.conn.stopMedia().catch(() => undefined);
      await this.conn.stopApp();
    } finally {
      this.conn.close();
    }
  }

  close(): void {
    this.conn.close();
  }

  get idleReason(): string | null {
    return this.lastIdleReason;
  }
}

// ---------------------------------------------------------------------------------------------------

export function fromTransportState(state: TransportState): DriverState {
  switch (state) {
    case 'PLAYING':
      return 'playing';
    case 'PAUSED_PLAYBACK':
      return 'paused';
    case 'TRANSITIONING':
      return 'buffering';
    case 'STOPPED':
    case 'NO_MEDIA_PRESENT':
      return 'idle';
    default:
      return 'unknown';
  }
}

export interface DlnaDriverOptions {
  logger?: Logger;
  /** GetTransportInfo polling period (DLNA has eventing, but polling is simpler and works on every TV). */
  pollMs?: number;
  /** Consecutive failed polls before the renderer is considered gone. */
  maxFailedPolls?: number;
  timeoutMs?: number;
  fetchDescription?: (location: string) => Promise<RendererDescription>;
}

export class DlnaDriver extends TypedEmitter<DriverEvents> implements CastDriver {
  readonly protocol = 'dlna' as const;
  private timer: NodeJS.Timeout | null = null;
  private failedPolls = 0;
  private lastState: DriverState | null = null;
  private hasPlayed = false;
  /** Bumped by each load: poll replies from before it are stale. */
  private generation = 0;
  private lastPosition: { position: number | null; duration: number | null } = { position: null, duration: null };
  private closed = false;
  private readonly log: Logger;

  private constructor(
    readonly renderer: DlnaRenderer,
    private readonly options: DlnaDriverOptions,
  ) {
    super();
    this.log = options.logger ?? silentLogger;
  }

  static async open(target: CastTarget, options: DlnaDriverOptions = {}): Promise<DlnaDriver> {
    if (!target.location) throw castError('cast.target_unsupported', { params: { name: target.name }, detail: 'DLNA target without description URL' });
    const fetchDescription = options.fetchDescription ?? ((l: string) => fetchRendererDescription(l, options.timeoutMs));
    const description = await fetchDescription(target.location);
    return new DlnaDriver(DlnaRenderer.fromDescription(description, { logger: options.logger, timeoutMs: options.timeoutMs }), options);
  }

  private async statusNow(): Promise<DriverStatus> {
    const info = await this.renderer.transportInfo();
    const state = fromTransportState(info.state);
    let position: number | null = null;
    let duration: number | null = null;
    if (state === 'playing' || state === 'paused') {
      const pos = await this.renderer.positionInfo().catch(() => null);
      position = pos?.position ?? null;
      duration = pos?.duration ?? null;
    }
    return { state, position, duration };
  }

  /**
   * Polls GetTransportInfo: quickly (every 100 ms) right after a load so that "playing" shows as soon
   * as the renderer starts, then at the regular pace.
   */
  private startPolling(): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    const regular = this.options.pollMs ?? 1000;
    const fastUntil = Date.now() + 5000;
    const generation = this.generation;
    const tick = () => {
      if (this.closed || generation !== this.generation) return;
      void this.poll().finally(() => {
        if (this.closed || generation !== this.generation) return;
        const settled = this.lastState === 'playing' || this.lastState === 'paused';
        const delay = !settled && Date.now() < fastUntil ? Math.min(100, regular) : regular;
        this.timer = setTimeout(tick, delay);
        this.timer.unref();
      });
    };
    tick();
  }

  private async poll(): Promise<void> {
    const generation = this.generation;
    let info;
    try {
      info = await this.renderer.transportInfo();
    } catch (e) {
      if (this.closed || generation !== this.generation) return;
      this.failedPolls++;
      this.log.warn(`dlna poll failed (${this.failedPolls}): ${(e as Error).message}`);
      if (this.failedPolls >= (this.options.maxFailedPolls ?? 3)) {
        this.close();
        this.emit('lost', castError('cast.receiver_lost', { detail: (e as Error).message, cause: e }));
      }
      return;
    }
    // A reply to a poll sent before the last load describes the previous media: ignore it.
    if (this.closed || generation !== this.generation) return;
    this.failedPolls = 0;
    const state = fromTransportState(info.state);
    if (state === 'playing') {
      // Remembered to tell "played to the end" from "stopped on the TV" when it goes back to STOPPED.
      const pos = await this.renderer.positionInfo().catch(() => null);
      if (pos && generation === this.generation) this.lastPosition = { position: pos.position, duration: pos.duration };
    }
    if (state === this.lastState) return;
    this.lastState = state;
    if (state === 'playing' || state === 'paused') this.hasPlayed = true;
    // Media that played and went back to STOPPED has finished, or was stopped from elsewhere (the TV's
    // remote, `classe cast stop`). TVs that show photos as STOPPED from the start never "played": their
    // sessions end only when we stop them.
    if (state === 'idle' && this.hasPlayed) {
      const { position, duration } = this.lastPosition;
      const pollSeconds = (this.options.pollMs ?? 1000) / 1000;
      const stoppedEarly = position !== null && duration !== null && duration > 0 && duration - position > pollSeconds + 1.5;
      if (stoppedEarly) this.emit('ended', undefined);
      else this.emit('status', { state: 'finished', position: duration, duration });
      return;
    }
    this.emit('status', { state, position: null, duration: null });
  }

  async load(media: DriverMedia): Promise<DriverStatus> {
    this.generation++;
    this.hasPlayed = false;
    this.lastPosition = { position: null, duration: null };
    this.lastState = null;
    await this.renderer.setUri({ title: media.title, url: media.url, mime: media.mime, kind: media.kind, size: media.size });
    await this.renderer.play();
    this.startPolling();
    return { state: 'loading', position: null, duration: null };
  }

  async play(): Promise<DriverStatus> {
    await this.renderer.play();
    return this.statusNow();
  }

  async pause(): Promise<DriverStatus> {
    await this.renderer.pause();
    return this.statusNow();
  }

  async seek(seconds: number): Promise<DriverStatus> {
    await this.renderer.seek(seconds);
    return this.statusNow();
  }

  status(): Promise<DriverStatus> {
    return this.statusNow();
  }

  async stop(): Promise<void> {
    this.close();
    await this.renderer.stop();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
