/**
 * A stand-in for the 'electron' module in unit tests of main/app (the real module cannot load here, and
 * tests never import it). Records what the glue does so tests can assert on it.
 */
import { vi } from 'vitest';
import { EventEmitter } from 'node:events';

type Handler = (event: unknown, ...args: unknown[]) => unknown;

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  sent: unknown[][] = [];
  mainFrame: { url: string };
  destroyed = false;
  constructor(url = 'app://classe/index.html') {
    super();
    this.mainFrame = { url };
  }
  setWindowOpenHandler(h: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = h;
  }
  send(...args: unknown[]) {
    this.sent.push(args);
  }
  isDestroyed() {
    return this.destroyed;
  }
}

export function createElectronMock() {
  const handlers = new Map<string, Handler>();
  const app = Object.assign(new EventEmitter(), {
    enableSandbox: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => true),
    whenReady: vi.fn(() => new Promise(() => {})),
    getPath: vi.fn(() => '/tmp/classe-test-user-data'),
    getLocale: vi.fn(() => 'fr-FR'),
    isPackaged: false,
    quit: vi.fn(),
    exit: vi.fn(),
    dock: undefined,
  });
  const session = {
    defaultSession: {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
    },
  };
  return {
    app,
    session,
    shell: { openExternal: vi.fn(async () => {}) },
    dialog: { showSaveDialog: vi.fn(async () => ({ canceled: true, filePath: undefined as string | undefined })), showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] as string[] })) },
    ipcMain: {
      handlers,
      handle: vi.fn((channel: string, h: Handler) => {
        if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
        handlers.set(channel, h);
      }),
      removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
    },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    net: { fetch: vi.fn() },
    nativeTheme: { shouldUseDarkColors: false },
    screen: { getAllDisplays: vi.fn(() => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }]) },
    BrowserWindow: Object.assign(
      vi.fn(function (this: Record<string, unknown>, options: unknown) {
        this.options = options;
        this.webContents = new FakeWebContents();
        this.on = vi.fn();
        this.once = vi.fn();
        this.loadURL = vi.fn(async () => {});
        this.maximize = vi.fn();
      }),
      { getAllWindows: vi.fn(() => []) },
    ),
  };
}

export type ElectronMock = ReturnType<typeof createElectronMock>;
