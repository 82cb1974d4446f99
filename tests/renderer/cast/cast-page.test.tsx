/**
 * Texts are matched with plain spaces (Testing Library normalises the page's narrow no-break spaces);
 * accessible names keep them (fr()).
 *
 * « Projeter » in jsdom with a fake contract and a fake file bridge: choosing a file (input and drop),
 * the targets, casting with the receiver's status and controls, « cet écran est occupé » + « Prendre
 * la main », errors with their guide, the presentation controls (app), the display-mode switch, and
 * « Projeter sans fil » from a device card.
 */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CastStatusView, CastTargets } from '../../../preload/contract/cast';
import type { DisplayStatus, PresentationView } from '../../../preload/contract/display';
import type { FileRef } from '../../../preload/contract/files';
import type { Device } from '../../../preload/contract/devices';
import { CastPage } from '../../../renderer/features/cast/cast-page';
import { WirelessDialog } from '../../../renderer/features/cast/wireless-dialog';
import { DeviceActions } from '../../../renderer/features/room/device-actions';
import { setFileBridge, type FileBridge } from '../../../renderer/bridge/files';
import { useStore } from '../../../renderer/store';
import { fakeApi, renderWithApp } from '../support';

const fr = (text: string) => text.replace(/« /g, '«\u202f').replace(/ »/g, '\u202f»');

const IMAGE: FileRef = { fileId: 'AbCdEfGhIjKlMnOpQrStUv', name: 'Carte « Hérault » 🗺️.png', size: 36_000, kind: 'image', castable: true, presentable: true };
const PDF: FileRef = { fileId: 'PdfPdfPdfPdfPdfPdfPdfPdf', name: 'Leçon volcans.pdf', size: 2_400_000, kind: 'pdf', castable: true, presentable: true };
const TARGETS: CastTargets = {
  receivers: [
    { deviceId: 'cast:tv', name: 'TV CM2', kind: 'screen', room: 'salle-12', protocols: ['googlecast', 'dlna'], busy: false },
    { deviceId: 'dlna:r', name: 'Écran salle 12', kind: 'screen', room: 'salle-12', protocols: ['dlna'], busy: false },
  ],
  wireless: [{ deviceId: 'airplay:1', name: 'Apple TV du CM1', kind: 'cast-receiver', room: 'salle-12', protocols: ['airplay'] }],
};
const WEB_DISPLAY: DisplayStatus = { environment: 'web-preview', canApply: false, topology: 'unknown', externalConnected: null, projector: null, presentationAvailable: false, preferredMode: 'duplicate' };
const APP_DISPLAY: DisplayStatus = { environment: 'windows', canApply: true, topology: 'extend', externalConnected: true, projector: { label: 'EPSON PJ', width: 1280, height: 800, confidence: 'high' }, presentationAvailable: true, preferredMode: 'duplicate' };

function status(patch: Partial<CastStatusView> = {}): CastStatusView {
  return {
    castId: 'c1',
    deviceId: 'cast:tv',
    targetName: 'TV CM2',
    protocol: 'googlecast',
    file: { name: IMAGE.name, kind: 'image', mime: 'image/png', size: IMAGE.size },
    state: 'playing',
    position: null,
    duration: null,
    page: null,
    error: null,
    endReason: null,
    updatedAt: Date.now(),
    ...patch,
  };
}

let registered: File[] = [];
function bridge(result: FileRef | { code: string; params?: Record<string, string>; guide?: string }, pick: FileBridge['pick'] = null): void {
  registered = [];
  setFileBridge({
    pick,
    register: async (file) => {
      registered.push(file);
      return 'fileId' in result ? { ok: true, value: result } : { ok: false, error: result };
    },
  });
}

function api(overrides: Record<string, (input?: unknown) => unknown> = {}, display: DisplayStatus = WEB_DISPLAY) {
  return fakeApi({
    'cast.targets': () => ({ ok: true, value: TARGETS }),
    'cast.list': () => ({ ok: true, value: [] }),
    'display.status': () => ({ ok: true, value: display }),
    ...overrides,
  });
}

const targetCard = (name: string) => screen.getByRole('listitem', { name });

async function chooseImage(): Promise<void> {
  const input = screen.getByLabelText('Fichier à projeter');
  fireEvent.change(input, { target: { files: [new File(['x'], 'carte.png', { type: 'image/png' })] } });
  await screen.findByText('Fichier choisi : Carte « Hérault » 🗺️.png');
}

beforeEach(() => bridge(IMAGE));

describe('« Projeter » panel', () => {
  it('lists the projector by cable, the Cast/DLNA screens (the asked one first) and the mirroring receivers', async () => {
    renderWithApp(<CastPage deviceId="dlna:r" />, api());
    await screen.findByRole('heading', { name: 'Écran salle 12' });
    const cards = within(screen.getByRole('list', { name: '2. L’écran' })).getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(cards).toEqual(['Vidéoprojecteur (câble HDMI)', 'Écran salle 12', 'TV CM2']);
    expect(within(targetCard('TV CM2')).getByText('Chromecast (Google Cast) · Écran DLNA')).toBeTruthy();
    expect(screen.getByText(/n’existe que dans l’application installée/)).toBeTruthy();
    expect(screen.getByRole('button', { name: fr('Projeter sans fil sur « Apple TV du CM1 »') })).toBeTruthy();
    // No file yet: nothing can be cast.
    expect((within(targetCard('TV CM2')).getByRole('button', { name: fr('Projeter sur « TV CM2 »') }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('Choisissez d’abord un fichier.')).toBeTruthy();
  });

  it('takes a file from the input through the file bridge and shows its name, kind and size', async () => {
    renderWithApp(<CastPage />, api());
    await chooseImage();
    expect(registered.map((f) => f.name)).toEqual(['carte.png']);
    expect(screen.getByText('Image · 35 Ko')).toBeTruthy();
  });

  it('takes a dropped file the same way', async () => {
    renderWithApp(<CastPage />, api());
    const zone = screen.getByText('Déposez un fichier ici').closest('.cast-drop')!;
    fireEvent.drop(zone, { dataTransfer: { files: [new File(['%PDF'], 'leçon.pdf')] } });
    await screen.findByText('Fichier choisi : Carte « Hérault » 🗺️.png');
    expect(registered.map((f) => f.name)).toEqual(['leçon.pdf']);
  });

  it('in the app, « Choisir un fichier » opens the native dialog (no browser input)', async () => {
    bridge(IMAGE, async () => ({ ok: true, value: PDF }));
    renderWithApp(<CastPage />, api({}, APP_DISPLAY));
    fireEvent.click(await screen.findByRole('button', { name: 'Choisir un fichier' }));
    await screen.findByText('Fichier choisi : Leçon volcans.pdf');
    expect(screen.getByText('PDF · 2,3 Mo')).toBeTruthy();
    expect(registered).toEqual([]);
  });

  it('explains a refused file with its guide', async () => {
    bridge({ code: 'files.unsupported', params: { name: 'notes.png' }, guide: 'guide:prepare-lesson' });
    renderWithApp(<CastPage />, api());
    fireEvent.change(screen.getByLabelText('Fichier à projeter'), { target: { files: [new File(['x'], 'notes.png')] } });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(fr('« notes.png » ne peut pas être projeté'));
    expect(within(alert).getByRole('button', { name: 'Ouvrir le guide' })).toBeTruthy();
  });

  it('casts to a screen, shows the receiver’s state, and pauses, resumes, stops through cast.control', async () => {
    const a = api({
      'cast.start': () => ({ ok: true, value: status({ state: 'loading' }) }),
      'cast.control': (input) => {
        const command = (input as { command: string }).command;
        return { ok: true, value: command === 'stop' ? status({ state: 'stopped', endReason: 'stopped', updatedAt: Date.now() + 5 }) : status({ state: command === 'pause' ? 'paused' : 'playing', file: { name: 'film.webm', kind: 'video', mime: 'video/webm', size: 1 }, updatedAt: Date.now() + 2 }) };
      },
    });
    renderWithApp(<CastPage />, a);
    await chooseImage();
    const tv = await screen.findByRole('listitem', { name: 'TV CM2' });
    fireEvent.click(within(tv).getByRole('button', { name: fr('Projeter sur « TV CM2 »') }));
    await within(tv).findByText('Envoi…');
    expect(a.calls.find(([c]) => c === 'cast.start')?.[1]).toEqual({ fileId: IMAGE.fileId, deviceId: 'cast:tv' });
    // The receiver reports it plays (cast.status event).
    act(() => useStore.getState().receiveCastStatus(status({ state: 'playing', file: { name: 'film.webm', kind: 'video', mime: 'video/webm', size: 1 }, position: 65, duration: 125, updatedAt: Date.now() + 1 })));
    await within(tv).findByText('En lecture');
    expect(within(tv).getByText('1:05 sur 2:05')).toBeTruthy();
    fireEvent.click(within(tv).getByRole('button', { name: 'Pause' }));
    await within(tv).findByText('En pause');
    fireEvent.click(within(tv).getByRole('button', { name: 'Reprendre' }));
    await within(tv).findByText('En lecture');
    fireEvent.click(within(tv).getByRole('button', { name: 'Arrêter' }));
    await within(tv).findByText('Projection arrêtée.');
    expect(a.calls.filter(([c]) => c === 'cast.control').map(([, i]) => (i as { command: string }).command)).toEqual(['pause', 'resume', 'stop']);
  });

  it('turns PDF pages on the screen', async () => {
    const a = api({ 'cast.control': () => ({ ok: true, value: status({ page: { number: 2, count: 3 }, file: { name: 'Leçon volcans.pdf', kind: 'pdf', mime: 'application/pdf', size: 1 }, updatedAt: Date.now() + 10 }) }) });
    renderWithApp(<CastPage />, a);
    await screen.findByRole('heading', { name: 'TV CM2' });
    act(() => useStore.getState().receiveCastStatus(status({ page: { number: 1, count: 3 }, file: { name: 'Leçon volcans.pdf', kind: 'pdf', mime: 'application/pdf', size: 1 } })));
    const tv = targetCard('TV CM2');
    expect((within(tv).getByRole('button', { name: 'Page précédente' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(within(tv).getByRole('button', { name: 'Page suivante' }));
    await within(tv).findByText('Page 2 sur 3');
    expect(a.calls.find(([c]) => c === 'cast.control')?.[1]).toEqual({ castId: 'c1', command: 'nextPage' });
  });

  it('says « cet écran est occupé » and offers « Prendre la main », which casts again with takeOver', async () => {
    let first = true;
    const a = api({
      'cast.start': () => {
        if (first) {
          first = false;
          return { ok: false, error: { code: 'cast.busy', params: { name: 'TV CM2', app: 'YouTube' }, guide: 'guide:cast-failed' } };
        }
        return { ok: true, value: status() };
      },
    });
    renderWithApp(<CastPage />, a);
    await chooseImage();
    const tv = await screen.findByRole('listitem', { name: 'TV CM2' });
    fireEvent.click(within(tv).getByRole('button', { name: fr('Projeter sur « TV CM2 »') }));
    await within(tv).findByText('« TV CM2 » est déjà utilisé (YouTube).', { exact: false });
    fireEvent.click(within(tv).getByRole('button', { name: 'Prendre la main' }));
    await within(tv).findByText('En lecture');
    expect(a.calls.filter(([c]) => c === 'cast.start').map(([, i]) => i)).toEqual([
      { fileId: IMAGE.fileId, deviceId: 'cast:tv' },
      { fileId: IMAGE.fileId, deviceId: 'cast:tv', takeOver: true },
    ]);
  });

  it('shows why a cast ended (screen lost) with the guide', async () => {
    renderWithApp(<CastPage />, api());
    await screen.findByRole('heading', { name: 'TV CM2' });
    act(() => useStore.getState().receiveCastStatus(status({ state: 'error', endReason: 'receiver-lost', error: { code: 'cast.receiver_lost', params: { name: 'TV CM2' }, guide: 'guide:wireless' } })));
    const alert = within(targetCard('TV CM2')).getByRole('alert');
    expect(alert.textContent).toContain('l’écran ne répond plus');
    expect(within(alert).getByRole('button', { name: 'Ouvrir le guide' })).toBeTruthy();
  });
});

describe('in the app: the presentation window and the display mode', () => {
  const PRESENTATION: PresentationView = { id: 'p1', kind: 'pdf', title: 'Leçon volcans.pdf', placement: 'projector', status: 'showing', page: 1, pageCount: 4, playing: null, blackedOut: false, capabilities: { pages: true, playback: false }, notice: null };

  it('presents the chosen file on the projector by cable and drives it (pages, black screen, close)', async () => {
    bridge(PDF);
    const a = api(
      {
        'present.start': () => ({ ok: true, value: PRESENTATION }),
        'present.command': (input) => {
          const c = (input as { command: string }).command;
          return { ok: true, value: { ...PRESENTATION, page: c === 'next' ? 2 : 1, blackedOut: c === 'black' } };
        },
        'present.stop': () => ({ ok: true, value: { stopped: true } }),
      },
      APP_DISPLAY,
    );
    renderWithApp(<CastPage />, a);
    fireEvent.change(screen.getByLabelText('Fichier à projeter'), { target: { files: [new File(['%PDF'], 'l.pdf')] } });
    const wired = await screen.findByRole('listitem', { name: 'Vidéoprojecteur (câble HDMI)' });
    await waitFor(() => expect((within(wired).getByRole('button', { name: 'Présenter' }) as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(within(wired).getByRole('button', { name: 'Présenter' }));
    await within(wired).findByText('Page 1 sur 4');
    fireEvent.click(within(wired).getByRole('button', { name: 'Page suivante' }));
    await within(wired).findByText('Page 2 sur 4');
    fireEvent.click(within(wired).getByRole('button', { name: 'Écran noir' }));
    await within(wired).findByRole('button', { name: 'Rallumer l’image' });
    fireEvent.click(within(wired).getByRole('button', { name: 'Fermer la présentation' }));
    await waitFor(() => expect(within(wired).queryByText('Page 2 sur 4')).toBeNull());
    expect(a.calls.filter(([c]) => c.startsWith('present.')).map(([c, i]) => `${c} ${JSON.stringify(i)}`)).toEqual([
      `present.start {"fileId":"${PDF.fileId}"}`,
      'present.command {"command":"next"}',
      'present.command {"command":"black"}',
      'present.stop undefined',
    ]);
  });

  it('shows why the presentation ended (projector unplugged)', async () => {
    renderWithApp(<CastPage />, api({}, APP_DISPLAY));
    const wired = await screen.findByRole('listitem', { name: 'Vidéoprojecteur (câble HDMI)' });
    act(() => useStore.getState().receivePresentation({ state: { ...PRESENTATION, status: 'ended' }, ended: { reason: 'display-removed', error: { code: 'display.presentation_display_removed' } } }));
    expect(within(wired).getByRole('alert').textContent).toContain('Le vidéoprojecteur a été débranché');
  });

  it('switches the laptop’s display mode and says what happened', async () => {
    const a = api({ 'display.setMode': () => ({ ok: true, value: { mode: 'duplicate', applied: true, changed: true, openedSettings: false, error: null, status: { ...APP_DISPLAY, topology: 'duplicate' } } }) }, APP_DISPLAY);
    renderWithApp(<CastPage />, a);
    await screen.findByText(/Vidéoprojecteur détecté : EPSON PJ \(1280 × 800\)/);
    expect(screen.getByRole('button', { name: 'Étendre' }).getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'Dupliquer' }));
    await screen.findByText(/C’est fait : Dupliquer\./);
    expect(screen.getByRole('button', { name: 'Dupliquer' }).getAttribute('aria-pressed')).toBe('true');
    expect(a.calls.find(([c]) => c === 'display.setMode')?.[1]).toEqual({ mode: 'duplicate' });
  });

  it('in the web preview, the switch is replaced by the Windows + P explanation', async () => {
    renderWithApp(<CastPage />, api());
    await screen.findByText(/Dans l’aperçu web, l’application ne change pas l’affichage/);
    expect(screen.queryByRole('button', { name: 'Dupliquer' })).toBeNull();
  });
});

describe('« Projeter sans fil » from a device card', () => {
  const board: Device = {
    id: 'miracast:1',
    name: 'Tableau ViewSonic',
    kind: 'cast-receiver',
    maker: null,
    model: null,
    room: 'salle-12',
    host: '10.0.0.5',
    addresses: ['10.0.0.5'],
    mac: null,
    capabilities: ['miracast'],
    sources: ['mdns'],
    reachability: 'online',
    lastSeen: 1,
    inInventory: false,
    endpoints: { miracast: { port: 7250 } },
  };

  it('opens the system’s flow and names the screen to pick (Windows)', async () => {
    const a = fakeApi({ 'wireless.open': () => ({ ok: true, value: { deviceId: board.id, name: board.name, protocol: 'miracast', method: 'windows-connect', opened: true, guide: 'guide:wireless' } }) });
    renderWithApp(
      <>
        <DeviceActions device={board} />
        <WirelessDialog />
      </>,
      a,
    );
    fireEvent.click(screen.getByRole('button', { name: fr('Projeter sans fil sur « Tableau ViewSonic »') }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain(fr('Choisissez « Tableau ViewSonic » dans la liste'));
    expect(dialog.textContent).toContain('Windows + K');
    expect(a.calls.find(([c]) => c === 'wireless.open')?.[1]).toEqual({ deviceId: board.id });
  });

  it('a Cast screen’s card offers « Projeter », which opens the panel for that screen', () => {
    renderWithApp(<DeviceActions device={{ ...board, id: 'cast:tv', name: 'TV CM2', capabilities: ['googlecast'], endpoints: { googlecast: { port: 8009, castId: null, busy: false } } }} />, fakeApi());
    fireEvent.click(screen.getByRole('button', { name: fr('Projeter sur « TV CM2 »') }));
    expect(useStore.getState().route).toEqual({ name: 'cast', deviceId: 'cast:tv' });
  });
});
