/**
 * The CastService owns casting sessions: at most one per target. A session shares the chosen file on
 * the media server (on the address that reaches the receiver), drives the receiver through a protocol
 * driver (Google Cast or DLNA), reports every state change as a `status` event, and always cleans up —
 * on stop, on error, when the file ends, when the receiver stops us, and when the receiver disappears
 * (socket closed, heartbeat lost, SSDP byebye, registry removal): the shared file is revoked and
 * connections are closed, whatever happened.
 *
 * PDF files are cast page by page as images (rendered with pdf.js); next/previous change the page.
 */
import { basename, extname } from 'node:path';
import { randomUUID } from 'node:crypto';
import { isServiceError, ServiceError, toErrorInfo, type ErrorInfo } from '../core/errors';
import { TypedEmitter } from '../core/emitter';
import { silentLogger, type Logger } from '../core/logger';
import { sanitizeName } from '../core/sanitize';
import { castError } from './cast-errors';
import { DlnaDriver, GoogleCastDriver, type CastDriver, type DlnaDriverOptions, type DriverStatus, type GoogleCastDriverOptions } from './cast-drivers';
import type { CastProtocol, CastTarget } from './cast-target';
import { DlnaRenderer, fetchRendererDescription } from './dlna';
import type { RendererDescription } from './dlna-xml';
import { DEFAULT_MEDIA_RECEIVER_APP_ID, GoogleCastConnection } from './googlecast';
import type { SharedMedia } from './media-server';
import { MediaServerPool } from './media-server-pool';
import { probeMediaFile } from './media-server';
import type { MediaKind } from './media-types';
import { openPdf, type PdfDocumentHandle } from './pdf-pages';

export type CastState = 'loading' | 'playing' | 'paused' | 'buffering' | 'stopped' | 'error';

/** Catalog key of each state's text (assets/i18n/{fr,en}/cast.json → status.<state>). */
export const CAST_STATUS_KEYS: Readonly<Record<CastState, string>> = {
  loading: 'cast.status.loading',
  playing: 'cast.status.playing',
  paused: 'cast.status.paused',
  buffering: 'cast.status.buffering',
  stopped: 'cast.status.stopped',
  error: 'cast.status.error',
};

/** Why a session ended (stopped/error). */
export type CastEndReason = 'stopped' | 'finished' | 'replaced' | 'taken-over' | 'receiver-lost' | 'failed' | 'disposed';

export interface CastStatus {
  /** Unique per session. */
  castId: string;
  targetKey: string;
  targetName: string;
  protocol: CastProtocol;
  file: { name: string; kind: MediaKind; mime: string; size: number };
  state: CastState;
  /** Catalog key for `state`. */
  statusKey: string;
  /** Seconds, when the receiver told us. */
  position: number | null;
  duration: number | null;
  /** PDF: the page shown (0-based) and the page count. */
  page: { index: number; count: number } | null;
  /** Set when state is 'error' (and for a failed page turn while still playing). */
  error: ErrorInfo | null;
  /** Set when the session ended. */
  endReason: CastEndReason | null;
  updatedAt: number;
}

export interface ReceiverInfo {
  protocol: CastProtocol;
  /** Someone else is using the screen (another app, or another sender's media). */
  busy: boolean;
  /** The other app's name (Google Cast), when busy. */
  busyWith: string | null;
  /** Google Cast: the app's status text; DLNA: the transport state. */
  state: string | null;
  /** 0–1, Google Cast only. */
  volume: number | null;
}

export type CastServiceEvents = {
  status: CastStatus;
};

export interface CastRequest {
  file: string;
  target: CastTarget;
  /** Replace another app running on the screen (the teacher confirmed "take over"). */
  takeOver?: boolean;
  /** PDF: first page to show (0-based). */
  page?: number;
}

export interface CastServiceOptions {
  logger?: Logger;
  pool?: MediaServerPool;
  openGoogleCast?: (target: CastTarget, options: GoogleCastDriverOptions) => Promise<CastDriver>;
  openDlna?: (target: CastTarget, options: DlnaDriverOptions) => Promise<CastDriver>;
  openPdf?: (file: string) => Promise<PdfDocumentHandle>;
  fetchDescription?: (location: string) => Promise<RendererDescription>;
  dlnaPollMs?: number;
  /** Rendered PDF page size. */
  pageBox?: { maxWidth: number; maxHeight: number };
  now?: () => number;
}

interface Session {
  status: CastStatus;
  target: CastTarget;
  driver: CastDriver | null;
  share: SharedMedia | null;
  pdf: PdfDocumentHandle | null;
  ended: boolean;
  /** Serializes operations on the session (a page turn must not cross a stop). */
  queue: Promise<unknown>;
  unsubscribe: (() => void)[];
}

function fromDriverState(s: DriverStatus['state'], previous: CastState): CastState {
  switch (s) {
    case 'playing':
      return 'playing';
    case 'paused':
      return 'paused';
    case 'buffering':
      return previous === 'loading' ? 'loading' : 'buffering';
    case 'loading':
      return 'loading';
    default:
      return previous;
  }
}

/** The error with the names its message needs: the screen's (the teacher knows it; drivers know hosts) and the file's. */
function named(error: ServiceError, name: string, file?: string): ServiceError {
  const params: Record<string, string | number> = { ...error.params, name };
  if (file !== undefined && (params['file'] === undefined || params['file'] === '')) params['file'] = file;
  return new ServiceError(error.code, { params, guide: error.guide, detail: error.detail, cause: error });
}

export class CastService extends TypedEmitter<CastServiceEvents> {
  private readonly sessions = new Map<string, Session>();
  private readonly log: Logger;
  private readonly pool: MediaServerPool;
  private readonly now: () => number;

  constructor(private readonly options: CastServiceOptions = {}) {
    super();
    this.log = options.logger ?? silentLogger;
    this.pool = options.pool ?? new MediaServerPool({ logger: this.log.child('media') });
    this.now = options.now ?? Date.now;
  }

  /** Current sessions (for the UI at start-up and for the CLI). */
  list(): CastStatus[] {
    return [...this.sessions.values()].map((s) => ({ ...s.status }));
  }

  get(targetKey: string): CastStatus | null {
    const s = this.sessions.get(targetKey);
    return s ? { ...s.status } : null;
  }

  /**
   * Casts a file to a target, replacing what this app was casting there. Resolves once the receiver
   * accepted the media (state loading/playing), rejects with a ServiceError otherwise (and then emits
   * a final `error` status if a session had started).
   */
  async cast(request: CastRequest): Promise<CastStatus> {
    const { target } = request;
    const previous = this.sessions.get(target.key);
    if (previous) await this.end(previous, 'stopped', 'replaced', null, true);

    // Check the file before touching the network: "not a media file" must not cost a connection.
    const probe = await probeMediaFile(request.file);
    const session: Session = {
      status: {
        castId: randomUUID(),
        targetKey: target.key,
        targetName: target.name,
        protocol: target.protocol,
        file: { name: sanitizeName(probe.name), kind: probe.type.kind, mime: probe.type.mime, size: probe.size },
        state: 'loading',
        statusKey: CAST_STATUS_KEYS.loading,
        position: null,
        duration: null,
        page: null,
        error: null,
        endReason: null,
        updatedAt: this.now(),
      },
      target,
      driver: null,
      share: null,
      pdf: null,
      ended: false,
      queue: Promise.resolve(),
      unsubscribe: [],
    };
    this.sessions.set(target.key, session);
    this.publish(session);

    try {
      if (probe.type.kind === 'pdf') {
        session.pdf = await (this.options.openPdf ?? openPdf)(request.file);
        const index = Math.min(Math.max(0, request.page ?? 0), session.pdf.pageCount - 1);
        session.status.page = { index, count: session.pdf.pageCount };
      } else {
        session.share = await this.pool.shareFile(target.host, request.file);
      }
      this.assertLive(session);
      session.driver = await this.openDriver(target, request.takeOver === true);
      if (session.ended) {
        session.driver.close();
        return { ...session.status };
      }
      this.watch(session, session.driver);
      if (session.pdf) await this.showPage(session, session.status.page!.index);
      else await this.loadShare(session, session.share!);
      return { ...session.status };
    } catch (e) {
      const error = isServiceError(e)
        ? this.withName(e, session)
        : castError('cast.receiver_error', { params: { name: target.name, code: 0, description: '' }, detail: (e as Error).message, cause: e });
      // Leave the screen as it was: stop the player we opened (a no-op when the receiver is gone).
      if (!session.ended) await this.end(session, 'error', 'failed', error, error.code !== 'cast.receiver_lost' && error.code !== 'cast.unreachable');
      if (session.status.endReason === 'replaced' || session.status.endReason === 'stopped') return { ...session.status };
      throw error;
    }
  }

  private assertLive(session: Session): void {
    if (session.ended) throw castError('cast.no_session', { params: { name: session.target.name }, detail: 'cast ended while loading' });
  }

  private async openDriver(target: CastTarget, takeOver: boolean): Promise<CastDriver> {
    const log = this.log.child(target.protocol);
    if (target.protocol === 'googlecast') {
      return (this.options.openGoogleCast ?? GoogleCastDriver.open)(target, { logger: log, takeOver });
    }
    return (this.options.openDlna ?? DlnaDriver.open)(target, { logger: log, pollMs: this.options.dlnaPollMs });
  }

  private watch(session: Session, driver: CastDriver): void {
    session.unsubscribe.push(
      driver.on('status', (s) => {
        if (session.ended) return;
        if (s.state === 'finished') return void this.end(session, 'stopped', 'finished', null, false);
        this.update(session, { state: fromDriverState(s.state, session.status.state), position: s.position ?? session.status.position, duration: s.duration ?? session.status.duration });
      }),
      driver.on('lost', (error) => {
        if (!session.ended) void this.end(session, 'error', error.code === 'cast.receiver_lost' ? 'receiver-lost' : 'failed', this.withName(error, session), false);
      }),
      driver.on('ended', () => {
        if (!session.ended) void this.end(session, 'stopped', 'taken-over', null, false);
      }),
    );
  }

  private withName(error: ServiceError, session: Session): ServiceError {
    // Errors raised deep in a driver know the host; the teacher knows the screen's name.
    return named(error, session.target.name, session.status.file.name);
  }

  private async loadShare(session: Session, share: SharedMedia, title = share.name): Promise<void> {
    const driver = session.driver!;
    const status = await driver.load({ url: share.url, mime: share.type.mime, kind: share.type.kind, title, size: share.size });
    if (session.ended) return;
    this.update(session, { state: fromDriverState(status.state, 'loading'), position: status.position, duration: status.duration });
  }

  private async showPage(session: Session, index: number): Promise<void> {
    const pdf = session.pdf!;
    const page = await pdf.renderPage(index, this.options.pageBox);
    this.assertLive(session);
    const base = basename(session.status.file.name, extname(session.status.file.name));
    const share = await this.pool.shareBuffer(session.target.host, page.png, { mime: 'image/png', kind: 'image' }, `${base} - ${index + 1}.png`);
    const old = session.share;
    session.share = share;
    try {
      await this.loadShare(session, share, `${session.status.file.name} (${index + 1}/${pdf.pageCount})`);
    } catch (e) {
      session.share = old;
      share.revoke();
      throw e;
    }
    old?.revoke();
    this.update(session, { page: { index, count: pdf.pageCount } });
  }

  /**
   * Applies a change; publishes it only when something a person would notice changed (state, page,
   * duration…). The position alone moves all the time: it is kept, and read with refresh() / get().
   */
  private update(session: Session, patch: Partial<CastStatus>): void {
    const next = { ...session.status, ...patch };
    const changed = (Object.keys(patch) as (keyof CastStatus)[]).some((k) => k !== 'position' && JSON.stringify(next[k]) !== JSON.stringify(session.status[k]));
    next.statusKey = CAST_STATUS_KEYS[next.state];
    session.status = next;
    if (!changed) return;
    next.updatedAt = this.now();
    this.publish(session);
  }

  private publish(session: Session): void {
    this.emit('status', { ...session.status });
  }

  /** Ends a session: revoke the file, close the driver (after stopping the receiver when asked). */
  private async end(session: Session, state: 'stopped' | 'error', reason: CastEndReason, error: ServiceError | null, stopReceiver: boolean): Promise<void> {
    if (session.ended) return;
    session.ended = true;
    if (this.sessions.get(session.target.key) === session) this.sessions.delete(session.target.key);
    for (const off of session.unsubscribe.splice(0)) off();
    session.share?.revoke();
    session.share = null;
    const driver = session.driver;
    session.driver = null;
    if (driver) {
      if (stopReceiver) {
        try {
          await driver.stop();
        } catch (e) {
          this.log.warn(`stop on ${session.target.name}: ${(e as Error).message}`);
        }
      }
      driver.close();
    }
    const pdf = session.pdf;
    session.pdf = null;
    await pdf?.close().catch(() => undefined);
    session.status = {
      ...session.status,
      state,
      statusKey: CAST_STATUS_KEYS[state],
      error: error ? toErrorInfo(error) : null,
      endReason: reason,
      updatedAt: this.now(),
    };
    this.publish(session);
  }

  private require(targetKey: string): Session {
    const s = this.sessions.get(targetKey);
    if (!s || s.ended) throw castError('cast.no_session', { params: { name: targetKey } });
    return s;
  }

  /** Runs `op` after the session's previous operations; errors of one do not block the next. */
  private enqueue<T>(session: Session, op: () => Promise<T>): Promise<T> {
    const run = session.queue.then(op, op);
    session.queue = run.catch(() => undefined);
    return run;
  }

  private async control(targetKey: string, op: (driver: CastDriver) => Promise<DriverStatus>): Promise<CastStatus> {
    const session = this.require(targetKey);
    return this.enqueue(session, async () => {
      this.assertLive(session);
      const driver = session.driver;
      if (!driver) throw castError('cast.no_session', { params: { name: session.target.name }, detail: 'still loading' });
      try {
        const s = await op(driver);
        if (!session.ended) this.update(session, { state: fromDriverState(s.state, session.status.state), position: s.position, duration: s.duration ?? session.status.duration });
      } catch (e) {
        // A vanished receiver ends the session; a refused action leaves it as it is.
        if (isServiceError(e) && (e.code === 'cast.receiver_lost' || e.code === 'cast.unreachable')) {
          await this.end(session, 'error', 'receiver-lost', this.withName(castError('cast.receiver_lost', { detail: e.detail }), session), false);
        }
        throw isServiceError(e) ? this.withName(e, session) : e;
      }
      return { ...session.status };
    });
  }

  pause(targetKey: string): Promise<CastStatus> {
    return this.control(targetKey, (d) => d.pause());
  }

  resume(targetKey: string): Promise<CastStatus> {
    return this.control(targetKey, (d) => d.play());
  }

  seek(targetKey: string, seconds: number): Promise<CastStatus> {
    if (!Number.isFinite(seconds) || seconds < 0) return Promise.reject(new RangeError('seconds must be ≥ 0'));
    return this.control(targetKey, (d) => d.seek(seconds));
  }

  /** Asks the receiver where it is (position, duration, state) and publishes it. */
  refresh(targetKey: string): Promise<CastStatus> {
    return this.control(targetKey, (d) => d.status());
  }

  /** PDF: shows page `index` (0-based). */
  goToPage(targetKey: string, index: number): Promise<CastStatus> {
    const session = this.require(targetKey);
    return this.enqueue(session, async () => {
      this.assertLive(session);
      const pdf = session.pdf;
      if (!pdf || !session.status.page) throw castError('cast.not_paged', { params: { name: session.target.name } });
      const target = Math.min(Math.max(0, index), pdf.pageCount - 1);
      if (target !== session.status.page.index) await this.showPage(session, target);
      return { ...session.status };
    });
  }

  nextPage(targetKey: string): Promise<CastStatus> {
    const page = this.require(targetKey).status.page;
    if (!page) return Promise.reject(castError('cast.not_paged', { params: { name: targetKey } }));
    return this.goToPage(targetKey, page.index + 1);
  }

  previousPage(targetKey: string): Promise<CastStatus> {
    const page = this.require(targetKey).status.page;
    if (!page) return Promise.reject(castError('cast.not_paged', { params: { name: targetKey } }));
    return this.goToPage(targetKey, page.index - 1);
  }

  /** Stops the cast to this target: receiver stopped, file no longer served. */
  async stop(targetKey: string): Promise<CastStatus> {
    const session = this.require(targetKey);
    await this.end(session, 'stopped', 'stopped', null, true);
    return { ...session.status };
  }

  /**
   * Stops whatever plays on a receiver although this process has no session there (`classe cast stop`
   * run from another terminal than the cast).
   */
  async stopOnReceiver(target: CastTarget): Promise<void> {
    try {
      await this.stopOnReceiverUnnamed(target);
    } catch (e) {
      throw isServiceError(e) ? named(e, target.name) : e;
    }
  }

  private async stopOnReceiverUnnamed(target: CastTarget): Promise<void> {
    const existing = this.sessions.get(target.key);
    if (existing) {
      await this.stop(target.key);
      return;
    }
    if (target.protocol === 'dlna') {
      const driver = await (this.options.openDlna ?? DlnaDriver.open)(target, { logger: this.log });
      try {
        await driver.stop();
      } finally {
        driver.close();
      }
      return;
    }
    const conn = await GoogleCastConnection.connect({ host: target.host, port: target.port ?? 8009, logger: this.log });
    try {
      if (await conn.joinMediaReceiver()) {
        await conn.stopMedia().catch(() => undefined);
        await conn.stopApp();
      }
    } finally {
      conn.close();
    }
  }

  /**
   * What a screen is doing now, without casting: for the UI ("busy: YouTube") before the teacher
   * chooses. Google Cast: running apps and volume; DLNA: transport state (PLAYING/PAUSED = in use).
   */
  async receiverInfo(target: CastTarget): Promise<ReceiverInfo> {
    try {
      if (target.protocol === 'dlna') {
        if (!target.location) throw castError('cast.target_unsupported', { params: { name: target.name } });
        const renderer = DlnaRenderer.fromDescription(await (this.options.fetchDescription ?? fetchRendererDescription)(target.location), { logger: this.log });
        const info = await renderer.transportInfo();
        const inUse = info.state === 'PLAYING' || info.state === 'PAUSED_PLAYBACK' || info.state === 'TRANSITIONING';
        const ours = this.sessions.get(target.key);
        return { protocol: 'dlna', busy: inUse && !ours, busyWith: null, state: info.state, volume: null };
      }
      const conn = await GoogleCastConnection.connect({ host: target.host, port: target.port ?? 8009, logger: this.log });
      try {
        const view = await conn.receiverStatus();
        const ours = this.sessions.get(target.key);
        const busyApps = view.apps.filter((a) => !a.isIdleScreen);
        const busy = busyApps.length > 0 && !(ours && busyApps.every((a) => a.appId === DEFAULT_MEDIA_RECEIVER_APP_ID));
        return { protocol: 'googlecast', busy, busyWith: busy ? (busyApps[0]?.name ?? null) : null, state: busyApps[0]?.statusText || null, volume: view.volume };
      } finally {
        conn.close();
      }
    } catch (e) {
      throw isServiceError(e) ? named(e, target.name) : e;
    }
  }

  /**
   * The receiver disappeared (registry removal, SSDP byebye): end its session with receiver_lost.
   * Match by target key (registry device id), DLNA description URL or UDN, or host (optionally only
   * for one protocol: a TV's DLNA byebye says nothing about its Cast receiver).
   */
  targetGone(match: { key?: string; udn?: string; location?: string; host?: string; protocol?: CastProtocol }): void {
    for (const session of [...this.sessions.values()]) {
      const t = session.target;
      if (match.protocol !== undefined && t.protocol !== match.protocol) continue;
      const hit =
        (match.key !== undefined && t.key === match.key) ||
        (match.udn !== undefined && t.udn === match.udn) ||
        (match.location !== undefined && t.location === match.location) ||
        (match.host !== undefined && t.host === match.host);
      if (hit) void this.end(session, 'error', 'receiver-lost', castError('cast.receiver_lost', { params: { name: t.name }, detail: 'receiver went away' }), false);
    }
  }

  /** Ends every session (app quit): receivers are told to stop, the media servers close. */
  async dispose(): Promise<void> {
    await Promise.all([...this.sessions.values()].map((s) => this.end(s, 'stopped', 'disposed', null, true)));
    await this.pool.closeAll();
  }
}
