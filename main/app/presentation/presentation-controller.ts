/**
 * « Présenter sur le vidéoprojecteur »: a full-screen window on the projector display showing one
 * chosen file (PDF page by page, image, video) or one allowed https page, driven from the laptop.
 *
 * Design (the decisions are pure functions in main/services/display/presentation-*.ts):
 * - Files are shown by a bundled viewer page (renderer/presentation, pdf.js for PDFs) loaded from the
 *   presentation's own scheme `classe-present://presentation/`, registered on the presentation's own
 *   in-memory session partition; the document is served under an unguessable id and nothing else is.
 * - The window has no preload: main drives the viewer with fixed `executeJavaScript` calls
 *   (window.presentationViewer.showPage(n)…) and reads back its status; a web page only ever receives
 *   key presses (→/← for slide decks) and an inserted CSS rule for the black screen.
 * - One presentation at a time; starting another replaces it. Unplugging its display, closing its
 *   window, a crash or a load failure end it cleanly with an 'ended' event that says why.
 *
 * The lead exposes start/command/stop and the 'state'/'ended' events through the contract.
 */
import { randomBytes } from 'node:crypto';
import { BrowserWindow, screen, session, type Display, type Event, type Input, type Session, type WebContents } from 'electron';
import { ServiceError, type ErrorInfo } from '../../services/core/errors';
import { TypedEmitter } from '../../services/core/emitter';
import { silentLogger, type Logger } from '../../services/core/logger';
import { sanitizeName } from '../../services/core/sanitize';
import { inspectPresentationFile } from '../../services/display/presentation-document';
import { createPresentationRequestHandler, viewerUrl, type PresentedDocument } from '../../services/display/presentation-protocol';
import {
  applyPresentationCommand,
  applyViewerStatus,
  initialPresentationState,
  keyToCommand,
  parseViewerStatus,
  VIEWER_READY_CALL,
  VIEWER_STATUS_CALL,
  viewerCall,
  WEB_BLACK_CSS,
  type PresentationCommand,
  type PresentationKind,
  type PresentationState,
  type ViewerEffect,
} from '../../services/display/presentation-state';
import { choosePresentationDisplay } from '../../services/display/presentation-target';
import { checkPresentationUrl, isNavigationAllowed, isRedirectAllowed, isRequestAllowed, type PresentationDocumentRef, type WebPagePolicy } from '../../services/display/presentation-url';
import { currentDisplays } from './display-source';
import { hardenPresentationSession, lockPresentationContents, presentationWindowOptions } from './presentation-security';

export type PresentationSource = { type: 'file'; path: string } | { type: 'url'; url: string };

export interface StartPresentationRequest {
  source: PresentationSource;
  /** The display the teacher picked; default: the projector (see choosePresentationDisplay). */
  displayId?: number | null;
}

export type PresentationEndReason =
  /** stop() or the close command / Échap. */
  | 'stopped'
  /** The window was closed another way (Alt+F4). */
  | 'closed'
  /** Its display was unplugged or switched off. */
  | 'display-removed'
  | 'crashed'
  | 'load-failed'
  /** Another presentation started. */
  | 'replaced';

export interface PresentationEnded {
  id: string;
  reason: PresentationEndReason;
  /** What to tell the teacher (display.presentation_display_removed…), null for a normal end. */
  error: ErrorInfo | null;
}

export type PresentationEvents = {
  state: PresentationState;
  ended: PresentationEnded;
};

export interface PresentationControllerOptions {
  /** The built renderer folder (out/renderer) holding presentation/index.html and assets/. */
  viewerRoot: string;
  /** Dev only (electron-vite dev): the renderer dev server URL, to load the viewer from it. */
  viewerDevServerUrl?: string | null;
  /** Which https sites may be presented (IT profile); read at each start. */
  webPolicy: () => WebPagePolicy;
  logger?: Logger;
  /** Opaque ids for the partition and the document (tests inject a fixed one). */
  randomId?: () => string;
  /** DevTools in the presentation window (development builds only). */
  devTools?: boolean;
  /** How long the viewer may take to open the document. */
  loadTimeoutMs?: number;
  /** How often a playing video's status is read (it may end by itself). */
  pollIntervalMs?: number;
}

interface Running {
  state: PresentationState;
  window: BrowserWindow;
  session: Session;
  document: PresentationDocumentRef;
  undoSession: () => void;
  blackCssKey: string | null;
  poll: ReturnType<typeof setInterval> | null;
  ended: boolean;
  endError: ServiceError | null;
}

const ERR_ABORTED = -3;

function defaultRandomId(): string {
  return randomBytes(18).toString('base64url');
}

export class PresentationController extends TypedEmitter<PresentationEvents> {
  private running: Running | null = null;
  /** The presentations' own sessions: their windows are locked by this controller, not by the app-wide rules. */
  private readonly sessions = new WeakSet<Session>();
  private readonly log: Logger;
  private readonly randomId: () => string;
  private screenHooked = false;

  constructor(private readonly options: PresentationControllerOptions) {
    super();
    this.log = (options.logger ?? silentLogger).child('presentation');
    this.randomId = options.randomId ?? defaultRandomId;
  }

  /** Is this a presentation window's contents (its own session partition)? */
  ownsContents(contents: Pick<WebContents, 'session'>): boolean {
    return this.sessions.has(contents.session);
  }

  /** The running presentation, or null. */
  current(): PresentationState | null {
    return this.running ? { ...this.running.state } : null;
  }

  /**
   * Opens the presentation and resolves once the document is shown. Throws a ServiceError the teacher
   * can read: bad or missing file, URL not allowed, no display, load failure.
   */
  async start(request: StartPresentationRequest): Promise<PresentationState> {
    const policy = this.options.webPolicy();
    const content = await this.resolveContent(request.source, policy);
    const target = choosePresentationDisplay(currentDisplays(screen), request.displayId ?? null);
    if (!target) throw new ServiceError('display.presentation_no_display');
    this.hookScreen();
    if (this.running) this.end(this.running, 'replaced', null);

    const id = this.randomId();
    const partition = `presentation-${id}`;
    // Not "persist:": nothing of the presentation (cache, storage) is written to disk.
    const ses = session.fromPartition(partition, { cache: false });
    this.sessions.add(ses);
    const document = content.document;
    const undoSession = hardenPresentationSession(ses, {
      isRequestAllowed: (url) => isRequestAllowed(running.document, url),
      protocolHandler: content.presented
        ? createPresentationRequestHandler({ viewerRoot: this.options.viewerRoot, viewerDevServerUrl: this.options.viewerDevServerUrl ?? null, document: content.presented })
        : null,
    });
    const window = new BrowserWindow(presentationWindowOptions({ bounds: target.bounds, partition, devTools: this.options.devTools ?? false, title: content.title }));
    const running: Running = {
      state: initialPresentationState({ id, kind: content.kind, title: content.title, displayId: target.display.id, placement: target.placement, notice: target.notice }),
      window,
      session: ses,
      document,
      undoSession,
      blackCssKey: null,
      poll: null,
      ended: false,
      endError: null,
    };
    this.running = running;
    this.wire(running, policy, target.bounds);
    this.emit('state', { ...running.state });
    this.log.info(`presentation ${content.kind} on display ${target.display.id} (${target.placement})`);

    try {
      await window.loadURL(content.url);
      if (content.kind === 'web') {
        running.state = { ...running.state, status: 'showing' };
      } else {
        const status = parseViewerStatus(await this.withTimeout(window.webContents.executeJavaScript(VIEWER_READY_CALL)));
        if (!status?.ready) throw new Error(`viewer: ${status?.error ?? 'no status'}`);
        running.state = applyViewerStatus(running.state, status);
      }
    } catch (e) {
      if (!running.ended) this.end(running, 'load-failed', new ServiceError('display.presentation_load_failed', { detail: e instanceof Error ? e.message.slice(0, 300) : undefined }));
      throw running.endError ?? new ServiceError('display.presentation_load_failed');
    }
    if (running.ended) throw running.endError ?? new ServiceError('display.presentation_not_running');
    this.emit('state', { ...running.state });
    return { ...running.state };
  }

  /** A control from the laptop (or a key in the window). Throws display.presentation_not_running. */
  async command(command: PresentationCommand): Promise<PresentationState> {
    const running = this.running;
    if (!running || running.ended) throw new ServiceError('display.presentation_not_running');
    const { state, effects } = applyPresentationCommand(running.state, command);
    running.state = state;
    for (const effect of effects) {
      if (running.ended) break;
      await this.runEffect(running, effect);
    }
    const snapshot = { ...running.state };
    if (!running.ended && effects.length > 0) this.emit('state', snapshot);
    return snapshot;
  }

  /** Closes the presentation (no-op when none runs). */
  async stop(): Promise<void> {
    if (this.running) this.end(this.running, 'stopped', null);
  }

  /** App shutdown. */
  dispose(): void {
    if (this.running) this.end(this.running, 'stopped', null);
    if (this.screenHooked) {
      screen.removeListener('display-removed', this.onDisplayRemoved);
      this.screenHooked = false;
    }
    this.removeAll();
  }

  // ---- internals ----------------------------------------------------------------------------------

  private async resolveContent(
    source: PresentationSource,
    policy: WebPagePolicy,
  ): Promise<{ kind: PresentationKind; title: string; document: PresentationDocumentRef; presented: PresentedDocument | null; url: string }> {
    if (source.type === 'file') {
      const file = await inspectPresentationFile(source.path);
      const docId = this.randomId();
      return {
        kind: file.kind,
        title: file.name,
        document: { type: 'viewer' },
        presented: { id: docId, path: file.path, contentType: file.contentType },
        url: viewerUrl(docId, file.kind),
      };
    }
    const check = checkPresentationUrl(source.url, policy);
    // Only IT can add a site to the profile's list: the « qui contacter » guide says how to reach them.
    if (!check.ok) throw new ServiceError(check.code, check.code === 'display.presentation_url_not_allowed' ? { params: { host: check.host }, guide: 'guide:contact-it' } : {});
    return { kind: 'web', title: sanitizeName(check.url.hostname), document: { type: 'web', url: check.url.href }, presented: null, url: check.url.href };
  }

  private wire(running: Running, policy: WebPagePolicy, bounds: { x: number; y: number; width: number; height: number }): void {
    const { window } = running;
    const contents = window.webContents;
    lockPresentationContents(contents, {
      isNavigationAllowed: (url) => isNavigationAllowed(running.document, url, policy),
      isRedirectAllowed: (url) => isRedirectAllowed(running.document, url, policy),
      onBlocked: (what) => this.log.warn(`presentation: blocked ${what}`),
    });
    contents.on('before-input-event', (event: Event, input: Input) => {
      const command = keyToCommand(running.state.kind, input);
      if (!command || running.ended) return;
      event.preventDefault();
      void this.command(command).catch((e: unknown) => this.log.warn(`key command failed: ${e instanceof Error ? e.message : String(e)}`));
    });
    contents.on('did-navigate', (_event: Event, url: string) => {
      // After an allowed redirect, the page the lock keeps is the one actually shown.
      if (running.document.type === 'web') running.document = { type: 'web', url };
    });
    contents.on('did-fail-load', (_event: Event, errorCode: number, _description: string, _url: string, isMainFrame: boolean) => {
      // ERR_ABORTED is our own will-navigate/redirect block, not a failure of the document.
      if (isMainFrame && errorCode !== ERR_ABORTED && !running.ended) {
        this.end(running, 'load-failed', new ServiceError('display.presentation_load_failed', { detail: `did-fail-load ${errorCode}` }));
      }
    });
    contents.on('render-process-gone', (_event: Event, details: { reason: string }) => {
      if (!running.ended) this.end(running, 'crashed', new ServiceError('display.presentation_crashed', { detail: details.reason }));
    });
    window.once('ready-to-show', () => {
      if (running.ended || window.isDestroyed()) return;
      // Place on the target display first, then full screen there (fullscreen in the constructor may
      // land on the primary display on Linux).
      window.setBounds(bounds);
      window.show();
      window.setFullScreen(true);
    });
    window.on('closed', () => {
      if (!running.ended) this.end(running, 'closed', null);
    });
  }

  private hookScreen(): void {
    if (this.screenHooked) return;
    screen.on('display-removed', this.onDisplayRemoved);
    this.screenHooked = true;
  }

  private readonly onDisplayRemoved = (_event: Event, display: Display): void => {
    const running = this.running;
    if (running && !running.ended && display.id === running.state.displayId) {
      this.log.info('presentation display removed');
      this.end(running, 'display-removed', new ServiceError('display.presentation_display_removed'));
    }
  };

  private async runEffect(running: Running, effect: ViewerEffect): Promise<void> {
    const contents = running.window.webContents;
    try {
      if (effect.type === 'close') {
        this.end(running, 'stopped', null);
        return;
      }
      if (running.state.kind === 'web') {
        if (effect.type === 'key') {
          contents.sendInputEvent({ type: 'keyDown', keyCode: effect.key });
          contents.sendInputEvent({ type: 'keyUp', keyCode: effect.key });
        } else if (effect.type === 'black') {
          if (effect.on && running.blackCssKey === null) running.blackCssKey = await contents.insertCSS(WEB_BLACK_CSS, { cssOrigin: 'user' });
          if (!effect.on && running.blackCssKey !== null) {
            await contents.removeInsertedCSS(running.blackCssKey);
            running.blackCssKey = null;
          }
        }
        return;
      }
      const code = viewerCall(effect);
      if (!code) return;
      const status = parseViewerStatus(await this.withTimeout(contents.executeJavaScript(code)));
      if (status && !running.ended) running.state = applyViewerStatus(running.state, status);
      if (effect.type === 'play') this.startPolling(running);
      if (effect.type === 'pause') this.stopPolling(running);
    } catch (e) {
      // The window may have gone between the command and the effect: the 'ended' event says why.
      this.log.warn(`presentation effect ${effect.type} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private startPolling(running: Running): void {
    this.stopPolling(running);
    running.poll = setInterval(() => {
      if (running.ended || running.window.isDestroyed()) return this.stopPolling(running);
      running.window.webContents.executeJavaScript(VIEWER_STATUS_CALL).then(
        (value: unknown) => {
          const status = parseViewerStatus(value);
          if (!status || running.ended || status.playing === running.state.playing) return;
          running.state = applyViewerStatus(running.state, status);
          this.emit('state', { ...running.state });
          if (!running.state.playing) this.stopPolling(running);
        },
        () => undefined,
      );
    }, this.options.pollIntervalMs ?? 1000);
  }

  private stopPolling(running: Running): void {
    if (running.poll) clearInterval(running.poll);
    running.poll = null;
  }

  private withTimeout<T>(promise: Promise<T>): Promise<T> {
    const ms = this.options.loadTimeoutMs ?? 20_000;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timeout after ${ms} ms`)), ms);
      promise.then(
        (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        (e: unknown) => {
          clearTimeout(timer);
          reject(e instanceof Error ? e : new Error(String(e)));
        },
      );
    });
  }

  /** Ends a presentation once: closes its window, drops its session's handlers and data, tells why. */
  private end(running: Running, reason: PresentationEndReason, error: ServiceError | null): void {
    if (running.ended) return;
    running.ended = true;
    running.endError = error;
    this.stopPolling(running);
    running.state = { ...running.state, status: 'ended' };
    if (this.running === running) this.running = null;
    if (!running.window.isDestroyed()) running.window.destroy();
    try {
      running.undoSession();
    } catch {
      // the session may already be gone at shutdown
    }
    void running.session.clearStorageData().catch(() => undefined);
    void running.session.clearCache().catch(() => undefined);
    this.log.info(`presentation ended: ${reason}`);
    this.emit('state', { ...running.state });
    this.emit('ended', { id: running.state.id, reason, error: error ? error.toInfo() : null });
  }
}
