/** The main window: secure web preferences, our protocol, remembered bounds. */
import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import { join } from 'node:path';
import { DEFAULT_SIZE, MIN_SIZE } from '../services/core/window-bounds';
import { loadWindowState, trackWindowState } from './window-state';

/** The web preferences of every app window (checked by tests/unit/app/window.test.ts). */
export function secureWebPreferences(preloadPath: string): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
  };
}

export function createMainWindow(options: { outDir: string; userData: string; url: string; title: string; backgroundColor: string }): BrowserWindow {
  const state = loadWindowState(options.userData);
  const win = new BrowserWindow({
    ...(state.bounds ?? DEFAULT_SIZE),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: options.title,
    show: false,
    backgroundColor: options.backgroundColor,
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(join(options.outDir, 'preload', 'index.cjs')),
  });
  if (state.maximized) win.maximize();
  trackWindowState(win, options.userData);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(options.url);
  return win;
}
