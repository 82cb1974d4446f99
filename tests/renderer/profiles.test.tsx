import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { SettingsPage } from '../../renderer/features/settings/settings-page';
import { ProfileBanner } from '../../renderer/features/profiles/profile-banner';
import { readProfileFiles } from '../../renderer/features/profiles/read-profile-files';
import { subscribeToEvents } from '../../renderer/store/events';
import { useStore } from '../../renderer/store';
import { renderWithApp, fakeApi } from './support';
import type { ClasseApi } from '../../preload/contract';
import type { ProfileOverview, ProfileStatus } from '../../preload/contract/profiles';
import type { SettingsView } from '../../preload/contract/settings';

const settings: SettingsView = {
  values: { language: 'system', theme: 'system', room: 'salle-2', demoMode: false, displayMode: 'duplicate', confirmPowerOff: true, networkProbe: false, reminderTime: '16:45' },
  sources: { language: 'default', theme: 'default', room: 'recommended', demoMode: 'default', displayMode: 'default', confirmPowerOff: 'locked', networkProbe: 'locked', reminderTime: 'default' },
  resolvedLanguage: 'fr',
};

const contact = { name: 'Service informatique', phone: '04 67 00 00 00', email: 'informatique@example.org', helpUrl: 'https://support.example.org/ecoles', hours: null };

const okStatus: ProfileStatus = {
  state: 'ok',
  source: 'managed',
  location: '/etc/classe-numerique/profile.json',
  managedPath: '/etc/classe-numerique/profile.json',
  organisation: 'Ville de Pézenas',
  sha256: 'a'.repeat(64),
  signature: { state: 'valid', keyId: '3f9a1c07d2b4e816' },
  appliedAt: '2025-09-01T08:00:00.000Z',
  contact: { organisation: 'Ville de Pézenas', ...contact },
  problem: null,
  trustedKeys: 1,
};

const features = { powerOffAllowed: true, networkProbeAllowed: false, castingAllowed: true, demoModeVisible: true, language: 'choice' as const, autoUpdate: null, presentationSites: ['lumni.fr', '*.lumni.fr'] };

function overview(over: Partial<ProfileOverview> = {}, status: Partial<ProfileStatus> = {}): ProfileOverview {
  return {
    status: { ...okStatus, ...status },
    summary: {
      organisation: { name: 'Ville de Pézenas', contact },
      schools: [
        {
          id: 'ecole',
          name: 'École élémentaire',
          rooms: [
            { id: 'salle-1', name: 'Salle 1 (CP)', devices: [{ id: 'vp-1', name: 'VP salle 1', kind: 'projector', host: '10.34.101.10', pjlinkPort: null, hasPassword: true, preferredInput: null, displayMode: null }] },
            { id: 'salle-2', name: 'Salle 2', devices: [] },
          ],
        },
      ],
      features,
      recommendedKeys: ['room'],
      lockedKeys: ['confirmPowerOff', 'networkProbe'],
      placement: { room: 'salle-2', via: 'subnet' },
      guidePacks: 0,
    },
    features,
    secrets: { kind: 'file-permissions', plainTextFallback: false, backend: null },
    ...over,
  };
}

const problem = {
  code: 'profiles.signature_tampered',
  params: {},
  guide: 'guide:contact-it' as const,
  source: 'managed' as const,
  location: '/etc/classe-numerique/profile.json',
  at: '2025-09-02T08:00:00.000Z',
  issueCount: 0,
  issues: [],
  detail: 'key 3f9a1c07d2b4e816',
};

function show(ov: ProfileOverview | null, view: SettingsView = settings) {
  act(() => useStore.setState({ settings: view, profile: ov }));
}

afterEach(() => vi.unstubAllGlobals());

describe('the profile banner (above every page)', () => {
  it('is absent while the profile is fine', () => {
    renderWithApp(<ProfileBanner />);
    show(overview());
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says what is wrong and whom to call, with the contact of the profile still in force', () => {
    renderWithApp(<ProfileBanner />);
    show(overview({}, { state: 'fallback', problem }));
    const banner = screen.getByRole('status');
    expect(within(banner).getByText('Le nouveau profil de configuration n’est pas appliqué')).toBeTruthy();
    expect(within(banner).getByText(/modifié après sa signature/)).toBeTruthy();
    expect(within(banner).getByRole('link', { name: '04 67 00 00 00' }).getAttribute('href')).toBe('tel:0467000000');
    expect(within(banner).getByRole('link', { name: 'informatique@example.org' }).getAttribute('href')).toBe('mailto:informatique@example.org');
    expect(within(banner).getByRole('link', { name: 'Voir le détail dans Réglages' }).getAttribute('href')).toBe('#/settings');
  });

  it('is an alert without any good profile, and says so when nobody is named', () => {
    renderWithApp(<ProfileBanner />);
    show(overview({ summary: null }, { state: 'invalid', source: null, contact: null, organisation: null, problem: { ...problem, code: 'profiles.invalid', params: { count: 2 } } }));
    const banner = screen.getByRole('alert');
    expect(within(banner).getByText(/contient des erreurs \(2\)/)).toBeTruthy();
    expect(within(banner).getByText(/Aucun contact n’est indiqué/)).toBeTruthy();
  });

  it('never turns a help address that is not http(s) into a link', () => {
    renderWithApp(<ProfileBanner />);
    show(overview({}, { state: 'fallback', problem, contact: { organisation: null, ...contact, helpUrl: 'javascript:alert(1)' } }));
    expect(screen.getByText('javascript:alert(1)').closest('a')).toBeNull();
  });
});

describe('Réglages with an IT profile', () => {
  it('shows the room, the profile rooms with their devices, and the profile facts', () => {
    renderWithApp(<SettingsPage />);
    show(overview());
    expect(screen.getByText('Salle 2 — École élémentaire')).toBeTruthy();
    expect(screen.getByText('Reconnue d’après le réseau de la salle.')).toBeTruthy();
    expect(screen.getByText('Salles du profil (2)')).toBeTruthy();
    expect(screen.getByText('VP salle 1 (vidéoprojecteur)')).toBeTruthy();
    expect(screen.getByText('Fichier installé sur ce poste par le service informatique')).toBeTruthy();
    expect(screen.getByText('Valide et appliqué')).toBeTruthy();
    expect(screen.getByText('Valide (clé 3f9a1c07d2b4e816)')).toBeTruthy();
    // A managed computer: IT installs the profile; no import, no removal.
    expect(screen.queryByRole('button', { name: 'Importer' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Retirer le profil importé' })).toBeNull();
  });

  it('shows locked settings read-only with « Géré par votre service informatique », every one of them', () => {
    renderWithApp(<SettingsPage />);
    show(overview(), { ...settings, values: { ...settings.values, demoMode: true, language: 'fr' }, sources: { ...settings.sources, demoMode: 'locked', language: 'locked', room: 'locked' } });
    const demo = screen.getByRole('radio', { name: 'Affichée' }) as HTMLInputElement;
    expect(demo.checked).toBe(true);
    expect(demo.disabled).toBe(true);
    expect((screen.getByRole('radio', { name: 'Français' }) as HTMLInputElement).disabled).toBe(true);
    expect((screen.getByRole('radio', { name: 'Sombre' }) as HTMLInputElement).disabled).toBe(false);
    expect(screen.getAllByText('Géré par votre service informatique')).toHaveLength(3);
  });

  it('hides the demo mode when the profile forbids it, and until the profile is known', () => {
    renderWithApp(<SettingsPage />);
    show(null);
    expect(screen.queryByRole('heading', { name: 'Mode démonstration' })).toBeNull();
    show(overview({ features: { ...features, demoModeVisible: false } }));
    expect(screen.queryByRole('heading', { name: 'Mode démonstration' })).toBeNull();
    show(overview());
    expect(screen.getByRole('heading', { name: 'Mode démonstration' })).toBeTruthy();
  });

  it('switches the demo mode through the contract', () => {
    const api = fakeApi({ 'settings.set': () => ({ ok: true, value: { ...settings, values: { ...settings.values, demoMode: true } } }) });
    renderWithApp(<SettingsPage />, api);
    show(overview());
    fireEvent.click(screen.getByRole('radio', { name: 'Affichée' }));
    expect(api.calls).toContainEqual(['settings.set', { patch: { demoMode: true } }]);
  });

  it('warns when typed passwords cannot be encrypted on this computer', () => {
    renderWithApp(<SettingsPage />);
    show(overview({ secrets: { kind: 'file-permissions', plainTextFallback: true, backend: 'basic_text' } }));
    expect(screen.getByText('Les mots de passe saisis dans l’application sont enregistrés sans chiffrement sur ce poste.')).toBeTruthy();
  });

  it('lists what is wrong with the refused profile, line and column included', () => {
    renderWithApp(<SettingsPage />);
    show(
      overview({}, {
        state: 'fallback',
        problem: { ...problem, code: 'profiles.invalid', params: { count: 1 }, issueCount: 1, detail: null, issues: [{ code: 'expected_host', pathText: 'schools[0].rooms[2].devices[0].host', line: 75, column: 23, text: { fr: 'schools[0].rooms[2].devices[0].host : adresse attendue', en: 'host: address expected' } }] },
      }),
    );
    expect(screen.getByText('Refusé : le profil précédent reste appliqué')).toBeTruthy();
    expect(screen.getByText('ligne 75, colonne 23 : schools[0].rooms[2].devices[0].host : adresse attendue')).toBeTruthy();
  });
});

describe('importing a profile', () => {
  const noProfile = () => overview({ summary: null }, { state: 'none', source: null, location: null, organisation: null, signature: null, contact: null });

  function pick(label: string, file: File) {
    fireEvent.change(screen.getByLabelText(label), { target: { files: [file] } });
  }

  it('sends the profile text and its signature, and confirms', async () => {
    const api = fakeApi({
      'profile.import': () => ({ ok: true, value: { ok: true, status: { ...okStatus, source: 'imported' } } }),
      'profile.status': () => ({ ok: true, value: overview({}, { source: 'imported' }) }),
    });
    renderWithApp(<SettingsPage />, api);
    show(noProfile());
    pick('Fichier du profil (profile.json)', new File(['\ufeff{"schemaVersion":1}'], 'profile.json', { type: 'application/json' }));
    pick('Signature (profile.json.sig)', new File(['c2lnbmF0dXJl\n'], 'profile.json.sig'));
    fireEvent.click(screen.getByRole('button', { name: 'Importer' }));
    // (Testing Library folds the narrow no-break spaces of French typography into plain spaces.)
    await screen.findByText('Profil importé et appliqué : Ville de Pézenas.');
    expect(api.calls).toContainEqual(['profile.import', { content: '\ufeff{"schemaVersion":1}', signature: 'c2lnbmF0dXJl\n' }]);
    // The new overview is shown (imported profiles can be removed).
    expect(screen.getByRole('button', { name: 'Retirer le profil importé' })).toBeTruthy();
  });

  it('explains a refusal: unsigned profile', async () => {
    const api = fakeApi({ 'profile.import': () => ({ ok: true, value: { ok: false, code: 'profiles.import_untrusted', params: { reason: 'missing' }, issueCount: 0, issues: [] } }) });
    renderWithApp(<SettingsPage />, api);
    show(noProfile());
    pick('Fichier du profil (profile.json)', new File(['{}'], 'profile.json'));
    fireEvent.click(screen.getByRole('button', { name: 'Importer' }));
    await screen.findByText(/n’est pas signé par une clé reconnue/);
    expect(screen.getByText(/Aucune signature n’a été fournie/)).toBeTruthy();
  });

  it('asks for a file first, and refuses a file that is not UTF-8 without calling main', async () => {
    const api = fakeApi();
    renderWithApp(<SettingsPage />, api);
    show(noProfile());
    fireEvent.click(screen.getByRole('button', { name: 'Importer' }));
    await screen.findByText('Choisissez d’abord le fichier du profil.');
    pick('Fichier du profil (profile.json)', new File([new Uint8Array([0x7b, 0xe9, 0x7d])], 'latin1.json'));
    fireEvent.click(screen.getByRole('button', { name: 'Importer' }));
    await screen.findByText(/n’est pas enregistré en UTF-8/);
    expect(api.calls.filter(([c]) => c === 'profile.import')).toEqual([]);
  });

  it('offers to remove an imported profile that is now refused (nothing in force)', () => {
    renderWithApp(<SettingsPage />);
    show(overview({ summary: null }, { state: 'invalid', source: null, signature: null, problem: { ...problem, source: 'imported', code: 'profiles.signature_wrong_key' } }));
    expect(screen.getByRole('button', { name: 'Retirer le profil importé' })).toBeTruthy();
  });

  it('removes an imported profile after confirmation', async () => {
    const api = fakeApi({ 'profile.removeImported': () => ({ ok: true, value: noProfile() }) });
    renderWithApp(<SettingsPage />, api);
    show(overview({}, { source: 'imported' }));
    fireEvent.click(screen.getByRole('button', { name: 'Retirer le profil importé' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Retirer le profil' }));
    await waitFor(() => expect(useStore.getState().profile?.status.state).toBe('none'));
    expect(api.calls.map(([c]) => c)).toContain('profile.removeImported');
  });
});

describe('readProfileFiles', () => {
  it('keeps a byte-order mark and CRLF so that main gets the signed bytes back', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x0d, 0x0a, 0x7d]);
    const r = await readProfileFiles(new Blob([bytes]), null);
    expect(r).toEqual({ ok: true, files: { content: '\ufeff{\r\n}' } });
    expect(r.ok && [...new TextEncoder().encode(r.files.content)]).toEqual([...bytes]);
  });

  it('refuses an empty file, a file over 10 MiB and a signature file that cannot be one', async () => {
    expect(await readProfileFiles(new Blob([]), null)).toEqual({ ok: false, code: 'profiles.import_unreadable' });
    expect(await readProfileFiles(new Blob([new Uint8Array(10 * 1024 * 1024 + 1)]), null)).toEqual({ ok: false, code: 'profiles.too_large' });
    expect(await readProfileFiles(new Blob(['{}']), new Blob([new Uint8Array(5000)]))).toEqual({ ok: false, code: 'profiles.signature_malformed' });
  });
});

describe('report and export', () => {
  it('copies the report to the clipboard', async () => {
    const writeText = vi.fn(async () => {});
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const api = fakeApi({ 'report.get': () => ({ ok: true, value: { text: 'Rapport…', json: {} } }) });
    renderWithApp(<SettingsPage />, api);
    show(overview());
    fireEvent.click(screen.getByRole('button', { name: 'Copier le rapport pour le service informatique' }));
    await screen.findByText(/Rapport copié/);
    expect(writeText).toHaveBeenCalledWith('Rapport…');
  });

  it('shows the report for a manual copy when the clipboard refuses', async () => {
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText: async () => Promise.reject(new Error('denied')) } });
    const api = fakeApi({ 'report.get': () => ({ ok: true, value: { text: 'Rapport pour le service informatique…', json: {} } }) });
    renderWithApp(<SettingsPage />, api);
    show(overview());
    fireEvent.click(screen.getByRole('button', { name: 'Copier le rapport pour le service informatique' }));
    const area = (await screen.findByLabelText('Texte du rapport')) as HTMLTextAreaElement;
    expect(area.value).toBe('Rapport pour le service informatique…');
    expect(area.readOnly).toBe(true);
  });

  it('exports a draft without passwords and offers to save it', async () => {
    const createObjectURL = vi.fn(() => 'blob:draft');
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const api = fakeApi({ 'profile.export': () => ({ ok: true, value: { text: '{"schemaVersion":1}\n', fileName: 'profile.json', rooms: 10, devices: 19, skipped: 0, passwordsLeftOut: 10 } }) });
    renderWithApp(<SettingsPage />, api);
    show(overview());
    fireEvent.click(screen.getByText('Outils du service informatique'));
    fireEvent.click(screen.getByRole('button', { name: 'Exporter un profil depuis ce poste' }));
    await screen.findByText('Brouillon prêt : 10 salles, 19 appareils.');
    expect(screen.getByText(/Mots de passe PJLink non exportés : 10/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer profile.json' }));
    expect(createObjectURL).toHaveBeenCalledTimes(1);
  });
});

describe('events', () => {
  it('writes profile.changed into the store', () => {
    const listeners = new Map<string, (payload: unknown) => void>();
    const classe = { on: (event: string, cb: (payload: unknown) => void) => (listeners.set(event, cb), () => listeners.delete(event)) } as unknown as ClasseApi;
    renderWithApp(<ProfileBanner />);
    const off = subscribeToEvents(classe);
    act(() => listeners.get('profile.changed')!(overview({}, { state: 'fallback', problem })));
    expect(useStore.getState().profile?.status.state).toBe('fallback');
    expect(screen.getByRole('status')).toBeTruthy();
    off();
    expect(listeners.size).toBe(0);
  });
});
