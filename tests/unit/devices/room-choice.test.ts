import { describe, expect, it } from 'vitest';
import { chooseRoom, networkSignature, partitionByRoom } from '../../../main/services/devices/room-choice';
import type { Device, Room } from '../../../preload/contract/devices';

const rooms: Room[] = [
  { id: 'salle-11', name: 'Salle 11', school: 'École Jean Moulin', source: 'profile' },
  { id: 'salle-12', name: 'Salle 12', school: 'École Jean Moulin', source: 'profile' },
  { id: 'salle-13', name: 'Salle 13', school: 'École Jean Moulin', source: 'profile' },
];
const here = [{ address: '10.12.3.40', netmask: '255.255.255.0' }];
const net = networkSignature(here)!;

describe('chooseRoom', () => {
  it('uses the last choice made on this network first', () => {
    expect(
      chooseRoom({ rooms, addresses: here, network: net, lastChoices: { [net]: 'salle-13' }, subnetRules: [{ cidr: '10.12.3.0/24', room: 'salle-12' }], profileDefaultRoom: 'salle-11' }),
    ).toEqual({ kind: 'chosen', room: 'salle-13', reason: 'last-choice' });
  });

  it('ignores a remembered choice made on another network, or for a room that no longer exists', () => {
    expect(chooseRoom({ rooms, addresses: here, network: net, lastChoices: { 'other-net': 'salle-13' } })).toEqual({ kind: 'ask', rooms });
    expect(chooseRoom({ rooms, addresses: here, network: net, lastChoices: { [net]: 'salle-99' }, profileDefaultRoom: 'salle-11' })).toEqual({
      kind: 'chosen',
      room: 'salle-11',
      reason: 'profile-default',
    });
  });

  it('then the most specific subnet rule that contains the laptop', () => {
    expect(
      chooseRoom({
        rooms,
        addresses: here,
        subnetRules: [
          { cidr: '10.12.0.0/16', room: 'salle-11' },
          { cidr: '10.12.3.0/24', room: 'salle-12' },
          { cidr: 'garbage', room: 'salle-13' },
        ],
        profileDefaultRoom: 'salle-13',
      }),
    ).toEqual({ kind: 'chosen', room: 'salle-12', reason: 'subnet' });
  });

  it('then the profile default, then the only room, else asks', () => {
    expect(chooseRoom({ rooms, profileDefaultRoom: 'salle-11' })).toEqual({ kind: 'chosen', room: 'salle-11', reason: 'profile-default' });
    expect(chooseRoom({ rooms: [rooms[0]!] })).toEqual({ kind: 'chosen', room: 'salle-11', reason: 'only-room' });
    expect(chooseRoom({ rooms })).toEqual({ kind: 'ask', rooms });
    expect(chooseRoom({ rooms: [] })).toEqual({ kind: 'ask', rooms: [] });
  });
});

describe('networkSignature', () => {
  it('is the sorted set of subnets, independent of interface order and host address', () => {
    const a = networkSignature([
      { address: '192.168.1.20', netmask: '255.255.255.0' },
      { address: '10.12.3.40', netmask: '255.255.255.0' },
    ]);
    const b = networkSignature([
      { address: '10.12.3.41', netmask: '255.255.255.0' },
      { address: '192.168.1.99', netmask: '255.255.255.0' },
    ]);
    expect(a).toBe('10.12.3.0/24,192.168.1.0/24');
    expect(a).toBe(b);
  });

  it('tells two schools on the same private subnet apart by the gateway MAC', () => {
    expect(networkSignature(here, 'AA:BB:CC:00:00:01')).not.toBe(networkSignature(here, 'AA:BB:CC:00:00:02'));
    expect(networkSignature([])).toBeNull();
  });
});

describe('partitionByRoom', () => {
  const device = (id: string, room: string | null): Device => ({
    id,
    name: id,
    kind: 'projector',
    maker: null,
    model: null,
    room,
    host: null,
    addresses: [],
    mac: null,
    capabilities: [],
    sources: [],
    reachability: 'online',
    lastSeen: null,
    inInventory: room !== null,
    endpoints: {},
  });

  it('puts the room devices and the unattached ones in "Ma salle", the rest in "Autres salles" by room order', () => {
    const view = partitionByRoom([device('a', 'salle-12'), device('b', null), device('c', 'salle-13'), device('d', 'salle-11'), device('e', 'salle-13')], 'salle-12', rooms);
    expect(view.mine.map((d) => d.id)).toEqual(['a', 'b']);
    expect(view.others.map((o) => [o.room, o.devices.map((d) => d.id)])).toEqual([
      ['salle-11', ['d']],
      ['salle-13', ['c', 'e']],
    ]);
  });
});
