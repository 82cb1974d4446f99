import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { RoomSection } from '../../renderer/features/settings/room-section';
import { useStore } from '../../renderer/store';
import { renderWithApp, fakeApi } from './support';
import type { Device } from '../../preload/contract/devices';
import type { SettingsView } from '../../preload/contract/settings';

const settings = (locked: boolean): SettingsView => ({
  values: { language: 'fr', theme: 'system', room: 'salle-12', demoMode: false, displayMode: 'duplicate', confirmPowerOff: true, networkProbe: false, reminderTime: '16:45' },
  sources: { language: 'user', theme: 'default', room: locked ? 'locked' : 'user', demoMode: 'default', displayMode: 'default', confirmPowerOff: 'default', networkProbe: 'default', reminderTime: 'default' },
  resolvedLanguage: 'fr',
});

const manual: Device = {
  id: 'host:10.0.12.40',
  name: 'VP du fond',
  kind: 'projector',
  maker: null,
  model: null,
  room: null,
  host: '10.0.12.40',
  addresses: ['10.0.12.40'],
  mac: null,
  capabilities: ['pjlink'],
  sources: ['manual'],
  reachability: 'online',
  lastSeen: 1,
  inInventory: false,
  endpoints: {},
};

describe('Réglages › Salle', () => {
  it('chooses another room through the contract', async () => {
    const api = fakeApi({ 'devices.chooseRoom': (input) => ({ ok: true, value: { rooms: [], currentRoom: (input as { room: string }).room, roomChoice: 'user' } }) });
    renderWithApp(<RoomSection />, api);
    useStore.setState({
      settings: settings(false),
      rooms: [
        { id: 'salle-12', name: 'Salle 12', school: 'École Jean Moulin', source: 'profile' },
        { id: 'salle-13', name: 'Salle 13', school: 'École Jean Moulin', source: 'profile' },
      ],
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Changer de salle' }));
    fireEvent.click(await screen.findByRole('button', { name: /Salle 13/ }));
    await waitFor(() => expect(api.calls).toContainEqual(['devices.chooseRoom', { room: 'salle-13' }]));
  });

  it('offers no room change when IT locked the room', async () => {
    renderWithApp(<RoomSection />);
    useStore.setState({ settings: settings(true), rooms: [{ id: 'salle-12', name: 'Salle 12', school: null, source: 'profile' }] });
    await screen.findByText('Géré par votre service informatique');
    expect(screen.queryByRole('button', { name: 'Changer de salle' })).toBeNull();
  });

  it('lists devices added by hand and removes one', async () => {
    const api = fakeApi({ 'devices.remove': () => ({ ok: true, value: { removed: true } }) });
    renderWithApp(<RoomSection />, api);
    useStore.setState({ settings: settings(false), devicesById: { [manual.id]: manual } });
    const item = (await screen.findByText(/VP du fond/)).closest('li')!;
    fireEvent.click(within(item).getByRole('button', { name: 'Retirer VP du fond' }));
    await waitFor(() => expect(api.calls).toContainEqual(['devices.remove', { id: manual.id }]));
  });
});
