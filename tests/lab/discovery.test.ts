/**
 * Discovery against real peers: a real avahi-daemon in the room namespace publishing Cast, AirPlay
 * (+ RAOP), Miracast (_display._tcp) and PJLink services from boxes of their own, PJLink class-2
 * projector simulators answering %2SRCH (plus a test responder's box that refuses TCP), malformed mDNS packets, a device switched on after the
 * scan began and its goodbye. Discovery runs in the teacher namespace, through the same
 * runScanCommand as `classe scan --json`, with the default interface filter.
 */
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLabPrerequisites, createLab, waitForOutput, type AvahiDaemon, type AvahiService, type Lab } from './harness/lab';
import type { Device } from '../../preload/contract/devices';
import type { FakeProjector } from '../support/pjlink-responder';
import { onJsonLines } from './support/json-lines';
import type { RunnerConfig } from './support/simulator-runner';

const HTML_NAME = '<img src=x onerror=alert(1)>';
// A TXT string holds at most 255 bytes: "fn=" + this is 250, for a 245-character name.
const LONG_FN = `Écran de la salle polyvalente\t${'tres '.repeat(43)}`;
const CAST_ID = '5f1e2d3c4b5a69788796a5b4c3d2e1f0';

let lab: Lab;
let avahi: AvahiDaemon;
let runner: ChildProcess;
const devices = new Map<string, Device>();
const lines: string[] = [];
let stderr = '';

function find(predicate: (d: Device) => boolean): Device | undefined {
  return [...devices.values()].find(predicate);
}

async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (runner.exitCode !== null) throw new Error(`discovery runner exited (${runner.exitCode}) while waiting for ${what}:\n${stderr.slice(-2000)}`);
    if (Date.now() > end) {
      throw new Error(`timed out waiting for ${what}; devices seen:\n${[...devices.values()].map((d) => `  ${d.name} ${d.addresses.join(',')} ${d.sources.join(',')} ${d.reachability}`).join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  await checkLabPrerequisites(['avahi-daemon']);
  lab = await createLab({ extraRoomHosts: [11, 12, 13, 14, 15, 16, 17, 18] });
  const ip = (n: number) => `${lab.prefix}.${n}`;

  // Real projector simulators (class 2, answering the search from their own address)…
  const simulators: RunnerConfig = {
    broadcast: lab.broadcast,
    projectors: [
      { preset: 'interactive', host: ip(14), mac: '02:00:00:00:00:14', name: 'VPI salle 12', manufacturer: 'EPSON', model: 'EB-695Wi' },
      { preset: 'standard', host: ip(15), mac: '02:00:00:00:00:15', name: 'VP salle 13', manufacturer: 'BenQ', model: 'MW560', responseDelayMs: 100 },
    ],
  };
  const sims = lab.spawnTs(lab.roomNs, 'tests/lab/support/simulator-runner.ts', [JSON.stringify(simulators)]);
  await waitForOutput(sims, /simulators ready/, 20_000, 'projector simulators');
  // …and, from the minimal test responder, the faulty box the simulator does not play: it answers the
  // search (to UDP 4352 only) but refuses TCP.
  const faulty: FakeProjector[] = [{ address: ip(16), mac: '02:00:00:00:00:16', tcp: 'refuse', udpReply: 'fixed-port', replyDelayMs: 300 }];
  const responder = lab.spawnTs(lab.roomNs, 'tests/support/pjlink-responder-main.ts', [JSON.stringify({ devices: faulty, udpBindAddress: lab.broadcast })]);
  await waitForOutput(responder, /pjlink-responder ready/, 20_000, 'PJLink responder');

  const services: AvahiService[] = [
    { name: 'Chromecast-salle-12', type: '_googlecast._tcp', port: 8009, hostName: 'tv12.local', txt: [`id=${CAST_ID}`, 'fn=Écran salle 12 — près du tableau', 'md=BRAVIA 4K VH2', 'ca=4101', 'st=0'] },
    { name: HTML_NAME, type: '_airplay._tcp', port: 7000, hostName: 'appletv.local', txt: ['deviceid=02:AA:BB:00:00:12', 'model=AppleTV6,2', 'features=0x5A7FFFF7,0x1E'] },
    { name: `02AABB000012@${HTML_NAME}`, type: '_raop._tcp', port: 7000, hostName: 'appletv.local', txt: ['am=AppleTV6,2'] },
    { name: 'Écran Miracast CM2', type: '_display._tcp', port: 7250, hostName: 'miracast.local', txt: ['container_id={9d1b2c3d-0000-4000-8000-00000000cm02}'] },
    { name: 'VPI salle 12 (mDNS)', type: '_pjlink._tcp', port: 4352, hostName: 'vpi12.local', txt: ['class=2'] },
    { name: 'Chromecast-long', type: '_googlecast._tcp', port: 8009, hostName: 'long.local', txt: ['id=00000000000000000000000000000017', `fn=${LONG_FN}`, 'md=Chromecast', 'ca=4101'] },
  ];
  avahi = await lab.startAvahi(services, {
    hosts: [
      { name: 'tv12.local', address: ip(11) },
      { name: 'appletv.local', address: ip(12) },
      { name: 'miracast.local', address: ip(13) },
      { name: 'vpi12.local', address: ip(14) },
      { name: 'long.local', address: ip(17) },
      { name: 'late.local', address: ip(18) },
    ],
  });

  runner = lab.spawnTs(lab.teacherNs, 'tests/lab/support/discovery-runner.ts', ['--timeout', '0']);
  onJsonLines<{ type: string; device?: Device; id?: string }>(
    runner.stdout!,
    (event) => {
      lines.push(JSON.stringify(event));
      if ((event.type === 'found' || event.type === 'updated') && event.device) devices.set(event.device.id, event.device);
      if (event.type === 'lost' && event.id) devices.delete(event.id);
    },
    (line) => lines.push(line),
  );
  runner.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
}, 120_000);

afterAll(async () => {
  await lab?.close();
});

describe('discovery in the lab (real Avahi, PJLink class-2 devices)', () => {
  it('finds every advertised and every searching device, merged one per box', async () => {
    const ip = (n: number) => `${lab.prefix}.${n}`;
    const cast = await waitFor('the Cast screen', () => find((d) => d.addresses.includes(ip(11))));
    expect(cast).toMatchObject({ name: 'Écran salle 12 — près du tableau', kind: 'screen', model: 'BRAVIA 4K VH2', capabilities: ['googlecast'], sources: ['mdns'], reachability: 'online' });
    expect(cast.endpoints.googlecast).toEqual({ port: 8009, castId: CAST_ID, busy: false });

    const apple = await waitFor('the AirPlay receiver', () => find((d) => d.addresses.includes(ip(12))));
    // The HTML is a name like any other: kept as text, never interpreted (the UI renders text only).
    expect(apple).toMatchObject({ name: HTML_NAME, kind: 'cast-receiver', maker: 'Apple', model: 'AppleTV6,2', capabilities: ['airplay'] });
    expect(apple.endpoints.airplay).toEqual({ port: 7000, deviceId: '02:aa:bb:00:00:12' });

    const miracast = await waitFor('the Miracast screen', () => find((d) => d.addresses.includes(ip(13))));
    expect(miracast).toMatchObject({ name: 'Écran Miracast CM2', kind: 'screen', capabilities: ['miracast'] });

    // Advertised over mDNS *and* answering the search: one device, named by PJLink.
    const vpi = await waitFor('the interactive projector with its PJLink name', () => find((d) => d.addresses.includes(ip(14)) && d.sources.length === 2 && d.model !== null));
    expect(vpi).toMatchObject({ name: 'VPI salle 12', kind: 'interactive-projector', maker: 'EPSON', model: 'EB-695Wi', mac: '02:00:00:00:00:14', sources: ['mdns', 'pjlink-search'] });
    expect(vpi.endpoints.pjlink).toEqual({ port: 4352, class: 2, authRequired: false });

    const vp13 = await waitFor('the projector that only answers the search', () => find((d) => d.addresses.includes(ip(15)) && d.model !== null));
    expect(vp13).toMatchObject({ name: 'VP salle 13', kind: 'projector', sources: ['pjlink-search'] });

    // Answers %2SRCH (to UDP 4352) but refuses TCP: still listed, known by its address and MAC.
    const refusing = await waitFor('the projector that refuses TCP', () => find((d) => d.addresses.includes(ip(16))));
    expect(refusing).toMatchObject({ name: ip(16), mac: '02:00:00:00:00:16', capabilities: ['pjlink'], reachability: 'online' });

    const long = await waitFor('the Cast screen with a 250-character name', () => find((d) => d.addresses.includes(ip(17))));
    expect(Array.from(long.name)).toHaveLength(80);
    expect(long.name).toMatch(/^Écran de la salle polyvalente tres tres/);
    expect(long.name).not.toMatch(/\t/);

    expect(devices.size).toBe(7);
  });

  it('shrugs off malformed mDNS packets and keeps working', async () => {
    const before = devices.size;
    await lab.exec(lab.roomNs, process.execPath, ['--import', 'tsx', 'tests/lab/support/mdns-junk.ts', lab.roomIp]);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(runner.exitCode).toBeNull();
    expect(devices.size).toBe(before);
    expect(find((d) => d.name.includes('Bad'))).toBeUndefined();
  });

  it('shows a device switched on after the scan began, within seconds', async () => {
    const ip18 = `${lab.prefix}.18`;
    expect(find((d) => d.addresses.includes(ip18))).toBeUndefined();
    await avahi.publish({ name: 'Écran tardif', type: '_googlecast._tcp', port: 8009, hostName: 'late.local', txt: ['id=00000000000000000000000000000018', 'fn=Écran allumé en retard', 'md=Chromecast', 'ca=4101'] }, 'late.service');
    const late = await waitFor('the late device', () => find((d) => d.addresses.includes(ip18)), 10_000);
    expect(late).toMatchObject({ name: 'Écran allumé en retard', kind: 'cast-receiver', reachability: 'online' });
  });

  it('marks it gone when it says goodbye', async () => {
    const ip18 = `${lab.prefix}.18`;
    const id = find((d) => d.addresses.includes(ip18))!.id;
    await avahi.unpublish('late.service');
    await waitFor('the goodbye', () => devices.get(id)?.reachability === 'offline', 10_000);
    // The other boxes are untouched.
    expect([...devices.values()].filter((d) => d.reachability === 'online')).toHaveLength(7);
  });

  it('survives the network going down during the scan: devices go offline, then come back with it', async () => {
    const ip = (n: number) => `${lab.prefix}.${n}`;
    await lab.exec(lab.teacherNs, 'ip', ['link', 'set', lab.teacherIf, 'down']);
    await waitFor('every device offline', () => [...devices.values()].every((d) => d.reachability === 'offline'), 10_000);
    expect(runner.exitCode).toBeNull();
    await lab.exec(lab.teacherNs, 'ip', ['link', 'set', lab.teacherIf, 'up']);
    // mDNS answers again and the search is sent again on the interface that came back.
    await waitFor('the Cast screen back online', () => find((d) => d.addresses.includes(ip(11)))?.reachability === 'online', 15_000);
    await waitFor('the searching projector back online', () => find((d) => d.addresses.includes(ip(15)))?.reachability === 'online', 15_000);
  });

  it('stops cleanly on SIGTERM and prints the summary line', async () => {
    const exited = new Promise<number | null>((r) => runner.once('exit', (code) => r(code)));
    runner.kill('SIGTERM');
    expect(await exited).toBe(0);
    const summary = JSON.parse(lines.at(-1)!) as { type: string; count: number };
    expect(summary).toMatchObject({ type: 'summary', count: 8 });
  });
});
