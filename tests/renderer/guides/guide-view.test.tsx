import { describe, expect, it } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ProfileOverview } from '../../../preload/contract/profiles';
import { placeholderValues } from '../../../renderer/features/guides/placeholders';
import { useStore } from '../../../renderer/store';
import { GuideDocument, type Block } from '../../../preload/contract/guide-document';
import { GuideView, targetAnchorOf } from '../../../renderer/features/guides/guide-view';
import { Blocks, GuideRenderProvider } from '../../../renderer/features/guides/guide-blocks';
import { fakeApi, renderWithApp } from '../support';
import { NO_SIGNAL } from './fixtures';

const TEXT = { contact: (who: string, details: string) => `${who} (${details})`, contactDetails: (details: string) => `IT (${details})` };

const api = (doc: unknown = NO_SIGNAL, savePdf: () => unknown = () => ({ ok: false, error: { code: 'app.pdf_unavailable' } })) =>
  fakeApi({
    'app.savePdf': savePdf,
    'guides.get': () => ({ ok: true, value: doc }),
    'guides.list': () => ({ ok: true, value: [{ ...NO_SIGNAL, id: 'choose-source', title: 'Choisir la bonne source' }].map(({ id, lang, title, summary, audience, origin, overrides, fallback, hasDiagnostics }) => ({ id, lang, title, summary, audience, origin, overrides, fallback, hasDiagnostics })) }),
  });

describe('the guide view', () => {
  it('uses a fixture that the contract accepts', () => {
    expect(GuideDocument.safeParse(NO_SIGNAL).success).toBe(true);
  });

  it('shows the steps as ordered lists, numbered, with stable ids guide-step-<anchor>', async () => {
    const { container, api: calls } = renderWithApp(<GuideView guideId="no-signal" />, api());
    await screen.findByRole('heading', { level: 1, name: NO_SIGNAL.title });
    expect(calls.calls).toContainEqual(['guides.get', { id: 'no-signal', lang: 'fr' }]);
    const lists = container.querySelectorAll('ol.guide-steps');
    expect(lists).toHaveLength(2);
    const steps = [...container.querySelectorAll('ol.guide-steps > li')];
    expect(steps.map((li) => [li.id, li.getAttribute('value')])).toEqual([
      ['guide-step-power', '1'],
      ['guide-step-step-2', '2'],
      ['guide-step-input', '3'],
      ['guide-step-display', '1'],
    ]);
    expect(steps[0]!.textContent).toContain('Appuyez sur Power.');
    expect(within(steps[3] as HTMLElement).getByText('Windows').tagName).toBe('KBD');
    expect(screen.getByRole('heading', { level: 2, name: 'Si ça ne suffit pas' }).id).toBe('guide-section-escalate');
    expect(screen.getByRole('note').textContent).toContain('Astuce');
    expect(container.querySelector('[aria-current="step"]')).toBeNull();
  });

  it('opened at an anchor, highlights that step and moves the focus to it', async () => {
    renderWithApp(<GuideView guideId="no-signal" anchor="input" />, api());
    await screen.findByRole('heading', { level: 1 });
    const step = document.getElementById('guide-step-input')!;
    expect(step.getAttribute('aria-current')).toBe('step');
    expect(step.className).toContain('guide-step--target');
    await waitFor(() => expect(document.activeElement).toBe(step));
  });

  it('opened at step N, highlights the N-th step of the whole guide; a section anchor focuses the heading', async () => {
    renderWithApp(<GuideView guideId="no-signal" step={4} />, api());
    await screen.findByRole('heading', { level: 1 });
    expect(document.getElementById('guide-step-display')!.getAttribute('aria-current')).toBe('step');
    expect(targetAnchorOf(NO_SIGNAL, { step: 2 })).toBe('step-2');
    expect(targetAnchorOf(NO_SIGNAL, { step: 9 })).toBeNull();
    expect(targetAnchorOf(NO_SIGNAL, { anchor: 'nope' })).toBeNull();
  });

  it('opens guide: links in the app and https links outside it, safely', async () => {
    renderWithApp(<GuideView guideId="no-signal" />, api());
    const inApp = await screen.findByRole('link', { name: 'Choisir la bonne source' });
    expect(inApp.getAttribute('href')).toBe('#/guides/choose-source?anchor=find-port');
    expect(inApp.getAttribute('target')).toBeNull();
    const external = screen.getByRole('link', { name: /Éduscol/ });
    expect(external.getAttribute('href')).toBe('https://eduscol.education.fr/');
    expect(external.getAttribute('target')).toBe('_blank');
    expect(external.getAttribute('rel')).toBe('noopener noreferrer');
    expect(external.textContent).toContain('s’ouvre dans le navigateur');
    const source = screen.getByRole('link', { name: /Spécification PJLink/ });
    expect(source.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('never turns a link it does not trust into a link, and shows markup in text as text', () => {
    // Main refuses these; the renderer does not rely on it.
    const hostile: Block[] = [
      {
        type: 'paragraph',
        children: [
          { type: 'link', href: 'javascript:alert(1)', children: [{ type: 'text', value: 'script' }] },
          { type: 'link', href: 'http://example.org/', children: [{ type: 'text', value: 'plain http' }] },
          { type: 'link', href: 'https://user:pw@example.org/', children: [{ type: 'text', value: 'credentials' }] },
          { type: 'text', value: '<img src=x onerror="alert(1)">' },
        ],
      },
    ];
    const { container } = renderWithApp(
      <GuideRenderProvider value={{ placeholders: {}, targetAnchor: null }}>
        <Blocks blocks={hostile} />
      </GuideRenderProvider>,
    );
    expect(container.querySelectorAll('a')).toHaveLength(0);
    expect(container.querySelectorAll('img')).toHaveLength(0);
    expect(container.textContent).toBe('scriptplain httpcredentials<img src=x onerror="alert(1)">');
  });

  it('fills {{it.contact}} from the profile when known, and shows the catalog text otherwise', async () => {
    renderWithApp(<GuideView guideId="no-signal" />, api());
    await screen.findByRole('heading', { level: 1 });
    expect(screen.getByText('votre service informatique (demandez ses coordonnées à la direction de l’école)').className).toContain('guide-placeholder--missing');
    const { container } = renderWithApp(
      <GuideRenderProvider value={{ placeholders: { 'it.contact': 'le service informatique de Pézenas (04 67 00 00 00)' }, targetAnchor: null }}>
        <Blocks blocks={NO_SIGNAL.body.slice(-1)} />
      </GuideRenderProvider>,
    );
    expect(container.textContent).toContain('Appelez le service informatique de Pézenas (04 67 00 00 00) ; la procédure');
  });

  it('fills the placeholders from the IT profile’s contact and the chosen room', async () => {
    renderWithApp(<GuideView guideId="no-signal" />, api());
    act(() =>
      useStore.setState({
        profile: {
          status: { contact: { organisation: 'Mairie de Pézenas', name: 'Service informatique', phone: '04 67 00 00 00', email: 'info@example.org', helpUrl: null, hours: null } },
          summary: null,
        } as unknown as ProfileOverview,
      }),
    );
    const filled = await screen.findByText('Service informatique (04 67 00 00 00, info@example.org)');
    expect(filled.className).toBe('guide-placeholder');
    expect(placeholderValues(null, 'salle-1', TEXT)).toEqual({});
    const onlyPhone = { status: { contact: { organisation: null, name: null, phone: '04 67', email: null, helpUrl: null, hours: null } }, summary: null } as unknown as ProfileOverview;
    expect(placeholderValues(onlyPhone, null, TEXT)).toEqual({ 'it.phone': '04 67', 'it.contact': 'IT (04 67)' });
    const withRooms = {
      status: { contact: null },
      summary: { organisation: { name: 'Mairie' }, schools: [{ rooms: [{ id: 'salle-1', name: 'Salle 1 (CP)' }] }] },
    } as unknown as ProfileOverview;
    expect(placeholderValues(withRooms, 'salle-1', TEXT)).toEqual({ 'it.name': 'Mairie', 'it.contact': 'Mairie', 'room.name': 'Salle 1 (CP)' });
  });

  it('shows only bundled diagrams: a known image by its URL and description, an unknown one as its description', () => {
    const { container } = renderWithApp(
      <GuideRenderProvider value={{ placeholders: {}, targetAnchor: null }}>
        <Blocks
          blocks={[
            { type: 'figure', src: 'images/remote.svg', alt: 'La télécommande', title: 'Télécommande' },
            { type: 'figure', src: 'images/not-bundled.svg', alt: 'Un schéma absent', title: null },
          ]}
        />
      </GuideRenderProvider>,
    );
    const images = container.querySelectorAll('img');
    expect(images).toHaveLength(1);
    expect(images[0]!.getAttribute('alt')).toBe('La télécommande');
    expect(images[0]!.getAttribute('src')).toMatch(/remote\.svg/);
    expect(container.querySelector('figcaption')?.textContent).toBe('Télécommande');
    expect(screen.getByText('Un schéma absent').tagName).toBe('P');
  });

  it('marks an IT guide as such and says when it falls back to another language', async () => {
    renderWithApp(<GuideView guideId="no-signal" />, api({ ...NO_SIGNAL, origin: 'it', overrides: true, fallback: true }));
    await screen.findByRole('heading', { level: 1 });
    expect(screen.getByText('Guide adapté par votre service informatique')).toBeTruthy();
    expect(screen.getByText('Ce guide n’existe pas encore dans votre langue.')).toBeTruthy();
  });

  it('says which guide does not exist, with a way back', async () => {
    renderWithApp(<GuideView guideId="nope" />, fakeApi({ 'guides.get': () => ({ ok: false, error: { code: 'guides.not_found', params: { id: 'nope' } } }) }));
    expect(await screen.findByText(/Ce guide n’existe pas ou plus \(« nope »\)/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Tous les guides' }).getAttribute('href')).toBe('#/guides');
  });

  it('saves the fiche mémo as a PDF in the app, without opening the print dialog', async () => {
    const printed: number[] = [];
    window.print = () => void printed.push(1);
    const { api: calls } = renderWithApp(<GuideView guideId="no-signal" />, api(NO_SIGNAL, () => ({ ok: true, value: { saved: true } })));
    fireEvent.click(await screen.findByRole('button', { name: 'Imprimer la fiche mémo' }));
    await waitFor(() => expect(calls.calls).toContainEqual(['app.savePdf', { fileName: 'Pas de signal – les vérifications dans l’ordre.pdf' }]));
    expect(printed).toEqual([]);
  });

  it('prints with window.print where there is no PDF export (web preview) and opens workshop mode at the step it was opened at', async () => {
    const printed: number[] = [];
    window.print = () => void printed.push(1);
    const { api: calls } = renderWithApp(<GuideView guideId="no-signal" anchor="input" />, api());
    fireEvent.click(await screen.findByRole('button', { name: 'Imprimer la fiche mémo' }));
    await waitFor(() => expect(printed).toEqual([1]));
    fireEvent.click(screen.getByRole('button', { name: 'Présenter en atelier' }));
    expect(window.location.hash).toBe('#/guides/no-signal/workshop?anchor=input');
    expect(calls.calls.filter(([c]) => c === 'guides.get')).toHaveLength(1);
    expect(screen.getByText('Classe numérique, fiche mémo : « Pas de signal » : les vérifications dans l’ordre')).toBeTruthy();
  });
});
