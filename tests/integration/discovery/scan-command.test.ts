/** `classe scan` logic end to end on loopback: JSON lines, the human table, the exit codes. */
import type { NetworkInterfaceInfo } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { runScanCommand } from '../../../main/cli/scan-runner';
import { startPjlinkResponder, type Responder } from '../../support/pjlink-responder';
import { ProjectorManager } from '../../../main/services/pjlink/manager';
import { createProjectorInfoReader } from '../../../main/services/pjlink/info-reader';
import type { InventoryEntry } from '../../../main/services/devices/report';

let responder: Responder | null = null;
let manager: ProjectorManager | null = null;
afterEach(async () => {
  await manager?.dispose();
  await responder?.close();
  manager = null;
  responder = null;
});

const loopback = (): NodeJS.Dict<NetworkInterfaceInfo[]> => ({
  'lo-test': [{ address: '127.0.0.1', netmask: '255.255.255.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: false, cidr: '127.0.0.1/24' }],
});

async function scan(options: Parameters<typeof runScanCommand>[0], lister = loopback, inventory: InventoryEntry[] = []) {
  responder = await startPjlinkResponder({
    udpPort: 0,
    tcpPort: 0,
    devices: [
      { address: '127.0.0.41', mac: '00:11:22:33:44:41', name: 'VP salle 12', maker: 'EPSON', model: 'EB-W49', inputs: [{ code: '31', name: 'HDMI 1' }, { code: '32', name: 'HDMI 2' }] },
      { address: '127.0.0.42', mac: '00:11:22:33:44:42', name: 'Écran <b>CM2</b>', maker: 'BenQ', model: 'RP654K', pjlinkClass: 1 },
    ],
  });
  // The app's PJLink client reads the details, as `classe scan` does.
  manager = new ProjectorManager({ connection: { connectTimeoutMs: 1_000, commandTimeoutMs: 1_000 } });
  const lines: string[] = [];
  const code = await runScanCommand(options, {
    out: (l) => lines.push(l),
    readProjectorInfo: createProjectorInfoReader(manager, { timeoutMs: 1_500 }),
    inventory,
    scan: {
      discovery: {
        mdns: false,
        pjlinkSearch: { port: responder.udpPort, bindPort: null },
        pjlinkTcpPort: responder.tcpPort,
        listInterfaces: lister,
        searchBurstMs: [0],
      },
    },
  });
  return { code, lines };
}

describe('classe scan', () => {
  it('--json prints one JSON object per line: found devices as they come, then a summary', async () => {
    const { code, lines } = await scan({ timeout: '1500ms', json: true });
    expect(code).toBe(0);
    const events = lines.map((l) => JSON.parse(l) as { type: string; device?: { name: string; mac: string }; count?: number });
    expect(events.at(-1)).toMatchObject({ type: 'summary', count: 2 });
    const found = events.filter((e) => e.type === 'found').map((e) => e.device!.mac);
    expect(found.sort()).toEqual(['00:11:22:33:44:41', '00:11:22:33:44:42']);
    const summary = events.at(-1) as unknown as { devices: { name: string; inputs?: unknown }[] };
    expect(summary.devices.map((d) => d.name).sort()).toEqual(['VP salle 12', 'Écran <b>CM2</b>']);
  });

  it('--json adds the inputs read over PJLink to the device (names on class 2, null on class 1)', async () => {
    const { lines } = await scan({ timeout: '1500ms', json: true });
    const events = lines.map((l) => JSON.parse(l) as { type: string; device?: { name: string; inputs?: unknown }; devices?: { name: string; inputs?: unknown }[] });
    const summary = events.at(-1)!;
    const byName = Object.fromEntries(summary.devices!.map((d) => [d.name, d.inputs]));
    expect(byName['VP salle 12']).toEqual([{ code: '31', name: 'HDMI 1' }, { code: '32', name: 'HDMI 2' }]);
    expect(byName['Écran <b>CM2</b>']).toEqual([{ code: '11', name: null }, { code: '31', name: null }]);
    // The event that brings the name (after the PJLink read) carries the inputs too.
    const named = events.find((e) => e.type !== 'summary' && e.device?.name === 'VP salle 12');
    expect(named?.device?.inputs).toEqual([{ code: '31', name: 'HDMI 1' }, { code: '32', name: 'HDMI 2' }]);
  });

  it('prints a table with the projectors’ names, then a summary', async () => {
    const { code, lines } = await scan({ timeout: 1.5 });
    expect(code).toBe(0);
    expect(lines[0]).toMatch(/^Type\s+Nom/);
    expect(lines.some((l) => /^Vidéoprojecteur\s+VP salle 12\s+127\.0\.0\.41\s+EB-W49/.test(l))).toBe(true);
    expect(lines.some((l) => l.includes('Écran <b>CM2</b>'))).toBe(true);
    // Each projector's inputs on the line under its row.
    const row = lines.findIndex((l) => l.startsWith('Vidéoprojecteur') && l.includes('VP salle 12'));
    expect(lines[row + 1]).toBe(`${' '.repeat(22)}Entrées\u202f: HDMI 1 (31), HDMI 2 (32)`);
    const other = lines.findIndex((l) => l.includes('Écran <b>CM2</b>'));
    expect(lines[other + 1]).toBe(`${' '.repeat(22)}Entrées\u202f: Ordinateur (VGA) 1 (11), HDMI 1 (31)`);
    expect(lines.at(-1)).toMatch(/^2 appareil\(s\) trouvé\(s\), dont 2 en ligne/);
  });

  it('waits for the inputs of a projector already named by the IT inventory before printing its row', async () => {
    const inventory: InventoryEntry[] = [{ id: 'salle-12-vp', room: 'salle-12', name: 'VP de la salle 12', host: '127.0.0.41', kind: 'projector' }];
    const { code, lines } = await scan({ timeout: 1.5 }, loopback, inventory);
    expect(code).toBe(0);
    const rows = lines.filter((l) => l.includes('127.0.0.41') && !l.startsWith(' '));
    expect(rows).toHaveLength(1);
    const row = lines.indexOf(rows[0]!);
    expect(lines[row + 1]).toBe(`${' '.repeat(22)}Entrées\u202f: HDMI 1 (31), HDMI 2 (32)`);
  });

  it('exits with 2 and says so when there is no network interface', async () => {
    const { code, lines } = await scan({ timeout: '300ms' }, () => ({}));
    expect(code).toBe(2);
    expect(lines.at(-1)).toMatch(/Aucune connexion réseau active/);
  });
});
