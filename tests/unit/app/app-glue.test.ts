/**
 * Small pieces of the Electron glue (electron mocked): one privileged-schemes registration holding
 * both schemes, the app-wide rules skipping exempt contents (the presentation window), and the native
 * « Choisir un fichier » dialog.
 */
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

const { registerAppScheme, APP_SCHEME } = await import('../../../main/app/protocol');
const { applyAppSecurity } = await import('../../../main/app/security');
const { createFilePicker, CHOOSABLE_EXTENSIONS } = await import('../../../main/app/file-dialog');
const { PRESENTATION_SCHEME } = await import('../../../main/services/display/presentation-protocol');

beforeEach(() => vi.clearAllMocks());

describe('privileged schemes', () => {
  it('registers the app scheme and the presentation scheme in ONE call (Electron keeps only the last)', () => {
    registerAppScheme();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledTimes(1);
    const schemes = (electron.protocol.registerSchemesAsPrivileged.mock.calls[0]![0] as { scheme: string; privileges: Record<string, boolean> }[]).map((s) => s.scheme);
    expect(schemes).toEqual([APP_SCHEME, PRESENTATION_SCHEME]);
    const presentation = (electron.protocol.registerSchemesAsPrivileged.mock.calls[0]![0] as { scheme: string; privileges: Record<string, boolean> }[])[1]!;
    // No CSP bypass, no service workers for the presentation viewer.
    expect(presentation.privileges.bypassCSP).toBeUndefined();
    expect(presentation.privileges.allowServiceWorkers).toBeUndefined();
  });
});

describe('app-wide rules and the presentation window', () => {
  it('skips exempt contents and applies the rules to every other one', () => {
    const presentationContents = new FakeWebContents('classe-present://presentation/presentation/index.html');
    applyAppSecurity(['app://classe'], () => [], silentLogger, { exempt: (c) => (c as unknown) === presentationContents });
    electron.app.emit('web-contents-created', {}, presentationContents);
    expect(presentationContents.windowOpenHandler).toBeNull();
    expect(presentationContents.listenerCount('will-navigate')).toBe(0);
    const page = new FakeWebContents();
    electron.app.emit('web-contents-created', {}, page);
    expect(page.windowOpenHandler).not.toBeNull();
    expect(page.listenerCount('will-navigate')).toBe(1);
  });
});

describe('the native file dialog', () => {
  const texts = () => ({ title: 'Choisir un fichier à projeter', filterName: 'Images, vidéos, sons et PDF' });

  it('opens on the main window with the castable/presentable extensions and returns the path', async () => {
    const showOpenDialog = vi.fn(async () => ({ canceled: false, filePaths: ['/home/prof/Leçon.pdf'] }));
    const window = { id: 1 };
    const pick = createFilePicker({ showOpenDialog } as never, () => window as never, texts);
    await expect(pick()).resolves.toBe('/home/prof/Leçon.pdf');
    const [parent, options] = showOpenDialog.mock.calls[0] as unknown as [unknown, { title: string; properties: string[]; filters: { name: string; extensions: string[] }[] }];
    expect(parent).toBe(window);
    expect(options.title).toBe('Choisir un fichier à projeter');
    expect(options.properties).toEqual(['openFile']);
    expect(options.filters[0]!.extensions).toEqual([...CHOOSABLE_EXTENSIONS]);
    expect(options.filters[0]!.extensions).toEqual(expect.arrayContaining(['pdf', 'png', 'mp4', 'webm', 'mp3']));
  });

  it('returns null when the teacher cancels, and works without a window', async () => {
    const showOpenDialog = vi.fn(async () => ({ canceled: true, filePaths: [] }));
    const pick = createFilePicker({ showOpenDialog } as never, () => null, texts);
    await expect(pick()).resolves.toBeNull();
    expect(showOpenDialog.mock.calls[0]).toHaveLength(1);
  });
});
