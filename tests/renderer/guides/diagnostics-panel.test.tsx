import { afterEach, describe, expect, it } from 'vitest';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { DiagnosticsPanel } from '../../../renderer/features/guides/diagnostics-panel';
import { useStore } from '../../../renderer/store';
import { fakeApi, renderWithApp } from '../support';
import { item, NO_SIGNAL, run } from './fixtures';

const STANDBY = item({
  check: 'projector.power',
  deviceId: 'vp3',
  deviceName: 'Vidéoprojecteur salle 3',
  status: 'fail',
  messageKey: 'check.projector.power.standby',
  fix: 'projector.powerOn',
  anchor: 'power',
});
const NOT_AVAILABLE = item({ check: 'display.external', status: 'skipped', messageKey: 'engine.not_available', anchor: 'display' });

const originalClipboard = Object.getOwnPropertyDescriptor(window.navigator, 'clipboard');
afterEach(() => {
  if (originalClipboard) Object.defineProperty(window.navigator, 'clipboard', originalClipboard);
  else delete (window.navigator as { clipboard?: unknown }).clipboard;
});

function setClipboard(writeText: (text: string) => Promise<void>) {
  Object.defineProperty(window.navigator, 'clipboard', { value: { writeText }, configurable: true });
}

describe('« Lancer le diagnostic »', () => {
  it('starts the checks and shows each one with its symbol, its state in words and a plain explanation', async () => {
    const api = fakeApi({ 'diagnostics.start': () => ({ ok: true, value: run([STANDBY, NOT_AVAILABLE]) }) });
    const { container } = renderWithApp(<DiagnosticsPanel doc={NO_SIGNAL} lang="fr" />, api);
    fireEvent.click(screen.getByRole('button', { name: 'Lancer le diagnostic' }));
    expect(api.calls).toContainEqual(['diagnostics.start', { guideId: 'no-signal', lang: 'fr' }]);
    await screen.findByText('Le vidéoprojecteur est en veille : il faut l’allumer.');
    const rows = [...container.querySelectorAll('li.diag-item')];
    expect(rows.map((r) => [r.getAttribute('data-check'), r.querySelector('.diag-item__symbol')?.textContent])).toEqual([
      ['projector.power', '✗'],
      ['display.external', '–'],
    ]);
    expect(rows[0]!.textContent).toContain('Problème');
    expect(rows[0]!.textContent).toContain('Vidéoprojecteur salle 3');
    // A check nobody implements says so; it offers no fix and no fake result.
    expect(rows[1]!.textContent).toContain('Cette vérification n’est pas disponible sur cet ordinateur.');
    expect(rows[1]!.textContent).toContain('Non vérifié');
    expect(rows[1]!.querySelector('button')).toBeNull();
    expect(screen.getByText('1 problème trouvé : utilisez « Réparer » ou suivez l’étape indiquée.')).toBeTruthy();
    expect(screen.getAllByRole('link', { name: 'Voir l’étape' }).map((a) => a.getAttribute('href'))).toEqual([
      '#/guides/no-signal?anchor=power',
      '#/guides/no-signal?anchor=display',
    ]);
  });

  it('« Réparer » asks main to fix that item, and the re-checked result replaces the failure', async () => {
    const fixed = item({ ...STANDBY, status: 'pass', messageKey: 'check.projector.power.on', fix: null });
    const api = fakeApi({
      'diagnostics.start': () => ({ ok: true, value: run([STANDBY]) }),
      'diagnostics.fix': () => ({ ok: true, value: run([fixed]) }),
    });
    renderWithApp(<DiagnosticsPanel doc={NO_SIGNAL} lang="fr" />, api);
    fireEvent.click(screen.getByRole('button', { name: 'Lancer le diagnostic' }));
    const repair = await screen.findByRole('button', { name: 'Réparer' });
    expect(screen.getByText('Allumer le vidéoprojecteur')).toBeTruthy();
    fireEvent.click(repair);
    expect(api.calls).toContainEqual(['diagnostics.fix', { runId: 'diag-1', itemKey: 'projector.power@vp3' }]);
    await screen.findByText('Le vidéoprojecteur est allumé.');
    expect(screen.queryByRole('button', { name: 'Réparer' })).toBeNull();
    expect(screen.getByText('Tout est en ordre.')).toBeTruthy();
  });

  it('follows progress events from main: … while running, then the results', async () => {
    const api = fakeApi({ 'diagnostics.start': () => ({ ok: true, value: run([item({ ...STANDBY, status: 'pending', messageKey: 'check.projector.power.title', fix: null })], false) }) });
    renderWithApp(<DiagnosticsPanel doc={NO_SIGNAL} lang="fr" />, api);
    fireEvent.click(screen.getByRole('button', { name: 'Lancer le diagnostic' }));
    await screen.findByText('Vérification en cours…');
    expect(document.querySelector('.diag-item__symbol')?.textContent).toBe('…');
    // A second click while it runs does nothing.
    fireEvent.click(screen.getByRole('button', { name: 'Relancer le diagnostic' }));
    expect(api.calls.filter(([c]) => c === 'diagnostics.start')).toHaveLength(1);
    act(() => useStore.getState().receiveDiagnosticRun(run([STANDBY])));
    await screen.findByText('Le vidéoprojecteur est en veille : il faut l’allumer.');
    expect(document.querySelector('.diag-item__symbol')?.textContent).toBe('✗');
  });

  it('explains a fix that failed', async () => {
    const failedFix = item({ ...STANDBY, fixError: { code: 'guides.fix_unavailable', params: { item: 'x' } } });
    const api = fakeApi({ 'diagnostics.start': () => ({ ok: true, value: run([failedFix]) }) });
    renderWithApp(<DiagnosticsPanel doc={NO_SIGNAL} lang="fr" />, api);
    fireEvent.click(screen.getByRole('button', { name: 'Lancer le diagnostic' }));
    expect((await screen.findByText(/La réparation n’a pas marché/)).textContent?.replace(/\s+/g, ' ')).toContain('Cette réparation n’est pas possible ici : suivez les étapes du guide.');
  });

  it('explains a diagnostic that could not start', async () => {
    renderWithApp(<DiagnosticsPanel doc={NO_SIGNAL} lang="fr" />, fakeApi({ 'diagnostics.start': () => ({ ok: false, error: { code: 'guides.no_diagnostics', params: { id: 'no-signal' } } }) }));
    fireEvent.click(screen.getByRole('button', { name: 'Lancer le diagnostic' }));
    expect(await screen.findByText('Ce guide ne propose pas de diagnostic automatique : suivez ses étapes.')).toBeTruthy();
  });

  it('copies the report for IT to the clipboard', async () => {
    const copied: string[] = [];
    setClipboard(async (text) => void copied.push(text));
    const api = fakeApi({
      'diagnostics.start': () => ({ ok: true, value: run([STANDBY]) }),
      'diagnostics.report': () => ({ ok: true, value: { text: 'Classe numérique : diagnostic\n✗ …' } }),
    });
    renderWithApp(<DiagnosticsPanel doc={NO_SIGNAL} lang="fr" />, api);
    fireEvent.click(screen.getByRole('button', { name: 'Lancer le diagnostic' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Copier pour le service informatique' }));
    await screen.findByText('Copié : vous pouvez le coller dans un courriel.');
    expect(api.calls).toContainEqual(['diagnostics.report', { runId: 'diag-1', lang: 'fr' }]);
    expect(copied).toEqual(['Classe numérique : diagnostic\n✗ …']);
  });

  it('falls back to execCommand, then to a text to copy by hand, when the clipboard refuses', async () => {
    setClipboard(async () => Promise.reject(new Error('NotAllowedError')));
    const commands: string[] = [];
    document.execCommand = (command: string) => (commands.push(command), true);
    const api = fakeApi({
      'diagnostics.start': () => ({ ok: true, value: run([STANDBY]) }),
      'diagnostics.report': () => ({ ok: true, value: { text: 'rapport' } }),
    });
    renderWithApp(<DiagnosticsPanel doc={NO_SIGNAL} lang="fr" />, api);
    fireEvent.click(screen.getByRole('button', { name: 'Lancer le diagnostic' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Copier pour le service informatique' }));
    await screen.findByText('Copié : vous pouvez le coller dans un courriel.');
    expect(commands).toEqual(['copy']);

    document.execCommand = () => false;
    fireEvent.click(screen.getByRole('button', { name: 'Copier pour le service informatique' }));
    const manual = (await screen.findByLabelText(/La copie automatique n’a pas marché/)) as HTMLTextAreaElement;
    expect(manual.value).toBe('rapport');
    expect(manual.readOnly).toBe(true);
  });

  it('cancels a run still going when the guide is closed', async () => {
    const api = fakeApi({ 'diagnostics.start': () => ({ ok: true, value: run([STANDBY], false) }) });
    const { unmount } = renderWithApp(<DiagnosticsPanel doc={NO_SIGNAL} lang="fr" />, api);
    fireEvent.click(screen.getByRole('button', { name: 'Lancer le diagnostic' }));
    await screen.findByText('Vérification en cours…');
    unmount();
    await waitFor(() => expect(api.calls).toContainEqual(['diagnostics.cancel', { runId: 'diag-1' }]));
  });
});
