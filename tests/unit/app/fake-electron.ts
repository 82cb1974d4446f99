/**
 * A fake of the few Electron APIs the presentation glue uses, for `vi.mock('electron', …)`. The real
 * module is never loaded in tests (its binary is not available, and tests must not start Electron).
 * It records what the glue asked for (window options, session handlers) and lets tests fire events.
 */
import { vi } from 'vitest';

type Listener = (...args: unknown[]) => unknown;

export class FakeEmitter {
  private readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    const wrapped: Listener = (...args) => {
      this.removeListener(event, wrapped);
      return listener(...args);
    };
    return this.on(event, wrapped);
  }
  removeListener(event: string, listener: Listener): this {
    this.listeners.set(
      event,
      (this.listeners.get(event) ?? []).filter((l) => l !== listener),
    );
    return this;
  }
  emit(event: string, ...args: unknown[]): void {
    for (const l of [...(this.listeners.get(event) ?? [])]) l(...args);
  }
  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
  removeAllListeners(): void {
    this.listeners.clear();
  }
}

/** An Electron-style event object whose preventDefault can be checked. */
export function fakeEvent(fields: Record<string, unknown> = {}) {
  return { preventDefault: vi.fn(), defaultPrevented: false, ...fields };
}

export class FakeWebContents extends FakeEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly executeJavaScript = vi.fn(async (code: string) => fake.viewer(code));
  readonly sendInputEvent = vi.fn();
  readonly insertCSS = vi.fn(async () => 'css-key-1');
  readonly removeInsertedCSS = vi.fn(async () => undefined);
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

export class FakeBrowserWindow extends FakeEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly calls: string[] = [];
  destroyed = false;
  url: string | null = null;
  constructor(readonly options: Record<string, unknown> & { webPreferences: Record<string, unknown> }) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
  readonly loadURL = vi.fn(async (url: string) => {
    this.url = url;
    await fake.onLoad(this, url);
  });
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.calls.push('destroy');
    this.emit('closed');
  }
  setBounds(bounds: unknown): void {
    this.calls.push(`setBounds ${JSON.stringify(bounds)}`);
  }
  show(): void {
    this.calls.push('show');
  }
  setFullScreen(on: boolean): void {
    this.calls.push(`setFullScreen ${on}`);
  }
}

export class FakeSession extends FakeEmitter {
  permissionRequestHandler: ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void) | null = null;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null = null;
  devicePermissionHandler: ((...args: unknown[]) => boolean) | null = null;
  displayMediaHandler: ((request: unknown, callback: (streams: unknown) => void) => void) | null = null;
  beforeRequest: ((details: { url: string }, callback: (response: { cancel: boolean }) => void) => void) | null = null;
  readonly handlers = new Map<string, (request: Request) => Promise<Response>>();
  readonly clearStorageData = vi.fn(async () => undefined);
  readonly clearCache = vi.fn(async () => undefined);
  readonly webRequest = {
    onBeforeRequest: vi.fn((listener: FakeSession['beforeRequest']) => {
      this.beforeRequest = listener;
    }),
  };
  readonly protocol = {
    handle: vi.fn((scheme: string, handler: (request: Request) => Promise<Response>) => {
      this.handlers.set(scheme, handler);
    }),
    unhandle: vi.fn((scheme: string) => {
      this.handlers.delete(scheme);
    }),
    isProtocolHandled: vi.fn((scheme: string) => this.handlers.has(scheme)),
  };
  constructor(
    readonly partition: string,
    readonly options: unknown,
  ) {
    super();
  }
  setPermissionRequestHandler(handler: FakeSession['permissionRequestHandler']): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheckHandler']): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: FakeSession['devicePermissionHandler']): void {
    this.devicePermissionHandler = handler;
  }
  setDisplayMediaRequestHandler(handler: FakeSession['displayMediaHandler']): void {
    this.displayMediaHandler = handler;
  }
}

export interface FakeDisplay {
  id: number;
  label: string;
  bounds: { x: number; y: number; width: number; height: number };
  size: { width: number; height: number };
  workArea: { x: number; y: number; width: number; height: number };
  scaleFactor: number;
  internal: boolean;
  detected: boolean;
  rotation: number;
}

export function fakeDisplay(id: number, label: string, internal: boolean, bounds: FakeDisplay['bounds'], scaleFactor = 1): FakeDisplay {
  return { id, label, bounds, size: { width: bounds.width, height: bounds.height }, workArea: bounds, scaleFactor, internal, detected: true, rotation: 0 };
}

class FakeScreen extends FakeEmitter {
  displays: FakeDisplay[] = [];
  primaryId = 0;
  getAllDisplays(): FakeDisplay[] {
    return this.displays;
  }
  getPrimaryDisplay(): FakeDisplay {
    return this.displays.find((d) => d.id === this.primaryId) ?? (this.displays[0] as FakeDisplay);
  }
}

/** Answers like the real viewer showing a 3-page PDF: it remembers the page and the black screen. */
export function pdfViewer(pageCount = 3): (code: string) => unknown {
  let page = 1;
  let blackedOut = false;
  return (code) => {
    const m = /showPage\((\d+)\)/.exec(code);
    if (m && Number(m[1]) <= pageCount) page = Number(m[1]);
    if (code.includes('setBlack(')) blackedOut = code.includes('setBlack(true)');
    return { ready: true, error: null, page, pageCount, playing: null, blackedOut };
  };
}

/** Test-controlled behaviour and records. */
export const fake = {
  screen: new FakeScreen(),
  sessions: [] as FakeSession[],
  /** What window.presentationViewer answers to each fixed call. */
  viewer: pdfViewer(),
  /** Runs during loadURL (e.g. to make it fail). */
  onLoad: async (_window: FakeBrowserWindow, _url: string): Promise<void> => undefined,
  reset(): void {
    FakeBrowserWindow.instances = [];
    this.sessions = [];
    this.screen.displays = [];
    this.screen.primaryId = 0;
    this.screen.removeAllListeners();
    this.viewer = pdfViewer();
    this.onLoad = async () => undefined;
  },
};

/** What `vi.mock('electron', …)` returns (one screen object for the whole run; reset() clears it). */
export const electronModule = {
  BrowserWindow: FakeBrowserWindow,
  screen: fake.screen,
  session: {
    fromPartition: vi.fn((partition: string, options: unknown) => {
      const s = new FakeSession(partition, options);
      fake.sessions.push(s);
      return s;
    }),
  },
};
