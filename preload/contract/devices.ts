import { z } from 'zod';
import { channel, LIMITS, NoInput } from './common';

/**
 * The device model the UI sees: one Device per physical box, merged from every discovery source by the
 * registry (main/services/devices). No source-specific object and no secret (PJLink passwords stay in
 * main) ever crosses the contract.
 */
export const DeviceKind = z.enum(['projector', 'interactive-projector', 'screen', 'cast-receiver', 'unknown']);
export type DeviceKind = z.infer<typeof DeviceKind>;

export const Capability = z.enum(['pjlink', 'googlecast', 'airplay', 'miracast', 'dlna']);
export type Capability = z.infer<typeof Capability>;

export const DiscoverySource = z.enum(['mdns', 'pjlink-search', 'probe', 'inventory', 'manual', 'ssdp', 'demo']);
export type DiscoverySource = z.infer<typeof DiscoverySource>;

/** en ligne / hors ligne / recherche… / inconnu */
export const Reachability = z.enum(['online', 'offline', 'searching', 'unknown']);
export type Reachability = z.infer<typeof Reachability>;

const Host = z.string().max(LIMITS.host);
const Port = z.number().int().min(1).max(65535);

export const Endpoints = z.strictObject({
  pjlink: z.strictObject({ port: Port, class: z.union([z.literal(1), z.literal(2)]).nullable(), authRequired: z.boolean().nullable() }).optional(),
  googlecast: z.strictObject({ port: Port, castId: z.string().max(LIMITS.id).nullable(), busy: z.boolean() }).optional(),
  airplay: z.strictObject({ port: Port, deviceId: z.string().max(LIMITS.id).nullable() }).optional(),
  miracast: z.strictObject({ port: Port }).optional(),
  dlna: z.strictObject({ location: z.string().max(LIMITS.path) }).optional(),
});
export type Endpoints = z.infer<typeof Endpoints>;

export const Device = z.strictObject({
  /** Stable id (derived from the strongest identity: MAC, Cast id, AirPlay id, inventory id, host). */
  id: z.string().min(1).max(LIMITS.id),
  /** Display name, sanitized (control characters stripped, length capped); shown as text only. */
  name: z.string().max(LIMITS.name),
  kind: DeviceKind,
  maker: z.string().max(LIMITS.name).nullable(),
  model: z.string().max(LIMITS.name).nullable(),
  /** Room id, or null when the device is not attached to a room. */
  room: z.string().max(LIMITS.id).nullable(),
  host: Host.nullable(),
  addresses: z.array(z.string().max(64)).max(16),
  mac: z.string().max(32).nullable(),
  capabilities: z.array(Capability).max(8),
  sources: z.array(DiscoverySource).max(8),
  reachability: Reachability,
  /** Epoch milliseconds of the last sign of life, null if never seen. */
  lastSeen: z.number().nullable(),
  /** Listed by the IT profile (kept when offline). */
  inInventory: z.boolean(),
  endpoints: Endpoints,
});
export type Device = z.infer<typeof Device>;

export const Room = z.strictObject({
  id: z.string().min(1).max(LIMITS.id),
  name: z.string().max(LIMITS.name),
  school: z.string().max(LIMITS.name).nullable(),
  source: z.enum(['profile', 'demo', 'user', 'discovered']),
});
export type Room = z.infer<typeof Room>;

/** Where the discovery stands, for the scanning indicator ("Recherche…") and "Chercher plus loin". */
export const SourceState = z.enum(['idle', 'running', 'done', 'error', 'off']);
export const ScanState = z.strictObject({
  scanning: z.boolean(),
  startedAt: z.number().nullable(),
  /** No usable network interface: the home screen says so instead of searching in vain. */
  problem: z.enum(['no-network']).nullable(),
  sources: z.strictObject({
    mdns: SourceState,
    pjlinkSearch: SourceState,
    probe: SourceState,
    inventory: SourceState,
    ssdp: SourceState,
  }),
});
export type ScanState = z.infer<typeof ScanState>;

/** How the current room was chosen (shown discreetly: "salle choisie par le service informatique"). */
export const RoomChoice = z.enum(['profile', 'subnet', 'remembered', 'user', 'demo', 'ask']);
export type RoomChoice = z.infer<typeof RoomChoice>;

export const DeviceList = z.strictObject({
  devices: z.array(Device).max(LIMITS.list),
  rooms: z.array(Room).max(1000),
  currentRoom: z.string().max(LIMITS.id).nullable(),
  roomChoice: RoomChoice,
  scan: ScanState,
});
export type DeviceList = z.infer<typeof DeviceList>;

/** A batch of registry changes (coalesced so that a flood of announcements stays cheap for the UI). */
export const DevicesChanged = z.strictObject({
  upserted: z.array(Device).max(LIMITS.list),
  removed: z.array(z.string().max(LIMITS.id)).max(LIMITS.list),
});
export type DevicesChanged = z.infer<typeof DevicesChanged>;

export const RoomsChanged = z.strictObject({
  rooms: z.array(Room).max(1000),
  currentRoom: z.string().max(LIMITS.id).nullable(),
  roomChoice: RoomChoice,
});
export type RoomsChanged = z.infer<typeof RoomsChanged>;

const DeviceId = z.string().min(1).max(LIMITS.id);

export const devicesChannels = {
  'devices.list': channel(NoInput, DeviceList, [undefined]),
  /** Search again now; `probe` also sweeps the local network for PJLink projectors ("Chercher plus loin"). */
  'devices.refresh': channel(z.strictObject({ probe: z.boolean().optional() }), ScanState, [{}, { probe: true }]),
  /** A host name or IPv4 address typed by a teacher or IT ("Ajouter un appareil"). */
  'devices.add': channel(
    z.strictObject({ host: z.string().trim().min(1).max(LIMITS.host), name: z.string().trim().max(80).optional() }),
    Device,
    [{ host: '10.0.12.40' }, { host: 'vp-salle12.ecole.local', name: 'VP salle 12' }],
  ),
  /** Forget a device added by hand or found on the network (IT inventory devices stay). */
  'devices.remove': channel(z.strictObject({ id: DeviceId }), z.strictObject({ removed: z.boolean() }), [{ id: 'host:10.0.12.40' }]),
  'devices.chooseRoom': channel(z.strictObject({ room: z.string().min(1).max(LIMITS.id).nullable() }), RoomsChanged, [{ room: 'salle-12' }, { room: null }]),
};

export const devicesEvents = {
  'devices.changed': DevicesChanged,
  'devices.scan': ScanState,
  'devices.rooms': RoomsChanged,
};
