import { z } from 'zod';
import { LIMITS } from './common';

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
