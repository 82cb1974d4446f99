/**
 * « Le vidéoprojecteur est encore allumé » in jsdom with a fake contract: the banner on « Ma salle »
 * (end-of-day and no-signal texts, French and English), « Éteindre » running the off action (asking
 * first only when another source is in use), « Plus tard » snoozing, and the « Fin de journée » control
 * of Réglages (time, off, locked by the profile). Accessible names keep the narrow no-break spaces: fr().
 */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Device } from '../../preload/contract/devices';
import type { PowerOffCheck, ProjectorStatus } from '../../preload/contract/projector';
import { REMINDER_SAMPLES, type Reminder } from '../../preload/contract/reminders';
import type { SettingsView } from '../../preload/contract/settings';
import { HomePage } from '../../renderer/features/room/home-page';
import { ReminderBanners } from '../../renderer/features/reminders/reminder-banners';
import { ProjectorControls } from '../../renderer/features/projector/projector-controls';
import { SettingsPage } from '../../renderer/features/settings/settings-page';
import { useStore } from '../../renderer/store';
import { fakeApi, renderWithApp } from './support';

const fr = (text: string) => text.replace(/« /g, '«\u202f').replace(/ »/g, '\u202f»').replace(/ \?/g, '\u202f?');
const END: Reminder = { deviceId: 'inv:vp-12', deviceName: 'VP salle 12', reason: 'end-of-day', since: 1_741_621_500_000 };
const NO_SIGNAL: Reminder = { deviceId: 'inv:vpi-12', deviceName: 'VPI', reason: 'no-signal', since: 1_741_618_800_000 };
const check = (patch: Partial<PowerOffCheck> = {}): PowerOffCheck => ({ power: 'on', input: '31', inputName: 'HDMI 1', otherSourceInUse: false, confirm: true, ...patch });

function offApi(powerCheck: PowerOffCheck) {
  return fakeApi({
    'projector.checkPowerOff': () => ({ ok: true, value: powerCheck }),
    'actions.start': () => ({ ok: true, value: { actionId: 'a1' } }),
    'reminders.snooze': () => ({ ok: true, value: { snoozed: true, until: 1 } }),
  });
}

describe('reminder banners on « Ma salle »', () => {
  it('shows one banner per reminder with its text and big « Éteindre » / « Plus tard » buttons', async () => {
    renderWithApp(<HomePage />);
    act(() => useStore.getState().receiveReminders({ reminders: [END, NO_SIGNAL] }));
    const banners = await screen.findAllByRole('status');
    const end = banners.find((b) => b.textContent?.includes('VP salle 12'))!;
    expect(end.textContent).toBe(fr('Le vidéoprojecteur « VP salle 12 » est encore allumé. L’éteindre ?') + 'ÉteindrePlus tard');
    const off = within(end).getByRole('button', { name: 'Éteindre' });
    expect(off.className).toContain('cn-btn--primary');
    expect(off.className).toContain('cn-btn--large');
    expect(within(end).getByRole('button', { name: 'Plus tard' }).className).toContain('cn-btn--large');
    const noSignal = banners.find((b) => b.textContent?.includes('VPI'))!;
    expect(noSignal.textContent).toContain(fr('Le vidéoprojecteur « VPI » est allumé mais n’affiche rien depuis 20 minutes.'));
  });

  it('reads the reminders main already has when the page opens (reminders.list)', async () => {
    const api = fakeApi({ 'reminders.list': () => ({ ok: true, value: REMINDER_SAMPLES[1] }) });
    renderWithApp(<ReminderBanners />, api);
    await act(() => useStore.getState().loadReminders());
    expect(await screen.findByText('Le vidéoprojecteur « Vidéoprojecteur » est encore allumé. L’éteindre ?')).toBeTruthy();
  });

  it('« Éteindre » runs the off action at once: the banner already asked (even with « always confirm »)', async () => {
    const api = offApi(check({ confirm: true }));
    renderWithApp(<ReminderBanners />, api);
    act(() => useStore.getState().receiveReminders({ reminders: [END] }));
    fireEvent.click(screen.getByRole('button', { name: 'Éteindre' }));
    await waitFor(() => expect(api.calls).toContainEqual(['actions.start', { deviceId: 'inv:vp-12', kind: 'off' }]));
    expect(api.calls.map(([c]) => c)).toEqual(['projector.checkPowerOff', 'actions.start']);
    expect(screen.queryByRole('dialog')).toBeNull();
    // Switching off: the banner gives way to the card's cooling progress.
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Plus tard' })).toBeNull());
  });

  it('« Éteindre » asks first when another source is in use, and only switches off on confirmation', async () => {
    const api = offApi(check({ confirm: false, otherSourceInUse: true, input: '32', inputName: 'HDMI 2' }));
    renderWithApp(<ReminderBanners />, api);
    act(() => useStore.getState().receiveReminders({ reminders: [END] }));
    fireEvent.click(screen.getByRole('button', { name: 'Éteindre' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain(fr('Il affiche une autre source (HDMI 2) : quelqu’un s’en sert peut-être.').replace(' :', '\u202f:'));
    expect(api.calls.some(([c]) => c === 'actions.start')).toBe(false);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Éteindre' }));
    await waitFor(() => expect(api.calls).toContainEqual(['actions.start', { deviceId: 'inv:vp-12', kind: 'off' }]));
  });

  it('« Plus tard » snoozes through the contract and hides the banner', async () => {
    const api = offApi(check());
    renderWithApp(<ReminderBanners />, api);
    act(() => useStore.getState().receiveReminders({ reminders: [END, NO_SIGNAL] }));
    const end = screen.getAllByRole('status').find((b) => b.textContent?.includes('VP salle 12'))!;
    fireEvent.click(within(end).getByRole('button', { name: 'Plus tard' }));
    await waitFor(() => expect(api.calls).toContainEqual(['reminders.snooze', { deviceId: 'inv:vp-12' }]));
    expect(screen.queryByText(/VP salle 12/)).toBeNull();
    expect(screen.getByText(/VPI/)).toBeTruthy();
  });

  it('is not shown when the IT profile forbids switching off from the app', () => {
    renderWithApp(<ReminderBanners />);
    act(() => {
      useStore.setState({ profile: { features: { powerOffAllowed: false } } as never });
      useStore.getState().receiveReminders({ reminders: [END] });
    });
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('speaks English when the app does', () => {
    renderWithApp(<ReminderBanners />, fakeApi(), 'en');
    act(() => useStore.getState().receiveReminders({ reminders: [END, NO_SIGNAL] }));
    expect(screen.getByText('The projector “VP salle 12” is still on. Switch it off?')).toBeTruthy();
    expect(screen.getByText('The projector “VPI” is on but has shown nothing for 20 minutes. Switch it off?')).toBeTruthy();
    expect(screen.getAllByRole('button', { name: 'Later' })).toHaveLength(2);
  });
});

describe('the projector card’s « Éteindre » (same flow, own preference)', () => {
  const device: Device = {
    id: 'inv:vp-12', name: 'VP salle 12', kind: 'projector', maker: null, model: null, room: 'salle-12', host: '10.0.0.9', addresses: ['10.0.0.9'], mac: null,
    capabilities: ['pjlink'], sources: ['inventory'], reachability: 'online', lastSeen: 1, inInventory: true, endpoints: { pjlink: { port: 4352, class: 2 } },
  } as Device;
  const on: ProjectorStatus = { deviceId: device.id, reachable: true, problem: null, pjlinkClass: 2, power: 'on', input: '31', mute: { video: false, audio: false }, freeze: false, alerts: [], lampHours: 100, hasLamp: true, filterHours: null, signal: 'ok', resolution: null, updatedAt: 1 };

  it('still asks when the teacher chose « always confirm »', async () => {
    const api = offApi(check({ confirm: true }));
    renderWithApp(<ProjectorControls device={device} />, api);
    act(() => useStore.getState().receiveStatus(on));
    fireEvent.click(screen.getByRole('button', { name: 'Éteindre' }));
    const dialog = await screen.findByRole('dialog');
    expect(api.calls.some(([c]) => c === 'actions.start')).toBe(false);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Éteindre' }));
    await waitFor(() => expect(api.calls).toContainEqual(['actions.start', { deviceId: device.id, kind: 'off' }]));
  });
});

describe('« Fin de journée » in Réglages', () => {
  const base: SettingsView = {
    values: { language: 'fr', theme: 'system', room: null, demoMode: false, displayMode: 'duplicate', confirmPowerOff: true, networkProbe: false, reminderTime: '16:45' },
    sources: { language: 'user', theme: 'default', room: 'default', demoMode: 'default', displayMode: 'default', confirmPowerOff: 'default', networkProbe: 'default', reminderTime: 'default' },
    resolvedLanguage: 'fr',
  };
  const echo = (input?: unknown) => ({ ok: true, value: { ...base, values: { ...base.values, ...(input as { patch: object }).patch } } });

  it('sets the reminder time', async () => {
    const api = fakeApi({ 'settings.set': echo });
    renderWithApp(<SettingsPage />, api);
    act(() => useStore.setState({ settings: base }));
    const time = screen.getByLabelText('Heure du rappel') as HTMLInputElement;
    expect(time.value).toBe('16:45');
    expect(time.type).toBe('time');
    fireEvent.change(time, { target: { value: '17:30' } });
    await waitFor(() => expect(api.calls).toContainEqual(['settings.set', { patch: { reminderTime: '17:30' } }]));
    await waitFor(() => expect((screen.getByLabelText('Heure du rappel') as HTMLInputElement).value).toBe('17:30'));
  });

  it('« Pas de rappel » turns it off (null); « À une heure précise » brings back the last time', async () => {
    const api = fakeApi({ 'settings.set': echo });
    renderWithApp(<SettingsPage />, api);
    act(() => useStore.setState({ settings: { ...base, values: { ...base.values, reminderTime: '16:15' } } }));
    fireEvent.click(screen.getByRole('radio', { name: 'Pas de rappel' }));
    await waitFor(() => expect(api.calls).toContainEqual(['settings.set', { patch: { reminderTime: null } }]));
    await waitFor(() => expect(screen.queryByLabelText('Heure du rappel')).toBeNull());
    fireEvent.click(screen.getByRole('radio', { name: 'À une heure précise' }));
    await waitFor(() => expect(api.calls).toContainEqual(['settings.set', { patch: { reminderTime: '16:15' } }]));
  });

  it('shows a locked time read-only with « Géré par votre service informatique »', () => {
    renderWithApp(<SettingsPage />);
    act(() => useStore.setState({ settings: { ...base, values: { ...base.values, reminderTime: '16:30' }, sources: { ...base.sources, reminderTime: 'locked' } } }));
    const section = screen.getByRole('region', { name: 'Fin de journée' });
    expect((within(section).getByLabelText('Heure du rappel') as HTMLInputElement).disabled).toBe(true);
    expect((within(section).getByRole('radio', { name: 'Pas de rappel' }) as HTMLInputElement).disabled).toBe(true);
    expect(within(section).getByText('Géré par votre service informatique')).toBeTruthy();
  });
});
