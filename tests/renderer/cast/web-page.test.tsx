/**
 * « Présenter une page web » in « Projeter » (jsdom, fake contract): the field exists only where the
 * presentation window does (the app), lists the sites the IT profile allows, sends the address to
 * present.start (adding https:// when it was left out), shows the page's controls, and explains a
 * refusal (site not allowed, with its host and the « qui contacter » guide). Texts are matched with
 * plain spaces (Testing Library normalises the narrow no-break spaces).
 */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DisplayStatus, PresentationView } from '../../../preload/contract/display';
import type { ProfileFeatures, ProfileOverview } from '../../../preload/contract/profiles';
import { CastPage } from '../../../renderer/features/cast/cast-page';
import { webPageUrl } from '../../../renderer/features/cast/cast-slice';
import { setFileBridge } from '../../../renderer/bridge/files';
import { useStore } from '../../../renderer/store';
import { fakeApi, renderWithApp } from '../support';

const WEB_DISPLAY: DisplayStatus = { environment: 'web-preview', canApply: false, topology: 'unknown', externalConnected: null, projector: null, presentationAvailable: false, preferredMode: 'duplicate' };
const APP_DISPLAY: DisplayStatus = { environment: 'windows', canApply: true, topology: 'extend', externalConnected: true, projector: { label: 'EPSON PJ', width: 1280, height: 800, confidence: 'high' }, presentationAvailable: true, preferredMode: 'duplicate' };
const PAGE: PresentationView = { id: 'p2', kind: 'web', title: 'www.lumni.fr', placement: 'projector', status: 'showing', page: null, pageCount: null, playing: null, blackedOut: false, capabilities: { pages: false, playback: false }, notice: null };
const FEATURES: ProfileFeatures = { powerOffAllowed: true, networkProbeAllowed: true, castingAllowed: true, demoModeVisible: true, language: 'choice', autoUpdate: null, presentationSites: ['lumni.fr', '*.lumni.fr', '*.ac-montpellier.fr'] };

function withProfile(features: ProfileFeatures = FEATURES): void {
  const overview: ProfileOverview = {
    status: { state: 'none', source: null, location: null, managedPath: '/etc/classe-numerique/profile.json', organisation: null, sha256: null, signature: null, appliedAt: null, contact: null, problem: null, trustedKeys: 0 },
    summary: null,
    features,
    secrets: { kind: 'file-permissions', plainTextFallback: false, backend: null },
  };
  act(() => useStore.getState().receiveProfile(overview));
}

function api(overrides: Record<string, (input?: unknown) => unknown> = {}, display: DisplayStatus = APP_DISPLAY) {
  return fakeApi({
    'cast.targets': () => ({ ok: true, value: { receivers: [], wireless: [] } }),
    'cast.list': () => ({ ok: true, value: [] }),
    'display.status': () => ({ ok: true, value: display }),
    ...overrides,
  });
}

// The file half of the panel needs a bridge; no file is chosen in these tests.
beforeEach(() => setFileBridge({ pick: null, register: async () => ({ ok: false, error: { code: 'files.unreadable' } }) }));

const wiredCard = () => screen.findByRole('listitem', { name: 'Vidéoprojecteur (câble HDMI)' });
const addressField = () => screen.queryByRole('textbox', { name: 'Adresse de la page (https://…)' });

describe('« Présenter une page web »', () => {
  it('is not offered where there is no presentation window (web preview)', async () => {
    renderWithApp(<CastPage />, api({}, WEB_DISPLAY));
    withProfile();
    await screen.findByText(/n’existe que dans l’application installée/);
    expect(addressField()).toBeNull();
    expect(screen.queryByRole('form', { name: 'Présenter une page web' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Présenter la page' })).toBeNull();
  });

  it('in the app, lists the allowed sites, sends the address and shows the page’s controls', async () => {
    const a = api({ 'present.start': () => ({ ok: true, value: PAGE }) });
    renderWithApp(<CastPage />, a);
    withProfile();
    const wired = await wiredCard();
    const form = await within(wired).findByRole('form', { name: 'Présenter une page web' });
    const field = within(form).getByRole('textbox', { name: 'Adresse de la page (https://…)' });
    expect(field.getAttribute('type')).toBe('url');
    const hint = within(form).getByText(/Sites autorisés par votre service informatique/);
    expect(hint.textContent).toBe('Sites autorisés par votre service informatique\u202f: lumni.fr, tout site en .lumni.fr, tout site en .ac-montpellier.fr.');
    expect(field.getAttribute('aria-describedby')).toBe(hint.id);
    const button = within(form).getByRole('button', { name: 'Présenter la page' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    fireEvent.change(field, { target: { value: '  www.lumni.fr/video/les-volcans ' } });
    expect(button.disabled).toBe(false);
    fireEvent.submit(form);
    await within(wired).findByText('« www.lumni.fr » est affiché en plein écran.', { normalizer: (s) => s.replace(/\u202f/g, ' ') });
    expect(within(wired).getByRole('button', { name: 'Fermer la présentation' })).toBeTruthy();
    expect(a.calls.filter(([c]) => c === 'present.start').map(([, i]) => i)).toEqual([{ url: 'https://www.lumni.fr/video/les-volcans' }]);
  });

  it('shows a refused site with its host and the guide to contact IT', async () => {
    const a = api({
      'present.start': () => ({ ok: false, error: { code: 'display.presentation_url_not_allowed', params: { host: 'www.youtube.com' }, guide: 'guide:contact-it' } }),
    });
    renderWithApp(<CastPage />, a);
    withProfile();
    const form = await screen.findByRole('form', { name: 'Présenter une page web' });
    fireEvent.change(within(form).getByRole('textbox'), { target: { value: 'https://www.youtube.com/watch?v=1' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Présenter la page' }));
    const alert = await within(form).findByRole('alert');
    expect(within(alert).getByText(/n.est pas dans la liste des sites autorisés/).textContent).toBe(
      "Le site «\u202fwww.youtube.com\u202f» n'est pas dans la liste des sites autorisés pour la présentation. Demandez à votre service informatique de l'ajouter.",
    );
    expect(a.calls.find(([c]) => c === 'present.start')?.[1]).toEqual({ url: 'https://www.youtube.com/watch?v=1' });
    fireEvent.click(within(alert).getByRole('button', { name: 'Ouvrir le guide' }));
    expect(useStore.getState().route).toMatchObject({ name: 'guides', guideId: 'contact-it' });
    // The address stays, to correct it; closing the message clears it.
    expect((within(form).getByRole('textbox') as HTMLInputElement).value).toBe('https://www.youtube.com/watch?v=1');
    fireEvent.click(within(alert).getByRole('button', { name: 'Fermer' }));
    await waitFor(() => expect(within(form).queryByRole('alert')).toBeNull());
  });

  it('says so instead of offering the field when IT allows no web page', async () => {
    renderWithApp(<CastPage />, api());
    withProfile({ ...FEATURES, presentationSites: [] });
    await screen.findByText('Votre service informatique n’autorise la présentation d’aucune page web.');
    expect(addressField()).toBeNull();
  });

  it('is in English too', async () => {
    renderWithApp(<CastPage />, api({}, APP_DISPLAY), 'en');
    withProfile();
    const form = await screen.findByRole('form', { name: 'Present a web page' });
    expect(within(form).getByRole('textbox', { name: 'Page address (https://…)' })).toBeTruthy();
    expect(within(form).getByText('Sites allowed by your IT service: lumni.fr, any site in .lumni.fr, any site in .ac-montpellier.fr.')).toBeTruthy();
  });
});

describe('webPageUrl', () => {
  it('adds https:// to an address typed without it, and leaves any other scheme for main to refuse', () => {
    expect(webPageUrl(' www.lumni.fr/video ')).toBe('https://www.lumni.fr/video');
    expect(webPageUrl('lumni.fr:443/x')).toBe('https://lumni.fr:443/x');
    expect(webPageUrl('https://www.lumni.fr/')).toBe('https://www.lumni.fr/');
    expect(webPageUrl('HTTPS://www.lumni.fr/')).toBe('HTTPS://www.lumni.fr/');
    expect(webPageUrl('http://www.lumni.fr/')).toBe('http://www.lumni.fr/');
    expect(webPageUrl('javascript:alert(1)')).toBe('javascript:alert(1)');
  });
});
