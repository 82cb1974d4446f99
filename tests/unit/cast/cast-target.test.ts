import { describe, expect, it } from 'vitest';
import type { Device } from '../../../preload/contract/devices';
import { castTargetsFromDevice, resolveCastTarget } from '../../../main/services/cast/cast-target';
import { localAddressOnSubnet } from '../../../main/services/cast/local-address';

function device(patch: Partial<Device>): Device {
  return {
    id: 'd1',
    name: 'Écran salle 12',
    kind: 'screen',
    maker: null,
    model: null,
    room: null,
    host: '10.0.5.20',
    addresses: ['10.0.5.20'],
    mac: null,
    capabilities: [],
    sources: ['mdns'],
    reachability: 'online',
    lastSeen: 1,
    inInventory: false,
    endpoints: {},
    ...patch,
  };
}

const tv = device({
  id: 'tv',
  name: 'TV CM2',
  capabilities: ['googlecast', 'dlna'],
  endpoints: { googlecast: { port: 8009, castId: 'abc', busy: true }, dlna: { location: 'http://10.0.5.21:7676/desc.xml' } },
});
const renderer = device({ id: 'r', name: 'Écran Salle 12', host: null, addresses: [], capabilities: ['dlna'], endpoints: { dlna: { location: 'http://10.0.5.30:49494/description.xml' } } });
const projector = device({ id: 'vp', name: 'Vidéoprojecteur', host: '10.0.5.40', addresses: ['10.0.5.40'], capabilities: ['pjlink'], endpoints: { pjlink: { port: 4352, class: 1, authRequired: false } } });

describe('castTargetsFromDevice', () => {
  it('offers Google Cast first, then DLNA on the description’s host', () => {
    expect(castTargetsFromDevice(tv)).toEqual([
      { key: 'tv', name: 'TV CM2', protocol: 'googlecast', host: '10.0.5.20', port: 8009, busy: true },
      { key: 'tv', name: 'TV CM2', protocol: 'dlna', host: '10.0.5.21', location: 'http://10.0.5.21:7676/desc.xml' },
    ]);
  });

  it('offers nothing for a projector without casting', () => {
    expect(castTargetsFromDevice(projector)).toEqual([]);
  });
});

describe('resolveCastTarget (--to)', () => {
  const devices = [tv, renderer, projector];

  it('matches an id, a name without accents or case, or a host', () => {
    expect(resolveCastTarget('tv', devices)).toMatchObject({ ok: true, target: { key: 'tv', protocol: 'googlecast' } });
    expect(resolveCastTarget('  ecran salle 12 ', devices)).toMatchObject({ ok: true, target: { key: 'r', protocol: 'dlna', host: '10.0.5.30' } });
    expect(resolveCastTarget('10.0.5.20', devices)).toMatchObject({ ok: true, target: { key: 'tv' } });
  });

  it('honours a preferred protocol', () => {
    expect(resolveCastTarget('tv', devices, 'dlna')).toMatchObject({ ok: true, target: { protocol: 'dlna' } });
  });

  it('accepts host:port (Cast) and a description URL (DLNA) for receivers not in the registry', () => {
    expect(resolveCastTarget('10.9.9.9:8009', devices)).toEqual({ ok: true, target: { key: 'googlecast:10.9.9.9:8009', name: '10.9.9.9', protocol: 'googlecast', host: '10.9.9.9', port: 8009 } });
    expect(resolveCastTarget('http://10.9.9.8:49494/description.xml', devices)).toEqual({
      ok: true,
      target: { key: 'dlna:http://10.9.9.8:49494/description.xml', name: '10.9.9.8', protocol: 'dlna', host: '10.9.9.8', location: 'http://10.9.9.8:49494/description.xml' },
    });
    // A known renderer's URL keeps the device's key (one session per device).
    expect(resolveCastTarget('http://10.0.5.30:49494/description.xml', devices)).toMatchObject({ ok: true, target: { key: 'r', name: 'Écran Salle 12' } });
  });

  it('says why nothing matched', () => {
    expect(resolveCastTarget('Tableau', devices)).toEqual({ ok: false, reason: 'unknown', candidates: [] });
    expect(resolveCastTarget('vidéoprojecteur', devices)).toEqual({ ok: false, reason: 'unsupported', candidates: ['vp'] });
    const twins = [renderer, { ...renderer, id: 'r2' }];
    expect(resolveCastTarget('Écran salle 12', twins)).toEqual({ ok: false, reason: 'ambiguous', candidates: ['r', 'r2'] });
  });
});

describe('localAddressOnSubnet', () => {
  const table = {
    lo: [{ address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', mac: '', internal: true, cidr: '127.0.0.1/8' }],
    wlan0: [
      { address: '192.168.1.23', netmask: '255.255.255.0', family: 'IPv4', mac: '', internal: false, cidr: '' },
      { address: 'fe80::1', netmask: 'ffff:ffff:ffff:ffff::', family: 'IPv6', mac: '', internal: false, cidr: '', scopeid: 3 },
    ],
    eth0: [{ address: '10.20.0.5', netmask: '255.255.0.0', family: 'IPv4', mac: '', internal: false, cidr: '' }],
    tun0: [{ address: '10.20.30.2', netmask: '255.255.255.0', family: 'IPv4', mac: '', internal: false, cidr: '' }],
  } as unknown as Parameters<typeof localAddressOnSubnet>[1];

  it('picks the interface on the receiver’s subnet, the most specific one first', () => {
    expect(localAddressOnSubnet('192.168.1.50', table)).toBe('192.168.1.23');
    expect(localAddressOnSubnet('10.20.7.7', table)).toBe('10.20.0.5');
    expect(localAddressOnSubnet('10.20.30.40', table)).toBe('10.20.30.2');
    expect(localAddressOnSubnet('127.0.0.1', table)).toBe('127.0.0.1');
  });

  it('returns null off-subnet or for non-IPv4 receivers', () => {
    expect(localAddressOnSubnet('172.16.0.1', table)).toBeNull();
    expect(localAddressOnSubnet('fe80::2', table)).toBeNull();
    expect(localAddressOnSubnet('salle12.local', table)).toBeNull();
  });
});
