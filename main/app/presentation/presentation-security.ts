/**
 * The hardening of the presentation window: its BrowserWindow options, its own session partition, and
 * the locks on its webContents. Each rule maps to the Electron security checklist: no Node, no preload,
 * sandbox and context isolation, a session of its own (in memory) that denies every permission and
 * device, no downloads, requests limited to the viewer's scheme or https, navigation locked to the
 * chosen document, no new windows, no <webview>.
 */
import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
import type { DisplayRect } from '../../services/display/display-types';
import { PRESENTATION_SCHEME } from '../../services/display/presentation-protocol';

export function presentationWindowOptions(options: { bounds: DisplayRect; partition: string; devTools: boolean; title: string }): BrowserWindowConstructorOptions {
  const { x, y, width, height } = options.bounds;
  return {
    x,
    y,
    width,
    height,
    // Shown once placed on the right display, then made full screen there.
    show: false,
    frame: false,
    fullscreen: false,
    fullscreenable: true,
    backgroundColor: '#000000',
    autoHideMenuBar: true,
    title: options.title,
    webPreferences: {
      // No `preload` at all: the content never gets an IPC channel.
      partition: options.partition,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      plugins: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      disableDialogs: true,
      safeDialogs: true,
      // Controls are on the laptop: "play" comes without a gesture in this window.
      autoplayPolicy: 'no-user-gesture-required',
      backgroundThrottling: false,
      devTools: options.devTools,
    },
  };
}

export interface SessionHardening {
  /** May the page load this URL (every request of the session)? */
  isRequestAllowed: (url: string) => boolean;
  /** The `classe-present:` handler for the bundled viewer; null for a web page. */
  protocolHandler: ((request: Request) => Response | Promise<Response>) | null;
}

/** Locks down the presentation's session. Returns what undoes the handlers that hold references. */
export function hardenPresentationSession(ses: Session, options: SessionHardening): () => void {
  ses.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.setDisplayMediaRequestHandler((_request, callback) => callback(null));
  ses.on('will-download', (event) => event.preventDefault());
  ses.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback(null);
  });
  ses.on('select-serial-port', (event, _ports, _webContents, callback) => {
    event.preventDefault();
    callback('');
  });
  ses.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !options.isRequestAllowed(details.url) }));
  if (options.protocolHandler) ses.protocol.handle(PRESENTATION_SCHEME, options.protocolHandler);
  return () => {
    ses.webRequest.onBeforeRequest(null);
    if (options.protocolHandler && ses.protocol.isProtocolHandled(PRESENTATION_SCHEME)) ses.protocol.unhandle(PRESENTATION_SCHEME);
  };
}

export interface ContentsLock {
  isNavigationAllowed: (url: string) => boolean;
  isRedirectAllowed: (url: string) => boolean;
  onBlocked?: (what: 'navigation' | 'redirect' | 'window' | 'webview', url: string) => void;
}

/** Navigation locked to the chosen document; no pop-ups, no <webview>, no Bluetooth picker. */
export function lockPresentationContents(contents: WebContents, lock: ContentsLock): void {
  contents.setWindowOpenHandler(({ url }) => {
    lock.onBlocked?.('window', url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (!lock.isNavigationAllowed(event.url)) {
      event.preventDefault();
      lock.onBlocked?.('navigation', event.url);
    }
  });
  contents.on('will-redirect', (event) => {
    if (event.isMainFrame && !lock.isRedirectAllowed(event.url)) {
      event.preventDefault();
      lock.onBlocked?.('redirect', event.url);
    }
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    lock.onBlocked?.('webview', '');
  });
  contents.on('select-bluetooth-device', (event, _devices, callback) => {
    event.preventDefault();
    callback('');
  });
}
