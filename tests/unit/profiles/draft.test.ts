import { describe, expect, it } from 'vitest';
import type { Device, Room } from '../../../preload/contract/devices';
import { buildProfileDraft } from '../../../main/services/profiles/draft';
import { Profile } from '../../../main/services/profiles/schema';
import { validateProfile } from '../../../main/services/profiles/validate';
import type { InventoryEntry } from '../../../main/services/devices/report';
import { smallProfile } from './fixtures';

function device(over: Partial<Device>): Device {
  return {
    id: 'dev',
    name: 'Appareil',
    kind: 'projector',
    maker: null,
    model: null,
    room: null,
    host: null,
    addresses: [],
    mac: null,
    capabilities: ['pjlink'],
    sources: ['pjlink-search'],
    reachability: 'online',
    lastSeen: 1,
    inInventory: false,
    endpoints: {},
    ...over,
  };
}

const rooms: Room[] = [
  { id: 'salle-1', name: 'Salle 1', school: 'École Molière', source: 'user' },
  { id: 'Salle des maîtres', name: 'Salle des maîtres', school: 'École Molière', source: 'discovered' },
  { id: 'demo', name: 'Salle de démonstration', school: null, source: 'demo' },
];

describe('profile draft from this laptop', () => {
  it('produces a valid profile with the known rooms and devices, without passwords by default', async () => {
    const passwords = { 'mac:aa:bb': 'pw-secret-1' };
    const result = await buildProfileDraft({
      rooms,
      devices: [
        device({ id: 'mac:aa:bb', name: 'Epson EB-680\u0007', room: 'salle-1', host: '10.0.0.21', endpoints: { pjlink: { port: 4352, class: 2, authRequired: true } } }),
        device({ id: 'cast:1', name: 'Écran salle des maîtres', kind: 'screen', room: 'Salle des maîtres', addresses: ['10.0.0.30'], capabilities: ['googlecast'], sources: ['mdns'] }),
        device({ id: 'odd', name: 'Sans salle', host: 'vp-odd.local', endpoints: { pjlink: { port: 14352, class: 1, authRequired: false } } }),
        device({ id: 'demo-vp', name: 'VP démo', host: '127.0.0.1', sources: ['demo'] }),
        device({ id: 'ghost', name: 'Sans adresse' }),
        device({ id: 'mystery', name: 'Inconnu', kind: 'unknown', host: '10.0.0.99', capabilities: ['dlna'] }),
        device({ id: 'dup', name: 'Même hôte', host: '10.0.0.21' }),
      ],
      passwordFor: async (q) => passwords[q.deviceId as keyof typeof passwords] ?? null,
    });
    expect(validateProfile(result.text).ok).toBe(true);
    expect(result.text).not.toContain('pw-secret-1');
    expect(result.passwordsIncluded).toBe(0);
    const school = result.profile.schools?.[0];
    expect(school?.name).toBe('École Molière');
    const byRoom = Object.fromEntries((result.profile.schools ?? []).flatMap((s) => s.rooms).map((r) => [r.id, r.devices.map((d) => d.id)]));
    expect(byRoom).toEqual({ 'salle-1': ['mac-aa-bb'], 'salle-des-maitres': ['cast-1'], 'a-classer': ['odd'] });
    const all = (result.profile.schools ?? []).flatMap((s) => s.rooms).flatMap((r) => r.devices);
    expect(all.find((d) => d.id === 'mac-aa-bb')).toMatchObject({ name: 'Epson EB-680', host: '10.0.0.21', kind: 'projector' });
    expect(all.find((d) => d.id === 'mac-aa-bb')?.pjlinkPort).toBeUndefined();
    expect(all.find((d) => d.id === 'odd')?.pjlinkPort).toBe(14352);
    expect(result.skipped.map((s) => [s.id, s.reason])).toEqual([
      ['demo-vp', 'demo'],
      ['ghost', 'no_address'],
      ['mystery', 'unknown_kind'],
      ['dup', 'duplicate_host'],
    ]);
  });

  it('includes the passwords it knows only when asked', async () => {
    const result = await buildProfileDraft({
      rooms,
      devices: [device({ id: 'vp1', room: 'salle-1', host: '10.0.0.21' }), device({ id: 'vp2', room: 'salle-1', host: '10.0.0.22' })],
      includePasswords: true,
      passwordFor: async (q) => (q.deviceId === 'vp1' ? 'pw-secret-1' : null),
    });
    expect(result.passwordsIncluded).toBe(1);
    expect(result.text).toContain('"pjlinkPassword": "pw-secret-1"');
    expect(validateProfile(result.text).ok).toBe(true);
  });

  it('keeps the organisation and policy of the profile in force, and accepts inventory entries', async () => {
    const current = Profile.parse(smallProfile((p) => ((p.features = { castingAllowed: false }), (p.settings = { locked: { room: 'salle-1' } }))));
    const inventory: InventoryEntry[] = [{ id: 'vp-1', room: 'salle-1', name: 'VP 1', host: '10.1.1.10', kind: 'projector', preferredInput: '31', displayMode: 'extend' }];
    const result = await buildProfileDraft({ rooms: [{ id: 'salle-1', name: 'Salle 1', school: null, source: 'profile' }], devices: inventory, current });
    expect(result.profile.organisation.name).toBe('Mairie test');
    expect(result.profile.features).toEqual({ castingAllowed: false });
    expect(result.profile.settings).toEqual({ locked: { room: 'salle-1' } });
    expect(result.profile.schools?.[0]?.name).toBe('École');
    expect(result.profile.schools?.[0]?.rooms[0]?.devices[0]).toEqual({ id: 'vp-1', name: 'VP 1', kind: 'projector', host: '10.1.1.10', preferredInput: '31', displayMode: 'extend' });
  });

  it('drops policy sections that would point to rooms no longer known', async () => {
    const current = Profile.parse(smallProfile((p) => (p.placement = { defaultRoom: 'salle-2' })));
    const result = await buildProfileDraft({ rooms: [{ id: 'salle-9', name: 'Salle 9', school: null, source: 'user' }], devices: [], current });
    expect(validateProfile(result.text).ok).toBe(true);
    expect(result.profile.placement).toBeUndefined();
    expect(result.profile.organisation.name).toBe('Mairie test');
  });

  it('is valid with nothing known (placeholder organisation to complete)', async () => {
    const result = await buildProfileDraft({ rooms: [], devices: [] });
    expect(validateProfile(result.text).ok).toBe(true);
    expect(result.profile.schools).toEqual([]);
  });
});
