import { describe, expect, it } from 'vitest';
import { act, fireEvent, screen } from '@testing-library/react';
import { App } from '../../../renderer/app/app';
import { useStore } from '../../../renderer/store';
import { fakeApi, renderWithApp } from '../support';
import { NO_SIGNAL } from './fixtures';

describe('the shell and the guides', () => {
  it('has a visible « Ça ne marche pas ? » on every page that opens the guides search ready to type', () => {
    renderWithApp(<App />);
    const help = screen.getByRole('link', { name: /Ça ne marche pas/ });
    expect(help.getAttribute('href')).toBe('#/guides');
    fireEvent.click(help);
    expect(useStore.getState().focusGuideSearch).toBe(true);
  });

  it('shows workshop mode alone (no header, no navigation), and the guide with the shell otherwise', async () => {
    renderWithApp(<App />, fakeApi({ 'guides.get': () => ({ ok: true, value: NO_SIGNAL }), 'guides.list': () => ({ ok: true, value: [] }) }));
    act(() => useStore.getState().navigate({ name: 'guides', guideId: 'no-signal', workshop: true }));
    await screen.findByRole('region', { name: /Présentation en atelier/ });
    expect(screen.queryByRole('navigation')).toBeNull();
    expect(screen.queryByRole('link', { name: /Ça ne marche pas/ })).toBeNull();
    act(() => useStore.getState().navigate({ name: 'guides', guideId: 'no-signal' }));
    await screen.findByRole('heading', { level: 1, name: NO_SIGNAL.title });
    expect(screen.getByRole('navigation', { name: 'Navigation principale' })).toBeTruthy();
  });

  it('opens the guide at the step an error toast names (guide:<id>#<anchor>)', async () => {
    renderWithApp(<App />, fakeApi({ 'guides.get': () => ({ ok: true, value: NO_SIGNAL }), 'guides.list': () => ({ ok: true, value: [] }) }));
    act(() => useStore.getState().pushError({ code: 'actions.input_failed', guide: 'guide:no-signal#input' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Ouvrir le guide' }));
    expect(useStore.getState().route).toEqual({ name: 'guides', guideId: 'no-signal', anchor: 'input' });
    await screen.findByRole('heading', { level: 1, name: NO_SIGNAL.title });
    expect(document.getElementById('guide-step-input')?.getAttribute('aria-current')).toBe('step');
  });
});
