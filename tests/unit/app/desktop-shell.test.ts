import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { ElectronMock } from '../../support/electron-mock';

let electron: ElectronMock;
vi.mock('electron', async () => {
  const { createElectronMock } = await import('../../support/electron-mock');
  electron = createElectronMock();
  return electron;
});

const { createDesktopShell } = await import('../../../main/app/desktop-shell');

function fakeWindow() {
  return { isDestroyed: () => false, webContents: { printToPDF: vi.fn(async () => Buffer.from('%PDF-1.7 fiche')) } };
}

describe('desktop shell (electron mocked)', () => {
  it('saves the page as an A4 PDF where the teacher chooses', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'classe-pdf-')), 'Pas de signal.pdf');
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: file });
    const win = fakeWindow();
    const shell = createDesktopShell(() => win as never);
    expect(await shell.savePageAsPdf('Pas de signal.pdf')).toEqual({ saved: true });
    expect(win.webContents.printToPDF).toHaveBeenCalledWith({ pageSize: 'A4', printBackground: false });
    expect(readFileSync(file, 'utf8')).toBe('%PDF-1.7 fiche');
    const options = (electron.dialog.showSaveDialog.mock.calls[0] as unknown as [unknown, { defaultPath: string }])[1];
    expect(options.defaultPath.endsWith('Pas de signal.pdf')).toBe(true);
  });

  it('writes nothing when the teacher cancels, or when there is no window', async () => {
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: undefined });
    const win = fakeWindow();
    expect(await createDesktopShell(() => win as never).savePageAsPdf('x.pdf')).toEqual({ saved: false });
    expect(win.webContents.printToPDF).not.toHaveBeenCalled();
    expect(await createDesktopShell(() => null).savePageAsPdf('x.pdf')).toEqual({ saved: false });
    expect(existsSync('x.pdf')).toBe(false);
  });
});

describe('workshop on the projector (electron mocked)', () => {
  function movableWindow() {
    let bounds = { x: 0, y: 0, width: 1280, height: 800 };
    let full = false;
    return {
      isDestroyed: () => false,
      getBounds: () => bounds,
      setBounds: vi.fn((b: typeof bounds) => (bounds = b)),
      isFullScreen: () => full,
      setFullScreen: vi.fn((f: boolean) => (full = f)),
      get bounds() {
        return bounds;
      },
    };
  }
  const projector = { projector: { display: { id: 2, label: 'EPSON PJ', bounds: { x: 1920, y: 0, width: 1280, height: 800 }, scaleFactor: 1, internal: false } } };

  it('moves the window onto the projector display, then back where it was', async () => {
    const win = movableWindow();
    const shell = createDesktopShell(() => win as never, { current: () => projector as never });
    expect(await shell.placeOnProjector(true)).toEqual({ moved: true });
    expect(win.bounds).toEqual({ x: 1920, y: 0, width: 1280, height: 800 });
    expect(await shell.placeOnProjector(false)).toEqual({ moved: true });
    expect(win.bounds).toEqual({ x: 0, y: 0, width: 1280, height: 800 });
  });

  it('stays put when no projector display is connected', async () => {
    const win = movableWindow();
    const shell = createDesktopShell(() => win as never, { current: () => ({ projector: null }) as never });
    expect(await shell.placeOnProjector(true)).toEqual({ moved: false });
    expect(win.setBounds).not.toHaveBeenCalled();
  });
});
