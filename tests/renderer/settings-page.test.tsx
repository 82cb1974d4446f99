import { describe, expect, it } from 'vitest';
import { screen, fireEvent, waitFor } from '@testing-library/react';
import { SettingsPage } from '../../renderer/features/settings/settings-page';
import { useStore } from '../../renderer/store';
import { renderWithApp, fakeApi } from './support';
import type { SettingsView } from '../../preload/contract/settings';

const base: SettingsView = {
  values: { language: 'system', theme: 'system', room: null, demoMode: false, displayMode: 'duplicate', confirmPowerOff: true, networkProbe: false, reminderTime: '16:45' },
  sources: { language: 'default', theme: 'default', room: 'default', demoMode: 'default', displayMode: 'default', confirmPowerOff: 'default', networkProbe: 'default', reminderTime: 'default' },
  resolvedLanguage: 'fr',
};

describe('Réglages', () => {
  it('changes the theme through the contract and reflects it at once', async () => {
    const api = fakeApi({ 'settings.set': (input) => ({ ok: true, value: { ...base, values: { ...base.values, ...(input as { patch: object }).patch } } }) });
    renderWithApp(<SettingsPage />, api);
    useStore.setState({ settings: base });
    const dark = await screen.findByRole('radio', { name: 'Sombre' });
    fireEvent.click(dark);
    expect(api.calls).toContainEqual(['settings.set', { patch: { theme: 'dark' } }]);
    await waitFor(() => expect((screen.getByRole('radio', { name: 'Sombre' }) as HTMLInputElement).checked).toBe(true));
  });

  it('shows a locked setting read-only with « Géré par votre service informatique »', async () => {
    renderWithApp(<SettingsPage />);
    useStore.setState({ settings: { ...base, values: { ...base.values, theme: 'dark' }, sources: { ...base.sources, theme: 'locked' } } });
    const dark = (await screen.findByRole('radio', { name: 'Sombre' })) as HTMLInputElement;
    expect(dark.checked).toBe(true);
    expect(dark.disabled).toBe(true);
    expect(screen.getByText('Géré par votre service informatique')).toBeTruthy();
    expect((screen.getByRole('radio', { name: 'Français' }) as HTMLInputElement).disabled).toBe(false);
  });

  it('rolls back and shows an error when main refuses the change', async () => {
    const api = fakeApi({ 'settings.set': () => ({ ok: false, error: { code: 'settings.locked', params: { key: 'theme' } } }) });
    renderWithApp(<SettingsPage />, api);
    useStore.setState({ settings: base });
    fireEvent.click(await screen.findByRole('radio', { name: 'Clair' }));
    await waitFor(() => expect(useStore.getState().toasts.map((t) => t.messageKey)).toEqual(['errors:settings.locked']));
    expect(useStore.getState().settings?.values.theme).toBe('system');
  });
});
