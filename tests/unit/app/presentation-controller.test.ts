import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fake, fakeDisplay, fakeEvent, FakeBrowserWindow, type FakeSession } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const { PresentationController } = await import('../../../main/app/presentation/presentation-controller');

const LAPTOP = fakeDisplay(1, 'Built-in Retina Display', true, { x: 0, y: 0, width: 1440, height: 900 }, 2);
const EPSON = fakeDisplay(2, 'EPSON PJ', false, { x: 1440, y: 0, width: 1280, height: 800 });
const IDS = ['PartitionId0123456789ab', 'DocumentId0123456789abc'];

let dir = '';
let pdfPath = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'classe-presentation-'));
  pdfPath = join(dir, 'Leçon « volcans ».pdf');
  await writeFile(pdfPath, '%PDF-1.4\n% test document\n');
  await writeFile(join(dir, 'film.webm'), Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84, 0x77, 0x65, 0x62, 0x6d]));
  await writeFile(join(dir, 'cours.pptx'), Buffer.from('PK\u0003\u0004'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function controller(extra: Partial<ConstructorParameters<typeof PresentationController>[0]> = {}) {
  let n = 0;
  const c = new PresentationController({
    viewerRoot: join(dir, 'viewer'),
    webPolicy: () => ({ allowedHosts: ['www.lumni.fr'] }),
    // The document id is drawn first (while reading the file), then the partition id.
    randomId: () => IDS[n++ % 2] as string,
    pollIntervalMs: 5,
    loadTimeoutMs: 500,
    ...extra,
  });
  const events: string[] = [];
  const ended: unknown[] = [];
  c.on('state', (s) => events.push(`${s.status}${s.page ? ` p${s.page}/${s.pageCount ?? '?'}` : ''}${s.blackedOut ? ' black' : ''}`));
  c.on('ended', (e) => ended.push(e));
  return { c, events, ended };
}

const win = (i = 0) => FakeBrowserWindow.instances[i] as FakeBrowserWindow;
const ses = (i = 0) => fake.sessions[i] as FakeSession;

beforeEach(() => {
  fake.reset();
  fake.screen.displays = [LAPTOP, EPSON];
  fake.screen.primaryId = 1;
});

describe('PresentationController: the window and its security', () => {
  it('opens a sandboxed, preload-less, Node-less window on the projector, in its own in-memory partition', async () => {
    const { c } = controller();
    const state = await c.start({ source: { type: 'file', path: pdfPath } });
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    const options = win().options;
    expect(options).toMatchObject({ x: 1440, y: 0, width: 1280, height: 800, show: false, frame: false, backgroundColor: '#000000' });
    const prefs = options.webPreferences;
    expect('preload' in prefs).toBe(false);
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      plugins: false,
      devTools: false,
      partition: `presentation-${IDS[1]}`,
    });
    expect(String(prefs.partition)).not.toMatch(/^persist:/);
    expect(ses().partition).toBe(`presentation-${IDS[1]}`);
    expect(ses().options).toEqual({ cache: false });
    expect(win().url).toBe(`classe-present://presentation/presentation/index.html?doc=${IDS[0]}&kind=pdf`);
    expect(state).toMatchObject({ kind: 'pdf', title: 'Leçon « volcans ».pdf', status: 'showing', page: 1, pageCount: 3, displayId: 2, placement: 'projector', notice: null });
  });

  it('places the window on the projector before going full screen', async () => {
    const { c } = controller();
    await c.start({ source: { type: 'file', path: pdfPath } });
    win().emit('ready-to-show');
    expect(win().calls).toEqual(['setBounds {"x":1440,"y":0,"width":1280,"height":800}', 'show', 'setFullScreen true']);
  });

  it('denies every permission, device and screen capture, and downloads, in the presentation session', async () => {
    const { c } = controller();
    await c.start({ source: { type: 'file', path: pdfPath } });
    const s = ses();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'fullscreen', 'openExternal']) {
      const callback = vi.fn();
      s.permissionRequestHandler?.(win().webContents, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    expect(s.permissionCheckHandler?.(null, 'media', 'classe-present://presentation', {})).toBe(false);
    expect(s.devicePermissionHandler?.({ deviceType: 'usb' })).toBe(false);
    const displayMedia = vi.fn();
    s.displayMediaHandler?.({}, displayMedia);
    expect(displayMedia).toHaveBeenCalledWith(null);
    const download = fakeEvent();
    s.emit('will-download', download, {}, win().webContents);
    expect(download.preventDefault).toHaveBeenCalled();
    const hid = fakeEvent();
    const hidCallback = vi.fn();
    s.emit('select-hid-device', hid, { deviceList: [] }, hidCallback);
    expect(hid.preventDefault).toHaveBeenCalled();
    expect(hidCallback).toHaveBeenCalledWith(null);
    const serial = fakeEvent();
    const serialCallback = vi.fn();
    s.emit('select-serial-port', serial, [], win().webContents, serialCallback);
    expect(serialCallback).toHaveBeenCalledWith('');
  });

  it('serves the chosen file through its own scheme, and nothing else', async () => {
    const { c } = controller();
    await c.start({ source: { type: 'file', path: pdfPath } });
    const handler = ses().handlers.get('classe-present');
    expect(handler).toBeDefined();
    const doc = await handler!(new Request(`classe-present://presentation/document/${IDS[0]}`));
    expect(doc.status).toBe(200);
    expect(doc.headers.get('content-type')).toBe('application/pdf');
    expect(await doc.text()).toBe('%PDF-1.4\n% test document\n');
    expect((await handler!(new Request(`classe-present://presentation/document/${IDS[1]}`))).status).toBe(404);
    expect((await handler!(new Request('classe-present://presentation/assets/../../etc/passwd'))).status).toBe(404);
  });

  it('filters requests: the viewer may not reach the network', async () => {
    const { c } = controller();
    await c.start({ source: { type: 'file', path: pdfPath } });
    const decide = (url: string) => {
      const callback = vi.fn();
      ses().beforeRequest?.({ url }, callback);
      return callback.mock.calls[0]?.[0];
    };
    expect(decide('https://tracker.example.com/')).toEqual({ cancel: true });
    expect(decide('file:///etc/passwd')).toEqual({ cancel: true });
    expect(decide(`classe-present://presentation/document/${IDS[0]}`)).toEqual({ cancel: false });
  });

  it('locks navigation: no other page, no redirect, no pop-up, no <webview>', async () => {
    const { c } = controller();
    await c.start({ source: { type: 'file', path: pdfPath } });
    const wc = win().webContents;
    const away = fakeEvent({ url: 'https://evil.example.com/' });
    wc.emit('will-navigate', away);
    expect(away.preventDefault).toHaveBeenCalled();
    const self = fakeEvent({ url: `classe-present://presentation/presentation/index.html?doc=${IDS[0]}&kind=pdf` });
    wc.emit('will-navigate', self);
    expect(self.preventDefault).not.toHaveBeenCalled();
    const redirect = fakeEvent({ url: 'https://evil.example.com/', isMainFrame: true });
    wc.emit('will-redirect', redirect);
    expect(redirect.preventDefault).toHaveBeenCalled();
    expect(wc.windowOpenHandler?.({ url: 'https://www.lumni.fr/' })).toEqual({ action: 'deny' });
    const webview = fakeEvent();
    wc.emit('will-attach-webview', webview, {}, {});
    expect(webview.preventDefault).toHaveBeenCalled();
  });
});

describe('PresentationController: controls', () => {
  it('turns pages, blacks out and closes through fixed viewer calls, with state events', async () => {
    const { c, events, ended } = controller();
    await c.start({ source: { type: 'file', path: pdfPath } });
    expect(await c.command({ type: 'next' })).toMatchObject({ page: 2, pageCount: 3 });
    await c.command({ type: 'last' });
    expect((await c.command({ type: 'next' })).page).toBe(3);
    await c.command({ type: 'toggle-black' });
    const calls = win().webContents.executeJavaScript.mock.calls.map((call) => call[0]);
    expect(calls).toEqual([
      'window.presentationViewer ? window.presentationViewer.whenReady() : null',
      'window.presentationViewer.showPage(2)',
      'window.presentationViewer.showPage(3)',
      'window.presentationViewer.setBlack(true)',
    ]);
    await c.command({ type: 'close' });
    expect(events).toEqual(['opening p1/?', 'showing p1/3', 'showing p2/3', 'showing p3/3', 'showing p3/3 black', 'ended p3/3 black']);
    expect(ended).toEqual([{ id: IDS[1], reason: 'stopped', error: null }]);
    expect(win().destroyed).toBe(true);
    await expect(c.command({ type: 'next' })).rejects.toMatchObject({ code: 'display.presentation_not_running' });
  });

  it('takes keys pressed in the presentation window (clicker PageDown, B, Échap)', async () => {
    const { c, ended } = controller();
    await c.start({ source: { type: 'file', path: pdfPath } });
    const wc = win().webContents;
    const pageDown = fakeEvent();
    wc.emit('before-input-event', pageDown, { type: 'keyDown', key: 'PageDown' });
    expect(pageDown.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(c.current()?.page).toBe(2));
    const other = fakeEvent();
    wc.emit('before-input-event', other, { type: 'keyDown', key: 'q' });
    expect(other.preventDefault).not.toHaveBeenCalled();
    wc.emit('before-input-event', fakeEvent(), { type: 'keyDown', key: 'Escape' });
    await vi.waitFor(() => expect(ended).toHaveLength(1));
    expect(c.current()).toBeNull();
  });

  it('plays and pauses a video, and notices when it ends by itself', async () => {
    let playing = false;
    fake.viewer = (code) => {
      if (code.includes('play()')) playing = true;
      if (code.includes('pause()')) playing = false;
      return { ready: true, error: null, page: null, pageCount: null, playing, blackedOut: false };
    };
    const { c, events } = controller();
    const state = await c.start({ source: { type: 'file', path: join(dir, 'film.webm') } });
    expect(state).toMatchObject({ kind: 'video', playing: false, capabilities: { pages: false, playback: true } });
    expect((await c.command({ type: 'play' })).playing).toBe(true);
    playing = false; // the video reached its end
    await vi.waitFor(() => expect(c.current()?.playing).toBe(false));
    expect(events.length).toBeGreaterThanOrEqual(4);
    await c.stop();
  });
});

describe('PresentationController: endings', () => {
  it('closes cleanly when the projector is unplugged, and says so', async () => {
    const { c, ended } = controller();
    await c.start({ source: { type: 'file', path: pdfPath } });
    fake.screen.emit('display-removed', {}, LAPTOP);
    expect(ended).toEqual([]);
    fake.screen.displays = [LAPTOP];
    fake.screen.emit('display-removed', {}, EPSON);
    expect(ended).toEqual([{ id: IDS[1], reason: 'display-removed', error: { code: 'display.presentation_display_removed' } }]);
    expect(win().destroyed).toBe(true);
    expect(ses().protocol.unhandle).toHaveBeenCalledWith('classe-present');
    expect(ses().webRequest.onBeforeRequest).toHaveBeenLastCalledWith(null);
    expect(ses().clearStorageData).toHaveBeenCalled();
    expect(ses().clearCache).toHaveBeenCalled();
    expect(c.current()).toBeNull();
  });

  it('reports a window closed by other means (Alt+F4) and a crashed renderer', async () => {
    const first = controller();
    await first.c.start({ source: { type: 'file', path: pdfPath } });
    win().destroy();
    expect(first.ended).toEqual([{ id: IDS[1], reason: 'closed', error: null }]);

    const second = controller();
    await second.c.start({ source: { type: 'file', path: pdfPath } });
    win(1).webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    expect(second.ended).toEqual([{ id: IDS[1], reason: 'crashed', error: { code: 'display.presentation_crashed', detail: 'crashed' } }]);
  });

  it('fails the start, and cleans up, when the viewer cannot open the document', async () => {
    fake.viewer = () => ({ ready: false, error: 'load-failed', page: null, pageCount: null, playing: null, blackedOut: false });
    const { c, ended } = controller();
    await expect(c.start({ source: { type: 'file', path: pdfPath } })).rejects.toMatchObject({ code: 'display.presentation_load_failed' });
    expect(ended).toMatchObject([{ reason: 'load-failed', error: { code: 'display.presentation_load_failed' } }]);
    expect(win().destroyed).toBe(true);
  });

  it('fails the start when loading the page fails, ignoring our own aborted navigations', async () => {
    fake.onLoad = async (w) => {
      w.webContents.emit('did-fail-load', {}, -3, 'ERR_ABORTED', 'https://evil.example.com/', true);
      w.webContents.emit('did-fail-load', {}, -105, 'ERR_NAME_NOT_RESOLVED', 'https://www.lumni.fr/', true);
      throw new Error('ERR_NAME_NOT_RESOLVED (-105)');
    };
    const { c, ended } = controller();
    await expect(c.start({ source: { type: 'url', url: 'https://www.lumni.fr/' } })).rejects.toMatchObject({ code: 'display.presentation_load_failed', detail: 'did-fail-load -105' });
    expect(ended).toHaveLength(1);
  });

  it('replaces a running presentation by a new one', async () => {
    const { c, ended } = controller();
    await c.start({ source: { type: 'file', path: pdfPath } });
    await c.start({ source: { type: 'file', path: pdfPath } });
    expect(ended).toEqual([{ id: IDS[1], reason: 'replaced', error: null }]);
    expect(win(0).destroyed).toBe(true);
    expect(win(1).destroyed).toBe(false);
    expect(c.current()?.status).toBe('showing');
  });

  it('refuses files it cannot show and URLs that are not allowed, before opening any window', async () => {
    const { c } = controller();
    await expect(c.start({ source: { type: 'file', path: join(dir, 'cours.pptx') } })).rejects.toMatchObject({ code: 'display.presentation_unsupported_file', params: { name: 'cours.pptx' } });
    await expect(c.start({ source: { type: 'file', path: join(dir, 'absent.pdf') } })).rejects.toMatchObject({ code: 'display.presentation_no_file' });
    await expect(c.start({ source: { type: 'url', url: 'https://www.youtube.com/watch?v=x' } })).rejects.toMatchObject({ code: 'display.presentation_url_not_allowed', params: { host: 'www.youtube.com' } });
    await expect(c.start({ source: { type: 'url', url: 'http://www.lumni.fr/' } })).rejects.toMatchObject({ code: 'display.presentation_url_invalid' });
    fake.screen.displays = [];
    await expect(c.start({ source: { type: 'file', path: pdfPath } })).rejects.toMatchObject({ code: 'display.presentation_no_display' });
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });
});

describe('PresentationController: web pages and the laptop screen', () => {
  it('shows an allowed https page without the viewer scheme; pages turn with keys; black is a user CSS rule', async () => {
    const { c } = controller();
    const state = await c.start({ source: { type: 'url', url: 'https://www.lumni.fr/video/les-volcans' } });
    expect(state).toMatchObject({ kind: 'web', title: 'www.lumni.fr', status: 'showing', capabilities: { pages: true, playback: false } });
    expect(win().url).toBe('https://www.lumni.fr/video/les-volcans');
    expect(ses().protocol.handle).not.toHaveBeenCalled();
    const wc = win().webContents;
    await c.command({ type: 'next' });
    expect(wc.sendInputEvent.mock.calls).toEqual([[{ type: 'keyDown', keyCode: 'Right' }], [{ type: 'keyUp', keyCode: 'Right' }]]);
    await c.command({ type: 'black', on: true });
    expect(wc.insertCSS).toHaveBeenCalledWith(expect.stringContaining('opacity: 0 !important'), { cssOrigin: 'user' });
    await c.command({ type: 'black', on: false });
    expect(wc.removeInsertedCSS).toHaveBeenCalledWith('css-key-1');
    expect(wc.executeJavaScript).not.toHaveBeenCalled();
    // Requests: https yes, http no.
    const cb = vi.fn();
    ses().beforeRequest?.({ url: 'http://ads.example.com/' }, cb);
    expect(cb).toHaveBeenCalledWith({ cancel: true });
    // Navigation stays on the page; Escape still closes; other keys go to the page.
    const away = fakeEvent({ url: 'https://www.lumni.fr/autre' });
    wc.emit('will-navigate', away);
    expect(away.preventDefault).toHaveBeenCalled();
    const arrow = fakeEvent();
    wc.emit('before-input-event', arrow, { type: 'keyDown', key: 'ArrowRight' });
    expect(arrow.preventDefault).not.toHaveBeenCalled();
  });

  it('follows an allowed redirect: the lock then keeps the page actually shown', async () => {
    const { c } = controller({ webPolicy: () => ({ allowedHosts: ['lumni.fr', 'www.lumni.fr'] }) });
    await c.start({ source: { type: 'url', url: 'https://lumni.fr/' } });
    const wc = win().webContents;
    const redirect = fakeEvent({ url: 'https://www.lumni.fr/', isMainFrame: true });
    wc.emit('will-redirect', redirect);
    expect(redirect.preventDefault).not.toHaveBeenCalled();
    wc.emit('did-navigate', {}, 'https://www.lumni.fr/', 200, 'OK');
    const anchor = fakeEvent({ url: 'https://www.lumni.fr/#main' });
    wc.emit('will-navigate', anchor);
    expect(anchor.preventDefault).not.toHaveBeenCalled();
  });

  it('without a separate projector display, covers the laptop screen and says so', async () => {
    fake.screen.displays = [LAPTOP];
    const { c } = controller();
    const state = await c.start({ source: { type: 'file', path: pdfPath } });
    expect(state).toMatchObject({ placement: 'same-screen', displayId: 1, notice: 'display.presentation_on_laptop_screen' });
    expect(win().options).toMatchObject({ x: 0, y: 0, width: 1440, height: 900 });
  });

  it('dispose() closes the presentation and unhooks the screen', async () => {
    const { c, ended } = controller();
    await c.start({ source: { type: 'file', path: pdfPath } });
    expect(fake.screen.listenerCount('display-removed')).toBe(1);
    c.dispose();
    expect(ended).toHaveLength(1);
    expect(fake.screen.listenerCount('display-removed')).toBe(0);
  });
});
