/**
 * What a validated profile means for the rest of the app, as pure functions:
 *  - the settings policy (recommended and locked layers) handed to SettingsService.setPolicy(), so the
 *    effective settings are defaults < recommended < user < locked;
 *  - the features other services check (power off, probe, casting, demo, language, updates, the web
 *    pages that may be presented);
 *  - the laptop's room from subnet rules;
 *  - the inventory and rooms for discovery and the UI, without any password.
 */
import { BlockList, isIP } from 'node:net';
import type { NetworkInterfaceInfo } from 'node:os';
import type { Room } from '../../../preload/contract/devices';
import { SETTING_KEYS, type Settings } from '../../../preload/contract/settings';
import type { InventoryEntry } from '../devices/report';
import { DEFAULT_PRESENTATION_SITES } from '../display/presentation-url';
import type { SettingsPolicy } from '../settings/settings-service';
import type { GuidePack, Profile, ProfileDevice, ProfileSettingsLayer } from './schema';
import type { ProfileFeatures, ProfileSummary } from './status';

export const DEFAULT_FEATURES: ProfileFeatures = {
  powerOffAllowed: true,
  networkProbeAllowed: true,
  castingAllowed: true,
  demoModeVisible: true,
  language: 'choice',
  autoUpdate: null,
  presentationSites: [...DEFAULT_PRESENTATION_SITES],
};

export function resolveFeatures(profile: Profile | null): ProfileFeatures {
  if (!profile) return { ...DEFAULT_FEATURES, presentationSites: [...DEFAULT_FEATURES.presentationSites] };
  const f = profile.features ?? {};
  return {
    powerOffAllowed: f.powerOffAllowed ?? DEFAULT_FEATURES.powerOffAllowed,
    networkProbeAllowed: f.networkProbeAllowed ?? DEFAULT_FEATURES.networkProbeAllowed,
    castingAllowed: f.castingAllowed ?? DEFAULT_FEATURES.castingAllowed,
    demoModeVisible: f.demoModeVisible ?? DEFAULT_FEATURES.demoModeVisible,
    language: f.language ?? DEFAULT_FEATURES.language,
    autoUpdate: profile.updates?.autoUpdate ?? null,
    // An empty list is a choice (no web page at all), not an absence: only a missing key gets the defaults.
    presentationSites: [...(f.presentationSites ?? DEFAULT_FEATURES.presentationSites)],
  };
}

/** The laptop's own addresses (IPv4 and IPv6, without loopback), from os.networkInterfaces(). */
export function laptopAddresses(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>): string[] {
  const out: string[] = [];
  for (const list of Object.values(interfaces)) {
    for (const info of list ?? []) {
      if (info.internal) continue;
      out.push(info.address.replace(/%.*$/, ''));
    }
  }
  return out;
}

export interface Placement {
  room: string | null;
  via: 'subnet' | 'default' | 'none';
  /** The matching rule, when via = subnet. */
  cidr: string | null;
}

/** First subnet rule containing one of the addresses; else placement.defaultRoom; else none. */
export function resolvePlacement(profile: Profile | null, addresses: readonly string[]): Placement {
  const rules = profile?.placement?.subnets ?? [];
  for (const rule of rules) {
    const slash = rule.cidr.indexOf('/');
    const network = rule.cidr.slice(0, slash);
    const prefix = Number(rule.cidr.slice(slash + 1));
    const family = isIP(network) === 6 ? 'ipv6' : 'ipv4';
    const list = new BlockList();
    try {
      list.addSubnet(network, prefix, family);
    } catch {
      continue; // validated already; a rule Node cannot represent is skipped rather than crashing
    }
    for (const address of addresses) {
      const addrFamily = isIP(address);
      if (addrFamily === 0 || (addrFamily === 6) !== (family === 'ipv6')) continue;
      if (list.check(address, family)) return { room: rule.room, via: 'subnet', cidr: rule.cidr };
    }
  }
  const fallback = profile?.placement?.defaultRoom ?? null;
  return fallback ? { room: fallback, via: 'default', cidr: null } : { room: null, via: 'none', cidr: null };
}

function pickSettings(layer: ProfileSettingsLayer | undefined): Partial<Settings> {
  const out: Partial<Settings> = {};
  if (!layer) return out;
  for (const key of SETTING_KEYS) {
    if (layer[key] !== undefined) (out as Record<string, unknown>)[key] = layer[key];
  }
  return out;
}

/**
 * The settings layers. Features that forbid something also lock the matching setting, so Réglages
 * shows it read-only with "Géré par votre service informatique" instead of a switch that does nothing.
 * The room found by placement is a recommendation: the teacher can still choose another room, unless
 * IT locks settings.room.
 */
export function derivePolicy(profile: Profile | null, placement: Placement): SettingsPolicy {
  if (!profile) return { recommended: {}, locked: {} };
  const recommended = pickSettings(profile.settings?.recommended);
  const locked = pickSettings(profile.settings?.locked);
  if (placement.room !== null && (placement.via === 'subnet' || recommended.room === undefined)) recommended.room = placement.room;
  const f = profile.features;
  if (f?.language === 'fr' || f?.language === 'en') locked.language = f.language;
  if (f?.networkProbeAllowed === false) locked.networkProbe = false;
  if (f?.demoModeVisible === false) locked.demoMode = false;
  return { recommended, locked };
}

function* devicesOf(profile: Profile): Generator<{ schoolName: string; roomId: string; device: ProfileDevice }> {
  for (const school of profile.schools ?? []) {
    for (const room of school.rooms) for (const device of room.devices) yield { schoolName: school.name, roomId: room.id, device };
  }
}

/** The profile's devices for the inventory discovery source. No password here. */
export function toInventory(profile: Profile | null): InventoryEntry[] {
  if (!profile) return [];
  return [...devicesOf(profile)].map(({ roomId, device }) => ({
    id: device.id,
    room: roomId,
    name: device.name,
    host: device.host,
    kind: device.kind,
    ...(device.pjlinkPort !== undefined ? { pjlinkPort: device.pjlinkPort } : {}),
    preferredInput: device.preferredInput ?? null,
    displayMode: device.displayMode ?? null,
  }));
}

export function toRooms(profile: Profile | null): Room[] {
  if (!profile) return [];
  return (profile.schools ?? []).flatMap((school) => school.rooms.map((room) => ({ id: room.id, name: room.name, school: school.name, source: 'profile' as const })));
}

/** Device id → password, host → password (hosts lower-cased, without a trailing dot). */
export function profilePasswords(profile: Profile | null): { byId: Map<string, string>; byHost: Map<string, string> } {
  const byId = new Map<string, string>();
  const byHost = new Map<string, string>();
  if (!profile) return { byId, byHost };
  for (const { device } of devicesOf(profile)) {
    if (!device.pjlinkPassword) continue;
    byId.set(device.id, device.pjlinkPassword);
    byHost.set(normalizeHost(device.host), device.pjlinkPassword);
  }
  return { byId, byHost };
}

export function normalizeHost(host: string): string {
  return host.trim().toLowerCase().replace(/\.$/, '').replace(/^\[(.*)\]$/, '$1');
}

export function guidePacksOf(profile: Profile | null): GuidePack[] {
  return profile?.guides?.packs ?? [];
}

/** What the UI may see of the profile: everything but the passwords (and annotations). */
export function summarizeProfile(profile: Profile, placement: Placement): ProfileSummary {
  const policy = derivePolicy(profile, placement);
  const c = profile.organisation.contact;
  return {
    organisation: {
      name: profile.organisation.name,
      contact: { name: c.name ?? null, phone: c.phone ?? null, email: c.email ?? null, helpUrl: c.helpUrl ?? null, hours: c.hours ?? null },
    },
    schools: (profile.schools ?? []).map((school) => ({
      id: school.id,
      name: school.name,
      rooms: school.rooms.map((room) => ({
        id: room.id,
        name: room.name,
        devices: room.devices.map((d) => ({
          id: d.id,
          name: d.name,
          kind: d.kind,
          host: d.host,
          pjlinkPort: d.pjlinkPort ?? null,
          hasPassword: d.pjlinkPassword !== undefined,
          preferredInput: d.preferredInput ?? null,
          displayMode: d.displayMode ?? null,
        })),
      })),
    })),
    features: resolveFeatures(profile),
    recommendedKeys: SETTING_KEYS.filter((k) => k in policy.recommended),
    lockedKeys: SETTING_KEYS.filter((k) => k in policy.locked),
    placement: { room: placement.room, via: placement.via },
    guidePacks: guidePacksOf(profile).length,
  };
}
