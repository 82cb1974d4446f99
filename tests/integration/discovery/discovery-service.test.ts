/**
 * DiscoveryService with real sockets on loopback: PJLink search, info reads, faulty devices, the
 * inventory, manual add, the opt-in sweep and an interface going away. (mDNS runs in the lab tests,
 * against a real Avahi.)
 */
import type { NetworkInterfaceInfo } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { DeviceRegistry } from '../../../main/services/devices/registry';
import { DiscoveryService, type DiscoveryState } from '../../../main/services/discovery/discovery-service';
import type { InventoryEntry } from '../../../main/services/devices/report';
import { isServiceError } from '../../../main/services/core/errors';
import type { Device } from '../../../preload/contract/devices';
import { startPjlinkResponder, type FakeProjector } from '../../support/pjlink-responder';
import { ProjectorManager } from '../../../main/services/pjlink/manager';
import { createProjectorInfoReader } from '../../../main/services/pjlink/info-reader';

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

const loopback = (): NodeJS.Dict<NetworkInterfaceInfo[]> => ({
  'lo-test': [{ address: '127.0.0.1', netmask: '255.255.255.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: false, cidr: '127.0.0.1/24' }],
});

const resolver = async (host: string) => {
  if (/^127\./.test(host)) return [host];
  if (host === 'vp12.ecole.test') return ['127.0.0.51'];
  throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
};

async function setup(devices: FakeProjector[], options: Partial<ConstructorParameters<typeof DiscoveryService>[0]> = {}) {
  const responder = await startPjlinkResponder({ devices, udpPort: 0, tcpPort: 0 });
  closers.push(() => responder.close());
  // The app's PJLink client reads the details, as in the devices module.
  const manager = new ProjectorManager({ connection: { connectTimeoutMs: 1_000, commandTimeoutMs: 1_000 } });
  closers.push(() => manager.dispose());
  const registry = new DeviceRegistry({ coalesceMs: 20 });
  let lister = loopback;
  const service = new DiscoveryService({
    registry,
    mdns: false,
    pjlinkSearch: { port: responder.udpPort, bindPort: null },
    pjlinkTcpPort: responder.tcpPort,
    readProjectorInfo: createProjectorInfoReader(manager, { timeoutMs: 1_500 }),
    listInterfaces: () => lister(),
    interfacePollMs: 100,
    scanWindowMs: 800,
    searchBurstMs: [0, 300],
    infoTimeoutMs: 1_000,
    resolveHost: resolver,
    ...options,
  });
  closers.push(async () => {
    await service.stop();
    registry.stop();
  });
  const states: DiscoveryState[] = [];
  service.on('state', (s) => states.push(s));
  return {
    service,
    registry,
    responder,
    states,
    setInterfaces: (fn: () => NodeJS.Dict<NetworkInterfaceInfo[]>) => {
      lister = fn;
    },
    byAddress: (address: string): Device | undefined => registry.list().find((d) => d.addresses.includes(address)),
  };
}

describe('DiscoveryService (loopback)', () => {
  it('is "searching" from the first millisecond, finds class-2 projectors with their names, then ends the round', async () => {
    const { service, registry, states, byAddress } = await setup([
      { address: '127.0.0.11', mac: '00:11:22:33:44:11', name: 'VP salle 12', maker: 'EPSON', model: 'EB-695Wi', inputs: [{ code: '31', name: 'HDMI 1' }, { code: '55', name: 'Whiteboard' }] },
      { address: '127.0.0.12', mac: '00:11:22:33:44:12', name: 'VP salle 13', maker: 'BenQ', model: 'MW560' },
    ]);
    const started = service.start();
    expect(service.state().searching).toBe(true);
    expect(states[0]?.searching).toBe(true);
    await started;
    await service.refresh();
    expect(service.state().searching).toBe(false);
    const a = byAddress('127.0.0.11')!;
    expect(a).toMatchObject({ name: 'VP salle 12', maker: 'EPSON', model: 'EB-695Wi', kind: 'interactive-projector', mac: '00:11:22:33:44:11', reachability: 'online' });
    expect(a.endpoints.pjlink).toMatchObject({ class: 2, authRequired: false });
    expect(byAddress('127.0.0.12')).toMatchObject({ name: 'VP salle 13', kind: 'projector' });
    expect(registry.size).toBe(2);
    const last = states.at(-1)!;
    expect(last.sources['pjlink-search']).toMatchObject({ state: 'done', found: 2 });
    expect(last.interfaces).toEqual([{ name: 'lo-test', address: '127.0.0.1', prefix: 24 }]);
  });

  it('keeps a device that answers the search but refuses TCP, and one that accepts TCP and never speaks', async () => {
    const { service, byAddress } = await setup([
      { address: '127.0.0.21', mac: '00:11:22:33:44:21', tcp: 'refuse' },
      { address: '127.0.0.22', mac: '00:11:22:33:44:22', tcp: 'silent' },
      { address: '127.0.0.23', mac: '00:11:22:33:44:23', name: 'OK' },
    ]);
    await service.start();
    await service.refresh();
    expect(byAddress('127.0.0.21')).toMatchObject({ name: '127.0.0.21', mac: '00:11:22:33:44:21', capabilities: ['pjlink'], reachability: 'online' });
    expect(byAddress('127.0.0.22')).toMatchObject({ name: '127.0.0.22', mac: '00:11:22:33:44:22', reachability: 'online' });
    expect(byAddress('127.0.0.23')!.name).toBe('OK');
  });

  it('takes search answers handed over by whoever holds UDP 4352 (the PJLink notification listener)', async () => {
    const { service, byAddress } = await setup([{ address: '127.0.0.25', mac: '00:11:22:33:44:25', name: 'VP relayé', udpReply: 'none' }]);
    await service.start();
    service.acceptPjlinkDatagram(Buffer.from('%2LKUP=00:11:22:33:44:25\r'), { address: '127.0.0.25', port: 4352 });
    await service.refresh();
    expect(byAddress('127.0.0.25')).toMatchObject({ name: 'VP relayé', mac: '00:11:22:33:44:25', sources: ['pjlink-search'] });
  });

  it('knows inventory devices before any packet, then marks each reachable or not', async () => {
    const inventory: InventoryEntry[] = [
      { id: 'vp12', room: 'salle-12', name: 'VPI salle 12', host: 'vp12.ecole.test', kind: 'interactive-projector' },
      { id: 'vp13', room: 'salle-13', name: 'VP salle 13', host: 'vp13.ecole.test', kind: 'projector' },
    ];
    const { service, registry } = await setup([{ address: '127.0.0.51', mac: '00:11:22:33:44:51', name: 'EPSON-XYZ', udpReply: 'none' }], { inventory, pjlinkSearch: false });
    void service.start();
    registry.flush();
    expect(registry.list().map((d) => [d.id, d.reachability])).toEqual([
      ['inv:vp13', 'searching'],
      ['inv:vp12', 'searching'],
    ]);
    await service.refresh();
    const byId = Object.fromEntries(registry.list().map((d) => [d.id, d]));
    expect(byId['inv:vp12']).toMatchObject({ name: 'VPI salle 12', room: 'salle-12', reachability: 'online', inInventory: true, addresses: ['127.0.0.51'], model: null });
    expect(byId['inv:vp12']!.endpoints.pjlink?.authRequired).toBe(false);
    expect(byId['inv:vp13']).toMatchObject({ reachability: 'offline', inInventory: true });
    expect(service.state().sources.inventory).toMatchObject({ state: 'done', done: 2, total: 2, found: 1 });
  });

  it('adds a host typed by a teacher, with clear errors for a typo or an unknown name', async () => {
    const { service, registry } = await setup([{ address: '127.0.0.61', mac: '00:11:22:33:44:61', name: 'Projecteur CM1', udpReply: 'none' }], { pjlinkSearch: false });
    await service.start();
    const device = await service.addManual(' 127.0.0.61 ');
    expect(device).toMatchObject({ name: 'Projecteur CM1', host: '127.0.0.61', sources: ['manual'], reachability: 'online', capabilities: ['pjlink'] });
    const error = await service.addManual('10.0.0').catch((e: unknown) => e);
    expect(isServiceError(error) && error.code).toBe('devices.invalid_address');
    const missing = await service.addManual('vp99.ecole.test').catch((e: unknown) => e);
    expect(isServiceError(missing) && missing.code).toBe('devices.host_not_found');
    expect(isServiceError(missing) && missing.guide).toBe('guide:contact-it');
    // A box where nothing speaks PJLink is still added: it answered (a refusal), so it is there,
    // without the PJLink capability.
    const other = await service.addManual('127.0.0.62');
    expect(other).toMatchObject({ reachability: 'online', capabilities: [], sources: ['manual'] });
    expect(registry.list().some((d) => d.host === '127.0.0.62')).toBe(true);
  });

  it('finds a PJLink projector that does not answer the search with the opt-in sweep', async () => {
    const { service, byAddress, states } = await setup([{ address: '127.0.0.71', mac: '00:11:22:33:44:71', name: 'Vieux VP', pjlinkClass: 1, udpReply: 'none' }], {
      probeOptions: { concurrency: 32, connectTimeoutMs: 500, greetingTimeoutMs: 500 },
    });
    await service.start();
    await service.refresh();
    expect(byAddress('127.0.0.71')).toBeUndefined();
    await service.refresh({ probe: true });
    expect(byAddress('127.0.0.71')).toMatchObject({ name: 'Vieux VP', sources: ['probe'], endpoints: { pjlink: { class: 1 } } });
    const probe = states.map((s) => s.sources.probe).filter((p) => p.state !== 'off');
    expect(probe.at(-1)).toMatchObject({ state: 'done', done: 253, total: 253, found: 1 });
  });

  it('handles the interface going away during a scan: no crash, devices offline, "no-network" state', async () => {
    const { service, setInterfaces, byAddress } = await setup([{ address: '127.0.0.81', mac: '00:11:22:33:44:81', name: 'VP', replyDelayMs: 50 }], { scanWindowMs: 1_500 });
    await service.start();
    const round = service.refresh();
    await new Promise((r) => setTimeout(r, 400));
    expect(byAddress('127.0.0.81')?.reachability).toBe('online');
    setInterfaces(() => ({}));
    await new Promise((r) => setTimeout(r, 300));
    expect(service.state().problem).toBe('no-network');
    expect(service.state().interfaces).toEqual([]);
    expect(byAddress('127.0.0.81')?.reachability).toBe('offline');
    setInterfaces(loopback);
    await round;
    await service.refresh();
    expect(service.state().problem).toBeNull();
    expect(byAddress('127.0.0.81')?.reachability).toBe('online');
  });

  it('stops cleanly even in the middle of a round, and can start again', async () => {
    const { service, registry } = await setup([{ address: '127.0.0.91', mac: '00:11:22:33:44:91', tcp: 'silent' }], { scanWindowMs: 2_000 });
    await service.start();
    const round = service.refresh();
    await service.stop();
    await round;
    expect(service.state()).toMatchObject({ running: false, searching: false });
    await service.start();
    await service.refresh();
    expect(registry.list().some((d) => d.mac === '00:11:22:33:44:91')).toBe(true);
  });
});
