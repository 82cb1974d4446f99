/**
 * The app's screens glue (electron mocked): the projector tracker follows Electron's `screen`, the
 * presentation controller is created with the built viewer, the presentation window is exempt from
 * the app-wide navigation rules (it has its own locks), and everything is released on quit.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../main/services/core/logger';
import { fake, fakeDisplay, FakeBrowserWindow, type FakeSession } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const { setupAppDisplays, DEFAULT_PRESENTATION_SITES } = await import('../../../main/app/displays');
const { checkPresentationUrl } = await import('../../../main/services/display/presentation-url');

const LAPTOP = fakeDisplay(1, 'Built-in Display', true, { x: 0, y: 0, width: 1280, height: 800 }, 2);
const EPSON = fakeDisplay(2, 'EPSON PJ', false, { x: 1280, y: 0, width: 1024, height: 768 });

beforeEach(() => {
  fake.reset();
  fake.screen.displays = [LAPTOP];
  fake.screen.primaryId = 1;
});

describe('setupAppDisplays (electron mocked)', () => {
  it('follows plug and unplug of the projector through Electron screen events', () => {
    const displays = setupAppDisplays({ viewerRoot: '/out/renderer', logger: silentLogger });
    expect(displays.tracker.current()?.projector).toBeNull();
    const causes: string[] = [];
    displays.tracker.on('changed', (c) => causes.push(c.cause));
    fake.screen.displays = [LAPTOP, EPSON];
    fake.screen.emit('display-added', {}, EPSON);
    expect(displays.tracker.current()?.projector?.display.id).toBe(2);
    fake.screen.displays = [LAPTOP];
    fake.screen.emit('display-removed', {}, EPSON);
    expect(causes).toEqual(['connected', 'disconnected']);
    displays.dispose();
  });

  it('stops listening to the screen and closes the presentation on dispose (twice is harmless)', async () => {
    fake.screen.displays = [LAPTOP, EPSON];
    const displays = setupAppDisplays({ viewerRoot: '/out/renderer', logger: silentLogger });
    const before = fake.screen.listenerCount('display-added');
    expect(before).toBeGreaterThan(0);
    // A presentation running on the projector (a web page: no file needed).
    await displays.presentation.start({ source: { type: 'url', url: 'https://www.lumni.fr/video/les-volcans' } });
    const window = FakeBrowserWindow.instances[0]!;
    displays.dispose();
    displays.dispose();
    expect(window.destroyed).toBe(true);
    expect(fake.screen.listenerCount('display-added')).toBe(0);
    expect(fake.screen.listenerCount('display-metrics-changed')).toBe(0);
  });

  it('recognises the presentation window contents by its own session, and nothing else', async () => {
    fake.screen.displays = [LAPTOP, EPSON];
    const displays = setupAppDisplays({ viewerRoot: '/out/renderer', logger: silentLogger });
    await displays.presentation.start({ source: { type: 'url', url: 'https://www.lumni.fr/' } });
    const ses = fake.sessions[0] as FakeSession;
    expect(displays.presentation.ownsContents({ session: ses } as never)).toBe(true);
    expect(displays.presentation.ownsContents({ session: {} } as never)).toBe(false);
    displays.dispose();
  });

  it('checks web pages against the profile’s sites read at each start (a reloaded profile applies at once)', async () => {
    fake.screen.displays = [LAPTOP, EPSON];
    let sites: readonly string[] | null = ['*.ac-montpellier.fr'];
    const displays = setupAppDisplays({ viewerRoot: '/out/renderer', logger: silentLogger, presentationSites: () => sites });
    await expect(displays.presentation.start({ source: { type: 'url', url: 'https://www.lumni.fr/' } })).rejects.toMatchObject({
      code: 'display.presentation_url_not_allowed',
      params: { host: 'www.lumni.fr' },
      guide: 'guide:contact-it',
    });
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    await displays.presentation.start({ source: { type: 'url', url: 'https://pedagogie.ac-montpellier.fr/cm2' } });
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    // The profile changes (hot reload): the next page follows the new list.
    sites = ['www.lumni.fr'];
    await displays.presentation.start({ source: { type: 'url', url: 'https://www.lumni.fr/' } });
    await expect(displays.presentation.start({ source: { type: 'url', url: 'https://pedagogie.ac-montpellier.fr/cm2' } })).rejects.toMatchObject({
      code: 'display.presentation_url_not_allowed',
    });
    // No host yet (null): the defaults.
    sites = null;
    await displays.presentation.start({ source: { type: 'url', url: 'https://eduscol.education.gouv.fr/' } });
    expect(FakeBrowserWindow.instances).toHaveLength(3);
    displays.dispose();
  });

  it('allows only the default educational sites for web pages until a profile lists its own', () => {
    const policy = { allowedHosts: DEFAULT_PRESENTATION_SITES };
    expect(checkPresentationUrl('https://www.lumni.fr/video/x', policy).ok).toBe(true);
    expect(checkPresentationUrl('https://eduscol.education.gouv.fr/x', policy).ok).toBe(true);
    expect(checkPresentationUrl('https://www.youtube.com/watch?v=1', policy)).toMatchObject({ ok: false, code: 'display.presentation_url_not_allowed' });
  });
});
