import { describe, expect, it } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { GuideSummary, SearchHit } from '../../../preload/contract/guide-document';
import { GuideSearch } from '../../../renderer/features/guides/search-box';
import { GuidesHome } from '../../../renderer/features/guides/guides-home';
import { useStore } from '../../../renderer/store';
import { fakeApi, renderWithApp } from '../support';

const hit = (id: string, title: string, summary = `${title} : le résumé.`): SearchHit => ({ id, title, summary, origin: 'bundled', score: 1 });
const NO_SIGNAL = hit('no-signal', '« Pas de signal » : les vérifications dans l’ordre', 'Le vidéoprojecteur est allumé mais affiche « Pas de signal ».');
const SOURCE = hit('choose-source', 'Choisir la bonne source');

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('the guide search box', () => {
  it('searches as the teacher types, and shows each result with its title and summary', async () => {
    const api = fakeApi({ 'guides.search': (input) => ({ ok: true, value: (input as { query: string }).query.length > 3 ? [NO_SIGNAL, SOURCE] : [] }) });
    renderWithApp(<GuideSearch />, api);
    const box = screen.getByRole('searchbox', { name: 'Décrivez le problème' });
    fireEvent.change(box, { target: { value: 'pas' } });
    fireEvent.change(box, { target: { value: 'pas d image' } });
    expect(api.calls.filter(([c]) => c === 'guides.search').map(([, i]) => i)).toEqual([
      { query: 'pas', lang: 'fr', limit: 6 },
      { query: 'pas d image', lang: 'fr', limit: 6 },
    ]);
    const first = await screen.findByRole('link', { name: /Pas de signal/ });
    expect(first.getAttribute('href')).toBe('#/guides/no-signal');
    expect(within(first).getByText('Le vidéoprojecteur est allumé mais affiche « Pas de signal ».')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('2 guides trouvés');
    // The query is kept in the address, replaced rather than pushed (Back leaves the page).
    expect(window.location.hash).toBe('#/guides?q=pas+d+image');
  });

  it('shows the answer to the latest query even when an older one answers last', async () => {
    const slow = deferred<unknown>();
    const api = fakeApi({
      'guides.search': (input) => ((input as { query: string }).query === 'stylet' ? slow.promise : { ok: true, value: [SOURCE] }),
    });
    renderWithApp(<GuideSearch />, api);
    const box = screen.getByRole('searchbox');
    fireEvent.change(box, { target: { value: 'stylet' } });
    fireEvent.change(box, { target: { value: 'source' } });
    await screen.findByRole('link', { name: /Choisir la bonne source/ });
    await act(async () => slow.resolve({ ok: true, value: [NO_SIGNAL] }));
    expect(screen.queryByRole('link', { name: /Pas de signal/ })).toBeNull();
    expect(screen.getAllByRole('link')).toHaveLength(1);
  });

  it('says when nothing matches, and clears without asking main', async () => {
    const api = fakeApi({ 'guides.search': () => ({ ok: true, value: [] }) });
    renderWithApp(<GuideSearch />, api);
    const box = screen.getByRole('searchbox');
    fireEvent.change(box, { target: { value: 'xyzzy' } });
    await waitFor(() => expect(screen.getByRole('status').textContent?.replace(/\u202f/g, ' ')).toBe('Aucun guide ne correspond : essayez d’autres mots, ou ouvrez « Qui contacter ? ».'));
    fireEvent.click(screen.getByRole('button', { name: 'Effacer la recherche' }));
    expect((box as HTMLInputElement).value).toBe('');
    expect(screen.getByRole('status').textContent).toBe('');
    expect(api.calls.filter(([c]) => c === 'guides.search')).toHaveLength(1);
    expect(document.activeElement).toBe(box);
  });

  it('is keyboard complete: ↓ into the results, ↑ back, Enter opens the first, Escape clears', async () => {
    renderWithApp(<GuideSearch />, fakeApi({ 'guides.search': () => ({ ok: true, value: [NO_SIGNAL, SOURCE] }) }));
    const box = screen.getByRole('searchbox');
    box.focus();
    fireEvent.change(box, { target: { value: 'image' } });
    const links = await screen.findAllByRole('link');
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(links[0]);
    fireEvent.keyDown(links[0]!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(links[1]);
    fireEvent.keyDown(links[1]!, { key: 'ArrowUp' });
    fireEvent.keyDown(links[0]!, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(box);
    fireEvent.submit(box.closest('form')!);
    expect(useStore.getState().route).toEqual({ name: 'guides', guideId: 'no-signal' });
    fireEvent.keyDown(box, { key: 'Escape' });
    expect((box as HTMLInputElement).value).toBe('');
  });

  it('takes the focus when opened from « Ça ne marche pas ? », and searches a query from the address', async () => {
    const api = fakeApi({ 'guides.search': () => ({ ok: true, value: [SOURCE] }) });
    renderWithApp(<GuideSearch initialQuery="hdmi 2" />, api);
    act(() => useStore.getState().requestGuideSearchFocus(true));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('searchbox')));
    expect(useStore.getState().focusGuideSearch).toBe(false);
    expect(api.calls).toContainEqual(['guides.search', { query: 'hdmi 2', lang: 'fr', limit: 6 }]);
    expect((screen.getByRole('searchbox') as HTMLInputElement).value).toBe('hdmi 2');
  });
});

describe('the guides home', () => {
  const summary = (id: string, title: string, extra: Partial<GuideSummary> = {}): GuideSummary => ({
    id,
    lang: 'fr',
    title,
    summary: `${title}, en bref.`,
    audience: 'teacher',
    origin: 'bundled',
    overrides: false,
    fallback: false,
    hasDiagnostics: false,
    ...extra,
  });

  it('lists every guide by theme, IT staff guides apart, the school’s own guides marked', async () => {
    const list = [
      summary('no-signal', '« Pas de signal »', { hasDiagnostics: true }),
      summary('vpi-pen', 'VPI : le stylet ne répond plus'),
      summary('pjlink-password', 'Mot de passe PJLink refusé', { audience: 'it' }),
      summary('ecole-cablage', 'Le câblage de notre école', { origin: 'it' }),
    ];
    const api = fakeApi({ 'guides.list': () => ({ ok: true, value: list }) });
    renderWithApp(<GuidesHome />, api);
    await screen.findByRole('heading', { level: 3, name: 'Image et son' });
    expect(api.calls).toContainEqual(['guides.list', { lang: 'fr' }]);
    const themes = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(themes).toEqual(['Image et son', 'Vidéoprojecteur interactif (VPI)', 'Guides de votre école', 'Pour le service informatique']);
    const school = screen.getByRole('link', { name: /Le câblage de notre école/ });
    expect(school.textContent).toContain('Guide de votre service informatique');
    expect(screen.getByRole('link', { name: /Pas de signal/ }).textContent).toContain('Avec diagnostic automatique');
  });

  it('loads the list again after main says the guides changed', async () => {
    let calls = 0;
    const api = fakeApi({ 'guides.list': () => ({ ok: true, value: [summary('no-signal', calls++ === 0 ? 'Avant' : 'Après')] }) });
    renderWithApp(<GuidesHome />, api);
    await screen.findByRole('link', { name: /Avant/ });
    act(() => useStore.getState().guidesChanged());
    await screen.findByRole('link', { name: /Après/ });
  });
});
