/**
 * What a discovery source tells the registry about something it saw. Sources only *report*; the
 * registry (registry.ts) merges reports into Devices (same MAC, Cast id, AirPlay id or host → one
 * device), sanitizes every string, ages devices out and emits changes.
 */
import type { Capability, DeviceKind, DiscoverySource, Endpoints } from '../../../preload/contract/devices';

export interface DeviceReport {
  source: DiscoverySource;
  /**
   * What this report is a sign of life of, e.g. "mdns:_googlecast._tcp:<instance fqdn>" or
   * "pjlink-search:<mac>". A device stays online while one of its keys is alive, so a goodbye for one
   * service (alive: false) does not take down a box that still answers on another. Default: the source.
   */
  key?: string;
  /** Identities this source knows; any of them may link the report to an existing device. */
  identity: {
    mac?: string | null;
    castId?: string | null;
    airplayId?: string | null;
    /** Inventory entry id (IT profile) or demo device id. */
    inventoryId?: string | null;
    /** DLNA UDN. */
    udn?: string | null;
    host?: string | null;
    addresses?: string[];
  };
  name?: string | null;
  kind?: DeviceKind;
  maker?: string | null;
  model?: string | null;
  room?: string | null;
  capabilities?: Capability[];
  endpoints?: Partial<Endpoints>;
  /** true: the device answered now; false: the source saw it go away (goodbye, refused); undefined: no news. */
  alive?: boolean;
}

/** An IT inventory entry (the profile's rooms → devices), known before any packet is sent. */
export interface InventoryEntry {
  id: string;
  room: string;
  name: string;
  host: string;
  kind: DeviceKind;
  pjlinkPort?: number;
  /** Code ("31") or name ("HDMI 1") of the input "Afficher mon écran" selects. */
  preferredInput?: string | null;
  displayMode?: 'duplicate' | 'extend' | null;
}
