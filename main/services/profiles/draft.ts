/**
 * "Exporter un profil depuis ce poste" (IT mode): the rooms and devices this laptop knows, as a profile
 * draft IT can complete, sign and deploy. The draft always validates. Passwords are left out unless
 * explicitly asked for (and then only those the lookup knows).
 */
import type { Device, Room } from '../../../preload/contract/devices';
import { sanitizeName } from '../core/sanitize';
import type { InventoryEntry } from '../devices/report';
import type { PjlinkPasswordQuery } from '../secrets/pjlink-passwords';
import { isHost, PROFILE_LIMITS, PROFILE_SCHEMA_VERSION, ProfileId, type Organisation, type Profile, type ProfileDevice } from './schema';
import { validateProfile } from './validate';

export interface DraftOptions {
  rooms: readonly Room[];
  /** Devices from the registry (contract Device) or inventory entries. */
  devices: readonly (Device | InventoryEntry)[];
  /** The profile in force, if any: its organisation, school names, features and settings are kept. */
  current?: Profile | null;
  /** Organisation to use when there is no profile in force. */
  organisation?: Organisation;
  includePasswords?: boolean;
  passwordFor?: (query: PjlinkPasswordQuery) => Promise<string | null>;
  /** School name for rooms that have none (default "École"). */
  defaultSchoolName?: string;
}

export interface DraftResult {
  profile: Profile;
  /** Pretty JSON, ready to save as profile.json. */
  text: string;
  skipped: { id: string; name: string; reason: 'no_address' | 'unknown_kind' | 'demo' | 'duplicate_host' | 'room_full' }[];
  passwordsIncluded: number;
}

const UNSORTED_ROOM = { id: 'a-classer', name: 'À classer' };
const PLACEHOLDER_ORGANISATION: Organisation = {
  $comment: 'À compléter : nom et coordonnées du service informatique.',
  name: 'Organisation à compléter',
  contact: { email: 'informatique@example.org' },
};

export function slugId(text: string, fallback = 'x'): string {
  const slug = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .replace(/-+$/, '')
    .slice(0, PROFILE_LIMITS.id);
  return slug === '' ? fallback : slug;
}

function validId(id: string): boolean {
  return ProfileId.safeParse(id).success;
}

function uniqueId(base: string, taken: Set<string>): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base.slice(0, PROFILE_LIMITS.id - String(n).length - 1)}-${n}`;
  taken.add(id);
  return id;
}

function isDevice(d: Device | InventoryEntry): d is Device {
  return 'sources' in d;
}

interface Candidate {
  id: string;
  inventoryId: string | null;
  name: string;
  room: string | null;
  host: string | null;
  addresses: readonly string[];
  kind: Device['kind'];
  pjlinkPort: number | null;
  preferredInput: string | null;
  displayMode: 'duplicate' | 'extend' | null;
  demo: boolean;
  pjlink: boolean;
}

function toCandidate(d: Device | InventoryEntry): Candidate {
  if (isDevice(d)) {
    return {
      id: d.id,
      inventoryId: null,
      name: d.name,
      room: d.room,
      host: d.host,
      addresses: d.addresses,
      kind: d.kind,
      pjlinkPort: d.endpoints.pjlink?.port ?? null,
      preferredInput: null,
      displayMode: null,
      demo: d.sources.length > 0 && d.sources.every((s) => s === 'demo'),
      pjlink: d.capabilities.includes('pjlink'),
    };
  }
  return {
    id: d.id,
    inventoryId: d.id,
    name: d.name,
    room: d.room,
    host: d.host,
    addresses: [],
    kind: d.kind,
    pjlinkPort: d.pjlinkPort ?? null,
    preferredInput: d.preferredInput ?? null,
    displayMode: d.displayMode ?? null,
    demo: false,
    pjlink: true,
  };
}

export async function buildProfileDraft(options: DraftOptions): Promise<DraftResult> {
  const skipped: DraftResult['skipped'] = [];
  const roomIds = new Set<string>();
  const schoolIds = new Set<string>();
  const deviceIds = new Set<string>();
  const hosts = new Set<string>();
  const currentSchoolOf = new Map<string, string>();
  for (const school of options.current?.schools ?? []) for (const room of school.rooms) currentSchoolOf.set(room.id, school.name);

  // Rooms, grouped by school name.
  const schools = new Map<string, { id: string; name: string; rooms: { id: string; name: string; devices: ProfileDevice[] }[] }>();
  const roomById = new Map<string, { id: string; name: string; devices: ProfileDevice[] }>();
  const addRoom = (sourceId: string, name: string, schoolName: string) => {
    const school = schools.get(schoolName) ?? { id: uniqueId(slugId(schoolName, 'ecole'), schoolIds), name: schoolName, rooms: [] };
    schools.set(schoolName, school);
    const room = { id: uniqueId(validId(sourceId) ? sourceId : slugId(sourceId || name, 'salle'), roomIds), name: sanitizeName(name) || sourceId, devices: [] as ProfileDevice[] };
    school.rooms.push(room);
    roomById.set(sourceId, room);
    return room;
  };
  const defaultSchool = sanitizeName(options.defaultSchoolName ?? '') || 'École';
  for (const room of options.rooms) {
    if (room.source === 'demo' || roomById.has(room.id)) continue;
    addRoom(room.id, room.name, sanitizeName(room.school ?? '') || currentSchoolOf.get(room.id) || defaultSchool);
  }

  let passwordsIncluded = 0;
  for (const raw of options.devices) {
    const d = toCandidate(raw);
    const name = sanitizeName(d.name) || d.host || d.id;
    if (d.demo) {
      skipped.push({ id: d.id, name, reason: 'demo' });
      continue;
    }
    const host = [d.host, ...d.addresses].find((h): h is string => typeof h === 'string' && isHost(h));
    if (!host) {
      skipped.push({ id: d.id, name, reason: 'no_address' });
      continue;
    }
    const kind = d.kind === 'unknown' ? (d.pjlink ? 'projector' : null) : d.kind;
    if (!kind) {
      skipped.push({ id: d.id, name, reason: 'unknown_kind' });
      continue;
    }
    const hostKey = host.toLowerCase().replace(/\.$/, '');
    if (hosts.has(hostKey)) {
      skipped.push({ id: d.id, name, reason: 'duplicate_host' });
      continue;
    }
    const room = (d.room !== null ? roomById.get(d.room) : undefined) ?? roomById.get(UNSORTED_ROOM.id) ?? addRoom(UNSORTED_ROOM.id, UNSORTED_ROOM.name, defaultSchool);
    if (room.devices.length >= PROFILE_LIMITS.devicesPerRoom) {
      skipped.push({ id: d.id, name, reason: 'room_full' });
      continue;
    }
    hosts.add(hostKey);
    const device: ProfileDevice = {
      id: uniqueId(validId(d.id) ? d.id : slugId(d.id, 'appareil'), deviceIds),
      name,
      kind,
      host,
    };
    if (d.pjlinkPort !== null && d.pjlinkPort !== 4352) device.pjlinkPort = d.pjlinkPort;
    if (d.preferredInput) device.preferredInput = d.preferredInput.slice(0, PROFILE_LIMITS.preferredInput);
    if (d.displayMode) device.displayMode = d.displayMode;
    if (options.includePasswords && options.passwordFor) {
      const password = await options.passwordFor({ deviceId: d.id, inventoryId: d.inventoryId, host: d.host, addresses: d.addresses });
      if (password && /^[\x21-\x7e]{1,32}$/.test(password)) {
        device.pjlinkPassword = password;
        passwordsIncluded++;
      }
    }
    room.devices.push(device);
  }

  const base: Profile = {
    $schema: './profile.schema.json',
    schemaVersion: PROFILE_SCHEMA_VERSION,
    organisation: options.current?.organisation ?? options.organisation ?? PLACEHOLDER_ORGANISATION,
    schools: [...schools.values()],
  };
  // Keep the policy sections of the profile in force when they still make sense with these rooms.
  const extras: Partial<Profile> = {};
  if (options.current?.features) extras.features = options.current.features;
  if (options.current?.settings) extras.settings = options.current.settings;
  if (options.current?.placement) extras.placement = options.current.placement;
  if (options.current?.updates) extras.updates = options.current.updates;
  if (options.current?.guides) extras.guides = options.current.guides;

  for (const candidate of [{ ...base, ...extras }, base]) {
    const text = JSON.stringify(candidate, null, 2) + '\n';
    const validation = validateProfile(text, { origin: 'managed' });
    if (validation.ok) return { profile: validation.profile, text, skipped, passwordsIncluded };
  }
  // Cannot happen with the rules above; say so loudly rather than export an invalid file.
  throw new Error('profile draft does not validate');
}
