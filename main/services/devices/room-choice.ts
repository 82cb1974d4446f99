/**
 * Which room is "Ma salle". Pure functions: the caller gathers the facts (rooms and rules from the IT
 * profile, the laptop's IPv4 interfaces, the choices remembered per network) and stores the answer.
 *
 * Order, most specific first:
 *  1. what the teacher chose last time on *this* network (a laptop of a mobile cart goes from room to
 *     room; each room's network remembers its own answer), if that room still exists;
 *  2. the profile's subnet rules (the laptop's address is in the room's subnet);
 *  3. the profile's default room for this laptop;
 *  4. the only room there is;
 *  5. otherwise: ask.
 * "Autres salles" lists the devices attached to the other rooms.
 */
import type { Device, Room } from '../../../preload/contract/devices';
import { inSubnet, ipv4ToNumber, netmaskToPrefix, numberToIpv4, prefixToMask } from './identity';

export interface SubnetRule {
  /** "10.12.3.0/24" */
  cidr: string;
  room: string;
}

export interface LocalAddress {
  address: string;
  netmask: string;
}

export interface RoomChoiceInput {
  rooms: Room[];
  profileDefaultRoom?: string | null;
  subnetRules?: SubnetRule[];
  /** The laptop's active IPv4 interfaces. */
  addresses?: LocalAddress[];
  /** Signature of the current network (see networkSignature), null when offline. */
  network?: string | null;
  /** Remembered choices: network signature → room id. */
  lastChoices?: Record<string, string>;
}

export type RoomChoice =
  | { kind: 'chosen'; room: string; reason: 'last-choice' | 'subnet' | 'profile-default' | 'only-room' }
  | { kind: 'ask'; rooms: Room[] };

function parseCidr(cidr: string): { network: string; prefix: number } | null {
  const m = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(cidr.trim());
  if (!m) return null;
  const prefix = Number(m[2]);
  if (prefix > 32 || Number.isNaN(ipv4ToNumber(m[1]!))) return null;
  return { network: m[1]!, prefix };
}

export function chooseRoom(input: RoomChoiceInput): RoomChoice {
  const known = new Set(input.rooms.map((r) => r.id));
  const network = input.network ?? null;
  const last = network ? input.lastChoices?.[network] : undefined;
  if (last && known.has(last)) return { kind: 'chosen', room: last, reason: 'last-choice' };

  // The most specific subnet rule (longest prefix) that contains one of the laptop's addresses.
  let best: { room: string; prefix: number } | null = null;
  for (const rule of input.subnetRules ?? []) {
    const cidr = parseCidr(rule.cidr);
    if (!cidr || !known.has(rule.room)) continue;
    for (const a of input.addresses ?? []) {
      if (inSubnet(a.address, cidr.network, cidr.prefix) && (!best || cidr.prefix > best.prefix)) best = { room: rule.room, prefix: cidr.prefix };
    }
  }
  if (best) return { kind: 'chosen', room: best.room, reason: 'subnet' };

  const def = input.profileDefaultRoom;
  if (def && known.has(def)) return { kind: 'chosen', room: def, reason: 'profile-default' };
  if (input.rooms.length === 1) return { kind: 'chosen', room: input.rooms[0]!.id, reason: 'only-room' };
  return { kind: 'ask', rooms: input.rooms };
}

/**
 * A stable name for "the network this laptop is on": its IPv4 subnets (and the default gateway's MAC
 * when the caller knows it, which tells two schools using the same 192.168.1.0/24 apart). Sorted, so
 * the order of interfaces does not matter. null when there is no network.
 */
export function networkSignature(addresses: LocalAddress[], gatewayMac?: string | null): string | null {
  const subnets = new Set<string>();
  for (const a of addresses) {
    const prefix = netmaskToPrefix(a.netmask);
    const n = ipv4ToNumber(a.address);
    if (prefix < 0 || Number.isNaN(n)) continue;
    subnets.add(`${numberToIpv4((n & prefixToMask(prefix)) >>> 0)}/${prefix}`);
  }
  if (subnets.size === 0) return null;
  const parts = [...subnets].sort();
  if (gatewayMac) parts.push(`gw=${gatewayMac.toLowerCase()}`);
  return parts.join(',');
}

export interface RoomView {
  /** Devices of the chosen room, plus devices attached to no room (what is on the local network). */
  mine: Device[];
  /** "Autres salles": the other rooms' devices, by room id, in the rooms' order. */
  others: { room: string; devices: Device[] }[];
}

export function partitionByRoom(devices: Device[], room: string | null, rooms: Room[] = []): RoomView {
  const mine: Device[] = [];
  const byRoom = new Map<string, Device[]>();
  for (const d of devices) {
    if (d.room === null || d.room === room) mine.push(d);
    else {
      let list = byRoom.get(d.room);
      if (!list) byRoom.set(d.room, (list = []));
      list.push(d);
    }
  }
  const order = rooms.map((r) => r.id);
  const others = [...byRoom.entries()]
    .sort(([a], [b]) => {
      const ia = order.indexOf(a);
      const ib = order.indexOf(b);
      return (ia < 0 ? Infinity : ia) - (ib < 0 ? Infinity : ib) || a.localeCompare(b);
    })
    .map(([r, list]) => ({ room: r, devices: list }));
  return { mine, others };
}
