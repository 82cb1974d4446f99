import { describe, expect, it } from 'vitest';
import { DeviceRegistry, type DeviceChanges } from '../../../main/services/devices/registry';
import type { DeviceReport } from '../../../main/services/devices/report';
import { Device } from '../../../preload/contract/devices';

function setup(options: ConstructorParameters<typeof DeviceRegistry>[0] = {}) {
  let now = 1_000_000;
  const registry = new DeviceRegistry({ clock: () => now, ...options });
  const events: DeviceChanges[] = [];
  registry.on('changes', (c) => events.push(c));
  return {
    registry,
    events,
    advance: (ms: number) => {
      now += ms;
    },
    /** Flushes and returns what was emitted since the last call. */
    drain: () => {
      registry.flush();
      return events.splice(0);
    },
  };
}

const cast = (over: Partial<DeviceReport> = {}): DeviceReport => ({
  source: 'mdns',
  key: 'mdns:_googlecast._tcp:tv._googlecast._tcp.local',
  identity: { castId: '0123456789abcdef0123456789abcdef', host: 'tv-salle12.local', addresses: ['10.0.0.20'] },
  name: 'Écran salle 12',
  model: 'BRAVIA 4K',
  capabilities: ['googlecast'],
  endpoints: { googlecast: { port: 8009, castId: '0123456789abcdef0123456789abcdef', busy: false } },
  alive: true,
  ...over,
});

const srch = (mac: string, address: string): DeviceReport => ({
  source: 'pjlink-search',
  key: `pjlink-search:${mac}`,
  identity: { mac, addresses: [address] },
  capabilities: ['pjlink'],
  endpoints: { pjlink: { port: 4352, class: 2, authRequired: null } },
  alive: true,
});

describe('DeviceRegistry merge rules', () => {
  it('merges a Cast service and a PJLink search answer from the same address into one device', () => {
    const { registry } = setup();
    registry.report(cast());
    registry.report(srch('00:11:22:33:44:55', '10.0.0.20'));
    const list = registry.list();
    expect(list).toHaveLength(1);
    expect(list[0]!.capabilities).toEqual(['pjlink', 'googlecast']);
    expect(list[0]!.sources).toEqual(['mdns', 'pjlink-search']);
    expect(list[0]!.mac).toBe('00:11:22:33:44:55');
    // A PJLink device is a projector, even if it also casts.
    expect(list[0]!.kind).toBe('projector');
  });

  it('merges by MAC even when the address changed (DHCP)', () => {
    const { registry } = setup();
    registry.report(srch('AA-BB-CC-DD-EE-01', '10.0.0.30'));
    registry.report(srch('aa:bb:cc:dd:ee:01', '10.0.0.31'));
    const list = registry.list();
    expect(list).toHaveLength(1);
    expect(list[0]!.addresses).toEqual(['10.0.0.30', '10.0.0.31']);
  });

  it('merges by Cast id across address changes', () => {
    const { registry } = setup();
    registry.report(cast());
    registry.report(cast({ identity: { castId: '0123456789ABCDEF0123456789ABCDEF', addresses: ['10.0.0.99'] } }));
    expect(registry.list()).toHaveLength(1);
  });

  it('merges AirPlay and RAOP of the same receiver by AirPlay device id', () => {
    const { registry } = setup();
    registry.report({ source: 'mdns', key: 'a', identity: { airplayId: 'AA:BB:CC:00:11:22', addresses: ['10.0.0.40'] }, name: 'Apple TV', capabilities: ['airplay'], alive: true });
    registry.report({ source: 'mdns', key: 'b', identity: { airplayId: 'aabbcc001122', host: 'other.local' }, name: 'Apple TV', alive: true }, { enrichOnly: true });
    expect(registry.list()).toHaveLength(1);
    expect(registry.list()[0]!.host).toBe('10.0.0.40');
  });

  it('keeps two Cast receivers behind one address apart (their ids differ)', () => {
    const { registry } = setup();
    registry.report(cast());
    const other = 'ffffffffffffffffffffffffffffff01';
    registry.report(cast({ key: 'other', identity: { castId: other, addresses: ['10.0.0.20'] }, endpoints: { googlecast: { port: 8010, castId: other, busy: false } } }));
    expect(registry.list()).toHaveLength(2);
  });

  it('keeps two projectors with different MACs apart even if they report the same address', () => {
    const { registry } = setup();
    registry.report(srch('00:00:00:00:00:01', '10.0.0.50'));
    registry.report(srch('00:00:00:00:00:02', '10.0.0.50'));
    expect(registry.list()).toHaveLength(2);
  });

  it('joins two known devices into one when a report links them, and reports the other as removed', () => {
    const { registry, drain } = setup();
    const a = registry.report(cast());
    const b = registry.report(srch('00:11:22:33:44:66', '10.0.0.21'));
    drain();
    // The projector's info read gives both addresses: the same box.
    registry.report({ source: 'pjlink-search', key: 'pjlink-search:00:11:22:33:44:66', identity: { mac: '00:11:22:33:44:66', addresses: ['10.0.0.20'] }, alive: true });
    const changes = drain();
    expect(registry.list()).toHaveLength(1);
    // The MAC-based id is stronger than the Cast id: it survives.
    expect(registry.list()[0]!.id).toBe(b);
    expect(changes.flatMap((c) => c.removed)).toEqual([a]);
  });

  it('merges an inventory entry with what the network says about its host', () => {
    const { registry } = setup();
    registry.report({ source: 'inventory', key: 'inventory:vp12', identity: { inventoryId: 'vp12', host: '10.0.0.60' }, name: 'VPI salle 12', room: 'salle-12', kind: 'interactive-projector' });
    registry.report({ ...srch('00:11:22:33:44:77', '10.0.0.60'), name: 'EPSON-1234' });
    const [d] = registry.list();
    expect(registry.list()).toHaveLength(1);
    // IT's name and kind win over what the device says.
    expect(d!.name).toBe('VPI salle 12');
    expect(d!.kind).toBe('interactive-projector');
    expect(d!.room).toBe('salle-12');
    expect(d!.inInventory).toBe(true);
    expect(d!.id).toBe('inv:vp12');
  });

  it('ignores a report without any usable identity', () => {
    const { registry } = setup();
    expect(registry.report({ source: 'mdns', identity: { host: 'not a host!', addresses: ['999.1.1.1'], mac: 'zz' }, name: 'x' })).toBeNull();
    expect(registry.size).toBe(0);
  });

  it('does not create a device from an enrich-only report, but applies it when the device appears', () => {
    const { registry } = setup();
    expect(registry.report({ source: 'mdns', key: 'http', identity: { addresses: ['10.0.0.70'] }, model: 'EB-695Wi' }, { enrichOnly: true })).toBeNull();
    expect(registry.size).toBe(0);
    registry.report(srch('00:11:22:33:44:88', '10.0.0.70'));
    const [d] = registry.list();
    expect(d!.model).toBe('EB-695Wi');
    expect(d!.kind).toBe('interactive-projector');
    // An enrichment is not a source of its own.
    expect(d!.sources).toEqual(['pjlink-search']);
  });

  it('prefers the PJLink name over the Cast friendly name, and IT names over both', () => {
    const { registry } = setup();
    registry.report(cast());
    registry.report({ ...srch('00:11:22:33:44:99', '10.0.0.20'), name: 'VP-SALLE12' });
    expect(registry.list()[0]!.name).toBe('VP-SALLE12');
  });

  it('does not flap between two names of equal rank, and ranks a PJLink conversation above an mDNS instance name', () => {
    const { registry } = setup();
    const mdnsPjlink = (name: string): DeviceReport => ({ source: 'mdns', key: 'mdns:_pjlink._tcp:vp', identity: { addresses: ['10.0.0.30'] }, name, capabilities: ['pjlink'], alive: true });
    const display = (name: string): DeviceReport => ({ source: 'mdns', key: 'mdns:_display._tcp:vp', identity: { addresses: ['10.0.0.30'] }, name, capabilities: ['pjlink'], alive: true });
    registry.report(mdnsPjlink('VP (mDNS)'));
    registry.report(display('VP (Miracast)'));
    registry.report(mdnsPjlink('VP (mDNS)'));
    expect(registry.list()[0]!.name).toBe('VP (mDNS)');
    registry.report({ source: 'mdns', key: 'pjlink-info:10.0.0.30:4352', identity: { addresses: ['10.0.0.30'] }, name: 'VP salle 12', model: 'EB-W49', alive: true });
    registry.report(mdnsPjlink('VP (mDNS)'));
    expect(registry.list()[0]).toMatchObject({ name: 'VP salle 12', model: 'EB-W49', sources: ['mdns'] });
  });

  it('falls back to model, then host name, then address for the display name', () => {
    const { registry } = setup();
    registry.report(srch('00:11:22:33:44:aa', '10.0.0.80'));
    expect(registry.list()[0]!.name).toBe('10.0.0.80');
    registry.report({ source: 'mdns', key: 'h', identity: { host: 'epson-12.local', addresses: ['10.0.0.81'] }, capabilities: ['miracast'], alive: true });
    expect(registry.list().find((d) => d.addresses.includes('10.0.0.81'))!.name).toBe('epson-12');
  });
});

describe('DeviceRegistry sanitizing', () => {
  it('strips control characters and caps long names; keeps HTML as plain text', () => {
    const { registry } = setup();
    registry.report(cast({ name: 'Salle\u0000 12\u001b[31m\u202e <img src=x onerror=alert(1)>' }));
    registry.report({ ...srch('00:11:22:33:44:bb', '10.0.0.90'), name: 'é'.repeat(300), model: 'M\r\nodel' });
    const devices = registry.list();
    const a = devices.find((d) => d.capabilities.includes('googlecast'))!;
    expect(a.name).toBe('Salle 12 [31m <img src=x onerror=alert(1)>');
    const b = devices.find((d) => d.mac === '00:11:22:33:44:bb')!;
    expect(Array.from(b.name)).toHaveLength(80);
    expect(b.name.endsWith('…')).toBe(true);
    expect(b.model).toBe('M odel');
    for (const d of devices) expect(() => Device.parse(d)).not.toThrow();
  });

  it('drops identities that are not what they claim to be', () => {
    const { registry } = setup();
    registry.report({
      source: 'mdns',
      identity: { castId: '<script>', mac: '00:00:00:00:00:00', host: 'a b.local', addresses: ['10.0.0.1', 'javascript:alert(1)', '0.0.0.0'] },
      name: 'x',
      endpoints: { dlna: { location: 'javascript:alert(1)' }, googlecast: { port: 70000, castId: null, busy: false } },
      alive: true,
    });
    const [d] = registry.list();
    expect(d!.id).toBe('ip:10.0.0.1');
    expect(d!.mac).toBeNull();
    expect(d!.addresses).toEqual(['10.0.0.1']);
    expect(d!.endpoints).toEqual({});
  });

  it('produces devices that always satisfy the contract schema, whatever the input', () => {
    const { registry } = setup();
    const junk = ['', '\u0000'.repeat(50), 'x'.repeat(5000), '🙂'.repeat(300), '<b>', '%2ACKN'];
    let n = 0;
    for (const name of junk) {
      for (const model of junk) {
        registry.report({ source: 'mdns', key: `k${n}`, identity: { addresses: [`10.1.0.${++n}`], host: name }, name, model, maker: model, room: name, alive: true });
      }
    }
    for (const d of registry.list()) expect(Device.safeParse(d).success).toBe(true);
  });
});

describe('DeviceRegistry reachability and ageing', () => {
  it('marks a device offline after a goodbye, and online again when it comes back', () => {
    const { registry, drain } = setup();
    registry.report(cast());
    expect(drain()[0]!.added[0]!.reachability).toBe('online');
    registry.report(cast({ alive: false }));
    expect(drain()[0]!.changed[0]!.reachability).toBe('offline');
    registry.report(cast());
    expect(drain()[0]!.changed[0]!.reachability).toBe('online');
  });

  it('keeps a box online while one of its services is still alive', () => {
    const { registry } = setup();
    registry.report(cast());
    registry.report({ source: 'mdns', key: 'mdns:_airplay', identity: { addresses: ['10.0.0.20'], airplayId: 'aa:bb:cc:dd:ee:ff' }, capabilities: ['airplay'], alive: true });
    registry.report(cast({ alive: false }));
    expect(registry.list()[0]!.reachability).toBe('online');
  });

  it('shows "searching" for inventory devices not confirmed yet during a search, offline after', () => {
    const { registry } = setup();
    registry.setSearching(true);
    registry.report({ source: 'inventory', key: 'inventory:a', identity: { inventoryId: 'a', host: 'vp-a.ecole.local' }, name: 'VP A', room: 'r1', kind: 'projector' });
    expect(registry.list()[0]!.reachability).toBe('searching');
    registry.setSearching(false);
    expect(registry.list()[0]!.reachability).toBe('unknown');
    registry.report({ source: 'inventory', key: 'inventory:a', identity: { inventoryId: 'a' }, alive: false });
    expect(registry.list()[0]!.reachability).toBe('offline');
  });

  it('ages: stale → offline, long gone → removed; inventory devices are kept offline', () => {
    const { registry, drain, advance } = setup({ staleAfterMs: 60_000, removeAfterMs: 600_000 });
    registry.report(cast());
    registry.report({ source: 'inventory', key: 'inventory:vp', identity: { inventoryId: 'vp', host: '10.0.0.5' }, name: 'VP', room: 'r', kind: 'projector', alive: true });
    drain();
    advance(61_000);
    registry.sweep();
    const changed = drain().flatMap((c) => c.changed);
    expect(changed.map((d) => d.reachability)).toEqual(['offline', 'offline']);
    advance(600_000);
    registry.sweep();
    const removed = drain().flatMap((c) => c.removed);
    expect(removed).toHaveLength(1);
    expect(registry.list().map((d) => d.id)).toEqual(['inv:vp']);
    expect(registry.list()[0]!.reachability).toBe('offline');
  });

  it('keeps pinned (manual) devices when they stop answering', () => {
    const { registry, advance } = setup({ removeAfterMs: 1_000 });
    registry.report({ source: 'manual', key: 'manual:10.0.0.9', identity: { host: '10.0.0.9' }, alive: true }, { pin: true });
    advance(10_000);
    registry.sweep();
    expect(registry.list()).toHaveLength(1);
  });

  it('marks the devices matching a predicate as gone (interface down)', () => {
    const { registry } = setup();
    registry.report(cast());
    registry.report(srch('00:11:22:33:44:cc', '192.168.5.9'));
    expect(registry.markGone((d) => d.addresses.every((a) => a.startsWith('10.')))).toBe(1);
    const byAddress = Object.fromEntries(registry.list().map((d) => [d.addresses[0], d.reachability]));
    expect(byAddress).toEqual({ '10.0.0.20': 'offline', '192.168.5.9': 'online' });
  });

  it('forgets inventory status of entries the profile no longer lists', () => {
    const { registry } = setup();
    registry.report({ source: 'inventory', key: 'inventory:old', identity: { inventoryId: 'old', host: 'old.ecole.local' }, name: 'Old', room: 'r', kind: 'projector' });
    registry.report({ source: 'inventory', key: 'inventory:new', identity: { inventoryId: 'new', host: '10.0.0.7' }, name: 'New', room: 'r', kind: 'projector', alive: true });
    registry.retainInventory(['new']);
    expect(registry.list().map((d) => d.id)).toEqual(['inv:new']);
  });
});

describe('DeviceRegistry events and flood bounds', () => {
  it('coalesces many reports into few change events, each device once', async () => {
    const registry = new DeviceRegistry({ coalesceMs: 50 });
    const events: DeviceChanges[] = [];
    registry.on('changes', (c) => events.push(c));
    for (let i = 0; i < 2_000; i++) {
      registry.report({ source: 'mdns', key: `k${i}`, identity: { castId: i.toString(16).padStart(32, '0'), addresses: [`10.2.${i >> 8}.${i & 255}`] }, name: `TV ${i}`, alive: true });
      registry.report({ source: 'mdns', key: `k${i}`, identity: { castId: i.toString(16).padStart(32, '0') }, name: `TV ${i} bis`, alive: true });
    }
    await new Promise((r) => setTimeout(r, 120));
    expect(events.length).toBeLessThanOrEqual(2);
    const added = events.flatMap((e) => e.added);
    expect(added.length + events.flatMap((e) => e.changed).length).toBeLessThanOrEqual(1_000 + 1_000);
    expect(new Set(added.map((d) => d.id)).size).toBe(added.length);
    registry.stop();
  });

  it('under a sustained stream of reports, emits a short burst then at most one event per window', async () => {
    const registry = new DeviceRegistry({ coalesceMs: 50 });
    let events = 0;
    registry.on('changes', () => events++);
    const started = Date.now();
    for (let i = 0; Date.now() - started < 500; i++) {
      registry.report({ source: 'mdns', key: `k${i}`, identity: { castId: i.toString(16).padStart(32, '0'), addresses: [`10.4.${(i >> 8) & 255}.${i & 255}`] }, alive: true });
      await new Promise((r) => setTimeout(r, 2));
    }
    await new Promise((r) => setTimeout(r, 60));
    // 500 ms / 50 ms = 10 windows, + the burst of 3, + the last one.
    expect(events).toBeGreaterThanOrEqual(5);
    expect(events).toBeLessThanOrEqual(14);
    registry.stop();
  });

  it('never keeps more than maxDevices, dropping the oldest unpinned ones, never the inventory', () => {
    const { registry, advance } = setup({ maxDevices: 100 });
    registry.report({ source: 'inventory', key: 'inventory:vp', identity: { inventoryId: 'vp', host: '10.9.9.9' }, name: 'VP', room: 'r', kind: 'projector' });
    for (let i = 0; i < 2_000; i++) {
      advance(1);
      registry.report({ source: 'mdns', key: `k${i}`, identity: { castId: i.toString(16).padStart(32, '0'), addresses: ['10.0.0.20'] }, name: `TV ${i}`, alive: true });
    }
    expect(registry.size).toBe(100);
    expect(registry.evictedCount).toBe(1_901);
    const ids = registry.list().map((d) => d.id);
    expect(ids).toContain('inv:vp');
    expect(ids).toContain(`cast:${(1999).toString(16).padStart(32, '0')}`);
    expect(ids).not.toContain(`cast:${(0).toString(16).padStart(32, '0')}`);
  });

  it('bounds the identities kept for one device', () => {
    const { registry } = setup();
    for (let i = 0; i < 500; i++) registry.report({ ...srch('00:11:22:33:44:dd', `10.3.${i >> 8}.${i & 255}`) });
    const [d] = registry.list();
    expect(d!.addresses.length).toBeLessThanOrEqual(16);
    expect(d!.addresses).toContain('10.3.1.243');
  });

  it('a throwing listener does not break the registry', () => {
    const { registry } = setup();
    registry.on('changes', () => {
      throw new Error('listener bug');
    });
    registry.report(cast());
    expect(() => registry.flush()).not.toThrow();
    expect(registry.size).toBe(1);
  });
});

describe('forget', () => {
  it('removes matching devices at once, even pinned ones, and announces the removal', () => {
    const registry = new DeviceRegistry({ coalesceMs: 0 });
    const removed: string[] = [];
    registry.on('changes', (c) => removed.push(...c.removed));
    const pinned = registry.report({ source: 'manual', identity: { host: '10.0.0.9' }, name: 'VP', alive: true }, { pin: true })!;
    const other = registry.report({ source: 'mdns', identity: { castId: 'abcd', host: '10.0.0.10' }, name: 'Écran', alive: true })!;
    registry.flush();
    expect(registry.forget((d) => d.id === pinned)).toBe(1);
    registry.flush();
    expect(registry.get(pinned)).toBeUndefined();
    expect(registry.get(other)).toBeDefined();
    expect(removed).toEqual([pinned]);
  });
});
