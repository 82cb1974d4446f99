import { describe, expect, it } from 'vitest';
import { derivePolicy, resolveFeatures, resolvePlacement, summarizeProfile, toInventory, toRooms } from '../../../main/services/profiles/layering';
import { Profile } from '../../../main/services/profiles/schema';
import { SettingsService } from '../../../main/services/settings/settings-service';
import { MemorySettingsStore } from '../../../main/services/settings/store';
import { silentLogger } from '../../../main/services/core/logger';
import { smallProfile, type Json } from './fixtures';

const parse = (p: Json) => Profile.parse(p);
const none = { room: null, via: 'none' as const, cidr: null };

async function settingsWith(user: Record<string, unknown> = {}) {
  const service = new SettingsService(new MemorySettingsStore(user), 'fr-FR', silentLogger);
  await service.init();
  return service;
}

describe('layering: defaults < recommended < user < locked', () => {
  const profile = parse(
    smallProfile((p) => {
      p.settings = { recommended: { theme: 'dark', displayMode: 'extend', confirmPowerOff: false }, locked: { confirmPowerOff: true, language: 'fr' } };
    }),
  );

  it('applies recommended values over defaults, user values over recommended, locked over everything', async () => {
    const settings = await settingsWith({ displayMode: 'duplicate', language: 'en', confirmPowerOff: false });
    settings.setPolicy(derivePolicy(profile, none));
    const view = settings.view();
    expect(view.values.theme).toBe('dark');
    expect(view.sources.theme).toBe('recommended');
    expect(view.values.displayMode).toBe('duplicate');
    expect(view.sources.displayMode).toBe('user');
    expect(view.values.confirmPowerOff).toBe(true);
    expect(view.sources.confirmPowerOff).toBe('locked');
    expect(view.values.language).toBe('fr');
    expect(view.sources.language).toBe('locked');
    expect(view.values.demoMode).toBe(false);
    expect(view.sources.demoMode).toBe('default');
  });

  it('refuses to change a locked setting and accepts the others', async () => {
    const settings = await settingsWith();
    settings.setPolicy(derivePolicy(profile, none));
    await expect(settings.set({ confirmPowerOff: false })).rejects.toMatchObject({ code: 'settings.locked' });
    await expect(settings.reset('language')).rejects.toMatchObject({ code: 'settings.locked' });
    const view = await settings.set({ theme: 'light' });
    expect(view.values.theme).toBe('light');
    expect(view.sources.theme).toBe('user');
  });

  it('drops every profile layer when the profile goes away', async () => {
    const settings = await settingsWith();
    settings.setPolicy(derivePolicy(profile, none));
    settings.setPolicy(derivePolicy(null, none));
    expect(Object.values(settings.view().sources).every((s) => s === 'default')).toBe(true);
  });

  it('turns forbidding features into locks', () => {
    const policy = derivePolicy(parse(smallProfile((p) => (p.features = { networkProbeAllowed: false, demoModeVisible: false, language: 'en' }))), none);
    expect(policy.locked).toEqual({ networkProbe: false, demoMode: false, language: 'en' });
  });

  it('resolves features with defaults', () => {
    expect(resolveFeatures(null)).toEqual({
      powerOffAllowed: true,
      networkProbeAllowed: true,
      castingAllowed: true,
      demoModeVisible: true,
      language: 'choice',
      autoUpdate: null,
      presentationSites: ['lumni.fr', '*.lumni.fr', '*.education.gouv.fr'],
    });
    const f = resolveFeatures(parse(smallProfile((p) => ((p.features = { powerOffAllowed: false, castingAllowed: false }), (p.updates = { autoUpdate: false })))));
    expect(f).toMatchObject({ powerOffAllowed: false, castingAllowed: false, networkProbeAllowed: true, autoUpdate: false, presentationSites: ['lumni.fr', '*.lumni.fr', '*.education.gouv.fr'] });
  });

  it('takes the allowed presentation sites from the profile; an empty list forbids every web page', () => {
    expect(resolveFeatures(parse(smallProfile((p) => (p.features = { presentationSites: ['www.lumni.fr', '*.ac-montpellier.fr'] })))).presentationSites).toEqual([
      'www.lumni.fr',
      '*.ac-montpellier.fr',
    ]);
    expect(resolveFeatures(parse(smallProfile((p) => (p.features = { presentationSites: [] })))).presentationSites).toEqual([]);
  });

  it('hands out copies: changing the features of one call does not change the defaults', () => {
    resolveFeatures(null).presentationSites.push('www.youtube.com');
    expect(resolveFeatures(null).presentationSites).not.toContain('www.youtube.com');
  });
});

describe('placement: the room of this laptop', () => {
  const profile = parse(
    smallProfile((p) => {
      p.placement = {
        defaultRoom: 'salle-2',
        subnets: [
          { cidr: '10.1.1.0/24', room: 'salle-1' },
          { cidr: 'fd00:12::/64', room: 'salle-2' },
        ],
      };
    }),
  );

  it('uses the first subnet rule containing one of the addresses', () => {
    expect(resolvePlacement(profile, ['192.168.0.4', '10.1.1.57'])).toEqual({ room: 'salle-1', via: 'subnet', cidr: '10.1.1.0/24' });
    expect(resolvePlacement(profile, ['fd00:12::99'])).toMatchObject({ room: 'salle-2', via: 'subnet' });
  });

  it('falls back to the default room, then to none', () => {
    expect(resolvePlacement(profile, ['172.16.0.2'])).toEqual({ room: 'salle-2', via: 'default', cidr: null });
    expect(resolvePlacement(parse(smallProfile()), ['10.1.1.57'])).toEqual(none);
  });

  it('recommends the room (the teacher may choose another unless it is locked)', async () => {
    const settings = await settingsWith({ room: 'salle-2' });
    settings.setPolicy(derivePolicy(profile, resolvePlacement(profile, ['10.1.1.57'])));
    expect(settings.view().values.room).toBe('salle-2');
    expect(settings.view().sources.room).toBe('user');
    const locked = parse(smallProfile((p) => (p.settings = { locked: { room: 'salle-1' } })));
    settings.setPolicy(derivePolicy(locked, none));
    expect(settings.view().values.room).toBe('salle-1');
    expect(settings.view().sources.room).toBe('locked');
  });
});

describe('what other services see', () => {
  const profile = parse(smallProfile());

  it('lists inventory entries and rooms without any password', () => {
    const inventory = toInventory(profile);
    expect(inventory).toEqual([
      { id: 'vp-1', room: 'salle-1', name: 'VP 1', host: '10.1.1.10', kind: 'projector', preferredInput: null, displayMode: null },
      { id: 'vp-2', room: 'salle-2', name: 'VP 2', host: 'vp-2.ecole.lan', kind: 'projector', preferredInput: null, displayMode: null },
    ]);
    expect(toRooms(profile)).toEqual([
      { id: 'salle-1', name: 'Salle 1', school: 'École', source: 'profile' },
      { id: 'salle-2', name: 'Salle 2', school: 'École', source: 'profile' },
    ]);
    const summary = summarizeProfile(profile, none);
    expect(JSON.stringify([inventory, summary])).not.toContain('secret-vp');
    expect(summary.schools[0]?.rooms[0]?.devices[0]?.hasPassword).toBe(true);
  });
});
