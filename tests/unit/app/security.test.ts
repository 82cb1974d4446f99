import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ElectronMock } from '../../support/electron-mock';
import { FakeWebContents } from '../../support/electron-mock';
import { silentLogger } from '../../../main/services/core/logger';

let electron: ElectronMock;
vi.mock('electron', async () => {
  const { createElectronMock } = await import('../../support/electron-mock');
  electron = createElectronMock();
  return electron;
});

const { applyAppSecurity, applyContentsRules, isAppNavigation } = await import('../../../main/app/security');
const { secureWebPreferences, createMainWindow } = await import('../../../main/app/window');

const ORIGINS = ['app://classe'];

describe('main/app security (electron mocked)', () => {
  beforeEach(() => vi.clearAllMocks());

  it('creates windows with context isolation, sandbox, no Node, web security, no webview', () => {
    const prefs = secureWebPreferences('/out/preload/index.cjs');
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
    createMainWindow({ outDir: '/out', userData: '/tmp/none', url: 'app://classe/index.html', title: 'x', backgroundColor: '#fff' });
    const options = (electron.BrowserWindow as unknown as { mock: { calls: [{ webPreferences: unknown }][] } }).mock.calls[0]![0];
    expect(options.webPreferences).toEqual(secureWebPreferences('/out/preload/index.cjs'));
  });

  it('denies window.open, sending only allow-listed https links to the browser', () => {
    const wc = new FakeWebContents();
    applyContentsRules(wc as never, ORIGINS, () => ['it.mairie-pezenas.fr'], silentLogger);
    expect(wc.windowOpenHandler!({ url: 'https://eduscol.education.fr/x' })).toEqual({ action: 'deny' });
    expect(wc.windowOpenHandler!({ url: 'https://it.mairie-pezenas.fr/aide' })).toEqual({ action: 'deny' });
    expect(wc.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(wc.windowOpenHandler!({ url: 'http://eduscol.education.fr/' })).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal.mock.calls.map((c) => (c as unknown[])[0])).toEqual(['https://eduscol.education.fr/x', 'https://it.mairie-pezenas.fr/aide']);
  });

  it('blocks navigation away from the app and webview attachment', () => {
    const wc = new FakeWebContents();
    applyContentsRules(wc as never, ORIGINS, () => [], silentLogger);
    const away = { preventDefault: vi.fn() };
    wc.emit('will-navigate', away, 'https://evil.example/');
    expect(away.preventDefault).toHaveBeenCalled();
    const inside = { preventDefault: vi.fn() };
    wc.emit('will-navigate', inside, 'app://classe/index.html#/guides');
    expect(inside.preventDefault).not.toHaveBeenCalled();
    const redirect = { preventDefault: vi.fn() };
    wc.emit('will-redirect', redirect, 'file:///etc/passwd');
    expect(redirect.preventDefault).toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    wc.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('denies every permission request and check, and applies the rules to every new WebContents', () => {
    applyAppSecurity(ORIGINS, () => [], silentLogger);
    const s = electron.session.defaultSession;
    const request = s.setPermissionRequestHandler.mock.calls[0]![0] as (wc: unknown, p: string, cb: (ok: boolean) => void, details?: unknown) => void;
    const answers: boolean[] = [];
    for (const p of ['media', 'geolocation', 'notifications', 'hid', 'serial', 'clipboard-read']) request({ getURL: () => 'app://classe/index.html' }, p, (ok) => answers.push(ok));
    expect(answers.every((a) => a === false)).toBe(true);
    const check = s.setPermissionCheckHandler.mock.calls[0]![0] as (wc: unknown, p: string, origin: string) => boolean;
    expect(check(null, 'media', 'app://classe')).toBe(false);
    expect(check(null, 'fullscreen', 'https://evil.example')).toBe(false);
    // Full screen only for our own page (workshop mode of the guides).
    expect(check(null, 'fullscreen', 'app://classe')).toBe(true);
    const granted: boolean[] = [];
    request({ getURL: () => 'app://classe/index.html' }, 'fullscreen', (ok) => granted.push(ok));
    request({ getURL: () => 'https://evil.example/' }, 'fullscreen', (ok) => granted.push(ok));
    expect(granted).toEqual([true, false]);
    const wc = new FakeWebContents();
    electron.app.emit('web-contents-created', {}, wc);
    expect(wc.windowOpenHandler).not.toBeNull();
  });

  it('recognises app navigation by origin only', () => {
    expect(isAppNavigation('app://classe/index.html', ORIGINS)).toBe(true);
    expect(isAppNavigation('app://other/index.html', ORIGINS)).toBe(false);
    expect(isAppNavigation('not a url', ORIGINS)).toBe(false);
  });
});
