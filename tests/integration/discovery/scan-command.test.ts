/** `classe scan` logic end to end on loopback: JSON lines, the human table, the exit codes. */
import type { NetworkInterfaceInfo } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { runScanCommand } from '../../../main/cli/scan-runner';
import { startPjlinkResponder, type Responder } from '../../support/pjlink-responder';
import { createTestInfoReader } from '../../support/pjlink-info-reader';

let responder: Responder | null = null;
afterEach(async () => {
  await responder?.close();
  responder = null;
});

const loopback = (): NodeJS.Dict<NetworkInterfaceInfo[]> => ({
  'lo-test': [{ address: '127.0.0.1', netmask: '255.255.255.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: false, cidr: '127.0.0.1/24' }],
});

async function scan(options: Parameters<typeof runScanCommand>[0], lister = loopback) {
  responder = await startPjlinkResponder({
    udpPort: 0,
    tcpPort: 0,
    devices: [
      { address: '127.0.0.41', mac: '00:11:22:33:44:41', name: 'VP salle 12', maker: 'EPSON', model: 'EB-W49' },
      { address: '127.0.0.42', mac: '00:11:22:33:44:42', name: 'Écran <b>CM2</b>', maker: 'BenQ', model: 'RP654K' },
    ],
  });
  const lines: string[] = [];
  const code = await runScanCommand(options, {
    out: (l) => lines.push(l),
    readProjectorInfo: createTestInfoReader(1_500),
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
    const summary = events.at(-1) as unknown as { devices: { name: string }[] };
    expect(summary.devices.map((d) => d.name).sort()).toEqual(['VP salle 12', 'Écran <b>CM2</b>']);
  });

  it('prints a table with the projectors’ names, then a summary', async () => {
    const { code, lines } = await scan({ timeout: 1.5 });
    expect(code).toBe(0);
    expect(lines[0]).toMatch(/^Type\s+Nom/);
    expect(lines.some((l) => /^Vidéoprojecteur\s+VP salle 12\s+127\.0\.0\.41\s+EB-W49/.test(l))).toBe(true);
    expect(lines.some((l) => l.includes('Écran <b>CM2</b>'))).toBe(true);
    expect(lines.at(-1)).toMatch(/^2 appareil\(s\) trouvé\(s\), dont 2 en ligne/);
  });

  it('exits with 2 and says so when there is no network interface', async () => {
    const { code, lines } = await scan({ timeout: '300ms' }, () => ({}));
    expect(code).toBe(2);
    expect(lines.at(-1)).toMatch(/Aucune connexion réseau active/);
  });
});
